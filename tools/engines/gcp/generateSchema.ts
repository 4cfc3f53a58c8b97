// Generates the compact package-schema data under tools/engines/gcp/schemaData/ from a Pulumi
// Node.js SDK's own declaration files, so that the offline stand-in providers can answer GetSchema
// (pulumi-yaml resolves `gcp:cloudrunv2:Service`, checks property names and types `${res.prop}`
// against it). Dev-time only: it needs `typescript` and `prettier`; schema.ts does not.
//
//   node tools/dist/engines/gcp/generateSchema.js gcp [DIR]          DIR defaults to node_modules/@pulumi/gcp
//   node tools/dist/engines/gcp/generateSchema.js google-native DIR  an unpacked @pulumi/google-native (npm pack)
//   node tools/dist/engines/gcp/generateSchema.js command DIR        an unpacked @pulumi/command (npm pack)
//
// The committed google-native and command data came from, outside the repository (neither is a dependency):
//   npm pack @pulumi/google-native@0.32.0 @pulumi/command@1.2.1 && mkdir gn cmd
//   tar xzf pulumi-google-native-0.32.0.tgz -C gn --wildcards 'package/run/*' 'package/cloudfunctions/v2/*' \
//       package/types/input.d.ts package/types/output.d.ts package/package.json
//   tar xzf pulumi-command-1.2.1.tgz -C cmd      # then DIR is gn/package or cmd/package
//
// What is read, per resource module file M.d.ts / M.js:
// - the type token from `X.__pulumiType = '...'` in M.js, and the function token from `invoke("...")`;
// - inputs from `interface XArgs` (a member without `?` is a required input), outputs from the class's
//   `readonly` members (an output whose type does not include `undefined` is always present);
// - secrets from M.js: `pulumi.secret(args.p)` marks input p, `additionalSecretOutputs: [...]` outputs;
// - nested object types from types/input.d.ts and types/output.d.ts, following `inputs.a.b.Name` references.
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { TOOLS_ROOT } from "../../paths";
import type { PackageData, PackageName } from "./schema";

interface PackageLayout {
    /** Module file paths (without extension) relative to the package dir, or directories to scan whole. */
    readonly resourceModules: readonly string[];
    readonly resourceFiles: readonly string[];
    readonly functionFiles: readonly string[];
    /** Whether input interfaces carry an `Args` suffix that the schema token does not (google-native, command). */
    readonly inputSuffix: string;
    readonly typeToken: (modulePath: string[], name: string) => string;
    readonly withProvider: boolean;
}

const LAYOUTS: Record<PackageName, PackageLayout> = {
    gcp: {
        resourceModules: [
            "cloudrun",
            "cloudrunv2",
            "cloudfunctions",
            "cloudfunctionsv2",
            "binaryauthorization",
            "orgpolicy",
            "organizations",
            "folder",
            "projects",
            "firebase",
            "clouddeploy",
            "cloudbuild",
            "storage",
            "artifactregistry",
            "serviceaccount",
        ],
        resourceFiles: [],
        functionFiles: ["organizations/getProject", "organizations/getClientConfig", "organizations/getIAMPolicy"],
        inputSuffix: "",
        typeToken: (mod, name) => `gcp:${mod.length ? mod.join("/") : "index"}/${name}:${name}`,
        withProvider: true,
    },
    "google-native": {
        resourceModules: [],
        // google-native 0.32.0 (its last release) has no run/v2 WorkerPool.
        resourceFiles: ["run/v2/service", "run/v2/job", "run/v2/workerPool", "run/v1/service", "cloudfunctions/v2/function"],
        functionFiles: [],
        inputSuffix: "Args",
        typeToken: (mod, name) => `google-native:${mod.join("/")}:${name}`,
        withProvider: false,
    },
    command: {
        resourceModules: [],
        resourceFiles: ["local/command", "remote/command"],
        functionFiles: [],
        inputSuffix: "Args",
        typeToken: (mod, name) => `command:${mod.length ? mod.join("/") : "index"}:${name}`,
        withProvider: false,
    },
    // The packages real Cloud Run programs use next to gcp (tools/engines/pulumi/standins/provider.ts
    // serves them with the generic stand-in): image builds, random names, uploaded folders.
    docker: {
        resourceModules: [],
        resourceFiles: ["image", "registryImage", "remoteImage", "tag", "container", "network", "volume"],
        functionFiles: ["getRegistryImage", "getRemoteImage"],
        inputSuffix: "",
        typeToken: (mod, name) => `docker:${mod.length ? mod.join("/") : "index"}/${name}:${name}`,
        withProvider: false,
    },
    "docker-build": {
        resourceModules: [],
        resourceFiles: ["image", "index_"],
        functionFiles: [],
        inputSuffix: "",
        typeToken: (mod, name) => `docker-build:${mod.length ? mod.join("/") : "index"}:${name}`,
        withProvider: false,
    },
    random: {
        resourceModules: [],
        resourceFiles: [
            "randomBytes",
            "randomId",
            "randomInteger",
            "randomPassword",
            "randomPet",
            "randomShuffle",
            "randomString",
            "randomUuid",
            "randomUuid4",
            "randomUuid7",
        ],
        functionFiles: [],
        inputSuffix: "",
        typeToken: (mod, name) => `random:${mod.length ? mod.join("/") : "index"}/${name}:${name}`,
        withProvider: false,
    },
    "synced-folder": {
        resourceModules: [],
        resourceFiles: ["googleCloudFolder", "s3bucketFolder", "azureBlobFolder"],
        functionFiles: [],
        inputSuffix: "",
        typeToken: (mod, name) => `synced-folder:${mod.length ? mod.join("/") : "index"}:${name}`,
        withProvider: false,
    },
};

