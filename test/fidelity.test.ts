// The built-in driver sends what the Pulumi CLI sends (pkg/resource/deploy/step_generator.go):
// Analyze gets each resource's inputs, AnalyzeStack its outputs; the root Stack and the default
// provider (`default_<version>`) are resources too; responses over 4 MiB fail as in the CLI.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    type AnalyzerInfo,
    DEFAULT_CONTEXT,
    type Diagnostic,
    EngineError,
    PackProcess,
    type StackContext,
    type WireResource,
} from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import { buildPolicyConfig } from "cloud-run-binauthz-tools/dist/engines/builtin/policyConfig";
import { runPolicies } from "cloud-run-binauthz-tools/dist/engines/builtin/run";
import { loadSource } from "cloud-run-binauthz-tools/dist/engines/builtin/sources";
import { defaultProviderName, stackUrn } from "cloud-run-binauthz-tools/dist/engines/builtin/stackView";

const ROOT = path.resolve(__dirname, "..", "..");
const ECHO = path.join(ROOT, "test", "fixtures", "echo-pack");
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const GCP_VERSION = (
    JSON.parse(fs.readFileSync(require.resolve("@pulumi/gcp/package.json", { paths: [ROOT] }), "utf8")) as { version: string }
).version;

const CTX: StackContext = {
    ...DEFAULT_CONTEXT,
    project: "proj",
    stack: "dev",
    config: { "gcp:project": "acme-prod", "gcp:region": "us-central1" },
};

/** The default provider as capture.ts and sources.ts describe it before the run names it. */
function placeholderProvider(): NonNullable<WireResource["provider"]> {
    return {
        type: "pulumi:providers:gcp",
        name: "default",
        urn: "urn:pulumi:dev::proj::pulumi:providers:gcp::default",
        properties: { project: "acme-prod", region: "us-central1" },
    };
}

interface Echo {
    type: string;
    name: string;
    urn: string;
    parent?: string;
    props: Record<string, unknown>;
    provider?: { type: string; name: string; urn: string; props: Record<string, unknown> };
}
function echoes(ds: Diagnostic[], policy: "analyze" | "stack"): Echo[] {
    return ds.filter((d) => d.policyName === policy).map((d) => JSON.parse(d.message.slice(d.message.indexOf("\n") + 1)) as Echo);
}

