// The deploy-time companion: what it prints, applied back to the stack, closes the pack's
// allowlist findings, and asks for nothing broader than the pack requires.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as path from "node:path";
import * as ts from "typescript";
import { parseAllDocuments } from "yaml";
import { DEFAULT_CONTEXT, type Diagnostic, type WireResource } from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import { runPolicies } from "cloud-run-binauthz-tools/dist/engines/builtin/run";
import { loadSource } from "cloud-run-binauthz-tools/dist/engines/builtin/sources";
import { companionPlan, DEFAULT_RULE } from "cloud-run-binauthz-tools/dist/companion/plan";
import { renderPulumi } from "cloud-run-binauthz-tools/dist/companion/render";

const ROOT = path.resolve(__dirname, "..", "..");
const COMPANION = path.join(ROOT, "tools", "dist", "commands", "companion.js");
const ALLOWLIST_POLICIES = ["binauthz-source-deploy-allowlist", "binauthz-allowlist-unverified", "binauthz-allowlist-scoped"];
const BINAUTHZ = "gcp:binaryauthorization/policy:Policy";
const ORGPOLICY = "gcp:orgpolicy/policy:Policy";

function companion(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(process.execPath, [COMPANION, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
    });
}

/** Each YAML document the companion printed, as the stack resource that would carry it. */
function asStackResources(yamlText: string): WireResource[] {
    return parseAllDocuments(yamlText).map((d, i) => {
        const doc = d.toJS() as Record<string, unknown> & { name: string };
        const m = /^projects\/([^/]+)\/policy$/.exec(doc.name);
        if (m) {
            const { name: _name, ...props } = doc;
            return {
                type: BINAUTHZ,
                name: `companion-${i}`,
                urn: `urn:pulumi:dev::noncompliant::${BINAUTHZ}::companion-${i}`,
                properties: { project: m[1], ...props },
            };
        }
        return {
            type: ORGPOLICY,
            name: `companion-${i}`,
            urn: `urn:pulumi:dev::noncompliant::${ORGPOLICY}::companion-${i}`,
            properties: { ...doc, parent: doc.name.split("/policies/")[0] },
        };
    });
}

const byPolicy = (ds: Diagnostic[], names: string[]): string[] =>
    ds.filter((d) => names.includes(d.policyName)).map((d) => `${d.policyName} (${d.enforcementLevel}): ${d.message.slice(0, 160)}`);

