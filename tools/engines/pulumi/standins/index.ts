// Offline stand-ins for the parts of a real `pulumi preview` that cannot be built or reached here
// (see README, "Real-CLI engine"): provider plugins and the Node.js language host.
import * as fs from "node:fs";
import * as path from "node:path";
import { TOOLS_ROOT } from "../../../paths";

/** The directory that holds pulumi-resource-gcp, -google-native, -command and pulumi-language-nodejs. */
export function standinBinDir(): string {
    return path.join(TOOLS_ROOT, "engines", "pulumi", "standins", "bin");
}

/** The packages a stand-in provider exists for. */
export const STANDIN_PACKAGES = ["gcp", "google-native", "command"] as const;

/** True when the pulumi-language-nodejs stand-in is built (dist/) and its bin/ launcher is in place. */
export function nodejsHostAvailable(): boolean {
    return (
        fs.existsSync(path.join(__dirname, "nodejsLanguageHost.js")) && fs.existsSync(path.join(standinBinDir(), "pulumi-language-nodejs"))
    );
}
