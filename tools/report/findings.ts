// What every report format shares: a run's diagnostics as located findings, and its verdict.
import type { Diagnostic, WireResource } from "../engines/builtin/driver";
import type { RunResult } from "../engines/builtin/run";

/** Which level of finding fails the check: mandatory only (the default), or advisory too. */
export type FailOn = "mandatory" | "advisory";
/** Every FailOn, for argument checking. */
export const FAIL_ON: FailOn[] = ["mandatory", "advisory"];

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

const POLICY_TYPE = "gcp:binaryauthorization/policy:Policy";

/** Where a stack-level finding with no resource of its own is reported: the BinAuthz policy, else the stack. */
export function stackLocation(resources: WireResource[]): { type: string; name: string; urn: string } {
    const policy = resources.find((r) => r.type === POLICY_TYPE);
    if (policy) return { type: policy.type, name: policy.name, urn: policy.urn };
    const m = /^urn:pulumi:([^:]*)::([^:]*)::/.exec(resources[0]?.urn ?? "");
    const [stack, project] = m ? [m[1], m[2]] : ["stack", "project"];
    const name = `${project}-${stack}`;
    return { type: "pulumi:pulumi:Stack", name, urn: `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${name}` };
}

/** Every diagnostic of a run as a located Violation: a finding with no URN gets the stack-level location. */
export function violations(result: RunResult): Violation[] {
    let fallback: ReturnType<typeof stackLocation> | undefined;
    return result.diagnostics.map((d: Diagnostic) => {
        const where = d.urn ? { ...urnParts(d.urn), urn: d.urn } : (fallback ??= stackLocation(result.analyzed ?? []));
        return { policy: d.policyName, level: d.enforcementLevel, severity: d.severity, ...where, message: d.message };
    });
}

/** Counts of a run, and whether it passed: no mandatory finding (and no advisory one with failOn "advisory"). */
export function summary(
    result: RunResult,
    failOn: FailOn = "mandatory",
): { mandatory: number; advisory: number; remediated: number; passed: boolean } {
    const mandatory = result.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
    const advisory = result.diagnostics.filter((d) => d.enforcementLevel === "advisory").length;
    const passed = mandatory === 0 && (failOn === "mandatory" || advisory === 0);
    return { mandatory, advisory, remediated: Object.keys(result.remediated).length, passed };
}
