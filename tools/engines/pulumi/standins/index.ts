// Offline stand-ins for the parts of a real `pulumi preview` that cannot be built or reached here
// (see README, "Real-CLI engine"): provider plugins and the Node.js language host.
import * as fs from "node:fs";
import * as path from "node:path";

/** The directory that holds pulumi-resource-gcp, -google-native, -command and pulumi-language-nodejs. */
export function standinBinDir(): string {
    // Compiled: dist/tools/engines/pulumi/standins; from source: tools/engines/pulumi/standins.
    const fromDist = path.resolve(__dirname, "..", "..", "..", "..", "..", "tools", "engines", "pulumi", "standins", "bin");
    return fs.existsSync(fromDist) ? fromDist : path.resolve(__dirname, "bin");
}

/** The packages a stand-in provider exists for. */
export const STANDIN_PACKAGES = ["gcp", "google-native", "command"] as const;

/** True when the pulumi-language-nodejs stand-in is built (dist/) and its bin/ launcher is in place. */
export function nodejsHostAvailable(): boolean {
    return (
        fs.existsSync(path.join(__dirname, "nodejsLanguageHost.js")) && fs.existsSync(path.join(standinBinDir(), "pulumi-language-nodejs"))
    );
}
