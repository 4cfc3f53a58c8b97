// `check --engine pulumi`: the program through the real CLI's `pulumi preview --policy-pack`, offline,
// with the result in the same shape as the built-in engine's, so every report format works on both.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { DEFAULT_CONTEXT, PackProcess } from "../builtin/driver";
import type { RunResult } from "../builtin/run";
import { InputError } from "../builtin/sources";
import { DEFAULT_GENERATION, findPulumiCli, type GenerationId, generationOf, HOW_TO_GET_CLI, howToGet, type PulumiCli } from "./cli";
import { missingHost, RouteError, routeFor } from "./hosts";
import { TOOLS_ROOT } from "../../paths";
import { failureReason, pulumiPreview } from "./preview";

/** The stand-in providers and language host (tools/engines/pulumi/standins/bin). */
export const STANDINS_BIN = path.join(TOOLS_ROOT, "engines", "pulumi", "standins", "bin");

/** What to run through the CLI. */
export interface PulumiRunOptions {
    programDir: string;
    packDir: string;
    stack: string;
    config: Record<string, string>;
    policyPackConfig?: string;
    cli?: PulumiCli;
}

/** The runtime a Pulumi.yaml names (`runtime: x` or `runtime: { name: x }`). */
export function programRuntime(programDir: string): string | undefined {
    const file = path.join(programDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) return undefined;
    const doc = parseYaml(fs.readFileSync(file, "utf8")) as { runtime?: unknown } | null;
    const rt = doc?.runtime;
    if (typeof rt === "string") return rt;
    if (rt && typeof rt === "object" && typeof (rt as { name?: unknown }).name === "string") return (rt as { name: string }).name;
    return undefined;
}

/** Why this CLI cannot run a program of `runtime` here, or undefined when it can (hosts.ts decides). */
export function unsupportedRuntime(runtime: string, cli: PulumiCli): string | undefined {
    return missingHost(runtime, cli);
}

/** Runs the program through the real CLI and reports it like the built-in engine does. */
export async function runWithPulumi(opts: PulumiRunOptions): Promise<RunResult> {
    const generation = cliGeneration();
    const cli = opts.cli ?? findPulumiCli(generation);
    if (!cli) throw new InputError(generation === DEFAULT_GENERATION ? HOW_TO_GET_CLI : howToGet(generation));
    const runtime = programRuntime(opts.programDir);
    if (!runtime) throw new InputError(`${opts.programDir} has no Pulumi.yaml with a runtime: is it a Pulumi program?`);
    const route = runtimeRoute(opts.programDir, runtime, cli);
    const packDir = path.resolve(opts.packDir);
    const result = await pulumiPreview({
        programDir: opts.programDir,
        packDir,
        cliBinDir: cli.binDir,
        pathPrefix: route.pathPrefix,
        env: route.env,
        linkDirs: route.linkDirs,
        stack: opts.stack,
        config: opts.config,
        policyPackConfig: opts.policyPackConfig,
    });
    const failed = result.exitCode !== 0 && !result.diagnostics.some((d) => d.enforcementLevel === "mandatory");
    if (failed) {
        throw new InputError(`pulumi preview failed: ${failureReason(result)}`);
    }
    const info = await analyzerInfo(packDir);
    return {
        engine: { name: "pulumi", version: cli.version },
        pack: { name: info.name, version: info.version, dir: packDir },
        policies: info.policies,
        resources: result.resources.length,
        diagnostics: result.diagnostics,
        remediated: result.remediated,
        analyzed: [],
        output: [],
    };
}

/**
 * The CLI generation check runs: the default (v3.274.1), or the one CLOUD_RUN_BINAUTHZ_CLI_GENERATION
 * names (v3.60.0: the oldest supported CLI, with Pulumi's own language hosts).
 */
export function cliGeneration(env: NodeJS.ProcessEnv = process.env): GenerationId {
    const asked = env.CLOUD_RUN_BINAUTHZ_CLI_GENERATION;
    if (!asked) return DEFAULT_GENERATION;
    const gen = generationOf(asked);
    if (!gen)
        throw new InputError(`CLOUD_RUN_BINAUTHZ_CLI_GENERATION=${asked}: not a CLI generation this repository builds (v3.274.1, v3.60.0)`);
    return gen.id;
}

/** The program's route (hosts.ts), with what was set up said on stderr; a refusal is an InputError. */
function runtimeRoute(programDir: string, runtime: string, cli: PulumiCli) {
    try {
        const route = routeFor(programDir, runtime, cli);
        for (const note of route.notes) process.stderr.write(`check: ${note}\n`);
        return route;
    } catch (e) {
        if (e instanceof RouteError) throw new InputError(e.message);
        throw e;
    }
}

async function analyzerInfo(packDir: string) {
    const pack = await PackProcess.start(packDir, DEFAULT_CONTEXT);
    try {
        return await pack.getAnalyzerInfo();
    } finally {
        await pack.close();
    }
}
