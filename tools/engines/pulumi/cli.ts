// Finds or builds the real Pulumi CLI, in two generations, each from its own wrapper Go module
// (go.mod, go.sum, tools.go) pinned to one release:
//
// - v3.274.1 (tools/engines/pulumi/cli/): `pulumi` and `pulumi-language-yaml` v1.38.3. The Go module
//   proxy does not serve the split-out Node.js, Python and Go host modules of this era, so Node.js
//   programs and packs run on the stand-in host (standins/).
// - v3.60.0 (tools/engines/pulumi/cli-v3.60/): `pulumi` with Pulumi's own Node.js, Python and Go hosts,
//   which sdk/v3 v3.60.0 still carries inside the module, `pulumi-language-yaml` v1.1.1 (v1.38.3
//   panics under this engine: its RunRequest has no ProgramInfo), and the sdk's scripts that this
//   engine runs: pulumi-analyzer-policy (every Node.js pack), pulumi-analyzer-policy-python and
//   pulumi-language-python-exec (every Python program; the host looks for it next to itself).
//
// Order: for v3.274.1, a compatible `pulumi` on PATH; else the cache (keyed by the pinned versions and
// the module files); else, when asked to and Go is installed, a build into the cache.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TOOLS_ROOT } from "../../paths";

/** The CLI generations this repository builds and tests. */
export const GENERATION_IDS = ["v3.274.1", "v3.60.0"] as const;
export type GenerationId = (typeof GENERATION_IDS)[number];

/** The generation `check`, the demo and the bench use unless told otherwise. */
export const DEFAULT_GENERATION: GenerationId = "v3.274.1";

/** One `go build` invocation: its packages and the version variables its ldflags set. */
interface GoBuild {
    pkgs: string[];
    versionVars: Record<string, string>;
}

/**
 * How the generation's file backend names stacks: `organization/PROJECT/STACK` (project-scoped, one
 * organization), or plain names only (v3.60: pkg/v3@v3.60.0 backend/filestate/store.go
 * legacyReferenceStore, which also gives programs no organization, state.go).
 */
export type FileBackendNames = "project-scoped" | "plain";

/** A CLI generation: what its wrapper module builds and which language hosts in its bin dir are Pulumi's own. */
export interface Generation {
    id: GenerationId;
    /** The versions the wrapper module pins, for messages and the cache key. */
    pinned: Record<string, string>;
    moduleDir: string;
    builds: GoBuild[];
    /** Files copied (mode 0755) from a module of the build into the bin dir. */
    scripts: { module: string; files: string[] }[];
    /** Runtimes whose real `pulumi-language-<runtime>` this generation's bin dir holds. */
    realHosts: string[];
    /**
     * The runtime options each of the generation's own hosts defines, where its CLI passes every
     * `runtime.options` entry as a `-key=value` flag (v3.60: sdk/go/common/resource/plugin
     * buildArgsForNewPlugin) and the host exits on a flag it does not define.
     */
    hostFlags?: Readonly<Record<string, readonly string[]>>;
    fileBackendNames: FileBackendNames;
    /**
     * Whether the cache key hashes the build recipe (ldflags, scripts) too. v3.274.1's key predates
     * that, and its recipe is fixed by the versions in its name; keeping the key keeps its cache.
     */
    recipeInKey: boolean;
}

const SDK = "github.com/pulumi/pulumi/sdk/v3";
const MODULE_FILES = ["go.mod", "go.sum", "tools.go"];

