// End to end, the way `pulumi preview --policy-pack` runs the pack: the compiled pack is started
// with @pulumi/pulumi's run-policy-pack, and the engine's side of the Analyzer protocol is spoken
// to it over gRPC. Resources come from the real example programs run under Pulumi's own mocks,
// from a `pulumi stack export` and from `pulumi preview --json`.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    DEFAULT_CONTEXT,
    type Diagnostic,
    PackProcess,
    type StackContext,
    type WireResource,
} from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import { ConfigError, runPolicies, type RunResult } from "cloud-run-binauthz-tools/dist/engines/builtin/run";
import { loadSource } from "cloud-run-binauthz-tools/dist/engines/builtin/sources";
import { policies } from "../policies";
import { runCheck } from "./checkCommand";

const ROOT = path.resolve(__dirname, "..", "..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function mandatory(ds: Diagnostic[]): string[] {
    return ds
        .filter((d) => d.enforcementLevel === "mandatory")
        .map((d) => d.policyName)
        .sort();
}
function advisory(ds: Diagnostic[]): string[] {
    return ds
        .filter((d) => d.enforcementLevel === "advisory")
        .map((d) => d.policyName)
        .sort();
}

describe("end to end over the analyzer protocol", function () {
    this.timeout(180_000);
    let pack: PackProcess;
    const results = new Map<string, RunResult>();

    async function example(name: string, configFile?: unknown): Promise<RunResult> {
        const key = `${name}:${JSON.stringify(configFile ?? null)}`;
        const hit = results.get(key);
        if (hit) return hit;
        const loaded = await loadSource(path.join(ROOT, "examples", name), DEFAULT_CONTEXT);
        const result = await runPolicies({ packDir: ROOT, resources: loaded.resources, ctx: loaded.ctx, configFile, pack });
        results.set(key, result);
        return result;
    }

    before(async () => {
        pack = await PackProcess.start(ROOT, { ...DEFAULT_CONTEXT, config: { "gcp:project": "acme-prod", "gcp:region": "us-central1" } });
    });
    after(async () => {
        await pack?.close();
    });

    describe("the pack as the CLI starts it", () => {
        it("answers GetAnalyzerInfo with every policy, its level, severity, url and config schema", async () => {
            const info = await pack.getAnalyzerInfo();
            assert.equal(info.name, "cloud-run-binauthz");
            const byName = Object.fromEntries(info.policies.map((p) => [p.name, p]));
            assert.deepEqual(Object.keys(byName).sort(), [
                "binauthz-allowlist-exempts-workload",
                "binauthz-allowlist-scoped",
                "binauthz-allowlist-unverified",
                "binauthz-org-constraint",
                "binauthz-source-deploy-allowlist",
                "cloud-functions-gen1-no-binauthz",
                "cloud-run-binauthz-required",
                "cloud-run-breakglass-justified",
                "cloud-run-deploy-unverified",
            ]);
            const levels = Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel]));
            assert.equal(levels["cloud-run-binauthz-required"], "mandatory");
            assert.equal(levels["binauthz-allowlist-unverified"], "advisory");
            assert.equal(levels["binauthz-org-constraint"], "advisory");
            assert.equal(levels["cloud-functions-gen1-no-binauthz"], "advisory");
            assert.equal(levels["cloud-run-deploy-unverified"], "advisory");
            assert.equal(byName["binauthz-source-deploy-allowlist"].policyType, "stack");
            assert.equal(byName["cloud-run-binauthz-required"].policyType, "resource");
            for (const p of info.policies) {
                assert.ok(p.severity, `${p.name} severity`);
                assert.match(p.url, /^https:\/\/github\.com\/[^#]+#[a-z0-9-]+$/, `${p.name} url`);
                assert.ok(p.remediationSteps.length > 20, `${p.name} remediationSteps`);
                assert.ok(p.configSchema?.properties.exemptions, `${p.name} exemptions schema`);
                assert.ok(p.configSchema?.properties.onUnknown, `${p.name} onUnknown schema`);
            }
            assert.equal((byName["cloud-run-breakglass-justified"].configSchema?.properties.minLength as { default: number }).default, 20);
        });

        it("ships compiled JavaScript as main, so previews do not type-check TypeScript", () => {
            const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { main: string };
            assert.match(pkg.main, /\.js$/);
            assert.ok(fs.existsSync(path.join(ROOT, pkg.main)));
            assert.match(fs.readFileSync(path.join(ROOT, "PulumiPolicy.yaml"), "utf8"), /runtime: nodejs/);
        });
    });

    describe("examples", () => {
        it("compliant: a Cloud Run service and job with the cloud-run-source-deploy exemption pass", async () => {
            const r = await example("compliant");
            assert.deepEqual(mandatory(r.diagnostics), []);
            assert.deepEqual(advisory(r.diagnostics), []);
            assert.equal(r.resources, 3);
        });

        it("cloud-run-function: a Cloud Run function built from source passes", async () => {
            const r = await example("cloud-run-function");
            assert.deepEqual(mandatory(r.diagnostics), []);
            assert.deepEqual(advisory(r.diagnostics), []);
        });

        it("functions-v2: a 2nd-gen function with the gcf-artifacts exemption passes", async () => {
            const r = await example("functions-v2");
            assert.deepEqual(mandatory(r.diagnostics), []);
            assert.deepEqual(advisory(r.diagnostics), []);
        });

        it("breakglass: a justified breakglass passes", async () => {
            const r = await example("breakglass");
            assert.deepEqual(mandatory(r.diagnostics), []);
        });

        it("v1-service: a v1 Cloud Run service with the Service-level annotation passes", async () => {
            const r = await example("v1-service");
            assert.deepEqual(mandatory(r.diagnostics), []);
        });

        it("noncompliant: trips every mandatory policy exactly once", async () => {
            const r = await example("noncompliant");
            assert.deepEqual(mandatory(r.diagnostics), [
                "binauthz-allowlist-scoped",
                "binauthz-source-deploy-allowlist",
                "cloud-run-binauthz-required",
                "cloud-run-breakglass-justified",
            ]);
            const required = r.diagnostics.find((d) => d.policyName === "cloud-run-binauthz-required");
            assert.ok(required);
            assert.match(required.urn, /gcp:cloudrunv2\/service:Service::api$/);
            assert.match(required.message, /binaryAuthorization: \{ useDefault: true \}/);
            assert.match(required.message, /--binary-authorization default/);
            const allow = r.diagnostics.find((d) => d.policyName === "binauthz-source-deploy-allowlist");
            assert.match(allow?.message ?? "", /us-central1-docker\.pkg\.dev\/acme-prod\/gcf-artifacts\/\*\*/);
        });
    });

    describe("remediation", () => {
        it("at level remediate switches the default on, keeps every other input, and the violation is gone", async () => {
            const r = await example("noncompliant", { "cloud-run-binauthz-required": "remediate" });
            assert.ok(!mandatory(r.diagnostics).includes("cloud-run-binauthz-required"));
            const api = r.analyzed.find((x) => x.name === "api");
            assert.ok(api);
            assert.deepEqual(api.properties.binaryAuthorization, { useDefault: true });
            assert.deepEqual(api.properties.template, { containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/api:v1" }] });
            assert.equal(api.properties.location, "us-central1");
            assert.deepEqual(r.remediated[api.urn], ["cloud-run-binauthz-required"]);
        });

        it("keeps unknown and secret inputs intact on the wire", async () => {
            const secretImage = {
                "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                value: "gcr.io/acme-prod/app:v1",
            };
            const svc: WireResource = {
                type: "gcp:cloudrunv2/service:Service",
                name: "svc",
                urn: "urn:pulumi:dev::p::gcp:cloudrunv2/service:Service::svc",
                properties: {
                    location: UNKNOWN,
                    binaryAuthorization: { useDefault: false, breakglassJustification: "" },
                    template: { containers: [{ image: secretImage }] },
                },
            };
            const result = await runPolicies({
                packDir: ROOT,
                resources: [svc],
                ctx: DEFAULT_CONTEXT,
                configFile: { "cloud-run-binauthz-required": "remediate" },
                pack,
            });
            const props = result.analyzed[0].properties;
            assert.deepEqual(props.binaryAuthorization, { useDefault: true, breakglassJustification: "" });
            assert.equal(props.location, UNKNOWN);
            assert.deepEqual(props.template, { containers: [{ image: secretImage }] });
            assert.deepEqual(mandatory(result.diagnostics), []);
        });
    });

    describe("config", () => {
        it("a --policy-pack-config file reaches the policies (pattern, all)", async () => {
            const r = await example("breakglass", { all: "advisory", "cloud-run-breakglass-justified": { pattern: "CHG-\\d+" } });
            assert.deepEqual(mandatory(r.diagnostics), []);
            const d = r.diagnostics.find((x) => x.policyName === "cloud-run-breakglass-justified");
            assert.ok(d, "breakglass fires under the configured pattern");
            assert.equal(d.enforcementLevel, "advisory");
            assert.match(d.message, /CHG-/);
        });

        it("a config that breaks a policy's schema is refused before Configure, in the CLI's words", async () => {
            await assert.rejects(
                example("breakglass", { "cloud-run-breakglass-justified": { minLength: "twenty" }, "no-such-policy": "mandatory" }),
                (e: unknown) => {
                    assert.ok(e instanceof ConfigError);
                    assert.deepEqual(e.errors, [
                        `validating policy config: cloud-run-binauthz ${VERSION}  cloud-run-breakglass-justified: minLength: Invalid type. Expected: integer, given: string`,
                    ]);
                    return true;
                },
            );
        });

        it("a misspelled policy with only a level is passed on and ignored; with properties and no level, Configure fails", async () => {
            const ok = await example("noncompliant", { "cloud-run-binauthz-requird": "disabled" });
            assert.ok(ok.diagnostics.some((d) => d.policyName === "cloud-run-binauthz-required" && d.enforcementLevel === "mandatory"));
            assert.match(
                (ok.configWarnings ?? []).join("\n"),
                /"cloud-run-binauthz-requird" is not a policy of cloud-run-binauthz.*did you mean "cloud-run-binauthz-required"/,
            );
            await assert.rejects(example("breakglass", { "cloud-run-breakglass-justifed": { minLength: 40 } }), (e: unknown) => {
                assert.ok(e instanceof ConfigError);
                assert.deepEqual(e.errors, [
                    `configuring policy pack "cloud-run-binauthz" at ${JSON.stringify(ROOT)}: invalid enforcement level ""`,
                ]);
                return true;
            });
        });

        it("externalAllowlist on both allowlist policies verifies a project managed elsewhere", async () => {
            const fn: WireResource = {
                type: "gcp:cloudfunctionsv2/function:Function",
                name: "fn",
                urn: "urn:pulumi:dev::p::gcp:cloudfunctionsv2/function:Function::fn",
                properties: { location: "europe-west4", project: "other-proj", serviceConfig: { binaryAuthorizationPolicy: "default" } },
            };
            const before = await runPolicies({ packDir: ROOT, resources: [fn], ctx: DEFAULT_CONTEXT, pack });
            assert.deepEqual(advisory(before.diagnostics), ["binauthz-allowlist-unverified"]);
            assert.match(before.diagnostics[0].message, /other-proj/);
            const ext = { externalAllowlist: { "other-proj": ["europe-west4-docker.pkg.dev/other-proj/gcf-artifacts/**"] } };
            const after = await runPolicies({
                packDir: ROOT,
                resources: [fn],
                ctx: DEFAULT_CONTEXT,
                configFile: { "binauthz-source-deploy-allowlist": ext, "binauthz-allowlist-unverified": ext },
                pack,
            });
            assert.deepEqual(after.diagnostics, []);
        });
    });

    describe("unknown values during preview", () => {
        it("an unknown deciding value is advisory with the pack's own message; onUnknown: deny fails it", async () => {
            const svc: WireResource = {
                type: "gcp:cloudrunv2/service:Service",
                name: "svc",
                urn: "urn:pulumi:dev::p::gcp:cloudrunv2/service:Service::svc",
                properties: { location: "us-central1", binaryAuthorization: { useDefault: UNKNOWN } },
            };
            const deferred = await runPolicies({ packDir: ROOT, resources: [svc], ctx: DEFAULT_CONTEXT, pack });
            const d = deferred.diagnostics.find((x) => x.policyName === "cloud-run-binauthz-required");
            assert.equal(d?.enforcementLevel, "advisory");
            assert.match(d?.message ?? "", /binaryAuthorization\.useDefault/);
            assert.match(d?.message ?? "", /pulumi up/);
            const denied = await runPolicies({
                packDir: ROOT,
                resources: [svc],
                ctx: DEFAULT_CONTEXT,
                configFile: { "cloud-run-binauthz-required": { onUnknown: "deny" } },
                pack,
            });
            assert.deepEqual(mandatory(denied.diagnostics), ["cloud-run-binauthz-required"]);
        });
    });

    describe("audit sources", () => {
        it("audits a pulumi stack export with each resource's inputs (secrets decoded, ciphertext unknown)", async () => {
            const ctx: StackContext = { ...DEFAULT_CONTEXT, stack: "prod" };
            const loaded = await loadSource(path.join(ROOT, "test", "fixtures", "stack-export.json"), ctx);
            assert.equal(loaded.kind, "stack-export");
            const r = await runPolicies({ packDir: ROOT, resources: loaded.resources, ctx: loaded.ctx, pack });
            const req = r.diagnostics.filter((d) => d.policyName === "cloud-run-binauthz-required");
            assert.deepEqual(req.map((d) => [d.enforcementLevel, d.urn.split("::").pop()]).sort(), [
                ["advisory", "admin"],
                ["mandatory", "reindex"],
            ]);
            // The reindex job only deploys an image from cloud-run-source-deploy: it builds nothing, so no exemption is needed
            // (binauthz-allowlist-exempts-workload would report one that exempted it).
            assert.equal(
                r.diagnostics.find((d) => d.policyName === "binauthz-allowlist-unverified"),
                undefined,
            );
        });

        it("checks pulumi preview --json output", async () => {
            const loaded = await loadSource(path.join(ROOT, "test", "fixtures", "preview.json"), DEFAULT_CONTEXT);
            assert.equal(loaded.kind, "preview-json");
            assert.equal(loaded.resources.length, 2);
            const r = await runPolicies({ packDir: ROOT, resources: loaded.resources, ctx: loaded.ctx, pack });
            const req = r.diagnostics.filter((d) => d.policyName === "cloud-run-binauthz-required");
            assert.deepEqual(req.map((d) => [d.enforcementLevel, d.urn.split("::").pop()]).sort(), [
                ["advisory", "web"],
                ["mandatory", "old"],
            ]);
            assert.match(req.find((d) => d.enforcementLevel === "mandatory")?.message ?? "", /template\.metadata/);
        });
    });

    describe("npm run check", () => {
        it("prints the Policies section and exits 1 on the non-compliant example", async () => {
            const { code, stdout } = await runCheck(["examples/noncompliant"]);
            assert.equal(code, 1);
            assert.match(stdout, /^Policies:/);
            assert.ok(stdout.includes(`❌ cloud-run-binauthz@v${VERSION} `), stdout);
            assert.match(stdout, /- \[mandatory\] \[severity: high\] {2}cloud-run-binauthz-required {2}\(gcp:cloudrunv2:Service: api\)/);
            assert.match(stdout, /4 mandatory/);
        });

        it("exits 0 on a compliant program, with a stable JSON shape", async () => {
            const { code, stdout } = await runCheck(["examples/compliant", "--json"]);
            assert.equal(code, 0);
            const doc = JSON.parse(stdout) as Record<string, unknown>;
            assert.deepEqual(Object.keys(doc), ["pack", "source", "engine", "resources", "summary", "violations", "remediated"]);
            assert.deepEqual(doc.engine, { name: "builtin" });
            assert.deepEqual(doc.summary, { mandatory: 0, advisory: 0, remediated: 0, passed: true });
        });

        it("writes SARIF 2.1.0 and Markdown", async () => {
            const sarif = await runCheck(["examples/noncompliant", "--format", "sarif"]);
            const doc = JSON.parse(sarif.stdout) as {
                version: string;
                runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: unknown[] } } }[];
            };
            assert.equal(doc.version, "2.1.0");
            assert.equal(doc.runs[0].tool.driver.rules.length, policies.length);
            assert.equal(doc.runs[0].results.filter((r) => r.level === "error").length, 4);
            const md = await runCheck(["examples/noncompliant", "--format", "markdown"]);
            assert.ok(md.stdout.startsWith(`### ❌ cloud-run-binauthz@v${VERSION}: 4 mandatory`), md.stdout);
            assert.match(md.stdout, /\| Level \| Policy \| Resource \| Message \|/);
        });

        it("exits 2 with a clear message on bad usage, bad input and a bad config file", async () => {
            const noArg = await runCheck([]);
            assert.equal(noArg.code, 2);
            assert.match(noArg.stderr, /missing the program directory/);
            const missing = await runCheck(["does/not/exist"]);
            assert.equal(missing.code, 2);
            assert.match(missing.stderr, /does not exist/);
            const fmt = await runCheck(["examples/compliant", "--format", "xml"]);
            assert.equal(fmt.code, 2);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binauthz-"));
            const bad = path.join(dir, "config.json");
            fs.writeFileSync(bad, JSON.stringify({ "cloud-run-binauthz-required": { allowedPolicies: "x" } }));
            const cfg = await runCheck(["examples/compliant", "--policy-pack-config", bad]);
            assert.equal(cfg.code, 2);
            assert.match(
                cfg.stderr,
                /validating policy config: cloud-run-binauthz \d+\.\d+\.\d+ {2}cloud-run-binauthz-required: allowedPolicies: Invalid type\. Expected: array, given: string/,
            );
        });
    });
});
