// The artefact `pulumi policy publish` uploads, and the two CLI steps around it, reproduced.
//
// The repository is a development workspace (TypeScript, tests, lint, the examples' @pulumi/gcp
// types, the offline `check` tooling). What Pulumi Cloud installs on every enforced preview is
// only the compiled pack: `buildArtefact` writes it to its own directory (default dist/pack) with
// a generated package.json that declares the pack's runtime dependencies and nothing else: no
// scripts (so no TypeScript compile and no banner at pack or install time), no devDependencies.
//
// What the Pulumi CLI does with it (pulumi/pulumi, read at the v3.259-era HEAD):
// - publish: pkg/backend/httpstate/policypack.go cloudPolicyPack.Publish asks the running pack for
//   GetAnalyzerInfo, then calls sdk/nodejs/npm/manager.go Pack → sdk/nodejs/npm/npm.go
//   npmManager.Pack, which runs `npm pack --loglevel=error` in the pack directory and takes the
//   trimmed stdout as the tarball's file name (`packArtefact`).
// - enforce: pkg/backend/httpstate/policypack.go installRequiredPolicy extracts the tarball,
//   moves its `package/` directory to ~/.pulumi/policies/ORG/NAME/VERSION, and calls
//   pkg/util/cmdutil/install_dependencies.go InstallDependencies with IsPlugin, which the Node.js language host
//   (sdk/nodejs/cmd/pulumi-language-nodejs/main.go InstallDependencies → installcache.go
//   installShared → sdk/nodejs/npm/npm.go npmManager.Install) runs as `npm install
//   --loglevel=error` in that directory, with `--production` only when PulumiPolicy.yaml sets
//   runtime option `production: true`. No lockfile travels in the tarball (`installAsCli`).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** Packages that must never be runtime dependencies of the published pack. */
export const NOT_AT_RUNTIME: readonly string[] = ["@pulumi/gcp", "typescript", "ts-node"];
/** Always declared: the CLI starts every Node.js pack with @pulumi/pulumi's run-policy-pack. */
const ALWAYS = ["@pulumi/policy", "@pulumi/pulumi"];
/** Files beside the compiled code that the published pack carries. */
const EXTRA_FILES = ["PulumiPolicy.yaml", "README.md", "CHANGELOG.md", "LICENSE"];

/** The generated package.json of the published pack. */
export interface ArtefactManifest {
    name: string;
    version: string;
    description?: string;
    keywords?: string[];
    license?: string;
    repository?: unknown;
    engines?: Record<string, string>;
    main: string;
    files: string[];
    dependencies: Record<string, string>;
}

/** A built publishable directory. */
export interface Artefact {
    dir: string;
    manifest: ArtefactManifest;
}

interface RootManifest {
    name: string;
    version: string;
    description?: string;
    keywords?: string[];
    license?: string;
    repository?: unknown;
    engines?: Record<string, string>;
    dependencies?: Record<string, string>;
}

/** The npm package a bare module specifier names (`@scope/pkg/sub` → `@scope/pkg`), or undefined for relative and built-in ones. */
export function packageOf(specifier: string): string | undefined {
    if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return undefined;
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    return builtinModules.includes(name) ? undefined : name;
}

/** Every package the compiled files load with require(). */
export function requiredPackages(jsSources: string[]): Set<string> {
    const out = new Set<string>();
    for (const src of jsSources) {
        for (const m of src.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
            const pkg = packageOf(m[1]);
            if (pkg) out.add(pkg);
        }
    }
    return out;
}

/**
 * The published pack's dependencies: ALWAYS plus what the compiled code requires, each at the
 * range the repository declares. Throws if the code needs a package the repository does not
 * declare as a dependency, or one of NOT_AT_RUNTIME.
 */
export function runtimeDependencies(required: Iterable<string>, declared: Record<string, string>): Record<string, string> {
    const names = [...new Set([...ALWAYS, ...required])].sort();
    const out: Record<string, string> = {};
    for (const name of names) {
        if (NOT_AT_RUNTIME.includes(name)) {
            throw new Error(
                `the compiled pack loads ${name} at run time; it must be a type-only import (import type) or development tooling`,
            );
        }
        const range = declared[name];
        if (!range) throw new Error(`the compiled pack loads ${name}, which package.json does not list under dependencies`);
        out[name] = range;
    }
    return out;
}

function listJs(dir: string): string[] {
    const out: string[] = [];
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) out.push(...listJs(p));
        else if (e.name.endsWith(".js")) out.push(p);
    }
    return out;
}

/** Marks a directory buildArtefact wrote, so that only such a directory is ever replaced. */
const MARKER = ".cloud-run-binauthz-artefact";

/** Empties `dir` for a new build; refuses a non-empty directory that a previous build did not write. */
function clearOutput(dir: string): void {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
        if (!fs.existsSync(path.join(dir, MARKER)))
            throw new Error(`${dir} is not empty and was not written by pack:build; choose an empty or new directory`);
        fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, MARKER), "written by npm run pack:build; replaced on every build\n");
}

/**
 * Writes the publishable pack to `outDir` (replacing it) from the compiled dist/ of `root`:
 * index.js and policies/ (JavaScript only, no sources, maps or declarations), PulumiPolicy.yaml,
 * README.md, CHANGELOG.md, and a generated package.json.
 */
