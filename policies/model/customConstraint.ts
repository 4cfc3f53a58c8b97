// Custom organization policy constraints that demand Binary Authorization on Cloud Run, and the org
// policies that enforce them: the alternative to run.allowedBinaryAuthorizationPolicies.
//
// Google evaluates Cloud Run custom constraints against the Cloud Run Admin API v1 resource
// (https://cloud.google.com/run/docs/securing/custom-constraints), where Binary Authorization is the
// run.googleapis.com/binary-authorization annotation on the Service's and the Job's own metadata.
// Only a closed set of condition shapes is recognised: a condition the pack cannot read for certain
// does not count, so a weaker one can never pass for a strong one.
import { describe } from "./text";
import { isPlainObject, items, read, UNKNOWN } from "./values";

export const CUSTOM_CONSTRAINT_TYPE = "gcp:orgpolicy/customConstraint:CustomConstraint";
export const REQUIRED_RESOURCE_TYPES = ["run.googleapis.com/Service", "run.googleapis.com/Job"] as const;
export const REQUIRED_METHODS = ["CREATE", "UPDATE"] as const;

const KEY = "run.googleapis.com/binary-authorization";
const ANNOTATION = `resource.metadata.annotations['${KEY}']`;
const HAS = `'${KEY}'inresource.metadata.annotations`;

const MAX_CONDITION = 1000;

/** Conditions (normalised: no white space, single quotes) that hold exactly when Binary Authorization is not the default. */
const DENY_FORMS: ReadonlySet<string> = new Set([
    `${ANNOTATION}!='default'`,
    `!(${ANNOTATION}=='default')`,
    `!(${HAS})||${ANNOTATION}!='default'`,
    `!${HAS}||${ANNOTATION}!='default'`,
    `!(${HAS}&&${ANNOTATION}=='default')`,
]);
/** Conditions that hold exactly when Binary Authorization is the default. */
const ALLOW_FORMS: ReadonlySet<string> = new Set([`${ANNOTATION}=='default'`, `${HAS}&&${ANNOTATION}=='default'`]);

