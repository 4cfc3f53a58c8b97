// Builds the Configure request exactly as the Pulumi CLI does, and fails where it fails.
//   - Parsing the --policy-pack-config file: parsePolicyPackConfig in pkg/resource/analyzer/config.go.
//   - Reconciling: ReconcilePolicyPackConfig / applyConfig (same file): each policy's declared level
//     and schema defaults, then the pack's initialConfig, then the file. Within each layer `all`
//     sets every level first; then every entry, `all` and unknown policy names included, is applied
//     by name (level if valid, properties merged one level deep).
//   - Validating: validatePolicyPackConfig (same file) checks each KNOWN policy's properties against
//     { type: object, properties, required }: the schema reaches the CLI with nothing else, so
//     unknown keys always pass. Errors print as `validating policy config: PACK VERSION  POLICY: ...`
//     (pkg/engine/update.go, loadPolicyPlugins), sorted.
//   - Configure: every entry needs a valid level (pkg/resource/plugin/analyzer_plugin.go,
//     Configure); an unknown policy given properties but no level has none, so the preview fails
//     with `configuring policy pack "PACK" at "PATH": invalid enforcement level ""`.
// What the CLI silently accepts but almost certainly is a mistake (a misspelled policy name with a
// level, an unknown key) is returned as a warning.
import type { AnalyzerInfo, Level, PolicyConfigMap } from "./driver";
import { validatorFor } from "cloud-run-binauthz/dist/policies/model/config";
import { cliSchemaError } from "./schemaWording";

const LEVELS: readonly string[] = ["advisory", "mandatory", "disabled", "remediate"];
const isLevel = (v: unknown): v is Level => typeof v === "string" && LEVELS.includes(v);

/** One parsed entry: a level ("" when none is given) and properties. */
interface Entry {
    enforcementLevel: Level | "";
    properties: Record<string, unknown>;
}

/** The Configure request built from defaults and files, what fails, and what the CLI silently accepts. */
export interface BuiltConfig {
    /** One entry per policy, plus the file's `all` and unknown names, as the CLI sends them. */
    config: PolicyConfigMap;
    /** Failures, in the CLI's words: the preview would not start. */
    errors: string[];
    /** Entries the CLI accepts without a word but that change nothing. */
    warnings: string[];
}

