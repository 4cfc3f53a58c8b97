// Which language host runs a program under which CLI generation, and the PATH and environment of
// that run. The CLI takes plugins from PATH before its own directory (v3.274.1 and v3.60 alike), so
// the order of PATH decides which host runs:
//
// - v3.274.1: the stand-in pulumi-language-nodejs first (Node.js programs and every Node.js pack);
//   Pulumi's YAML host from the CLI's directory; a Python or Go program takes the real host of the
//   v3.60 generation (the newest the Go module proxy serves), with the program's venv activated,
//   because that host does not read the v3.274.1 engine's runtime options.
// - v3.60.0: the CLI's own directory first, so Pulumi's real Node.js, Python, Go and YAML hosts and
//   its pulumi-analyzer-policy script run; only the stand-in providers come from standins/bin.
import * as fs from "node:fs";
import * as path from "node:path";
import { readAnyProject } from "../builtin/project";
import { findPulumiCli, GENERATIONS, hostOnlyDir, howToGet, type PulumiCli, whichAll } from "./cli";
import { activatedVenvEnv, ensureVenv, pythonOptions, unsupportedPython, VenvError } from "./python";
import { standinBinDir } from "./standins";

/** The runtimes a program may name that some generation has a host for. */
export const RUNTIMES = ["nodejs", "yaml", "python", "go"] as const;

/** How one program runs: the PATH before the CLI's directory, more environment, and what was set up. */
export interface Route {
    pathPrefix: string[];
    env: Record<string, string>;
    /** Entries of the program directory the temp copy links instead of copying (a venv). */
    linkDirs: string[];
    /** One line per thing set up or reused (the venv). */
    notes: string[];
    /** The host that runs the program, e.g. `pulumi-language-python v3.60.0 (Pulumi's)`. */
    host: string;
    /** The `runtime.options` the host defines, when the others must be left out of the run's Pulumi.yaml. */
    runtimeOptions?: readonly string[];
}

/** Thrown when a program cannot run under the CLI here; the message is one line with the fix. */
export class RouteError extends Error {}

function nodeDir(): string {
    return path.dirname(process.execPath);
}

/** The real host for `runtime` to put on PATH in front of `cli`, or undefined when `cli` has its own. */
function borrowedHost(runtime: string, cli: PulumiCli): { dir: string; from: PulumiCli } | "own" | undefined {
    const host = `pulumi-language-${runtime}`;
    if (fs.existsSync(path.join(cli.binDir, host))) return "own";
    if (whichAll(host).length > 0) return "own"; // the user's own host, on PATH after ours
    const real = findPulumiCli("v3.60.0");
    const dir = real && hostOnlyDir(real, runtime);
    return dir ? { dir, from: real } : undefined;
}

/** Why `cli` cannot run a `runtime` program here (one line with the fix), or undefined when it can. */
export function missingHost(runtime: string, cli: PulumiCli): string | undefined {
    const host = `pulumi-language-${runtime}`;
    if (runtime === "nodejs") return undefined; // the stand-in (v3.274.1) or the real one (v3.60)
    if (borrowedHost(runtime, cli)) return undefined;
    const buildable = GENERATIONS["v3.60.0"].realHosts.includes(runtime);
    return buildable
        ? `${runtime} programs need Pulumi's ${host}, which ${cli.binDir} lacks: ${howToGet("v3.60.0")}`
        : `${runtime} programs need the ${host} language host, and neither ${cli.binDir} nor PATH has one (no Go module the proxy serves carries it); put an official pulumi release, which bundles it, on PATH`;
}

/**
 * The route of one program of `runtime` under `cli`, setting up what the program's owner would
 * (a Python program's venv). Throws RouteError with one line when it cannot run.
 */
export function routeFor(programDir: string, runtime: string, cli: PulumiCli): Route {
    const why = missingHost(runtime, cli);
    if (why) throw new RouteError(why);
    const standins = standinBinDir();
    const route: Route = {
        pathPrefix: cli.generation === "v3.60.0" ? [cli.binDir, standins, nodeDir()] : [standins, nodeDir()],
        env: {},
        linkDirs: [],
        notes: [],
        host: `pulumi-language-${runtime}`,
    };
    if (runtime === "python") addPython(route, programDir, cli);
    if (runtime === "go") addBorrowed(route, "go", cli);
    keepHostFlags(route, programDir, runtime, cli);
    return route;
}

/**
 * A generation whose CLI passes `runtime.options` as flags runs a program whose Pulumi.yaml was written
 * for a newer CLI (`toolchain: pip`, `packagemanager: npm`, as `pulumi new` writes them today) only
 * without the options its host predates: the host exits at start-up on a flag it does not define.
 * Those the host defines are kept; what is left out is said in a note.
 */
function keepHostFlags(route: Route, programDir: string, runtime: string, cli: PulumiCli): void {
    const defined = GENERATIONS[cli.generation].hostFlags?.[runtime];
    if (!defined) return;
    route.runtimeOptions = defined;
    const left = Object.keys(readAnyProject(programDir).options).filter((k) => !defined.includes(k));
    if (left.length > 0)
        route.notes.push(
            `Pulumi.yaml runtime.options ${left.join(", ")} left out of this run: ${route.host} ${cli.version} predates ${left.length > 1 ? "them" : "it"} (it defines only ${defined.join(", ")})`,
        );
}

function addBorrowed(route: Route, runtime: string, cli: PulumiCli): PulumiCli | undefined {
    const borrowed = borrowedHost(runtime, cli);
    if (borrowed && borrowed !== "own") {
        route.pathPrefix.unshift(borrowed.dir);
        route.host = `pulumi-language-${runtime} ${borrowed.from.version} (Pulumi's, from the ${borrowed.from.generation} build)`;
        return borrowed.from;
    }
    return undefined;
}

function addPython(route: Route, programDir: string, cli: PulumiCli): void {
    const refused = unsupportedPython(programDir);
    if (refused) throw new RouteError(refused);
    const borrowed = addBorrowed(route, "python", cli);
    let venv;
    try {
        venv = ensureVenv(programDir);
    } catch (e) {
        if (e instanceof VenvError) throw new RouteError(e.message);
        throw e;
    }
    route.notes.push(venv.note);
    const { virtualenv } = pythonOptions(programDir);
    if (venv.dir && virtualenv && !path.isAbsolute(virtualenv)) route.linkDirs.push(virtualenv.split(/[\\/]/)[0]);
    // A host older than the engine takes no runtime options from it (v3.274.1 sends them in
    // ProgramInfo; the v3.60 host reads flags): it then runs python3 from PATH, so activate the venv.
    if (borrowed && venv.dir) {
        const a = activatedVenvEnv(venv.dir);
        route.pathPrefix.unshift(...a.pathPrefix);
        Object.assign(route.env, a.env);
    }
}
