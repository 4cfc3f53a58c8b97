// The real-CLI suite's harness: finds (or builds) the real `pulumi` of each CLI generation, and runs
// offline previews with the route check takes (tools/engines/pulumi/hosts.ts): the stand-in providers,
// and the stand-in Node.js host on v3.274.1 or Pulumi's own hosts on v3.60.0.
//
// Every suite runs on both generations (GENERATIONS below); what differs between them is a field of
// Generation, named once here and asserted where it shows. CRB_E2E_GENERATIONS=v3.60.0 (a comma
// list) narrows a local run; CI runs both.
import * as fs from "node:fs";
import * as path from "node:path";
import {
    ensurePulumiCli,
    type GenerationId,
    GENERATION_IDS,
    howToGet,
    NoCliError,
    type PulumiCli,
    cacheRoot,
} from "cloud-run-binauthz-tools/dist/engines/pulumi/cli";
import { routeFor } from "cloud-run-binauthz-tools/dist/engines/pulumi/hosts";
import { cachedVenv, isVenv, pythonOptions } from "cloud-run-binauthz-tools/dist/engines/pulumi/python";
import { programRuntime } from "cloud-run-binauthz-tools/dist/engines/pulumi/run";
import { pulumiPreview, type PreviewOptions, type PreviewResult } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";

export const ROOT = path.resolve(__dirname, "..", "..", "..");
export const STANDINS_BIN = path.join(ROOT, "tools", "engines", "pulumi", "standins", "bin");

/**
 * One CLI generation under test, and every way it differs from the other that a test can see.
 * Each difference is a CLI version difference (the v3.60 engine predates the feature), with the
 * source named in docs/real-cli.md, "Two generations".
 */
export interface Generation {
    id: GenerationId;
    /** What runs Node.js programs and packs. */
    nodeHost: "stand-in" | "Pulumi's";
    /** The exit code of a failed preview: v3.60 exits -1 (255) for every failure (cmdutil.RunResultFunc). */
    failExit: number;
    /** Whether findings carry a severity (AnalyzeDiagnostic.severity, after v3.60). */
    severity: boolean;
    /** The text section: `Policies:` with a ✅/❌ line per pack, or v3.60's `Policy Violations:`, printed only with findings. */
    section: "Policies:" | "Policy Violations:";
    /** Whether the pack runs behind the language host's policy proxy, whose client keeps gRPC's 4 MiB receive limit. */
    policyProxy4MiB: boolean;
    /** Whether the `remediate` enforcement level exists. */
    remediate: boolean;
    /** Whether the engine serves resource transforms (`transforms` option, registerResourceTransform). */
    transforms: boolean;
    /** How `--diff` prints an unknown output. */
    unknownDisplay: string;
}

export const GENERATIONS: Generation[] = [
    {
        id: "v3.274.1",
        nodeHost: "stand-in",
        failExit: 1,
        severity: true,
        section: "Policies:",
        policyProxy4MiB: true,
        remediate: true,
        transforms: true,
        unknownDisplay: "[unknown]",
    },
    {
        id: "v3.60.0",
        nodeHost: "Pulumi's",
        failExit: 255,
        severity: false,
        section: "Policy Violations:",
        policyProxy4MiB: false,
        remediate: false,
        transforms: false,
        unknownDisplay: "output<string>",
    },
];

/** The generations this run covers (all, unless CRB_E2E_GENERATIONS narrows it outside CI). */
export function generations(): Generation[] {
    const only = process.env.CRB_E2E_GENERATIONS?.split(",").map((s) => s.trim());
    if (!only || process.env.CI === "true") return GENERATIONS;
    for (const id of only)
        if (!(GENERATION_IDS as readonly string[]).includes(id)) throw new Error(`CRB_E2E_GENERATIONS: unknown generation ${id}`);
    return GENERATIONS.filter((g) => only.includes(g.id));
}

/** A test title tagged with its generation (the reporter sums up per tag). */
export function tagged(gen: Generation, title: string): string {
    return `[${gen.id}] ${title}`;
}

const clis = new Map<GenerationId, PulumiCli>();
let reported = false;

/**
 * The generation's real CLI, built on first use where Go is installed. Without one the suite skips
 * with one line saying how to get it; under CI=true a missing CLI is a failure, never a skip.
 */
export function requireCli(ctx: Mocha.Context, gen: Generation = GENERATIONS[0]): PulumiCli {
    const known = clis.get(gen.id);
    if (known) return known;
    try {
        const cli = ensurePulumiCli(gen.id);
        clis.set(gen.id, cli);
        return cli;
    } catch (e) {
        const message = e instanceof NoCliError ? e.message : `${howToGet(gen.id)} (${e instanceof Error ? e.message : String(e)})`;
        if (process.env.CI === "true") throw new Error(`real-CLI suite under CI=true: ${message}`, { cause: e });
        if (!reported) process.stdout.write(`real-CLI suite skipped: ${message}\n`);
        reported = true;
        ctx.skip();
    }
}

/**
 * Pins of every package pip resolves for the Python programs' requirements.txt, so that CI builds
 * the same venv every time; the venv is shared by every program with the same requirements.
 */
export const PYTHON_CONSTRAINTS = path.join(ROOT, "test", "cli", "python-constraints.txt");

/**
 * Gives a Python program whose Pulumi.yaml names a venv that is missing the suite's shared venv for
 * its requirements.txt (a link at the venv's path, as a developer's own venv would sit there), so
 * that the previews and check reuse one venv instead of building one per program. Returns the venv.
 */
export function linkSharedVenv(programDir: string): string | undefined {
    const { virtualenv } = pythonOptions(programDir);
    const requirements = path.join(programDir, "requirements.txt");
    if (!virtualenv || !fs.existsSync(requirements)) return undefined;
    const dir = path.resolve(programDir, virtualenv);
    if (isVenv(dir)) return dir;
    const constraints = fs.readFileSync(PYTHON_CONSTRAINTS, "utf8");
    const shared = cachedVenv(cacheRoot(), requirements, constraints, { ...process.env, PIP_CONSTRAINT: PYTHON_CONSTRAINTS });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.symlinkSync(shared.dir, dir);
    return dir;
}

/** One offline `pulumi preview --policy-pack` on the route check takes for the program's runtime. */
export function preview(
    c: PulumiCli,
    opts: Omit<PreviewOptions, "cliBinDir" | "pathPrefix" | "packDir"> & { packDir?: string },
): Promise<PreviewResult> {
    linkSharedVenv(opts.programDir);
    const route = routeFor(opts.programDir, programRuntime(opts.programDir) ?? "nodejs", c);
    return pulumiPreview({
        packDir: ROOT,
        ...opts,
        env: { ...route.env, ...opts.env },
        linkDirs: route.linkDirs,
        runtimeOptions: route.runtimeOptions,
        cliBinDir: c.binDir,
        pathPrefix: route.pathPrefix,
    });
}