interface Member {
    readonly name: string;
    readonly optional: boolean;
    readonly type: ts.TypeNode | undefined;
}

/** A type reference found while encoding, to be resolved from types/input.d.ts or types/output.d.ts. */
interface PendingRef {
    readonly side: "input" | "output";
    readonly path: string[];
}

function parse(file: string): ts.SourceFile {
    return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
}

function memberName(name: ts.PropertyName): string {
    return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();
}

function interfaceMembers(decl: ts.InterfaceDeclaration): Member[] {
    return decl.members
        .filter(ts.isPropertySignature)
        .map((m) => ({ name: memberName(m.name), optional: !!m.questionToken, type: m.type }));
}

function classOutputs(decl: ts.ClassDeclaration): Member[] {
    const isStatic = (m: ts.ClassElement) =>
        ts.canHaveModifiers(m) && !!ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    return decl.members
        .filter((m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && !isStatic(m))
        .map((m) => ({ name: memberName(m.name), optional: includesUndefined(m.type), type: m.type }));
}

function typeArgName(node: ts.TypeReferenceNode): string {
    return ts.isIdentifier(node.typeName) ? node.typeName.text : `${entityText(node.typeName.left)}.${node.typeName.right.text}`;
}

function entityText(name: ts.EntityName): string {
    return ts.isIdentifier(name) ? name.text : `${entityText(name.left)}.${name.right.text}`;
}

const WRAPPERS = new Set(["pulumi.Input", "pulumi.Output", "Input", "Output", "Promise"]);

/** `pulumi.Output<T | undefined>`: the output may be absent. */
function includesUndefined(node: ts.TypeNode | undefined): boolean {
    if (!node) return true;
    if (ts.isTypeReferenceNode(node) && WRAPPERS.has(typeArgName(node)) && node.typeArguments?.length) {
        return includesUndefined(node.typeArguments[0]);
    }
    if (ts.isParenthesizedTypeNode(node)) return includesUndefined(node.type);
    return ts.isUnionTypeNode(node) && node.types.some((t) => t.kind === ts.SyntaxKind.UndefinedKeyword);
}

/**
 * Encodes a declared type as a compact type code (see schema.ts): s string, n number, b boolean,
 * * any, A archive, T asset-or-archive, [X array of X, {X map of X, #token object type.
 */
function encodeType(node: ts.TypeNode | undefined, side: "input" | "output", layout: PackageLayout, pending: PendingRef[]): string {
    if (!node) return "*";
    switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
            return "s";
        case ts.SyntaxKind.NumberKeyword:
            return "n";
        case ts.SyntaxKind.BooleanKeyword:
            return "b";
        case ts.SyntaxKind.AnyKeyword:
        case ts.SyntaxKind.UnknownKeyword:
            return "*";
    }
    if (ts.isParenthesizedTypeNode(node)) return encodeType(node.type, side, layout, pending);
    if (ts.isLiteralTypeNode(node)) {
        if (ts.isStringLiteral(node.literal)) return "s";
        if (ts.isNumericLiteral(node.literal)) return "n";
        return node.literal.kind === ts.SyntaxKind.TrueKeyword || node.literal.kind === ts.SyntaxKind.FalseKeyword ? "b" : "*";
    }
    if (ts.isArrayTypeNode(node)) return "[" + encodeType(node.elementType, side, layout, pending);
    if (ts.isTypeLiteralNode(node)) {
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        return index ? "{" + encodeType(index.type, side, layout, pending) : "*";
    }
    if (ts.isUnionTypeNode(node)) {
        const codes = new Set(
            node.types
                .filter(
                    (t) =>
                        t.kind !== ts.SyntaxKind.UndefinedKeyword &&
                        !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
                )
                .map((t) => encodeType(t, side, layout, pending)),
        );
        if (codes.size === 1) return [...codes][0];
        if (codes.has("A") && codes.size === 2 && codes.has("T")) return "T";
        return "*";
    }
    if (ts.isTypeReferenceNode(node)) {
        const name = typeArgName(node);
        if (WRAPPERS.has(name)) return encodeType(node.typeArguments?.[0], side, layout, pending);
        if (name === "pulumi.asset.Archive" || name === "asset.Archive") return "A";
        if (name === "pulumi.asset.Asset" || name === "asset.Asset") return "T";
        const parts = name.split(".");
        if (parts[0] === "enums") return "s"; // every enum used by these packages is a string enum
        if (parts[0] === "inputs" || parts[0] === "outputs") {
            const refSide = parts[0] === "inputs" ? "input" : "output";
            const refPath = parts.slice(1);
            pending.push({ side: refSide, path: refPath });
            return "#" + refToken(refPath, refSide, layout);
        }
        // A type declared beside the resource (e.g. gcp's ProviderBatching in the root types).
        if (parts.length === 1) {
            pending.push({ side, path: parts });
            return "#" + refToken(parts, side, layout);
        }
    }
    return "*";
}

