// GetRequiredPackages of the language-host stand-in: which resource plugins a Node.js program
// needs, read from package.json files under node_modules, as getPackagesFromDir, getPackageInfo,
// getPluginName, getPluginVersion and compatibleVersions do in
// sdk/nodejs/cmd/pulumi-language-nodejs/main.go (pulumi/pulumi).
import * as fs from "node:fs";
import * as path from "node:path";

/** One PackageDependency as the host returns it. */
export interface RequiredPackage {
    name: string;
    kind: "resource";
    version: string;
    server: string;
    parameterization?: Parameterization;
    extension?: Parameterization;
}

export interface Parameterization {
    name: string;
    version: string;
    /** Decoded from the base64 string in package.json, as Go's json.Unmarshal into []byte does. */
    value: Buffer;
}

export interface ScanResult {
    packages: RequiredPackage[];
    errors: string[];
    /** package.json path of each @pulumi/pulumi found, with its version. */
    pulumiVersions: Map<string, SemVer>;
}

export interface SemVer {
    major: number;
    minor: number;
    patch: number;
    text: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** blang/semver's Parse (strict: no leading "v"); undefined when it would fail. */
export function parseSemVer(text: string): SemVer | undefined {
    const m = SEMVER.exec(text);
    return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), text } : undefined;
}

/** compatibleVersions: the message when two @pulumi/pulumi versions cannot live in one program, else undefined. */
export function incompatibility(a: SemVer, b: SemVer): string | undefined {
    if (a.major === 0 && b.major === 0) {
        return a.minor !== b.minor ? "Differing major or minor versions are not supported." : undefined;
    }
    if (a.major >= 1 && a.major <= 2 && b.major >= 1 && b.major <= 2) return undefined;
    if (a.major > 2 || b.major > 2) return a.major !== b.major ? "Differing major versions are not supported." : undefined;
    if ((a.major === 1 && b.major === 0 && b.minor === 17) || (b.major === 1 && a.major === 0 && a.minor === 17)) return undefined;
    return "Differing major or minor versions are not supported.";
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const optString = (v: unknown): boolean => v === undefined || v === null || typeof v === "string";
const str = (v: unknown): string => (typeof v === "string" ? v : "");

function isStringMap(v: unknown): boolean {
    return v === undefined || v === null || (isObject(v) && Object.values(v).every((x) => typeof x === "string"));
}

function parameterizationOf(v: unknown): Parameterization | undefined | "invalid" {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v) || !optString(v.name) || !optString(v.version) || !optString(v.value)) return "invalid";
    if (typeof v.value === "string" && !/^[A-Za-z0-9+/]*={0,2}$/.test(v.value)) return "invalid";
    return { name: str(v.name), version: str(v.version), value: Buffer.from(str(v.value), "base64") };
}

interface PackageJson {
    name: string;
    version: string;
    pulumi: {
        resource: boolean;
        name: string;
        version: string;
        server: string;
        parameterization?: Parameterization;
        extension?: Parameterization;
    };
}

/** Decodes package.json the way Go's json.Unmarshal into the host's packageJSON struct does; a type mismatch fails. */
export function decodePackageJson(text: string): PackageJson | Error {
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        return e as Error;
    }
    if (!isObject(raw)) return new Error("json: cannot unmarshal into Go value of type main.packageJSON");
    const p = raw.pulumi ?? {};
    const ok =
        optString(raw.name) &&
        optString(raw.version) &&
        optString(raw.main) &&
        isStringMap(raw.dependencies) &&
        isStringMap(raw.devDependencies) &&
        isObject(p) &&
        (p.resource === undefined || p.resource === null || typeof p.resource === "boolean") &&
        optString(p.name) &&
        optString(p.version) &&
        optString(p.server);
    const parameterization = isObject(p) ? parameterizationOf(p.parameterization) : undefined;
    const extension = isObject(p) ? parameterizationOf(p.extensionParameterization) : undefined;
    if (!ok || !isObject(p) || parameterization === "invalid" || extension === "invalid") {
        return new Error("json: cannot unmarshal a field of package.json into the expected type");
    }
    return {
        name: str(raw.name),
        version: str(raw.version),
        pulumi: {
            resource: p.resource === true,
            name: str(p.name),
            version: str(p.version),
            server: str(p.server),
            parameterization,
            extension,
        },
    };
}

