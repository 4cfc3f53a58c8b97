// An offline stand-in resource provider plugin: `node provider.js <package> [version]`, started by
// the real `pulumi` CLI as pulumi-resource-<package> (bin/ for gcp, google-native and command;
// launchers.ts writes one for any other package a program needs). It serves the
// ResourceProvider gRPC service on 127.0.0.1, prints its port as the first stdout line (the plugin
// protocol), and never touches the network. It answers what a preview calls, the way the real
// provider answers it, and refuses to create anything for real.
//
// What it copies, and from where (pulumi/pulumi pkg/resource/plugin/provider_plugin.go for the
// engine side; the per-resource behaviour lives in tools/engines/gcp/outputs.ts, which names its
// sources):
// - Handshake: implemented for gcp and command (the Terraform bridge and pulumi-go-provider answer
//   it; the engine then treats the provider as supporting preview). google-native (v0.32.0,
//   provider/pkg/provider/provider.go) has none: Unimplemented, and its Configure answers without
//   supportsPreview, so the engine uses the checked inputs as outputs and never calls Create.
// - GetPluginInfo: the real version. gcp: the @pulumi/gcp version in package-lock.json, so the
//   CLI's "expected to have version >=X" warning stays quiet; google-native 0.32.0 (its last
//   release); command 1.2.1.
// - GetSchema: the typed schema read from the SDK declarations (../../gcp/schema.ts) plus `Any`-typed
//   entries for neighbouring types (schema.ts), which Pulumi YAML programs need;
//   none for google-native.
// - CheckConfig returns the inputs; Configure reads project/region/zone/defaultLabels/
//   addPulumiAttributionLabel/deletionPolicy from the args (or the `<pkg>:config:*` variables),
//   falling back to the environment variables pulumi-gcp's provider/resources.go names
//   (GOOGLE_PROJECT, GOOGLE_CLOUD_PROJECT, GCLOUD_PROJECT, CLOUDSDK_CORE_PROJECT; GOOGLE_REGION,
//   GCLOUD_REGION, CLOUDSDK_COMPUTE_REGION; GOOGLE_ZONE, GCLOUD_ZONE, CLOUDSDK_COMPUTE_ZONE) and
//   google-native's Configure (GOOGLE_PROJECT..., GOOGLE_REGION, GOOGLE_ZONE).
// - Check: outputs.ts `checkInputs` (bridge Check: nulls dropped, `name` autonamed, Terraform
//   defaults, `__defaults`, a failure per missing required property; google-native Check:
//   project/location filled or a failure).
// - Create(preview=true): outputs.ts `predictOutputs`; the plan errors the Terraform provider raises
//   (`planProblems`: no project anywhere) fail the call as they fail a real preview.
//   Create(preview=false), Update(preview=false), Read and Delete fail with a clear error.
// - Invoke: gcp:organizations/getProject:getProject (data_source_google_project.go: id
//   "projects/<project_id>", project_id from the args or the provider's project, else "no project
//   value set..."), gcp:organizations/getClientConfig:getClientConfig
//   (data_source_google_client_config.go: id "projects/P/regions/R/zones/Z"),
//   gcp:organizations/getIAMPolicy:getIAMPolicy (computed locally by the provider): all in
//   ../../gcp/invokes.ts, which the built-in engine answers with too. Values the cloud would supply
//   are plausible and deterministic (a 12-digit project number hashed from the id).
// - Any other package (docker, docker-build, random, synced-folder, ...): the generic stand-in.
//   Check returns the inputs; Create and Update in a preview return the inputs and nothing else, so
//   every output the program did not give is unknown to the program (the SDKs resolve a missing
//   output as unknown in a preview; a returned null would be a known null in Node.js). That is what
//   docker v4 itself returns in a preview (provider.go Create without buildOnPreview). Construct
//   (a multi-language component) registers the component with no children and reports it to check
//   (CLOUD_RUN_BINAUTHZ_STANDIN_EVENTS), whose contents are then unchecked. Invoke refuses, naming
//   the function. GetSchema serves the schema ../../gcp/schema.ts has for the package, if any.
import { answerInvoke, cloudInvokeRefusal, projectNumber } from "../../gcp/invokes";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import {
    COVERED_TYPES,
    UNKNOWN,
    checkErrors,
    checkFailures,
    checkInputs,
    planProblems,
    predictOutputs,
    type ProviderSettings,
} from "../../gcp/outputs";
import { isPlainObject, unwrapSecret } from "../../gcp/wire";
import { declaredProperties, servedSchema } from "./schema";
import { GCP_OFFLINE_INVOKES } from "../../gcp/invokes";
import { type PackageName, SCHEMA_PACKAGES, schemaVersion } from "../../gcp/schema";
import { appendStandinEvent } from "./events";

