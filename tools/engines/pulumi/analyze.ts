// `check <stack-export.json> --engine pulumi`: the real engine reading the export, through
// `pulumi policy analyze --file` (v3.249 and later, pkg/cmd/pulumi/policy/policy_analyze.go): Analyze
// with each resource's inputs, AnalyzeStack with their outputs, remediations reported but not applied.
// `--json` prints one engine event per line (policyEvent, then a summaryEvent); exit 1 means a
// mandatory violation (or a load/config error, told apart by the events). Run offline as previews
// are: a temp PULUMI_HOME and file backend, the stand-in Node.js host first on PATH (it starts the
// pack), no update check, no plugin downloads. Secrets the CLI cannot decrypt here are analysed as
// "[secret]" (its own warning says so; check passes it on).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunResult } from "../builtin/run";
import { InputError } from "../builtin/sources";
import { readPassphrase } from "../program/secrets";
import { findPulumiCli, HOW_TO_GET_CLI, parseVersion, type PulumiCli } from "./cli";
import { offlineEnv, readEventLog, runCommand } from "./preview";
import { analyzerInfo, STANDINS_BIN } from "./run";

/** The first CLI with `pulumi policy analyze`. */
export const POLICY_ANALYZE_SINCE: readonly [number, number, number] = [3, 249, 0];

/** Whether this CLI has `pulumi policy analyze --file`. */
export function supportsPolicyAnalyze(cli: Pick<PulumiCli, "version">): boolean {
    const v = parseVersion(cli.version);
    if (!v || v[0] !== 3) return false;
    for (let i = 1; i < 3; i++) if (v[i] !== POLICY_ANALYZE_SINCE[i]) return v[i] > POLICY_ANALYZE_SINCE[i];
    return true;
}

/** What to analyze. */
export interface AnalyzeOptions {
    file: string;
    packDir: string;
    policyPackConfig?: string;
    cli?: PulumiCli;
    /** Lines for the user (the CLI's warnings), written by the caller on stderr. */
    notes?: string[];
}

/** Runs `pulumi policy analyze --file` on a stack export and reports it like the built-in driver does. */
export async function analyzeWithPulumi(opts: AnalyzeOptions): Promise<RunResult> {
    const cli = opts.cli ?? findPulumiCli();
    if (!cli) throw new InputError(HOW_TO_GET_CLI);
    if (!supportsPolicyAnalyze(cli))
        throw new InputError(
            `pulumi ${cli.version} has no \`pulumi policy analyze\` (v${POLICY_ANALYZE_SINCE.join(".")} and later); check the export with --engine builtin`,
        );
    const file = path.resolve(opts.file);
    const packDir = path.resolve(opts.packDir);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "crb-analyze-"));
    try {
        fs.mkdirSync(path.join(workDir, "state"));
        const passphrase = readPassphrase(process.env).passphrase;
        const env = offlineEnv(workDir, {
            cliBinDir: cli.binDir,
            pathPrefix: [STANDINS_BIN, path.dirname(process.execPath)],
            env: passphrase !== undefined ? { PULUMI_CONFIG_PASSPHRASE: passphrase } : {},
        });
        if (passphrase === undefined) delete env.PULUMI_CONFIG_PASSPHRASE;
        const args = ["policy", "analyze", "--file", file, "--policy-pack", packDir, "--json", "--non-interactive"];
        if (opts.policyPackConfig) args.push("--policy-pack-config", path.resolve(opts.policyPackConfig));
        const r = await runCommand("pulumi", args, workDir, env);
        const events = readEventLog(r.stdout);
        const summary = r.stdout.split("\n").some((l) => l.includes('"summaryEvent"'));
        const stderr = r.stderr
            .split("\n")
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith("warning: using pulumi-language-nodejs from $PATH"));
        if (r.code !== 0 && !(summary && events.diagnostics.some((d) => d.enforcementLevel === "mandatory"))) {
            const reason = stderr.find((l) => l.startsWith("error: ")) ?? stderr[stderr.length - 1] ?? `exit code ${r.code}`;
            throw new InputError(`pulumi policy analyze failed: ${reason.replace(/^error: /, "")}`);
        }
        opts.notes?.push(...stderr.filter((l) => l.startsWith("warning: ") || l.endsWith("nothing to analyze.")));
        const info = await analyzerInfo(packDir);
        const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { deployment?: { resources?: unknown[] } };
        return {
            engine: { name: "pulumi", version: cli.version },
            pack: { name: info.name, version: info.version, dir: packDir },
            policies: info.policies,
            resources: doc.deployment?.resources?.length ?? 0,
            diagnostics: events.diagnostics,
            remediated: events.remediated,
            analyzed: [],
            output: [],
        };
    } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
    }
}
