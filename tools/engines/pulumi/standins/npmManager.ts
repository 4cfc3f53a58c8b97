// The npm side of the language-host stand-in: choosing the package manager, `npm install` and
// reading package-lock.json. Behaviour copied from sdk/nodejs/npm/{manager,npm}.go (pulumi/pulumi)
// for npm; yarn, pnpm and bun are recognised but not driven (the stand-in says so).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type PackageManagerType, lookPath } from "./nodejsRuntimeOptions";

export interface Npm {
    name: "npm";
    executable: string;
}

const OTHER_MANAGERS: { type: PackageManagerType; lockFiles: string[] }[] = [
    { type: "yarn", lockFiles: ["yarn.lock"] },
    { type: "pnpm", lockFiles: ["pnpm-lock.yaml"] },
    { type: "bun", lockFiles: ["bun.lock", "bun.lockb"] },
];

function notSupported(type: PackageManagerType): Error {
    return new Error(`the pulumi-language-nodejs stand-in drives npm only; this project selects ${type}`);
}

function newNpm(): Npm | Error {
    const executable = lookPath("npm");
    if (executable instanceof Error) return new Error("Could not find `npm` executable.\nInstall npm and make sure it is in your PATH.");
    return { name: "npm", executable };
}

/** fsutil.Searchup: the first `name` in `dir` or a parent. */
export function searchUp(dir: string, name: string): string | undefined {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        const candidate = path.join(d, name);
        if (fs.existsSync(candidate)) return candidate;
        if (path.dirname(d) === d) return undefined;
    }
}

/** ResolvePackageManager: an explicit choice wins; "auto" picks yarn, pnpm or bun by lock file when installed, else npm. */
export function resolvePackageManager(choice: PackageManagerType, pwd: string): Npm | Error {
    const manifest = searchUp(pwd, "package.json") ?? searchUp(pwd, "package.yaml");
    const requiresPnpm = manifest !== undefined && path.basename(manifest) === "package.yaml";
    if (choice !== "auto") {
        if (requiresPnpm && choice !== "pnpm") {
            return new Error(
                `the project's manifest is package.yaml, which is only supported by pnpm, but the runtime package manager is set to ${JSON.stringify(choice)}. Use pnpm, or convert package.yaml to package.json`,
            );
        }
        return choice === "npm" ? newNpm() : notSupported(choice);
    }
    if (requiresPnpm) return notSupported("pnpm");
    for (const other of OTHER_MANAGERS) {
        const locked = other.lockFiles.some((f) => fs.existsSync(path.join(pwd, f)));
        if (locked && !(lookPath(other.type) instanceof Error)) return notSupported(other.type);
    }
    const npm = newNpm();
    if (npm instanceof Error) {
        return new Error(`could not find npm on the $PATH; npm is installed with Node.js available at https://nodejs.org/: ${npm.message}`);
    }
    return npm;
}

/** npm.Install: `npm install --loglevel=error [--production]` in `dir`, output streamed; then node_modules must exist. */
export function npmInstall(
    npm: Npm,
    dir: string,
    production: boolean,
    stdout: (b: Buffer) => void,
    stderr: (b: Buffer) => void,
    signal?: AbortSignal,
): Promise<void> {
    const args = ["install", "--loglevel=error", ...(production ? ["--production"] : [])];
    return new Promise<void>((resolve, reject) => {
        const child = spawn(npm.executable, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], signal, killSignal: "SIGKILL" });
        child.stdout.on("data", stdout);
        child.stderr.on("data", stderr);
        child.on("error", reject);
        child.on("close", (code, sig) => {
            if (code === 0) resolve();
            else reject(new Error(sig ? `signal: ${sig === "SIGKILL" ? "killed" : sig}` : `exit status ${code}`));
        });
    }).then(() => {
        if (!searchUp(dir, "node_modules")) throw new Error("npm install reported success, but node_modules directory is missing");
    });
}

/** npmManager.Version: `npm --version`. */
export function npmVersion(npm: Npm): Promise<string | undefined> {
    return new Promise((resolve) => {
        const child = spawn(npm.executable, ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
        let out = "";
        child.stdout.on("data", (b: Buffer) => (out += b.toString()));
        child.on("error", () => resolve(undefined));
        child.on("close", (code) => resolve(code === 0 ? out.trim() : undefined));
    });
}

export interface DependencyInfo {
    name: string;
    version: string;
}

/** listPackagesFromLockFile: every package in the nearest package-lock.json; direct ones only unless `transitive`. */
export function listNpmPackages(startDir: string, transitive: boolean): DependencyInfo[] | Error {
    const lockFile = searchUp(startDir, "package-lock.json");
    if (!lockFile) return new Error(`no package-lock.json found (searching upwards from ${startDir})`);
    let lock: { packages?: Record<string, { version?: string; name?: string }>; dependencies?: Record<string, { version?: string }> };
    try {
        lock = JSON.parse(fs.readFileSync(lockFile, "utf8"));
    } catch (e) {
        return new Error(`could not parse ${lockFile}: ${(e as Error).message}`);
    }
    const deps: DependencyInfo[] = [];
    if (lock.packages) {
        for (const [key, entry] of Object.entries(lock.packages)) {
            if (key === "") continue;
            const at = key.lastIndexOf("node_modules/");
            deps.push({ name: entry.name ?? (at >= 0 ? key.slice(at + "node_modules/".length) : key), version: entry.version ?? "" });
        }
    } else {
        for (const [name, entry] of Object.entries(lock.dependencies ?? {})) deps.push({ name, version: entry.version ?? "" });
    }
    if (transitive) return deps;
    const manifest = path.join(path.dirname(lockFile), "package.json");
    let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    try {
        pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
    } catch (e) {
        return new Error(`could not parse ${manifest}: ${(e as Error).message}`);
    }
    const direct = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
    const result: DependencyInfo[] = [];
    for (const dep of deps) {
        if (direct.delete(dep.name)) result.push(dep);
    }
    return result;
}
