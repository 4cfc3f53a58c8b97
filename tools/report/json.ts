// The stable JSON shape of a run.
import type { RunResult } from "../engines/builtin/run";
import { type FailOn, summary, urnParts, violations } from "./findings";

/** The stable JSON shape of a run. */
export function formatJson(result: RunResult, source: string, kind: string, failOn: FailOn = "mandatory"): string {
    return JSON.stringify(
        {
            pack: { name: result.pack.name, version: result.pack.version },
            source: { kind, target: source },
            engine: result.engine ?? { name: "builtin" },
            resources: result.resources,
            summary: summary(result, failOn),
            violations: violations(result),
            remediated: Object.entries(result.remediated).map(([urn, policies]) => ({ urn, ...urnParts(urn), policies })),
        },
        null,
        2,
    );
}
