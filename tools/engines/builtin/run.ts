// One offline policy run, in the engine's order and with the engine's data: ConfigureStack,
// GetAnalyzerInfo, Configure, then Remediate + Analyze per resource with its INPUTS (the root Stack
// and default providers included), then AnalyzeStack with every resource's OUTPUTS (in a preview,
// the provider's prediction: inputs plus unknowns for computed fields the program did not set).
import * as path from "node:path";
import { type CheckContext, checkInputs, predictOutputs, type ProviderSettings } from "../gcp/outputs";
import { type AnalyzerInfo, type Diagnostic, PackProcess, type StackContext, type WireResource } from "./driver";
import { buildPolicyConfig } from "./policyConfig";
import { engineResources, providerVersion, STACK_TYPE } from "./stackView";

/** A policy config that fails the schemas; `errors` lists each problem. */
export class ConfigError extends Error {
    constructor(readonly errors: string[]) {
        super(`invalid policy pack config:\n${errors.map((e) => `  ${e}`).join("\n")}`);
    }
}

/** What one offline run found. */
export interface RunResult {
    pack: { name: string; version: string; dir: string };
    policies: AnalyzerInfo["policies"];
    resources: number;
    diagnostics: Diagnostic[];
    /** URN → the policies that remediated it. */
    remediated: Record<string, string[]>;
    /** Resources as analyzed, after remediation. */
    analyzed: WireResource[];
    /** Lines the pack printed after its port. */
    output: string[];
    /** Config entries the Pulumi CLI accepts silently but that change nothing (misspelled names, unknown keys). */
    configWarnings?: string[];
    /** The engine that ran the program: the built-in runner, or the real CLI (with its version). */
    engine?: { name: "builtin" | "pulumi"; version?: string };
}

/** What to run, and against which pack. */
export interface RunOptions {
    packDir: string;
    resources: WireResource[];
    ctx: StackContext;
    /** The parsed --policy-pack-config file. */
    configFile?: unknown;
    /** Reuse a running pack (it must not have been configured differently). */
    pack?: PackProcess;
    /** Plugin versions by package (`{ gcp: "9.37.0" }`), for default providers' names; default: what `programDir`, else the pack, resolves. */
    providerVersions?: Record<string, string>;
    /** The program's directory, whose `@pulumi/<pkg>` versions name the default providers. */
    programDir?: string;
    /** The provider's Check of a program's inputs (default: tools/engines/gcp/outputs.ts). */
    check?: (type: string, inputs: Record<string, unknown>, ctx: CheckContext) => Record<string, unknown>;
    /** The provider's preview outputs for a create (default: tools/engines/gcp/outputs.ts). */
    predict?: (type: string, inputs: Record<string, unknown>, provider: ProviderSettings) => Record<string, unknown>;
}

/** The provider configuration its plan reads, from the provider resource's inputs (config strings or values). */
function providerSettings(props: Record<string, unknown> | undefined): ProviderSettings {
    const out: ProviderSettings = {};
    if (!props) return out;
    const str = (k: string) => (typeof props[k] === "string" && props[k] !== "" ? (props[k] as string) : undefined);
    out.project = str("project");
    out.region = str("region");
    out.zone = str("zone");
    out.deletionPolicy = str("deletionPolicy");
    const attribution = props.addPulumiAttributionLabel;
    if (typeof attribution === "boolean") out.addPulumiAttributionLabel = attribution;
    else if (attribution === "true" || attribution === "false") out.addPulumiAttributionLabel = attribution === "true";
    let labels = props.defaultLabels;
    if (typeof labels === "string") {
        try {
            labels = JSON.parse(labels);
        } catch {
            labels = undefined;
        }
    }
    if (labels && typeof labels === "object" && !Array.isArray(labels)) out.defaultLabels = labels as Record<string, string>;
    for (const k of Object.keys(out) as (keyof ProviderSettings)[]) if (out[k] === undefined) delete out[k];
    return out;
}

/** Drops the engine's internal keys (`__defaults`, ...), which it never sends to a policy pack (SkipInternalKeys). */
function withoutInternalKeys(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(withoutInternalKeys);
    if (v && typeof v === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (!k.startsWith("__")) out[k] = withoutInternalKeys(x);
        return out;
    }
    return v;
}

