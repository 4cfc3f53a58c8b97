// Every policy's configuration: JSON schemas (the single source, shipped in each policy's
// configSchema and used by validate-config and check), defaults, and the in-process resolution
// that applies the same defaults under any engine and never lets a bad value turn a policy off.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { Minimatch } from "minimatch";
import isSafeRegex from "safe-regex2";
import { isPlaceholder, quote } from "./text";

/** What an unknown deciding value does during preview. */
export type OnUnknown = "defer" | "deny";

/** One exemption entry as written in config. */
export interface Exemption {
    /** minimatch glob matched against the resource name and against its URN. */
    resource: string;
    /** Why the resource is exempt; at least 10 characters. */
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
    /** Stack-name globs where breakglass may be used at all. */
    allowedStacks: string[];
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

/** Config of binauthz-org-constraint. */
export interface OrgConstraintConfig extends CommonConfig {
    /** Fail a stack with Cloud Run or 2nd-gen function workloads that does not manage the constraint. */
    require: boolean;
}

const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

const commonSchema: Record<string, PolicyConfigJSONSchema> = {
    exemptions: {
        type: "array",
        description:
            "Resources this policy skips: { resource (minimatch glob on the name or URN), reason (10+ characters), expires (YYYY-MM-DD, UTC, last valid day) }.",
        items: {
            type: "object",
            properties: {
                resource: { type: "string", minLength: 1 },
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

const globList = (description: string, dflt: string[]): PolicyConfigJSONSchema => ({
    type: "array",
    items: { type: "string", minLength: 1 },
    description,
    default: dflt,
});

const externalAllowlistSchema: PolicyConfigJSONSchema = {
    type: "object",
    description:
        'Allowlist patterns of Binary Authorization policies managed outside this stack, by project id: { "my-project": ["us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/**"] }. Set it on both binauthz-source-deploy-allowlist and binauthz-allowlist-unverified.',
    additionalProperties: { type: "array", items: { type: "string" } },
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
        allowedStacks: globList("Stack-name globs (minimatch) where breakglass may be used.", ["**"]),
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
    exemptions: { entry: Exemption; matcher: Minimatch }[];
    globs: Map<string, Minimatch[]>;
    pattern?: RegExp;
    /** Why a configured `pattern` cannot be used (then no justification passes). */
    patternError?: string;
}

const GLOB_OPTS = { dot: true, nocomment: true, nonegate: true } as const;

/** Globs in these keys that would match anything are dropped: an allowlist of everything is no check. */
const CATCH_ALL_CANARIES: Partial<Record<string, string[]>> = {
    // A glob that accepts any one of these, which name a registry, project or policy nobody chose,
    // accepts them all (`*/**`, `*/*/**`, `projects/**`, `projects/*/platforms/cloudRun/*`).
    allowedPolicies: [
        "projects/zz-canary-project/platforms/cloudRun/policies/zz-canary-policy",
        "projects/zz-canary-project/platforms/cloudRun/zz-canary-policy",
    ],
    allowedPatterns: ["zz-canary.example/**", "zz-canary.example/zz-canary-project/**", "*", "**"],
    // An exemption glob that matches a resource name or URN nobody chose matches every resource.
    exemptions: ["zz-canary-resource", "urn:pulumi:zz::zz::zz:zz/zz:Zz::zz-canary-resource"],
};

/**
 * The regex source as safe-regex2's parser understands it: lookbehinds become lookaheads and named
 * groups plain groups, which backtrack alike, so only real nesting of quantifiers is refused.
 */
function forSafetyCheck(source: string): string {
    return source.replace(/\(\?<([=!])/g, "(?$1").replace(/\(\?<[A-Za-z_$][\w$]*>/g, "(");
}

/** A glob compiled with the pack's options, or why minimatch refuses it (e.g. longer than 64 KiB). */
export function compileGlob(g: string): Minimatch | { error: string } {
    try {
        return new Minimatch(g, GLOB_OPTS);
    } catch (e) {
        return { error: (e instanceof Error ? e.message : String(e)).slice(0, 120) };
    }
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

function isCatchAll(key: string, m: Minimatch): boolean {
    const canaries = CATCH_ALL_CANARIES[key];
    return canaries !== undefined && canaries.some((c) => m.match(c));
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
            compiled.exemptions = resolveExemptions(v, ignoredExemptions, problems);
            config.exemptions = compiled.exemptions.map((x) => x.entry);
            continue;
        }
        const validate = validatorFor(`${policy}.${k}`, schema);
        if (!validate(v)) {
            const strict = Object.prototype.hasOwnProperty.call(STRICT_FALLBACK, k);
            const used = strict ? STRICT_FALLBACK[k] : schema.default;
            if (strict) config[k] = structuredClone(used);
            const shown = used === undefined ? "unset" : JSON.stringify(used);
            problems.push(`${schemaProblem(k, validate.errors)}; using ${strict ? "the strict value" : "the default"} (${shown}) instead`);
            invalidKeys.push(k);
            continue;
        }
        config[k] = v;
    }

    for (const k of ["allowedPolicies", "allowedPatterns", "allowedStacks"]) {
        const list = config[k];
        if (!Array.isArray(list)) continue;
        const kept: Minimatch[] = [];
        for (const g of list as string[]) {
            const m = compileGlob(g);
            if (!(m instanceof Minimatch)) {
                problems.push(`${k} glob ${quote(g)} cannot be used (${m.error}); it is ignored`);
                continue;
            }
            if (isCatchAll(k, m)) {
                const what = k === "allowedPolicies" ? " (every named policy of every project)" : "";
                problems.push(`${k} glob ${quote(g)} matches everything${what}, which would switch this check off; it is ignored`);
                continue;
            }
            kept.push(m);
        }
        compiled.globs.set(k, kept);
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
function resolveExemptions(v: unknown, ignored: IgnoredExemption[], problems: string[]): Compiled["exemptions"] {
    if (!Array.isArray(v)) {
        problems.push("exemptions must be an array of { resource, reason, expires }; no exemption applies");
        return [];
    }
    const itemSchema = (commonSchema.exemptions.items ?? {}) as object;
    const validate = validatorFor("exemption", itemSchema);
    const out: Compiled["exemptions"] = [];
    v.slice(0, 1000).forEach((item, index) => {
        if (validate(item)) {
            const e = item as Exemption;
            const why = !isRealDate(e.expires)
                ? `expires ${quote(e.expires)} is not a real date`
                : e.reason.trim().length < 10
                  ? "its reason is blank or shorter than 10 characters"
                  : isPlaceholder(e.reason.replace(/\p{Cf}/gu, "").trim())
                    ? "its reason is a placeholder, not a reason"
                    : undefined;
            if (why) return void ignored.push({ index, resource: e.resource, why });
            const matcher = compileGlob(e.resource);
            if (!(matcher instanceof Minimatch)) {
                return void problems.push(`exemption ${quote(e.resource)} cannot be used (${matcher.error}); it is ignored`);
            }
            if (isCatchAll("exemptions", matcher)) {
                const why = `its resource glob ${quote(e.resource)} matches every resource; exempt resources by name`;
                return void ignored.push({ index, resource: e.resource, why });
            }
            out.push({ entry: e, matcher });
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

function describeExemptionErrors(item: unknown, errors: ErrorObject[] | null | undefined): string {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return "it is not an object";
    const reasons = new Set<string>();
    for (const e of errors ?? []) {
        const field = e.keyword === "required" ? (e.params as { missingProperty: string }).missingProperty : e.instancePath.slice(1);
        if (field === "expires") reasons.add(e.keyword === "required" ? "it has no expires date" : "expires is not YYYY-MM-DD");
        else if (field === "reason")
            reasons.add(e.keyword === "required" ? "it has no reason" : "its reason is shorter than 10 characters or not text");
        else if (field === "resource") reasons.add("it has no resource glob");
        else if (e.keyword === "additionalProperties")
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
export function globs(resolved: Resolved<unknown>, key: string): Minimatch[] {
    return resolved.compiled.globs.get(key) ?? [];
}

/** Whether any compiled glob matches `s`. */
export function matchesAny(list: Minimatch[], s: string): boolean {
    for (const m of list) if (m.match(s)) return true;
    return false;
}
