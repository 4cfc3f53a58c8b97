// SARIF 2.1.0 for GitHub code scanning: one rule per policy, one located result per finding, each
// with a fingerprint that is unique in the run and the same in the next run.
import { createHash } from "node:crypto";
import type { RunResult } from "../engines/builtin/run";
import { violations, type Violation } from "./findings";

/** A message with what changes between runs (whitespace, numbers such as days left) taken out. */
export function normaliseMessage(message: string): string {
    return message.replace(/\d+/g, "0").replace(/\s+/g, " ").trim();
}

/** A stable fingerprint per finding: hash of policy, URN and normalised message; repeats get their ordinal. */
export function fingerprints(vs: Violation[]): string[] {
    const seen = new Map<string, number>();
    return vs.map((v) => {
        const base = createHash("sha256")
            .update(`${v.policy}\0${v.urn}\0${normaliseMessage(v.message)}`)
            .digest("hex");
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        return n === 1 ? base : createHash("sha256").update(`${base}\0${n}`).digest("hex");
    });
}

/** SARIF 2.1.0 located at `artifact` (the program's Pulumi.yaml, or the export / preview file). */
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
    const vs = violations(result);
    const prints = fingerprints(vs);
    const uri = artifact.split("\\").join("/");
    const results = vs.map((v, i) => ({
        ruleId: v.policy || "policy-pack",
        level: v.level === "mandatory" ? "error" : "warning",
        message: { text: v.message },
        locations: [
            {
                physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } },
                logicalLocations: [{ fullyQualifiedName: v.urn, name: v.name, kind: "resource" }],
            },
        ],
        partialFingerprints: { "binauthzFinding/v1": prints[i] },
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
                    properties: { engine: result.engine ?? { name: "builtin" } },
                },
            ],
        },
        null,
        2,
    );
}
