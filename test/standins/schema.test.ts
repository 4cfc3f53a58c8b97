// The package schemas that the stand-in providers return from GetSchema: well-formed, carrying every
// resource type the pack reads and every property the examples set, and accepted by the real Pulumi
// CLI running a YAML program (pulumi-yaml resolves types, checks property names and types
// `${res.prop}` and `fn::invoke` against the schema it loads through GetSchema).
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { generate } from "../../tools/engines/gcp/generateSchema";
import { type PackageName, schemaFor, schemaVersion } from "../../tools/engines/gcp/schema";
import { data as committedGcp } from "../../tools/engines/gcp/schemaData/gcp";

const ROOT = path.resolve(__dirname, "..", "..", "..");

interface Spec {
    type?: string;
    $ref?: string;
    items?: Spec;
    additionalProperties?: Spec;
    properties?: Record<string, Spec>;
    secret?: boolean;
}

interface Schema {
    name: string;
    version: string;
    resources: Record<string, { inputProperties: Record<string, Spec>; requiredInputs: string[]; properties: Record<string, Spec> }>;
    functions: Record<string, { inputs: { properties: Record<string, Spec> }; outputs: { properties: Record<string, Spec> } }>;
    types: Record<string, { properties: Record<string, Spec>; required: string[] }>;
}

function schema(pkg: PackageName): Schema {
    return JSON.parse(schemaFor(pkg)) as Schema;
}