export function buildArtefact(outDir: string = path.join(ROOT, "dist", "pack"), root: string = ROOT): Artefact {
    const dist = path.join(root, "dist");
    if (!fs.existsSync(path.join(dist, "index.js"))) throw new Error(`${dist}/index.js is missing: run npm run build first`);
    clearOutput(outDir);
    const sources: string[] = [];
    const copyJs = (from: string, to: string): void => {
        // The maps point at TypeScript sources the artefact does not carry.
        const src = fs.readFileSync(from, "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, src);
        sources.push(src);
    };
    copyJs(path.join(dist, "index.js"), path.join(outDir, "index.js"));
    for (const f of listJs(path.join(dist, "policies")))
        copyJs(f, path.join(outDir, "policies", path.relative(path.join(dist, "policies"), f)));
    const files = ["index.js", "policies/"];
    for (const f of EXTRA_FILES) {
        if (!fs.existsSync(path.join(root, f))) continue;
        fs.copyFileSync(path.join(root, f), path.join(outDir, f));
        files.push(f);
    }
    const rootManifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as RootManifest;
    const manifest: ArtefactManifest = {
        name: rootManifest.name,
        version: rootManifest.version,
        description: rootManifest.description,
        keywords: rootManifest.keywords,
        license: rootManifest.license,
        repository: rootManifest.repository,
        engines: rootManifest.engines,
        main: "index.js",
        files,
        dependencies: runtimeDependencies(requiredPackages(sources), rootManifest.dependencies ?? {}),
    };
    fs.writeFileSync(path.join(outDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return { dir: outDir, manifest };
}

/** Runs a command; resolves with its output, rejects (with stderr) on a non-zero exit. */
export function run(cmd: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        execFile(
            cmd,
            args,
            { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: "false" } },
            (err, stdout, stderr) => {
                if (err) reject(new Error(`${cmd} ${args.join(" ")} in ${cwd} failed: ${err.message}\n${stderr}`));
                else resolve({ stdout, stderr });
            },
        );
    });
}

/** `npm pack --loglevel=error` in `dir`, exactly as npmManager.Pack runs it: the tarball is the trimmed stdout. */
export async function packArtefact(dir: string): Promise<{ tarball: string; stdout: string }> {
    const { stdout } = await run("npm", ["pack", "--loglevel=error"], dir);
    return { tarball: path.join(dir, stdout.trim()), stdout };
}

/** Whether PulumiPolicy.yaml asks the Node.js host for a production install (runtime option `production`). */
function productionInstall(packDir: string): boolean {
    const doc = parseYaml(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8")) as { runtime?: unknown } | null;
    const rt = doc?.runtime;
    return typeof rt === "object" && rt !== null && (rt as { options?: { production?: unknown } }).options?.production === true;
}

/**
 * Installs a packed pack as installRequiredPolicy does: extract, move `package/` to `finalDir`,
 * then `npm install --loglevel=error` there (no lockfile). Returns the install's wall time.
 */
export async function installAsCli(tarball: string, finalDir: string): Promise<{ dir: string; ms: number }> {
    fs.mkdirSync(path.dirname(finalDir), { recursive: true });
    const tmp = fs.mkdtempSync(path.join(path.dirname(finalDir), `${path.basename(finalDir)}.tmp`));
    const started = performance.now();
    try {
        await run("tar", ["-xzf", tarball, "-C", tmp], tmp);
        fs.renameSync(path.join(tmp, "package"), finalDir);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
    const args = ["install", "--loglevel=error", ...(productionInstall(finalDir) ? ["--production"] : [])];
    await run("npm", args, finalDir);
    return { dir: finalDir, ms: performance.now() - started };
}

/** Bytes a directory tree occupies on disk (allocated blocks; hard links counted once). */
export function diskUsage(dir: string): number {
    const seen = new Set<string>();
    let total = 0;
    const walk = (p: string): void => {
        const st = fs.lstatSync(p);
        const key = `${st.dev}:${st.ino}`;
        if (seen.has(key)) return;
        seen.add(key);
        total += st.blocks * 512;
        if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    };
    walk(dir);
    return total;
}

let published: Promise<{ dir: string; tarball: string }> | undefined;

/**
 * The pack as Pulumi Cloud runs it: built to a temporary directory, packed with `npm pack
 * --loglevel=error`, and installed from the tarball as installRequiredPolicy installs an enforced
 * pack, under a temporary ~/.pulumi/policies/ORG/NAME/VERSION. `dir` is the installed pack (give
 * it to `pulumi preview --policy-pack` or PackProcess.start); `tarball` is what publish uploads.
 * Built once per process.
 */
export function buildPublishedPack(): Promise<{ dir: string; tarball: string }> {
    published ??= (async () => {
        const base = fs.mkdtempSync(path.join(os.tmpdir(), "crb-published-"));
        const { dir: src, manifest } = buildArtefact(path.join(base, "src"));
        const { tarball } = await packArtefact(src);
        const finalDir = path.join(base, "home", ".pulumi", "policies", "organization", manifest.name, manifest.version);
        await installAsCli(tarball, finalDir);
        return { dir: finalDir, tarball };
    })();
    return published;
}
