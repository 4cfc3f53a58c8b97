// Every policy's configuration: JSON schemas (the single source, shipped in each policy's
// configSchema and used by validate-config and check), defaults, and the in-process resolution
// that applies the same defaults under any engine and never lets a bad value turn a policy off.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import isSafeRegex from "safe-regex2";
import { catchAll, type GlobKey } from "./catchAll";
import { compileGlob, Glob, GLOB_MAX_LENGTH, GLOB_SCHEMA_PATTERN, globSyntaxProblem, NAMED_GLOB_SCHEMA_PATTERN, matchesAny } from "./glob";
import { patternProblems } from "./patterns";
import { justificationProblems } from "./justification";
import { quote } from "./text";

export { compileGlob, Glob, matchesAny };

/** What an unknown deciding value does during preview. */
export type OnUnknown = "defer" | "deny";

/** One exemption entry as written in config. */
export interface Exemption {
    /** Glob (README "Globs") matched against the resource name and against its URN. */
    resource: string;
    /** Why the resource is exempt: a real justification (model/justification.ts), at least 10 characters. */
    reason: string;
    /** Last valid day, `YYYY-MM-DD` (UTC). */
    expires: string;
}

/** Keys every policy accepts. */
export interface CommonConfig {
    /** Resources this policy skips until a date; see README "Exemptions". */
    exemptions: Exemption[];
    /** `defer` (default): an unknown deciding value is advisory during preview; `deny`: it fails. */
    onUnknown: OnUnknown;
}

/** Config of cloud-run-binauthz-required. */
export interface RequiredConfig extends CommonConfig {
    /** Globs of named platform policies (`projects/P/platforms/cloudRun/policies/NAME`) accepted instead of `default`. */
    allowedPolicies: string[];
}

/** Config of cloud-run-breakglass-justified. */
export interface BreakglassConfig extends CommonConfig {
    /** Minimum justification length in code points, after trimming. */
    minLength: number;
    /** A regular expression the justification must contain a match of (for example a ticket id). */
    pattern?: string;
    /** Stack-name globs where breakglass may be used at all; unset: every stack. */
    allowedStacks?: string[];
    /** Require an ISO date (`YYYY-MM-DD`) in the justification, between today and `maxDays` ahead. */
    requireExpiry: boolean;
    /** How far ahead the breakglass expiry may lie, in days. */
    maxDays: number;
}

/** Config of binauthz-source-deploy-allowlist and binauthz-allowlist-unverified. */
export interface AllowlistConfig extends CommonConfig {
    /** Allowlist patterns of Binary Authorization policies managed outside this stack, by project id. */
    externalAllowlist: Record<string, string[]>;
}

/** Config of binauthz-allowlist-scoped. */
export interface ScopedConfig extends CommonConfig {
    /** Globs of allowlist patterns accepted even though they are broad. */
    allowedPatterns: string[];
    /** Accept `enforcementMode: DRYRUN_AUDIT_LOG_ONLY`. */
    allowDryRun: boolean;
}

/** Config of binauthz-allowlist-exempts-workload. */
export interface ExemptsWorkloadConfig extends CommonConfig {
    /** Globs of allowlist patterns accepted even though they match a workload's image. */
    allowedPatterns: string[];
}

/** Config of binauthz-org-constraint. */
export interface OrgConstraintConfig extends CommonConfig {
    /** Fail a stack with Cloud Run or 2nd-gen function workloads that does not manage the constraint. */
    require: boolean;
}

const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
/** The shortest exemption reason, in code points after trimming (a Han, kana or Hangul character counts twice). */
export const REASON_MIN_LENGTH = 10;

/** A glob in the pack's language (literal text, ?, *, **), as the schemas check it. */
const globString = (extra: Partial<PolicyConfigJSONSchema> = {}): PolicyConfigJSONSchema => ({
    type: "string",
    minLength: 1,
    maxLength: GLOB_MAX_LENGTH,
    pattern: GLOB_SCHEMA_PATTERN,
    ...extra,
});