/**
 * A program's resource as the engine stores it after the provider's Check (nulls dropped, defaults
 * applied, `name` autonamed); `checked` keeps the internal keys predictOutputs reads. Sources that
 * carry state (a stack export, preview JSON with outputs) were checked already.
 */
function checked(r: WireResource, check: NonNullable<RunOptions["check"]>): { analyzed: WireResource; checked: Record<string, unknown> } {
    if (r.outputs || r.type === STACK_TYPE || r.type.startsWith("pulumi:providers:")) return { analyzed: r, checked: r.properties };
    const props = check(r.type, r.properties, { name: r.name, provider: providerSettings(r.provider?.properties) });
    return { analyzed: { ...r, properties: withoutInternalKeys(props) as Record<string, unknown> }, checked: props };
}

/**
 * What AnalyzeStack gets for a resource: its recorded outputs; else, in a preview, the provider's
 * prediction for a create of a custom resource (providers output their inputs, the Stack nothing
 * yet); else (an update run offline) the inputs, which mocks return as outputs.
 */
function outputsOf(r: WireResource, dryRun: boolean, predict: NonNullable<RunOptions["predict"]>): Record<string, unknown> {
    if (r.outputs) return r.outputs;
    if (!dryRun || r.type === STACK_TYPE || r.type.startsWith("pulumi:providers:")) return r.properties;
    return predict(r.type, r.properties, providerSettings(r.provider?.properties));
}

/** Runs the pack over the resources in the engine's order and collects every diagnostic. */
export async function runPolicies(opts: RunOptions): Promise<RunResult> {
    const packDir = path.resolve(opts.packDir);
    const pack = opts.pack ?? (await PackProcess.start(packDir, opts.ctx));
    try {
        await pack.configureStack(opts.ctx);
        const info: AnalyzerInfo = await pack.getAnalyzerInfo();
        const built = buildPolicyConfig(info, opts.configFile, opts.packDir);
        if (built.errors.length) throw new ConfigError(built.errors);
        await pack.configure(built.config);

        const diagnostics: Diagnostic[] = [];
        const remediated: Record<string, string[]> = {};
        const analyzed: WireResource[] = [];
        const userUrns = new Set(opts.resources.map((r) => r.urn));
        const dirs = [...(opts.programDir ? [opts.programDir] : []), packDir];
        const version = (pkg: string) => opts.providerVersions?.[pkg] ?? providerVersion(pkg, dirs);
        const predict = opts.predict ?? predictOutputs;
        const check = opts.check ?? checkInputs;
        const stack: WireResource[] = [];
        for (const registered of engineResources(opts.resources, opts.ctx, version)) {
            const { analyzed: r, checked: checkedInputs } = checked(registered, check);
            const rem = await pack.remediate(r);
            const resource = rem.remediated.length ? { ...r, properties: rem.properties } : r;
            if (rem.remediated.length) remediated[r.urn] = rem.remediated;
            for (const d of rem.diagnostics) {
                diagnostics.push({
                    policyName: "",
                    policyPackName: info.name,
                    policyPackVersion: info.version,
                    description: "",
                    message: d,
                    enforcementLevel: "advisory",
                    urn: r.urn,
                    severity: "",
                });
            }
            diagnostics.push(...(await pack.analyze(resource)));
            // A remediated resource's outputs follow its remediated inputs.
            const outputs = rem.remediated.length
                ? outputsOf({ ...resource, outputs: undefined }, opts.ctx.dryRun, predict)
                : outputsOf({ ...resource, properties: checkedInputs }, opts.ctx.dryRun, predict);
            stack.push({ ...resource, outputs: withoutInternalKeys(outputs) as Record<string, unknown> });
            if (userUrns.has(r.urn)) analyzed.push(resource);
        }
        diagnostics.push(...(await pack.analyzeStack(stack)));
        return {
            pack: { name: info.name, version: info.version, dir: packDir },
            policies: info.policies,
            resources: opts.resources.length,
            diagnostics,
            remediated,
            analyzed,
            output: pack.output,
            configWarnings: built.warnings,
        };
    } finally {
        if (!opts.pack) await pack.close();
    }
}
