// The offline stand-in provider plugins the real-CLI tests put first on PATH.
import * as fs from "node:fs";
import * as path from "node:path";

/** The directory that holds pulumi-resource-gcp, pulumi-resource-google-native and pulumi-resource-command. */
export function standinBinDir(): string {
    // Compiled: dist/tools/engines/pulumi/standins; from source: tools/engines/pulumi/standins.
    const fromDist = path.resolve(__dirname, "..", "..", "..", "..", "..", "tools", "engines", "pulumi", "standins", "bin");
    return fs.existsSync(fromDist) ? fromDist : path.resolve(__dirname, "bin");
}

/** The packages a stand-in exists for. */
export const STANDIN_PACKAGES = ["gcp", "google-native", "command"] as const;
