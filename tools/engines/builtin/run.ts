// One offline policy run, in the engine's order: ConfigureStack, GetAnalyzerInfo, Configure,
// Remediate + Analyze per resource, AnalyzeStack.
import * as path from "node:path";
import { type AnalyzerInfo, type Diagnostic, PackProcess, type StackContext, type WireResource } from "./driver";
import { buildPolicyConfig } from "./policyConfig";

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
}

/** Runs the pack over the resources in the engine's order and collects every diagnostic. */
export async function runPolicies(opts: RunOptions): Promise<RunResult> {
    const packDir = path.resolve(opts.packDir);
    const pack = opts.pack ?? (await PackProcess.start(packDir, opts.ctx));
    try {
        await pack.configureStack(opts.ctx);
        const info: AnalyzerInfo = await pack.getAnalyzerInfo();
        const built = buildPolicyConfig(info, opts.configFile);
        if (built.errors.length) throw new ConfigError(built.errors);
        await pack.configure(built.config);

        const diagnostics: Diagnostic[] = [];
        const remediated: Record<string, string[]> = {};
        const analyzed: WireResource[] = [];
        for (const r of opts.resources) {
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
            analyzed.push(resource);
        }
        diagnostics.push(...(await pack.analyzeStack(analyzed)));
        return {
            pack: { name: info.name, version: info.version, dir: packDir },
            policies: info.policies,
            resources: opts.resources.length,
            diagnostics,
            remediated,
            analyzed,
            output: pack.output,
        };
    } finally {
        if (!opts.pack) await pack.close();
    }
}
