// Which provider packages a program needs, found the way each language host finds them, so that
// `check --engine pulumi` can put a stand-in for every one of them on PATH:
// - Node.js: package.json files under node_modules whose "pulumi" section says `resource: true`
//   (the host's getPackagesFromDir, tools/engines/pulumi/standins/nodejsRequiredPackages.ts), in the
//   program's directory and every directory above it, since Node.js resolves packages upward.
// - Python: the distributions installed in the program's virtualenv (pulumi-language-python's
//   determinePulumiPackages): a package with `<name>/pulumi-plugin.json` (`resource: false` skips it),
//   or one whose name starts with `pulumi-` (the SDK itself and pulumi-policy excepted).
// - YAML: the package of every resource type and `fn::invoke` function (pulumi-yaml's
//   GetReferencedPackages: the part before the first `:`, `pulumi` skipped, `pulumi:providers:X` is
//   X), with the version of the Pulumi.yaml `packages:` entry or the resource's `options.version`.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { decodePackageJson, pluginName, pluginVersion } from "../pulumi/standins/nodejsRequiredPackages";

/** A provider package a program needs, and where the need was found. */
export interface ProgramPackage {
    name: string;
    /** Without a leading `v`; absent where the program does not say. */
    version?: string;
    from: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function readJson(file: string): unknown {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
        return undefined;
    }
}

function packageDirs(nodeModules: string): string[] {
    let entries: string[];
    try {
        entries = fs.readdirSync(nodeModules);
    } catch {
        return [];
    }
    const dirs: string[] = [];
    for (const e of entries.sort()) {
        if (e.startsWith(".")) continue;
        const full = path.join(nodeModules, e);
        if (e.startsWith("@")) {
            try {
                for (const s of fs.readdirSync(full).sort()) dirs.push(path.join(full, s));
            } catch {
                // not a directory
            }
        } else dirs.push(full);
    }
    return dirs;
}

/** Resource packages in one node_modules directory (and the node_modules nested in its packages, one level). */
function nodeModulesPackages(nodeModules: string, out: ProgramPackage[], depth = 0): void {
    for (const dir of packageDirs(nodeModules)) {
        const file = path.join(dir, "package.json");
        let text: string;
        try {
            text = fs.readFileSync(file, "utf8");
        } catch {
            continue;
        }
        const info = decodePackageJson(text);
        if (!(info instanceof Error) && info.pulumi.resource) {
            const name = pluginName(info);
            const version = pluginVersion(info);
            if (!(name instanceof Error))
                out.push({ name, version: version instanceof Error ? undefined : version.replace(/^v/, ""), from: file });
        }
        if (depth === 0) nodeModulesPackages(path.join(dir, "node_modules"), out, 1);
    }
}

/** The packages a Node.js program in `dir` can load: every node_modules from `dir` up to the root. */
export function nodePackages(dir: string): ProgramPackage[] {
    const out: ProgramPackage[] = [];
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        nodeModulesPackages(path.join(d, "node_modules"), out);
        if (path.dirname(d) === d) break;
    }
    return out;
}

/** `site-packages` directories of a virtualenv (`lib/pythonX.Y/site-packages`, or `Lib/site-packages` on Windows). */
export function sitePackagesDirs(venv: string): string[] {
    const out: string[] = [];
    const lib = path.join(venv, "lib");
    try {
        for (const e of fs.readdirSync(lib).sort()) {
            const site = path.join(lib, e, "site-packages");
            if (/^python\d/.test(e) && fs.existsSync(site)) out.push(site);
        }
    } catch {
        // no lib/
    }
    const win = path.join(venv, "Lib", "site-packages");
    if (fs.existsSync(win)) out.push(win);
    return out;
}

function metadataField(text: string, field: string): string | undefined {
    const m = new RegExp(`^${field}:\\s*(.+)$`, "mi").exec(text);
    return m ? m[1].trim() : undefined;
}

/**
 * PEP 440 to the semver the host reports (determinePluginVersion): `1.2.3a4` becomes `1.2.3-alpha.4`,
 * `b`/`rc` likewise, `.devN`/`.postN` become build metadata, short versions are padded to three parts.
 */
export function pep440ToSemver(version: string): string | undefined {
    const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?$/.exec(version.trim());
    if (!m) return undefined;
    let out = `${m[1]}.${m[2] ?? "0"}.${m[3] ?? "0"}`;
    if (m[4]) out += `-${{ a: "alpha", b: "beta", rc: "rc" }[m[4]]}.${m[5]}`;
    const build = [m[6] ? `post${m[6]}` : "", m[7] ? `dev${m[7]}` : ""].filter(Boolean);
    if (build.length) out += `+${build.join(".")}`;
    return out;
}

