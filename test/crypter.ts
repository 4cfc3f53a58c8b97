// Test data: secrets encrypted as Pulumi's passphrase secrets manager encrypts them.
import { createCipheriv, pbkdf2Sync, randomBytes } from "node:crypto";

/** Encrypts as Pulumi's passphrase secrets manager does (crypt.go): a salt line and value ciphertexts. */
export function passphraseCrypter(passphrase: string, salt = randomBytes(8)): { salt: string; encrypt(plain: string): string } {
    const key = pbkdf2Sync(passphrase, salt, 1_000_000, 32, "sha256");
    const encrypt = (plain: string) => {
        const nonce = randomBytes(12);
        const c = createCipheriv("aes-256-gcm", key, nonce);
        const sealed = Buffer.concat([c.update(plain, "utf8"), c.final(), c.getAuthTag()]);
        return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
    };
    return { salt: `v1:${salt.toString("base64")}:${encrypt("pulumi")}`, encrypt };
}