type Props = Record<string, unknown>;

/** What differs between the packages this stand-in can be. */
export interface PackageSpec {
    name: string;
    version: string;
    /** A package without a model here: Check and preview return the inputs (see the header). */
    generic?: boolean;
    /** Whether the real provider implements Handshake (and so previews). */
    handshake: boolean;
    supportsPreview: boolean;
    /** Environment variables the real provider reads when its config leaves a setting out. */
    env: { project: string[]; region: string[]; zone: string[] };
    invokes: Record<string, (args: Props, settings: ProviderSettings) => Props>;
}

const GCP_ENV = {
    project: ["GOOGLE_PROJECT", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT"],
    region: ["GOOGLE_REGION", "GCLOUD_REGION", "CLOUDSDK_COMPUTE_REGION"],
    zone: ["GOOGLE_ZONE", "GCLOUD_ZONE", "CLOUDSDK_COMPUTE_ZONE"],
};

/** The same stable, plausible project number the built-in engine gives (tools/engines/gcp/invokes.ts). */
export { projectNumber };

/** A gcp function answered as the built-in engine answers it (../../gcp/invokes.ts); a refusal fails the call. */
function gcpInvoke(token: string): (args: Props, settings: ProviderSettings) => Props {
    return (args, settings) => {
        const answer = answerInvoke(token, unwrapArgs(args), providerConfigOf(settings));
        if (!answer.ok) throw grpcError(grpc.status.UNKNOWN, answer.reason);
        return answer.result;
    };
}

/** Invoke arguments without secret envelopes (an invoke's answer is secret when an argument was; not modelled). */
function unwrapArgs(args: Props): Props {
    const out: Props = {};
    for (const [k, v] of Object.entries(args)) out[k] = unwrapDeep(v);
    return out;
}

function unwrapDeep(v: unknown): unknown {
    const x = unwrapSecret(v).value;
    if (Array.isArray(x)) return x.map(unwrapDeep);
    if (isPlainObject(x)) return unwrapArgs(x);
    return x;
}

function providerConfigOf(settings: ProviderSettings): Record<string, unknown> {
    return { project: settings.project, region: settings.region, zone: settings.zone, defaultLabels: settings.defaultLabels };
}

/** The @pulumi/gcp version this repository locks (package-lock.json), else the installed one. */
export function lockedGcpVersion(): string {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const lock = path.join(dir, "package-lock.json");
        if (!fs.existsSync(lock)) continue;
        try {
            const v = JSON.parse(fs.readFileSync(lock, "utf8"))?.packages?.["node_modules/@pulumi/gcp"]?.version;
            if (typeof v === "string") return v;
        } catch {
            // fall through to the installed package
        }
        break;
    }
    return (require("@pulumi/gcp/package.json") as { version: string }).version;
}

/** The stand-in for package `name`; `version` (a generic package's) is what the program asked for. */
export function packageSpec(name: string, version?: string): PackageSpec {
    switch (name) {
        case "gcp":
            return {
                name,
                version: lockedGcpVersion(),
                handshake: true,
                supportsPreview: true,
                env: GCP_ENV,
                invokes: Object.fromEntries(GCP_OFFLINE_INVOKES.map((token) => [token, gcpInvoke(token)])),
            };
        case "google-native":
            return {
                name,
                version: "0.32.0",
                handshake: false,
                supportsPreview: false,
                env: { project: GCP_ENV.project, region: ["GOOGLE_REGION"], zone: ["GOOGLE_ZONE"] },
                invokes: {},
            };
        case "command":
            return {
                name,
                version: "1.2.1",
                handshake: true,
                supportsPreview: true,
                env: { project: [], region: [], zone: [] },
                invokes: {},
            };
        default:
            if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`not a provider package name: ${JSON.stringify(name)}`);
            return {
                name,
                version: (version ?? "").replace(/^v/, "") || schemaPackageVersion(name) || "0.0.0",
                generic: true,
                handshake: true,
                supportsPreview: true,
                env: { project: [], region: [], zone: [] },
                invokes: {},
            };
    }
}

