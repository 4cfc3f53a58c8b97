// npm run demo: the main job. Checks every bundled example offline through the real analyzer
// protocol, prints the non-compliant example's Policies section in full, and a verdict table.
// The YAML twins run through the real CLI when one is found (offline), and are listed as not run
// otherwise. Exits 0 when every example that ran gets its expected verdict.
import * as path from "node:path";
import { DEFAULT_CONTEXT, PackProcess } from "../engines/builtin/driver";
import { formatText, summary } from "../report/format";
import { runPolicies } from "../engines/builtin/run";
import { loadSource } from "../engines/builtin/sources";
import { findPulumiCli } from "../engines/pulumi/cli";
import { runWithPulumi } from "../engines/pulumi/run";
import { PACK_ROOT } from "../paths";

const ROOT = PACK_ROOT;

const NONCOMPLIANT = [
    "binauthz-allowlist-scoped",
    "binauthz-source-deploy-allowlist",
    "cloud-run-binauthz-required",
    "cloud-run-breakglass-justified",
];

/** Each example and the mandatory policies it must trip (none: it passes). */
export const EXPECTED: Record<string, string[]> = {
    compliant: [],
    "cloud-run-function": [],
    "functions-v2": [],
    breakglass: [],
    "v1-service": [],
    noncompliant: [
        "binauthz-allowlist-scoped",
        "binauthz-source-deploy-allowlist",
        "cloud-run-binauthz-required",
        "cloud-run-breakglass-justified",
    ],
    "yaml-compliant": [],
    "yaml-noncompliant": NONCOMPLIANT,
    "python-compliant": [],
    "python-noncompliant": NONCOMPLIANT,
    "python-breakglass": [],
    "python-functions-v2": [],
    "go-noncompliant": NONCOMPLIANT,
};

/** Examples written in YAML: only the real CLI runs them; each mirrors a Node.js example. */
export const YAML_TWINS: Record<string, string> = { "yaml-compliant": "compliant", "yaml-noncompliant": "noncompliant" };

/**
 * Examples in Python and Go, each mirroring a Node.js example. Only the real CLI runs them, and only
 * after a set-up the demo does not do (a Python venv from PyPI, the gcp Go SDK compiled: minutes), so
 * the demo lists them and `npm run e2e` and `check --engine pulumi` run them.
 */
export const LANGUAGE_TWINS: Record<string, string> = {
    "python-compliant": "compliant",
    "python-noncompliant": "noncompliant",
    "python-breakglass": "breakglass",
    "python-functions-v2": "functions-v2",
    "go-noncompliant": "noncompliant",
};

async function runBuiltin(dir: string, pack: PackProcess) {
    const loaded = await loadSource(dir, DEFAULT_CONTEXT);
    return runPolicies({ packDir: ROOT, resources: loaded.resources, ctx: loaded.ctx, pack });
}

/** The demo command; resolves to its exit code. */
export async function main(): Promise<number> {
    const pack = await PackProcess.start(ROOT, DEFAULT_CONTEXT);
    const rows: string[] = [];
    let ok = true;
    try {
        const cli = findPulumiCli();
        for (const [name, expected] of Object.entries(EXPECTED)) {
            const dir = path.join(ROOT, "examples", name);
            if (LANGUAGE_TWINS[name]) {
                const how = name.startsWith("go-") ? "compiles the gcp Go SDK first" : "builds its venv from PyPI first";
                rows.push(
                    `| examples/${name} | | not run by the demo (the real CLI ${how}): \`npm run -s check -- --engine pulumi examples/${name}\` | ${expected.length ? "fail" : "pass"} | |`,
                );
                continue;
            }
            if (YAML_TWINS[name] && !cli) {
                rows.push(
                    `| examples/${name} | | not run: a YAML program needs the real CLI (\`npm run -s pulumi-cli\`, then \`npm run e2e\`) | ${expected.length ? "fail" : "pass"} | |`,
                );
                continue;
            }
            const result = YAML_TWINS[name]
                ? await runWithPulumi({ programDir: dir, packDir: ROOT, stack: "dev", config: {}, cli })
                : await runBuiltin(dir, pack);
            const fired = result.diagnostics
                .filter((d) => d.enforcementLevel === "mandatory")
                .map((d) => d.policyName)
                .sort();
            const match = JSON.stringify(fired) === JSON.stringify([...expected].sort());
            ok &&= match;
            if (name === "noncompliant")
                process.stdout.write(`$ npm run check -- examples/noncompliant\n${formatText(result, `examples/${name}`)}\n\n`);
            const s = summary(result);
            rows.push(
                `| examples/${name} | ${result.resources} | ${s.passed ? "pass" : "fail"} (${s.mandatory} mandatory, ${s.advisory} advisory) | ${expected.length ? "fail" : "pass"} | ${match ? "as expected" : `UNEXPECTED: ${fired.join(", ") || "none"}`} |`,
            );
        }
    } finally {
        await pack.close();
    }
    process.stdout.write(["| example | resources | verdict | expected | |", "|---|---|---|---|---|", ...rows, ""].join("\n"));
    process.stdout.write(ok ? "\nEvery example got its expected verdict.\n" : "\nSome example did not get its expected verdict.\n");
    return ok ? 0 : 1;
}

if (require.main === module) {
    main().then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