export const GENERATIONS: Record<GenerationId, Generation> = {
    "v3.274.1": {
        id: "v3.274.1",
        pinned: { pulumi: "v3.274.1", yaml: "v1.38.3" },
        moduleDir: path.join(TOOLS_ROOT, "engines", "pulumi", "cli"),
        builds: [
            {
                pkgs: ["github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"],
                versionVars: { [`${SDK}/go/common/version.Version`]: "v3.274.1" },
            },
            {
                pkgs: ["github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"],
                versionVars: { "github.com/pulumi/pulumi-yaml/pkg/version.Version": "v1.38.3" },
            },
        ],
        scripts: [],
        realHosts: ["yaml"],
        fileBackendNames: "project-scoped",
        recipeInKey: false,
    },
    "v3.60.0": {
        id: "v3.60.0",
        pinned: { pulumi: "v3.60.0", hosts: "nodejs-python-go", yaml: "v1.1.1" },
        moduleDir: path.join(TOOLS_ROOT, "engines", "pulumi", "cli-v3.60"),
        builds: [
            {
                pkgs: [
                    "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
                    `${SDK}/nodejs/cmd/pulumi-language-nodejs`,
                    `${SDK}/python/cmd/pulumi-language-python`,
                    `${SDK}/go/pulumi-language-go`,
                    "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
                ],
                // The CLI of this era prints pkg's variable (`pulumi version` is empty without it); the
                // hosts report sdk's in GetPluginInfo.
                versionVars: {
                    "github.com/pulumi/pulumi/pkg/v3/version.Version": "v3.60.0",
                    [`${SDK}/go/common/version.Version`]: "v3.60.0",
                    "github.com/pulumi/pulumi-yaml/pkg/version.Version": "v1.1.1",
                },
            },
        ],
        scripts: [
            {
                module: SDK,
                files: [
                    "nodejs/dist/pulumi-analyzer-policy",
                    "python/dist/pulumi-analyzer-policy-python",
                    "python/cmd/pulumi-language-python-exec",
                ],
            },
        ],
        realHosts: ["nodejs", "python", "go", "yaml"],
        // Each host's main.go flag.StringVar/BoolVar calls, less tracing and root (the CLI's own flags).
        hostFlags: {
            nodejs: ["typescript", "tsconfig", "nodeargs"],
            python: ["virtualenv"],
            go: ["binary", "buildTarget"],
            yaml: ["compiler"],
        },
        fileBackendNames: "plain",
        recipeInKey: true,
    },
};

/** The versions the default generation's wrapper module pins (tools/engines/pulumi/cli/go.mod). */
export const PINNED = { pulumi: "v3.274.1", yaml: "v1.38.3" } as const;

/** The oldest `pulumi` on PATH we accept: the version whose sources real-cli-facts.md was read from. */
export const MIN_PATH_VERSION: readonly [number, number, number] = [3, 259, 0];

/** Where the CLI was found. */
export interface PulumiCli {
    /** The directory holding `pulumi` (and, when we built it, its language hosts). */
    binDir: string;
    /** What `pulumi version` printed. */
    version: string;
    source: "path" | "cache" | "built";
    generation: GenerationId;
}

/** The generation an id (or `v3.60`, `3.60.0`) names, if any. */
export function generationOf(text: string): Generation | undefined {
    const v = text.startsWith("v") ? text : `v${text}`;
    return GENERATIONS[v as GenerationId] ?? Object.values(GENERATIONS).find((g) => g.id.startsWith(`${v}.`));
}

