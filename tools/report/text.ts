// The CLI's Policies section, as `pulumi preview` prints it, and a one-line verdict.
import type { RunResult } from "../engines/builtin/run";
import { type FailOn, summary, urnParts, violations } from "./findings";

/**
 * A type token as the CLI displays it (sdk/go/common/tokens/tokens.go Type.DisplayName):
 * `gcp:cloudrunv2/service:Service` becomes `gcp:cloudrunv2:Service` when the module's last part is
 * the type name with a lower-case first letter; anything else is shown as it is.
 */
export function displayType(type: string): string {
    const parts = type.split(":");
    if (parts.length !== 3 || !parts[2]) return type;
    const [pkg, module, name] = parts;
    const slash = module.lastIndexOf("/");
    if (slash < 0 || module.slice(slash + 1) !== name[0].toLowerCase() + name.slice(1)) return type;
    return `${pkg}:${module.slice(0, slash)}:${name}`;
}

/** The CLI's Policies section (pkg/backend/display/diff.go renderDiffPolicyViolationEvent), then a one-line summary. */
export function formatText(result: RunResult, source: string, failOn: FailOn = "mandatory"): string {
    const s = summary(result, failOn);
    const lines = ["Policies:", `    ${s.passed ? "✅" : "❌"} ${result.pack.name}@v${result.pack.version} (local: ${result.pack.dir})`];
    for (const v of violations(result)) {
        const severity = v.severity ? ` [severity: ${v.severity}]` : "";
        lines.push(`        - [${v.level}]${severity}  ${v.policy}  (${displayType(v.type)}: ${v.name})`);
        for (const l of v.message.split("\n")) lines.push(`          ${l}`);
    }
    for (const [urn, policies] of Object.entries(result.remediated)) {
        const { type, name } = urnParts(urn);
        lines.push(
            `        - [remediate]  ${policies.join(", ")}  (${displayType(type)}: ${name})`,
            "          remediated: Binary Authorization set to the project's default policy",
        );
    }
    lines.push(
        "",
        `${source}: ${result.resources} resources checked, ${s.mandatory} mandatory, ${s.advisory} advisory${s.remediated ? `, ${s.remediated} remediated` : ""}: ${s.passed ? "passed" : "failed"}`,
    );
    return lines.join("\n");
}