function refToken(refPath: string[], side: "input" | "output", layout: PackageLayout): string {
    let name = refPath[refPath.length - 1];
    if (side === "input" && layout.inputSuffix && name.endsWith(layout.inputSuffix)) name = name.slice(0, -layout.inputSuffix.length);
    return layout.typeToken(refPath.slice(0, -1), name);
}

/** `name[!][~]:code` joined by commas: `!` required, `~` secret. */
function encodeMembers(
    members: Member[],
    side: "input" | "output",
    layout: PackageLayout,
    pending: PendingRef[],
    secrets: ReadonlySet<string> = new Set(),
): string {
    return members
        .map((m) => `${m.name}${m.optional ? "" : "!"}${secrets.has(m.name) ? "~" : ""}:${encodeType(m.type, side, layout, pending)}`)
        .join(",");
}

/** Finds `interface Name` at a namespace path (`[]` is the file's top level) in a declaration file. */
function findInterface(file: ts.SourceFile, nsPath: string[], name: string): ts.InterfaceDeclaration | undefined {
    let statements: readonly ts.Statement[] = file.statements;
    for (const ns of nsPath) {
        const decl = statements.find((s): s is ts.ModuleDeclaration => ts.isModuleDeclaration(s) && s.name.text === ns);
        let body = decl?.body;
        if (!body) return undefined;
        // `namespace a.b {}` nests as ModuleDeclaration bodies; google-native writes `namespace run { namespace v2 {} }`.
        while (body && ts.isModuleDeclaration(body)) body = body.body;
        if (!body || !ts.isModuleBlock(body)) return undefined;
        statements = body.statements;
    }
    return statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
}

function topLevel<T extends ts.Node>(file: ts.SourceFile, guard: (n: ts.Node) => n is T, name: string): T | undefined {
    return file.statements.find((s) => guard(s) && (s as unknown as { name?: ts.Identifier }).name?.text === name) as T | undefined;
}