describe("the built-in driver sends what the Pulumi CLI sends", function () {
    this.timeout(180_000);

    it("names default providers as the engine does", () => {
        assert.equal(defaultProviderName("9.37.0"), "default_9_37_0");
        assert.equal(defaultProviderName("1.2.3-alpha.1+build.5"), "default_1_2_3_alpha_1_build_5");
        assert.equal(defaultProviderName(undefined), "default");
    });

    describe("a preview of a new service", () => {
        let diagnostics: Diagnostic[];
        const api: WireResource = {
            type: "gcp:cloudrunv2/service:Service",
            name: "api",
            urn: "urn:pulumi:dev::proj::gcp:cloudrunv2/service:Service::api",
            properties: { location: "us-central1", template: { containers: [{ image: "gcr.io/acme/api" }] } },
            provider: placeholderProvider(),
            dependencies: [],
        };
        const providerUrn = `urn:pulumi:dev::proj::pulumi:providers:gcp::default_${GCP_VERSION.replace(/\./g, "_")}`;

        before(async () => {
            const result = await runPolicies({
                packDir: ECHO,
                resources: [api],
                ctx: CTX,
                configFile: { all: "advisory" },
                // A fake provider: `project` and `uri` are computed, unknown in a preview unless set.
                predict: (type, inputs) => ({ ...inputs, project: inputs.project ?? UNKNOWN, uri: UNKNOWN }),
            });
            diagnostics = result.diagnostics;
        });

        it("Analyze: the Stack first, then the default provider with its real name and version, then the resource with its inputs", () => {
            const seen = echoes(diagnostics, "analyze");
            assert.deepEqual(
                seen.map((e) => `${e.type}::${e.name}`),
                [
                    "pulumi:pulumi:Stack::proj-dev",
                    `pulumi:providers:gcp::default_${GCP_VERSION.replace(/\./g, "_")}`,
                    "gcp:cloudrunv2/service:Service::api",
                ],
            );
            const [stack, provider, service] = seen;
            assert.equal(stack.urn, "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev");
            assert.equal(stack.urn, stackUrn(CTX));
            assert.equal(provider.urn, providerUrn);
            assert.equal(provider.parent, undefined, "default providers have no parent");
            assert.deepEqual(provider.props, { project: "acme-prod", region: "us-central1", version: GCP_VERSION });
            // The inputs after the provider's Check: defaults applied, name autonamed, internal keys not sent.
            const { name, ...rest } = service.props;
            assert.match(String(name), /^api-[0-9a-f]{7}$/);
            assert.deepEqual(rest, { ...api.properties, deletionProtection: true }, "Analyze gets the checked inputs");
            assert.equal(service.parent, stack.urn, "top-level resources are children of the Stack");
            assert.deepEqual(service.provider, {
                type: "pulumi:providers:gcp",
                name: provider.name,
                urn: providerUrn,
                props: provider.props,
            });
        });

        it("AnalyzeStack: every resource, with outputs (computed fields the program did not set are unknown)", () => {
            const seen = echoes(diagnostics, "stack");
            const byName = new Map(seen.map((e) => [e.name, e]));
            assert.deepEqual([...byName.keys()].sort(), ["api", `default_${GCP_VERSION.replace(/\./g, "_")}`, "proj-dev"]);
            const service = byName.get("api");
            const analyzed = echoes(diagnostics, "analyze").find((e) => e.name === "api");
            assert.deepEqual(service?.props, { ...analyzed?.props, project: UNKNOWN, uri: UNKNOWN });
            assert.equal(service?.parent, stackUrn(CTX));
            assert.equal(service?.provider?.name, `default_${GCP_VERSION.replace(/\./g, "_")}`);
            assert.deepEqual(byName.get("proj-dev")?.props, {});
        });
    });

    it("with the GCP provider's table: a function's computed dockerRepository and id are unknown, project comes from the provider's config", async () => {
        const fn: WireResource = {
            type: "gcp:cloudfunctionsv2/function:Function",
            name: "fn",
            urn: "urn:pulumi:dev::proj::gcp:cloudfunctionsv2/function:Function::fn",
            properties: { location: "us-central1", buildConfig: { runtime: "nodejs20", entryPoint: "handler" } },
            provider: placeholderProvider(),
            dependencies: [],
        };
        const r = await runPolicies({ packDir: ECHO, resources: [fn], ctx: CTX, configFile: { all: "advisory" } });
        const out = echoes(r.diagnostics, "stack").find((e) => e.name === "fn");
        assert.equal((out?.props.buildConfig as Record<string, unknown>).dockerRepository, UNKNOWN);
        assert.equal(out?.props.id, UNKNOWN);
        assert.equal(out?.props.project, "acme-prod");
        const inputs = echoes(r.diagnostics, "analyze").find((e) => e.name === "fn");
        assert.equal(inputs?.props.project, undefined);
        assert.equal((inputs?.props.buildConfig as Record<string, unknown>).dockerRepository, undefined);
    });

    describe("the CLI's 4 MiB limit on the pack's responses", () => {
        let pack: PackProcess;
        before(async () => {
            pack = await PackProcess.start(ECHO, CTX);
        });
        after(async () => {
            await pack?.close();
        });

        it("a response under 4 MiB passes", async () => {
            const r = await runPolicies({
                packDir: ECHO,
                resources: [],
                ctx: CTX,
                pack,
                configFile: { all: "disabled", flood: { enforcementLevel: "advisory", count: 3000, size: 1000 } },
            });
            assert.equal(r.diagnostics.filter((d) => d.policyName === "flood").length, 3000);
        });

        it("a response over 4 MiB fails the run with the CLI's words", async () => {
            await assert.rejects(
                runPolicies({
                    packDir: ECHO,
                    resources: [],
                    ctx: CTX,
                    pack,
                    configFile: { all: "disabled", flood: { enforcementLevel: "advisory", count: 5000, size: 1000 } },
                }),
                (e: unknown) => {
                    assert.ok(e instanceof EngineError, String(e));
                    assert.match(e.message, /^grpc: received message larger than max \(\d+ vs\. 4194304\)$/);
                    return true;
                },
            );
        });
    });

    describe("5,000 non-compliant services in one stack, through this pack", () => {
        it("completes under the 4 MiB limit; every service is reported, stack findings are summed up after 100", async () => {
            const resources: WireResource[] = Array.from({ length: 5000 }, (_, i) => ({
                type: "gcp:cloudfunctionsv2/function:Function",
                name: `fn-${i}`,
                urn: `urn:pulumi:dev::proj::gcp:cloudfunctionsv2/function:Function::fn-${i}`,
                // No Binary Authorization, and a malformed dockerRepository: one finding each for a
                // resource policy (Analyze) and a stack policy (AnalyzeStack).
                properties: { location: "us-central1", buildConfig: { runtime: "nodejs20", dockerRepository: `bad-repository-name-${i}` } },
                provider: placeholderProvider(),
                dependencies: [],
            }));
            const r = await runPolicies({ packDir: ROOT, resources, ctx: CTX });
            const required = r.diagnostics.filter((d) => d.policyName === "cloud-run-binauthz-required");
            assert.equal(required.length, 5000);
            assert.ok(required.every((d) => d.enforcementLevel === "mandatory"));
            const stack = r.diagnostics.filter((d) => d.policyName === "binauthz-source-deploy-allowlist");
            assert.equal(stack.length, 101);
            assert.ok(stack.every((d) => d.enforcementLevel === "mandatory"));
            assert.match(stack[100].message, /4900 more findings of binauthz-source-deploy-allowlist like the 100 above/);
        });
    });
});

