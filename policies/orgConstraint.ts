// binauthz-org-constraint: the org policy run.allowedBinaryAuthorizationPolicies, where the stack
// manages it, requires the default policy.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configSchema, type OrgConstraintConfig } from "./model/config";
import { configOf, emptyOutcome, exemptionCheck, guarded, notApplicable, type Outcome, reportOutcome, type Subject } from "./model/kit";
import { describe, quote, where } from "./model/text";
import { constraintStrength, CUSTOM_CONSTRAINT_TYPE, customConstraintOf, enforcement } from "./model/customConstraint";
import { isPlainObject, items, read, UNKNOWN } from "./model/values";
import { workloadKind } from "./model/workloads";

const NAME = "binauthz-org-constraint";
const CONSTRAINT = "run.allowedBinaryAuthorizationPolicies";
const ORGPOLICY_V2 = "gcp:orgpolicy/policy:Policy";
const LEGACY_TYPES = new Set([
    "gcp:organizations/policy:Policy",
    "gcp:folder/organizationPolicy:OrganizationPolicy",
    "gcp:projects/organizationPolicy:OrganizationPolicy",
]);
const FIX_V2 = `Fix: spec: { rules: [{ values: { allowedValues: ["default"] } }] } (gcloud: gcloud org-policies set-policy policy.yaml, with spec.rules[].values.allowedValues: [default]).`;
const FIX_LEGACY = `Fix: listPolicy: { allow: { values: ["default"] } }.`;

