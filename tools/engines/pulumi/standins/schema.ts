// A minimal Pulumi package schema for a stand-in's GetSchema. Pulumi YAML programs need one: the
// YAML language host loads the package schema to resolve `gcp:cloudrunv2:Service` to its token and
// to know which properties a resource and a function have. Every property is typed `Any`, so the
// schema accepts what the real one accepts for the types we model (it does not type-check values).
// The module format is pulumi-gcp's (`(.*)(?:/[^/]*)`: `gcp:cloudrunv2/service:Service` lives in
// module `cloudrunv2`).
import { COMMAND_OUTPUTS } from "../../gcp/outputs";
import { GCP_SCHEMAS, type Fields } from "../../gcp/schemas";

const ANY = { $ref: "pulumi.json#/Any" };

type PropertyMap = Record<string, typeof ANY>;

function anyOf(names: Iterable<string>): PropertyMap {
    const out: PropertyMap = {};
    for (const n of names) out[n] = ANY;
    return out;
}

function flagsOf(spec: Fields[string]): string {
    return typeof spec === "string" ? spec : spec[0];
}

/** Input names: every field but the computed-only ones. */
function inputNames(fields: Fields): string[] {
    return Object.entries(fields)
        .filter(([, spec]) => !/^c(?![a-z])/.test(flagsOf(spec)))
        .map(([name]) => name);
}

const COMMAND_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "command:local:Command": [
        "create",
        "update",
        "delete",
        "dir",
        "environment",
        "interpreter",
        "stdin",
        "triggers",
        "logging",
        "addPreviousOutputInEnv",
        "assetPaths",
        "archivePaths",
    ],
    "command:remote:Command": [
        "connection",
        "create",
        "update",
        "delete",
        "environment",
        "stdin",
        "triggers",
        "logging",
        "addPreviousOutputInEnv",
    ],
};

const GCP_CONFIG = [
    "project",
    "region",
    "zone",
    "defaultLabels",
    "addPulumiAttributionLabel",
    "deletionPolicy",
    "credentials",
    "accessToken",
];

const GET_PROJECT_OUTPUTS = [
    "id",
    "projectId",
    "number",
    "name",
    "labels",
    "effectiveLabels",
    "pulumiLabels",
    "tags",
    "orgId",
    "folderId",
    "billingAccount",
    "autoCreateNetwork",
    "deletionPolicy",
];
const GET_CLIENT_CONFIG_OUTPUTS = ["id", "project", "region", "zone", "defaultLabels", "accessToken"];

/** The schema JSON for package `pkg`, or undefined where the stand-in has none (google-native). */
export function packageSchema(pkg: string, version: string): Record<string, unknown> | undefined {
    const base = { name: pkg, version, meta: { moduleFormat: "(.*)(?:/[^/]*)" } };
    if (pkg === "gcp") {
        const resources: Record<string, unknown> = {};
        for (const [type, schema] of Object.entries(GCP_SCHEMAS)) {
            resources[type] = {
                properties: anyOf(Object.keys(schema.fields)),
                inputProperties: anyOf(inputNames(schema.fields)),
            };
        }
        const fn = (inputs: string[], outputs: string[]) => ({
            inputs: { properties: anyOf(inputs) },
            outputs: { properties: anyOf(outputs) },
        });
        return {
            ...base,
            config: { variables: anyOf(GCP_CONFIG) },
            provider: { properties: anyOf(GCP_CONFIG), inputProperties: anyOf(GCP_CONFIG) },
            resources,
            functions: {
                "gcp:organizations/getProject:getProject": fn(["projectId"], GET_PROJECT_OUTPUTS),
                "gcp:organizations/getClientConfig:getClientConfig": fn([], GET_CLIENT_CONFIG_OUTPUTS),
            },
        };
    }
    if (pkg === "command") {
        const resources: Record<string, unknown> = {};
        for (const [type, inputs] of Object.entries(COMMAND_INPUTS)) {
            resources[type] = {
                properties: anyOf([...inputs, ...(COMMAND_OUTPUTS[type] ?? [])]),
                inputProperties: anyOf(inputs),
            };
        }
        return { ...base, resources };
    }
    return undefined;
}
