// `secure:` values in a stack file, read as the CLI's secrets managers read them, offline:
// - passphrase stacks (an `encryptionsalt`): the passphrase from PULUMI_CONFIG_PASSPHRASE (if set, even
//   empty) or PULUMI_CONFIG_PASSPHRASE_FILE (its contents, trimmed), as pkg/secrets/passphrase
//   readPassphrase does. The salt is `v1:<salt>:<"pulumi" encrypted>`; the key is PBKDF2-SHA256 of the
//   passphrase (1,000,000 rounds, 32 bytes) and each value `v1:<nonce>:<AES-256-GCM ciphertext+tag>`
//   (sdk/go/common/resource/config/crypt.go). Decrypting the salt's check value tells a right
//   passphrase from a wrong one before anything runs.
// - a cloud secrets provider (`secretsprovider: gcpkms://...`, awskms, azurekeyvault, hashivault) or
//   Pulumi Cloud (no salt, no provider): the values need the cloud, so they cannot be read offline.
// Where the values cannot be read, a program that never reads them still runs, and one that does is
// refused in one line that names the variable to set or the --config to pass (both engines).
import { createDecipheriv, pbkdf2Sync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** How a stack file's secure values can be read here. */
export interface StackSecrets {
    /** Set when they can be: decrypts one `v1:...` ciphertext (throws if it is not one of this stack's). */
    decrypt?: (ciphertext: string) => string;
    /** The passphrase that decrypts them (the real CLI gets it through PULUMI_CONFIG_PASSPHRASE). */
    passphrase?: string;
    /** Why they cannot be read, and what to do instead of --config (empty when they can be read). */
    why: string;
    fix: string;
}

/** A `{ secure: "..." }` leaf. */
export function isSecureLeaf(v: unknown): v is { secure: string } {
    return isObject(v) && Object.keys(v).length === 1 && typeof v.secure === "string";
}

/** True if a stack config value holds a secure leaf anywhere. */
export function hasSecure(v: unknown): boolean {
    if (isSecureLeaf(v)) return true;
    if (Array.isArray(v)) return v.some(hasSecure);
    return isObject(v) && Object.values(v).some(hasSecure);
}

/** The value with every secure leaf decrypted (throws where `decrypt` does). */
export function decryptValue(v: unknown, decrypt: (c: string) => string): unknown {
    if (isSecureLeaf(v)) return decrypt(v.secure);
    if (Array.isArray(v)) return v.map((x) => decryptValue(x, decrypt));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decryptValue(x, decrypt)]));
    return v;
}

function decrypter(key: Buffer): (ciphertext: string) => string {
    return (ciphertext) => {
        const parts = ciphertext.split(":");
        if (parts.length !== 3 || parts[0] !== "v1") throw new Error("not a v1 ciphertext");
        const nonce = Buffer.from(parts[1], "base64");
        const sealed = Buffer.from(parts[2], "base64");
        if (nonce.length !== 12 || sealed.length < 16) throw new Error("not a v1 ciphertext");
        const d = createDecipheriv("aes-256-gcm", key, nonce);
        d.setAuthTag(sealed.subarray(sealed.length - 16));
        return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]).toString("utf8");
    };
}

/** The key a passphrase gives for an `encryptionsalt`, if it is that stack's passphrase. */
export function passphraseKey(encryptionsalt: string, passphrase: string): Buffer | undefined {
    const m = /^v1:([^:]*):(v1:[^:]*:[^:]*)$/.exec(encryptionsalt.trim());
    if (!m) return undefined;
    const key = pbkdf2Sync(passphrase, Buffer.from(m[1], "base64"), 1_000_000, 32, "sha256");
    try {
        return decrypter(key)(m[2]) === "pulumi" ? key : undefined;
    } catch {
        return undefined;
    }
}

