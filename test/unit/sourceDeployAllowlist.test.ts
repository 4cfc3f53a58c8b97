// binauthz-source-deploy-allowlist: the project's Binary Authorization policy exempts the
// repositories the stack's source deploys build into.
import { strict as assert } from "node:assert";
import { sourceDeployAllowlist as policy } from "../../policies";
import { checkStack, type ResourceInput, type Result, secret, T, templateRunning, UNKNOWN, withStackConfig, fixClock } from "../harness";
import { verdictAssertions } from "./verdicts";

const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const SRC = `${AR}/${PROJECT}/cloud-run-source-deploy/**`;
const GCF = `${AR}/${PROJECT}/gcf-artifacts/**`;
/** Leaves the property out. */
const ABSENT = Symbol("absent");
const SRC_IMAGE = `${AR}/${PROJECT}/cloud-run-source-deploy/app:latest`;

function binauthz(patterns: unknown[], project: unknown = PROJECT, name = "binauthz"): ResourceInput {
    return {
        type: T.binauthz,
        name,
        props: {
            ...(project === ABSENT ? {} : { project }),
            admissionWhitelistPatterns: patterns.map((p) => ({ namePattern: p })),
            defaultAdmissionRule: { evaluationMode: "REQUIRE_ATTESTATION", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
        },
    };
}
/** A Cloud Run service built from source (a Cloud Run function). */
function builtService(extra: Record<string, unknown> = {}, name = "fn-svc"): ResourceInput {
    return {
        type: T.service,
        name,
        props: {
            project: PROJECT,
            location: REGION,
            buildConfig: { sourceLocation: "gs://bucket/src.zip", functionTarget: "handler" },
            template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
            binaryAuthorization: { useDefault: true },
            ...extra,
        },
    };
}
function fn2(extra: Record<string, unknown> = {}, name = "fn"): ResourceInput {
    return {
        type: T.fn2,
        name,
        props: { project: PROJECT, location: REGION, serviceConfig: { binaryAuthorizationPolicy: "default" }, ...extra },
    };
}
function withImage(type: string, image: unknown, name = "wl", extra: Record<string, unknown> = {}): ResourceInput {
    return { type, name, props: { project: PROJECT, location: REGION, template: templateRunning(type, image), ...extra } };
}

const run = (resources: ResourceInput[], config: unknown = {}): Promise<Result> => checkStack(policy, resources, config);

const { assertPrintable, assertClean, assertOne, assertAdvisory } = verdictAssertions("binauthz-source-deploy-allowlist");

describe("binauthz-source-deploy-allowlist", () => {
    describe("metadata", () => {
        it("is a mandatory stack policy with severity, remediation steps, url and a config schema", () => {
            assert.equal(policy.name, "binauthz-source-deploy-allowlist");
            assert.equal(policy.enforcementLevel, "mandatory");
            assert.ok(policy.severity);
            assert.ok(policy.remediationSteps);
            assert.match(policy.url ?? "", /^https:\/\/github\.com\/[^#]+#[a-z0-9-]+$/);
            const props = policy.configSchema?.properties ?? {};
            assert.deepEqual(Object.keys(props).sort(), ["exemptions", "externalAllowlist", "onUnknown"]);
        });
    });

    describe("passing", () => {
        it("a Cloud Run service built from source, with the exact cloud-run-source-deploy pattern", async () => {
            assertClean(await run([builtService(), binauthz([SRC])]));
        });
        it("a 2nd-gen function with the exact gcf-artifacts pattern", async () => {
            assertClean(await run([fn2(), binauthz([GCF])]));
        });
        it("a 2nd-gen function with its own dockerRepository, exempted by that repository's pattern", async () => {
            const r = fn2({ buildConfig: { dockerRepository: `projects/${PROJECT}/locations/europe-west1/repositories/fn-images` } });
            assertClean(await run([r, binauthz([`europe-west1-docker.pkg.dev/${PROJECT}/fn-images/**`])]));
        });
        it("a job, worker pool or service that only deploys an image from cloud-run-source-deploy builds nothing, so it needs no exemption", async () => {
            // Exempting the repository for it would launder a pre-built image (binauthz-allowlist-exempts-workload).
            for (const type of [T.job, T.workerPool, T.v1, T.service]) {
                assertClean(await run([withImage(type, SRC_IMAGE), binauthz([])]));
                assertClean(await run([withImage(type, SRC_IMAGE), binauthz([SRC])]));
            }
        });
        it("a broader REGION-docker.pkg.dev/PROJECT/** covers it (breadth is binauthz-allowlist-scoped's job)", async () => {
            assertClean(await run([builtService(), fn2(), binauthz([`${AR}/${PROJECT}/**`])]));
        });
        it("workloads that are not source deploys need nothing, even with an empty stack policy", async () => {
            const plain = withImage(T.service, "gcr.io/my-proj/app:1");
            const job = withImage(T.job, `${AR}/${PROJECT}/images/app@sha256:abc`);
            const gen1 = { type: T.fn1, name: "gen1", props: { project: PROJECT, region: REGION } };
            assertClean(await run([plain, job, gen1, binauthz([])]));
        });
        it("an empty stack needs nothing", async () => {
            assertClean(await run([]));
        });
        it("several policies for one project are not combined: Google keeps one, so each must exempt, and the duplicate is reported", async () => {
            const r = await run([builtService(), fn2(), binauthz([SRC, GCF], PROJECT, "a"), binauthz([SRC, GCF], PROJECT, "b")]);
            assertOne(
                r,
                /2 Binary Authorization policies manage project "my-proj"/,
                /keep one gcp\.binaryauthorization\.Policy per project/,
            );
            const split = await run([builtService(), fn2(), binauthz([SRC], PROJECT, "a"), binauthz([GCF], PROJECT, "b")]);
            assert.equal(split.violations.length, 3, JSON.stringify(split.violations));
        });
    });

    describe("failing", () => {
        it("a Cloud Run service built from source without the pattern, reported on the project's policy", async () => {
            const r = await run([builtService(), binauthz([GCF])]);
            const msg = assertOne(
                r,
                /the Binary Authorization policy of project "my-proj" does not exempt "us-central1-docker\.pkg\.dev\/my-proj\/cloud-run-source-deploy\/\*\*"/,
                /gcp:cloudrunv2\/service:Service "fn-svc"/,
                /buildConfig/,
                /Fix: add \{ namePattern: "us-central1-docker\.pkg\.dev\/my-proj\/cloud-run-source-deploy\/\*\*" \}/,
                /gcloud container binauthz policy import/,
            );
            assert.ok(msg.startsWith(`${T.binauthz} "binauthz"`), msg);
            assert.equal(r.urns[0], "urn:pulumi:dev::proj::gcp:binaryauthorization/policy:Policy::binauthz");
        });
        it("a 2nd-gen function needs gcf-artifacts", async () => {
            assertOne(
                await run([fn2(), binauthz([SRC])]),
                /does not exempt "us-central1-docker\.pkg\.dev\/my-proj\/gcf-artifacts\/\*\*"/,
                /Cloud Function \(2nd gen\)/,
            );
        });
        it("a 2nd-gen function with a dockerRepository needs that repository, not gcf-artifacts", async () => {
            const r = fn2({ buildConfig: { dockerRepository: `projects/${PROJECT}/locations/${REGION}/repositories/fn-images` } });
            assertOne(
                await run([r, binauthz([GCF])]),
                /does not exempt "us-central1-docker\.pkg\.dev\/my-proj\/fn-images\/\*\*"/,
                /dockerRepository/,
            );
        });
        it("a dockerRepository in another project: the pattern names that project, in the workload's project policy", async () => {
            const r = fn2({ buildConfig: { dockerRepository: `projects/shared-images/locations/${REGION}/repositories/fn-images` } });
            const pattern = `${AR}/shared-images/fn-images/**`;
            assertClean(await run([r, binauthz([pattern])]));
            // the pattern in the repository project's policy does not help the workload's project
            const v = await run([r, binauthz([]), binauthz([pattern], "shared-images", "shared")]);
            assertOne(v, /policy of project "my-proj"/, /shared-images\/fn-images/);
        });
        it("a source build with buildConfig.imageUri needs that image's repository, built from its own host and project", async () => {
            const imageUri = "us-docker.pkg.dev/build-proj/cloud-run-source-deploy/app:1";
            const w = builtService({ buildConfig: { sourceLocation: "gs://bucket/src.zip", functionTarget: "handler", imageUri } });
            assertOne(await run([w, binauthz([SRC])]), /does not exempt "us-docker\.pkg\.dev\/build-proj\/cloud-run-source-deploy\/\*\*"/);
            assertClean(await run([w, binauthz(["us-docker.pkg.dev/build-proj/cloud-run-source-deploy/**"])]));
        });
        it("a domain-scoped project's repository is matched as example.com/PROJECT in the image path", async () => {
            // Artifact Registry writes the colon of a domain-scoped project id as "/" in image names.
            const dom = "example.com:my-proj";
            const repo = fn2({
                project: dom,
                buildConfig: { dockerRepository: `projects/${dom}/locations/${REGION}/repositories/fn-images` },
            });
            assertClean(await run([repo, binauthz([`${AR}/example.com/my-proj/fn-images/**`], dom)]));
            assertOne(
                await run([repo, binauthz([`${AR}/${dom}/fn-images/**`], dom)]),
                /does not exempt "us-central1-docker\.pkg\.dev\/example\.com\/my-proj\/fn-images\/\*\*"/,
            );
            const gcf = fn2({ project: dom });
            assertClean(await run([gcf, binauthz([`${AR}/example.com/my-proj/gcf-artifacts/**`], dom)]));
            const built = builtService({ project: dom });
            assertOne(
                await run([built, binauthz([], dom)]),
                /"us-central1-docker\.pkg\.dev\/example\.com\/my-proj\/cloud-run-source-deploy\/\*\*"/,
            );
            assertClean(await run([built, binauthz([`${AR}/example.com/my-proj/cloud-run-source-deploy/**`], dom)]));
        });
        it("lookalikes do not exempt, and the message lists them", async () => {
            const lookalikes = [
                `${AR}/${PROJECT}/gcf-artifacts-evil/**`,
                `europe-west1-docker.pkg.dev/${PROJECT}/gcf-artifacts/**`,
                `${AR}/other-proj/gcf-artifacts/**`,
                `us-docker.pkg.dev/${PROJECT}/gcf-artifacts/**`,
                `${AR}/${PROJECT}/gcf-artifacts/*`,
                `${AR}/${PROJECT}/GCF-ARTIFACTS/**`,
                `US-CENTRAL1-docker.pkg.dev/${PROJECT}/gcf-artifacts/**`,
                `${AR}/${PROJECT}/gcf-artifacts`,
                `${AR}/${PROJECT}/*/**`,
            ];
            for (const p of lookalikes) {
                assertOne(await run([fn2(), binauthz([p])]), /does not exempt/);
            }
            assertOne(
                await run([fn2(), binauthz([`${AR}/${PROJECT}/gcf-artifacts/*`])]),
                /Present but not matching: "us-central1-docker\.pkg\.dev\/my-proj\/gcf-artifacts\/\*"/,
            );
        });
        it("a policy for another project does not count", async () => {
            // the pattern sits only in another project's policy: this project's policy lacks it
            const r = await run([fn2(), binauthz([]), binauthz([GCF], "other-proj", "other")]);
            assertOne(r, /policy of project "my-proj"/);
            // with no policy for the workload's project, it is not verified here (binauthz-allowlist-unverified names it) ...
            assertClean(await run([fn2(), binauthz([GCF], "other-proj", "other")]));
            // ... and a declared external policy for it must carry the pattern
            assertOne(
                await run([fn2(), binauthz([GCF], "other-proj", "other")], { externalAllowlist: { [PROJECT]: [] } }),
                /externalAllowlist\["my-proj"\]/,
            );
        });
        it("groups workloads that need the same pattern into one violation", async () => {
            const r = await run([fn2({}, "a"), fn2({}, "b"), binauthz([])]);
            assertOne(r, /"a"/, /"b"/);
        });
        it("one violation per missing pattern", async () => {
            const r = await run([fn2(), builtService(), binauthz([])]);
            assert.equal(r.violations.length, 2);
            assertPrintable(r);
        });
        it("a workload whose project cannot be told is a violation that says so", async () => {
            const r = await run([{ type: T.fn2, name: "fn", props: { location: REGION } }]);
            assertOne(r, /cannot tell which project/);
        });
        it("a workload whose region cannot be told is a violation that says so", async () => {
            const r = await run([{ type: T.fn2, name: "fn", props: { project: PROJECT } }, binauthz([GCF])]);
            assertOne(r, /cannot tell which region/);
            const s = await run([builtService({ location: undefined }), binauthz([SRC])]);
            assertOne(s, /cannot tell which region/);
        });
    });

    describe("project and region resolution", () => {
        it("region comes from location, else from the provider", async () => {
            const onProvider = { ...fn2({ location: undefined }), provider: { props: { region: "europe-west4" } } };
            const want = `europe-west4-docker.pkg.dev/${PROJECT}/gcf-artifacts/**`;
            assertClean(await run([onProvider, binauthz([want])]));
            assertOne(await run([onProvider, binauthz([GCF])]), /europe-west4-docker\.pkg\.dev/);
            // location wins over the provider's region
            const both = { ...fn2(), provider: { props: { region: "europe-west4" } } };
            assertClean(await run([both, binauthz([GCF])]));
        });
        it(
            "project comes from the resource, else the provider, else gcp:project",
            withStackConfig({ "gcp:project": "cfg-proj" }, async () => {
                const fromProvider = { ...fn2({ project: undefined }), provider: { props: { project: "prov-proj" } } };
                assertClean(await run([fromProvider, binauthz([`${AR}/prov-proj/gcf-artifacts/**`], "prov-proj")]));
                assertOne(await run([fromProvider, binauthz([GCF], "prov-proj")]), /prov-proj\/gcf-artifacts/);

                const fromConfig = fn2({ project: undefined });
                assertClean(await run([fromConfig, binauthz([`${AR}/cfg-proj/gcf-artifacts/**`], "cfg-proj")]));
                assertOne(await run([fromConfig, binauthz([], "cfg-proj")]), /policy of project "cfg-proj"/);

                // the resource's own project wins over both
                const own = { ...fn2(), provider: { props: { project: "prov-proj" } } };
                assertClean(await run([own, binauthz([GCF])]));
            }),
        );
        it(
            "the binauthz policy's project resolves the same way (provider, gcp:project)",
            withStackConfig({ "gcp:project": PROJECT }, async () => {
                const pol = binauthz([]);
                delete (pol.props as Record<string, unknown>).project;
                assertOne(await run([fn2(), pol]), /policy of project "my-proj"/);
                const pol2 = { ...binauthz([GCF]), provider: { props: { project: PROJECT } } };
                delete (pol2.props as Record<string, unknown>).project;
                assertClean(await run([fn2(), pol2]));
            }),
        );
        it(
            "without gcp:project the workload's project is unknown to the pack",
            withStackConfig(undefined, async () => {
                assertOne(await run([fn2({ project: undefined }), binauthz([GCF])]), /cannot tell which project/);
            }),
        );
        it(
            "a stack policy whose project cannot be told is a violation that says so, not an unknown",
            withStackConfig(undefined, async () => {
                for (const project of [ABSENT, "", 42, { id: PROJECT }, [PROJECT]]) {
                    const r = await run([fn2(), fn2({}, "fn-b"), binauthz([], project)]);
                    const msg = assertOne(
                        r,
                        /gcp:binaryauthorization\/policy:Policy "binauthz"/,
                        /cannot tell which project/,
                        /gcf-artifacts/,
                        /"fn-b"/,
                    );
                    assert.doesNotMatch(msg, /pulumi up/);
                }
                // a policy with a project is preferred for its own project
                assertClean(await run([fn2(), binauthz([GCF]), binauthz([], ABSENT, "loose")]));
                // onUnknown does not matter: nothing is unknown
                assertOne(await run([fn2(), binauthz([GCF], ABSENT)], { onUnknown: "deny" }), /cannot tell which project/);
            }),
        );
    });

    describe("config externalAllowlist", () => {
        it("declares the patterns of a policy managed elsewhere: covered passes", async () => {
            assertClean(await run([fn2(), builtService()], { externalAllowlist: { [PROJECT]: [GCF, SRC] } }));
        });
        it("a declared policy that lacks the pattern fails, naming externalAllowlist", async () => {
            const r = await run([fn2()], { externalAllowlist: { [PROJECT]: [SRC, `${AR}/${PROJECT}/gcf-artifacts-evil/**`] } });
            const msg = assertOne(
                r,
                /config externalAllowlist\["my-proj"\]/,
                /gcf-artifacts\/\*\*/,
                /on both binauthz-source-deploy-allowlist and binauthz-allowlist-unverified/,
            );
            assert.ok(msg.startsWith(`${T.fn2} "fn"`), msg);
            assert.equal(r.urns[0], "urn:pulumi:dev::proj::gcp:cloudfunctionsv2/function:Function::fn");
        });
        it("an entry for another project does not count", async () => {
            assertClean(await run([fn2()], { externalAllowlist: { "other-proj": [GCF] } }));
            assertOne(await run([fn2()], { externalAllowlist: { "other-proj": [GCF], [PROJECT]: [] } }), /does not exempt/);
        });
        it("the stack's own policy wins over externalAllowlist", async () => {
            assertOne(
                await run([fn2(), binauthz([])], { externalAllowlist: { [PROJECT]: [GCF] } }),
                /the Binary Authorization policy of project "my-proj"/,
            );
            assertClean(await run([fn2(), binauthz([GCF])], { externalAllowlist: { [PROJECT]: [] } }));
        });
        it("a malformed externalAllowlist falls back to {} and the violation names the config problem", async () => {
            for (const bad of [[GCF], { [PROJECT]: GCF }, { [PROJECT]: [1] }, "x", null]) {
                const r = await run([fn2(), binauthz([])], { externalAllowlist: bad });
                assertPrintable(r);
                assert.equal(r.violations.length, 1, JSON.stringify(bad));
                if (bad !== null) assert.match(r.violations[0], /Config problem \(binauthz-source-deploy-allowlist\): externalAllowlist/);
            }
        });
    });

    describe("unknown values during preview", () => {
        it("an unknown image or containers list decides nothing here: only a build needs an exemption", async () => {
            assertClean(await run([withImage(T.job, UNKNOWN), binauthz([SRC])]));
            assertClean(await run([withImage(T.service, UNKNOWN)]));
            const w = { type: T.service, name: "wl", props: { project: PROJECT, location: REGION, template: { containers: UNKNOWN } } };
            assertClean(await run([w, binauthz([SRC])]));
        });
        it("an unknown buildConfig might be a source build: advisory, naming the property", async () => {
            assertAdvisory(await run([builtService({ buildConfig: UNKNOWN }), binauthz([GCF])]), /"fn-svc": buildConfig/);
        });
        it("an unknown location of a source-built service or function is advisory", async () => {
            assertAdvisory(await run([builtService({ location: UNKNOWN }), binauthz([SRC])]), /location/);
            assertAdvisory(await run([fn2({ location: UNKNOWN }), binauthz([GCF])]), /location/);
        });
        it("an unknown project of the workload is advisory", async () => {
            assertAdvisory(
                await run([fn2({ project: UNKNOWN }), binauthz([GCF])]),
                /gcp:cloudfunctionsv2\/function:Function "fn": project/,
            );
            assertAdvisory(await run([builtService({ project: UNKNOWN }), binauthz([SRC])]), /project/);
        });
        it("an unknown dockerRepository is advisory", async () => {
            assertAdvisory(
                await run([fn2({ buildConfig: { dockerRepository: UNKNOWN } }), binauthz([GCF])]),
                /buildConfig\.dockerRepository/,
            );
        });
        it("an unknown allowlist pattern is advisory when the rest does not cover it", async () => {
            const pol = binauthz([SRC, UNKNOWN]);
            assertAdvisory(
                await run([fn2(), pol]),
                /admissionWhitelistPatterns\[1\]\.namePattern/,
                /gcp:binaryauthorization\/policy:Policy "binauthz"/,
            );
            // a known pattern that covers it decides alone
            assertClean(await run([fn2(), binauthz([GCF, UNKNOWN])]));
            const whole = { ...binauthz([]), props: { project: PROJECT, admissionWhitelistPatterns: UNKNOWN } };
            assertAdvisory(await run([fn2(), whole]), /admissionWhitelistPatterns/);
        });
        it("a stack policy with an unknown project might be this project's: advisory", async () => {
            assertAdvisory(await run([fn2(), binauthz([SRC], UNKNOWN)]), /gcp:binaryauthorization\/policy:Policy "binauthz": project/);
        });
        it("definite violations are still reported alongside the advisory", async () => {
            const r = await run([fn2(), builtService({ location: UNKNOWN }), binauthz([SRC])]);
            assert.equal(r.violations.length, 1);
            assert.ok(r.advisory);
        });
        it("onUnknown: deny turns each unknown into a violation", async () => {
            const r = await run([builtService({ buildConfig: UNKNOWN }), fn2({ location: UNKNOWN }), binauthz([SRC])], {
                onUnknown: "deny",
            });
            assertPrintable(r);
            assert.equal(r.advisory, undefined);
            assert.equal(r.violations.length, 2);
            assert.match(r.violations[0], /buildConfig is unknown during preview, and onUnknown is "deny"/);
            assert.match(r.violations[1], /location is unknown/);
        });
        it("onUnknown: deny reports each unknown property once, however many workloads it blocks", async () => {
            const r = await run([fn2(), fn2({}, "b"), builtService(), binauthz([SRC], UNKNOWN)], { onUnknown: "deny" });
            assertOne(r, /gcp:binaryauthorization\/policy:Policy "binauthz": project is unknown during preview/);
            const a = await run([fn2(), fn2({}, "b"), binauthz([SRC], UNKNOWN)]);
            assertAdvisory(a, /"binauthz": project is unknown until/);
        });
        it("an invalid onUnknown falls back to the strict deny, and says so", async () => {
            const r = await run([builtService({ buildConfig: UNKNOWN })], { onUnknown: "fail" });
            assertOne(r, /buildConfig is unknown during preview, and onUnknown is "deny"/);
            assertOne(r, /Config problem .*onUnknown.*using the strict value \("deny"\)/);
        });
    });

    describe("secret values", () => {
        it("secret images, locations, projects and patterns are read through", async () => {
            assertOne(await run([builtService({ location: secret(REGION) }), binauthz([])]), /cloud-run-source-deploy/);
            assertClean(await run([builtService({ location: secret(REGION) }), binauthz([secret(SRC)])]));
            assertOne(await run([fn2({ location: secret("europe-west1") }), binauthz([GCF])]), /europe-west1-docker\.pkg\.dev/);
            assertClean(await run([fn2({ project: secret(PROJECT) }), binauthz([GCF], secret(PROJECT))]));
            const repo = `projects/${PROJECT}/locations/${REGION}/repositories/fn-images`;
            assertOne(await run([fn2({ buildConfig: secret({ dockerRepository: repo }) }), binauthz([GCF])]), /fn-images/);
        });
        it("a secret whole allowlist is read through", async () => {
            const pol = { ...binauthz([]), props: { project: PROJECT, admissionWhitelistPatterns: secret([{ namePattern: GCF }]) } };
            assertClean(await run([fn2(), pol]));
        });
    });

    describe("malformed input", () => {
        it("a malformed dockerRepository is a violation that says so, never a guess", async () => {
            for (const bad of [
                "fn-images",
                `${AR}/${PROJECT}/fn-images`,
                `projects/${PROJECT}/locations/${REGION}/repositories/`,
                42,
                ["x"],
                { name: "x" },
                true,
            ]) {
                const r = await run([fn2({ buildConfig: { dockerRepository: bad } }), binauthz([GCF, `${AR}/${PROJECT}/**`])]);
                assertOne(r, /buildConfig\.dockerRepository is .*, not projects\/PROJECT\/locations\/REGION\/repositories\/REPOSITORY/);
            }
        });
        it("wrong types, nulls and arrays in workloads and policies do not crash", async () => {
            const odd: ResourceInput[] = [
                {
                    type: T.service,
                    name: "a",
                    props: { project: PROJECT, location: REGION, template: { containers: { image: SRC_IMAGE } } },
                },
                { type: T.service, name: "b", props: { project: PROJECT, location: REGION, template: null } },
                {
                    type: T.service,
                    name: "c",
                    props: { project: PROJECT, location: REGION, template: [{ containers: [{ image: SRC_IMAGE }] }] },
                },
                {
                    type: T.job,
                    name: "d",
                    props: {
                        project: PROJECT,
                        location: REGION,
                        template: { template: { containers: [null, 7, "x", { image: 3 }, { image: null }] } },
                    },
                },
                { type: T.v1, name: "e", props: { project: PROJECT, location: REGION, template: { spec: "x" } } },
                { type: T.service, name: "f", props: { project: 5, location: [REGION], buildConfig: null } },
                { type: T.fn2, name: "g", props: { project: PROJECT, location: REGION, buildConfig: null } },
                { type: T.binauthz, name: "p1", props: { project: PROJECT, admissionWhitelistPatterns: { namePattern: GCF } } },
                {
                    type: T.binauthz,
                    name: "p2",
                    props: {
                        project: PROJECT,
                        admissionWhitelistPatterns: [null, 1, "x", { namePattern: 7 }, { namePattern: null }, [GCF]],
                    },
                },
                { type: T.binauthz, name: "p3", props: { project: [PROJECT], admissionWhitelistPatterns: [{ namePattern: GCF }] } },
            ];
            const r = await run(odd);
            assertPrintable(r);
            // only g needs something (gcf-artifacts, via its location), and none of the malformed entries
            // provides it; p1 and p2 are two policies for one project, which is reported too
            assert.equal(r.violations.length, 2, JSON.stringify(r.violations));
            const missing = r.violations.find((v) => /gcf-artifacts/.test(v)) ?? "";
            assert.match(missing, /"g"/);
            assert.ok(r.violations.some((v) => /2 Binary Authorization policies manage project/.test(v)));
        });
        it("an image that is not an image reference needs nothing", async () => {
            for (const image of ["", "   ", `${AR}//cloud-run-source-deploy/app`, `a b/${PROJECT}/cloud-run-source-deploy/x`]) {
                assertClean(await run([withImage(T.job, image), binauthz([])]));
            }
        });
        it("an empty dockerRepository counts as unset (gcf-artifacts)", async () => {
            assertClean(await run([fn2({ buildConfig: { dockerRepository: "" } }), binauthz([GCF])]));
            assertClean(await run([fn2({ buildConfig: { dockerRepository: null } }), binauthz([GCF])]));
        });
        it("a config that is not an object applies defaults and says so", async () => {
            const r = await run([fn2(), binauthz([])], ["x"]);
            assertOne(r, /Config problem/, /not an object/);
        });
    });

    describe("config exemptions", () => {
        fixClock("2025-06-15T12:00:00Z");
        const reason = "migration to gcf-artifacts exemption tracked in OPS-1";

        it("a live exemption on the workload skips that workload's finding", async () => {
            const config = { exemptions: [{ resource: "fn", reason, expires: "2025-06-15" }] };
            assertClean(await run([fn2(), binauthz([])], config));
            // other workloads are still checked
            assertOne(await run([fn2(), fn2({}, "other"), binauthz([])], config), /"other"/);
        });
        it("the glob matches the URN too", async () => {
            const config = {
                exemptions: [{ resource: "urn:pulumi:dev::proj::gcp:cloudfunctionsv2/**::fn", reason, expires: "2025-12-31" }],
            };
            assertClean(await run([fn2(), binauthz([])], config));
        });
        it("an exemption on the policy resource does not skip the workload's finding", async () => {
            const config = { exemptions: [{ resource: "binauthz", reason, expires: "2025-12-31" }] };
            assertOne(await run([fn2(), binauthz([])], config), /gcf-artifacts/);
        });
        it("an expired exemption is ignored, and the violation says so", async () => {
            const config = { exemptions: [{ resource: "fn", reason, expires: "2025-06-14" }] };
            assertOne(await run([fn2()], { ...config, externalAllowlist: { [PROJECT]: [] } }), /exemption "fn" expired on 2025-06-14/);
            assertOne(await run([fn2(), binauthz([])], config), /exemption "fn" expired on 2025-06-14/);
            // also when another workload is named first in the grouped violation
            assertOne(
                await run([fn2({}, "a"), fn2()], { ...config, externalAllowlist: { [PROJECT]: [] } }),
                /"a"/,
                /exemption "fn" expired on 2025-06-14/,
            );
            // and an expired exemption is not repeated
            const r = await run([fn2()], { ...config, externalAllowlist: { [PROJECT]: [] } });
            assert.equal(r.violations[0].split("expired on").length, 2);
        });
        it("an undated exemption is ignored, and the violation says so", async () => {
            const config = { exemptions: [{ resource: "fn", reason }] };
            assertOne(await run([fn2(), binauthz([])], config), /exemption "fn" is ignored: it has no expires date/);
        });
        it("a reasonless exemption is ignored, and the violation says so", async () => {
            for (const e of [
                { resource: "fn", expires: "2025-12-31" },
                { resource: "fn", reason: "because", expires: "2025-12-31" },
            ]) {
                assertOne(
                    await run([fn2(), binauthz([])], { exemptions: [e] }),
                    /exemption "fn" is ignored: it(s reason is shorter| has no reason)/,
                );
            }
        });
        it("an unknown or exempt workload's unknown is skipped by a live exemption", async () => {
            const config = { exemptions: [{ resource: "wl", reason, expires: "2025-12-31" }] };
            assertClean(await run([withImage(T.job, UNKNOWN), binauthz([])], config));
        });
    });

    describe("messages", () => {
        it("a 1 MB location or project yields a bounded, printable message", async () => {
            const huge = `x${"a".repeat(1_000_000)}`;
            for (const extra of [{ location: huge }, { project: huge }] as { location?: string; project?: string }[]) {
                const r = await run([builtService(extra)], { externalAllowlist: { [PROJECT]: [], [huge]: [] } });
                assertPrintable(r);
                assert.equal(r.violations.length, 1);
                assert.ok(r.violations[0].length < 5000, `length ${r.violations[0].length}`);
                // the same with the project's policy in the stack (its fix text quotes the pattern)
                const s = await run([builtService(extra), binauthz([], extra.project ?? PROJECT)]);
                assertPrintable(s);
                assert.equal(s.violations.length, 1);
                assert.ok(s.violations[0].length < 5000, `length ${s.violations[0].length}`);
            }
        });
        it("a 1 MB lookalike pattern is quoted and cut", async () => {
            const huge = `${AR}/${PROJECT}/gcf-artifacts/${"a".repeat(1_000_000)}`;
            const r = await run([fn2(), binauthz([huge])]);
            assertOne(r, /Present but not matching/, /cut/);
            assert.ok(r.violations[0].length < 5000, `length ${r.violations[0].length}`);
        });
        it("control characters in user text are escaped", async () => {
            const r = await run([fn2({}, "fn\u0007\u001b[31m\nx"), binauthz([`${AR}/${PROJECT}/gcf-artifacts\u0000/**`])]);
            const msg = assertOne(r);
            assert.ok(!msg.includes("\nx"), "a raw newline from a resource name");
        });
    });
});
