// The artefact `pulumi policy publish` uploads is the repository root, packed as it is, and the
// CLI steps around it are reproduced here for the tests and the bench.
//
// The root package.json declares only what the compiled pack loads (`dependencies`), no
// devDependencies (the development tooling belongs to the tools workspace, tools/package.json),
// and no install-time lifecycle script; its `files` keep the tarball to the compiled pack with its
// declarations, PulumiPolicy.yaml, the README and the changelog.
//
// What the Pulumi CLI does with it (pulumi/pulumi):
// - publish: pkg/backend/httpstate/policypack.go cloudPolicyPack.Publish asks the running pack for
//   GetAnalyzerInfo, then runs `npm pack --loglevel=error` in the pack directory
//   (sdk/nodejs/npm/npm.go npmManager.Pack) and takes the trimmed stdout as the tarball's name.
//   The root's `prepack` build is silent there: .npmrc sets foreground-scripts=false.
// - enforce: installRequiredPolicy (same file) extracts the tarball's `package/` to
//   ~/.pulumi/policies/ORG/NAME/VERSION and runs a plain `npm install --loglevel=error` there, with
//   no lockfile. v3.274 goes through the Node.js host (`--production` only when PulumiPolicy.yaml
//   sets runtime option `production: true`); v3.60 calls npm.Install(…, production=false) itself
//   (completeNodeJSInstall). Either way devDependencies would be installed, which is why the root
//   has none.
// - compose: an organisation's own pack lists this package in its dependencies; npm never installs
//   a dependency's devDependencies or workspaces.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { PACK_ROOT } from "../paths";

/** Packages that must never be runtime dependencies of the published pack. */
export const NOT_AT_RUNTIME: readonly string[] = ["@pulumi/gcp", "typescript", "ts-node"];
/** Always declared: the CLI starts every Node.js pack with @pulumi/pulumi's run-policy-pack. */
const ALWAYS = ["@pulumi/policy", "@pulumi/pulumi"];

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
 * What is wrong with `declared` (package.json `dependencies`) for a pack whose compiled code loads
 * `required`: a package loaded but not declared, one of NOT_AT_RUNTIME loaded, one of ALWAYS
 * missing, or a declared package nothing loads (every enforced preview would install it for nothing).
 */
