// The stand-in gcp schema under the real Pulumi CLI: pulumi-yaml resolves types, checks property
// names and types `${res.prop}` and `fn::invoke` against the schema it loads through GetSchema.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PackageName } from "cloud-run-binauthz-tools/dist/engines/gcp/schema";
import { generations, requireCli, ROOT, tagged } from "./harness";

// ---------------------------------------------------------------------------------------------
// The real proof: the real CLI previews a YAML program against a provider that serves this schema.

/**
 * A minimal ResourceProvider plugin (plain JS, run by node): GetPluginInfo, GetSchema (from schema.ts),
 * CheckConfig, Configure, Check and Create return the inputs; Invoke answers getProject. It logs each
 * GetSchema request to $SCHEMA_LOG so the test can show how the CLI asks.
 */
function providerScript(pkg: PackageName): string {
    const req = (m: string) => JSON.stringify(require.resolve(m, { paths: [ROOT] }));
    const schemaModule = JSON.stringify(path.join(ROOT, "tools", "dist", "engines", "gcp", "schema.js"));
    return `#!${process.execPath}
"use strict";
const fs = require("fs");
const grpc = require(${req("@grpc/grpc-js")});
const pb = require(${req("@pulumi/pulumi/proto/provider_pb")});
const pluginPb = require(${req("@pulumi/pulumi/proto/plugin_pb")});
const services = require(${req("@pulumi/pulumi/proto/provider_grpc_pb")});
const { Struct } = require(${req("google-protobuf/google/protobuf/struct_pb")});
const { Empty } = require(${req("google-protobuf/google/protobuf/empty_pb")});
const schema = require(${schemaModule});
const ok = (f) => (call, cb) => { try { cb(null, f(call.request)); } catch (e) { cb(e); } };
const checked = (r) => { const res = new pb.CheckResponse(); res.setInputs(r.getNews()); return res; };
const server = new grpc.Server();
server.addService(services.ResourceProviderService, {
    getPluginInfo: ok(() => { const r = new pluginPb.PluginInfo(); r.setVersion(schema.schemaVersion(${JSON.stringify(pkg)})); return r; }),
    getSchema: ok((r) => {
        if (process.env.SCHEMA_LOG) fs.appendFileSync(process.env.SCHEMA_LOG, JSON.stringify(r.toObject()) + "\\n");
        const res = new pb.GetSchemaResponse(); res.setSchema(schema.schemaFor(${JSON.stringify(pkg)})); return res;
    }),
    checkConfig: ok(checked),
    diffConfig: ok(() => new pb.DiffResponse()),
    configure: ok(() => { const r = new pb.ConfigureResponse(); r.setAcceptsecrets(true); r.setSupportspreview(true); return r; }),
    check: ok(checked),
    create: ok((r) => { const res = new pb.CreateResponse(); res.setId(""); res.setProperties(r.getProperties()); return res; }),
    invoke: ok((r) => {
        const res = new pb.InvokeResponse();
        res.setReturn(Struct.fromJavaScript(r.getTok() === "gcp:organizations/getProject:getProject"
            ? { projectId: "acme-prod", number: "123456789012", name: "acme-prod", id: "projects/acme-prod" }
            : {}));
        return res;
    }),
    cancel: ok(() => new Empty()),
});
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) { process.stderr.write(String(err) + "\\n"); process.exit(1); }
    process.stdout.write(port + "\\n");
});
`;
}

const PROGRAM = `name: schema-probe
runtime: yaml
variables:
  project:
    fn::invoke:
      function: gcp:organizations:getProject
      arguments: {}
resources:
  source:
    type: gcp:storage:Bucket
    properties:
      location: US
      uniformBucketLevelAccess: true
  fn:
    type: gcp:cloudfunctionsv2:Function
    properties:
      location: us-central1
      buildConfig:
        runtime: nodejs22
        entryPoint: thumbnail
        source:
          storageSource:
            bucket: \${source.name}
            object: thumbnailer.zip
      serviceConfig:
        binaryAuthorizationPolicy: default
  api:
    type: gcp:cloudrunv2:Service
    properties:
      location: us-central1
      project: \${project.projectId}
      template:
        containers:
          - image: us-docker.pkg.dev/cloudrun/container/hello
      binaryAuthorization:
        useDefault: true
  binauthz:
    type: gcp:binaryauthorization:Policy
    properties:
      project: \${project.projectId}
      admissionWhitelistPatterns:
        - namePattern: us-central1-docker.pkg.dev/acme-prod/cloud-run-source-deploy/**
      defaultAdmissionRule:
        evaluationMode: ALWAYS_DENY
        enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG
`;