function schemaPackageVersion(name: string): string | undefined {
    return (SCHEMA_PACKAGES as readonly string[]).includes(name) ? schemaVersion(name as PackageName) : undefined;
}

function toJs(s: structPb.Struct | undefined): Props {
    return (s?.toJavaScript() ?? {}) as Props;
}

function toStruct(p: Props): structPb.Struct {
    return structPb.Struct.fromJavaScript(JSON.parse(JSON.stringify(p)) as Record<string, structPb.JavaScriptValue>);
}

function grpcError(code: grpc.status, message: string): grpc.ServiceError {
    return Object.assign(new Error(message), { code, details: message, metadata: new grpc.Metadata() });
}

function asString(v: unknown): string | undefined {
    const x = unwrapSecret(v).value;
    return typeof x === "string" && x !== "" ? x : undefined;
}

function asLabels(v: unknown): Record<string, string> | undefined {
    let x = unwrapSecret(v).value;
    if (typeof x === "string") {
        try {
            x = JSON.parse(x);
        } catch {
            return undefined;
        }
    }
    if (!isPlainObject(x)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(x)) if (typeof val === "string") out[k] = val;
    return out;
}

function asBool(v: unknown): boolean | undefined {
    const x = unwrapSecret(v).value;
    if (typeof x === "boolean") return x;
    if (x === "true" || x === "false") return x === "true";
    return undefined;
}

function fromEnv(names: string[]): string | undefined {
    for (const n of names) if (process.env[n]) return process.env[n];
    return undefined;
}

/** The provider settings from Configure's args, else its `<pkg>:config:<key>` variables, else the environment. */
export function settingsFrom(spec: PackageSpec, args: Props, variables: Record<string, string>): ProviderSettings {
    const get = (key: string) => (args[key] !== undefined ? args[key] : variables[`${spec.name}:config:${key}`]);
    return {
        project: asString(get("project")) ?? fromEnv(spec.env.project),
        region: asString(get("region")) ?? fromEnv(spec.env.region),
        zone: asString(get("zone")) ?? fromEnv(spec.env.zone),
        defaultLabels: asLabels(get("defaultLabels")),
        addPulumiAttributionLabel: asBool(get("addPulumiAttributionLabel")),
        deletionPolicy: asString(get("deletionPolicy")),
    };
}

type Handler<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** Wraps a synchronous handler: a thrown error becomes a gRPC error (UNKNOWN unless it carries a code). */
function unary<Req, Res>(f: (req: Req) => Res): Handler<Req, Res> {
    return (call, callback) => {
        try {
            callback(null, f(call.request));
        } catch (e) {
            const err = e as Partial<grpc.ServiceError> & Error;
            callback(err.code !== undefined ? (err as grpc.ServiceError) : grpcError(grpc.status.UNKNOWN, err.message));
        }
    };
}

function typeOf(urn: string, type: string): string {
    if (type) return type;
    const parts = urn.split("::");
    const t = parts[2] ?? "";
    return t.split("$").pop() ?? t;
}

function nameOf(urn: string, name: string): string {
    return name || (urn.split("::")[3] ?? "");
}

function diffOf(olds: Props, news: Props): providerPb.DiffResponse {
    const res = new providerPb.DiffResponse();
    const changed = Object.keys({ ...olds, ...news }).filter(
        (k) => !k.startsWith("__") && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
    );
    res.setChanges(changed.length ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE);
    res.setDiffsList(changed);
    return res;
}

/**
 * For a gcp type outside the modelled table: its output-only properties (declared on the resource
 * class but not in its Args) unknown, as the bridge's planned state leaves computed attributes.
 * An approximation: Optional+Computed inputs the program left unset are not known to be computed.
 */
function withDeclaredOutputs(type: string, outputs: Props): Props {
    if (COVERED_TYPES.includes(type)) return outputs;
    const props = declaredProperties(type);
    if (!props) return outputs;
    const inputs = new Set(props.inputs);
    const out = { ...outputs };
    for (const name of props.outputs) if (!inputs.has(name) && out[name] === undefined) out[name] = UNKNOWN;
    return out;
}

