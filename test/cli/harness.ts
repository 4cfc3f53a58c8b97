// The real-CLI suite's harness: finds (or builds) the real `pulumi`, and runs offline previews with
// the stand-in providers and language host on PATH.
import * as path from "node:path";
import { ensurePulumiCli, HOW_TO_GET_CLI, NoCliError, type PulumiCli } from "cloud-run-binauthz-tools/dist/engines/pulumi/cli";
import { pulumiPreview, type PreviewOptions, type PreviewResult } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";

export const ROOT = path.resolve(__dirname, "..", "..", "..");
export const STANDINS_BIN = path.join(ROOT, "tools", "engines", "pulumi", "standins", "bin");

let cli: PulumiCli | undefined;
let reported = false;

/**
 * The real CLI, built on first use where Go is installed. Without one the suite skips with one
 * line saying how to get it; under CI=true a missing CLI is a failure, never a skip.
 */
export function requireCli(ctx: Mocha.Context): PulumiCli {
    if (cli) return cli;
    try {
        cli = ensurePulumiCli();
        return cli;
    } catch (e) {
        const message = e instanceof NoCliError ? e.message : `${HOW_TO_GET_CLI} (${e instanceof Error ? e.message : String(e)})`;
        if (process.env.CI === "true") throw new Error(`real-CLI suite under CI=true: ${message}`, { cause: e });
        if (!reported) process.stdout.write(`real-CLI suite skipped: ${message}\n`);
        reported = true;
        ctx.skip();
    }
}

/** One offline `pulumi preview --policy-pack`, with this repository's stand-ins and this Node.js first on PATH. */
export function preview(
    c: PulumiCli,
    opts: Omit<PreviewOptions, "cliBinDir" | "pathPrefix" | "packDir"> & { packDir?: string },
): Promise<PreviewResult> {
    return pulumiPreview({
        packDir: ROOT,
        ...opts,
        cliBinDir: c.binDir,
        pathPrefix: [STANDINS_BIN, path.dirname(process.execPath)],
    });
}
