// Offline stand-ins for parts of the Pulumi CLI that cannot be built here (see README, "Real-CLI engine").
import * as fs from "node:fs";
import * as path from "node:path";

/** True when the pulumi-language-nodejs stand-in is built (dist/) and its bin/ launcher is in place. */
export function nodejsHostAvailable(): boolean {
    const root = path.resolve(__dirname, "..", "..", "..", "..", "..");
    const launcher = path.join(root, "tools", "engines", "pulumi", "standins", "bin", "pulumi-language-nodejs");
    return fs.existsSync(path.join(__dirname, "nodejsLanguageHost.js")) && fs.existsSync(launcher);
}