/** The gRPC service implementation for one package. */
export function providerService(spec: PackageSpec): grpc.UntypedServiceImplementation {
    let settings: ProviderSettings = settingsFrom(spec, {}, {});
    const onlyPreviews = (what: string) =>
        grpcError(
            grpc.status.FAILED_PRECONDITION,
            `the offline stand-in for pulumi-resource-${spec.name} only previews: it cannot ${what} (run \`pulumi preview\`; a real deployment needs the real provider and credentials)`,
        );
    const impl: Record<string, unknown> = {
        handshake: (_call: unknown, callback: grpc.sendUnaryData<providerPb.ProviderHandshakeResponse>) => {
            if (!spec.handshake) return callback(grpcError(grpc.status.UNIMPLEMENTED, "Handshake is not implemented"));
            const res = new providerPb.ProviderHandshakeResponse();
            res.setAcceptSecrets(true);
            res.setAcceptResources(true);
            callback(null, res);
        },
        getPluginInfo: unary(() => new pluginPb.PluginInfo().setVersion(spec.version)),
        getSchema: unary((req: providerPb.GetSchemaRequest) => {
            const schema = servedSchema(spec.name, spec.version);
            if (!schema) throw grpcError(grpc.status.UNIMPLEMENTED, `the offline stand-in for pulumi-resource-${spec.name} has no schema`);
            if (req.getVersion() !== 0) throw grpcError(grpc.status.INVALID_ARGUMENT, `unsupported schema version ${req.getVersion()}`);
            return new providerPb.GetSchemaResponse().setSchema(JSON.stringify(schema));
        }),
        checkConfig: unary((req: providerPb.CheckRequest) => new providerPb.CheckResponse().setInputs(req.getNews())),
        diffConfig: unary((req: providerPb.DiffRequest) => diffOf(toJs(req.getOlds()), toJs(req.getNews()))),
        configure: unary((req: providerPb.ConfigureRequest) => {
            const variables: Record<string, string> = {};
            req.getVariablesMap().forEach((v: string, k: string) => (variables[k] = v));
            settings = settingsFrom(spec, toJs(req.getArgs()), variables);
            const res = new providerPb.ConfigureResponse();
            res.setAcceptsecrets(true);
            res.setAcceptresources(spec.supportsPreview);
            res.setSupportspreview(spec.supportsPreview);
            return res;
        }),
        check: unary((req: providerPb.CheckRequest) => {
            if (spec.generic) return new providerPb.CheckResponse().setInputs(req.getNews());
            const type = typeOf(req.getUrn(), req.getType());
            const news = toJs(req.getNews());
            const ctx = { name: nameOf(req.getUrn(), req.getName()), randomSeed: req.getRandomseed_asU8(), provider: settings };
            const errors = checkErrors(type, news, ctx);
            if (errors.length) throw grpcError(grpc.status.UNKNOWN, errors.join("\n"));
            const inputs = checkInputs(type, news, ctx);
            const res = new providerPb.CheckResponse().setInputs(toStruct(inputs));
            res.setFailuresList(checkFailures(type, inputs, settings).map((reason) => new providerPb.CheckFailure().setReason(reason)));
            return res;
        }),
        diff: unary((req: providerPb.DiffRequest) => diffOf(toJs(req.getOldInputs() ?? req.getOlds()), toJs(req.getNews()))),
        create: unary((req: providerPb.CreateRequest) => {
            const type = typeOf(req.getUrn(), req.getType());
            if (!req.getPreview()) throw onlyPreviews(`create ${type} "${nameOf(req.getUrn(), req.getName())}"`);
            if (spec.generic) return new providerPb.CreateResponse().setProperties(req.getProperties());
            const inputs = toJs(req.getProperties());
            const problems = planProblems(type, inputs, settings);
            if (problems.length) throw grpcError(grpc.status.UNKNOWN, problems.join("\n"));
            return new providerPb.CreateResponse().setProperties(
                toStruct(withDeclaredOutputs(type, predictOutputs(type, inputs, settings))),
            );
        }),
        update: unary((req: providerPb.UpdateRequest) => {
            const type = typeOf(req.getUrn(), req.getType());
            if (!req.getPreview()) throw onlyPreviews(`update ${type} "${nameOf(req.getUrn(), req.getName())}"`);
            if (spec.generic) return new providerPb.UpdateResponse().setProperties(req.getNews());
            return new providerPb.UpdateResponse().setProperties(toStruct(predictOutputs(type, toJs(req.getNews()), settings)));
        }),
        read: unary((req: providerPb.ReadRequest) => {
            throw onlyPreviews(`read ${typeOf(req.getUrn(), req.getType())} "${req.getId()}" from the cloud`);
        }),
        delete: unary((req: providerPb.DeleteRequest) => {
            throw onlyPreviews(`delete ${typeOf(req.getUrn(), req.getType())} "${req.getId()}"`);
        }),
        invoke: unary((req: providerPb.InvokeRequest) => {
            const fn = spec.invokes[req.getTok()];
            if (!fn) throw grpcError(grpc.status.UNIMPLEMENTED, cloudInvokeRefusal(req.getTok()));
            return new providerPb.InvokeResponse().setReturn(toStruct(fn(toJs(req.getArgs()), settings)));
        }),
        construct: (
            call: grpc.ServerUnaryCall<providerPb.ConstructRequest, providerPb.ConstructResponse>,
            callback: grpc.sendUnaryData<providerPb.ConstructResponse>,
        ) => {
            constructEmpty(call.request).then(
                (res) => callback(null, res),
                (e: Error) => callback(grpcError(grpc.status.UNKNOWN, e.message)),
            );
        },
        call: unary((req: providerPb.CallRequest) => {
            throw grpcError(grpc.status.UNKNOWN, cloudInvokeRefusal(req.getTok()));
        }),
        parameterize: unary(() => {
            throw grpcError(
                grpc.status.UNIMPLEMENTED,
                `the offline stand-in for pulumi-resource-${spec.name} cannot be parameterized (a package generated from another provider needs that provider)`,
            );
        }),
        cancel: unary(() => new emptyPb.Empty()),
        attach: unary(() => new emptyPb.Empty()),
    };
    return impl as grpc.UntypedServiceImplementation;
}