interface Preview {
    status: number | null;
    output: string;
    schemaRequests: Record<string, unknown>[];
}

function preview(cliDir: string, program: string, ...flags: string[]): Preview {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "schema-cli-"));
    const bin = path.join(tmp, "bin");
    const project = path.join(tmp, "project");
    for (const dir of [bin, project, path.join(tmp, "state"), path.join(tmp, "home")]) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(bin, "pulumi-resource-gcp"), providerScript("gcp"), { mode: 0o755 });
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), program);
    const schemaLog = path.join(tmp, "get-schema.log");
    const env = {
        ...process.env,
        PATH: [bin, cliDir, process.env.PATH ?? ""].join(path.delimiter),
        PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: "x",
        PULUMI_HOME: path.join(tmp, "home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        SCHEMA_LOG: schemaLog,
    };
    const run = (args: string[]) => spawnSync(path.join(cliDir, "pulumi"), args, { cwd: project, env, encoding: "utf8", timeout: 120_000 });
    const init = run(["stack", "init", "dev", "--non-interactive"]);
    assert.equal(init.status, 0, init.stderr);
    const result = run(["preview", "--non-interactive", ...flags]);
    const schemaRequests = fs.existsSync(schemaLog)
        ? fs
              .readFileSync(schemaLog, "utf8")
              .trim()
              .split("\n")
              .map((l) => JSON.parse(l) as Record<string, unknown>)
        : [];
    if (process.env.SCHEMA_TEST_KEEP_TMP) console.log(`    kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
    return { status: result.status, output: result.stdout + result.stderr, schemaRequests };
}

for (const gen of generations())
    describe(tagged(gen, "stand-in gcp schema under the real Pulumi CLI (YAML program)"), function () {
        this.timeout(240_000);
        let cliDir: string | undefined;

        before(function () {
            cliDir = requireCli(this, gen).binDir;
        });

        it("previews a YAML program: types resolve, ${source.name} and fn::invoke getProject type-check", () => {
            const result = preview(cliDir!, PROGRAM, "--json");
            assert.equal(result.status, 0, result.output);
            const steps = (
                JSON.parse(result.output) as { steps: { op: string; urn: string; newState?: { inputs: Record<string, unknown> } }[] }
            ).steps;
            // The program's short tokens reach the engine as the schema's canonical ones (the display shortens them again).
            const created = Object.fromEntries(steps.filter((s) => s.op === "create").map((s) => [s.urn.split("::").pop(), s]));
            for (const [name, type] of [
                ["api", "gcp:cloudrunv2/service:Service"],
                ["binauthz", "gcp:binaryauthorization/policy:Policy"],
                ["fn", "gcp:cloudfunctionsv2/function:Function"],
                ["source", "gcp:storage/bucket:Bucket"],
            ]) {
                assert.ok(created[name]?.urn.endsWith(`::${type}::${name}`), `${name}: ${created[name]?.urn}`);
            }
            assert.equal(created.api.newState?.inputs.project, "acme-prod"); // from fn::invoke getProject
            assert.deepEqual(created.api.newState?.inputs.binaryAuthorization, { useDefault: true });
            assert.ok(result.schemaRequests.length >= 1, "GetSchema was never called");
            assert.deepEqual(result.schemaRequests[0], { version: 0, subpackageName: "", subpackageVersion: "" });
        });

        it("fails the preview on a misspelt property, top-level and nested, as with the real provider's schema", () => {
            const top = preview(
                cliDir!,
                PROGRAM.replace("      binaryAuthorization:\n        useDefault", "      binaryAuthorisation:\n        useDefault"),
            );
            assert.notEqual(top.status, 0);
            assert.match(top.output, /Property binaryAuthorisation does not exist on 'gcp:cloudrunv2\/service:Service'/);
            const nested = preview(cliDir!, PROGRAM.replace("useDefault: true", "useDefalt: true"));
            assert.notEqual(nested.status, 0);
            assert.match(nested.output, /useDefalt does not exist/);
        });
    });
