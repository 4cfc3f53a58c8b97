// A minimal Pulumi package schema for a stand-in's GetSchema. Pulumi YAML programs need one: the
// YAML language host loads the package schema to resolve `gcp:cloudrunv2:Service` to its token and
// to know which properties a resource and a function have. Every property is typed `Any`, so the
// schema accepts what the real one accepts for the types we model (it does not type-check values).
// The module format is pulumi-gcp's (`(.*)(?:/[^/]*)`: `gcp:cloudrunv2/service:Service` lives in
// module `cloudrunv2`).
import * as fs from "node:fs";
import * as path from "node:path";
import { COMMAND_OUTPUTS } from "../../gcp/outputs";
import { GCP_SCHEMAS, type Fields } from "../../gcp/schemas";
import { packageSchema as typedPackageSchema, type PackageName, SCHEMA_PACKAGES } from "../../gcp/schema";

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

/**
 * Types programs commonly declare next to the ones the pack reads. Their Create is the generic
 * fallback (inputs, id and output-only properties unknown); their property names come from
 * @pulumi/gcp's declarations.
 */
export const EXTRA_GCP_TYPES: readonly string[] = [
    "gcp:storage/bucket:Bucket",
    "gcp:storage/bucketObject:BucketObject",
    "gcp:artifactregistry/repository:Repository",
    "gcp:serviceaccount/account:Account",
    "gcp:projects/service:Service",
    "gcp:projects/iAMMember:IAMMember", // declared in projects/iammember.d.ts
    "gcp:secretmanager/secret:Secret",
    "gcp:secretmanager/secretVersion:SecretVersion",
    "gcp:cloudrunv2/jobIamMember:JobIamMember",
    "gcp:cloudrun/iamMember:IamMember",
    "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
    "gcp:binaryauthorization/attestor:Attestor",
    "gcp:containeranalysis/note:Note",
    "gcp:kms/keyRing:KeyRing",
    "gcp:kms/cryptoKey:CryptoKey",
    "gcp:compute/network:Network",
    "gcp:compute/subnetwork:Subnetwork",
    "gcp:vpcaccess/connector:Connector",
    "gcp:cloudbuild/trigger:Trigger",
];

const declared = new Map<string, { inputs: string[]; outputs: string[] } | undefined>();

/** The input and output property names @pulumi/gcp declares for a resource token, if it has the file. */
export function declaredProperties(token: string): { inputs: string[]; outputs: string[] } | undefined {
    if (declared.has(token)) return declared.get(token);
    let result: { inputs: string[]; outputs: string[] } | undefined;
    const m = /^gcp:([^/:]+)\/([^:]+):(\w+)$/.exec(token);
    if (m) {
        try {
            const dir = path.dirname(require.resolve("@pulumi/gcp/package.json"));
            // Files are named after the token, except where the token's casing is odd (iAMMember -> iammember).
            const file = [m[2], m[2].toLowerCase()].map((f) => path.join(dir, m[1], `${f}.d.ts`)).find((f) => fs.existsSync(f));
            const dts = fs.readFileSync(file ?? "", "utf8");
            const outputs = [...dts.matchAll(/^ {4}readonly (\w+): pulumi\.Output</gm)].map((x) => x[1]);
            const start = dts.indexOf(`export interface ${m[3]}Args {`);
            const body = start < 0 ? "" : dts.slice(start, dts.indexOf("\n}", start));
            const inputs = [...body.matchAll(/^ {4}(\w+)\??: pulumi\.Input</gm)].map((x) => x[1]);
            result = { inputs, outputs: [...new Set(outputs)] };
        } catch {
            result = undefined;
        }
    }
    declared.set(token, result);
    return result;
}

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
        for (const type of EXTRA_GCP_TYPES) {
            const props = declaredProperties(type);
            if (props) resources[type] = { properties: anyOf(props.outputs), inputProperties: anyOf(props.inputs) };
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

/**
 * The schema GetSchema serves: the typed one read from the SDK's declarations
 * (tools/engines/gcp/schema.ts; nested names are checked as the real schema checks them), plus the
 * `Any`-typed entries above for the neighbouring types it does not cover.
 */
export function servedSchema(pkg: string, version: string): Record<string, unknown> | undefined {
    const loose = packageSchema(pkg, version);
    const typedName = SCHEMA_PACKAGES.find((p): p is PackageName => p === pkg);
    if (!typedName) return loose;
    const typed = typedPackageSchema(typedName);
    if (!loose) return typed;
    const merged = (key: string) => ({ ...(loose[key] as object | undefined), ...(typed[key] as object | undefined) });
    return { ...loose, ...typed, resources: merged("resources"), functions: merged("functions") };
}
