// What the GCP providers return during a preview, for every resource type the pack reads:
// `checkInputs` is the provider's Check (the inputs the engine stores and hands to Analyze), and
// `predictOutputs` is Create with preview=true (the outputs the engine hands to AnalyzeStack).
// Shared by the offline stand-in provider (tools/engines/pulumi/standins) and the built-in engine.
// All values are in wire form: unknown sentinels and secret envelopes pass through.
//
// What the real providers do, and where it was read:
// - pulumi-gcp is the Terraform bridge over terraform-provider-google-beta (SDKv2 resources).
//   * Check (pulumi-terraform-bridge pkg/tfbridge/provider.go `Check`): drops null inputs
//     (SkipNulls), autonames `name` (pulumi-gcp provider/resources.go: `SetAutonaming(255, "-")`, and
//     custom options for cloudrunv2 Service (max 50, lowercase), cloudrun Service (max 63, lowercase)
//     and cloudfunctions Function (max 63)), applies Terraform schema defaults except falsy ones
//     (`applyDefaults`, `shouldSuppressTFSchemaDefaultValue`) and lists the defaulted names under
//     `__defaults` (pkg/tfbridge/schema.go). Autonames draw on Check's random seed; ours derive from it
//     by hash, so they are stable but not the bridge's exact letters.
//   * Create with preview=true returns Terraform's planned state (real-cli-facts.md section 6;
//     pkg/tfbridge/schema.go `MakeTerraformOutputs` keeps null attributes): every attribute of the
//     schema, the configured value where set, the Terraform default where one exists, an unknown
//     for a Computed attribute the program did not set, null otherwise; an absent list of blocks is
//     an empty list, an absent single block (MaxItems 1, flattened by Pulumi) is null; `id` unknown.
//   * CustomizeDiff fills some computed fields during plan (google-beta/tpgresource):
//     `DefaultProviderProject`/`DefaultProviderRegion` (utils.go, via GetProjectFromDiff/
//     GetRegionFromDiff): an unset project/region becomes the provider's `project`/`region`, and
//     with neither the plan fails with "project: required field is not set" (see `planProblems`);
//     `SetLabelsDiff` (labels.go `setLabelsFields`): pulumiLabels (terraform_labels) and
//     effectiveLabels become known = provider defaultLabels + the attribution label + labels
//     (unknown if labels holds an unknown); the attribution label is `goog-pulumi-provisioned:
//     "true"` (pulumi-gcp patches/0006 renames goog-terraform-provisioned), added on create unless
//     the provider sets addPulumiAttributionLabel=false (provider.go: Default true, strategy
//     CREATION_ONLY); `SetAnnotationsDiff` (annotations.go): effectiveAnnotations = annotations;
//     `SetMetadataLabelsDiff`/`SetMetadataAnnotationsDiff`: the same under cloudrun v1 `metadata`
//     when the program sets `metadata`; `DefaultProviderDeletionPolicy("DELETE")`: an unset
//     deletionPolicy becomes the provider's `deletionPolicy` or "DELETE".
//   Which resource uses which hook, and which fields are computed: schemas.ts.
// - pulumi-google-native (provider/pkg/provider/provider.go, v0.32.0): Configure answers without
//   supportsPreview and there is no Handshake, so the engine never calls Create in a preview and
//   uses the checked inputs as the outputs (pulumi pkg/resource/plugin/provider_plugin.go `Create`).
//   Its Check fills `project` and `location` (from config `region`) when unset, or fails with
//   "missing required property 'project'...". So its predicted outputs are its checked inputs.
// - pulumi-command (pulumi-go-provider infer): preview returns the inputs with the outputs the
//   resource computes (`stdout`, `stderr`) unknown.
import { createHash } from "node:crypto";
import { GCP_SCHEMAS, type FieldSpec, type Fields, type PlanHook } from "./schemas";
import { UNKNOWN, containsUnknown, isPlainObject, isSecret, makeSecret, unwrapSecret } from "./wire";

export { UNKNOWN } from "./wire";

/** The provider configuration that plan-time defaults read (the `gcp:*` / `google-native:*` config). */
export interface ProviderSettings {
    project?: string;
    region?: string;
    zone?: string;
    defaultLabels?: Record<string, string>;
    addPulumiAttributionLabel?: boolean;
    deletionPolicy?: string;
}

/** The google-native types the pack reads; the provider fills `project` and `location` at Check. */
export const GOOGLE_NATIVE_TYPES: readonly string[] = [
    "google-native:run/v2:Service",
    "google-native:run/v2:Job",
    "google-native:run/v1:Service",
    "google-native:cloudfunctions/v2:Function",
];

