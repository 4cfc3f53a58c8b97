// The pulumi-language-nodejs stand-in, driven over gRPC the way the Pulumi CLI drives the real host.
// Under the real CLI it is tested in test/cli/nodehost.test.ts (the real-CLI suite, `npm run e2e`).
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as languageGrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as languagePb from "@pulumi/pulumi/proto/language_pb";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import { nodejsHostAvailable } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const BIN = path.join(ROOT, "tools", "engines", "pulumi", "standins", "bin");
const ENGINE = "127.0.0.1:1"; // never dialled within a test: the host checks the engine's health every 5 minutes
const FOUR_MIB = 4 * 1024 * 1024;

const tmpDirs: string[] = [];
function tmpDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    tmpDirs.push(dir);
    return dir;
}
after(() => {
    for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function writeJson(file: string, value: unknown): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(value));
}

/** Starts the host as the CLI does (`pulumi-language-nodejs <engine>`) and reads its port from the first stdout line. */
async function startHost(): Promise<{ child: ChildProcess; client: languageGrpc.LanguageRuntimeClient }> {
    const child = spawn(path.join(BIN, "pulumi-language-nodejs"), [ENGINE], { stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (b: Buffer) => {
            out += b.toString();
            const nl = out.indexOf("\n");
            if (nl >= 0) resolve(Number(out.slice(0, nl)));
        });
        child.on("exit", (code) => reject(new Error(`host exited with ${code} before printing its port`)));
    });
    const client = new languageGrpc.LanguageRuntimeClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return { child, client };
}

function programInfo(dir: string): languagePb.ProgramInfo {
    return new languagePb.ProgramInfo()
        .setRootDirectory(dir)
        .setProgramDirectory(dir)
        .setEntryPoint(".")
        .setOptions(structPb.Struct.fromJavaScript({}));
}

/** A stand-in policy pack: its node_modules/@pulumi/pulumi/cmd/run-policy-pack serves AnalyzeStack with a diagnostic of the size the first URN names. */
function fakePack(): string {
    const dir = tmpDir("nodehost-pack-");
    const pkg = path.join(dir, "node_modules", "@pulumi", "pulumi");
    writeJson(path.join(pkg, "package.json"), { name: "@pulumi/pulumi", version: "3.270.0" });
    const req = (m: string) => JSON.stringify(require.resolve(m));
    const script = `
const grpc = require(${req("@grpc/grpc-js")});
const analyzerGrpc = require(${req("@pulumi/pulumi/proto/analyzer_grpc_pb")});
const analyzerPb = require(${req("@pulumi/pulumi/proto/analyzer_pb")});
let configuredStack = null;
const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(analyzerGrpc.AnalyzerService, {
    configureStack(call, cb) { configuredStack = call.request.getStack(); cb(null, new analyzerPb.AnalyzerStackConfigureResponse()); },
    getAnalyzerInfo(call, cb) {
        const seen = { stackEnv: process.env.PULUMI_NODEJS_STACK, dryRunEnv: process.env.PULUMI_NODEJS_DRY_RUN,
            configuredStack, cwd: process.cwd(), argv: process.argv.slice(2) };
        cb(null, new analyzerPb.AnalyzerInfo().setName("fake-pack").setVersion(JSON.stringify(seen)));
    },
    analyzeStack(call, cb) {
        const size = Number(call.request.getResourcesList()[0].getUrn().split(":").pop());
        const d = new analyzerPb.AnalyzeDiagnostic().setPolicyname("big").setMessage("x".repeat(size));
        cb(null, new analyzerPb.AnalyzeResponse().setDiagnosticsList([d]));
    },
});
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) throw err;
    console.log(port);
    console.log("pack says hello after its port");
});
`;
    fs.mkdirSync(path.join(pkg, "cmd", "run-policy-pack"), { recursive: true });
    fs.writeFileSync(path.join(pkg, "cmd", "run-policy-pack", "index.js"), script);
    return fs.realpathSync(dir);
}

function stackRequest(size: number): analyzerPb.AnalyzeStackRequest {
    return new analyzerPb.AnalyzeStackRequest().setResourcesList([
        new analyzerPb.AnalyzerResource().setType("test:index:Thing").setUrn(`urn:pulumi:dev::p::test:index:Thing::size:${size}`),
    ]);
}

const unary = <T>(fn: (cb: (err: grpc.ServiceError | null, res?: T) => void) => void): Promise<T> =>
    new Promise((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res as T))));

