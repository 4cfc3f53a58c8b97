// hostInterposer.ts, driven as the CLI drives a language host, in front of a fake "real" host that
// reads StackReferences from the monitor address it is given, and a fake engine monitor. Under the
// real CLI it runs in test/cli/programs.test.ts (py-stack-reference-org, yaml-stack-reference, and
// every --stack-outputs program on v3.60).
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as languageGrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as languagePb from "@pulumi/pulumi/proto/language_pb";
import * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import { writeHostInterposer } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins/launchers";
import { STACK_REFERENCES_VAR } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins/stackReferences";

// A host that, on Run, reads two StackReferences through the monitor it was given and answers with
// the names and outputs it got back (in RunResponse.error, the one string field), and its argv.
const FAKE_HOST = `
const grpc = require(${JSON.stringify(require.resolve("@grpc/grpc-js"))});
const languageGrpc = require(${JSON.stringify(require.resolve("@pulumi/pulumi/proto/language_grpc_pb"))});
const languagePb = require(${JSON.stringify(require.resolve("@pulumi/pulumi/proto/language_pb"))});
const resourceGrpc = require(${JSON.stringify(require.resolve("@pulumi/pulumi/proto/resource_grpc_pb"))});
const resourcePb = require(${JSON.stringify(require.resolve("@pulumi/pulumi/proto/resource_pb"))});
const structPb = require(${JSON.stringify(require.resolve("google-protobuf/google/protobuf/struct_pb"))});
const server = new grpc.Server();
server.addService(languageGrpc.LanguageRuntimeService, {
    getPluginInfo: (_call, cb) => cb(null, new (require(${JSON.stringify(require.resolve("@pulumi/pulumi/proto/plugin_pb"))}).PluginInfo)().setVersion("9.9.9-fake")),
    run: (call, cb) => {
        const monitor = new resourceGrpc.ResourceMonitorClient(call.request.getMonitorAddress(), grpc.credentials.createInsecure());
        const read = (name) => new Promise((resolve, reject) => monitor.readResource(
            new resourcePb.ReadResourceRequest().setType("pulumi:pulumi:StackReference").setName(name).setId(name)
                .setProperties(structPb.Struct.fromJavaScript({ name })),
            (err, res) => (err ? reject(err) : resolve(res.getProperties().toJavaScript())),
        ));
        Promise.all([read("acme/net/prod"), read("organization/other/dev")]).then(
            (got) => cb(null, new languagePb.RunResponse().setError(JSON.stringify({ got, argv: process.argv.slice(2) }))),
            (err) => cb(err),
        );
    },
});
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => process.stdout.write(port + "\\n"));
`;

describe("hostInterposer in front of Pulumi's own host", function () {
    this.timeout(30_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crb-interposer-"));
    const asked: string[] = [];
    let engine: grpc.Server;
    let monitorAddress = "";
    let child: ChildProcess | undefined;
    let client: languageGrpc.LanguageRuntimeClient;

    before(async () => {
        engine = new grpc.Server();
        engine.addService(resourceGrpc.ResourceMonitorService, {
            readResource: (call: grpc.ServerUnaryCall<resourcePb.ReadResourceRequest, unknown>, cb: grpc.sendUnaryData<unknown>) => {
                const name = String(call.request.getProperties()?.toJavaScript().name);
                asked.push(name);
                const props = structPb.Struct.fromJavaScript({ name, outputs: { image: `image-of-${name}` } });
                cb(null, new resourcePb.ReadResourceResponse().setUrn(`urn:${name}`).setProperties(props));
            },
        });
        const port = await new Promise<number>((resolve, reject) =>
            engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
        );
        monitorAddress = `127.0.0.1:${port}`;
        fs.writeFileSync(path.join(tmp, "fake-host.js"), FAKE_HOST);
        const real = path.join(tmp, "pulumi-language-python-real");
        fs.writeFileSync(real, `#!/usr/bin/env bash\nexec node ${JSON.stringify(path.join(tmp, "fake-host.js"))} "$@"\n`, { mode: 0o755 });
        writeHostInterposer(path.join(tmp, "interpose"), "python", real);
        child = spawn(path.join(tmp, "interpose", "pulumi-language-python"), ["-virtualenv=/v", "127.0.0.1:1"], {
            stdio: ["ignore", "pipe", "inherit"],
            env: { ...process.env, [STACK_REFERENCES_VAR]: JSON.stringify({ "acme/net/prod": "net.prod" }) },
        });
        const own = await new Promise<string>((resolve, reject) => {
            child!.stdout!.once("data", (b: Buffer) => resolve(b.toString().split("\n")[0]));
            child!.on("exit", (code) => reject(new Error(`interposer exited with ${code}`)));
        });
        client = new languageGrpc.LanguageRuntimeClient(`127.0.0.1:${own}`, grpc.credentials.createInsecure());
    });
    after(() => {
        child?.kill("SIGTERM");
        engine.forceShutdown();
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("forwards other calls to the real host unchanged", async () => {
        const info = await new Promise<string>((resolve, reject) =>
            client.getPluginInfo(new emptyPb.Empty(), (e, r) => (e ? reject(e) : resolve(r!.getVersion()))),
        );
        assert.equal(info, "9.9.9-fake");
    });

    it("Run: the real host gets the CLI's arguments and a monitor that reads a given name under its file-backend name, and hands the program's name back", async () => {
        const res = await new Promise<languagePb.RunResponse>((resolve, reject) =>
            client.run(new languagePb.RunRequest().setMonitorAddress(monitorAddress), (e, r) => (e ? reject(e) : resolve(r!))),
        );
        const { got, argv } = JSON.parse(res.getError()) as { got: { name: string; outputs: object }[]; argv: string[] };
        assert.deepEqual(argv, ["-virtualenv=/v", "127.0.0.1:1"]);
        assert.deepEqual([...asked].sort(), ["net.prod", "organization/other/dev"]);
        assert.deepEqual(got, [
            { name: "acme/net/prod", outputs: { image: "image-of-net.prod" } },
            { name: "organization/other/dev", outputs: { image: "image-of-organization/other/dev" } },
        ]);
    });
});
