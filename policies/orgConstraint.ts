// binauthz-org-constraint: the org policy run.allowedBinaryAuthorizationPolicies, where the stack
// manages it, requires the default policy.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configSchema, type OrgConstraintConfig, type Resolved } from "./model/config";
import { configOf, emptyOutcome, exemptionCheck, guarded, notApplicable, type Outcome, reportOutcome, type Subject } from "./model/kit";
import { describe, quote, where } from "./model/text";
import { constraintStrength, CUSTOM_CONSTRAINT_TYPE, customConstraintOf, enforcement } from "./model/customConstraint";
import { isPlainObject, items, read, UNKNOWN } from "./model/values";
import { resolveProject, workloadKind } from "./model/workloads";

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
            const listScopes: Scoped[] = [];
            const exemptIneffective: Subject[] = [];
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
                const own = emptyOutcome();
                if (which === "v2") checkV2(r, subject, own);
                else checkLegacy(r, subject, own);
                // An exemption skips this constraint's own findings; it does not make a constraint that
                // fails to enforce "default" bind the workloads.
                const exempt = exemptionCheck(cfg, subject).exempt;
                if (!exempt || own.violations.length === 0) listScopes.push({ subject, scope: constraintScope(r) });
                else exemptIneffective.push(subject);
                if (exempt) continue;
                outcome.violations.push(...own.violations);
                outcome.unknowns.push(...own.unknowns);
            }
            const requireInvalid = (cfg.invalidKeys ?? []).includes("require");
            const trusted = cfg.config.require
                ? requireCoverage(args.resources, cfg, listScopes, exemptIneffective, maybeManaged > 0, requireInvalid, outcome)
                : [];
            if (managed === 0 && maybeManaged === 0 && outcome.violations.length === 0 && outcome.unknowns.length === 0) {
                return notApplicable(args, `the stack manages no ${CONSTRAINT} constraint`);
            }
            // The pack cannot see the resource hierarchy: every message says which parents it trusted.
            const trustNote = trustedNote(trusted);
            reportOutcome(NAME, cfg, outcome, report, (subject) => [
                ...exemptionCheck(cfg, subject).notes,
                ...(trustNote ? [trustNote] : []),
            ]);
        });
    },
};

const CUSTOM_HINT = `gcp.orgpolicy.CustomConstraint with resourceTypes ["run.googleapis.com/Service", "run.googleapis.com/Job"], methodTypes ["CREATE", "UPDATE"], actionType "DENY", condition "resource.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default'", enforced by a gcp.orgpolicy.Policy named projects/PROJECT/policies/custom.NAME with spec: { rules: [{ enforce: "TRUE" }] }`;

/** What the stack's custom constraints say, for require: the scopes they cover, what is undecidable in preview, or why each falls short. */
interface Alternative {
    covering: Scoped[];
    unknowns: { subject: Subject; path: string }[];
    notes: string[];
}

/**
 * A custom constraint that demands Binary Authorization on Cloud Run services and jobs, enforced by an
 * org policy in this stack, satisfies require just as the list constraint does, for the scope of the
 * org policy that enforces it.
 */