export function dependencyProblems(required: Iterable<string>, declared: Record<string, string>): string[] {
    const needed = new Set([...ALWAYS, ...required]);
    const problems: string[] = [];
    for (const name of [...needed].sort()) {
        if (NOT_AT_RUNTIME.includes(name))
            problems.push(`the compiled pack loads ${name} at run time; make it a type-only import (import type)`);
        else if (!declared[name]) problems.push(`the compiled pack loads ${name}, which package.json does not list under dependencies`);
    }
    for (const name of Object.keys(declared).sort()) {
        if (!needed.has(name)) problems.push(`package.json lists ${name} under dependencies, but the compiled pack never loads it`);
    }
    return problems;
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

/** The compiled pack's JavaScript under `root`/dist: index.js and policies/. */
export function compiledPackSources(root: string = PACK_ROOT): string[] {
    const dist = path.join(root, "dist");
    if (!fs.existsSync(path.join(dist, "index.js"))) throw new Error(`${dist}/index.js is missing: run npm run build first`);
    return [path.join(dist, "index.js"), ...listJs(path.join(dist, "policies"))].map((f) => fs.readFileSync(f, "utf8"));
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

/**
 * `npm pack --loglevel=error` in `dir`, as npmManager.Pack runs it: the tarball is the trimmed
 * stdout. With `destination`, the tarball is written there instead of into `dir` (same contents).
 */
export async function packDirectory(dir: string, destination?: string): Promise<{ tarball: string; stdout: string }> {
    const args = ["pack", "--loglevel=error", ...(destination ? ["--pack-destination", destination] : [])];
    const { stdout } = await run("npm", args, dir);
    return { tarball: path.join(destination ?? dir, stdout.trim()), stdout };
}

/** Whether PulumiPolicy.yaml asks the Node.js host for a production install (runtime option `production`). */
function productionInstall(packDir: string): boolean {
    const doc = parseYaml(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8")) as { runtime?: unknown } | null;
    const rt = doc?.runtime;
    return typeof rt === "object" && rt !== null && (rt as { options?: { production?: unknown } }).options?.production === true;
}

/**
 * Installs a packed pack as installRequiredPolicy does: extract, move `package/` to `finalDir`,
 * then `npm install --loglevel=error` there (no lockfile; devDependencies unless PulumiPolicy.yaml
 * opts out). Returns the install's wall time.
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

/** The runtime dependency ranges the root declares (the floor and composing packs use the same). */
export function declaredDependencies(root: string = PACK_ROOT): Record<string, string> {
    return (
        (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> }).dependencies ??
        {}
    );
}

/**
 * An organisation's own pack that composes this one: `dependencies` on the tarball plus
 * @pulumi/policy and @pulumi/pulumi, an index.js built on `cloudRunBinauthzPolicies`, packed and
 * installed as the CLI installs an enforced pack. Returns the installed directory.
 */
export async function installComposingPack(tarball: string, finalDir: string): Promise<{ dir: string; ms: number }> {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), "crb-composing-"));
    try {
        const declared = declaredDependencies();
        const manifest = {
            name: "acme-security",
            version: "1.0.0",
            main: "index.js",
            dependencies: {
                "@pulumi/policy": declared["@pulumi/policy"],
                "@pulumi/pulumi": declared["@pulumi/pulumi"],
                "cloud-run-binauthz": `file:${tarball}`,
            },
        };
        fs.writeFileSync(path.join(src, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
        fs.writeFileSync(path.join(src, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        fs.writeFileSync(
            path.join(src, "index.js"),
            [
                'const { PolicyPack } = require("@pulumi/policy");',
                'const { cloudRunBinauthzPolicies } = require("cloud-run-binauthz/dist/policies");',
                'const { policies, initialConfig } = cloudRunBinauthzPolicies({ all: "mandatory" });',
                'new PolicyPack("acme-security", { policies }, initialConfig);',
                "",
            ].join("\n"),
        );
        // A file: dependency on a tarball travels into the composing pack's own tarball by path,
        // so install from the source directory, as `npm install` after `pulumi policy new` would.
        fs.mkdirSync(path.dirname(finalDir), { recursive: true });
        fs.cpSync(src, finalDir, { recursive: true });
        const started = performance.now();
        await run("npm", ["install", "--loglevel=error"], finalDir);
        return { dir: finalDir, ms: performance.now() - started };
    } finally {
        fs.rmSync(src, { recursive: true, force: true });
    }
}

/** The floor pack (bench/floor: one trivial policy of each kind) with only @pulumi/policy and @pulumi/pulumi, as a directory to pack. */
export function buildFloorPack(dir: string): string {
    const declared = declaredDependencies();
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ["index.js", "PulumiPolicy.yaml"]) fs.copyFileSync(path.join(PACK_ROOT, "bench", "floor", f), path.join(dir, f));
    const manifest = {
        name: "floor-pack",
        version: "0.0.1",
        main: "index.js",
        dependencies: { "@pulumi/policy": declared["@pulumi/policy"], "@pulumi/pulumi": declared["@pulumi/pulumi"] },
    };
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return dir;
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

/** The repository's files that `npm pack` at the root reads (sources, manifests, docs), for a copy to pack in. */
const PACKED_FROM = [
    "package.json",
    ".npmrc",
    "tsconfig.json",
    "index.ts",
    "policies",
    "PulumiPolicy.yaml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "policy-config.example.json",
];

/**
 * A copy of the pack's sources with the repository's node_modules linked in, so that packing or
 * building it leaves the repository alone. The tools workspace is not copied: `npm pack` at the
 * root must not need it.
 */
export function copyOfPackSources(root: string = PACK_ROOT): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crb-repo-"));
    for (const e of PACKED_FROM)
        if (fs.existsSync(path.join(root, e))) fs.cpSync(path.join(root, e), path.join(dir, e), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    return dir;
}

let published: Promise<{ dir: string; tarball: string }> | undefined;

/**
 * The pack as Pulumi Cloud runs it: the repository root packed with `npm pack --loglevel=error`,
 * then installed from the tarball as installRequiredPolicy installs an enforced pack, under a
 * temporary ~/.pulumi/policies/ORG/NAME/VERSION. `dir` is the installed pack (give it to
 * `pulumi preview --policy-pack` or PackProcess.start); `tarball` is what publish uploads.
 * Built once per process.
 */
export function buildPublishedPack(): Promise<{ dir: string; tarball: string }> {
    published ??= (async () => {
        const base = fs.mkdtempSync(path.join(os.tmpdir(), "crb-published-"));
        const { tarball } = await packDirectory(PACK_ROOT, base);
        const { name, version } = JSON.parse(fs.readFileSync(path.join(PACK_ROOT, "package.json"), "utf8")) as {
            name: string;
            version: string;
        };
        const finalDir = path.join(base, "home", ".pulumi", "policies", "organization", name, version);
        await installAsCli(tarball, finalDir);
        return { dir: finalDir, tarball };
    })();
    return published;
}