/** readPassphrase: the variable it came from and the passphrase, or why there is none. */
export function readPassphrase(env: NodeJS.ProcessEnv, cwd = process.cwd()): { variable: string; passphrase?: string; problem?: string } {
    if (env.PULUMI_CONFIG_PASSPHRASE !== undefined)
        return { variable: "PULUMI_CONFIG_PASSPHRASE", passphrase: env.PULUMI_CONFIG_PASSPHRASE };
    const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
    if (file) {
        try {
            return { variable: "PULUMI_CONFIG_PASSPHRASE_FILE", passphrase: fs.readFileSync(path.resolve(cwd, file), "utf8").trim() };
        } catch (e) {
            return {
                variable: "PULUMI_CONFIG_PASSPHRASE_FILE",
                problem: `PULUMI_CONFIG_PASSPHRASE_FILE cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`,
            };
        }
    }
    return { variable: "PULUMI_CONFIG_PASSPHRASE", problem: "PULUMI_CONFIG_PASSPHRASE is not set (nor PULUMI_CONFIG_PASSPHRASE_FILE)" };
}

const SET_PASSPHRASE = "set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack's passphrase, or";

/** How the secure values of a stack file (its parsed document) can be read with this environment. */
export function stackSecrets(doc: unknown, env: NodeJS.ProcessEnv = process.env): StackSecrets {
    const d = isObject(doc) ? doc : {};
    const provider = typeof d.secretsprovider === "string" ? d.secretsprovider.trim() : "";
    if (provider && provider !== "passphrase" && provider !== "default") {
        const scheme = /^([a-z0-9+.-]+):\/\//i.exec(provider)?.[1] ?? provider;
        return { why: `its secrets provider ${scheme}:// needs the cloud`, fix: "" };
    }
    const salt = typeof d.encryptionsalt === "string" ? d.encryptionsalt : "";
    if (!salt) {
        return provider === "passphrase"
            ? { why: "the stack file has no encryptionsalt", fix: "" }
            : { why: "Pulumi Cloud encrypted it (the stack file has no passphrase salt)", fix: "" };
    }
    const given = readPassphrase(env);
    if (given.passphrase === undefined) return { why: given.problem ?? "", fix: SET_PASSPHRASE };
    const key = passphraseKey(salt, given.passphrase);
    if (!key) return { why: `${given.variable} is not this stack's passphrase`, fix: SET_PASSPHRASE };
    return { decrypt: decrypter(key), passphrase: given.passphrase, why: "", fix: "" };
}

/** The one line for a program that reads a secure value nobody can decrypt here (both engines refuse with it). */
export function undecryptableRefusal(key: string, stackFile: string, secrets: StackSecrets): string {
    const fix = secrets.fix ? `${secrets.fix} pass` : "pass";
    return `the program reads '${key}', a secret in ${path.basename(stackFile)} that cannot be decrypted (${secrets.why}); ${fix} the value with --config ${key}=VALUE (it stays a secret)`;
}

/**
 * Whether a program's sources name a config key: the bare name or the full `ns:name` in quotes (a
 * Config().get/require/... argument), or `${name}` in YAML. The real engine cannot see which keys a
 * program reads, so it refuses on the name before the run; false positives refuse, never pass.
 */
export function sourcesMention(files: { file: string; text: string }[], key: string): boolean {
    const colon = key.indexOf(":");
    const bare = colon >= 0 ? key.slice(colon + 1) : key;
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const quoted = new RegExp(`["'\`](?:${esc(key)}|${esc(bare)})["'\`]`);
    const yamlRef = new RegExp(`\\$\\{(?:${esc(key)}|${esc(bare)})(?:[}.\\[])`);
    return files.some(({ file, text }) => (/\.ya?ml$/.test(file) ? yamlRef.test(text) || quoted.test(text) : quoted.test(text)));
}

const SOURCE_EXT = /\.(?:[cm]?[jt]sx?|py|ya?ml)$/;
const SKIP_DIRS = new Set(["node_modules", ".git", ".pulumi", "venv", ".venv", "__pycache__"]);

/** The program's own source files (no dependencies, no stack files), up to a bounded total size. */
export function programSources(dir: string, maxBytes = 32 * 1024 * 1024): { file: string; text: string }[] {
    const out: { file: string; text: string }[] = [];
    let total = 0;
    const walk = (d: string) => {
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(d, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries) {
            const full = path.join(d, e.name);
            if (e.isDirectory()) {
                if (!SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) walk(full);
            } else if (e.isFile() && SOURCE_EXT.test(e.name) && !/^Pulumi\..+\.ya?ml$/.test(e.name)) {
                const size = fs.statSync(full).size;
                if (total + size > maxBytes) continue;
                total += size;
                out.push({ file: full, text: fs.readFileSync(full, "utf8") });
            }
        }
    };
    walk(dir);
    return out;
}
