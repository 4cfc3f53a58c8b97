// The stand-in provider plugins, driven as the engine drives them: spawn the executable from
// standinBinDir(), read the port from its first stdout line, and speak the ResourceProvider gRPC
// protocol (Handshake, GetPluginInfo, CheckConfig, Configure, Check, Create preview, Invoke).
import { strict as assert } from "node:assert";
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import * as os from "node:os";
import * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import { standinBinDir } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins";
import { writeLaunchers } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins/launchers";
import { readStandinEvents, STANDIN_EVENTS_VAR } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins/events";
import { UNKNOWN, makeSecret } from "cloud-run-binauthz-tools/dist/engines/gcp/wire";

type Props = Record<string, unknown>;
const ROOT = path.resolve(__dirname, "..", "..", "..");

class Plugin {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: InstanceType<typeof providerGrpc.ResourceProviderClient>,
    ) {}

    static async start(pkg: string, env: NodeJS.ProcessEnv = {}, binDir = standinBinDir()): Promise<Plugin> {
        const exe = path.join(binDir, `pulumi-resource-${pkg}`);
        // The engine passes its own address; the stand-in must ignore it.
        const cleanEnv = { ...process.env };
        for (const k of ["GOOGLE_PROJECT", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT", "GOOGLE_REGION"]) {
            delete cleanEnv[k];
        }
        const child = spawn(exe, ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "pipe"], env: { ...cleanEnv, ...env } });
        let stderr = "";
        child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
        const port = await new Promise<number>((resolve, reject) => {
            let buf = "";
            child.stdout?.on("data", (d: Buffer) => {
                buf += d.toString();
                const nl = buf.indexOf("\n");
                if (nl >= 0) resolve(Number(buf.slice(0, nl)));
            });
            child.on("exit", (code) => reject(new Error(`${exe} exited with ${code} before printing a port: ${stderr}`)));
        });
        assert.ok(Number.isInteger(port) && port > 0, `first stdout line is a port: ${port}`);
        const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new Plugin(child, client);
    }

    call<Req, Res>(method: string, req: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            const fn = (this.client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>)[
                method
            ];
            fn.call(this.client, req, (err, res) => (err ? reject(err) : resolve(res)));
        });
    }

    async version(): Promise<string> {
        return (await this.call<emptyPb.Empty, pluginPb.PluginInfo>("getPluginInfo", new emptyPb.Empty())).getVersion();
    }

    async configure(args: Props): Promise<providerPb.ConfigureResponse> {
        const req = new providerPb.ConfigureRequest();
        req.setArgs(structPb.Struct.fromJavaScript(args as Record<string, structPb.JavaScriptValue>));
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        return this.call("configure", req);
    }

    async check(type: string, name: string, news: Props): Promise<{ inputs: Props; failures: string[] }> {
        const req = new providerPb.CheckRequest();
        req.setUrn(`urn:pulumi:dev::proj::${type}::${name}`);
        req.setType(type);
        req.setName(name);
        req.setOlds(structPb.Struct.fromJavaScript({}));
        req.setNews(structPb.Struct.fromJavaScript(news as Record<string, structPb.JavaScriptValue>));
        req.setRandomseed(Buffer.from("0123456789abcdef0123456789abcdef"));
        const res = await this.call<providerPb.CheckRequest, providerPb.CheckResponse>("check", req);
        return { inputs: (res.getInputs()?.toJavaScript() ?? {}) as Props, failures: res.getFailuresList().map((f) => f.getReason()) };
    }

    async create(type: string, name: string, props: Props, preview: boolean): Promise<Props> {
        const req = new providerPb.CreateRequest();
        req.setUrn(`urn:pulumi:dev::proj::${type}::${name}`);
        req.setType(type);
        req.setName(name);
        req.setProperties(structPb.Struct.fromJavaScript(props as Record<string, structPb.JavaScriptValue>));
        req.setPreview(preview);
        const res = await this.call<providerPb.CreateRequest, providerPb.CreateResponse>("create", req);
        return (res.getProperties()?.toJavaScript() ?? {}) as Props;
    }

    async invoke(tok: string, args: Props): Promise<Props> {
        const req = new providerPb.InvokeRequest();
        req.setTok(tok);
        req.setArgs(structPb.Struct.fromJavaScript(args as Record<string, structPb.JavaScriptValue>));
        const res = await this.call<providerPb.InvokeRequest, providerPb.InvokeResponse>("invoke", req);
        return (res.getReturn()?.toJavaScript() ?? {}) as Props;
    }

    async close(): Promise<void> {
        this.client.close();
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGTERM");
        await exited;
    }
}

