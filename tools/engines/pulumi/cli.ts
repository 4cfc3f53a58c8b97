// Finds or builds the real Pulumi CLI: `pulumi` and its YAML language host at one pinned version,
// from Pulumi's Go modules (the wrapper module in ./cli: go.mod, go.sum, tools.go).
//
// Order: a compatible `pulumi` on PATH; else the cache (keyed by the pinned versions and go.sum);
// else, when asked to and Go is installed, a build into the cache. The Node.js and Python language
// hosts are not built: the Go module proxy refuses their modules (see README, "Real-CLI engine").
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TOOLS_ROOT } from "../../paths";

/** The versions the wrapper module pins (tools/engines/pulumi/cli/go.mod). */
export const PINNED = { pulumi: "v3.274.1", yaml: "v1.38.3" } as const;

/** The oldest `pulumi` on PATH we accept: the version whose sources real-cli-facts.md was read from. */
export const MIN_PATH_VERSION: readonly [number, number, number] = [3, 259, 0];

const MODULE_DIR = path.join(TOOLS_ROOT, "engines", "pulumi", "cli");
const MODULE_FILES = ["go.mod", "go.sum", "tools.go"];
const BINARIES = [
    {
        name: "pulumi",
        pkg: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
        versionVar: "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version",
        version: PINNED.pulumi,
    },
    {
        name: "pulumi-language-yaml",
        pkg: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
        versionVar: "github.com/pulumi/pulumi-yaml/pkg/version.Version",
        version: PINNED.yaml,
    },
];

/** Where the CLI was found. */
export interface PulumiCli {
    /** The directory holding `pulumi` (and, when we built it, `pulumi-language-yaml`). */
    binDir: string;
    /** What `pulumi version` printed. */
    version: string;
    source: "path" | "cache" | "built";
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

/** The cache directory for the pinned build: the versions plus a hash of the module files. */
export function cacheKey(): string {
    const hash = createHash("sha256");
    for (const file of MODULE_FILES) hash.update(fs.readFileSync(path.join(MODULE_DIR, file)));
    return `pulumi-${PINNED.pulumi}-yaml-${PINNED.yaml}-${hash.digest("hex").slice(0, 12)}`;
}

function binDirOf(root: string): string {
    return path.join(root, "pulumi-cli", cacheKey(), "bin");
}

function pulumiVersion(binary: string): string | undefined {
    const r = spawnSync(binary, ["version"], {
        encoding: "utf8",
        timeout: 30_000,
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    });
    return r.status === 0 ? r.stdout.trim() : undefined;
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

/** A compatible `pulumi` on PATH, if any. */
export function findOnPath(): PulumiCli | undefined {
    for (const binary of whichAll("pulumi")) {
        const version = pulumiVersion(binary);
        if (version && isCompatibleVersion(version)) return { binDir: path.dirname(fs.realpathSync(binary)), version, source: "path" };
    }
    return undefined;
}

/** The cached build, if complete. */
export function findCached(root: string = cacheRoot()): PulumiCli | undefined {
    const binDir = binDirOf(root);
    if (!BINARIES.every((b) => fs.existsSync(path.join(binDir, b.name)))) return undefined;
    const version = pulumiVersion(path.join(binDir, "pulumi"));
    return version ? { binDir, version, source: "cache" } : undefined;
}

/** A CLI without building: PATH first, then the cache. */
export function findPulumiCli(): PulumiCli | undefined {
    return findOnPath() ?? findCached();
}

/** Thrown when there is no CLI and none can be built here. */
export class NoCliError extends Error {}

/** The one line that tells a user how to get the CLI. */
export const HOW_TO_GET_CLI =
    "no Pulumi CLI found: install Go 1.26+ and run `npm run -s pulumi-cli` (builds pulumi " +
    `${PINNED.pulumi} from Pulumi's Go modules, cached), or put pulumi >= v${MIN_PATH_VERSION.join(".")} on PATH`;

/** Builds the pinned binaries into the cache (progress on stderr) and returns them. */
export function buildPulumiCli(root: string = cacheRoot(), log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): PulumiCli {
    if (whichAll("go").length === 0) throw new NoCliError(HOW_TO_GET_CLI);
    const binDir = binDirOf(root);
    const workDir = path.dirname(binDir);
    const srcDir = path.join(workDir, "src");
    fs.mkdirSync(srcDir, { recursive: true });
    for (const file of MODULE_FILES) fs.copyFileSync(path.join(MODULE_DIR, file), path.join(srcDir, file));
    const tmpBin = fs.mkdtempSync(path.join(workDir, "bin.tmp-"));
    const env = { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly -buildvcs=false", GOWORK: "off" };
    for (const b of BINARIES) {
        log(`pulumi-cli: building ${b.name} ${b.version} (first use; later runs take the cache in ${workDir})`);
        // Release flags (.goreleaser.yml): -trimpath, tags osusergo,grpcnotrace, the version by ldflags.
        execFileSync(
            "go",
            [
                "build",
                "-trimpath",
                "-tags",
                "osusergo,grpcnotrace",
                "-ldflags",
                `-w -s -X ${b.versionVar}=${b.version}`,
                "-o",
                path.join(tmpBin, b.name),
                b.pkg,
            ],
            { cwd: srcDir, env, stdio: ["ignore", "inherit", "inherit"] },
        );
    }
    fs.rmSync(binDir, { recursive: true, force: true });
    fs.renameSync(tmpBin, binDir);
    const version = pulumiVersion(path.join(binDir, "pulumi"));
    if (!version) throw new NoCliError(`pulumi-cli: the built ${path.join(binDir, "pulumi")} does not run`);
    return { binDir, version, source: "built" };
}

/** A CLI, building the pinned one on first use. */
export function ensurePulumiCli(): PulumiCli {
    return findPulumiCli() ?? buildPulumiCli();
}
