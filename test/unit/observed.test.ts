// Stack policies judge a resource by the inputs Analyze saw, not by the provider's predicted
// outputs, whose computed fields (project, buildConfig.dockerRepository) are unknown in a preview.
import { strict as assert } from "node:assert";
import type { Policy } from "@pulumi/policy";
import { policies } from "../../policies";
import { agreesWithOutputs, forgetRecorded, recordedCount } from "../../policies/model/observed";
import { MAX_REPORTED } from "../../policies/model/kit";
import { checkResource, checkStack, type ResourceInput, UNKNOWN, withStackConfig } from "../harness";

const byName = (n: string): Policy => {
    const p = policies.find((x) => x.name === n);
    if (!p) throw new Error(n);
    return p;
};
const REQUIRED = byName("cloud-run-binauthz-required");
const SCOPED = byName("binauthz-allowlist-scoped");
const SOURCE = byName("binauthz-source-deploy-allowlist");
const UNVERIFIED = byName("binauthz-allowlist-unverified");

const FN = "gcp:cloudfunctionsv2/function:Function";
const BINAUTHZ = "gcp:binaryauthorization/policy:Policy";

/** A 2nd-gen function and a Binary Authorization policy that lacks its gcf-artifacts exemption; project from gcp:project. */
const fnInputs: ResourceInput = {
    type: FN,
    name: "fn",
    props: {
        location: "us-central1",
        buildConfig: { runtime: "nodejs20", entryPoint: "handler" },
        serviceConfig: { binaryAuthorizationPolicy: "default" },
    },
};
const policyInputs: ResourceInput = {
    type: BINAUTHZ,
    name: "binauthz",
    props: {
        admissionWhitelistPatterns: [{ namePattern: "us-central1-docker.pkg.dev/acme-prod/cloud-run-source-deploy/**" }],
        defaultAdmissionRule: { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
    },
};
/** What a real preview hands AnalyzeStack: the same, plus unknowns for computed fields not set. */
const fnOutputs: ResourceInput = {
    ...fnInputs,
    props: {
        ...(fnInputs.props as object),
        project: UNKNOWN,
        name: UNKNOWN,
        buildConfig: { runtime: "nodejs20", entryPoint: "handler", dockerRepository: UNKNOWN },
    },
};
const policyOutputs: ResourceInput = { ...policyInputs, props: { ...(policyInputs.props as object), project: UNKNOWN, id: UNKNOWN } };

describe("stack policies over real outputs", () => {
    beforeEach(() => forgetRecorded());
    after(() => forgetRecorded());

    it(
        "without Analyze's record, computed unknowns turn the mandatory verdict advisory (why the record exists)",
        withStackConfig({ "gcp:project": "acme-prod", "gcp:region": "us-central1" }, async () => {
            const r = await checkStack(SOURCE, [fnOutputs, policyOutputs]);
            assert.equal(r.violations.length, 0);
            assert.match(r.advisory ?? "", /unknown/);
        }),
    );

    it(
        "after Analyze saw the inputs, the verdict on outputs is the verdict on inputs: mandatory",
        withStackConfig({ "gcp:project": "acme-prod", "gcp:region": "us-central1" }, async () => {
            const onInputs = await checkStack(SOURCE, [fnInputs, policyInputs]);
            assert.equal(onInputs.violations.length, 1);
            forgetRecorded();
            await checkResource(REQUIRED, fnInputs);
            await checkResource(SCOPED, policyInputs);
            assert.equal(recordedCount(), 2);
            const onOutputs = await checkStack(SOURCE, [fnOutputs, policyOutputs]);
            assert.equal(onOutputs.advisory, undefined);
            assert.deepEqual(onOutputs.violations, onInputs.violations);
            assert.match(onOutputs.violations[0], /does not exempt "us-central1-docker\.pkg\.dev\/acme-prod\/gcf-artifacts\/\*\*"/);
        }),
    );

    it(
        "a stale record (the resource changed since Analyze) is not used: the outputs decide",
        withStackConfig({ "gcp:project": "acme-prod", "gcp:region": "us-central1" }, async () => {
            await checkResource(REQUIRED, fnInputs);
            await checkResource(SCOPED, policyInputs);
            // The outputs now say europe-west1: the record (us-central1) disagrees, so it is ignored.
            const moved = { ...fnOutputs, props: { ...(fnOutputs.props as object), location: "europe-west1" } };
            const r = await checkStack(SOURCE, [moved, policyOutputs]);
            assert.equal(r.violations.length, 0);
            assert.match(r.advisory ?? "", /unknown/);
        }),
    );

    it(
        "a record never loosens a verdict: an input that was unknown stays unknown",
        withStackConfig({ "gcp:project": "acme-prod", "gcp:region": "us-central1" }, async () => {
            const unknownLocation = { ...fnInputs, props: { ...(fnInputs.props as object), location: UNKNOWN } };
            await checkResource(REQUIRED, unknownLocation);
            await checkResource(SCOPED, policyInputs);
            const r = await checkStack(SOURCE, [
                { ...fnOutputs, props: { ...(fnOutputs.props as object), location: UNKNOWN } },
                policyOutputs,
            ]);
            assert.match(r.advisory ?? "", /location/);
        }),
    );

    it("the first record after a stack read starts a new preview", async () => {
        await checkResource(REQUIRED, fnInputs);
        await checkStack(UNVERIFIED, [fnOutputs]);
        assert.equal(recordedCount(), 1);
        await checkResource(SCOPED, policyInputs);
        assert.equal(recordedCount(), 1);
    });

    it("agreesWithOutputs: unknown outputs and extra computed fields agree; a changed value does not", () => {
        assert.ok(agreesWithOutputs({ a: 1, b: { c: "x" } }, { a: 1, b: { c: "x", d: UNKNOWN }, e: UNKNOWN }));
        assert.ok(agreesWithOutputs({ a: [1, { b: 2 }] }, { a: [1, UNKNOWN] }));
        assert.ok(!agreesWithOutputs({ a: 1 }, { a: 2 }));
        assert.ok(!agreesWithOutputs({ a: UNKNOWN }, { a: "known" }));
        assert.ok(!agreesWithOutputs({ a: [1, 2] }, { a: [1] }));
        assert.ok(!agreesWithOutputs({ a: 1 }, {}));
        assert.ok(agreesWithOutputs({ a: null, b: [], c: {} }, { b: null }), "empty inputs a provider drops or nulls agree");
    });
});

describe("stack policies stay under the CLI's 4 MiB response limit", () => {
    it(
        `reports ${MAX_REPORTED} findings of one run in full, then one mandatory summary with the count`,
        withStackConfig({ "gcp:region": "us-central1" }, async () => {
            // 300 functions with a malformed dockerRepository: one definite finding each.
            const fns: ResourceInput[] = Array.from({ length: 300 }, (_, i) => ({
                type: FN,
                name: `fn-${i}`,
                props: { project: "acme-prod", location: "us-central1", buildConfig: { dockerRepository: `not-a-repository-${i}` } },
            }));
            const r = await checkStack(SOURCE, fns);
            assert.equal(r.violations.length, MAX_REPORTED + 1);
            const summary = r.violations[MAX_REPORTED];
            assert.match(summary, /^200 more findings of binauthz-source-deploy-allowlist like the 100 above are not listed one by one/);
            assert.match(summary, /fn-100/);
            assert.match(summary, /and 195 more/);
        }),
    );
});