/** Every resource token the pack's policies compare against (string literals in policies/). */
function tokensThePackReads(): string[] {
    const found = new Set<string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(file);
            else if (file.endsWith(".ts")) {
                for (const m of fs.readFileSync(file, "utf8").matchAll(/["'`](gcp:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+)["'`]/g))
                    found.add(m[1]);
            }
        }
    };
    walk(path.join(ROOT, "policies"));
    return [...found].sort();
}

/** `new gcp.<module>.<Class>(name, { ... })` calls in an example program, with their argument literals. */
function resourceCalls(file: string, text: string): { module: string; cls: string; args: ts.ObjectLiteralExpression }[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const calls: { module: string; cls: string; args: ts.ObjectLiteralExpression }[] = [];
    const visit = (node: ts.Node) => {
        if (ts.isNewExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
            const parts = node.expression.getText(source).split(".");
            const args = node.arguments?.[1];
            if (parts.length === 3 && parts[0] === "gcp" && args && ts.isObjectLiteralExpression(args)) {
                calls.push({ module: parts[1], cls: parts[2], args });
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return calls;
}

/** Property paths in an object literal that the schema does not declare, following nested object types. */
function undeclared(literal: ts.ObjectLiteralExpression, props: Record<string, Spec>, types: Schema["types"], at: string): string[] {
    const missing: string[] = [];
    for (const element of literal.properties) {
        if (!ts.isPropertyAssignment(element) && !ts.isShorthandPropertyAssignment(element)) continue;
        const name = element.name.getText();
        const spec = props[name];
        if (!spec) {
            missing.push(`${at}${name}`);
            continue;
        }
        if (!ts.isPropertyAssignment(element)) continue;
        missing.push(...undeclaredIn(element.initializer, spec, types, `${at}${name}`));
    }
    return missing;
}

function undeclaredIn(value: ts.Expression, spec: Spec, types: Schema["types"], at: string): string[] {
    if (ts.isArrayLiteralExpression(value) && spec.items) {
        return value.elements.flatMap((e, i) => undeclaredIn(e as ts.Expression, spec.items!, types, `${at}[${i}]`));
    }
    if (ts.isObjectLiteralExpression(value) && spec.$ref?.startsWith("#/types/")) {
        const type = types[spec.$ref.slice("#/types/".length)];
        return type ? undeclared(value, type.properties, types, `${at}.`) : [`${at} (dangling ${spec.$ref})`];
    }
    return [];
}

describe("stand-in package schemas", () => {
    it("are well-formed package schemas whose version is the installed SDK's (gcp) or the pinned release", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
            packages: Record<string, { version: string }>;
        };
        assert.equal(schemaVersion("gcp"), lock.packages["node_modules/@pulumi/gcp"].version);
        for (const pkg of ["gcp", "google-native", "command"] as const) {
            const s = schema(pkg);
            assert.equal(s.name, pkg);
            assert.equal(s.version, schemaVersion(pkg));
            // Every $ref resolves, so the loader's binder never meets a dangling type.
            const refs = [...schemaFor(pkg).matchAll(/"\$ref":"#\/types\/([^"]+)"/g)].map((m) => m[1]);
            assert.deepEqual(
                refs.filter((r) => !(r in s.types)),
                [],
            );
        }
    });

    it("gcp: the committed data is what the generator makes from the installed @pulumi/gcp", function () {
        this.timeout(60_000); // parses @pulumi/gcp's 13 MB of type declarations
        const fresh = generate("gcp", path.dirname(require.resolve("@pulumi/gcp/package.json", { paths: [ROOT] })));
        assert.ok(
            JSON.stringify(fresh) === JSON.stringify(committedGcp),
            "tools/engines/gcp/schemaData/gcp.ts is stale: run `npx tsc -p . && node dist/tools/engines/gcp/generateSchema.js gcp`",
        );
    });

    it("declare every resource type the pack reads, with the fields it reads", () => {
        const gcp = schema("gcp");
        const tokens = tokensThePackReads();
        assert.ok(tokens.length >= 10, `found only ${tokens.join(", ")}`);
        assert.deepEqual(
            tokens.filter((t) => !(t in gcp.resources)),
            [],
        );
        const binauthz = gcp.types["gcp:cloudrunv2/ServiceBinaryAuthorization:ServiceBinaryAuthorization"];
        assert.deepEqual(Object.keys(binauthz.properties).sort(), ["breakglassJustification", "policy", "useDefault"]);
        assert.deepEqual(binauthz.properties.useDefault, { type: "boolean" });
        assert.deepEqual(gcp.resources["gcp:cloudrunv2/service:Service"].inputProperties.binaryAuthorization, {
            $ref: "#/types/gcp:cloudrunv2/ServiceBinaryAuthorization:ServiceBinaryAuthorization",
        });
        assert.deepEqual(gcp.resources["gcp:cloudrunv2/service:Service"].requiredInputs, ["location", "template"]);
        assert.ok(gcp.functions["gcp:organizations/getProject:getProject"].outputs.properties.number);
        assert.ok(gcp.functions["gcp:organizations/getClientConfig:getClientConfig"].outputs.properties.project);
        // Secrets copied from the SDK: the real provider marks these, and pulumi-yaml passes them on.
        assert.equal(gcp.resources["gcp:storage/bucket:Bucket"].properties.effectiveLabels.secret, true);
        assert.equal(schema("command").resources["command:remote:Command"].inputProperties.connection.secret, true);
        const native = schema("google-native");
        for (const t of [
            "google-native:run/v2:Service",
            "google-native:run/v2:Job",
            "google-native:run/v1:Service",
            "google-native:cloudfunctions/v2:Function",
        ]) {
            assert.ok(native.resources[t], t);
        }
        assert.ok(schema("command").resources["command:local:Command"].inputProperties.create);
    });

    it("declare every property, nested ones included, that the example programs set", () => {
        const gcp = schema("gcp");
        const examples = fs
            .readdirSync(path.join(ROOT, "examples"))
            .filter((d) => fs.existsSync(path.join(ROOT, "examples", d, "index.ts")));
        assert.ok(examples.length >= 5);
        let checked = 0;
        for (const example of examples) {
            for (const call of resourceCalls(example, fs.readFileSync(path.join(ROOT, "examples", example, "index.ts"), "utf8"))) {
                const token = Object.keys(gcp.resources).find((t) => t.startsWith(`gcp:${call.module}/`) && t.endsWith(`:${call.cls}`));
                assert.ok(token, `${example}: gcp.${call.module}.${call.cls} is not in the schema`);
                assert.deepEqual(undeclared(call.args, gcp.resources[token].inputProperties, gcp.types, `${example} ${token} `), []);
                checked++;
            }
        }
        assert.ok(checked >= 8, `only ${checked} resources found in the examples`);
    });

    it("catches a misspelt nested property (the check above can fail)", () => {
        const gcp = schema("gcp");
        const [call] = resourceCalls("x.ts", `new gcp.cloudrunv2.Service("a", { binaryAuthorization: { useDefalt: true } });`);
        assert.deepEqual(undeclared(call.args, gcp.resources["gcp:cloudrunv2/service:Service"].inputProperties, gcp.types, ""), [
            "binaryAuthorization.useDefalt",
        ]);
    });
});

// ---------------------------------------------------------------------------------------------
// The real proof: the real CLI previews a YAML program against a provider that serves this schema.

/** The directory holding `pulumi` and `pulumi-language-yaml`, or undefined. */
function findCli(): string | undefined {
    const candidates: string[] = [];
    if (process.env.PULUMI_CLI_DIR) candidates.push(process.env.PULUMI_CLI_DIR);
    const cache = path.join(os.homedir(), ".cache", "cloud-run-binauthz", "pulumi-cli");
    if (fs.existsSync(cache)) candidates.push(...fs.readdirSync(cache).map((d) => path.join(cache, d, "bin")));
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) candidates.push(dir);
    return candidates.find((dir) => ["pulumi", "pulumi-language-yaml"].every((b) => fs.existsSync(path.join(dir, b))));
}

/**
 * A minimal ResourceProvider plugin (plain JS, run by node): GetPluginInfo, GetSchema (from schema.ts),
 * CheckConfig, Configure, Check and Create return the inputs; Invoke answers getProject. It logs each
 * GetSchema request to $SCHEMA_LOG so the test can show how the CLI asks.
 */
function providerScript(pkg: PackageName): string {
    const req = (m: string) => JSON.stringify(require.resolve(m, { paths: [ROOT] }));
    const schemaModule = JSON.stringify(path.join(ROOT, "dist", "tools", "engines", "gcp", "schema.js"));
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

describe("stand-in gcp schema under the real Pulumi CLI (YAML program)", function () {
    this.timeout(240_000);
    let cliDir: string | undefined;

    before(function () {
        cliDir = findCli();
        if (!cliDir) {
            if (process.env.CI === "true") throw new Error("no Pulumi CLI found (CI=true): run `npm run -s pulumi-cli` first");
            console.log("    skipped: no Pulumi CLI with pulumi-language-yaml found (npm run -s pulumi-cli builds one; needs Go)");
            this.skip();
        }
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
