// cloud-run-binauthz check <program-dir | stack-export.json | preview.json> [options]
// Runs this pack over the resources offline, exactly as `pulumi preview --policy-pack` would
// drive it. Exit 1 when a finding at the --fail-on level remains, 0 otherwise, 2 on bad usage or
// input, or when the built-in engine refuses a program it cannot run faithfully (one line, the fix).
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CONTEXT, EngineError, type StackContext } from "../engines/builtin/driver";
import { FAIL_ON, type FailOn, type Format, FORMATS, formatJson, formatMarkdown, formatSarif, formatText, summary } from "../report/format";
import { ConfigError, runPolicies } from "../engines/builtin/run";
import { InputError, loadSource, undecryptableSecrets } from "../engines/builtin/sources";
import { Refusal } from "../engines/builtin/project";
import { findPulumiCli } from "../engines/pulumi/cli";
import { runWithPulumi } from "../engines/pulumi/run";
import { analyzeWithPulumi, supportsPolicyAnalyze } from "../engines/pulumi/analyze";
import { readStackOutputs, StackOutputsError, type StackOutputs } from "../engines/program/stackOutputs";
import { withUncheckedComponents } from "../engines/program/components";
import { PACK_ROOT } from "../paths";
import { configPairs, readJsonFile, unexpectedError, UsageError } from "./args";

const USAGE = `usage: cloud-run-binauthz check <program-dir | stack-export.json | preview.json> [options]
       (or: npm run -s check -- ...)

  --policy-pack-config FILE  policy config in the CLI's format (the "all" key included)
  --stack NAME               stack name (default: dev); reads Pulumi.NAME.yaml beside a program
  --config KEY=VALUE         stack config, e.g. --config gcp:project=my-project (repeatable);
                             overrides Pulumi.NAME.yaml and supplies secure values offline
  --stack-outputs ORG/PROJECT/STACK=FILE
                             the outputs a StackReference to that stack reads (repeatable);
                             FILE is \`pulumi stack output --json --show-secrets --stack ORG/PROJECT/STACK\`
  --format FORMAT            text (default), json, sarif or markdown
  --json                     same as --format json
  --fail-on LEVEL            mandatory (default) or advisory: the lowest level that fails the check
  --engine ENGINE            how a program runs: pulumi (the real CLI's pulumi preview, offline, with
                             the stand-in providers; a stack export through pulumi policy analyze),
                             builtin (Node.js programs under Pulumi's mocks) or auto (default: pulumi
                             when a CLI is found on PATH or built by npm run -s pulumi-cli, else builtin)
  --pack DIR                 the policy pack to run (default: this pack)
  --help                     this text

exit codes: 0 passed, 1 findings at the --fail-on level, 2 bad usage or input, or a program the
built-in engine cannot run faithfully (one line naming the cause and the fix)`;