function customAlternative(resources: PolicyResource[]): Alternative {
    const out: Alternative = { covering: [], unknowns: [], notes: [] };
    const constraints = new Map<string, { subject: Subject; props: unknown }>();
    const enforcing: { subject: Subject; constraint: string; props: unknown; resource: PolicyResource }[] = [];
    for (const r of resources) {
        const subject: Subject = { type: r.type, name: r.name, urn: r.urn };
        if (r.type === CUSTOM_CONSTRAINT_TYPE) {
            const name = read(r.props, ["name"]);
            if (name === UNKNOWN) out.unknowns.push({ subject, path: "name" });
            else if (typeof name === "string") constraints.set(name.split("/").pop() ?? name, { subject, props: r.props });
        } else if (r.type === ORGPOLICY_V2) {
            const constraint = customConstraintOf(read(r.props, ["name"]));
            if (constraint) enforcing.push({ subject, constraint, props: r.props, resource: r });
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
        else out.covering.push({ subject: e.subject, scope: constraintScope(e.resource) });
    }
    for (const [name, c] of constraints) {
        if (!enforcing.some((e) => e.constraint === name)) {
            out.notes.push(
                `${where(c.subject.type, c.subject.name)} (${quote(name)}) is not enforced by any gcp.orgpolicy.Policy in this stack`,
            );
        }
    }
    out.notes = out.notes.slice(0, 5);
    return out;
}

/** Where an organization policy binds: one project, a folder or organization (every project under it), or unknown. */
type Scope =
    | { kind: "project"; project: string; shown: string }
    | { kind: "parent"; parent: string }
    | { kind: "unknown"; path: string }
    | { kind: "unreadable"; why: string };

/** An organization policy of the stack and where it binds. */
interface Scoped {
    subject: Subject;
    scope: Scope;
}

/** `projects/P`, `folders/F` or `organizations/O` as a scope. */
function parseParent(v: string, field: string): Scope {
    const m = /^(projects|folders|organizations)\/([^/]+)$/.exec(v);
    if (!m) return { kind: "unreadable", why: `${field} is ${quote(v, 120)}, not projects/P, folders/F or organizations/O` };
    return m[1] === "projects" ? { kind: "project", project: m[2], shown: v } : { kind: "parent", parent: v };
}

/**
 * Where a run.allowedBinaryAuthorizationPolicies org policy (or the one enforcing a custom
 * constraint) binds: gcp:orgpolicy/policy:Policy by its parent (else its name's prefix), the legacy
 * types by their orgId, folder or project.
 */
function constraintScope(r: PolicyResource): Scope {
    if (r.type === ORGPOLICY_V2) {
        const parent = read(r.props, ["parent"]);
        if (parent === UNKNOWN) return { kind: "unknown", path: "parent" };
        if (typeof parent === "string" && parent !== "") return parseParent(parent, "parent");
        const name = read(r.props, ["name"]);
        const m = typeof name === "string" ? /^((?:projects|folders|organizations)\/[^/]+)\/policies\//.exec(name) : null;
        return m ? parseParent(m[1], "name") : { kind: "unreadable", why: "it sets no parent" };
    }
    if (r.type === "gcp:organizations/policy:Policy") {
        const org = read(r.props, ["orgId"]);
        if (org === UNKNOWN) return { kind: "unknown", path: "orgId" };
        return typeof org === "string" && org !== ""
            ? { kind: "parent", parent: org.startsWith("organizations/") ? org : `organizations/${org}` }
            : { kind: "unreadable", why: "it sets no orgId" };
    }
    if (r.type === "gcp:folder/organizationPolicy:OrganizationPolicy") {
        const folder = read(r.props, ["folder"]);
        if (folder === UNKNOWN) return { kind: "unknown", path: "folder" };
        return typeof folder === "string" && folder !== ""
            ? { kind: "parent", parent: folder.startsWith("folders/") ? folder : `folders/${folder}` }
            : { kind: "unreadable", why: "it sets no folder" };
    }
    const project = resolveProject(r.props, r.provider);
    if (project === UNKNOWN) return { kind: "unknown", path: "project" };
    if (project === undefined) return { kind: "unreadable", why: "the pack cannot tell its project" };
    const id = project.startsWith("projects/") ? project.slice("projects/".length) : project;
    return { kind: "project", project: id, shown: `projects/${id}` };
}

/** A constraint's scope as messages name it: `projects/a (gcp:orgpolicy/policy:Policy "x")`. */
function scopeLabel(s: Scoped): string {
    // Parents and projects are user text: quoted, so that a megabyte folder id stays a bounded message.
    const at = s.scope.kind === "project" ? s.scope.shown : s.scope.kind === "parent" ? s.scope.parent : undefined;
    return `${at === undefined ? "an unknown scope" : quote(at, 120)} (${where(s.subject.type, s.subject.name)})`;
}

/**
 * require: true, per workload. A project-level org policy binds only its own project, so it counts
 * for the workloads of that project; one on a folder or organization counts for every workload, as
 * the pack cannot see which projects lie under it (the messages say which parents it trusted).
 * Returns the trusted parent-level constraints that some workload's pass rests on.
 */
function requireCoverage(
    resources: PolicyResource[],
    cfg: Resolved<OrgConstraintConfig>,
    listScopes: Scoped[],
    exemptIneffective: Subject[],
    maybeManaged: boolean,
    requireInvalid: boolean,
    outcome: Outcome,
): Scoped[] {
    const alternative = customAlternative(resources);
    const scopes = [...listScopes, ...alternative.covering];
    const parents = scopes.filter((s) => s.scope.kind === "parent");
    const projects = new Set(scopes.flatMap((s) => (s.scope.kind === "project" ? [s.scope.project] : [])));
    const unknownScopes = scopes.flatMap((s) => (s.scope.kind === "unknown" ? [{ subject: s.subject, path: s.scope.path }] : []));
    // Each workload's exemption is looked up once: it decides whether the workload is open, and its notes go in the finding.
    const open = resources.flatMap((r) => {
        const kind = workloadKind(r.type);
        if (kind === undefined) return [];
        const check = exemptionCheck(cfg, { type: r.type, name: r.name, urn: r.urn });
        return check.exempt ? [] : [{ r, kind, notes: check.notes }];
    });
    const uncovered: { r: PolicyResource; project: string | undefined; notes: string[] }[] = [];
    const undecided: { subject: Subject; path: string }[] = [];
    let trusting = false;
    for (const { r, kind, notes } of open) {
        const project = resolveProject(r.props, r.provider, kind.provider);
        if (typeof project === "string" && projects.has(project)) continue;
        if (parents.length) {
            trusting = true;
            continue;
        }
        // Some project-level constraint might be this workload's, once its project is known.
        if (project === UNKNOWN && projects.size) undecided.push({ subject: { type: r.type, name: r.name, urn: r.urn }, path: "project" });
        else uncovered.push({ r, project: typeof project === "string" ? project : undefined, notes });
    }
    if (trusting) return parents;
    outcome.unknowns.push(...undecided);
    if (uncovered.length === 0) return [];
    // A constraint whose scope (or very name) is unknown in preview might cover the rest.
    if (maybeManaged || unknownScopes.length || alternative.unknowns.length) {
        outcome.unknowns.push(...unknownScopes, ...alternative.unknowns);
        return [];
    }
    const first = uncovered[0].r;
    const otherNotes = [...new Set(uncovered.slice(1).flatMap(({ notes }) => notes))].slice(0, 5);
    const requireText = `config require is ${requireInvalid ? "invalid, so the pack fails closed as if it were true" : "true"}`;
    const fix = `Fix: add new gcp.orgpolicy.Policy("binauthz", { name: "projects/PROJECT/policies/${CONSTRAINT}", parent: "projects/PROJECT", spec: { rules: [{ values: { allowedValues: ["default"] } }] } })`;
    const customNotes =
        (alternative.notes.length ? ` Custom constraints in this stack that do not count: ${alternative.notes.join("; ")}.` : "") +
        (exemptIneffective.length
            ? ` Exempted constraints that do not count, because they do not enforce "default" (an exemption skips their own check, it does not make them bind): ${exemptIneffective
                  .slice(0, 5)
                  .map((s) => `${s.type} ${quote(s.name, 120)}`)
                  .join("; ")}${exemptIneffective.length > 5 ? `; and ${exemptIneffective.length - 5} more` : ""}.`
            : "");
    const tail = otherNotes.length ? `\n${otherNotes.join("\n")}` : "";
    if (scopes.length === 0) {
        outcome.violations.push({
            subject: { type: first.type, name: first.name, urn: first.urn },
            message: `this stack deploys ${open.length} Cloud Run or Cloud Functions (2nd gen) workload(s) but does not manage the organization policy ${CONSTRAINT}, and ${requireText}. ${fix}, or enforce a custom constraint that demands it (${CUSTOM_HINT}).${customNotes}${tail}`,
        });
        return [];
    }
    const byProject = new Map<string, string[]>();
    for (const { r, project } of uncovered) {
        const key = project ?? "(a project the pack cannot tell)";
        const names = byProject.get(key) ?? [];
        names.push(where(r.type, r.name));
        byProject.set(key, names);
    }
    const listed = [...byProject]
        .slice(0, 5)
        .map(
            ([p, names]) =>
                `${p.startsWith("(") ? p : `project ${quote(p)}`}: ${names.slice(0, 3).join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""}`,
        )
        .join("; ");
    const moreProjects = byProject.size > 5 ? `; and ${byProject.size - 5} more projects` : "";
    const present = scopes
        .filter((s) => s.scope.kind === "project" || s.scope.kind === "unreadable")
        .slice(0, 5)
        .map((s) => (s.scope.kind === "unreadable" ? `${where(s.subject.type, s.subject.name)} (${s.scope.why})` : scopeLabel(s)))
        .join(", ");
    const byNumber = [...projects].some((p) => /^\d+$/.test(p))
        ? " A project named by number never matches a workload's project id: write the project id."
        : "";
    outcome.violations.push({
        subject: { type: first.type, name: first.name, urn: first.urn },
        message: `${uncovered.length} Cloud Run or Cloud Functions (2nd gen) workload(s) of this stack run in projects that no ${CONSTRAINT} constraint of the stack binds (${listed}${moreProjects}), and ${requireText}. The stack sets the constraint only at ${present}; a project-level organization policy binds only its own project.${byNumber} ${fix} for each of these projects, or set it once on a folder or the organization that holds them (parent: "folders/FOLDER_ID" or "organizations/ORG_ID"), or enforce a custom constraint that demands it there.${customNotes}${tail}`,
    });
    return [];
}

/** The note on this policy's messages when a pass rests on parent-level constraints the pack cannot verify. */
function trustedNote(trusted: Scoped[]): string | undefined {
    if (trusted.length === 0) return undefined;
    const shown = trusted.slice(0, 3).map(scopeLabel).join(", ");
    const more = trusted.length > 3 ? ` and ${trusted.length - 3} more` : "";
    return `Trusted, not verified: the constraint at ${shown}${more} counts for every workload of this stack; the pack cannot see the resource hierarchy, so it trusts that their projects lie under that folder or organization.`;
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