/** Refuses wildcard-only globs (`*`, `**`, `?*`), which match every name, where a name is meant. */
const WILDCARD_ONLY: PolicyConfigJSONSchema = { pattern: NAMED_GLOB_SCHEMA_PATTERN };

const commonSchema: Record<string, PolicyConfigJSONSchema> = {
    exemptions: {
        type: "array",
        description:
            "Resources this policy skips: { resource (glob on the name or URN: literal text, ?, * within a segment, ** across /), reason (a real justification in words, 10+ characters, judged like a breakglass justification), expires (YYYY-MM-DD, UTC, last valid day) }.",
        items: {
            type: "object",
            properties: {
                resource: globString(WILDCARD_ONLY),
                reason: { type: "string", minLength: 10 },
                expires: { type: "string", pattern: DATE_PATTERN },
            },
            required: ["resource", "reason", "expires"],
            additionalProperties: false,
        },
        default: [],
    },
    onUnknown: {
        type: "string",
        enum: ["defer", "deny"],
        description:
            "What an unknown deciding value does during preview: defer (advisory, checked again at pulumi up) or deny (fail at the policy's level).",
        default: "defer",
    },
};

const globList = (description: string, dflt?: string[], item: PolicyConfigJSONSchema = globString()): PolicyConfigJSONSchema => ({
    type: "array",
    items: item,
    description: `${description} Globs: literal text, ? (one character), * (within a path segment), ** (across /); no [..], {..}, !, (..) or backslash.`,
    ...(dflt === undefined ? {} : { default: dflt }),
});

const externalAllowlistSchema: PolicyConfigJSONSchema = {
    type: "object",
    description:
        'Allowlist patterns of Binary Authorization policies managed outside this stack, by project id: { "my-project": ["us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/**"] }. Set it on both binauthz-source-deploy-allowlist and binauthz-allowlist-unverified.',
    additionalProperties: { type: "array", items: { type: "string", pattern: GLOB_SCHEMA_PATTERN } },
    default: {},
};

/** configSchema of every policy, by policy name. */
export const SCHEMAS = {
    "cloud-run-binauthz-required": {
        ...commonSchema,
        allowedPolicies: globList(
            "Globs of named platform policies (projects/P/platforms/cloudRun/policies/NAME) accepted instead of default.",
            [],
        ),
    },
    "cloud-run-breakglass-justified": {
        ...commonSchema,
        minLength: {
            type: "integer",
            minimum: 0,
            maximum: 10000,
            description: "Minimum justification length in code points, after trimming.",
            default: 20,
        },
        pattern: {
            type: "string",
            minLength: 1,
            description: "A regular expression (JavaScript, u flag) the justification must contain, e.g. a ticket id.",
        },
        allowedStacks: globList(
            "Stack-name globs where breakglass may be used; unset: every stack. A glob that matches every stack is refused.",
            undefined,
            globString(WILDCARD_ONLY),
        ),
        requireExpiry: {
            type: "boolean",
            description: "Require an ISO date (YYYY-MM-DD, UTC) in the justification, between today and maxDays ahead.",
            default: false,
        },
        maxDays: {
            type: "integer",
            minimum: 0,
            maximum: 3650,
            description: "How many days ahead a breakglass expiry may lie.",
            default: 7,
        },
    },
    "binauthz-source-deploy-allowlist": { ...commonSchema, externalAllowlist: externalAllowlistSchema },
    "binauthz-allowlist-unverified": { ...commonSchema, externalAllowlist: externalAllowlistSchema },
    "binauthz-allowlist-scoped": {
        ...commonSchema,
        allowedPatterns: globList("Globs of allowlist patterns accepted even though they are broad.", []),
        allowDryRun: {
            type: "boolean",
            description: "Accept defaultAdmissionRule.enforcementMode DRYRUN_AUDIT_LOG_ONLY.",
            default: false,
        },
    },
    "binauthz-allowlist-exempts-workload": {
        ...commonSchema,
        allowedPatterns: globList("Globs of allowlist patterns accepted even though they match the image of a workload in the stack.", []),
    },
    "binauthz-org-constraint": {
        ...commonSchema,
        require: {
            type: "boolean",
            description:
                "Fail a stack with Cloud Run or 2nd-gen function workloads that does not manage run.allowedBinaryAuthorizationPolicies.",
            default: false,
        },
    },
    "cloud-functions-gen1-no-binauthz": { ...commonSchema },
    "cloud-run-deploy-unverified": { ...commonSchema },
} as const satisfies Record<string, Record<string, PolicyConfigJSONSchema>>;