/** The command types, and the outputs each computes (unknown in a preview). */
export const COMMAND_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
    "command:local:Command": ["stdout", "stderr"],
    "command:remote:Command": ["stdout", "stderr"],
};

/** Every type whose preview behaviour is modelled; any other type gets the generic fallback. */
export const COVERED_TYPES: readonly string[] = [...Object.keys(GCP_SCHEMAS), ...GOOGLE_NATIVE_TYPES, ...Object.keys(COMMAND_OUTPUTS)];

const ATTRIBUTION_LABEL = "goog-pulumi-provisioned";
const DEFAULTS_KEY = "__defaults";

interface ParsedFlags {
    required: boolean;
    computed: boolean;
    block?: "single" | "list";
    hasDefault: boolean;
    default?: unknown;
}

const FLAGS = /^(r|o|c|oc)?([1*])?(?:=(.*))?$/;

function parseFlags(flags: string): ParsedFlags {
    const m = FLAGS.exec(flags);
    if (!m) throw new Error(`bad field flags ${JSON.stringify(flags)}`);
    return {
        required: m[1] === "r",
        computed: m[1] === "c" || m[1] === "oc",
        block: m[2] === "1" ? "single" : m[2] === "*" ? "list" : undefined,
        hasDefault: m[3] !== undefined,
        default: m[3] === undefined ? undefined : JSON.parse(m[3]),
    };
}

function specParts(spec: FieldSpec): [ParsedFlags, Fields | undefined] {
    return typeof spec === "string" ? [parseFlags(spec), undefined] : [parseFlags(spec[0]), spec[1]];
}

function isFalsy(v: unknown): boolean {
    return v === false || v === 0 || v === "";
}

/** Applies `f` to the block value `v` (an object, or each object of a list), looking through secrets. */
function mapBlock(v: unknown, block: "single" | "list", f: (o: Record<string, unknown>) => Record<string, unknown>): unknown {
    if (isSecret(v)) return makeSecret(mapBlock(v.value, block, f));
    if (block === "single") return isPlainObject(v) ? f(v) : v;
    return Array.isArray(v) ? v.map((e) => (isPlainObject(e) ? f(e) : e)) : v;
}

function dropNulls(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(dropNulls);
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = dropNulls(x);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Check

/** What Check needs besides the inputs: the resource's URN name and the engine's random seed. */
export interface CheckContext {
    name: string;
    randomSeed?: Uint8Array | string;
    provider?: ProviderSettings;
}

interface AutonameOptions {
    maxLength: number;
    lowercase: boolean;
}

// pulumi-gcp provider/resources.go: the `name` overrides; every other `name` input gets SetAutonaming(255, "-").
const AUTONAME_RANDOM_LENGTH = 7;
const AUTONAME: Readonly<Record<string, AutonameOptions>> = {
    "gcp:cloudrunv2/service:Service": { maxLength: 50, lowercase: true },
    "gcp:cloudrun/service:Service": { maxLength: 63, lowercase: true },
    "gcp:cloudfunctions/function:Function": { maxLength: 63, lowercase: false },
};

/** The bridge's autoname prefix (`<name>-`, transformed) and its limit. */
function autonamePrefix(type: string, name: string): { prefix: string; maxLength: number } {
    const opts = AUTONAME[type] ?? { maxLength: 255, lowercase: false };
    const prefix = `${opts.lowercase ? name.toLowerCase() : name}-`;
    return { prefix, maxLength: opts.maxLength };
}

/**
 * `<name>-<7 hex>`, the suffix drawn from the seed (resource.NewUniqueName's shape), or undefined
 * where the prefix leaves no room: NewUniqueName then fails (see `checkErrors`).
 */
function autoname(type: string, ctx: CheckContext): string | undefined {
    const { prefix, maxLength } = autonamePrefix(type, ctx.name);
    if (prefix.length + AUTONAME_RANDOM_LENGTH > maxLength) return undefined;
    const seed = ctx.randomSeed === undefined ? "" : Buffer.from(ctx.randomSeed).toString("hex");
    const suffix = createHash("sha256").update(`${seed}\0${ctx.name}`).digest("hex").slice(0, AUTONAME_RANDOM_LENGTH);
    return prefix + suffix;
}

function wantsAutoname(type: string, news: Record<string, unknown>): boolean {
    const nameSpec = GCP_SCHEMAS[type]?.fields.name;
    return nameSpec !== undefined && !specParts(nameSpec)[0].computed && (news.name === undefined || news.name === null);
}

/** Errors the real provider's Check returns (not failures): an autoname that cannot fit. */
export function checkErrors(type: string, inputs: Record<string, unknown>, ctx: CheckContext): string[] {
    if (!wantsAutoname(type, inputs)) return [];
    const { prefix, maxLength } = autonamePrefix(type, ctx.name);
    if (prefix.length + AUTONAME_RANDOM_LENGTH <= maxLength) return [];
    return [`name '${prefix}' plus ${AUTONAME_RANDOM_LENGTH} random chars is longer than maximum length ${maxLength}`];
}

function checkObject(fields: Fields, inputs: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...inputs };
    const defaulted: string[] = [];
    for (const [name, spec] of Object.entries(fields)) {
        const [flags, children] = specParts(spec);
        const v = out[name];
        if (v !== undefined) {
            if (children && flags.block) out[name] = mapBlock(v, flags.block, (o) => checkObject(children, o));
        } else if (flags.hasDefault && !isFalsy(flags.default)) {
            out[name] = flags.default;
            defaulted.push(name);
        }
    }
    out[DEFAULTS_KEY] = defaulted.sort();
    return out;
}

