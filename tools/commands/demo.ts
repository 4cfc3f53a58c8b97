// npm run demo: the main job. Checks every bundled example offline through the real analyzer
// protocol, prints the non-compliant example's Policies section in full, and a verdict table.
// Exits 0 when every example gets its expected verdict.
import * as path from "node:path";
import { DEFAULT_CONTEXT, PackProcess } from "../engines/builtin/driver";
import { formatText, summary } from "../report/format";
import { runPolicies } from "../engines/builtin/run";
import { loadSource } from "../engines/builtin/sources";

const ROOT = path.resolve(__dirname, "..", "..", "..");

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
};

/** The demo command; resolves to its exit code. */
export async function main(): Promise<number> {
    const pack = await PackProcess.start(ROOT, DEFAULT_CONTEXT);
    const rows: string[] = [];
    let ok = true;
    try {
        for (const [name, expected] of Object.entries(EXPECTED)) {
            const loaded = await loadSource(path.join(ROOT, "examples", name), DEFAULT_CONTEXT);
            const result = await runPolicies({ packDir: ROOT, resources: loaded.resources, ctx: loaded.ctx, pack });
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
