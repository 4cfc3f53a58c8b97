// Builds the Configure request the way the Pulumi CLI does (pkg/resource/analyzer/config.go):
// each policy's default level and schema defaults, then the pack's initialConfig, then the
// --policy-pack-config file (`all` sets every level). Then validates it against each policy's
// configSchema, reporting errors as `pulumi policy validate-config` would.
import type { AnalyzerInfo, Level, PolicyConfigMap } from "./driver";
import { formatAjvErrors, validatorFor } from "../../../policies/model/config";

const LEVELS: readonly string[] = ["advisory", "mandatory", "disabled", "remediate"];

/** The Configure request built from defaults and files, and the errors found. */
export interface BuiltConfig {
    config: PolicyConfigMap;
    errors: string[];
}

type Entry = Level | ({ enforcementLevel?: Level } & Record<string, unknown>);

function layer(config: PolicyConfigMap, source: Record<string, unknown>, origin: string, errors: string[]): void {
    for (const [name, raw] of Object.entries(source)) {
        if (name === "all") {
            if (typeof raw !== "string" || !LEVELS.includes(raw)) {
                errors.push(`${origin}: "all" must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(raw)}`);
                continue;
            }
            for (const c of Object.values(config)) c.enforcementLevel = raw as Level;
            continue;
        }
        const target = config[name];
        if (!target) {
            errors.push(`${origin}: ${JSON.stringify(name)} is not a policy of this pack (policies: ${Object.keys(config).join(", ")})`);
            continue;
        }
        const entry = raw as Entry;
        if (typeof entry === "string") {
            if (!LEVELS.includes(entry))
                errors.push(`${origin}: ${name}: enforcement level must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(entry)}`);
            else target.enforcementLevel = entry;
            continue;
        }
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            errors.push(`${origin}: ${name}: must be an enforcement level or an object, not ${JSON.stringify(entry)}`);
            continue;
        }
        const { enforcementLevel, ...props } = entry;
        if (enforcementLevel !== undefined) {
            if (!LEVELS.includes(enforcementLevel))
                errors.push(
                    `${origin}: ${name}: enforcementLevel must be one of ${LEVELS.join(", ")}, not ${JSON.stringify(enforcementLevel)}`,
                );
            else target.enforcementLevel = enforcementLevel;
        }
        Object.assign(target.properties, props);
    }
}

/** Layers defaults, initialConfig and the user's file; validates the result. */
export function buildPolicyConfig(info: AnalyzerInfo, file?: unknown): BuiltConfig {
    const errors: string[] = [];
    const config: PolicyConfigMap = {};
    for (const p of info.policies) {
        const properties: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(p.configSchema?.properties ?? {})) {
            const d = (s as { default?: unknown }).default;
            if (d !== undefined) properties[k] = structuredClone(d);
        }
        config[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    const initial: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(info.initialConfig))
        initial[k] = { ...(v.enforcementLevel ? { enforcementLevel: v.enforcementLevel } : {}), ...v.properties };
    layer(config, initial, "initialConfig", errors);
    if (file !== undefined) {
        if (typeof file !== "object" || file === null || Array.isArray(file))
            errors.push("the policy pack config file must hold a JSON object");
        else layer(config, file as Record<string, unknown>, "policy pack config", errors);
    }
    errors.push(...validatePolicyConfig(info, config));
    return { config, errors };
}

/** Validates each policy's properties against its configSchema (unknown keys are errors too). */
export function validatePolicyConfig(info: AnalyzerInfo, config: PolicyConfigMap): string[] {
    const errors: string[] = [];
    for (const p of info.policies) {
        const schema = p.configSchema;
        const props = config[p.name]?.properties ?? {};
        if (!schema) continue;
        const full = { type: "object", properties: schema.properties, required: schema.required, additionalProperties: false };
        const validate = validatorFor(`${info.name}@${info.version}/${p.name}`, full);
        if (!validate(props)) errors.push(...formatAjvErrors(p.name, validate.errors));
    }
    return errors;
}
