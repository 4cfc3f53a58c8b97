// Issue 19, class 1, over the real analyzer protocol: a program's inputs that hold @pulumi/policy's
// proxy keys (__isSpecialProxy, __getSpecialProxyTarget). Remediate must answer (in @pulumi/policy
// 1.21 a remediation that serialises to nothing throws outside the RPC's try block, and the engine
// waits forever), must not hand back a value the library mangled, and Analyze must judge the real
// value. The pack is started as the CLI starts it and spoken to over gRPC by the engine's driver.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { DEFAULT_CONTEXT, type Diagnostic, PackProcess, type WireResource } from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import { buildPolicyConfig } from "cloud-run-binauthz-tools/dist/engines/builtin/policyConfig";

const ROOT = path.resolve(__dirname, "..", "..");
const TARGET = "__getSpecialProxyTarget";
const MARK = "__isSpecialProxy";
/** A preview must answer within seconds; a call that does not is the hang this guards against. */
const ANSWER_MS = 5_000;
const IMAGE = "us-central1-docker.pkg.dev/my-proj/apps/api:1";

function within<T>(what: string, p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ANSWER_MS} ms`)), ANSWER_MS);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function service(name: string, extra: Record<string, unknown>): WireResource {
    const type = "gcp:cloudrunv2/service:Service";
    return {
        type,
        name,
        urn: `urn:pulumi:dev::project::${type}::${name}`,
        properties: { project: "my-proj", location: "us-central1", template: { containers: [{ image: IMAGE }] }, ...extra },
    };
}

const mandatory = (ds: Diagnostic[], policy: string): Diagnostic[] =>
    ds.filter((d) => d.policyName === policy && d.enforcementLevel === "mandatory");

describe("proxy keys in inputs, over the analyzer protocol (issue 19, class 1)", function () {
    this.timeout(120_000);
    let pack: PackProcess;

    before(async () => {
        pack = await PackProcess.start(ROOT);
        await pack.configureStack(DEFAULT_CONTEXT);
        const { config, errors } = buildPolicyConfig(await pack.getAnalyzerInfo());
        assert.deepEqual(errors, []);
        config["cloud-run-binauthz-required"].enforcementLevel = "remediate";
        await pack.configure(config);
    });
    after(async () => {
        await pack?.close();
    });

    // Remediate gets top-level internal keys too (the engine marshals its props with SkipInternalKeys: false).
    const variants: [string, Record<string, unknown>][] = [
        ["the mark alone at the top level", { [MARK]: true }],
        ["the mark and a string target at the top level", { [MARK]: 1, [TARGET]: "x" }],
        [
            "a target at the top level that says Binary Authorization is on",
            { [MARK]: true, [TARGET]: { binaryAuthorization: { useDefault: true } } },
        ],
        ["a target in template", { template: { containers: [{ image: IMAGE }], [MARK]: true, [TARGET]: { containers: [] } } }],
        ["the mark in binaryAuthorization", { binaryAuthorization: { useDefault: false, [MARK]: true } }],
        ["a fake target in binaryAuthorization", { binaryAuthorization: { useDefault: false, [TARGET]: { useDefault: true } } }],
        ["the mark in a container's env", { template: { containers: [{ image: IMAGE, env: [{ name: "A", value: "b", [MARK]: "y" }] }] } }],
    ];
    for (const [what, extra] of variants) {
        it(`${what}: Remediate answers within seconds, leaves the inputs alone, and Analyze fails the service`, async () => {
            const r = service("svc", extra);
            const rem = await within("Remediate", pack.remediate(r));
            assert.deepEqual(rem.remediated, [], "the pack must not hand back props the library would serialise wrongly");
            assert.deepEqual(rem.properties, r.properties);
            const ds = await within("Analyze", pack.analyze(r));
            const req = mandatory(ds, "cloud-run-binauthz-required");
            assert.equal(req.length, 1, JSON.stringify(ds));
            assert.match(req[0].message, /remediate cannot fix it automatically/);
        });
    }

    it("control: without the keys, Remediate switches the default on", async () => {
        const rem = await within("Remediate", pack.remediate(service("plain", { binaryAuthorization: { useDefault: false } })));
        assert.deepEqual(rem.remediated, ["cloud-run-binauthz-required"]);
        assert.deepEqual(rem.properties.binaryAuthorization, { useDefault: true });
    });

    it("an allowlist pattern behind a fake target is read as written: exempts-workload fails", async () => {
        const policy: WireResource = {
            type: "gcp:binaryauthorization/policy:Policy",
            name: "policy",
            urn: "urn:pulumi:dev::project::gcp:binaryauthorization/policy:Policy::policy",
            properties: {
                project: "my-proj",
                admissionWhitelistPatterns: [
                    { namePattern: "us-central1-docker.pkg.dev/my-proj/apps/**", [TARGET]: { namePattern: "gcr.io/vendor/x@sha256:1" } },
                ],
                defaultAdmissionRule: { evaluationMode: "REQUIRE_ATTESTATION", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
            },
        };
        const svc = service("api", { binaryAuthorization: { useDefault: true } });
        await within("Remediate", pack.remediate(policy));
        await within("Analyze", pack.analyze(policy));
        await within("Analyze", pack.analyze(svc));
        const ds = await within("AnalyzeStack", pack.analyzeStack([policy, svc]));
        assert.equal(mandatory(ds, "binauthz-allowlist-exempts-workload").length, 1, JSON.stringify(ds));
    });
});
