// binauthz-allowlist-exempts-workload (issue 12, item 4): an allowlist pattern that matches the
// image of a workload in the same stack means that image is never checked.
import { strict as assert } from "node:assert";
import { allowlistExemptsWorkload as policy, allowlistScoped } from "../../policies";
import { checkResource, checkStack, type ResourceInput, T, UNKNOWN } from "../harness";
import { verdictAssertions } from "./verdicts";

const PROJECT = "my-proj";
const AR = "us-central1-docker.pkg.dev";
const APP_IMAGE = `${AR}/${PROJECT}/apps/api@sha256:${"a".repeat(64)}`;
const RULE = {
    evaluationMode: "REQUIRE_ATTESTATION",
    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
    requireAttestationsBies: ["projects/my-proj/attestors/ci"],
};

function baPolicy(patterns: unknown[], project: unknown = PROJECT): ResourceInput {
    return {
        type: T.binauthz,
        name: "binauthz",
        props: { project, admissionWhitelistPatterns: patterns.map((p) => ({ namePattern: p })), defaultAdmissionRule: RULE },
    };
}
function service(image: unknown, name = "api", extra: Record<string, unknown> = {}): ResourceInput {
    return {
        type: T.service,
        name,
        props: {
            project: PROJECT,
            location: "us-central1",
            binaryAuthorization: { useDefault: true },
            template: { containers: [{ image }] },
            ...extra,
        },
    };
}
function job(image: unknown, name = "nightly"): ResourceInput {
    return {
        type: T.job,
        name,
        props: {
            project: PROJECT,
            location: "us-central1",
            binaryAuthorization: { useDefault: true },
            template: { template: { containers: [{ image }] } },
        },
    };
}

const { assertClean, assertOne, assertAdvisory } = verdictAssertions("binauthz-allowlist-exempts-workload");

describe("binauthz-allowlist-exempts-workload", () => {
    it("is a mandatory stack policy with allowedPatterns", () => {
        assert.equal(policy.enforcementLevel, "mandatory");
        assert.ok("validateStack" in policy);
        assert.deepEqual(Object.keys(policy.configSchema?.properties ?? {}).sort(), ["allowedPatterns", "exemptions", "onUnknown"]);
    });

    describe("failing: a pattern matches a workload's image", () => {
        for (const pattern of [`${AR}/${PROJECT}/apps/**`, `${AR}/${PROJECT}/apps/*`, APP_IMAGE, `${AR}/${PROJECT}/apps/api*`]) {
            it(`${pattern.slice(0, 60)} exempts the service's image, and the violation names it`, async () => {
                const m = assertOne(await checkStack(policy, [baPolicy([pattern]), service(APP_IMAGE)]), /Cloud Run service/, /"api"/);
                assert.match(m, /never checks that image/);
                assert.match(m, /Fix: remove the pattern from admissionWhitelistPatterns/);
            });
        }
        it("names every workload a pattern exempts (a service and a job)", async () => {
            const m = assertOne(
                await checkStack(policy, [
                    baPolicy([`${AR}/${PROJECT}/apps/**`]),
                    service(APP_IMAGE),
                    job(`${AR}/${PROJECT}/apps/batch:1`),
                ]),
            );
            assert.match(m, /Cloud Run service gcp:cloudrunv2\/service:Service "api"/);
            assert.match(m, /Cloud Run job gcp:cloudrunv2\/job:Job "nightly"/);
        });
        it("was not caught before: binauthz-allowlist-scoped accepts the same one-repository pattern", async () => {
            const r = await checkResource(allowlistScoped, baPolicy([`${AR}/${PROJECT}/apps/**`]));
            assert.deepEqual(r.violations, []);
        });
        it("a workload whose project the pack cannot tell is compared with every policy", async () => {
            const s = service(APP_IMAGE);
            delete (s.props as Record<string, unknown>).project;
            assertOne(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`]), s]), /"api"/);
        });
        it("every pattern is read: a match at index 50,000 is reported", async () => {
            const patterns = Array.from({ length: 50_000 }, (_, i) => `${AR}/${PROJECT}/repo-${i}/**`);
            patterns.push(`${AR}/${PROJECT}/apps/**`);
            assertOne(
                await checkStack(policy, [baPolicy(patterns), service(APP_IMAGE)]),
                /admissionWhitelistPatterns namePattern ".*\/apps\/\*\*"/,
            );
        });
    });

    describe("passing", () => {
        it("source-deploy repositories are allowlisted on purpose, for the workloads built there", async () => {
            const img = `${AR}/${PROJECT}/cloud-run-source-deploy/api:v1`;
            assertClean(
                await checkStack(policy, [
                    baPolicy([`${AR}/${PROJECT}/cloud-run-source-deploy/**`, `${AR}/${PROJECT}/gcf-artifacts/**`]),
                    service(img, "api", { buildConfig: { sourceLocation: "gs://src/app.zip", functionTarget: "handler" } }),
                ]),
            );
        });
        it("a function's configured dockerRepository is a source-deploy repository", async () => {
            const fn: ResourceInput = {
                type: T.service,
                name: "fnsvc",
                props: {
                    project: PROJECT,
                    location: "us-central1",
                    binaryAuthorization: { useDefault: true },
                    buildConfig: { sourceLocation: "gs://src/app.zip", functionTarget: "h", imageUri: `${AR}/${PROJECT}/builds/fnsvc:latest` },
                    template: { containers: [{ image: `${AR}/${PROJECT}/builds/fnsvc:latest` }] },
                },
            };
            assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/builds/**`]), fn]));
        });
        it("a pattern that matches no workload of the stack", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/vendor/**`]), service(APP_IMAGE)]));
        });
        it("a workload in another project is governed by that project's policy", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`], "other-proj"), service(APP_IMAGE)]));
        });
        it("* stops at /", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/*`]), service(APP_IMAGE)]));
        });
        it("allowedPatterns admits the exception on purpose", async () => {
            assertClean(
                await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`]), service(APP_IMAGE)], {
                    allowedPatterns: [`${AR}/${PROJECT}/apps/**`],
                }),
            );
        });
        it("an exempt workload is not counted", async () => {
            assertClean(
                await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`]), service(APP_IMAGE)], {
                    exemptions: [{ resource: "api", reason: "vendor image, attested upstream (SEC-9)", expires: "2099-01-01" }],
                }),
            );
        });
        it("an unknown image is advisory when the stack has a policy", async () => {
            assertAdvisory(
                await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`]), service(UNKNOWN)]),
                /template\.containers\[\]\.image/,
            );
        });
    });
});