/** getPluginName: the "pulumi" section's name, else the @pulumi/ package's simple name; third-party packages must set it. */
export function pluginName(info: PackageJson): string | Error {
    if (info.pulumi.name !== "") return info.pulumi.name;
    if (info.name === "") return new Error('missing expected "name" property');
    if (info.name.startsWith("@pulumi/")) return info.name.slice(info.name.indexOf("/") + 1);
    return new Error(`Missing property "name" for the third-party plugin '${info.name}' inside package.json under the "pulumi" section.`);
}

/** getPluginVersion: the "pulumi" section's version, else the package's, with a leading "v". */
export function pluginVersion(info: PackageJson): string | Error {
    const version = info.pulumi.version !== "" ? info.pulumi.version : info.version;
    if (version === "") return new Error('Missing expected "version" property');
    return version.startsWith("v") ? version : `v${version}`;
}

/** workspace.DetectPolicyPackPathAt: a directory holding PulumiPolicy.{json,yaml,yml} as a file is a policy pack. */
function isPolicyPackDir(dir: string): boolean | Error {
    for (const ext of [".json", ".yaml", ".yml"]) {
        try {
            return !fs.statSync(path.join(dir, `PulumiPolicy${ext}`)).isDirectory();
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
            return e as Error;
        }
    }
    return false;
}

/**
 * getPackagesFromDir: walks every directory under `dir` (symlinks resolved, each real path once,
 * nested policy packs skipped) and reads each package.json that lies under a node_modules directory.
 */
export function scanRequiredPackages(programDirectory: string): ScanResult {
    const result: ScanResult = { packages: [], errors: [], pulumiVersions: new Map() };
    walk(path.resolve(programDirectory), false, new Set(), result);
    return result;
}

function walk(dir: string, inNodeModules: boolean, visited: Set<string>, out: ScanResult): void {
    if (visited.has(dir)) return;
    visited.add(dir);
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
        out.errors.push(`reading plugin dir ${dir}: ${(e as Error).message}`);
        return;
    }
    for (const entry of entries) {
        let curr = path.join(dir, entry.name);
        let isDir = entry.isDirectory();
        if (entry.isSymbolicLink()) {
            try {
                curr = fs.realpathSync(curr);
                isDir = fs.statSync(curr).isDirectory();
            } catch (e) {
                out.errors.push(`resolving link in plugin dir ${curr}: ${(e as Error).message}`);
                continue;
            }
        }
        if (isDir) {
            const pack = isPolicyPackDir(curr);
            if (pack instanceof Error) {
                out.errors.push(pack.message);
                continue;
            }
            if (pack) continue;
            walk(curr, inNodeModules || path.basename(dir) === "node_modules", visited, out);
        } else if (inNodeModules && entry.name === "package.json") {
            readPackageJson(curr, out);
        }
    }
}

function readPackageJson(file: string, out: ScanResult): void {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        out.errors.push(`reading package.json ${file}: ${(e as Error).message}`);
        return;
    }
    const info = decodePackageJson(text);
    if (info instanceof Error) {
        out.errors.push(`unmarshaling package.json ${file}: ${info.message}`);
        return;
    }
    if (info.name === "@pulumi/pulumi") {
        const version = parseSemVer(info.version);
        if (!version) {
            out.errors.push(`Could not understand version ${info.version} in '${file}'`);
            return;
        }
        out.pulumiVersions.set(file, version);
    }
    if (!info.pulumi.resource) return;
    const name = pluginName(info);
    const version = pluginVersion(info);
    if (name instanceof Error || version instanceof Error) {
        out.errors.push(`unmarshaling package.json ${file}: ${(name instanceof Error ? name : (version as Error)).message}`);
        return;
    }
    out.packages.push({
        name,
        kind: "resource",
        version,
        server: info.pulumi.server,
        parameterization: info.pulumi.parameterization,
        extension: info.pulumi.extension,
    });
}

/** The warning the host prints on stderr when two @pulumi/pulumi copies are incompatible (first pair found). */
export function incompatibleVersionsWarning(versions: Map<string, SemVer>): string | undefined {
    const all = [...versions.entries()];
    if (all.length < 2) return undefined;
    const [firstPath, firstVersion] = all[0];
    for (const [p, version] of all.slice(1)) {
        const message = incompatibility(version, firstVersion);
        if (message) {
            return `Found incompatible versions of @pulumi/pulumi. ${message}\n  Version ${firstVersion.text} referenced at ${firstPath}\n  Version ${version.text} referenced at ${p}\n`;
        }
    }
    return undefined;
}
