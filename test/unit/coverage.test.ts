// Issue 12, items 1, 2, 6, 7, 8 and 9: every way to put code on Cloud Run gets the pack's checks
// (google-native types, v1 source builds), what cannot be seen is said, projects are identified
// correctly, the custom org constraint counts, and messages name the right kind.
import { strict as assert } from "node:assert";
import { allowlistUnverified, binauthzRequired, breakglassJustified, orgConstraint, sourceDeployAllowlist } from "../../policies";
import { checkResource, checkStack, remediate, type ResourceInput, type Result, T, UNKNOWN, withStackConfig } from "../harness";

const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const SRC = `${AR}/${PROJECT}/cloud-run-source-deploy/**`;
const GCF = `${AR}/${PROJECT}/gcf-artifacts/**`;

const GN = {
    service: "google-native:run/v2:Service",
    job: "google-native:run/v2:Job",
    v1: "google-native:run/v1:Service",
    fn2: "google-native:cloudfunctions/v2:Function",
} as const;

function clean(r: Result): void {
    assert.deepEqual(r.violations, [], `expected no violations: ${r.violations.join(" | ")}`);
    assert.equal(r.advisory, undefined, `expected no advisory: ${r.advisory}`);
}
function one(r: Result, ...patterns: (RegExp | string)[]): string {
    assert.equal(r.advisory, undefined, `unexpected advisory: ${r.advisory}`);
    assert.equal(r.violations.length, 1, `expected one violation: ${JSON.stringify(r.violations)}`);
    for (const p of patterns) {
        if (typeof p === "string") assert.ok(r.violations[0].includes(p), `missing ${p}: ${r.violations[0]}`);
        else assert.match(r.violations[0], p);
    }
    return r.violations[0];
}
function deferred(r: Result, ...patterns: RegExp[]): void {
    assert.deepEqual(r.violations, [], `expected only an advisory: ${r.violations.join(" | ")}`);
    assert.ok(r.advisory, "expected the deferred-check advisory");
    for (const p of patterns) assert.match(r.advisory, p);
}

function binauthz(patterns: string[], project: string = PROJECT, name = "binauthz"): ResourceInput {
    return { type: T.binauthz, name, props: { project, admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })) } };
}
function gnService(extra: Record<string, unknown> = {}, image = "gcr.io/my-proj/api:1"): ResourceInput {
    return {
        type: GN.service,
        name: "gn-api",
        props: { project: PROJECT, location: REGION, serviceId: "api", template: { containers: [{ image }] }, ...extra },
    };
}
function gnJob(extra: Record<string, unknown> = {}): ResourceInput {
    return {
        type: GN.job,
        name: "gn-job",
        props: {
            project: PROJECT,
            location: REGION,
            jobId: "j",
            template: { template: { containers: [{ image: "gcr.io/my-proj/j:1" }] } },
            ...extra,
        },
    };
}
function gnV1(annotations: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): ResourceInput {
    return {
        type: GN.v1,
        name: "gn-v1",
        props: {
            project: PROJECT,
            location: REGION,
            metadata: { name: "legacy", ...(annotations ? { annotations } : {}) },
            spec: { template: { spec: { containers: [{ image: "gcr.io/my-proj/legacy:1" }] } } },
            ...extra,
        },
    };
}
function gnFn(extra: Record<string, unknown> = {}): ResourceInput {
    return {
        type: GN.fn2,
        name: "gn-fn",
        props: { project: PROJECT, location: REGION, functionId: "f", buildConfig: { runtime: "nodejs20", entryPoint: "h" }, ...extra },
    };
}
/** A gcp v1 Service deployed through the Cloud Run Admin API v1, with the given Service annotations. */
function v1(annotations: Record<string, unknown>, templateAnnotations?: Record<string, unknown>, name = "v1fn"): ResourceInput {
    return {
        type: T.v1,
        name,
        props: {
            project: PROJECT,
            location: REGION,
            name,
            metadata: { annotations: { "run.googleapis.com/binary-authorization": "default", ...annotations } },
            template: {
                ...(templateAnnotations ? { metadata: { annotations: templateAnnotations } } : {}),
                spec: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
            },
        },
    };
}
const ON = { "run.googleapis.com/binary-authorization": "default" };