async function rejects(p: Promise<unknown>): Promise<grpc.ServiceError> {
    try {
        await p;
    } catch (e) {
        return e as grpc.ServiceError;
    }
    throw new Error("expected the call to fail");
}

const CLOUD_RUN = "gcp:cloudrunv2/service:Service";
const JUSTIFICATION = "INC-4711: attestor outage blocks the checkout hotfix; approved by the on-call SRE lead";

describe("stand-in provider: the executables", () => {
    it("are executable bash scripts in standinBinDir(), one per package", () => {
        for (const pkg of ["gcp", "google-native", "command"]) {
            const exe = path.join(standinBinDir(), `pulumi-resource-${pkg}`);
            fs.accessSync(exe, fs.constants.X_OK);
            assert.match(fs.readFileSync(exe, "utf8"), /readlink -f/);
        }
    });

    it("a name that is not a package name fails at start with a clear message", async () => {
        const entry = path.join(ROOT, "tools", "dist", "engines", "pulumi", "standins", "provider.js");
        const child = spawn(process.execPath, [entry, "../aws"], { stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
        assert.equal(code, 1);
        assert.match(stderr, /not a provider package name: "..\/aws"/);
    });

    it("launchers: one per package without its own, passing the version on; none for gcp, google-native, command", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "launchers-"));
        try {
            const written = writeLaunchers(dir, [
                { name: "docker", version: "4.11.2" },
                { name: "gcp", version: "9.37.0" },
                { name: "random" },
                { name: "bad name;rm" },
            ]);
            assert.deepEqual(written, ["docker", "random"]);
            assert.deepEqual(fs.readdirSync(dir).sort(), ["pulumi-resource-docker", "pulumi-resource-random"]);
            const docker = fs.readFileSync(path.join(dir, "pulumi-resource-docker"), "utf8");
            assert.match(docker, /provider\.js" docker 4\.11\.2\n/);
            fs.accessSync(path.join(dir, "pulumi-resource-random"), fs.constants.X_OK);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("stand-in provider: pulumi-resource-gcp over gRPC", () => {
    let gcp: Plugin;
    before(async () => {
        gcp = await Plugin.start("gcp");
    });
    after(async () => gcp?.close());

    it("GetPluginInfo reports the @pulumi/gcp version of package-lock.json", async () => {
        const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
        assert.equal(await gcp.version(), lock.packages["node_modules/@pulumi/gcp"].version);
    });

    it("Handshake accepts secrets and resources; CheckConfig returns the inputs", async () => {
        const hs = await gcp.call<providerPb.ProviderHandshakeRequest, providerPb.ProviderHandshakeResponse>(
            "handshake",
            new providerPb.ProviderHandshakeRequest(),
        );
        assert.equal(hs.getAcceptSecrets(), true);
        assert.equal(hs.getAcceptResources(), true);
        const req = new providerPb.CheckRequest();
        const news = { project: "acme-prod", region: "europe-west1", version: "9.37.0" };
        req.setUrn("urn:pulumi:dev::proj::pulumi:providers:gcp::default");
        req.setNews(structPb.Struct.fromJavaScript(news));
        const res = await gcp.call<providerPb.CheckRequest, providerPb.CheckResponse>("checkConfig", req);
        assert.deepEqual(res.getInputs()?.toJavaScript(), news);
    });

    it("Configure says it accepts secrets and previews", async () => {
        const res = await gcp.configure({ project: "acme-prod", region: "europe-west1", zone: "europe-west1-b" });
        assert.equal(res.getAcceptsecrets(), true);
        assert.equal(res.getSupportspreview(), true);
    });

    it("Check then Create(preview): set inputs unchanged, secrets kept, computed fields unknown, project from config", async () => {
        await gcp.configure({ project: "acme-prod", region: "europe-west1" });
        const news = {
            location: "us-central1",
            binaryAuthorization: { useDefault: true, breakglassJustification: makeSecret(JUSTIFICATION) },
            template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }], serviceAccount: UNKNOWN },
            labels: { team: "payments" },
        };
        const { inputs, failures } = await gcp.check(CLOUD_RUN, "api", news);
        assert.deepEqual(failures, []);
        assert.match(inputs.name as string, /^api-[0-9a-f]{7}$/);
        assert.equal(inputs.deletionProtection, true);
        assert.deepEqual(inputs.__defaults, ["deletionProtection", "name"]);

        const out = await gcp.create(CLOUD_RUN, "api", inputs, true);
        assert.equal(out.location, "us-central1");
        assert.equal(out.name, inputs.name);
        assert.deepEqual((out.binaryAuthorization as Props).breakglassJustification, makeSecret(JUSTIFICATION));
        assert.equal((out.binaryAuthorization as Props).useDefault, true);
        const template = out.template as Props;
        assert.equal(template.serviceAccount, UNKNOWN, "an unknown input stays unknown");
        assert.equal((template.containers as Props[])[0].image, "us-docker.pkg.dev/cloudrun/container/hello");
        for (const k of ["uri", "uid", "etag", "conditions", "terminalConditions", "id"]) assert.equal(out[k], UNKNOWN, k);
        assert.equal(out.project, "acme-prod");
        assert.deepEqual(out.effectiveLabels, { "goog-pulumi-provisioned": "true", team: "payments" });
        assert.equal(out.__defaults, undefined);
    });

    it("a 2nd-gen function: buildConfig.dockerRepository and serviceConfig.uri unknown in the preview", async () => {
        await gcp.configure({ project: "acme-prod" });
        const t = "gcp:cloudfunctionsv2/function:Function";
        const { inputs } = await gcp.check(t, "fn", {
            location: "us-central1",
            buildConfig: { runtime: "nodejs22", entryPoint: "handler" },
            serviceConfig: { binaryAuthorizationPolicy: "default" },
        });
        const out = await gcp.create(t, "fn", inputs, true);
        assert.equal((out.buildConfig as Props).dockerRepository, UNKNOWN);
        assert.equal((out.serviceConfig as Props).uri, UNKNOWN);
        assert.equal((out.serviceConfig as Props).binaryAuthorizationPolicy, "default");
    });

    it("Create(preview=false) fails clearly: the stand-in only previews", async () => {
        const err = await rejects(gcp.create(CLOUD_RUN, "api", { location: "us-central1", name: "api" }, false));
        assert.equal(err.code, grpc.status.FAILED_PRECONDITION);
        assert.match(
            err.details,
            /offline stand-in for pulumi-resource-gcp only previews: it cannot create gcp:cloudrunv2\/service:Service "api"/,
        );
    });

    it("Create(preview) without any project fails like the real provider's plan", async () => {
        await gcp.configure({});
        const err = await rejects(gcp.create(CLOUD_RUN, "api", { location: "us-central1", name: "api" }, true));
        assert.match(err.details, /Failed to retrieve project, pid: , err: project: required field is not set/);
    });

    it("getProject answers from the args or the provider's project, with a stable 12-digit number", async () => {
        await gcp.configure({ project: "acme-prod" });
        const mine = await gcp.invoke("gcp:organizations/getProject:getProject", {});
        assert.equal(mine.projectId, "acme-prod");
        assert.equal(mine.id, "projects/acme-prod");
        assert.match(mine.number as string, /^[1-9]\d{11}$/);
        const other = await gcp.invoke("gcp:organizations/getProject:getProject", { projectId: "acme-shared" });
        assert.equal(other.projectId, "acme-shared");
        assert.notEqual(other.number, mine.number);
        assert.deepEqual(await gcp.invoke("gcp:organizations/getProject:getProject", {}), mine, "deterministic");
        await gcp.configure({});
        const err = await rejects(gcp.invoke("gcp:organizations/getProject:getProject", {}));
        assert.match(err.details, /no project value set/);
    });

    it("getClientConfig answers from the provider config, the access token a secret", async () => {
        await gcp.configure({ project: "acme-prod", region: "europe-west1", zone: "europe-west1-b" });
        const cc = await gcp.invoke("gcp:organizations/getClientConfig:getClientConfig", {});
        assert.equal(cc.project, "acme-prod");
        assert.equal(cc.region, "europe-west1");
        assert.equal(cc.zone, "europe-west1-b");
        assert.equal(cc.id, "projects/acme-prod/regions/europe-west1/zones/europe-west1-b");
        assert.deepEqual(cc.accessToken, makeSecret("offline-check-has-no-access-token"));
    });

    it("an unknown function fails with a message that names it", async () => {
        const err = await rejects(gcp.invoke("gcp:storage/getBucket:getBucket", { name: "b" }));
        assert.equal(err.code, grpc.status.UNIMPLEMENTED);
        assert.match(err.details, /the program calls gcp:storage\/getBucket:getBucket, which needs the cloud to answer/);
    });

    it("Read and Delete fail clearly", async () => {
        const read = new providerPb.ReadRequest();
        read.setUrn(`urn:pulumi:dev::proj::${CLOUD_RUN}::api`);
        read.setId("projects/p/locations/l/services/api");
        assert.match((await rejects(gcp.call("read", read))).details, /only previews: it cannot read/);
        const del = new providerPb.DeleteRequest();
        del.setUrn(`urn:pulumi:dev::proj::${CLOUD_RUN}::api`);
        del.setId("x");
        assert.match((await rejects(gcp.call("delete", del))).details, /only previews: it cannot delete/);
    });

    it("GetSchema serves a schema that names the resource types and their outputs", async () => {
        const res = await gcp.call<providerPb.GetSchemaRequest, providerPb.GetSchemaResponse>(
            "getSchema",
            new providerPb.GetSchemaRequest(),
        );
        const schema = JSON.parse(res.getSchema());
        assert.equal(schema.name, "gcp");
        assert.ok(schema.resources[CLOUD_RUN].properties.uri);
        assert.equal(schema.resources[CLOUD_RUN].inputProperties.uri, undefined);
        assert.ok(schema.functions["gcp:organizations/getProject:getProject"].outputs.properties.number);
    });

    it("a type outside the table (a storage bucket): in the schema, and its output-only properties unknown in the preview", async () => {
        const res = await gcp.call<providerPb.GetSchemaRequest, providerPb.GetSchemaResponse>(
            "getSchema",
            new providerPb.GetSchemaRequest(),
        );
        const bucket = JSON.parse(res.getSchema()).resources["gcp:storage/bucket:Bucket"];
        assert.ok(bucket.inputProperties.location && bucket.properties.url && !bucket.inputProperties.url);
        await gcp.configure({ project: "acme-prod" });
        const out = await gcp.create("gcp:storage/bucket:Bucket", "src", { name: "src", location: "US" }, true);
        assert.equal(out.location, "US");
        for (const k of ["url", "selfLink", "id"]) assert.equal(out[k], UNKNOWN, k);
        assert.equal(out.storageClass, undefined, "an optional input left unset is not guessed");
    });
});

describe("stand-in provider: the project from the environment", () => {
    it("falls back to GOOGLE_PROJECT as pulumi-gcp's config default does", async () => {
        const gcp = await Plugin.start("gcp", { GOOGLE_PROJECT: "from-env" });
        try {
            await gcp.configure({});
            assert.equal((await gcp.invoke("gcp:organizations/getProject:getProject", {})).projectId, "from-env");
        } finally {
            await gcp.close();
        }
    });
});

describe("stand-in provider: pulumi-resource-google-native and pulumi-resource-command", () => {
    it("google-native: no Handshake, no preview support, Check fills project/location or fails", async () => {
        const gn = await Plugin.start("google-native");
        try {
            assert.equal(await gn.version(), "0.32.0");
            const err = await rejects(gn.call("handshake", new providerPb.ProviderHandshakeRequest()));
            assert.equal(err.code, grpc.status.UNIMPLEMENTED);
            assert.equal((await gn.configure({})).getSupportspreview(), false);
            const missing = await gn.check("google-native:run/v2:Service", "svc", { serviceId: "svc" });
            assert.equal(missing.failures.length, 2);
            await gn.configure({ project: "acme-prod", region: "us-central1" });
            const ok = await gn.check("google-native:run/v2:Service", "svc", {
                serviceId: "svc",
                binaryAuthorization: { useDefault: true },
            });
            assert.deepEqual(ok.failures, []);
            assert.deepEqual(ok.inputs, {
                serviceId: "svc",
                binaryAuthorization: { useDefault: true },
                project: "acme-prod",
                location: "us-central1",
            });
        } finally {
            await gn.close();
        }
    });

    it("command: Create(preview) leaves stdout and stderr unknown; a real run is refused", async () => {
        const cmd = await Plugin.start("command");
        try {
            await cmd.configure({});
            const out = await cmd.create("command:local:Command", "build", { create: "gcloud builds submit" }, true);
            assert.deepEqual(out, { create: "gcloud builds submit", stdout: UNKNOWN, stderr: UNKNOWN });
            const err = await rejects(cmd.create("command:local:Command", "build", { create: "rm -rf /" }, false));
            assert.match(err.details, /pulumi-resource-command only previews/);
        } finally {
            await cmd.close();
        }
    });
});

/** A resource monitor that records what a provider's Construct registers (the engine's side of it). */
async function fakeMonitor(): Promise<{
    address: string;
    registered: resourcePb.RegisterResourceRequest[];
    outputs: string[];
    close(): void;
}> {
    const registered: resourcePb.RegisterResourceRequest[] = [];
    const outputs: string[] = [];
    const server = new grpc.Server();
    server.addService(resourceGrpc.ResourceMonitorService, {
        registerResource: (call: grpc.ServerUnaryCall<resourcePb.RegisterResourceRequest, unknown>, cb: grpc.sendUnaryData<unknown>) => {
            registered.push(call.request);
            const r = call.request;
            cb(null, new resourcePb.RegisterResourceResponse().setUrn(`urn:pulumi:dev::proj::${r.getType()}::${r.getName()}`));
        },
        registerResourceOutputs: (
            call: grpc.ServerUnaryCall<resourcePb.RegisterResourceOutputsRequest, unknown>,
            cb: grpc.sendUnaryData<unknown>,
        ) => {
            outputs.push(call.request.getUrn());
            cb(null, new emptyPb.Empty());
        },
    } as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    return { address: `127.0.0.1:${port}`, registered, outputs, close: () => server.forceShutdown() };
}

describe("stand-in provider: the generic stand-in for any other package", () => {
    let dir: string;
    let docker: Plugin;
    const events = () => path.join(dir, "events.jsonl");
    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "generic-"));
        writeLaunchers(dir, [
            { name: "docker", version: "4.11.2" },
            { name: "synced-folder", version: "0.12.4" },
            { name: "acme-platform" },
        ]);
        docker = await Plugin.start("docker", {}, dir);
    });
    after(async () => {
        await docker.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("GetPluginInfo answers the version the program asked for; Handshake and Configure say it previews", async () => {
        assert.equal(await docker.version(), "4.11.2");
        const hs = await docker.call<providerPb.ProviderHandshakeRequest, providerPb.ProviderHandshakeResponse>(
            "handshake",
            new providerPb.ProviderHandshakeRequest(),
        );
        assert.equal(hs.getAcceptSecrets(), true);
        const conf = await docker.configure({ registryAuth: [] });
        assert.equal(conf.getSupportspreview(), true);
        assert.equal(conf.getAcceptsecrets(), true);
    });

    it("Check and Create(preview) return the inputs exactly: no outputs made up, not even null, unknowns and secrets kept", async () => {
        const inputs = {
            imageName: "us-central1-docker.pkg.dev/acme-prod/apps/api:v1",
            build: { context: "./app", platform: "linux/amd64" },
            registry: { server: UNKNOWN, password: makeSecret("hunter2") },
            buildOnPreview: false,
            skipPush: false,
        };
        const checked = await docker.check("docker:index/image:Image", "api", inputs);
        assert.deepEqual(checked, { inputs, failures: [] });
        const created = await docker.create("docker:index/image:Image", "api", inputs, true);
        // repoDigest, baseImageName, ... are absent, so the SDK resolves them unknown in a preview (a null would be known).
        assert.deepEqual(created, inputs);
        assert.equal("repoDigest" in created, false);
    });

    it("anything beyond a preview is refused; an invoke is refused naming its token", async () => {
        const err = await rejects(docker.create("docker:index/image:Image", "api", { imageName: "x" }, false));
        assert.match(err.details, /pulumi-resource-docker only previews/);
        const inv = await rejects(docker.invoke("docker:index/getRegistryImage:getRegistryImage", { name: "x" }));
        assert.match(inv.details, /^the program calls docker:index\/getRegistryImage:getRegistryImage, which needs the cloud to answer/);
    });

    it("GetSchema: the package's schema where check has one (docker's Image with its outputs)", async () => {
        const res = await docker.call<providerPb.GetSchemaRequest, providerPb.GetSchemaResponse>(
            "getSchema",
            new providerPb.GetSchemaRequest(),
        );
        const image = JSON.parse(res.getSchema()).resources["docker:index/image:Image"];
        assert.ok(image.inputProperties.imageName && image.inputProperties.build);
        for (const p of ["repoDigest", "imageName", "baseImageName", "registryServer"]) assert.ok(image.properties[p], p);
        const other = await Plugin.start("acme-platform", {}, dir);
        try {
            assert.equal(await other.version(), "0.0.0");
            const e = await rejects(other.call("getSchema", new providerPb.GetSchemaRequest()));
            assert.equal(e.code, grpc.status.UNIMPLEMENTED);
        } finally {
            await other.close();
        }
    });

    it("Construct registers the component alone on the engine's monitor, with no outputs, and tells check", async () => {
        const monitor = await fakeMonitor();
        const folder = await Plugin.start("synced-folder", { [STANDIN_EVENTS_VAR]: events() }, dir);
        try {
            const req = new providerPb.ConstructRequest();
            req.setMonitorendpoint(monitor.address);
            req.setType("synced-folder:index:GoogleCloudFolder");
            req.setName("site");
            req.setParent("urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev");
            req.setDryrun(true);
            req.setInputs(structPb.Struct.fromJavaScript({ bucketName: "b", path: "./www" }));
            const res = await folder.call<providerPb.ConstructRequest, providerPb.ConstructResponse>("construct", req);
            const urn = "urn:pulumi:dev::proj::synced-folder:index:GoogleCloudFolder::site";
            assert.equal(res.getUrn(), urn);
            assert.deepEqual(res.getState()?.toJavaScript() ?? {}, {});
            assert.equal(monitor.registered.length, 1, "the component and no children");
            const r = monitor.registered[0];
            assert.deepEqual(
                [r.getType(), r.getName(), r.getCustom(), r.getParent()],
                ["synced-folder:index:GoogleCloudFolder", "site", false, "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev"],
            );
            assert.deepEqual(monitor.outputs, [urn]);
            assert.deepEqual(readStandinEvents(events()), [
                { kind: "component", type: "synced-folder:index:GoogleCloudFolder", name: "site", urn },
            ]);
        } finally {
            await folder.close();
            monitor.close();
        }
    });
});
