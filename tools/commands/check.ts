// cloud-run-binauthz check <program-dir | stack-export.json | preview.json> [options]
// Runs this pack over the resources offline, exactly as `pulumi preview --policy-pack` would
// drive it. Exit 1 when a finding at the --fail-on level remains, 0 otherwise, 2 on bad usage or
// input, or when the built-in engine refuses a program it cannot run faithfully (one line, the fix).
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CONTEXT, type StackContext } from "../engines/builtin/driver";
import { FAIL_ON, type FailOn, type Format, FORMATS, formatJson, formatMarkdown, formatSarif, formatText, summary } from "../report/format";
import { ConfigError, runPolicies } from "../engines/builtin/run";
import { InputError, loadSource } from "../engines/builtin/sources";
import { Refusal } from "../engines/builtin/project";

const USAGE = `usage: cloud-run-binauthz check <program-dir | stack-export.json | preview.json> [options]
       (or: npm run -s check -- ...)

  --policy-pack-config FILE  policy config in the CLI's format (the "all" key included)
  --stack NAME               stack name (default: dev); reads Pulumi.NAME.yaml beside a program
  --config KEY=VALUE         stack config, e.g. --config gcp:project=my-project (repeatable);
                             overrides Pulumi.NAME.yaml and supplies secure values offline
  --format FORMAT            text (default), json, sarif or markdown
  --json                     same as --format json
  --fail-on LEVEL            mandatory (default) or advisory: the lowest level that fails the check
  --engine builtin           the engine that runs a program (only builtin for now)
  --pack DIR                 the policy pack to run (default: this pack)
  --help                     this text

exit codes: 0 passed, 1 findings at the --fail-on level, 2 bad usage or input, or a program the
built-in engine cannot run faithfully (one line naming the cause and the fix)`;

class UsageError extends Error {}

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
    if (values.engine !== undefined && values.engine !== "builtin") return usage("--engine takes builtin (the only engine for now)");
    const target = positionals[0];
    const packDir = path.resolve(values.pack ?? path.join(__dirname, "..", "..", ".."));

    try {
        const config: Record<string, string> = {};
        for (const kv of values.config ?? []) {
            const eq = kv.indexOf("=");
            if (eq <= 0) throw new UsageError(`--config takes KEY=VALUE, not ${JSON.stringify(kv)}`);
            config[kv.slice(0, eq)] = kv.slice(eq + 1);
        }
        const ctx: StackContext = { ...DEFAULT_CONTEXT, stack: values.stack ?? DEFAULT_CONTEXT.stack, config };
        const configFile = values["policy-pack-config"] ? readJson(values["policy-pack-config"]) : undefined;
        const loaded = await loadSource(target, ctx);
        const result = await runPolicies({ packDir, resources: loaded.resources, ctx: loaded.ctx, configFile });
        const artifact = loaded.kind === "program" ? path.join(target, "Pulumi.yaml") : target;
        const out =
            format === "json"
                ? formatJson(result, target, loaded.kind, failOn)
                : format === "sarif"
                  ? formatSarif(result, artifact)
                  : format === "markdown"
                    ? formatMarkdown(result, target, failOn)
                    : formatText(result, target, failOn);
        process.stdout.write(`${out}\n`);
        return summary(result, failOn).passed ? 0 : 1;
    } catch (e) {
        if (e instanceof UsageError) return usage(e.message);
        if (e instanceof Refusal) {
            process.stderr.write(`check: ${e.message}\n`);
            return 2;
        }
        if (e instanceof InputError || e instanceof ConfigError) {
            process.stderr.write(`error: ${e.message}\n`);
            return 2;
        }
        // Never a stack trace by default: one line, with the details behind an environment variable.
        const detail = e instanceof Error ? (process.env.BINAUTHZ_DEBUG ? (e.stack ?? e.message) : e.message.split("\n")[0]) : String(e);
        process.stderr.write(`error: ${detail}${process.env.BINAUTHZ_DEBUG ? "" : " (BINAUTHZ_DEBUG=1 prints the details)"}\n`);
        return 2;
    }
}

function readJson(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
    }
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
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
