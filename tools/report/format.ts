// Renders a policy run: the CLI's Policies section (text), a stable JSON shape, SARIF 2.1.0 for
// GitHub code scanning, and Markdown for a pull-request comment.
import type { Diagnostic } from "../engines/builtin/driver";
import type { RunResult } from "../engines/builtin/run";

/** Output formats of `check`. */
export type Format = "text" | "json" | "sarif" | "markdown";
/** Every Format, for argument checking. */
export const FORMATS: Format[] = ["text", "json", "sarif", "markdown"];

/** Type and name from a URN `urn:pulumi:STACK::PROJECT::[PARENT$]TYPE::NAME`. */
export function urnParts(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    if (parts.length < 4) return { type: "", name: urn };
    const qualified = parts[2];
    return { type: qualified.slice(qualified.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}

/** One violation in the stable JSON shape. */
export interface Violation {
    policy: string;
    level: string;
    severity: string;
    type: string;
    name: string;
    urn: string;
    message: string;
}

/** Every diagnostic of a run as a Violation. */
export function violations(result: RunResult): Violation[] {
    return result.diagnostics.map((d: Diagnostic) => ({
        policy: d.policyName,
        level: d.enforcementLevel,
        severity: d.severity,
        ...urnParts(d.urn),
        urn: d.urn,
        message: d.message,
    }));
}

/** Counts of a run, and whether it passed (no mandatory violation). */
export function summary(result: RunResult): { mandatory: number; advisory: number; remediated: number; passed: boolean } {
    const mandatory = result.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
    const advisory = result.diagnostics.filter((d) => d.enforcementLevel === "advisory").length;
    return { mandatory, advisory, remediated: Object.keys(result.remediated).length, passed: mandatory === 0 };
}

/** The CLI's Policies section, followed by a one-line summary. */
export function formatText(result: RunResult, source: string): string {
    const s = summary(result);
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

/** The stable JSON shape of a run. */
export function formatJson(result: RunResult, source: string, kind: string): string {
    return JSON.stringify(
        {
            pack: { name: result.pack.name, version: result.pack.version },
            source: { kind, target: source },
            resources: result.resources,
            summary: summary(result),
            violations: violations(result),
            remediated: Object.entries(result.remediated).map(([urn, policies]) => ({ urn, ...urnParts(urn), policies })),
        },
        null,
        2,
    );
}

/** SARIF 2.1.0: one rule per policy, one result per violation, located at the program's entry file. */
export function formatSarif(result: RunResult, artifact: string): string {
    const rules = result.policies.map((p) => ({
        id: p.name,
        name: p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: p.description },
        helpUri: p.url || undefined,
        help: { text: p.remediationSteps || p.description },
        defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? "error" : "warning" },
        properties: { severity: p.severity, "security-severity": { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" }[p.severity] },
    }));
    const results = violations(result).map((v) => ({
        ruleId: v.policy || "policy-pack",
        level: v.level === "mandatory" ? "error" : "warning",
        message: { text: v.message },
        locations: [
            {
                physicalLocation: { artifactLocation: { uri: artifact }, region: { startLine: 1 } },
                logicalLocations: [{ fullyQualifiedName: v.urn, name: v.name, kind: "resource" }],
            },
        ],
        partialFingerprints: { "pulumiUrn/v1": `${v.policy}:${v.urn}` },
    }));
    return JSON.stringify(
        {
            $schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: [
                {
                    tool: {
                        driver: {
                            name: result.pack.name,
                            version: result.pack.version,
                            informationUri: "https://www.pulumi.com/docs/using-pulumi/crossguard/",
                            rules,
                        },
                    },
                    results,
                },
            ],
        },
        null,
        2,
    );
}

function mdCell(s: string): string {
    return s.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\n/g, "<br>");
}

/** A pull-request comment: a heading with the verdict and a table of violations. */
export function formatMarkdown(result: RunResult, source: string): string {
    const s = summary(result);
    const head = `### ${s.passed ? "✅" : "❌"} ${result.pack.name}@v${result.pack.version}: ${s.mandatory} mandatory, ${s.advisory} advisory`;
    const intro = `Checked ${result.resources} resources of \`${source}\`.`;
    const vs = violations(result);
    if (vs.length === 0) return `${head}\n\n${intro} No violations.\n`;
    const rows = vs.map((v) => `| ${v.level} | \`${v.policy}\` | \`${mdCell(v.type)}\` ${mdCell(v.name)} | ${mdCell(v.message)} |`);
    return [head, "", intro, "", "| Level | Policy | Resource | Message |", "|---|---|---|---|", ...rows, ""].join("\n");
}