describe("pulumi-language-nodejs stand-in over gRPC", function () {
    let host: { child: ChildProcess; client: languageGrpc.LanguageRuntimeClient };

    before(async function () {
        assert.ok(nodejsHostAvailable(), "the stand-in is built (npm run build)");
        host = await startHost();
    });
    after(() => {
        host.client.close();
        host.child.kill();
    });

    it("GetPluginInfo reports the CLI version it accompanies, marked as a stand-in", async () => {
        const info = await unary<{ getVersion(): string }>((cb) => host.client.getPluginInfo(new emptyPb.Empty(), cb));
        assert.equal(info.getVersion(), "v3.274.1-standin");
    });

    it("GetRequiredPlugins is Unimplemented, as in the real host", async () => {
        const req = new languagePb.GetRequiredPluginsRequest().setInfo(programInfo(os.tmpdir()));
        await assert.rejects(
            unary((cb) => host.client.getRequiredPlugins(req, cb)),
            (e: grpc.ServiceError) => e.code === grpc.status.UNIMPLEMENTED,
        );
    });

    it("GetRequiredPackages lists resource plugins from node_modules package.json files, like the real host", async () => {
        const dir = tmpDir("nodehost-prog-");
        const nm = path.join(dir, "node_modules");
        writeJson(path.join(dir, "package.json"), { name: "prog", pulumi: { resource: true, name: "not-in-node-modules" } });
        writeJson(path.join(nm, "@pulumi", "gcp", "package.json"), { name: "@pulumi/gcp", version: "9.37.0", pulumi: { resource: true } });
        writeJson(path.join(nm, "@pulumi", "pulumi", "package.json"), { name: "@pulumi/pulumi", version: "3.270.0" });
        writeJson(path.join(nm, "acme-provider", "package.json"), {
            name: "acme-provider",
            version: "0.0.1",
            pulumi: { resource: true, name: "acme", version: "v1.2.3", server: "https://example.test/plugins" },
        });
        writeJson(path.join(nm, "@third", "unnamed", "package.json"), {
            name: "@third/unnamed",
            version: "1.0.0",
            pulumi: { resource: true },
        });
        writeJson(path.join(nm, "not-a-plugin", "package.json"), { name: "not-a-plugin", version: "1.0.0" });
        // A policy pack inside the program is not a dependency of it.
        fs.mkdirSync(path.join(dir, "policy"), { recursive: true });
        fs.writeFileSync(path.join(dir, "policy", "PulumiPolicy.yaml"), "runtime: nodejs\n");
        writeJson(path.join(dir, "policy", "node_modules", "@pulumi", "aws", "package.json"), {
            name: "@pulumi/aws",
            version: "7.0.0",
            pulumi: { resource: true },
        });

        const req = new languagePb.GetRequiredPackagesRequest().setInfo(programInfo(dir));
        const res = await unary<languagePb.GetRequiredPackagesResponse>((cb) => host.client.getRequiredPackages(req, cb));
        const got = res
            .getPackagesList()
            .map((p) => ({ name: p.getName(), kind: p.getKind(), version: p.getVersion(), server: p.getServer() }));
        assert.deepEqual(got, [
            { name: "gcp", kind: "resource", version: "v9.37.0", server: "" },
            { name: "acme", kind: "resource", version: "v1.2.3", server: "https://example.test/plugins" },
        ]);
    });

    it("RunPlugin on a pack without @pulumi/pulumi fails with the real host's hint", async () => {
        const dir = fs.realpathSync(tmpDir("nodehost-bare-"));
        const req = new languagePb.RunPluginRequest().setKind("analyzer").setInfo(programInfo(dir)).setArgsList([ENGINE]);
        const err = await new Promise<grpc.ServiceError>((resolve, reject) => {
            const stream = host.client.runPlugin(req);
            stream.on("data", () => undefined);
            stream.on("error", resolve);
            stream.on("end", () => reject(new Error("RunPlugin ended without an error")));
        });
        assert.equal(err.code, grpc.status.UNKNOWN);
        // The real host returns node's stderr as is, newline included.
        assert.equal(err.details, `It looks like the Pulumi SDK has not been installed. Have you run npm install in ${dir}?\n`);
    });

    it("InstallDependencies streams its banner, then fails a bad runtime option with the real host's wording", async () => {
        const dir = tmpDir("nodehost-install-");
        const info = programInfo(dir).setOptions(structPb.Struct.fromJavaScript({ packagemanager: "cargo" }));
        const req = new languagePb.InstallDependenciesRequest().setInfo(info);
        let out = "";
        const err = await new Promise<grpc.ServiceError>((resolve, reject) => {
            const stream = host.client.installDependencies(req);
            stream.on("data", (m: languagePb.InstallDependenciesResponse) => (out += Buffer.from(m.getStdout_asU8()).toString()));
            stream.on("error", resolve);
            stream.on("end", () => reject(new Error("InstallDependencies ended without an error")));
        });
        assert.equal(out, "Installing dependencies...\n\n");
        assert.equal(err.code, grpc.status.UNKNOWN);
        assert.equal(
            err.details,
            'failed to parse options: packagemanager option must be one of auto, npm, yarn, pnpm or bun, got "cargo"',
        );
    });

    describe("RunPlugin for a policy pack: the policy proxy", function () {
        let packDir: string;
        let stream: grpc.ClientReadableStream<languagePb.RunPluginResponse>;
        let analyzer: analyzerGrpc.AnalyzerClient;
        let stdout = "";

        before(async function () {
            packDir = fakePack();
            const env = Object.entries(process.env).map(([k, v]) => `${k}=${v}`);
            const req = new languagePb.RunPluginRequest()
                .setPwd(os.tmpdir())
                .setKind("analyzer")
                .setInfo(programInfo(packDir))
                .setArgsList([ENGINE])
                .setEnvList(env);
            stream = host.client.runPlugin(req);
            stream.on("error", () => undefined); // cancelled in `after`
            const port = await new Promise<number>((resolve) => {
                stream.on("data", (msg: languagePb.RunPluginResponse) => {
                    stdout += Buffer.from(msg.getStdout_asU8()).toString();
                    const nl = stdout.indexOf("\n");
                    if (nl >= 0) resolve(Number(stdout.slice(0, nl)));
                });
            });
            // The engine dials the proxy with rpcutil.GrpcChannelOptions(): 400 MiB.
            analyzer = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                "grpc.max_receive_message_length": 400 * 1024 * 1024,
            });
            const configure = new analyzerPb.AnalyzerStackConfigureRequest()
                .setStack("dev")
                .setProject("proj")
                .setOrganization("org")
                .setDryRun(true);
            await unary((cb) => analyzer.configureStack(configure, cb));
        });
        after(() => {
            analyzer?.close();
            stream?.cancel();
        });

        it("starts the pack in its directory with the engine address and the pack dir last, and the stack in PULUMI_NODEJS_*", async () => {
            const info = await unary<analyzerPb.AnalyzerInfo>((cb) => analyzer.getAnalyzerInfo(new emptyPb.Empty(), cb));
            assert.equal(info.getName(), "fake-pack");
            const seen = JSON.parse(info.getVersion());
            assert.deepEqual(seen, { stackEnv: "dev", dryRunEnv: "true", configuredStack: "dev", cwd: packDir, argv: [ENGINE, packDir] });
        });

        it("passes the pack's stdout after its port line on to the engine, after the proxy's own port", async () => {
            const lines = stdout.split("\n");
            assert.match(lines[0], /^\d+$/);
            assert.equal(lines[1], "pack says hello after its port");
        });

        it("passes an AnalyzeStack answer under 4 MiB through unchanged", async () => {
            const size = FOUR_MIB - 64 * 1024;
            const res = await unary<analyzerPb.AnalyzeResponse>((cb) => analyzer.analyzeStack(stackRequest(size), cb));
            assert.equal(res.getDiagnosticsList()[0].getMessage().length, size);
        });

        it("fails an AnalyzeStack answer over 4 MiB with ResourceExhausted, in grpc-go's words, as the real host's proxy does", async () => {
            const size = FOUR_MIB + 1024;
            await assert.rejects(
                unary((cb) => analyzer.analyzeStack(stackRequest(size), cb)),
                (e: grpc.ServiceError) => {
                    assert.equal(e.code, grpc.status.RESOURCE_EXHAUSTED);
                    assert.match(e.details, /^grpc: received message larger than max \(\d+ vs\. 4194304\)$/);
                    return true;
                },
            );
        });
    });
});

