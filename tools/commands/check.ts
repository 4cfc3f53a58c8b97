// npm run check -- <program-dir | stack-export.json | preview.json> [--policy-pack-config f]
//                  [--stack name] [--config key=value] [--format text|json|sarif|markdown] [--json]
// Runs this pack over the resources offline, exactly as `pulumi preview --policy-pack` would
// drive it. Exit 1 when a mandatory violation remains, 0 otherwise, 2 on bad usage or input.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CONTEXT, type StackContext } from "../engines/builtin/driver";
import { type Format, FORMATS, formatJson, formatMarkdown, formatSarif, formatText, summary } from "../report/format";
import { ConfigError, runPolicies } from "../engines/builtin/run";
import { InputError, loadSource } from "../engines/builtin/sources";
import { Refusal } from "../engines/builtin/project";

const USAGE = `usage: npm run check -- <program-dir | stack-export.json | preview.json> [options]

  --policy-pack-config FILE  policy config in the CLI's format (the "all" key included)
  --stack NAME               stack name (default: dev); reads Pulumi.NAME.yaml beside a program
  --config KEY=VALUE         stack config, e.g. --config gcp:project=my-project (repeatable)
  --format FORMAT            text (default), json, sarif or markdown
  --json                     same as --format json
  --pack DIR                 the policy pack to run (default: this pack)
  --help                     this text

exit codes: 0 no mandatory violation, 1 mandatory violations, 2 bad usage or input`;

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
        const artifact = loaded.kind === "program" ? path.join(target, "index.ts") : target;
        const out =
            format === "json"
                ? formatJson(result, target, loaded.kind)
                : format === "sarif"
                  ? formatSarif(result, artifact)
                  : format === "markdown"
                    ? formatMarkdown(result, target)
                    : formatText(result, target);
        process.stdout.write(`${out}\n`);
        return summary(result).passed ? 0 : 1;
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
        process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
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