/** A policy of this pack, by name. */
export type PolicyName = keyof typeof SCHEMAS;
/** Every policy name, in schema order. */
export const POLICY_NAMES = Object.keys(SCHEMAS) as PolicyName[];

/** A policy's configSchema, as @pulumi/policy publishes it to the CLI. */
export function configSchema(policy: PolicyName): PolicyConfigSchema {
    return { properties: SCHEMAS[policy] as Record<string, PolicyConfigJSONSchema> };
}

/** The schema defaults of one policy, as the CLI applies them before Configure. */
export function schemaDefaults(policy: PolicyName): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(SCHEMAS[policy] as Record<string, PolicyConfigJSONSchema>)) {
        if (s.default !== undefined) out[k] = structuredClone(s.default);
    }
    return out;
}

/**
 * What an invalid value of a key falls back to where its default is the permissive choice: a typo
 * in a key that tightens a check must not loosen it. Every other key falls back to its default,
 * which is already the strict choice.
 */
const STRICT_FALLBACK: Readonly<Record<string, unknown>> = {
    allowedStacks: [],
    requireExpiry: true,
    require: true,
    onUnknown: "deny",
    minLength: 10000,
    maxDays: 0,
};

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** A cached Ajv validator for a schema, keyed by the caller. */
export function validatorFor(key: string, schema: object): ValidateFunction {
    let v = validators.get(key);
    if (!v) {
        ajv ??= new Ajv({ allErrors: true, strict: false });
        v = ajv.compile(schema);
        validators.set(key, v);
    }
    return v;
}