describe("pulumi-analyzer-policy-nodejs fallback script", function () {
    const script = path.join(BIN, "pulumi-analyzer-policy-nodejs");

    it("starts the pack's own run-policy-pack with the CLI's arguments; its first line is the port", async () => {
        const pack = fakePack();
        const child = spawn(script, [ENGINE, "."], { cwd: pack, stdio: ["ignore", "pipe", "inherit"] });
        try {
            const first = await new Promise<string>((resolve, reject) => {
                let out = "";
                child.stdout!.on("data", (b: Buffer) => {
                    out += b.toString();
                    if (out.includes("\n")) resolve(out.split("\n")[0]);
                });
                child.on("exit", (code) => reject(new Error(`exited with ${code}`)));
            });
            assert.match(first, /^\d+$/);
        } finally {
            child.kill();
        }
    });

    it("fails clearly, with the text the CLI looks for, when @pulumi/pulumi is not installed in the pack", () => {
        const dir = tmpDir("nodehost-nopkg-");
        const res = spawnSync(script, [ENGINE, "."], { cwd: dir, encoding: "utf8" });
        assert.equal(res.status, 1);
        assert.match(res.stderr, /Cannot find module '@pulumi\/pulumi\/cmd\/run-policy-pack'/);
        assert.match(res.stderr, /@pulumi\/pulumi is not installed in this policy pack; run 'npm install'/);
    });
});
