// cloud-run-binauthz companion DIR [--format yaml|pulumi|gcloud]: the deploy-time twin of the pack.
// Reads what `check` reads (a program, a stack export or preview JSON) and prints, for every
// project where the stack runs source-built workloads, the minimal Binary Authorization policy
// (exactly the source-deploy exemptions the pack requires), and for every project with Cloud Run
// workloads the organization policy that allows only the default Binary Authorization policy.
import { parseArgs } from "node:util";
import { DEFAULT_CONTEXT, type StackContext } from "../engines/builtin/driver";
import { InputError, loadSource } from "../engines/builtin/sources";
import { configPairs, readJsonFile, unexpectedError, UsageError } from "./args";
import { companionPlan } from "../companion/plan";
import { COMPANION_FORMATS, type CompanionFormat, render } from "../companion/render";

const USAGE = `usage: npm run -s companion -- <program-dir | stack-export.json | preview.json> [options]

  --format FORMAT            yaml (default: policy.yaml for gcloud container binauthz policy import, and the
                             organization policy for gcloud org-policies set-policy), pulumi (TypeScript), gcloud (commands)
  --policy-pack-config FILE  the pack's config file: exemptions of binauthz-source-deploy-allowlist skip workloads, as in check
  --stack NAME               stack name (default: dev); reads Pulumi.NAME.yaml beside a program
  --config KEY=VALUE         stack config, e.g. --config gcp:project=my-project (repeatable)
  --help                     this text

exit codes: 0 printed; 1 printed, but some workload's exemption could not be computed (stderr says which); 2 bad usage or input`;

/** The companion command; resolves to its exit code. */
export async function main(argv: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: {
                format: { type: "string" },
                "policy-pack-config": { type: "string" },
                stack: { type: "string" },
                config: { type: "string", multiple: true },
                help: { type: "boolean" },
            },
        });
    } catch (e) {
        return usage((e as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (positionals.length !== 1) return usage("give exactly one program directory, stack export or preview JSON");
    const format = (values.format ?? "yaml") as CompanionFormat;
    if (!COMPANION_FORMATS.includes(format)) return usage(`--format must be one of ${COMPANION_FORMATS.join(", ")}`);
    try {
        const config = configPairs(values.config);
        let allowlistConfig: unknown;
        if (values["policy-pack-config"]) {
            const file = readJsonFile(values["policy-pack-config"]) as Record<string, unknown> | null;
            allowlistConfig = file?.["binauthz-source-deploy-allowlist"];
        }
        const ctx: StackContext = { ...DEFAULT_CONTEXT, stack: values.stack ?? DEFAULT_CONTEXT.stack, config };
        const loaded = await loadSource(positionals[0], ctx);
        const plan = companionPlan(loaded.resources, loaded.ctx.config, typeof allowlistConfig === "object" ? allowlistConfig : undefined);
        if (plan.policies.length === 0 && plan.orgPolicyProjects.length === 0) {
            process.stderr.write("the stack runs no Cloud Run or Cloud Functions (2nd gen) workload: nothing to print\n");
        } else {
            process.stdout.write(render(plan, format));
        }
        for (const w of plan.warnings) process.stderr.write(`warning: ${w}\n`);
        return plan.warnings.length ? 1 : 0;
    } catch (e) {
        if (e instanceof UsageError) return usage(e.message);
        if (e instanceof InputError) {
            process.stderr.write(`error: ${e.message}\n`);
            return 2;
        }
        process.stderr.write(`${unexpectedError(e)}\n`);
        return 2;
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