describe("config reconciled as the Pulumi CLI does (pkg/resource/analyzer/config.go)", () => {
    const info = (initialConfig: AnalyzerInfo["initialConfig"]): AnalyzerInfo => ({
        name: "p",
        version: "1.0.0",
        initialConfig,
        policies: [
            {
                name: "a",
                description: "",
                enforcementLevel: "mandatory",
                severity: "",
                policyType: "resource",
                remediationSteps: "",
                url: "",
                configSchema: { properties: { n: { type: "integer", default: 1 } }, required: [] },
            },
            { name: "b", description: "", enforcementLevel: "advisory", severity: "", policyType: "stack", remediationSteps: "", url: "" },
        ],
    });

    it("an initialConfig entry without a level turns the policy advisory (the CLI reads the proto default)", () => {
        // GetAnalyzerInfo over the wire hands such an entry over as advisory; the driver reports it so.
        const built = buildPolicyConfig(info({ a: { enforcementLevel: "advisory", properties: { n: 5 } } }));
        assert.deepEqual(built.config.a, { enforcementLevel: "advisory", properties: { n: 5 } });
    });

    it("`all` sets every level first, then each entry; all and unknown names are sent on", () => {
        const built = buildPolicyConfig(info({}), { all: "disabled", a: { n: 2 }, b: "mandatory", zzz: "advisory" });
        assert.deepEqual(built.errors, []);
        assert.deepEqual(built.config, {
            a: { enforcementLevel: "disabled", properties: { n: 2 } },
            b: { enforcementLevel: "mandatory", properties: {} },
            all: { enforcementLevel: "disabled", properties: {} },
            zzz: { enforcementLevel: "advisory", properties: {} },
        });
    });

    it("unknown keys pass the CLI's schema check (its schema has no additionalProperties), with a warning", () => {
        const built = buildPolicyConfig(info({}), { a: { n: 2, m: 3 } });
        assert.deepEqual(built.errors, []);
        assert.equal(built.config.a.properties.m, 3);
        assert.match(built.warnings.join("\n"), /a: unknown key "m"/);
    });
});

describe("a user pack composed with cloudRunBinauthzPolicies, without all", function () {
    this.timeout(120_000);
    const COMPOSED = path.join(ROOT, "test", "fixtures", "composed-pack");

    it("keeps every policy's default level after the CLI's reconciliation", async () => {
        const pack = await PackProcess.start(COMPOSED, CTX);
        try {
            const info = await pack.getAnalyzerInfo();
            const built = buildPolicyConfig(info);
            assert.deepEqual(built.errors, []);
            const levels = Object.fromEntries(info.policies.map((p) => [p.name, built.config[p.name].enforcementLevel]));
            assert.equal(levels["cloud-run-breakglass-justified"], "mandatory");
            assert.equal(levels["binauthz-allowlist-unverified"], "advisory");
            for (const p of info.policies) assert.equal(levels[p.name], p.enforcementLevel, p.name);
            assert.equal(built.config["cloud-run-breakglass-justified"].properties.minLength, 30);
        } finally {
            await pack.close();
        }
    });
});

