// The metadata Pulumi Cloud shows, read back the way the CLI reads it before `pulumi policy
// publish` uploads it: GetAnalyzerInfo over the analyzer protocol, every field, for every policy
// the pack registers (policies added later included). And "not applicable" where a policy skips.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import { DEFAULT_CONTEXT, PackProcess } from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import { POLICY_METADATA, REPOSITORY } from "../policies";
import { repositoryUrl } from "../policies/model/repository";
import {
    allowlistScoped,
    allowlistUnverified,
    binauthzRequired,
    breakglassJustified,
    functionsGen1,
    orgConstraint,
    sourceDeployAllowlist,
} from "../policies";
import { checkResource, checkStack, T } from "./harness";
import { anchorsOf } from "./markdown";

const ROOT = path.resolve(__dirname, "..", "..");
const POLICIES_DOC = path.join(ROOT, "docs", "policies.md");
const ANCHORS = anchorsOf(POLICIES_DOC);

describe("metadata over the analyzer protocol (what pulumi policy publish uploads)", function () {
    this.timeout(120_000);
    let pack: PackProcess;
    let client: InstanceType<typeof analyzerGrpc.AnalyzerClient>;
    let info: analyzerPb.AnalyzerInfo.AsObject;

    function call<Req, Res>(method: string, req: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            const fn = (client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>)[method];
            fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res)));
        });
    }

    before(async () => {
        pack = await PackProcess.start(ROOT, DEFAULT_CONTEXT);
        client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
        const res = await call<emptyPb.Empty, analyzerPb.AnalyzerInfo>("getAnalyzerInfo", new emptyPb.Empty());
        info = res.toObject();
    });
    after(async () => {
        client?.close();
        await pack?.close();
    });

    it("pack: displayName, description, readme, provider gcp, tags, repository", () => {
        const pkg: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        assert.equal(info.displayname, "Cloud Run Binary Authorization");
        assert.match(info.description, /Binary Authorization/);
        assert.match(info.readme, /^# .+\n\n[\s\S]*`default`/);
        assert.equal(info.provider, "gcp");
        assert.ok(info.tagsList.includes("gcp") && info.tagsList.includes("binary-authorization"), info.tagsList.join());
        assert.equal(info.repository, REPOSITORY);
        assert.equal(REPOSITORY, repositoryUrl(pkg), "REPOSITORY follows package.json");
        assert.ok(info.readme.includes(REPOSITORY), "the readme Pulumi Cloud shows links to the repository");
    });

    it("every registered policy has a metadata entry, and the table names no policy the pack lacks", () => {
        assert.deepEqual(info.policiesList.map((p) => p.name).sort(), Object.keys(POLICY_METADATA).sort());
    });

    it("every policy: displayName, severity, framework (NIST SP 800-53 controls), tags, remediationSteps, url to its section of docs/policies.md", () => {
        for (const p of info.policiesList) {
            const m = POLICY_METADATA[p.name as keyof typeof POLICY_METADATA];
            assert.equal(p.displayname, m.displayName, p.name);
            assert.ok(p.displayname.length > 0 && p.displayname.length <= 80, p.name);
            assert.notEqual(p.severity, analyzerPb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED, `${p.name} severity`);
            assert.deepEqual(
                p.framework,
                {
                    name: "NIST SP 800-53",
                    version: "Rev. 5",
                    reference: m.framework.reference,
                    specification: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
                },
                p.name,
            );
            assert.match(p.framework?.reference ?? "", /^[A-Z]{2}-\d+(\(\d+\))?(, [A-Z]{2}-\d+(\(\d+\))?)*$/, p.name);
            assert.ok(p.tagsList.length >= 3, `${p.name} tags`);
            assert.ok(p.remediationSteps.length > 20, `${p.name} remediationSteps`);
            const [base, hash] = p.url.split("#");
            assert.equal(base, `${REPOSITORY}/blob/HEAD/docs/policies.md`, `${p.name} url`);
            assert.ok(ANCHORS.has(hash), `${p.name}: docs/policies.md has no heading with anchor #${hash}`);
        }
    });

    it("docs/policies.md's compliance mapping lists each policy with the controls its metadata declares", () => {
        const doc = fs.readFileSync(POLICIES_DOC, "utf8");
        const section = doc.slice(doc.indexOf("## Compliance mapping"));
        for (const [name, m] of Object.entries(POLICY_METADATA)) {
            const row = section.split("\n").find((l) => l.startsWith(`| \`${name}\``));
            assert.ok(row, `no mapping row for ${name}`);
            for (const control of m.framework.reference.split(", "))
                assert.ok(row.includes(control), `${name}: ${control} missing from docs/policies.md`);
        }
    });

    it("Analyze answers not-applicable for a resource a policy does not cover", async () => {
        const req = new analyzerPb.AnalyzeRequest();
        req.setType("gcp:storage/bucket:Bucket");
        req.setName("b");
        req.setUrn("urn:pulumi:dev::project::gcp:storage/bucket:Bucket::b");
        req.setProperties(structPb.Struct.fromJavaScript({ location: "US" }));
        req.setOptions(new analyzerPb.AnalyzerResourceOptions());
        const res = await call<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>("analyze", req);
        const na = res
            .toObject()
            .notApplicableList.map((n) => n.policyName)
            .sort();
        assert.deepEqual(na, [
            "binauthz-allowlist-scoped",
            "cloud-functions-gen1-no-binauthz",
            "cloud-run-binauthz-required",
            "cloud-run-breakglass-justified",
        ]);
        assert.deepEqual(res.getDiagnosticsList(), []);
    });
});