/** Parses `v3.274.1`, `3.274.1-dev.0` and the like. */
export function parseVersion(text: string): [number, number, number] | undefined {
    const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** True when `version` is a v3 CLI at least MIN_PATH_VERSION. */
export function isCompatibleVersion(version: string): boolean {
    const v = parseVersion(version);
    if (!v || v[0] !== MIN_PATH_VERSION[0]) return false;
    for (let i = 1; i < 3; i++) if (v[i] !== MIN_PATH_VERSION[i]) return v[i] > MIN_PATH_VERSION[i];
    return true;
}

/** The cache root: $CLOUD_RUN_BINAUTHZ_CACHE, else $XDG_CACHE_HOME or ~/.cache, then cloud-run-binauthz. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
    if (env.CLOUD_RUN_BINAUTHZ_CACHE) return path.resolve(env.CLOUD_RUN_BINAUTHZ_CACHE);
    const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), ".cache");
    return path.join(base, "cloud-run-binauthz");
}

/** The ldflags of one build: release flags (-w -s) and every version variable. */
function ldflags(build: GoBuild): string {
    return ["-w -s", ...Object.entries(build.versionVars).map(([v, value]) => `-X ${v}=${value}`)].join(" ");
}

/** The cache directory name of a generation: its pinned versions plus a hash of the module files (and recipe). */
export function cacheKey(gen: Generation = GENERATIONS[DEFAULT_GENERATION]): string {
    const hash = createHash("sha256");
    for (const file of MODULE_FILES) hash.update(fs.readFileSync(path.join(gen.moduleDir, file)));
    if (gen.recipeInKey) hash.update(JSON.stringify({ builds: gen.builds.map((b) => [b.pkgs, ldflags(b)]), scripts: gen.scripts }));
    const versions = Object.entries(gen.pinned)
        .map(([k, v]) => (k === "pulumi" ? `pulumi-${v}` : `${k}-${v}`))
        .join("-");
    return `${versions}-${hash.digest("hex").slice(0, 12)}`;
}

function binDirOf(root: string, gen: Generation): string {
    return path.join(root, "pulumi-cli", cacheKey(gen), "bin");
}

/** The names a complete bin dir of the generation holds. */
export function expectedFiles(gen: Generation): string[] {
    return [
        ...gen.builds.flatMap((b) => b.pkgs.map((p) => path.posix.basename(p))),
        ...gen.scripts.flatMap((s) => s.files.map((f) => path.posix.basename(f))),
    ];
}

function pulumiVersion(binary: string): string | undefined {
    const r = spawnSync(binary, ["version"], {
        encoding: "utf8",
        timeout: 30_000,
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** Every executable named `name` on PATH, in PATH order. */
export function whichAll(name: string, pathVar: string = process.env.PATH ?? ""): string[] {
    const found: string[] = [];
    for (const dir of pathVar.split(path.delimiter)) {
        if (!dir) continue;
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            if (fs.statSync(candidate).isFile()) found.push(candidate);
        } catch {
            // not here
        }
    }
    return found;
}

/** A compatible `pulumi` on PATH, if any (the default generation only: PATH's CLI stands for the current one). */
export function findOnPath(): PulumiCli | undefined {
    for (const binary of whichAll("pulumi")) {
        const version = pulumiVersion(binary);
        if (version && isCompatibleVersion(version))
            return { binDir: path.dirname(fs.realpathSync(binary)), version, source: "path", generation: DEFAULT_GENERATION };
    }
    return undefined;
}

/** The cached build of a generation, if complete. */
export function findCached(root: string = cacheRoot(), gen: Generation = GENERATIONS[DEFAULT_GENERATION]): PulumiCli | undefined {
    const binDir = binDirOf(root, gen);
    if (!expectedFiles(gen).every((name) => fs.existsSync(path.join(binDir, name)))) return undefined;
    const version = pulumiVersion(path.join(binDir, "pulumi"));
    return version ? { binDir, version, source: "cache", generation: gen.id } : undefined;
}

/** A CLI of the generation without building: PATH first (default generation only), then the cache. */
export function findPulumiCli(id: GenerationId = DEFAULT_GENERATION): PulumiCli | undefined {
    const gen = GENERATIONS[id];
    return (id === DEFAULT_GENERATION ? findOnPath() : undefined) ?? findCached(cacheRoot(), gen);
}

/** Thrown when there is no CLI and none can be built here. */
export class NoCliError extends Error {}

/** The one line that tells a user how to get the CLI. */
export const HOW_TO_GET_CLI =
    "no Pulumi CLI found: install Go 1.26+ and run `npm run -s pulumi-cli` (builds pulumi " +
    `${PINNED.pulumi} from Pulumi's Go modules, cached), or put pulumi >= v${MIN_PATH_VERSION.join(".")} on PATH`;

/** The one line that tells a user how to get a generation's CLI. */
export function howToGet(id: GenerationId): string {
    if (id === DEFAULT_GENERATION) return HOW_TO_GET_CLI;
    return `no pulumi ${id} build found: install Go 1.26+ and run \`npm run -s pulumi-cli -- --generation ${id}\` (builds it with Pulumi's own language hosts, cached)`;
}

/** Builds a generation's binaries and scripts into the cache (progress on stderr) and returns them. */
export function buildPulumiCli(
    root: string = cacheRoot(),
    log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
    gen: Generation = GENERATIONS[DEFAULT_GENERATION],
): PulumiCli {
    if (whichAll("go").length === 0) throw new NoCliError(howToGet(gen.id));
    const binDir = binDirOf(root, gen);
    const workDir = path.dirname(binDir);
    const srcDir = path.join(workDir, "src");
    fs.mkdirSync(srcDir, { recursive: true });
    for (const file of MODULE_FILES) fs.copyFileSync(path.join(gen.moduleDir, file), path.join(srcDir, file));
    const tmpBin = fs.mkdtempSync(path.join(workDir, "bin.tmp-"));
    const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly -buildvcs=false", GOWORK: "off" };
    for (const b of gen.builds) {
        const names = b.pkgs.map((p) => path.posix.basename(p)).join(", ");
        log(`pulumi-cli: building ${names} (${gen.id}; first use; later runs take the cache in ${workDir})`);
        // Release flags (.goreleaser.yml): -trimpath, tags osusergo,grpcnotrace, the version by ldflags.
        // `-o DIR/` names each binary after its package.
        execFileSync("go", ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", ldflags(b), "-o", `${tmpBin}/`, ...b.pkgs], {
            cwd: srcDir,
            env,
            stdio: ["ignore", "inherit", "inherit"],
        });
    }
    for (const s of gen.scripts) {
        const moduleDir = execFileSync("go", ["list", "-m", "-f", "{{.Dir}}", s.module], { cwd: srcDir, env, encoding: "utf8" }).trim();
        for (const file of s.files) {
            // The module cache is read-only (0444): a plain copy would not be executable.
            const to = path.join(tmpBin, path.posix.basename(file));
            fs.copyFileSync(path.join(moduleDir, file), to);
            fs.chmodSync(to, 0o755);
        }
    }
    fs.rmSync(binDir, { recursive: true, force: true });
    fs.renameSync(tmpBin, binDir);
    const version = pulumiVersion(path.join(binDir, "pulumi"));
    if (!version) throw new NoCliError(`pulumi-cli: the built ${path.join(binDir, "pulumi")} does not run`);
    return { binDir, version, source: "built", generation: gen.id };
}

/** A CLI of the generation, building it on first use. */
export function ensurePulumiCli(id: GenerationId = DEFAULT_GENERATION): PulumiCli {
    return findPulumiCli(id) ?? buildPulumiCli(cacheRoot(), undefined, GENERATIONS[id]);
}

/**
 * A directory holding only the generation's real host for `runtime` (and the files it needs beside
 * it), for putting that one host on PATH in front of another CLI generation without its `pulumi`.
 */
export function hostOnlyDir(cli: PulumiCli, runtime: string): string | undefined {
    const host = `pulumi-language-${runtime}`;
    if (!fs.existsSync(path.join(cli.binDir, host))) return undefined;
    const dir = path.join(path.dirname(cli.binDir), "hosts", runtime);
    const files = [host, ...(runtime === "python" ? ["pulumi-language-python-exec"] : [])];
    if (files.every((f) => fs.existsSync(path.join(dir, f)))) return dir;
    const tmp = fs.mkdtempSync(path.join(path.dirname(cli.binDir), "hosts.tmp-"));
    // Links: the Python host finds its -exec script next to its resolved executable.
    for (const f of files) fs.symlinkSync(path.join(cli.binDir, f), path.join(tmp, f));
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    try {
        fs.renameSync(tmp, dir);
    } catch {
        fs.rmSync(tmp, { recursive: true, force: true }); // another process made it first
    }
    return dir;
}