/** The Pulumi packages installed in `sitePackages`, as the Python host reports them. */
export function pythonPackages(sitePackages: string): ProgramPackage[] {
    const out: ProgramPackage[] = [];
    let entries: string[];
    try {
        entries = fs.readdirSync(sitePackages).sort();
    } catch {
        return out;
    }
    for (const e of entries) {
        if (!e.endsWith(".dist-info")) continue;
        let meta: string;
        try {
            meta = fs.readFileSync(path.join(sitePackages, e, "METADATA"), "utf8");
        } catch {
            continue;
        }
        const dist = metadataField(meta, "Name");
        const distVersion = metadataField(meta, "Version");
        if (!dist || !distVersion) continue;
        const normal = dist.toLowerCase().replace(/[-_.]+/g, "-");
        if (normal === "pulumi" || normal === "pulumi-policy") continue;
        const pluginFile = path.join(sitePackages, dist.replace(/-/g, "_"), "pulumi-plugin.json");
        const plugin = readJson(pluginFile);
        if (isObject(plugin)) {
            if (plugin.resource === false) continue;
        } else if (!normal.startsWith("pulumi-")) continue;
        const name = isObject(plugin) && typeof plugin.name === "string" && plugin.name ? plugin.name : normal.replace(/^pulumi-/, "");
        const version =
            isObject(plugin) && typeof plugin.version === "string" && plugin.version
                ? plugin.version.replace(/^v/, "")
                : pep440ToSemver(distVersion);
        if (version === undefined) continue; // the host skips a package whose version it cannot read
        out.push({ name, version, from: isObject(plugin) ? pluginFile : path.join(sitePackages, e) });
    }
    return out;
}

/** The package a YAML resource type or function token belongs to (undefined for `pulumi:` built-ins). */
export function tokenPackage(token: string): string | undefined {
    const parts = token.split(":");
    if (parts.length < 2) return undefined;
    if (parts[0] === "pulumi") return parts[1] === "providers" && parts[2] ? parts[2] : undefined;
    return parts[0] || undefined;
}

function collectInvokes(v: unknown, out: string[]): void {
    if (Array.isArray(v)) {
        for (const x of v) collectInvokes(x, out);
        return;
    }
    if (!isObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
        if (k === "fn::invoke") {
            if (typeof x === "string") out.push(x);
            else if (isObject(x)) {
                const fn = x.function ?? x.Function;
                if (typeof fn === "string") out.push(fn);
            }
        }
        collectInvokes(x, out);
    }
}

/** The packages a Pulumi YAML program references: resource types and functions, with declared versions. */
export function yamlPackages(files: string[]): ProgramPackage[] {
    const out: ProgramPackage[] = [];
    const declared = new Map<string, string>();
    const docs: { file: string; doc: Record<string, unknown> }[] = [];
    for (const file of files) {
        let doc: unknown;
        try {
            doc = parseYaml(fs.readFileSync(file, "utf8"));
        } catch {
            continue; // the YAML host reports a broken file itself
        }
        if (!isObject(doc)) continue;
        docs.push({ file, doc });
        if (isObject(doc.packages)) {
            for (const [name, spec] of Object.entries(doc.packages)) {
                const version = typeof spec === "string" ? /@([^@]+)$/.exec(spec)?.[1] : isObject(spec) ? spec.version : undefined;
                if (typeof version === "string") declared.set(name, version.replace(/^v/, ""));
            }
        }
    }
    for (const { file, doc } of docs) {
        if (isObject(doc.resources)) {
            for (const r of Object.values(doc.resources)) {
                if (!isObject(r) || typeof r.type !== "string") continue;
                const name = tokenPackage(r.type);
                if (!name) continue;
                const opts = isObject(r.options) ? r.options : {};
                const version = declared.get(name) ?? (typeof opts.version === "string" ? opts.version.replace(/^v/, "") : undefined);
                out.push({ name, ...(version ? { version } : {}), from: file });
            }
        }
        const invokes: string[] = [];
        collectInvokes({ variables: doc.variables, resources: doc.resources, outputs: doc.outputs }, invokes);
        for (const tok of invokes) {
            const name = tokenPackage(tok);
            if (name) out.push({ name, ...(declared.has(name) ? { version: declared.get(name) } : {}), from: file });
        }
    }
    return out;
}

/** One entry per package name: the highest version any source asks for (a plugin of that name serves them all). */
export function byName(packages: ProgramPackage[]): ProgramPackage[] {
    const best = new Map<string, ProgramPackage>();
    for (const p of packages) {
        const had = best.get(p.name);
        if (!had || (p.version && (!had.version || compareVersions(p.version, had.version) > 0))) best.set(p.name, p);
    }
    return [...best.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function compareVersions(a: string, b: string): number {
    const pa = a.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
    const pb = b.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i] ?? 0;
        const y = pb[i] ?? 0;
        if (x === y) continue;
        if (typeof x === "number" && typeof y === "number") return x - y;
        return String(x) < String(y) ? -1 : 1;
    }
    return 0;
}