function secretInputs(js: string): Set<string> {
    return new Set([...js.matchAll(/resourceInputs\["(\w+)"\] = args\?\.\w+ \? pulumi\.secret\(/g)].map((m) => m[1]));
}

function secretOutputs(js: string): Set<string> {
    const list = /additionalSecretOutputs: \[([^\]]*)\]/.exec(js)?.[1] ?? "";
    return new Set([...list.matchAll(/"(\w+)"/g)].map((m) => m[1]));
}

function moduleFiles(pkgDir: string, layout: PackageLayout): string[] {
    const fromDirs = layout.resourceModules.flatMap((dir) =>
        fs
            .readdirSync(path.join(pkgDir, dir))
            .filter((f) => f.endsWith(".js") && fs.readFileSync(path.join(pkgDir, dir, f), "utf8").includes("__pulumiType = '"))
            .map((f) => path.join(dir, f.slice(0, -3))),
    );
    const listed = layout.resourceFiles.filter((f) => {
        const present = fs.existsSync(path.join(pkgDir, f + ".d.ts"));
        if (!present) process.stderr.write(`note: ${f} does not exist in ${pkgDir}; skipped\n`);
        return present;
    });
    return [...fromDirs, ...listed].sort();
}

export function generate(pkg: PackageName, pkgDir: string): PackageData {
    const layout = LAYOUTS[pkg];
    const pending: PendingRef[] = [];
    const resources: Record<string, [string, string]> = {};
    const components: string[] = [];
    for (const mod of moduleFiles(pkgDir, layout)) {
        const js = fs.readFileSync(path.join(pkgDir, mod + ".js"), "utf8");
        const token = /__pulumiType = '([^']+)'/.exec(js)?.[1];
        if (!token) continue;
        const className = token.split(":")[2];
        if (!className) continue; // the package's provider resource
        // A multi-language component: its SDK registers it with remote: true (the engine calls Construct).
        if (/true \/\*remote\*\//.test(js)) components.push(token);
        const dts = parse(path.join(pkgDir, mod + ".d.ts"));
        const cls = topLevel(dts, ts.isClassDeclaration, className);
        if (!cls) throw new Error(`${mod}.d.ts: no class ${className}`);
        const args = topLevel(dts, ts.isInterfaceDeclaration, className + "Args");
        resources[token] = [
            encodeMembers(args ? interfaceMembers(args) : [], "input", layout, pending, secretInputs(js)),
            encodeMembers(classOutputs(cls), "output", layout, pending, secretOutputs(js)),
        ];
    }
    const functions: Record<string, [string, string]> = {};
    for (const mod of layout.functionFiles) {
        const js = fs.readFileSync(path.join(pkgDir, mod + ".js"), "utf8");
        const token = /invoke(?:Output)?\("([^"]+)"/.exec(js)?.[1];
        if (!token) throw new Error(`${mod}.js: no invoke token`);
        const dts = parse(path.join(pkgDir, mod + ".d.ts"));
        const base = path.basename(mod);
        const upper = base[0].toUpperCase() + base.slice(1);
        const args = topLevel(dts, ts.isInterfaceDeclaration, upper + "Args");
        const result = topLevel(dts, ts.isInterfaceDeclaration, upper + "Result");
        if (!result) throw new Error(`${mod}.d.ts: no ${upper}Result`);
        functions[token] = [
            encodeMembers(args ? interfaceMembers(args) : [], "input", layout, pending),
            encodeMembers(interfaceMembers(result), "output", layout, pending),
        ];
    }
    let provider: string | undefined;
    if (layout.withProvider) {
        const providerArgs = topLevel(parse(path.join(pkgDir, "provider.d.ts")), ts.isInterfaceDeclaration, "ProviderArgs");
        provider = providerArgs ? encodeMembers(interfaceMembers(providerArgs), "input", layout, pending) : undefined;
    }
    return {
        name: pkg,
        version: readVersion(pkgDir),
        resources,
        functions,
        types: resolveTypes(pkgDir, layout, pending),
        ...(provider !== undefined ? { provider } : {}),
        ...(components.length ? { components } : {}),
    };
}