describe("companion: the deploy-time twin", function () {
    this.timeout(180_000);

    it("applied to examples/noncompliant (as its Binary Authorization and organization policies), turns every allowlist finding into a pass", async () => {
        const loaded = await loadSource(path.join(ROOT, "examples", "noncompliant"), DEFAULT_CONTEXT);
        const before = await runPolicies({ packDir: ROOT, resources: loaded.resources, ctx: loaded.ctx });
        assert.ok(byPolicy(before.diagnostics, ALLOWLIST_POLICIES).length >= 2, "the example fails the allowlist today");

        const out = await companion(["examples/noncompliant", "--format", "yaml"]);
        assert.equal(out.code, 0, out.stderr);
        const emitted = asStackResources(out.stdout);
        assert.deepEqual(
            emitted.map((r) => r.type),
            [BINAUTHZ, ORGPOLICY],
        );
        // The emitted policy replaces the stack's own (Google keeps one per project).
        const after = [...loaded.resources.filter((r) => r.type !== BINAUTHZ), ...emitted];
        const result = await runPolicies({ packDir: ROOT, resources: after, ctx: loaded.ctx });
        assert.deepEqual(byPolicy(result.diagnostics, [...ALLOWLIST_POLICIES, "binauthz-org-constraint"]), []);
    });

    it("asks for exactly the exemptions the workloads need, and keeps the stack's default rule", async () => {
        const loaded = await loadSource(path.join(ROOT, "examples", "noncompliant"), DEFAULT_CONTEXT);
        const plan = companionPlan(loaded.resources, loaded.ctx.config);
        assert.deepEqual(
            plan.policies.map((p) => [p.project, p.exemptions.map((e) => e.pattern), p.defaultAdmissionRule.evaluationMode]),
            [["acme-prod", ["us-central1-docker.pkg.dev/acme-prod/gcf-artifacts/**"], "ALWAYS_DENY"]],
        );
        assert.match(plan.policies[0].ruleSource, /^kept from/);
        assert.deepEqual(plan.orgPolicyProjects, ["acme-prod"]);
    });

    const urn = (t: string, n: string) => `urn:pulumi:dev::p::${t}::${n}`;
    const service = (name: string, props: Record<string, unknown>): WireResource => ({
        type: "gcp:cloudrunv2/service:Service",
        name,
        urn: urn("gcp:cloudrunv2/service:Service", name),
        properties: props,
    });
    const fn2 = (name: string, props: Record<string, unknown>): WireResource => ({
        type: "gcp:cloudfunctionsv2/function:Function",
        name,
        urn: urn("gcp:cloudfunctionsv2/function:Function", name),
        properties: props,
    });

    it("covers every project and region, a custom dockerRepository, and source builds, nothing else", () => {
        const plan = companionPlan(
            [
                service("a", {
                    project: "acme-one",
                    location: "europe-west1",
                    buildConfig: { sourceLocation: "gs://acme-one-src/a.zip", functionTarget: "handler" },
                    template: { containers: [{ image: "europe-west1-docker.pkg.dev/acme-one/cloud-run-source-deploy/a" }] },
                }),
                // A pre-built image that only sits in cloud-run-source-deploy needs no exemption (it would be laundered).
                service("c", {
                    project: "acme-three",
                    location: "us-east1",
                    template: { containers: [{ image: "us-east1-docker.pkg.dev/acme-three/cloud-run-source-deploy/c@sha256:abc" }] },
                }),
                service("b", {
                    project: "acme-one",
                    location: "us-east4",
                    template: { containers: [{ image: "us-east4-docker.pkg.dev/acme-one/apps/b:1" }] },
                }),
                fn2("f", {
                    project: "acme-two",
                    location: "asia-east1",
                    buildConfig: { dockerRepository: "projects/acme-two/locations/asia-east1/repositories/fns" },
                }),
                fn2("g", { project: "acme-two", location: "us-central1" }),
            ],
            {},
        );
        assert.deepEqual(
            plan.policies.map((p) => [p.project, p.regions, p.exemptions.map((e) => e.pattern)]),
            [
                ["acme-one", ["europe-west1"], ["europe-west1-docker.pkg.dev/acme-one/cloud-run-source-deploy/**"]],
                [
                    "acme-two",
                    ["asia-east1", "us-central1"],
                    ["asia-east1-docker.pkg.dev/acme-two/fns/**", "us-central1-docker.pkg.dev/acme-two/gcf-artifacts/**"],
                ],
            ],
        );
        assert.deepEqual(plan.orgPolicyProjects, ["acme-one", "acme-three", "acme-two"]);
        assert.deepEqual(plan.policies[0].defaultAdmissionRule, DEFAULT_RULE);
        assert.deepEqual(plan.warnings, []);
    });

    it("replaces a default rule the pack rejects, and says why; reports what it cannot compute", () => {
        const plan = companionPlan(
            [
                fn2("f", { project: "acme-prod", location: "us-central1" }),
                fn2("u", { project: "acme-prod", location: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
                {
                    type: BINAUTHZ,
                    name: "open",
                    urn: urn(BINAUTHZ, "open"),
                    properties: {
                        project: "acme-prod",
                        defaultAdmissionRule: { evaluationMode: "ALWAYS_ALLOW", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
                    },
                },
            ],
            {},
        );
        assert.deepEqual(plan.policies[0].defaultAdmissionRule, DEFAULT_RULE);
        assert.match(plan.policies[0].ruleSource, /ALWAYS_ALLOW.*replaced/);
        assert.equal(plan.warnings.length, 1);
        assert.match(plan.warnings[0], /"u": location is unknown/);
    });

    it("--format pulumi is valid TypeScript declaring the same policies; --format gcloud imports each file", async () => {
        const loaded = await loadSource(path.join(ROOT, "examples", "noncompliant"), DEFAULT_CONTEXT);
        const code = renderPulumi(companionPlan(loaded.resources, loaded.ctx.config));
        const out = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
        assert.deepEqual(out.diagnostics ?? [], []);
        assert.match(code, /new gcp\.binaryauthorization\.Policy\("binauthz-acme-prod", \{/);
        assert.match(code, /namePattern: "us-central1-docker\.pkg\.dev\/acme-prod\/gcf-artifacts\/\*\*"/);
        assert.match(code, /allowedValues: \["default"\]/);
        const sh = await companion(["examples/noncompliant", "--format", "gcloud"]);
        assert.equal(sh.code, 0, sh.stderr);
        assert.match(sh.stdout, /^gcloud container binauthz policy import binauthz-acme-prod\.yaml --project=acme-prod$/m);
        assert.match(sh.stdout, /^gcloud org-policies set-policy run-binauthz-acme-prod\.yaml$/m);
    });

    it("rejects a bad format with exit code 2", async () => {
        const r = await companion(["examples/noncompliant", "--format", "terraform"]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /--format must be one of yaml, pulumi, gcloud/);
    });
});