describe("not applicable, where a policy deliberately skips", () => {
    const exempt = { exemptions: [{ resource: "legacy", reason: "Moves to signed images in SEC-812", expires: "2999-12-31" }] };
    const v2 = { location: "us-central1", template: { containers: [{ image: "us-docker.pkg.dev/acme-prod/r/i:1" }] } };

    it("resource policies: other types, and exempted resources, with the reason", async () => {
        assert.match(
            (await checkResource(binauthzRequired, { type: "gcp:storage/bucket:Bucket", props: {} })).notApplicable ?? "",
            /not a Cloud Run workload/,
        );
        assert.match(
            (await checkResource(breakglassJustified, { type: T.fn2, props: {} })).notApplicable ?? "",
            /no Binary Authorization breakglass/,
        );
        assert.match(
            (await checkResource(allowlistScoped, { type: T.service, props: {} })).notApplicable ?? "",
            /applies to gcp:binaryauthorization/,
        );
        assert.match(
            (await checkResource(functionsGen1, { type: T.service, props: {} })).notApplicable ?? "",
            /applies to gcp:cloudfunctions\/function/,
        );
        const r = await checkResource(binauthzRequired, { type: T.service, name: "legacy", props: v2 }, exempt);
        assert.deepEqual(r.violations, []);
        assert.match(r.notApplicable ?? "", /exempted by config exemption "legacy" until 2999-12-31: Moves to signed images/);
        assert.match(
            (await checkResource(functionsGen1, { type: T.fn1, name: "legacy", props: {} }, exempt)).notApplicable ?? "",
            /exempted/,
        );
    });

    it("a failing or passing resource is never reported as not applicable", async () => {
        assert.equal((await checkResource(binauthzRequired, { type: T.service, props: v2 })).notApplicable, undefined);
        const ok = { ...v2, binaryAuthorization: { useDefault: true } };
        assert.equal((await checkResource(binauthzRequired, { type: T.service, props: ok })).notApplicable, undefined);
    });

    it("stack policies: a stack with nothing they check", async () => {
        const bucket = [{ type: "gcp:storage/bucket:Bucket", props: {} }];
        for (const p of [sourceDeployAllowlist, allowlistUnverified]) {
            assert.match(
                (await checkStack(p, bucket)).notApplicable ?? "",
                /no workload that deploys from a source-build repository/,
                p.name,
            );
        }
        assert.match((await checkStack(orgConstraint, bucket)).notApplicable ?? "", /manages no run\.allowedBinaryAuthorizationPolicies/);
        const fn = [{ type: T.fn2, props: { project: "acme-prod", location: "us-central1" } }];
        const r = await checkStack(sourceDeployAllowlist, fn, { externalAllowlist: { "acme-prod": [] } });
        assert.equal(r.notApplicable, undefined);
        assert.equal(r.violations.length, 1);
    });
});
