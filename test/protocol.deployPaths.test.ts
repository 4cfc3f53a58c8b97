// Issue 19 part B through the analyzer protocol, as the Pulumi CLI calls the pack: Cloud Build
// triggers, --breakglass on gcloud commands and exemption reasons, with config sent as the CLI sends
// it (buildPolicyConfig over a --policy-pack-config document).
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { DEFAULT_CONTEXT, type Diagnostic, PackProcess, type WireResource } from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import { buildPolicyConfig } from "cloud-run-binauthz-tools/dist/engines/builtin/policyConfig";
import { assertWellFormed } from "./adversarial/messages";

const ROOT = path.resolve(__dirname, "..", "..");
const urn = (type: string, name: string) => `urn:pulumi:${DEFAULT_CONTEXT.stack}::${DEFAULT_CONTEXT.project}::${type}::${name}`;
const resource = (type: string, name: string, properties: Record<string, unknown>): WireResource => ({
    type,
    name,
    urn: urn(type, name),
    properties,
});
const of = (ds: Diagnostic[], policy: string) => ds.filter((d) => d.policyName === policy);

describe("issue 19 part B over the analyzer protocol", function () {
    this.timeout(120_000);
    let pack: PackProcess | undefined;

    before(async () => {
        pack = await PackProcess.start(ROOT);
        await pack.configureStack(DEFAULT_CONTEXT);
        const info = await pack.getAnalyzerInfo();
        const { config, errors } = buildPolicyConfig(info, {
            "cloud-run-binauthz-required": {
                exemptions: [
                    { resource: "legacy-fake", reason: "qwertyuiop", expires: "2099-12-31" },
                    { resource: "legacy-real", reason: "Legacy batch moves to signed images in SEC-812", expires: "2099-12-31" },
                ],
            },
        });
        assert.deepEqual(errors, []);
        await pack.configure(config);
    });
    after(async () => {
        await pack?.close();
    });

    it("a Cloud Build trigger whose step runs gcloud run deploy is named (advisory), and one built from a file too", async () => {
        assert.ok(pack);
        const steps = [
            { name: "gcr.io/cloud-builders/gcloud", args: ["run", "deploy", "api", "--image", "gcr.io/p/a:1", "--region", "us-central1"] },
        ];
        const d = of(
            await pack.analyze(resource("gcp:cloudbuild/trigger:Trigger", "deploy", { build: { steps } })),
            "cloud-run-deploy-unverified",
        );
        assert.equal(d.length, 1);
        assert.equal(d[0].enforcementLevel, "advisory");
        assert.match(d[0].message, /build\.steps\[0\] \("gcr\.io\/cloud-builders\/gcloud"\) args run "gcloud run deploy api/);
        const f = of(
            await pack.analyze(resource("gcp:cloudbuild/trigger:Trigger", "from-file", { filename: "cloudbuild.yaml" })),
            "cloud-run-deploy-unverified",
        );
        assert.equal(f.length, 1);
        assert.match(f[0].message, /the file "cloudbuild\.yaml" in the repository \(filename\)/);
        for (const x of [...d, ...f]) assertWellFormed(x.policyName, x.message);
    });

    it("--breakglass with a fake justification on a gcloud command fails the preview (mandatory)", async () => {
        assert.ok(pack);
        const ds = await pack.analyze(
            resource("command:local:Command", "hotfix", { create: 'gcloud run services update api --breakglass="q w e r t y u i o p"' }),
        );
        const d = of(ds, "cloud-run-breakglass-justified");
        assert.equal(d.length, 1);
        assert.equal(d[0].enforcementLevel, "mandatory");
        assert.match(d[0].message, /create runs "gcloud run services update api/);
        assertWellFormed(d[0].policyName, d[0].message);
    });

    it("an exemption whose reason is a keyboard row does not exempt; a real reason does", async () => {
        assert.ok(pack);
        const props = { location: "us-central1", template: { containers: [{ image: "gcr.io/p/a:1" }] } };
        const fake = of(
            await pack.analyze(resource("gcp:cloudrunv2/service:Service", "legacy-fake", props)),
            "cloud-run-binauthz-required",
        );
        assert.equal(fake.length, 1);
        assert.match(
            fake[0].message,
            /exemption "legacy-fake" is ignored: its reason "qwertyuiop" is not a real justification: it is a keyboard mash/,
        );
        const real = of(
            await pack.analyze(resource("gcp:cloudrunv2/service:Service", "legacy-real", props)),
            "cloud-run-binauthz-required",
        );
        assert.deepEqual(real, []);
    });
});