/**
 * Construct of a multi-language component: the component alone (no children, no outputs), registered
 * on the engine's monitor as the real provider registers it, then reported to check. The SDK makes
 * every output of the component unknown in the preview.
 */
async function constructEmpty(req: providerPb.ConstructRequest): Promise<providerPb.ConstructResponse> {
    const monitor = new resourceGrpc.ResourceMonitorClient(req.getMonitorendpoint(), grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    try {
        const reg = new resourcePb.RegisterResourceRequest();
        reg.setType(req.getType());
        reg.setName(req.getName());
        reg.setParent(req.getParent());
        reg.setCustom(false);
        reg.setObject(new structPb.Struct());
        reg.setDependenciesList(req.getDependenciesList());
        const protect = req.getProtect();
        if (protect !== undefined) reg.setProtect(protect);
        reg.setAcceptsecrets(true);
        reg.setAcceptresources(true);
        const registered = await new Promise<resourcePb.RegisterResourceResponse>((resolve, reject) =>
            monitor.registerResource(reg, (err, res) => (err ? reject(err) : resolve(res))),
        );
        const urn = registered.getUrn();
        const outputs = new resourcePb.RegisterResourceOutputsRequest();
        outputs.setUrn(urn);
        outputs.setOutputs(new structPb.Struct());
        await new Promise<void>((resolve, reject) => monitor.registerResourceOutputs(outputs, (err) => (err ? reject(err) : resolve())));
        appendStandinEvent({ kind: "component", type: req.getType(), name: req.getName(), urn });
        return new providerPb.ConstructResponse().setUrn(urn).setState(new structPb.Struct());
    } finally {
        monitor.close();
    }
}

/** Starts the server for `pkg` on 127.0.0.1 and resolves with it and its port. */
export async function serve(pkg: string, version?: string): Promise<{ server: grpc.Server; port: number }> {
    const spec = packageSpec(pkg, version);
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(providerGrpc.ResourceProviderService, providerService(spec));
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return { server, port };
}

if (require.main === module) {
    serve(process.argv[2] ?? "", process.argv[3]).then(
        ({ server, port }) => {
            process.stdout.write(`${port}\n`);
            const stop = () => server.tryShutdown(() => process.exit(0));
            process.on("SIGINT", stop);
            process.on("SIGTERM", stop);
        },
        (e: Error) => {
            process.stderr.write(`${e.message}\n`);
            process.exit(1);
        },
    );
}
