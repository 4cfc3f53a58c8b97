// Issue 19, classes 2 and 3, in binauthz-allowlist-exempts-workload.
// Class 2: the exception for build repositories belongs to the workloads whose own build writes into
// them. A pre-built workload image in an allowlisted build repository is a violation on that
// workload, with a fix (move the image, or build from source).
// Class 3: a Binary Authorization policy whose project is unknown in preview is not skipped: what it
// would find is undecidable, so it gets the pack's advisory.
import { strict as assert } from "node:assert";
import { allowlistExemptsWorkload as policy } from "../../policies";
import { checkStack, onDefaultPolicy, type ResourceInput, T, templateRunning, UNKNOWN, withStackConfig } from "../harness";
import { verdictAssertions } from "./verdicts";

const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const BUILDS = `${AR}/${PROJECT}/builds`;
const SD = `${AR}/${PROJECT}/cloud-run-source-deploy`;
const GCF = `${AR}/${PROJECT}/gcf-artifacts`;
const DIGEST = `@sha256:${"c".repeat(64)}`;

const { assertClean, assertOne, assertAdvisory } = verdictAssertions("binauthz-allowlist-exempts-workload");

function baPolicy(patterns: string[], project: unknown = PROJECT, name = "binauthz"): ResourceInput {
    return {
        type: T.binauthz,
        name,
        props: {
            project,
            admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })),
            defaultAdmissionRule: { evaluationMode: "REQUIRE_ATTESTATION", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
        },
    };
}
/** A 2nd-gen function whose build writes into projects/my-proj/locations/us-central1/repositories/builds. */
const builder: ResourceInput = {
    type: T.fn2,
    name: "fn",
    props: {
        project: PROJECT,
        location: REGION,
        serviceConfig: { binaryAuthorizationPolicy: "default" },
        buildConfig: { runtime: "nodejs20", dockerRepository: `projects/${PROJECT}/locations/${REGION}/repositories/builds` },
    },
};
function prebuilt(image: string, name = "api", type: string = T.service, extra: Record<string, unknown> = {}): ResourceInput {
    return {
        type,
        name,
        props: { project: PROJECT, location: REGION, ...onDefaultPolicy(type), template: templateRunning(type, image), ...extra },
    };
}
function sourceBuilt(
    image: string,
    buildConfig: Record<string, unknown> = { sourceLocation: "gs://src/app.zip", functionTarget: "handler" },
    name = "web",
): ResourceInput {
    return prebuilt(image, name, T.service, { buildConfig });
}