describe("stack exports and preview JSON use output semantics, as the CLI does", function () {
    this.timeout(120_000);

    it("a stack export: Analyze gets inputs, AnalyzeStack outputs; the Stack and the provider are resources; ciphertext gets the --show-secrets hint", async () => {
        const loaded = await loadSource(path.join(ROOT, "test", "fixtures", "stack-export-outputs.json"), DEFAULT_CONTEXT);
        assert.equal(loaded.ctx.stack, "prod");
        assert.equal(loaded.ctx.project, "shop");
        assert.equal(loaded.ctx.dryRun, false);
        assert.match(loaded.notes?.join("\n") ?? "", /2 secret values are encrypted in this export.*pulumi stack export --show-secrets/);
        const r = await runPolicies({ packDir: ECHO, resources: loaded.resources, ctx: loaded.ctx, configFile: { all: "advisory" } });
        const analyzed = echoes(r.diagnostics, "analyze");
        assert.deepEqual(
            analyzed.map((e) => e.name),
            ["shop-prod", "default_9_37_0", "fn"],
        );
        const fnIn = analyzed[2];
        assert.equal(fnIn.props.project, undefined, "inputs: no project");
        assert.equal(fnIn.provider?.name, "default_9_37_0");
        const stacked = new Map(echoes(r.diagnostics, "stack").map((e) => [e.name, e]));
        assert.deepEqual([...stacked.keys()].sort(), ["default_9_37_0", "fn", "shop-prod"]);
        const fnOut = stacked.get("fn");
        assert.equal(fnOut?.props.project, "acme-shop", "outputs: the provider's project");
        assert.equal(
            (fnOut?.props.buildConfig as Record<string, unknown>).dockerRepository,
            "projects/acme-shop/locations/us-central1/repositories/gcf-artifacts",
        );
        assert.deepEqual(stacked.get("shop-prod")?.props, { url: "https://fn.example" });
    });

    it("preview JSON: newState.outputs go to AnalyzeStack; deleted resources are left out", async () => {
        const loaded = await loadSource(path.join(ROOT, "test", "fixtures", "preview-outputs.json"), DEFAULT_CONTEXT);
        assert.equal(loaded.ctx.project, "shop");
        const r = await runPolicies({ packDir: ECHO, resources: loaded.resources, ctx: loaded.ctx, configFile: { all: "advisory" } });
        assert.deepEqual(
            echoes(r.diagnostics, "analyze").map((e) => e.name),
            ["shop-dev", "default_9_37_0", "api", "fn", "binauthz"],
        );
        const api = echoes(r.diagnostics, "stack").find((e) => e.name === "api");
        assert.equal(api?.props.project, UNKNOWN);
        assert.equal(api?.props.uri, UNKNOWN);
        assert.equal(echoes(r.diagnostics, "analyze")[2].props.project, undefined);
    });

    it("this pack over the preview's outputs reaches the inputs' mandatory verdict (project unknown in outputs, from the provider in inputs)", async () => {
        const loaded = await loadSource(path.join(ROOT, "test", "fixtures", "preview-outputs.json"), DEFAULT_CONTEXT);
        const r = await runPolicies({ packDir: ROOT, resources: loaded.resources, ctx: loaded.ctx });
        const allowlist = r.diagnostics.filter((d) => d.policyName === "binauthz-source-deploy-allowlist");
        assert.deepEqual(
            allowlist.map((d) => d.enforcementLevel),
            ["mandatory"],
            allowlist.map((d) => d.message).join("\n"),
        );
        assert.match(allowlist[0].message, /does not exempt "us-central1-docker\.pkg\.dev\/acme-shop\/gcf-artifacts\/\*\*"/);
    });
});

describe("package.json engines tells the truth", () => {
    /** The lowest Node.js major a simple range admits (">=22", "20 || >=22", ">= 14.6"). */
    const lowestMajor = (range: string): number => Math.min(...range.split("||").map((part) => Number(/(\d+)/.exec(part)?.[1] ?? "0")));

    it("claims no Node.js older than a runtime dependency declares", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            engines: { node: string };
            dependencies: Record<string, string>;
        };
        const ours = lowestMajor(pkg.engines.node);
        for (const dep of Object.keys(pkg.dependencies)) {
            const file = require.resolve(`${dep}/package.json`, { paths: [ROOT] });
            const node = (JSON.parse(fs.readFileSync(file, "utf8")) as { engines?: { node?: string } }).engines?.node;
            if (typeof node === "string")
                assert.ok(ours >= lowestMajor(node), `${dep} declares node ${node}; package.json claims ${pkg.engines.node}`);
        }
    });
});