/** The condition with white space removed, double quotes made single, and redundant outer parentheses dropped. */
export function normaliseCondition(condition: string): string {
    let s = condition.replace(/\s+/g, "").replace(/"/g, "'");
    while (s.startsWith("(") && s.endsWith(")") && balanced(s.slice(1, -1))) s = s.slice(1, -1);
    return s;
}

function balanced(s: string): boolean {
    let depth = 0;
    for (const ch of s) {
        if (ch === "(") depth++;
        else if (ch === ")" && --depth < 0) return false;
    }
    return depth === 0;
}

/** How a custom constraint reads: demands Binary Authorization, unknown during preview, or why it does not. */
export type ConstraintStrength = { kind: "strong" } | { kind: "unknown"; path: string } | { kind: "weak"; why: string };

/** Whether a gcp:orgpolicy/customConstraint:CustomConstraint demands the default Binary Authorization policy on Cloud Run services and jobs. */
export function constraintStrength(props: unknown): ConstraintStrength {
    const resourceTypes = read(props, ["resourceTypes"]);
    const methodTypes = read(props, ["methodTypes"]);
    const actionType = read(props, ["actionType"]);
    const condition = read(props, ["condition"]);
    for (const [path, v] of [
        ["resourceTypes", resourceTypes],
        ["methodTypes", methodTypes],
        ["actionType", actionType],
        ["condition", condition],
    ] as const) {
        if (v === UNKNOWN || items(v).includes(UNKNOWN)) return { kind: "unknown", path };
    }
    const types = items(resourceTypes);
    const missingTypes = REQUIRED_RESOURCE_TYPES.filter((t) => !types.includes(t));
    if (missingTypes.length) return { kind: "weak", why: `resourceTypes lacks ${missingTypes.join(" and ")}` };
    const methods = items(methodTypes);
    const missingMethods = REQUIRED_METHODS.filter((m) => !methods.includes(m));
    if (missingMethods.length) {
        return { kind: "weak", why: `methodTypes lacks ${missingMethods.join(" and ")}, so such requests are not checked` };
    }
    if (typeof condition !== "string") return { kind: "weak", why: `condition is ${describe(condition)}` };
    // Every recognised form is short; a longer condition is something else (and is never parsed, so a hostile one costs nothing).
    if (condition.length > MAX_CONDITION)
        return { kind: "weak", why: `its condition is ${condition.length} characters long, longer than any form the pack recognises` };
    const normalised = normaliseCondition(condition);
    if (actionType === "DENY") {
        if (DENY_FORMS.has(normalised)) return { kind: "strong" };
    } else if (actionType === "ALLOW") {
        if (ALLOW_FORMS.has(normalised)) return { kind: "strong" };
    } else {
        return { kind: "weak", why: `actionType is ${describe(actionType)}, not "DENY" or "ALLOW"` };
    }
    return {
        kind: "weak",
        why: `its condition is not one the pack recognises as demanding Binary Authorization for actionType ${actionType} (expected ${actionType === "DENY" ? `${ANNOTATION} != 'default'` : `${ANNOTATION} == 'default'`}; Cloud Run custom constraints read the v1 resource, where the annotation is on the Service's and Job's own metadata)`,
    };
}

/** Truth as the provider reads these fields: Go's strconv.ParseBool (1, t, T, TRUE, true, True). */
const TRUE_STRINGS: ReadonlySet<string> = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE_STRINGS: ReadonlySet<string> = new Set(["0", "f", "F", "FALSE", "false", "False"]);
export const isTrue = (v: unknown): boolean => v === true || (typeof v === "string" && TRUE_STRINGS.has(v));
const isFalse = (v: unknown): boolean => v === false || (typeof v === "string" && FALSE_STRINGS.has(v));

/** The custom constraint an org policy names (`…/policies/custom.NAME`, or just `custom.NAME`), if any. */
export function customConstraintOf(policyName: unknown): string | undefined {
    if (typeof policyName !== "string") return undefined;
    const last = policyName.split("/").pop() ?? "";
    return last.startsWith("custom.") && last.length > "custom.".length ? last : undefined;
}

/** Whether a gcp:orgpolicy/policy:Policy enforces its (boolean, custom) constraint for every resource: live spec, no reset, no exception. */
export function enforcement(props: unknown): { kind: "enforced" } | { kind: "unknown"; path: string } | { kind: "not"; why: string } {
    const spec = read(props, ["spec"]);
    if (spec === UNKNOWN) return { kind: "unknown", path: "spec" };
    if (!isPlainObject(spec)) {
        const dry = read(props, ["dryRunSpec"]);
        return {
            kind: "not",
            why:
                dry !== undefined && dry !== null ? "it sets only dryRunSpec, which audits without enforcing" : `spec is ${describe(spec)}`,
        };
    }
    const reset = read(spec, ["reset"]);
    if (reset === UNKNOWN) return { kind: "unknown", path: "spec.reset" };
    if (isTrue(reset)) return { kind: "not", why: "spec.reset is true" };
    const rules = read(spec, ["rules"]);
    if (rules === UNKNOWN) return { kind: "unknown", path: "spec.rules" };
    let enforced = false;
    const list = items(rules);
    for (let i = 0; i < list.length; i++) {
        const enforce = read(list[i], ["enforce"]);
        const condition = read(list[i], ["condition"]);
        if (enforce === UNKNOWN) return { kind: "unknown", path: `spec.rules[${i}].enforce` };
        if (isFalse(enforce)) return { kind: "not", why: `spec.rules[${i}].enforce is false, which exempts the resources it applies to` };
        if (isTrue(enforce)) {
            if (condition === undefined || condition === null) enforced = true;
            else if (condition === UNKNOWN) return { kind: "unknown", path: `spec.rules[${i}].condition` };
        }
    }
    return enforced ? { kind: "enforced" } : { kind: "not", why: "no rule without a condition sets enforce: true" };
}
