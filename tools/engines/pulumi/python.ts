// Python programs under the real CLI: the program's virtual environment, set up as its owner would
// (and as Pulumi's own Python host of the v3.60 generation does when the directory is missing:
// sdk/v3@v3.60.0 python/python.go InstallDependencies), or reused when it is there.
//
// Pulumi.yaml's `runtime.options.virtualenv` names the venv, relative to the program. The host then
// runs `<venv>/bin/python`. Without the option the host runs `python3` from PATH, so there is nothing
// to set up.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

/** The Python runtime options of a Pulumi.yaml that matter here. */
export interface PythonOptions {
    virtualenv?: string;
    toolchain?: string;
}

/** `runtime.options` of the program's Pulumi.yaml (virtualenv, toolchain). */
export function pythonOptions(programDir: string): PythonOptions {
    const file = path.join(programDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) return {};
    const doc = parseYaml(fs.readFileSync(file, "utf8")) as { runtime?: { options?: Record<string, unknown> } } | null;
    const options = typeof doc?.runtime === "object" ? (doc.runtime.options ?? {}) : {};
    const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
    return { virtualenv: str(options.virtualenv), toolchain: str(options.toolchain) };
}

/** Why a Python program cannot run here (one line), or undefined. */
export function unsupportedPython(programDir: string): string | undefined {
    const { toolchain } = pythonOptions(programDir);
    if (toolchain && toolchain !== "pip")
        return `${programDir} uses the ${toolchain} toolchain (Pulumi.yaml runtime.options.toolchain); check sets up pip virtual environments only: use toolchain: pip with virtualenv, or none`;
    return undefined;
}

/** True when `dir` is a virtual environment (pyvenv.cfg and bin/python), as the host's IsVirtualEnv checks. */
export function isVenv(dir: string): boolean {
    return fs.existsSync(path.join(dir, "pyvenv.cfg")) && fs.existsSync(path.join(dir, "bin", "python"));
}

/** What was done about a program's venv. */
export interface VenvSetup {
    /** The venv directory (absolute), or undefined when the program names none. */
    dir?: string;
    action: "none" | "reused" | "created";
    /** One line for the user. */
    note: string;
}

/** Thrown when a venv cannot be set up; the message is one line. */
export class VenvError extends Error {}

function pythonCommand(env: NodeJS.ProcessEnv): string {
    for (const cmd of [env.PULUMI_PYTHON_CMD, "python3", "python"]) {
        if (!cmd) continue;
        const r = spawnSync(cmd, ["--version"], { env, encoding: "utf8" });
        if (r.status === 0) return cmd;
    }
    throw new VenvError("no python3 or python on PATH: a Python program needs Python 3 to set up its virtualenv");
}

/** `python3 --version`, e.g. `Python 3.11.7`. */
export function pythonVersion(env: NodeJS.ProcessEnv = process.env): string {
    const r = spawnSync(pythonCommand(env), ["--version"], { env, encoding: "utf8" });
    return (r.stdout || r.stderr).trim();
}

function runStep(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
    const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
        const tail = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").slice(-1)[0] ?? "";
        throw new VenvError(`${[cmd, ...args].join(" ")} failed (exit ${r.status ?? r.signal}): ${tail || r.error?.message}`);
    }
}

/**
 * Creates a venv at `dir` with the host's three steps: `python3 -m venv`, upgrade pip, setuptools and
 * wheel, install requirements.txt (when the program has one). A failed attempt leaves no half-made venv.
 */
export function createVenv(dir: string, requirements: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
    const python = pythonCommand(env);
    const cwd = path.dirname(dir);
    try {
        runStep(python, ["-m", "venv", dir], cwd, env);
        const venvPython = path.join(dir, "bin", "python");
        runStep(venvPython, ["-m", "pip", "install", "--upgrade", "pip", "setuptools", "wheel"], cwd, env);
        if (requirements) runStep(venvPython, ["-m", "pip", "install", "-r", requirements], cwd, env);
    } catch (e) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw e;
    }
}

/**
 * The program's venv, as its owner has it: reused when Pulumi.yaml's `virtualenv` names one that
 * exists; created from requirements.txt when the directory is missing or empty (what the v3.60 host
 * does, and `pulumi install` on later CLIs); an error when the directory is something else.
 */
export function ensureVenv(programDir: string, env: NodeJS.ProcessEnv = process.env): VenvSetup {
    const { virtualenv } = pythonOptions(programDir);
    if (!virtualenv) return { action: "none", note: "no virtualenv option in Pulumi.yaml: the host runs python3 from PATH" };
    const dir = path.resolve(programDir, virtualenv);
    const shown = path.relative(process.cwd(), dir) || dir;
    if (isVenv(dir)) return { dir, action: "reused", note: `reused the virtualenv ${shown}` };
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
        throw new VenvError(
            `the virtualenv option in Pulumi.yaml is set to "${virtualenv}", but ${shown} is not a virtual environment: remove it, or create one with python3 -m venv ${virtualenv}`,
        );
    const reqFile = path.resolve(programDir, "requirements.txt");
    const requirements = fs.existsSync(reqFile) ? reqFile : undefined;
    const started = Date.now();
    createVenv(dir, requirements, env);
    const from = requirements ? " from requirements.txt" : "";
    return { dir, action: "created", note: `created the virtualenv ${shown}${from} (${Math.round((Date.now() - started) / 1000)} s)` };
}

/**
 * A shared venv for a requirements file, under `root` and keyed by the file's content, the Python
 * version and `extraKey` (e.g. a constraints file): the test suites link it into program copies instead
 * of building one per program. Reused when complete.
 */
export function cachedVenv(
    root: string,
    requirements: string,
    extraKey = "",
    env: NodeJS.ProcessEnv = process.env,
): { dir: string; created: boolean } {
    const version = pythonVersion(env);
    const hash = createHash("sha256").update(fs.readFileSync(requirements)).update(extraKey).digest("hex").slice(0, 12);
    const dir = path.join(root, "python-venvs", `${version.replace(/\W+/g, "-").toLowerCase()}-${hash}`);
    const marker = path.join(dir, ".complete");
    if (fs.existsSync(marker) && isVenv(dir)) return { dir, created: false };
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    createVenv(dir, requirements, env);
    fs.writeFileSync(marker, `${version}\n`);
    return { dir, created: true };
}

/** What a run under a host that does not read the `virtualenv` option needs: the venv activated. */
export function activatedVenvEnv(venvDir: string): { pathPrefix: string[]; env: Record<string, string> } {
    return { pathPrefix: [path.join(venvDir, "bin")], env: { VIRTUAL_ENV: venvDir } };
}
