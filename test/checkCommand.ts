// Runs the `check` command as users do (a child process on the compiled command) for the suites
// that assert its output and exit codes.
import { execFile } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const CHECK = path.join(ROOT, "tools", "dist", "commands", "check.js");

/** What one `check` run printed and how it exited. */
export interface Outcome {
    code: number;
    stdout: string;
    stderr: string;
}

/**
 * `check ARGS` from `cwd` (default: the repository). Without an `--engine` in ARGS it runs the
 * built-in engine: `auto` would pick a real CLI whenever one is cached, and the unit suites are
 * about the built-in one (test/cli runs the real CLI's).
 */
export function runCheck(args: string[], cwd = ROOT, env?: NodeJS.ProcessEnv): Promise<Outcome> {
    const engine = args.includes("--engine") ? [] : ["--engine", "builtin"];
    // The suites' own passphrase never leaks into a check: what a test does not give is unset.
    const base = { ...process.env, PULUMI_CONFIG_PASSPHRASE: undefined, PULUMI_CONFIG_PASSPHRASE_FILE: undefined };
    const options = { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...base, ...env } };
    return new Promise((resolve) => {
        execFile(process.execPath, [CHECK, ...engine, ...args], options, (err, stdout, stderr) => {
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
        });
    });
}