/** binauthz-org-constraint (stack policy, advisory). */
export const orgConstraint: StackValidationPolicy = {
    name: NAME,
    description: `The organization policy ${CONSTRAINT}, where this stack manages it, must require the default Binary Authorization policy: no allow-all, deny-all or reset, and "default" allowed unconditionally and never denied.`,
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: [
        `Manage ${CONSTRAINT} with an allowed list that contains "default":`,
        `new gcp.orgpolicy.Policy("binauthz", { name: "projects/P/policies/${CONSTRAINT}", parent: "projects/P", spec: { rules: [{ values: { allowedValues: ["default"] } }] } })`,
        "No allowAll, denyAll or reset, and never deny default.",
        "With require: true, an enforced custom constraint also counts: gcp.orgpolicy.CustomConstraint on run.googleapis.com/Service and run.googleapis.com/Job, methodTypes CREATE and UPDATE, actionType DENY, condition resource.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default', enforced by a gcp.orgpolicy.Policy named …/policies/custom.NAME with spec: { rules: [{ enforce: \"TRUE\" }] }.",
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateStack: (args, report) => {
        guarded(NAME, undefined, report, () => {
            const cfg = configOf<OrgConstraintConfig>(NAME, args.getConfig);
            const outcome = emptyOutcome();
            let managed = 0;
            // Org policies whose name or constraint is unknown in preview: any of them may be this constraint.
            let maybeManaged = 0;
            for (const r of args.resources) {
                const subject: Subject = { type: r.type, name: r.name, urn: r.urn };
                const which = constraintResource(r);
                if (which === "no") continue;
                if (which === "unknown") {
                    outcome.unknowns.push({ subject, path: r.type === ORGPOLICY_V2 ? "name" : "constraint" });
                    maybeManaged++;
                    continue;
                }
                managed++;
                if (exemptionCheck(cfg, subject).exempt) continue;
                if (which === "v2") checkV2(r, subject, outcome);
                else checkLegacy(r, subject, outcome);
            }
            const requireInvalid = (cfg.invalidKeys ?? []).includes("require");
            const alternative = cfg.config.require && managed === 0 && maybeManaged === 0 ? customAlternative(args.resources) : undefined;
            if (alternative) outcome.unknowns.push(...alternative.unknowns);
            if (alternative && !alternative.satisfied && alternative.unknowns.length === 0) {
                const workloads = args.resources.filter((r) => workloadKind(r.type) !== undefined);
                const open = workloads.filter((r) => !exemptionCheck(cfg, { type: r.type, name: r.name, urn: r.urn }).exempt);
                if (open.length) {
                    const first = open[0];
                    // Unusable exemptions on the other workloads: the violation, reported on the first, says so too.
                    const otherNotes = [
                        ...new Set(open.slice(1).flatMap((r) => exemptionCheck(cfg, { type: r.type, name: r.name, urn: r.urn }).notes)),
                    ].slice(0, 5);
                    outcome.violations.push({
                        subject: { type: first.type, name: first.name, urn: first.urn },
                        message: `this stack deploys ${open.length} Cloud Run or Cloud Functions (2nd gen) workload(s) but does not manage the organization policy ${CONSTRAINT}, and config require is ${requireInvalid ? "invalid, so the pack fails closed as if it were true" : "true"}. Fix: add new gcp.orgpolicy.Policy("binauthz", { name: "projects/PROJECT/policies/${CONSTRAINT}", parent: "projects/PROJECT", spec: { rules: [{ values: { allowedValues: ["default"] } }] } }), or enforce a custom constraint that demands it (${CUSTOM_HINT}).${alternative.notes.length ? ` Custom constraints in this stack that do not count: ${alternative.notes.join("; ")}.` : ""}${otherNotes.length ? `\n${otherNotes.join("\n")}` : ""}`,
                    });
                }
            }
            if (managed === 0 && maybeManaged === 0 && outcome.violations.length === 0) {
                return notApplicable(args, `the stack manages no ${CONSTRAINT} constraint`);
            }
            reportOutcome(NAME, cfg, outcome, report);
        });
    },
};

const CUSTOM_HINT = `gcp.orgpolicy.CustomConstraint with resourceTypes ["run.googleapis.com/Service", "run.googleapis.com/Job"], methodTypes ["CREATE", "UPDATE"], actionType "DENY", condition "resource.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default'", enforced by a gcp.orgpolicy.Policy named projects/PROJECT/policies/custom.NAME with spec: { rules: [{ enforce: "TRUE" }] }`;

/** What the stack's custom constraints say, for require: satisfied, undecidable in preview, or why each falls short. */
interface Alternative {
    satisfied: boolean;
    unknowns: { subject: Subject; path: string }[];
    notes: string[];
}

/**
 * A custom constraint that demands Binary Authorization on Cloud Run services and jobs, enforced by an
 * org policy in this stack, satisfies require just as the list constraint does.
 */
function customAlternative(resources: PolicyResource[]): Alternative {
    const out: Alternative = { satisfied: false, unknowns: [], notes: [] };
    const constraints = new Map<string, { subject: Subject; props: unknown }>();
    const enforcing: { subject: Subject; constraint: string; props: unknown }[] = [];
    for (const r of resources) {
        const subject: Subject = { type: r.type, name: r.name, urn: r.urn };
        if (r.type === CUSTOM_CONSTRAINT_TYPE) {
            const name = read(r.props, ["name"]);
            if (name === UNKNOWN) out.unknowns.push({ subject, path: "name" });
            else if (typeof name === "string") constraints.set(name.split("/").pop() ?? name, { subject, props: r.props });
        } else if (r.type === ORGPOLICY_V2) {
            const constraint = customConstraintOf(read(r.props, ["name"]));
            if (constraint) enforcing.push({ subject, constraint, props: r.props });
        }
    }
    for (const e of enforcing) {
        const c = constraints.get(e.constraint);
        if (!c) {
            if (constraints.size)
                out.notes.push(
                    `${where(e.subject.type, e.subject.name)} enforces ${quote(e.constraint)}, which this stack does not define`,
                );
            continue;
        }
        const strength = constraintStrength(c.props);
        if (strength.kind === "unknown") {
            out.unknowns.push({ subject: c.subject, path: strength.path });
            continue;
        }
        if (strength.kind === "weak") {
            out.notes.push(`${where(c.subject.type, c.subject.name)}: ${strength.why}`);
            continue;
        }
        const enforced = enforcement(e.props);
        if (enforced.kind === "unknown") out.unknowns.push({ subject: e.subject, path: enforced.path });
        else if (enforced.kind === "not")
            out.notes.push(`${where(e.subject.type, e.subject.name)} does not enforce ${quote(e.constraint)}: ${enforced.why}`);
        else out.satisfied = true;
    }
    for (const [name, c] of constraints) {
        if (!enforcing.some((e) => e.constraint === name)) {
            out.notes.push(
                `${where(c.subject.type, c.subject.name)} (${quote(name)}) is not enforced by any gcp.orgpolicy.Policy in this stack`,
            );
        }
    }
    // Enough to decide: an enforced strong constraint settles it, whatever else is unknown.
    if (out.satisfied) out.unknowns = [];
    out.notes = out.notes.slice(0, 5);
    return out;
}

function constraintResource(r: PolicyResource): "v2" | "legacy" | "unknown" | "no" {
    if (r.type === ORGPOLICY_V2) {
        const name = read(r.props, ["name"]);
        if (name === UNKNOWN) return "unknown";
        // The provider accepts the full name (PARENT/policies/CONSTRAINT) or just its last segment.
        return typeof name === "string" && name.split("/").pop() === CONSTRAINT ? "v2" : "no";
    }
    if (LEGACY_TYPES.has(r.type)) {
        const c = read(r.props, ["constraint"]);
        if (c === UNKNOWN) return "unknown";
        return c === CONSTRAINT || c === `constraints/${CONSTRAINT}` ? "legacy" : "no";
    }
    return "no";
}

/** Truth as the provider reads these fields: Go's strconv.ParseBool (1, t, T, TRUE, true, True). */
const TRUE_STRINGS: ReadonlySet<string> = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const isTrue = (v: unknown): boolean => v === true || (typeof v === "string" && TRUE_STRINGS.has(v));
const namesDefault = (v: unknown): boolean => v === "default" || v === "is:default";

function checkV2(r: PolicyResource, subject: Subject, outcome: Outcome): void {
    const fail = (message: string): void => void outcome.violations.push({ subject, message: `${message} ${FIX_V2}` });
    const spec = read(r.props, ["spec"]);
    if (spec === UNKNOWN) return void outcome.unknowns.push({ subject, path: "spec" });
    if (!isPlainObject(spec)) return fail(`spec is ${describe(spec)}, so the constraint sets nothing.`);
    const reset = read(spec, ["reset"]);
    if (reset === UNKNOWN) return void outcome.unknowns.push({ subject, path: "spec.reset" });
    if (isTrue(reset)) return fail("spec.reset is true, so the constraint falls back to its parent's (or Google's) default.");
    const rules = read(spec, ["rules"]);
    if (rules === UNKNOWN) return void outcome.unknowns.push({ subject, path: "spec.rules" });
    let allowsDefault = false;
    let onlyUnderCondition: string | undefined;
    const problems: string[] = [];
    items(rules).forEach((rule, i) => {
        const at = `spec.rules[${i}]`;
        for (const key of ["allowAll", "denyAll"] as const) {
            const v = read(rule, [key]);
            if (v === UNKNOWN) outcome.unknowns.push({ subject, path: `${at}.${key}` });
            else if (isTrue(v))
                problems.push(
                    key === "allowAll"
                        ? `${at}.allowAll allows every Binary Authorization policy, including none`
                        : `${at}.denyAll denies every policy, so no Cloud Run service can deploy`,
                );
        }
        const allowed = read(rule, ["values", "allowedValues"]);
        const denied = read(rule, ["values", "deniedValues"]);
        if (allowed === UNKNOWN) outcome.unknowns.push({ subject, path: `${at}.values.allowedValues` });
        if (denied === UNKNOWN) outcome.unknowns.push({ subject, path: `${at}.values.deniedValues` });
        if (items(denied).some(namesDefault)) problems.push(`${at}.values.deniedValues denies "default"`);
        const condition = read(rule, ["condition"]);
        if (items(allowed).some(namesDefault)) {
            // A rule with a condition applies only to the resources it matches.
            if (condition === undefined || condition === null) allowsDefault = true;
            else onlyUnderCondition ??= `${at}.condition`;
        } else if (allowed !== undefined && allowed !== UNKNOWN && allowed !== null)
            problems.push(`${at}.values.allowedValues lacks "default"`);
    });
    if (problems.length) return fail(`${problems.join("; ")}.`);
    if (!allowsDefault && !outcome.unknowns.some((u) => u.subject.urn === subject.urn)) {
        fail(
            onlyUnderCondition
                ? `"default" is listed only in a rule with a condition (${onlyUnderCondition}), so resources outside the condition are not required to use the default policy.`
                : 'no rule lists "default" in values.allowedValues, so the constraint does not require the default policy.',
        );
    }
}

function checkLegacy(r: PolicyResource, subject: Subject, outcome: Outcome): void {
    const fail = (message: string): void => void outcome.violations.push({ subject, message: `${message} ${FIX_LEGACY}` });
    const restore = read(r.props, ["restorePolicy", "default"]);
    if (restore === UNKNOWN) return void outcome.unknowns.push({ subject, path: "restorePolicy.default" });
    if (isTrue(restore)) return fail("restorePolicy.default is true, so the constraint is reset to its default.");
    const list = read(r.props, ["listPolicy"]);
    if (list === UNKNOWN) return void outcome.unknowns.push({ subject, path: "listPolicy" });
    if (!isPlainObject(list)) return fail(`listPolicy is ${describe(list)}, so the constraint sets nothing.`);
    const values = {
        allowAll: read(list, ["allow", "all"]),
        denyAll: read(list, ["deny", "all"]),
        allowed: read(list, ["allow", "values"]),
        denied: read(list, ["deny", "values"]),
    };
    for (const [k, v] of Object.entries(values)) if (v === UNKNOWN) outcome.unknowns.push({ subject, path: `listPolicy.${k}` });
    const problems: string[] = [];
    if (isTrue(values.allowAll)) problems.push("listPolicy.allow.all allows every policy, including none");
    if (isTrue(values.denyAll)) problems.push("listPolicy.deny.all denies every policy, so no Cloud Run service can deploy");
    if (items(values.denied).some(namesDefault)) problems.push('listPolicy.deny.values denies "default"');
    if (!isTrue(values.allowAll) && values.allowed !== UNKNOWN && !items(values.allowed).some(namesDefault)) {
        problems.push('listPolicy.allow.values lacks "default"');
    }
    if (problems.length) fail(`${problems.join("; ")}.`);
}