/**
 * Resolves every referenced object type (transitively). Where an input and an output interface map
 * to one token (gcp, command), the properties are the union; required-ness comes from the input side.
 */
function resolveTypes(pkgDir: string, layout: PackageLayout, pending: PendingRef[]): Record<string, string> {
    if (pending.length === 0) return {}; // random and synced-folder have no types/
    const files = {
        input: parse(path.join(pkgDir, "types", "input.d.ts")),
        output: parse(path.join(pkgDir, "types", "output.d.ts")),
    };
    const members = new Map<string, { input?: Member[]; output?: Member[] }>();
    const seen = new Set<string>();
    const encoded = new Map<string, Map<string, string>>();
    while (pending.length) {
        const ref = pending.pop()!;
        const key = `${ref.side}:${ref.path.join(".")}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const decl = findInterface(files[ref.side], ref.path.slice(0, -1), ref.path[ref.path.length - 1]);
        if (!decl) throw new Error(`types/${ref.side}.d.ts: no ${ref.path.join(".")}`);
        const token = refToken(ref.path, ref.side, layout);
        const entry = members.get(token) ?? {};
        entry[ref.side] = interfaceMembers(decl);
        members.set(token, entry);
        const props = encoded.get(token) ?? new Map<string, string>();
        // Input-side entries win (they carry the input's required-ness); output-only members are optional.
        for (const m of entry[ref.side]!) {
            const code = encodeMembers([{ ...m, optional: ref.side === "output" ? true : m.optional }], ref.side, layout, pending);
            if (ref.side === "input" || !props.has(m.name)) props.set(m.name, code);
        }
        encoded.set(token, props);
    }
    return Object.fromEntries(
        [...encoded.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([token, props]) => [token, [...props.values()].join(",")]),
    );
}

function readVersion(pkgDir: string): string {
    const raw = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string };
    return raw.version.replace(/^v/, "");
}

const DATA_FILE: Record<PackageName, string> = {
    gcp: "gcp",
    "google-native": "googleNative",
    command: "command",
    docker: "docker",
    "docker-build": "dockerBuild",
    random: "random",
    "synced-folder": "syncedFolder",
};

/** Packages the repository installs (dependencies or the tools' devDependencies) rather than unpacking elsewhere. */
const INSTALLED: readonly PackageName[] = ["gcp", "docker", "docker-build", "random", "synced-folder"];

function render(data: PackageData, source: string): string {
    const lines = [
        `// GENERATED by tools/engines/gcp/generateSchema.ts from ${source}. Do not edit; regenerate.`,
        `// Compact form of a Pulumi package schema; schema.ts expands it (property code: name[!][~]:type).`,
        `import type { PackageData } from "../schema";`,
        ``,
        `export const data: PackageData = ${JSON.stringify(data, null, 4)};`,
        ``,
    ];
    return lines.join("\n");
}

async function main(argv: string[]): Promise<void> {
    const pkg = argv[0] as PackageName;
    if (!(pkg in LAYOUTS)) throw new Error(`usage: generateSchema ${Object.keys(LAYOUTS).join("|")} [PACKAGE_DIR]`);
    const pkgDir = argv[1] ?? path.dirname(require.resolve(`@pulumi/${pkg}/package.json`));
    const data = generate(pkg, pkgDir);
    const source = INSTALLED.includes(pkg)
        ? `@pulumi/${pkg} ${data.version} (node_modules/@pulumi/${pkg}: <module>/*.d.ts, *.js, types/*.d.ts)`
        : `@pulumi/${pkg} ${data.version} (npm pack @pulumi/${pkg}@${data.version}, unpacked outside the repo; not a dependency)`;
    const prettier = await import("prettier");
    const out = path.join(TOOLS_ROOT, "engines", "gcp", "schemaData", DATA_FILE[pkg] + ".ts");
    const options = (await prettier.resolveConfig(out)) ?? {};
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, await prettier.format(render(data, source), { ...options, filepath: out }));
    process.stdout.write(`${out}: ${Object.keys(data.resources).length} resources, ${Object.keys(data.types).length} types\n`);
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((e: unknown) => {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
    });
}