describe("issue 12: coverage", () => {
    describe("item 1: google-native workloads get the mandatory checks", () => {
        it("run/v2 Service and Job without binaryAuthorization fail, naming the class, field and gcloud fix", async () => {
            const m = one(await checkResource(binauthzRequired, gnService()), "Cloud Run service (google-native run/v2)");
            assert.ok(m.includes("binaryAuthorization: { useDefault: true }") && m.includes("google_native.run.v2.Service"), m);
            assert.ok(m.includes("gcloud run deploy --binary-authorization default"), m);
            const j = one(await checkResource(binauthzRequired, gnJob()), "Cloud Run job (google-native run/v2)");
            assert.ok(j.includes("gcloud run jobs deploy --binary-authorization default") && j.includes("google_native.run.v2.Job"), j);
        });
        it("run/v2 with useDefault: true passes", async () => {
            clean(await checkResource(binauthzRequired, gnService({ binaryAuthorization: { useDefault: true } })));
            clean(await checkResource(binauthzRequired, gnJob({ binaryAuthorization: { useDefault: true } })));
        });
        it("a named policy on google-native run/v2 fails even when allowedPolicies lists it: its schema has no policy field", async () => {
            const policy = "projects/my-proj/platforms/cloudRun/policies/strict";
            one(
                await checkResource(binauthzRequired, gnService({ binaryAuthorization: { policy } }), {
                    allowedPolicies: ["projects/my-proj/platforms/cloudRun/policies/*"],
                }),
                /drops it/,
            );
        });
        it("run/v1 Service reads the annotation on metadata; one under spec.template.metadata does not count", async () => {
            clean(await checkResource(binauthzRequired, gnV1(ON)));
            const r = gnV1(undefined);
            (r.props as { spec: { template: Record<string, unknown> } }).spec.template.metadata = { annotations: ON };
            one(await checkResource(binauthzRequired, r), "spec.template.metadata", "google_native.run.v1.Service");
        });
        it("cloudfunctions/v2 Function cannot set Binary Authorization: fails, pointing to gcp.cloudfunctionsv2.Function", async () => {
            const m = one(await checkResource(binauthzRequired, gnFn({ serviceConfig: { binaryAuthorizationPolicy: "default" } })));
            assert.match(m, /schema has no serviceConfig\.binaryAuthorizationPolicy/);
            assert.ok(
                m.includes("gcp.cloudfunctionsv2.Function") && m.includes("gcloud functions deploy --gen2 --binary-authorization default"),
                m,
            );
            // remediation cannot fix what the provider drops
            assert.equal(await remediate(binauthzRequired, gnFn()), undefined);
        });
        it("remediation switches the default on for google-native run/v2 and v1", async () => {
            const out = await remediate(binauthzRequired, gnService());
            assert.deepEqual(out?.binaryAuthorization, { useDefault: true });
            const v1out = await remediate(binauthzRequired, gnV1(undefined));
            assert.equal(
                (v1out?.metadata as { annotations: Record<string, string> }).annotations["run.googleapis.com/binary-authorization"],
                "default",
            );
        });
        it("breakglass on google-native run/v2 and run/v1 must be justified", async () => {
            one(
                await checkResource(
                    breakglassJustified,
                    gnService({ binaryAuthorization: { useDefault: true, breakglassJustification: "n/a" } }),
                ),
                /placeholder|not a real/,
            );
            one(
                await checkResource(breakglassJustified, gnV1({ ...ON, "run.googleapis.com/binary-authorization-breakglass": "n/a" })),
                /not a real/,
            );
        });
        it(
            "source deploys of google-native workloads need the exemption; project and region come from google-native config",
            withStackConfig({ "google-native:project": PROJECT, "google-native:region": REGION }, async () => {
                const svc = gnV1({ ...ON, "run.googleapis.com/build-source-location": "gs://b/x.zip" }, { project: undefined });
                one(await checkStack(sourceDeployAllowlist, [svc, binauthz([])]), SRC);
                clean(await checkStack(sourceDeployAllowlist, [svc, binauthz([SRC])]));
                // An image that only sits in cloud-run-source-deploy is pre-built: it needs no exemption.
                const prebuilt = gnService(
                    { project: undefined, binaryAuthorization: { useDefault: true } },
                    `${AR}/${PROJECT}/cloud-run-source-deploy/api:1`,
                );
                clean(await checkStack(sourceDeployAllowlist, [prebuilt, binauthz([])]));
                // google-native cloudfunctions/v2 cannot enforce Binary Authorization at all: no allowlist finding, only required's.
                clean(await checkStack(sourceDeployAllowlist, [gnFn({ project: undefined, location: undefined }), binauthz([SRC])]));
            }),
        );
    });

    describe("item 1: google-native project and region", () => {
        it(
            "without project anywhere, the message names google-native's own config key",
            withStackConfig({ "gcp:project": PROJECT }, async () => {
                // gcp:project is another provider's config: it does not apply to google-native resources.
                const svc = gnV1({ ...ON, "run.googleapis.com/build-source-location": "gs://b/x.zip" }, { project: undefined });
                one(await checkStack(sourceDeployAllowlist, [svc, binauthz([SRC])]), "google-native:project");
            }),
        );
        it(
            "a google-native provider's own project counts; a default gcp provider's does not",
            withStackConfig({}, async () => {
                const own: ResourceInput = {
                    ...gnV1({ ...ON, "run.googleapis.com/build-source-location": "gs://b/x.zip" }, { project: undefined }),
                    provider: { name: "default", type: "pulumi:providers:google-native", props: { project: PROJECT } },
                };
                clean(await checkStack(sourceDeployAllowlist, [own, binauthz([SRC])]));
                const other: ResourceInput = {
                    ...gnV1({ ...ON, "run.googleapis.com/build-source-location": "gs://b/x.zip" }, { project: undefined }),
                    provider: { name: "default", type: "pulumi:providers:gcp", props: { project: PROJECT } },
                };
                one(await checkStack(sourceDeployAllowlist, [other, binauthz([SRC])]), "google-native:project");
            }),
        );
    });

    describe("item 2: v1 Services with build annotations are source-built", () => {
        for (const key of ["run.googleapis.com/build-function-target", "run.googleapis.com/build-source-location"]) {
            it(`${key} on the Service needs cloud-run-source-deploy for its region and project`, async () => {
                const svc = v1({ [key]: key.endsWith("target") ? "handler" : "gs://run-sources-my-proj-us-central1/services/x.zip" });
                one(await checkStack(sourceDeployAllowlist, [svc, binauthz([])]), SRC, "run.googleapis.com/build-*");
                clean(await checkStack(sourceDeployAllowlist, [svc, binauthz([SRC])]));
            });
            it(`${key} on the revision template (where Google also reads it) counts too`, async () => {
                const svc = v1({}, { [key]: "x" });
                one(await checkStack(sourceDeployAllowlist, [svc, binauthz([])]), SRC);
            });
        }
        it("build-image-uri: the image's repository must be exempt", async () => {
            const svc = v1({ "run.googleapis.com/build-image-uri": `${AR}/${PROJECT}/fns/handler` });
            const need = `${AR}/${PROJECT}/fns/**`;
            one(await checkStack(sourceDeployAllowlist, [svc, binauthz([SRC])]), need, "build-image-uri");
            clean(await checkStack(sourceDeployAllowlist, [svc, binauthz([need])]));
        });
        it("a malformed build-image-uri is a violation that names the annotation", async () => {
            one(
                await checkStack(sourceDeployAllowlist, [v1({ "run.googleapis.com/build-image-uri": "not an image" }), binauthz([SRC])]),
                "build-image-uri",
            );
        });
        it("an unknown build annotation defers", async () => {
            deferred(
                await checkStack(sourceDeployAllowlist, [v1({ "run.googleapis.com/build-function-target": UNKNOWN }), binauthz([])]),
                /build/,
            );
        });
        it("google-native run/v1 Service with build annotations is source-built too", async () => {
            const svc = gnV1({ ...ON, "run.googleapis.com/build-function-target": "handler" });
            one(await checkStack(sourceDeployAllowlist, [svc, binauthz([])]), SRC);
        });
        it("a v1 Service without build annotations needs nothing", async () => {
            clean(await checkStack(sourceDeployAllowlist, [v1({}), binauthz([])]));
        });
    });

    describe("item 6: what cannot be seen is said", () => {
        it("a v1 Cloud Run function whose project's policy is not visible gets the advisory", async () => {
            one(
                await checkStack(allowlistUnverified, [v1({ "run.googleapis.com/build-function-target": "handler" })]),
                SRC,
                "Cloud Run function (v1 API",
            );
        });
        it("google-native source-built workloads whose project's policy is not visible get it too (not a function that cannot enforce it)", async () => {
            clean(await checkStack(allowlistUnverified, [gnFn()]));
            one(await checkStack(allowlistUnverified, [gnV1({ ...ON, "run.googleapis.com/build-source-location": "gs://b/x.zip" })]), SRC);
        });
        it("a job whose image only sits in cloud-run-source-deploy builds nothing, so nothing is needed", async () => {
            const job: ResourceInput = {
                type: T.job,
                name: "job",
                props: {
                    project: PROJECT,
                    location: REGION,
                    template: { template: { containers: [{ image: `${AR}/${PROJECT}/cloud-run-source-deploy/j:1` }] } },
                },
            };
            clean(await checkStack(allowlistUnverified, [job]));
        });
        it("externalAllowlist makes it visible", async () => {
            clean(
                await checkStack(allowlistUnverified, [v1({ "run.googleapis.com/build-function-target": "h" })], {
                    externalAllowlist: { [PROJECT]: [SRC] },
                }),
            );
        });
    });

    describe("item 7: projects are identified correctly", () => {
        const NUMBER = "123456789012";
        it("a workload whose project is a number is never matched as a project id: no false block, an advisory instead", async () => {
            const fn: ResourceInput = {
                type: T.fn2,
                name: "fn",
                props: { project: NUMBER, location: REGION, serviceConfig: { binaryAuthorizationPolicy: "default" } },
            };
            clean(await checkStack(sourceDeployAllowlist, [fn, binauthz([GCF], NUMBER)]));
            one(await checkStack(allowlistUnverified, [fn, binauthz([GCF], NUMBER)]), "by number", NUMBER);
        });
        it("a Binary Authorization policy given by number is named when a project's policy cannot be seen", async () => {
            const fn: ResourceInput = { type: T.fn2, name: "fn", props: { project: PROJECT, location: REGION } };
            one(await checkStack(allowlistUnverified, [fn, binauthz([GCF], NUMBER)]), "names its project by number");
        });
        it(
            "an explicit provider without project does not inherit gcp:project: the project is unknown and follows onUnknown",
            withStackConfig({ "gcp:project": PROJECT, "gcp:region": REGION }, async () => {
                const fn: ResourceInput = { type: T.fn2, name: "fn", props: { location: REGION }, provider: { name: "prod", props: {} } };
                // Before: it was taken to be my-proj, whose policy lacks the pattern: a mandatory failure about the wrong project.
                deferred(await checkStack(sourceDeployAllowlist, [fn, binauthz([])]), /explicit provider/);
                one(await checkStack(sourceDeployAllowlist, [fn, binauthz([])], { onUnknown: "deny" }), /explicit provider/);
                // The provider's own project counts.
                const withProject: ResourceInput = { ...fn, provider: { name: "prod", props: { project: PROJECT } } };
                one(await checkStack(sourceDeployAllowlist, [withProject, binauthz([])]), GCF);
            }),
        );
        it(
            "an explicit provider without region leaves the region unknown too",
            withStackConfig({ "gcp:project": PROJECT, "gcp:region": REGION }, async () => {
                const fn: ResourceInput = { type: T.fn2, name: "fn", props: { project: PROJECT }, provider: { name: "eu", props: {} } };
                deferred(await checkStack(sourceDeployAllowlist, [fn, binauthz([])]), /location/);
            }),
        );
        it(
            "default providers (default, default_9_37_0) still take stack config",
            withStackConfig({ "gcp:project": PROJECT, "gcp:region": REGION }, async () => {
                for (const name of ["default", "default_9_37_0"]) {
                    const fn: ResourceInput = { type: T.fn2, name: "fn", props: {}, provider: { name, props: {} } };
                    one(await checkStack(sourceDeployAllowlist, [fn, binauthz([])]), GCF);
                    clean(await checkStack(sourceDeployAllowlist, [fn, binauthz([GCF])]));
                }
            }),
        );
        it(
            "a Binary Authorization policy on an explicit provider without project is of an unknown project",
            withStackConfig({ "gcp:project": PROJECT, "gcp:region": REGION }, async () => {
                const fn: ResourceInput = { type: T.fn2, name: "fn", props: { project: PROJECT, location: REGION } };
                const policy: ResourceInput = {
                    ...binauthz([GCF]),
                    props: { admissionWhitelistPatterns: [{ namePattern: GCF }] },
                    provider: { name: "other", props: {} },
                };
                deferred(await checkStack(sourceDeployAllowlist, [fn, policy]), /project/);
            }),
        );
    });

    describe("item 8: an enforced custom constraint satisfies require", () => {
        const CONDITION = "resource.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default'";
        function constraint(extra: Record<string, unknown> = {}): ResourceInput {
            return {
                type: "gcp:orgpolicy/customConstraint:CustomConstraint",
                name: "require-binauthz",
                props: {
                    name: "custom.requireBinauthz",
                    parent: "organizations/123",
                    resourceTypes: ["run.googleapis.com/Service", "run.googleapis.com/Job"],
                    methodTypes: ["CREATE", "UPDATE"],
                    actionType: "DENY",
                    condition: CONDITION,
                    ...extra,
                },
            };
        }
        function enforcing(spec: unknown = { rules: [{ enforce: "TRUE" }] }, extra: Record<string, unknown> = {}): ResourceInput {
            return {
                type: T.orgpolicy,
                name: "enforce-binauthz",
                props: { name: `projects/${PROJECT}/policies/custom.requireBinauthz`, parent: `projects/${PROJECT}`, spec, ...extra },
            };
        }
        const workload: ResourceInput = {
            type: T.service,
            name: "api",
            props: {
                project: PROJECT,
                location: REGION,
                binaryAuthorization: { useDefault: true },
                template: { containers: [{ image: "gcr.io/p/a" }] },
            },
        };
        const run = (resources: ResourceInput[]): Promise<Result> => checkStack(orgConstraint, resources, { require: true });

        it("DENY when the annotation is not default, on Service and Job, CREATE and UPDATE, enforced: passes", async () => {
            clean(await run([workload, constraint(), enforcing()]));
        });
        it("the ALLOW form, double quotes, white space and the has-key guard are read alike", async () => {
            clean(
                await run([
                    workload,
                    constraint({
                        actionType: "ALLOW",
                        condition: 'resource.metadata.annotations["run.googleapis.com/binary-authorization"] == "default"',
                    }),
                    enforcing(),
                ]),
            );
            clean(
                await run([
                    workload,
                    constraint({
                        condition:
                            "!('run.googleapis.com/binary-authorization' in resource.metadata.annotations) ||\n  resource.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default'",
                    }),
                    enforcing(),
                ]),
            );
        });
        const weaker: [string, ResourceInput[], RegExp][] = [
            ["not enforced (enforce FALSE)", [constraint(), enforcing({ rules: [{ enforce: "FALSE" }] })], /enforce is false/],
            ["only dry run", [constraint(), enforcing(null, { dryRunSpec: { rules: [{ enforce: "TRUE" }] } })], /dryRunSpec/],
            ["only Service", [constraint({ resourceTypes: ["run.googleapis.com/Service"] }), enforcing()], /run\.googleapis\.com\/Job/],
            ["only CREATE", [constraint({ methodTypes: ["CREATE"] }), enforcing()], /UPDATE/],
            [
                "a condition about something else",
                [constraint({ condition: "resource.spec.template.spec.containerConcurrency > 80" }), enforcing()],
                /not one the pack recognises/,
            ],
            [
                "the annotation on the revision template, which Cloud Run ignores for services",
                [
                    constraint({
                        condition: "resource.spec.template.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default'",
                    }),
                    enforcing(),
                ],
                /not one the pack recognises/,
            ],
            [
                "DENY when it IS default",
                [
                    constraint({ condition: "resource.metadata.annotations['run.googleapis.com/binary-authorization'] == 'default'" }),
                    enforcing(),
                ],
                /not one the pack recognises/,
            ],
            [
                "a condition with an escape hatch",
                [constraint({ condition: `${CONDITION} && resource.metadata.name != 'legacy'` }), enforcing()],
                /not one the pack recognises/,
            ],
            [
                "an exception rule",
                [
                    constraint(),
                    enforcing({
                        rules: [{ enforce: "TRUE" }, { enforce: "FALSE", condition: { expression: "resource.matchTag('1/env', 'dev')" } }],
                    }),
                ],
                /enforce is false/,
            ],
            ["a constraint nothing enforces", [constraint()], /not enforced by any/],
            ["an enforced constraint this stack does not define", [constraint({ name: "custom.other" }), enforcing()], /does not define/],
        ];
        for (const [what, resources, why] of weaker) {
            it(`${what}: does not satisfy require, and the violation says why`, async () => {
                one(await run([workload, ...resources]), /custom constraint/, why);
            });
        }
        it("hostile conditions (deep parentheses, a megabyte, wrong types) are weak, never slow or thrown", async () => {
            for (const condition of ["(".repeat(500_000) + ")".repeat(500_000), "x".repeat(1 << 20), 42, null, ["a"]]) {
                one(await run([workload, constraint({ condition }), enforcing()]), /custom constraint/);
            }
        });
        it("unknown parts of the constraint defer", async () => {
            deferred(await run([workload, constraint({ condition: UNKNOWN }), enforcing()]), /condition/);
        });
    });

    describe("item 9: messages name the right kind, the field and the fix", () => {
        const cases: [string, ResourceInput, string[]][] = [
            [
                "a Cloud Run job",
                { type: T.job, name: "j", props: { location: REGION, template: { template: { containers: [{ image: "gcr.io/p/j" }] } } } },
                ["This Cloud Run job", "gcp.cloudrunv2.Job", "gcloud run jobs deploy --binary-authorization default"],
            ],
            [
                "a worker pool",
                { type: T.workerPool, name: "w", props: { location: REGION, template: { containers: [{ image: "gcr.io/p/w" }] } } },
                [
                    "This Cloud Run worker pool",
                    "gcp.cloudrunv2.WorkerPool",
                    "gcloud run worker-pools deploy --binary-authorization default",
                ],
            ],
            [
                "a Cloud Run function (v2 service with buildConfig)",
                {
                    type: T.service,
                    name: "f",
                    props: { location: REGION, buildConfig: {}, template: { containers: [{ image: "gcr.io/p/f" }] } },
                },
                ["This Cloud Run function", "gcp.cloudrunv2.Service", "binaryAuthorization: { useDefault: true }"],
            ],
            [
                "a v1 service",
                { type: T.v1, name: "s", props: { location: REGION, template: { spec: { containers: [{ image: "gcr.io/p/s" }] } } } },
                [
                    "This Cloud Run service (v1 API)",
                    "gcp.cloudrun.Service",
                    'metadata: { annotations: { "run.googleapis.com/binary-authorization": "default" } }',
                ],
            ],
            [
                "a v1 Cloud Run function",
                {
                    ...v1({ "run.googleapis.com/build-function-target": "h" }),
                    props: { ...(v1({}).props as object), metadata: { annotations: { "run.googleapis.com/build-function-target": "h" } } },
                },
                ["This Cloud Run function (v1 API", "gcp.cloudrun.Service"],
            ],
            [
                "a 2nd-gen function",
                { type: T.fn2, name: "fn", props: { location: REGION } },
                [
                    "This Cloud Function (2nd gen)",
                    "gcp.cloudfunctionsv2.Function",
                    "gcloud functions deploy --gen2 --binary-authorization default",
                ],
            ],
        ];
        for (const [what, r, wants] of cases) {
            it(`${what}`, async () => {
                one(await checkResource(binauthzRequired, r), ...wants);
            });
        }
        it("the allowlist message calls a v2 service with buildConfig a Cloud Run function, not a service", async () => {
            const svc: ResourceInput = {
                type: T.service,
                name: "web",
                props: {
                    project: PROJECT,
                    location: REGION,
                    buildConfig: {},
                    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
                },
            };
            const m = one(await checkStack(sourceDeployAllowlist, [svc, binauthz([])]));
            assert.ok(m.includes("Cloud Run function (Cloud Run service with buildConfig) gcp:cloudrunv2/service:Service"), m);
        });
    });
});