/**
 * The inputs the provider's Check returns for a resource of `type` (wire form). For pulumi-gcp:
 * nulls dropped, `name` autonamed, Terraform defaults applied and listed under `__defaults`. For
 * google-native: `project`/`location` filled from config (see `checkFailures`). Otherwise unchanged.
 */
export function checkInputs(type: string, inputs: Record<string, unknown>, ctx: CheckContext): Record<string, unknown> {
    const news = dropNulls(inputs) as Record<string, unknown>;
    const schema = GCP_SCHEMAS[type];
    if (schema) {
        const out = checkObject(schema.fields, news);
        const name = wantsAutoname(type, news) ? autoname(type, ctx) : undefined;
        if (name !== undefined) {
            out.name = name;
            out[DEFAULTS_KEY] = [...(out[DEFAULTS_KEY] as string[]), "name"].sort();
        }
        return out;
    }
    if (GOOGLE_NATIVE_TYPES.includes(type)) {
        const out = { ...news };
        if (out.project === undefined && ctx.provider?.project) out.project = ctx.provider.project;
        if (out.location === undefined && ctx.provider?.region) out.location = ctx.provider.region;
        return out;
    }
    return news;
}

/** Required fields missing from `obj` and from the blocks it sets, as `a.b[0].c` paths. */
function missingRequired(fields: Fields, obj: Record<string, unknown>, prefix: string): string[] {
    const missing: string[] = [];
    for (const [name, spec] of Object.entries(fields)) {
        const [flags, children] = specParts(spec);
        const { value } = unwrapSecret(obj[name]);
        const where = prefix ? `${prefix}.${name}` : name;
        if (value === undefined || value === null) {
            if (flags.required) missing.push(where);
            continue;
        }
        if (!children) continue;
        if (flags.block === "single" && isPlainObject(value)) missing.push(...missingRequired(children, value, where));
        if (flags.block === "list" && Array.isArray(value)) {
            value.forEach((e, i) => {
                const el = unwrapSecret(e).value;
                if (isPlainObject(el)) missing.push(...missingRequired(children, el, `${where}[${i}]`));
            });
        }
    }
    return missing;
}

/**
 * The Check failures the real provider reports. pulumi-gcp: a required property missing (bridge
 * check_failures.go `missingRequiredKey`; the real reason appends the field's description, which
 * the table does not carry). google-native: project/location it cannot fill.
 */
export function checkFailures(type: string, inputs: Record<string, unknown>, provider: ProviderSettings = {}): string[] {
    const schema = GCP_SCHEMAS[type];
    if (schema) return missingRequired(schema.fields, inputs, "").map((p) => `Missing required property '${p}'`);
    if (!GOOGLE_NATIVE_TYPES.includes(type)) return [];
    const failures: string[] = [];
    for (const [key, config] of [
        ["project", "project"],
        ["location", "region"],
    ] as const) {
        if ((inputs[key] === undefined || inputs[key] === null) && !provider[config]) {
            failures.push(
                `missing required property '${key}'. Either set it explicitly or configure it with 'pulumi config set google-native:${config} <value>'.`,
            );
        }
    }
    return failures;
}

// ---------------------------------------------------------------------------------------------
// Create (preview)

function planObject(fields: Fields, inputs: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) if (!k.startsWith("__") && v !== null) out[k] = v;
    for (const [name, spec] of Object.entries(fields)) {
        const [flags, children] = specParts(spec);
        const v = out[name];
        if (v !== undefined) {
            if (children && flags.block) out[name] = mapBlock(v, flags.block, (o) => planObject(children, o));
        } else if (flags.computed) out[name] = UNKNOWN;
        else if (flags.hasDefault) out[name] = flags.default;
        else if (flags.block === "list") out[name] = [];
        else out[name] = null;
    }
    return out;
}