describe("build-repository laundering (issue 19, class 2)", () => {
    describe("a pre-built image in an allowlisted build repository is a violation on its workload", () => {
        it("the repository of a function's buildConfig.dockerRepository does not exempt another service's image", async () => {
            const r = await checkStack(policy, [baPolicy([`${BUILDS}/**`]), builder, prebuilt(`${BUILDS}/api:1`)]);
            const m = assertOne(
                r,
                /gcp:cloudrunv2\/service:Service "api"/,
                /pre-built image/,
                /us-central1-docker\.pkg\.dev\/my-proj\/builds\/api:1/,
            );
            assert.match(m, /allowlists with "us-central1-docker\.pkg\.dev\/my-proj\/builds\/\*\*"/);
            assert.match(m, /Fix: push the image to a repository the policy does not allowlist/);
            assert.match(m, /build it from source/);
            assert.equal(r.urns[0], "urn:pulumi:dev::proj::gcp:cloudrunv2/service:Service::api", "reported on the workload");
        });
        it("a service's buildConfig.imageUri repository does not exempt a job's pre-built image", async () => {
            const web = sourceBuilt(`${BUILDS}/web:1`, {
                sourceLocation: "gs://src/app.zip",
                functionTarget: "h",
                imageUri: `${BUILDS}/web:1`,
            });
            const m = assertOne(
                await checkStack(policy, [baPolicy([`${BUILDS}/**`]), web, prebuilt(`${BUILDS}/batch${DIGEST}`, "nightly", T.job)]),
                /gcp:cloudrunv2\/job:Job "nightly": This Cloud Run job/,
            );
            assert.doesNotMatch(m, /build it from source/, "a job cannot be built from source by its resource");
        });
        for (const [what, pattern, image] of [
            ["cloud-run-source-deploy, by name", `${SD}/**`, `${SD}/api:v1`],
            ["gcf-artifacts, by name", `${GCF}/**`, `${GCF}/fn/cache:1`],
            ["a narrower pattern on a build repository", `${BUILDS}/api*`, `${BUILDS}/api-v2:1`],
            ["an exact image in a build repository", `${BUILDS}/api${DIGEST}`, `${BUILDS}/api${DIGEST}`],
            ["a one-segment pattern", `${BUILDS}/*`, `${BUILDS}/api:latest`],
        ] as const) {
            it(`${what}`, async () => {
                assertOne(await checkStack(policy, [baPolicy([pattern]), builder, prebuilt(image)]), /"api"/, /pre-built image/);
            });
        }
        for (const type of [T.job, T.workerPool, T.v1, "google-native:run/v2:Service"]) {
            it(`${type} with a pre-built image in cloud-run-source-deploy`, async () => {
                assertOne(await checkStack(policy, [baPolicy([`${SD}/**`]), prebuilt(`${SD}/x:1`, "w", type)]), /"w"/, /pre-built/);
            });
        }
        it("a source-built service's image in another region's build repository is not its own build", async () => {
            const eu = `europe-west1-docker.pkg.dev/${PROJECT}/cloud-run-source-deploy/web:1`;
            assertOne(
                await checkStack(policy, [
                    baPolicy([`europe-west1-docker.pkg.dev/${PROJECT}/cloud-run-source-deploy/**`]),
                    sourceBuilt(eu),
                ]),
                /"web"/,
            );
        });
        it("a workload whose project the pack cannot tell is compared with every policy", async () => {
            const s = prebuilt(`${BUILDS}/api:1`);
            delete (s.props as Record<string, unknown>).project;
            assertOne(await checkStack(policy, [baPolicy([`${BUILDS}/**`]), builder, s]), /"api"/);
        });
        it("one violation per workload, naming each image, however many patterns match", async () => {
            const s: ResourceInput = {
                type: T.service,
                name: "multi",
                props: {
                    project: PROJECT,
                    location: REGION,
                    binaryAuthorization: { useDefault: true },
                    template: { containers: [{ image: `${BUILDS}/a:1` }, { image: `${SD}/b:1` }] },
                },
            };
            const m = assertOne(await checkStack(policy, [baPolicy([`${BUILDS}/**`, `${BUILDS}/a*`, `${SD}/**`]), builder, s]), /"multi"/);
            assert.match(m, /builds\/a:1/);
            assert.match(m, /cloud-run-source-deploy\/b:1/);
        });
        it("beyond the list: a registry host written in upper case is the same registry (Binary Authorization sees it lower-case)", async () => {
            assertOne(
                await checkStack(policy, [
                    baPolicy([`${SD}/**`]),
                    prebuilt(`US-Central1-Docker.PKG.dev/${PROJECT}/cloud-run-source-deploy/api:1`),
                ]),
                /"api"/,
            );
            assertOne(
                await checkStack(policy, [
                    baPolicy([`${AR}/${PROJECT}/apps/**`]),
                    prebuilt(`US-CENTRAL1-DOCKER.PKG.DEV/${PROJECT}/apps/api:1`),
                ]),
                /admissionWhitelistPatterns namePattern/,
            );
        });
        it("500 pre-built workloads: each reported, bounded", async () => {
            const ws = Array.from({ length: 500 }, (_, i) => prebuilt(`${BUILDS}/w${i}:1`, `w${i}`));
            const r = await checkStack(policy, [baPolicy([`${BUILDS}/**`]), builder, ...ws]);
            assert.equal(r.violations.length, 101, "100 in full, then one summary");
            assert.match(r.violations[100], /400 more findings/);
        });
        it("an unknown build of a service with its image in a build repository is advisory", async () => {
            assertAdvisory(await checkStack(policy, [baPolicy([`${SD}/**`]), sourceBuilt(`${SD}/web:1`, UNKNOWN as never)]), /buildConfig/);
        });
    });

    describe("the exception is one image, the build's own output (a build writes one image)", () => {
        it("a pre-built sidecar beside a source-built service's own image", async () => {
            const web = sourceBuilt(`${SD}/web:1`);
            (web.props as { template: { containers: unknown[] } }).template.containers.push({ image: `${SD}/sidecar:1` });
            const m = assertOne(await checkStack(policy, [baPolicy([`${SD}/**`]), web]), /"web"/, /sidecar:1/);
            assert.match(m, /its own build writes one image/);
            assert.doesNotMatch(m, /web:1/, "the build's own image is not reported");
        });
        it("an image beside the build's image URI in the same repository", async () => {
            const web = sourceBuilt(`${BUILDS}/other${DIGEST}`, { sourceLocation: "gs://src/app.zip", imageUri: `${BUILDS}/web` });
            const m = assertOne(await checkStack(policy, [baPolicy([`${BUILDS}/**`]), web]), /"web"/, /builds\/other@sha256/);
            assert.match(m, /its own build writes one image \("us-central1-docker\.pkg\.dev\/my-proj\/builds\/web"\)/);
        });
        it("a v1 Service whose build-image-uri names another image of the repository", async () => {
            const v1 = prebuilt(`${BUILDS}/evil:1`, "old", T.v1);
            const annotations = (v1.props as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
            annotations["run.googleapis.com/build-source-location"] = "gs://src/old.zip";
            annotations["run.googleapis.com/build-image-uri"] = `${BUILDS}/whatever`;
            assertOne(await checkStack(policy, [baPolicy([`${BUILDS}/**`]), v1]), /"old"/, /evil:1/);
        });
        for (const [what, buildConfig] of [
            ["an empty buildConfig", {}],
            ["a buildConfig without sourceLocation", { functionTarget: "handler" }],
            ["a blank sourceLocation", { sourceLocation: " ", functionTarget: "handler" }],
        ] as const) {
            it(`${what} builds nothing, so claims no repository`, async () => {
                const m = assertOne(
                    await checkStack(policy, [baPolicy([`${SD}/**`]), sourceBuilt(`${SD}/evil:1`, buildConfig)]),
                    /"web"/,
                    /evil:1/,
                );
                assert.match(m, /builds nothing there/);
            });
        }
        it("a v1 build-image-uri without a source turns no repository into a build repository", async () => {
            const v1 = prebuilt(`${BUILDS}/evil:1`, "old", T.v1);
            (v1.props as { metadata: { annotations: Record<string, string> } }).metadata.annotations["run.googleapis.com/build-image-uri"] =
                `${BUILDS}/whatever`;
            assertOne(await checkStack(policy, [baPolicy([`${BUILDS}/**`]), v1]), /Policy "binauthz"/, /matches the image of/);
        });
        it("control: a sourceLocation unknown in preview is a source still to come", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${SD}/**`]), sourceBuilt(`${SD}/web:1`, { sourceLocation: UNKNOWN })]));
        });
        it("control: the build's image URI with another tag or a digest", async () => {
            for (const image of [`${BUILDS}/web:2`, `${BUILDS}/web${DIGEST}`, `${BUILDS}/web`]) {
                const web = sourceBuilt(image, { sourceLocation: "gs://src/app.zip", imageUri: `${BUILDS}/web:latest` });
                assertClean(await checkStack(policy, [baPolicy([`${BUILDS}/**`]), web]));
            }
        });
    });

    describe("controls: the workloads that build into the repository pass", () => {
        it("a source-built service whose image is its own build output (cloud-run-source-deploy)", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${SD}/**`]), sourceBuilt(`${SD}/web:1`)]));
        });
        it("a source-built service writing to its buildConfig.imageUri", async () => {
            assertClean(
                await checkStack(policy, [
                    baPolicy([`${BUILDS}/**`]),
                    sourceBuilt(`${BUILDS}/web:1`, {
                        sourceLocation: "gs://src/app.zip",
                        functionTarget: "h",
                        imageUri: `${BUILDS}/web:1`,
                    }),
                ]),
            );
        });
        it("a v1 Service built from source (build annotations) with its image in cloud-run-source-deploy", async () => {
            const v1 = prebuilt(`${SD}/legacy:1`, "legacy", T.v1);
            const annotations = (v1.props as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
            annotations["run.googleapis.com/build-function-target"] = "h";
            annotations["run.googleapis.com/build-source-location"] = "gs://src/legacy.zip";
            assertClean(await checkStack(policy, [baPolicy([`${SD}/**`]), v1]));
        });
        it("the function that builds into the repository, and the policy that allowlists it", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${BUILDS}/**`, `${GCF}/**`]), builder]));
        });
        it("a deliberate exception in allowedPatterns", async () => {
            assertClean(
                await checkStack(policy, [baPolicy([`${BUILDS}/**`]), builder, prebuilt(`${BUILDS}/api:1`)], {
                    allowedPatterns: [`${BUILDS}/**`],
                }),
            );
        });
        it("an exempt workload, or an exempt policy", async () => {
            const reason = "vendor image attested upstream, SEC-9";
            const resources = [baPolicy([`${BUILDS}/**`]), builder, prebuilt(`${BUILDS}/api:1`)];
            assertClean(await checkStack(policy, resources, { exemptions: [{ resource: "api", reason, expires: "2099-01-01" }] }));
            assertClean(await checkStack(policy, resources, { exemptions: [{ resource: "binauthz", reason, expires: "2099-01-01" }] }));
        });
        it("a workload of another project is not governed by this policy", async () => {
            const other = prebuilt(`${BUILDS}/api:1`);
            (other.props as Record<string, unknown>).project = "other-proj";
            assertClean(await checkStack(policy, [baPolicy([`${BUILDS}/**`]), builder, other]));
        });
        it("a pre-built image in a repository nobody builds into is the ordinary finding on the policy", async () => {
            const r = await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`]), builder, prebuilt(`${AR}/${PROJECT}/apps/api:1`)]);
            const m = assertOne(r, /admissionWhitelistPatterns namePattern/);
            assert.equal(r.urns[0], "urn:pulumi:dev::proj::gcp:binaryauthorization/policy:Policy::binauthz");
            assert.doesNotMatch(m, /pre-built/);
        });
    });
});

describe("a Binary Authorization policy whose project is unknown in preview (issue 19, class 3)", () => {
    it("a pattern that would exempt a workload's image is advisory, naming project", async () => {
        const r = await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`], UNKNOWN), prebuilt(`${AR}/${PROJECT}/apps/api:1`)]);
        assertAdvisory(r, /project/);
    });
    it("so is a pattern that would launder a pre-built image", async () => {
        assertAdvisory(await checkStack(policy, [baPolicy([`${SD}/**`], UNKNOWN), prebuilt(`${SD}/api:1`)]), /project/);
    });
    it("so is one on an explicit provider without a project", async () => {
        const p = baPolicy([`${AR}/${PROJECT}/apps/**`], undefined);
        delete (p.props as Record<string, unknown>).project;
        p.provider = { name: "explicit", props: {} };
        assertAdvisory(await checkStack(policy, [p, prebuilt(`${AR}/${PROJECT}/apps/api:1`)]), /project/);
    });
    it("onUnknown: deny fails it", async () => {
        const r = await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`], UNKNOWN), prebuilt(`${AR}/${PROJECT}/apps/api:1`)], {
            onUnknown: "deny",
        });
        assertOne(r, /project is unknown during preview/);
    });
    it("an unknown pattern list next to workloads is advisory", async () => {
        const p = baPolicy([], UNKNOWN);
        (p.props as Record<string, unknown>).admissionWhitelistPatterns = UNKNOWN;
        assertAdvisory(await checkStack(policy, [p, prebuilt(`${AR}/${PROJECT}/apps/api:1`)]), /admissionWhitelistPatterns/);
    });
    it(
        "a policy with no project anywhere is compared with every workload, and the violation says how to fix it",
        withStackConfig({}, async () => {
            const p = baPolicy([`${AR}/${PROJECT}/apps/**`]);
            delete (p.props as Record<string, unknown>).project;
            const m = assertOne(await checkStack(policy, [p, prebuilt(`${AR}/${PROJECT}/apps/api:1`)]), /"api"/);
            assert.match(m, /project the pack cannot tell/);
        }),
    );
    it("control: a pattern that exempts nothing in the stack is decided whatever the project", async () => {
        assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/vendor/**`], UNKNOWN), prebuilt(`${AR}/${PROJECT}/apps/api:1`)]));
    });
    it("control: with no workloads there is nothing to decide", async () => {
        assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/apps/**`], UNKNOWN)]));
    });
});