/** The check command; resolves to its exit code. */
export async function main(argv: string[]): Promise<number> {
    let args;
    try {
        args = parseArgs({
            args: argv,
            allowPositionals: true,
            options: {
                "policy-pack-config": { type: "string" },
                stack: { type: "string" },
                config: { type: "string", multiple: true },
                "stack-outputs": { type: "string", multiple: true },
                format: { type: "string" },
                json: { type: "boolean" },
                pack: { type: "string" },
                "fail-on": { type: "string" },
                engine: { type: "string" },
                help: { type: "boolean" },
            },
        });
    } catch (e) {
        return usage((e as Error).message);
    }
    const { values, positionals } = args;
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (positionals.length !== 1)
        return usage(positionals.length ? "give exactly one program directory or file" : "missing the program directory or file to check");
    const format = (values.json ? "json" : (values.format ?? "text")) as Format;
    if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(", ")}`);
    const failOn = (values["fail-on"] ?? "mandatory") as FailOn;
    if (!FAIL_ON.includes(failOn)) return usage(`--fail-on must be one of ${FAIL_ON.join(", ")}`);
    const engine = values.engine ?? "auto";
    if (!ENGINES.includes(engine as Engine)) return usage(`--engine must be one of ${ENGINES.join(", ")}`);
    const target = positionals[0];
    const packDir = path.resolve(values.pack ?? PACK_ROOT);

    try {
        const config = configPairs(values.config);
        const stackOutputs = readStackOutputs(values["stack-outputs"]);
        const stackGiven = values.stack !== undefined;
        const ctx: StackContext = { ...DEFAULT_CONTEXT, stack: values.stack ?? DEFAULT_CONTEXT.stack, config };
        const configFile = values["policy-pack-config"] ? readJsonFile(values["policy-pack-config"]) : undefined;
        const isProgram = fs.existsSync(target) && fs.statSync(target).isDirectory();
        const exportFile = !isProgram && isStackExport(target);
        if (!isProgram && !exportFile && engine === "pulumi")
            throw new UsageError(
                "--engine pulumi runs a program directory or a stack export (pulumi policy analyze reads no preview JSON); check preview JSON with --engine builtin",
            );
        const cli = engine === "builtin" ? undefined : findPulumiCli();
        const useCli = isProgram && (engine === "pulumi" || (engine === "auto" && cli !== undefined));
        // Under auto, an export whose secrets cannot be decrypted here goes to the built-in driver, which treats them
        // as unknown: the real CLI would analyse each as the string "[secret]" and judge that string.
        const analyze =
            exportFile &&
            (engine === "pulumi" ||
                (engine === "auto" && cli !== undefined && supportsPolicyAnalyze(cli) && undecryptableSecrets(target) === 0));
        const notes: string[] = [];
        const { kind, result } = analyze
            ? {
                  kind: "stack-export",
                  result: await analyzeWithPulumi({ file: target, packDir, policyPackConfig: values["policy-pack-config"], cli, notes }),
              }
            : useCli
              ? {
                    kind: "program",
                    result: await runWithPulumi({
                        programDir: target,
                        packDir,
                        stack: ctx.stack,
                        stackGiven,
                        config,
                        policyPackConfig: values["policy-pack-config"],
                        stackOutputs,
                    }),
                }
              : await runBuiltin(target, ctx, packDir, configFile, { stackGiven, stackOutputs });
        for (const note of notes) process.stderr.write(`${note}\n`);
        const artifact = kind === "program" ? path.join(target, "Pulumi.yaml") : target;
        const out =
            format === "json"
                ? formatJson(result, target, kind, failOn)
                : format === "sarif"
                  ? formatSarif(result, artifact)
                  : format === "markdown"
                    ? formatMarkdown(result, target, failOn)
                    : formatText(result, target, failOn);
        process.stdout.write(`${out}\n`);
        return summary(result, failOn).passed ? 0 : 1;
    } catch (e) {
        if (e instanceof UsageError || e instanceof StackOutputsError) return usage(e.message);
        if (e instanceof Refusal) {
            process.stderr.write(`check: ${e.message}\n`);
            return 2;
        }
        if (e instanceof InputError || e instanceof ConfigError || e instanceof EngineError) {
            process.stderr.write(`error: ${e.message}\n`);
            return 2;
        }
        process.stderr.write(`${unexpectedError(e)}\n`);
        return 2;
    }
}

const ENGINES = ["auto", "pulumi", "builtin"] as const;

/** Whether `file` is a `pulumi stack export` (a JSON object with "deployment"); anything else goes to the built-in driver, which says what it is. */
function isStackExport(file: string): boolean {
    try {
        const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { deployment?: unknown } | null;
        return !!doc && typeof doc === "object" && !!doc.deployment && typeof doc.deployment === "object";
    } catch {
        return false;
    }
}
type Engine = (typeof ENGINES)[number];

async function runBuiltin(
    target: string,
    ctx: StackContext,
    packDir: string,
    configFile: unknown,
    opts: { stackGiven: boolean; stackOutputs: StackOutputs[] },
) {
    const loaded = await loadSource(target, ctx, opts);
    const result = withUncheckedComponents(
        await runPolicies({ packDir, resources: loaded.resources, ctx: loaded.ctx, configFile }),
        loaded.components ?? [],
    );
    // On stderr, so that redirected JSON, SARIF and Markdown stay clean.
    for (const note of [...(loaded.notes ?? []), ...(result.configWarnings ?? []).map((w) => `warning: ${w}`)])
        process.stderr.write(`${note}\n`);
    return { kind: loaded.kind as string, result: { ...result, engine: { name: "builtin" as const } } };
}

function usage(message: string): number {
    process.stderr.write(`error: ${message}\n\n${USAGE}\n`);
    return 2;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