/** Go's %v of a decoded JSON value, for the CLI's parse errors. */
function goValue(v: unknown): string {
    if (v === null) return "<nil>";
    if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
    if (typeof v === "object")
        return `map[${Object.keys(v as object)
            .sort()
            .map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`)
            .join(" ")}]`;
    return String(v);
}

/** parsePolicyPackConfig: entries with a level or properties; empty ones are dropped. */
function parseConfigFile(file: unknown, errors: string[]): Map<string, Entry> {
    const out = new Map<string, Entry>();
    if (typeof file !== "object" || file === null || Array.isArray(file)) {
        errors.push(
            `json: cannot unmarshal ${Array.isArray(file) ? "array" : typeof file === "string" ? "string" : typeof file} into Go value of type map[string]interface {}`,
        );
        return out;
    }
    for (const [name, raw] of Object.entries(file as Record<string, unknown>)) {
        if (name === "environments") continue; // ESC environment references, resolved by the CLI, not a policy
        let enforcementLevel: Level | "" = "";
        let properties: Record<string, unknown> = {};
        if (typeof raw === "string") {
            if (!isLevel(raw)) {
                errors.push(
                    `parsing enforcement level for ${JSON.stringify(name)}: ${JSON.stringify(raw)} is not a valid enforcement level`,
                );
                continue;
            }
            enforcementLevel = raw;
        } else if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
            const { enforcementLevel: el, ...rest } = raw as Record<string, unknown>;
            if (el !== undefined) {
                if (typeof el !== "string") {
                    errors.push(
                        `parsing enforcement level for ${JSON.stringify(name)}: ${goValue(el)} is not a valid enforcement level; must be a string`,
                    );
                    continue;
                }
                if (!isLevel(el)) {
                    errors.push(
                        `parsing enforcement level for ${JSON.stringify(name)}: ${JSON.stringify(el)} is not a valid enforcement level`,
                    );
                    continue;
                }
                enforcementLevel = el;
            }
            properties = rest;
        } else {
            errors.push(`parsing ${JSON.stringify(name)}: ${goValue(raw)} is not a valid value; must be a string or object`);
            continue;
        }
        if (enforcementLevel === "" && Object.keys(properties).length === 0) continue;
        out.set(name, { enforcementLevel, properties });
    }
    return out;
}

/** applyConfig: `all` sets every level, then each entry (unknown names too) is applied by name. */
function applyConfig(result: Map<string, Entry>, layer: Map<string, Entry>): void {
    const all = layer.get("all");
    if (all && all.enforcementLevel !== "") for (const e of result.values()) e.enforcementLevel = all.enforcementLevel;
    for (const [name, given] of layer) {
        const current = result.get(name) ?? { enforcementLevel: "", properties: {} };
        if (given.enforcementLevel !== "") current.enforcementLevel = given.enforcementLevel;
        Object.assign(current.properties, structuredClone(given.properties));
        result.set(name, current);
    }
}

/** The closest known policy name, for a "did you mean". */
function nearest(name: string, known: string[]): string | undefined {
    let best: { n: string; d: number } | undefined;
    for (const k of known) {
        const d = editDistance(name, k);
        if (!best || d < best.d) best = { n: k, d };
    }
    return best && best.d <= Math.max(3, Math.floor(name.length / 4)) ? best.n : undefined;
}

function editDistance(a: string, b: string): number {
    if (Math.abs(a.length - b.length) > 10 || a.length > 200 || b.length > 200) return Infinity;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}

/**
 * Reconciles defaults, the pack's initialConfig and the user's file as the CLI does; `packPath` is
 * the --policy-pack path the CLI would name in a Configure failure.
 */
export function buildPolicyConfig(info: AnalyzerInfo, file?: unknown, packPath = "."): BuiltConfig {
    const errors: string[] = [];
    const warnings: string[] = [];
    const result = new Map<string, Entry>();
    for (const p of info.policies) {
        const properties: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            const d = (s as { default?: unknown }).default;
            if (d !== undefined) properties[k] = structuredClone(d);
        }
        result.set(p.name, { enforcementLevel: p.enforcementLevel, properties });
    }
    // initialConfig arrives through GetAnalyzerInfo, where a missing level reads as advisory.
    const initial = new Map<string, Entry>();
    for (const [k, v] of Object.entries(info.initialConfig))
        initial.set(k, { enforcementLevel: v.enforcementLevel ?? "advisory", properties: { ...v.properties } });
    applyConfig(result, initial);

    const known = info.policies.map((p) => p.name);
    if (file !== undefined) {
        const parsed = parseConfigFile(file, errors);
        if (errors.length) return { config: {}, errors, warnings };
        applyConfig(result, parsed);
        for (const [name, entry] of parsed) {
            if (name === "all" || known.includes(name)) continue;
            if (entry.enforcementLevel === "") continue; // a Configure error, below
            const guess = nearest(name, known);
            warnings.push(
                `${JSON.stringify(name)} is not a policy of ${info.name}: the Pulumi CLI passes it on and the pack ignores it without a word${guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ""}`,
            );
        }
        for (const p of info.policies) {
            const given = parsed.get(p.name);
            const keys = new Set(Object.keys(p.configSchema?.properties ?? {}));
            for (const k of Object.keys(given?.properties ?? {}))
                if (!keys.has(k)) {
                    const guess = nearest(k, [...keys]);
                    warnings.push(
                        `${p.name}: unknown key ${JSON.stringify(k)}: the Pulumi CLI accepts it and the policy ignores it${guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ""}`,
                    );
                }
        }
    }

    const config: PolicyConfigMap = {};
    for (const [name, e] of result) config[name] = { enforcementLevel: e.enforcementLevel as Level, properties: e.properties };
    const invalid = validatePolicyConfig(info, config);
    if (invalid.length)
        return { config, errors: invalid.map((e) => `validating policy config: ${info.name} ${info.version}  ${e}`).sort(), warnings };
    for (const e of result.values())
        if (e.enforcementLevel === "") {
            errors.push(
                `configuring policy pack ${JSON.stringify(info.name)} at ${JSON.stringify(packPath)}: invalid enforcement level ""`,
            );
            break;
        }
    return { config, errors, warnings };
}

/** Validates each known policy's properties against { type: object, properties, required }, as the CLI does. */
export function validatePolicyConfig(info: AnalyzerInfo, config: PolicyConfigMap): string[] {
    const errors: string[] = [];
    for (const p of info.policies) {
        const schema = p.configSchema;
        const props = config[p.name]?.properties ?? {};
        if (!schema) continue;
        const full = { type: "object", properties: schema.properties, ...(schema.required.length ? { required: schema.required } : {}) };
        const validate = validatorFor(`${info.name}@${info.version}/${p.name}/cli`, full);
        if (!validate(props)) for (const e of validate.errors ?? []) errors.push(`${p.name}: ${cliSchemaError(e, props)}`);
    }
    return errors;
}