/** The labels the provider manages: defaultLabels, then the attribution label, then the resource's own. */
function managedLabels(labels: unknown, provider: ProviderSettings): unknown {
    if (containsUnknown(labels)) return UNKNOWN;
    const { value, secret } = unwrapSecret(labels);
    const merged: Record<string, unknown> = { ...(provider.defaultLabels ?? {}) };
    if (provider.addPulumiAttributionLabel !== false) merged[ATTRIBUTION_LABEL] = "true";
    if (isPlainObject(value)) Object.assign(merged, value);
    return secret ? makeSecret(merged) : merged;
}

function effectiveAnnotations(annotations: unknown): unknown {
    if (containsUnknown(annotations)) return UNKNOWN;
    const { value, secret } = unwrapSecret(annotations);
    const copy = isPlainObject(value) ? { ...value } : {};
    return secret ? makeSecret(copy) : copy;
}

function applyPlanHook(hook: PlanHook, inputs: Record<string, unknown>, out: Record<string, unknown>, provider: ProviderSettings): void {
    const unset = (key: string) => inputs[key] === undefined || inputs[key] === null || inputs[key] === "";
    switch (hook) {
        case "project":
            if (unset("project")) out.project = provider.project || UNKNOWN;
            return;
        case "region":
            if (unset("region")) out.region = provider.region || UNKNOWN;
            return;
        case "deletionPolicy":
            if (unset("deletionPolicy")) out.deletionPolicy = provider.deletionPolicy || "DELETE";
            return;
        case "labels": {
            const labels = managedLabels(inputs.labels, provider);
            out.pulumiLabels = labels;
            out.effectiveLabels = labels;
            return;
        }
        case "annotations":
            out.effectiveAnnotations = effectiveAnnotations(inputs.annotations);
            return;
        case "metadataLabels":
        case "metadataAnnotations": {
            // Only when the program sets `metadata` and its labels/annotations are wholly known.
            const md = out.metadata;
            const { value, secret } = unwrapSecret(md);
            if (!isPlainObject(value)) return;
            const src = hook === "metadataLabels" ? value.labels : value.annotations;
            if (containsUnknown(src)) return;
            const next = { ...value };
            if (hook === "metadataLabels") {
                const labels = managedLabels(src, provider);
                next.pulumiLabels = labels;
                next.effectiveLabels = labels;
            } else next.effectiveAnnotations = effectiveAnnotations(src);
            out.metadata = secret ? makeSecret(next) : next;
            return;
        }
    }
}

/**
 * The outputs the provider predicts in a preview for a create of `type` with checked `inputs`
 * (wire form). `provider` is the provider's configuration; where the real provider would fill a
 * field from it but it is missing, the field stays unknown (and `planProblems` says why).
 */
export function predictOutputs(type: string, inputs: Record<string, unknown>, provider: ProviderSettings = {}): Record<string, unknown> {
    const schema = GCP_SCHEMAS[type];
    if (schema) {
        const out = planObject(schema.fields, inputs);
        for (const hook of schema.plan) applyPlanHook(hook, inputs, out, provider);
        out.id = UNKNOWN;
        return out;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) if (!k.startsWith("__")) out[k] = v;
    if (GOOGLE_NATIVE_TYPES.includes(type)) return out;
    const computed = COMMAND_OUTPUTS[type];
    if (computed) {
        for (const k of computed) if (out[k] === undefined) out[k] = UNKNOWN;
        return out;
    }
    // Generic fallback: the inputs, plus the id every resource gets once created.
    if (out.id === undefined) out.id = UNKNOWN;
    return out;
}

/**
 * The errors the real provider's plan raises for this create (the CLI prints them and the preview
 * fails): a resource whose project/region the provider fills at plan time, with neither the field
 * nor the provider's setting (tpgresource GetProjectFromDiff/GetRegionFromDiff).
 */
export function planProblems(type: string, inputs: Record<string, unknown>, provider: ProviderSettings = {}): string[] {
    const schema = GCP_SCHEMAS[type];
    if (!schema) return [];
    const problems: string[] = [];
    for (const key of ["project", "region"] as const) {
        if (!schema.plan.includes(key)) continue;
        const v = inputs[key];
        if ((v === undefined || v === null || v === "") && !provider[key]) {
            problems.push(`Failed to retrieve ${key}, pid: , err: ${key}: required field is not set`);
        }
    }
    return problems;
}
