// Pulumi package schemas for the offline stand-in providers' GetSchema. The Pulumi CLI never asks a
// provider for its schema in a preview of a TypeScript or Python program, but pulumi-yaml does: its
// analyser loads the schema through the engine's loader to resolve `gcp:cloudrunv2:Service` to
// `gcp:cloudrunv2/service:Service`, to reject unknown property names, to mark secret properties and
// to type `${res.prop}` and `fn::invoke`. The real pulumi-gcp schema is a 40 MB document we do not have;
// these schemas carry what those checks read, for the resource types this project's programs use.
//
// Where each comes from (regenerate with tools/engines/gcp/generateSchema.ts; see schemaData/*.ts headers):
// - gcp: @pulumi/gcp (the version in package-lock.json), its own .d.ts and .js files, for the modules
//   cloudrun, cloudrunv2, cloudfunctions, cloudfunctionsv2, binaryauthorization, orgpolicy, organizations,
//   folder, projects, firebase, clouddeploy, storage, artifactregistry, serviceaccount, and the functions
//   organizations/getProject and organizations/getClientConfig.
// - google-native: @pulumi/google-native 0.32.0 (the last release; there is no run/v2 WorkerPool in it).
// - command: @pulumi/command 1.2.1 (local:Command, remote:Command).
// Both were unpacked with `npm pack` outside the repository; neither is a dependency.
//
// Known differences from the real schemas: no descriptions, no enums (enum-typed properties are plain
// strings), `number` where the real schema says `integer` (the .d.ts files do not tell them apart), no
// replaceOnChanges/aliases, and no `language`, `meta` or `config` sections.
//
// What pulumi-yaml 1.38.3 under pulumi 3.274.1 really needs (tried by trimming the schema, see
// test/standins/schema.test.ts): the engine sends GetSchema once per package per run, with
// `{version: 0, subpackageName: "", subpackageVersion: ""}`, and does not cache it on disk for a plugin
// found on $PATH. `name` and `version` are not checked. Each resource needs `inputProperties` (a property
// missing there fails the preview: "Property X does not exist on 'gcp:...'"), and `properties` for any
// `${res.prop}` ("Existing properties are: id, urn"). A function needs `outputs` whenever a program reads
// a field of its result (without it pulumi-yaml crashes with a nil dereference); `inputs` may be absent.
// `$ref`ed object types make nested property names checked too. `language`, `meta`, `config` and
// `provider` are never read for these programs (`provider` only for an explicit `pulumi:providers:gcp`).
import { data as gcp } from "./schemaData/gcp";
import { data as googleNative } from "./schemaData/googleNative";
import { data as command } from "./schemaData/command";
import { data as docker } from "./schemaData/docker";
import { data as dockerBuild } from "./schemaData/dockerBuild";
import { data as random } from "./schemaData/random";
import { data as syncedFolder } from "./schemaData/syncedFolder";

export type PackageName = "gcp" | "google-native" | "command" | "docker" | "docker-build" | "random" | "synced-folder";

/** Every package with a schema here. */
export const SCHEMA_PACKAGES: readonly PackageName[] = [
    "gcp",
    "google-native",
    "command",
    "docker",
    "docker-build",
    "random",
    "synced-folder",
];

/**
 * A package schema in compact form. A property list is `name[!][~]:type` joined by commas (`!` required,
 * `~` secret). Type codes: `s` string, `n` number, `b` boolean, `*` any, `A` archive, `T` asset,
 * `[X` array of X, `{X` map of X, `#token` a named object type.
 */
export interface PackageData {
    readonly name: PackageName;
    readonly version: string;
    /** token -> [inputs, outputs] */
    readonly resources: Readonly<Record<string, readonly [string, string]>>;
    /** token -> [inputs, outputs] */
    readonly functions: Readonly<Record<string, readonly [string, string]>>;
    /** token -> properties */
    readonly types: Readonly<Record<string, string>>;
    /** the provider resource's inputs */
    readonly provider?: string;
    /** resource tokens that are multi-language components (`isComponent` in the schema) */
    readonly components?: readonly string[];
}

type TypeSpec = Record<string, unknown>;

interface PropertySpec extends TypeSpec {
    secret?: true;
}

interface ObjectSpec {
    properties: Record<string, PropertySpec>;
    required: string[];
}

const DATA: Record<PackageName, PackageData> = {
    gcp,
    "google-native": googleNative,
    command,
    docker,
    "docker-build": dockerBuild,
    random,
    "synced-folder": syncedFolder,
};

function typeSpec(code: string): TypeSpec {
    switch (code[0]) {
        case "s":
            return { type: "string" };
        case "n":
            return { type: "number" };
        case "b":
            return { type: "boolean" };
        case "A":
            return { $ref: "pulumi.json#/Archive" };
        case "T":
            return { $ref: "pulumi.json#/Asset" };
        case "[":
            return { type: "array", items: typeSpec(code.slice(1)) };
        case "{":
            return { type: "object", additionalProperties: typeSpec(code.slice(1)) };
        case "#":
            return { $ref: `#/types/${code.slice(1)}` };
        default:
            return { $ref: "pulumi.json#/Any" };
    }
}

/** Expands a compact property list (see PackageData). */
export function objectSpec(list: string): ObjectSpec {
    const spec: ObjectSpec = { properties: {}, required: [] };
    if (list === "") return spec;
    for (const entry of list.split(",")) {
        const colon = entry.indexOf(":");
        const flags = entry.slice(0, colon).match(/[!~]*$/)![0];
        const name = entry.slice(0, colon - flags.length);
        const property: PropertySpec = typeSpec(entry.slice(colon + 1));
        if (flags.includes("~")) property.secret = true;
        spec.properties[name] = property;
        if (flags.includes("!")) spec.required.push(name);
    }
    return spec;
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (value: T) => U): Record<string, U> {
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

/** The package schema (the JSON document a provider's GetSchema returns), as an object. */
export function packageSchema(pkg: PackageName): Record<string, unknown> {
    const data = DATA[pkg];
    const provider = data.provider === undefined ? undefined : objectSpec(data.provider);
    return {
        name: data.name,
        version: data.version,
        ...(provider ? { provider: { inputProperties: provider.properties, requiredInputs: provider.required } } : {}),
        types: mapValues(data.types, (list) => ({ type: "object", ...objectSpec(list) })),
        resources: Object.fromEntries(
            Object.entries(data.resources).map(([token, [inputs, outputs]]) => {
                const i = objectSpec(inputs);
                const o = objectSpec(outputs);
                const component = data.components?.includes(token) ? { isComponent: true } : {};
                return [
                    token,
                    {
                        ...component,
                        inputProperties: i.properties,
                        requiredInputs: i.required,
                        properties: o.properties,
                        required: o.required,
                    },
                ];
            }),
        ),
        functions: mapValues(data.functions, ([inputs, outputs]) => ({
            inputs: { type: "object", ...objectSpec(inputs) },
            outputs: { type: "object", ...objectSpec(outputs) },
        })),
    };
}

const cache = new Map<PackageName, string>();

/** The package schema as JSON text, built once per package. */
export function schemaFor(pkg: PackageName): string {
    let text = cache.get(pkg);
    if (text === undefined) {
        text = JSON.stringify(packageSchema(pkg));
        cache.set(pkg, text);
    }
    return text;
}

/** The package version the schema declares (for GetPluginInfo). */
export function schemaVersion(pkg: PackageName): string {
    return DATA[pkg].version;
}
