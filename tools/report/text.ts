// The CLI's Policies section, as `pulumi preview` prints it, and a one-line verdict.
import type { RunResult } from "../engines/builtin/run";
import { type FailOn, summary, urnParts, violations } from "./findings";

/** The CLI's Policies section, followed by a one-line summary. */
export function formatText(result: RunResult, source: string, failOn: FailOn = "mandatory"): string {
    const s = summary(result, failOn);
    const lines = ["Policies:", `    ${s.passed ? "✅" : "❌"} ${result.pack.name}@v${result.pack.version} (local: ${result.pack.dir})`];
    for (const v of violations(result)) {
        lines.push(`        - [${v.level}]  ${v.policy}  (${v.type}: ${v.name})`);
        for (const l of v.message.split("\n")) lines.push(`          ${l}`);
    }
    for (const [urn, policies] of Object.entries(result.remediated)) {
        const { type, name } = urnParts(urn);
        lines.push(
            `        - [remediate]  ${policies.join(", ")}  (${type}: ${name})`,
            "          remediated: Binary Authorization set to the project's default policy",
        );
    }
    lines.push(
        "",
        `${source}: ${result.resources} resources checked, ${s.mandatory} mandatory, ${s.advisory} advisory${s.remediated ? `, ${s.remediated} remediated` : ""}: ${s.passed ? "passed" : "failed"}`,
    );
    return lines.join("\n");
}