/** Ajv errors as `FIELD: message` lines, the way `pulumi policy validate-config` words them. */
export function formatAjvErrors(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
    return (errors ?? []).map((e) => {
        const field = [prefix, e.instancePath.slice(1).replace(/\//g, ".")].filter(Boolean).join(".");
        const extra =
            e.keyword === "enum"
                ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
                : e.keyword === "additionalProperties"
                  ? `: ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`
                  : "";
        return `${field || "config"}: ${e.message ?? "is invalid"}${extra}`;
    });
}

/** An exemption the pack could not use, and why. */
export interface IgnoredExemption {
    index: number;
    resource?: string;
    why: string;
}

/** Config after validation: values to use, the problems found, and exemptions set aside. */
export interface Resolved<T> {
    config: T;
    problems: string[];
    ignoredExemptions: IgnoredExemption[];
    /** Compiled helpers, built once per distinct config. */
    compiled: Compiled;
    /** Keys that were given but invalid (they fell back to their defaults). */
    invalidKeys?: string[];
}

/** Globs, exemption matchers and the pattern regex of one config, compiled once. */
export interface Compiled {
    exemptions: { entry: Exemption; matcher: Glob }[];
    globs: Map<string, Glob[]>;
    pattern?: RegExp;
    /** Why a configured `pattern` cannot be used (then no justification passes). */
    patternError?: string;
}

/**
 * The regex source as safe-regex2's parser understands it: lookbehinds become lookaheads and named
 * groups plain groups, which backtrack alike, so only real nesting of quantifiers is refused.
 */
function forSafetyCheck(source: string): string {
    return source.replace(/\(\?<([=!])/g, "(?$1").replace(/\(\?<[A-Za-z_$][\w$]*>/g, "(");
}

/** At most this many schema errors are quoted per key, each cut; the rest are counted. */
const MAX_ERRORS_PER_KEY = 3;
const MAX_ERROR_LENGTH = 240;

function schemaProblem(k: string, errors: ErrorObject[] | null | undefined): string {
    const lines = formatAjvErrors(k, errors);
    const shown = lines.slice(0, MAX_ERRORS_PER_KEY).map((l) => {
        if (l.length <= MAX_ERROR_LENGTH) return l;
        const cut = l.slice(0, MAX_ERROR_LENGTH);
        return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}… (cut)`;
    });
    const more = lines.length > MAX_ERRORS_PER_KEY ? `; and ${lines.length - MAX_ERRORS_PER_KEY} more errors` : "";
    return `${shown.join("; ")}${more}`;
}

/** Why a glob of `key` cannot be used (refused syntax, or a catch-all), or undefined when it can. */
export function globProblem(key: GlobKey, g: string): string | undefined {
    const syntax = globSyntaxProblem(g);
    if (syntax !== undefined) return `cannot be used: it ${syntax}`;
    const what =
        (key === "exemptions" || key === "allowedStacks") && /^[*?]+$/.test(g)
            ? key === "exemptions"
                ? "every resource"
                : "every stack"
            : catchAll(key, new Glob(g));
    return what === undefined ? undefined : `matches everything (${what}), which would switch this check off`;
}

const cache = new Map<string, Resolved<unknown>>();
const CACHE_MAX = 64;

/**
 * Resolves what `args.getConfig()` returned into a complete, valid config for `policy`.
 * Each key is validated on its own; an invalid key falls back to its (strict) default and is
 * reported as a problem, so a typo never turns a policy off.
 */
export function resolveConfig<T>(policy: PolicyName, raw: unknown): Resolved<T> {
    let key: string;
    try {
        key = `${policy}\u0000${JSON.stringify(raw) ?? ""}`;
    } catch {
        key = `${policy}\u0000<unserialisable>`;
    }
    const hit = cache.get(key);
    if (hit) return hit as Resolved<T>;
    const resolved = resolveUncached(policy, raw);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, resolved);
    return resolved as Resolved<T>;
}

function resolveUncached(policy: PolicyName, raw: unknown): Resolved<unknown> {
    const schemas = SCHEMAS[policy] as Record<string, PolicyConfigJSONSchema>;
    const given: Record<string, unknown> =
        typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const config: Record<string, unknown> = schemaDefaults(policy);
    const problems: string[] = [];
    const ignoredExemptions: IgnoredExemption[] = [];
    const compiled: Compiled = { exemptions: [], globs: new Map() };
    const invalidKeys: string[] = [];
    if (raw !== undefined && raw !== null && given !== raw) {
        problems.push(`the config of ${policy} is ${typeof raw}, not an object; defaults apply`);
    }

    for (const [k, v] of Object.entries(given)) {
        if (k === "enforcementLevel") continue;
        // Own keys only: "constructor", "toString" or "__proto__" must not find Object.prototype's.
        const schema = Object.prototype.hasOwnProperty.call(schemas, k) ? schemas[k] : undefined;
        if (!schema) {
            problems.push(`unknown config key ${quote(k)} (known: ${Object.keys(schemas).join(", ")}); it is ignored`);
            continue;
        }
        if (v === undefined) continue;
        if (k === "exemptions") {
            compiled.exemptions = resolveExemptions(policy, v, ignoredExemptions, problems);
            config.exemptions = compiled.exemptions.map((x) => x.entry);
            continue;
        }
        const checked = isGlobKey(k) ? usableGlobs(k, v, problems) : k === "externalAllowlist" ? usableExternal(v, problems) : v;
        const validate = validatorFor(`${policy}.${k}`, schema);
        if (!validate(checked)) {
            const strict = Object.prototype.hasOwnProperty.call(STRICT_FALLBACK, k);
            const used = strict ? STRICT_FALLBACK[k] : schema.default;
            if (strict) config[k] = structuredClone(used);
            const shown = used === undefined ? "unset" : JSON.stringify(used);
            problems.push(`${schemaProblem(k, validate.errors)}; using ${strict ? "the strict value" : "the default"} (${shown}) instead`);
            invalidKeys.push(k);
            continue;
        }
        config[k] = checked;
    }

    for (const k of ["allowedPolicies", "allowedPatterns", "allowedStacks"]) {
        const list = config[k];
        if (Array.isArray(list))
            compiled.globs.set(
                k,
                (list as string[]).map((g) => new Glob(g)),
            );
    }
    if (invalidKeys.includes("pattern")) {
        compiled.patternError = "is not a non-empty string";
    } else if (typeof config.pattern === "string") {
        try {
            const re = new RegExp(config.pattern, "u");
            // A quantified group inside a quantifier can take exponential time on a crafted
            // justification and hang every preview; such a pattern is refused (fail closed).
            if (isSafeRegex(forSafetyCheck(re.source))) compiled.pattern = re;
            else {
                compiled.patternError = "nests quantifiers and is refused as unsafe";
                problems.push(
                    `pattern ${quote(config.pattern)} nests quantifiers (like (a+)+), which can backtrack for minutes on a crafted justification; rewrite it without nesting. Until then no justification can satisfy it`,
                );
            }
        } catch (e) {
            compiled.patternError = "is not a valid regular expression";
            problems.push(
                `pattern ${quote(config.pattern)} is not a valid regular expression (${(e as Error).message.slice(0, 120)}); no justification can satisfy it until it is fixed`,
            );
        }
    }
    return { config, problems, ignoredExemptions, compiled, invalidKeys };
}

/** The usable exemptions, each compiled once; the rest go to `ignored` (or `problems`) with why. */
function resolveExemptions(policy: PolicyName, v: unknown, ignored: IgnoredExemption[], problems: string[]): Compiled["exemptions"] {
    if (!Array.isArray(v)) {
        problems.push("exemptions must be an array of { resource, reason, expires }; no exemption applies");
        return [];
    }
    const itemSchema = (commonSchema.exemptions.items ?? {}) as object;
    const validate = validatorFor("exemption", itemSchema);
    const out: Compiled["exemptions"] = [];
    v.slice(0, 1000).forEach((item, index) => {
        const glob = typeof item === "object" && item !== null ? (item as { resource?: unknown }).resource : undefined;
        const syntax = typeof glob === "string" && glob !== "" ? globSyntaxProblem(glob) : undefined;
        if (syntax !== undefined) {
            return void problems.push(
                `exemptions[${index}].resource ${quote(glob as string)} cannot be used: it ${syntax}; the exemption is ignored`,
            );
        }
        if (validate(item)) {
            const e = item as Exemption;
            if (!isRealDate(e.expires))
                return void ignored.push({ index, resource: e.resource, why: `expires ${quote(e.expires)} is not a real date` });
            const reason = reasonProblem(policy, index, e);
            if (reason) return void ignored.push({ index, resource: e.resource, why: reason });
            const problem = globProblem("exemptions", e.resource);
            if (problem !== undefined) {
                const why = `its resource glob ${quote(e.resource)} ${problem}; exempt resources by name or by their full URN`;
                return void ignored.push({ index, resource: e.resource, why });
            }
            out.push({ entry: e, matcher: new Glob(e.resource) });
            return;
        }
        const resource =
            typeof item === "object" && item !== null && typeof (item as Exemption).resource === "string"
                ? (item as Exemption).resource
                : undefined;
        ignored.push({ index, resource, why: describeExemptionErrors(item, validate.errors) });
    });
    return out;
}

/**
 * Why an exemption's reason is not a real justification, judged by the rule that judges breakglass
 * justifications (model/justification.ts) with a minimum of REASON_MIN_LENGTH; undefined when it is one.
 */
function reasonProblem(policy: PolicyName, index: number, e: Exemption): string | undefined {
    const problems = justificationProblems(e.reason, REASON_MIN_LENGTH, "the minimum for exemption reasons");
    if (problems.length === 0) return undefined;
    return `its reason ${quote(e.reason)} is not a real justification: it ${problems.join("; it ")}. Fix: in exemptions[${index}] of ${policy} (resource ${quote(e.resource)}), write why this resource is exempt and what ends the exemption (a ticket, an owner, a plan), in words, at least ${REASON_MIN_LENGTH} characters`;
}

function describeExemptionErrors(item: unknown, errors: ErrorObject[] | null | undefined): string {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return "it is not an object";
    const reasons = new Set<string>();
    for (const e of errors ?? []) {
        const field = e.keyword === "required" ? (e.params as { missingProperty: string }).missingProperty : e.instancePath.slice(1);
        if (field === "expires") reasons.add(e.keyword === "required" ? "it has no expires date" : "expires is not YYYY-MM-DD");
        else if (field === "reason")
            reasons.add(e.keyword === "required" ? "it has no reason" : "its reason is shorter than 10 characters or not text");
        else if (field === "resource") {
            const r = (item as { resource?: unknown }).resource;
            const problem = typeof r === "string" && r !== "" ? globProblem("exemptions", r) : undefined;
            reasons.add(problem !== undefined ? `its resource glob ${quote(r as string)} ${problem}` : "it has no resource glob");
        } else if (e.keyword === "additionalProperties")
            reasons.add(`it has an unknown key ${quote(String((e.params as { additionalProperty: string }).additionalProperty))}`);
        else reasons.add(`${field || "it"} ${e.message ?? "is invalid"}`);
    }
    return [...reasons].join(", ") || "it is malformed";
}

/** `YYYY-MM-DD` that names a real calendar day. */
export function isRealDate(s: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Globs of a list key, compiled. */
export function globs(resolved: Resolved<unknown>, key: string): Glob[] {
    return resolved.compiled.globs.get(key) ?? [];
}

function isGlobKey(k: string): k is "allowedPolicies" | "allowedPatterns" | "allowedStacks" {
    return k === "allowedPolicies" || k === "allowedPatterns" || k === "allowedStacks";
}

/**
 * A glob list without the globs the language refuses or that are catch-alls, each reported with
 * the key and the glob. Anything that is not a list of strings is left to the schema.
 */
function usableGlobs(k: GlobKey, v: unknown, problems: string[]): unknown {
    if (!Array.isArray(v) || !v.every((g) => typeof g === "string" && g !== "")) return v;
    return (v as string[]).filter((g) => {
        const problem = globProblem(k, g);
        if (problem !== undefined) problems.push(`${k} glob ${quote(g)} ${problem}; it is ignored`);
        return problem === undefined;
    });
}

/**
 * externalAllowlist entries get the scope rules binauthz-allowlist-scoped applies to a stack's own
 * allowlist patterns (the same code): a pattern broader than one repository, one on a registry
 * Google does not run, or one that can never match is dropped and reported, so that it cannot
 * vouch for a workload.
 */
function usableExternal(v: unknown, problems: string[]): unknown {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [project, list] of Object.entries(v as Record<string, unknown>)) {
        if (!Array.isArray(list) || !list.every((p) => typeof p === "string")) {
            out[project] = list;
            continue;
        }
        out[project] = (list as string[]).filter((p) => {
            const why = globSyntaxProblem(p) ?? patternProblems(p).join("; ");
            if (why) problems.push(`externalAllowlist[${quote(project)}] pattern ${quote(p)} ${why}; it is ignored`);
            return !why;
        });
    }
    return out;
}
