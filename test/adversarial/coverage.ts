// Adversarial corpus, issue 12 items 1, 2, 6, 7, 8 and 9: ways to put code on Cloud Run past the
// pack (other providers, other APIs, scripts, unknown types, projects it cannot match) and messages
// that must name the right kind. Data only; test/adversarial.test.ts runs these with the main corpus.
import type { PolicyName } from "../../policies/model/config";
import { type ResourceInput, T, UNKNOWN } from "../harness";
import type { CorpusEntry } from "./corpus";

/** An entry of this file: the main corpus's shape, in its own category. */
export type CoverageEntry = Omit<CorpusEntry, "category"> & { category: "coverage" };

const SDA: PolicyName = "binauthz-source-deploy-allowlist";
const UNVERIFIED: PolicyName = "binauthz-allowlist-unverified";
const REQUIRED: PolicyName = "cloud-run-binauthz-required";
const BREAKGLASS: PolicyName = "cloud-run-breakglass-justified";
const ORG: PolicyName = "binauthz-org-constraint";
const DEPLOY: PolicyName = "cloud-run-deploy-unverified";

const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const SRC = `${AR}/${PROJECT}/cloud-run-source-deploy/**`;
const GCF = `${AR}/${PROJECT}/gcf-artifacts/**`;
const ON = { "run.googleapis.com/binary-authorization": "default" };

function policy(patterns: string[], project = PROJECT): ResourceInput {
    return {
        type: T.binauthz,
        name: "binauthz",
        props: { project, admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })) },
    };
}
function gn(type: string, props: Record<string, unknown>, name = "gn"): ResourceInput {
    return { type: `google-native:${type}`, name, props: { project: PROJECT, location: REGION, ...props } };
}
function v1(annotations: Record<string, unknown>, name = "v1fn"): ResourceInput {
    return {
        type: T.v1,
        name,
        props: {
            project: PROJECT,
            location: REGION,
            metadata: { annotations: { ...ON, ...annotations } },
            template: { spec: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] } },
        },
    };
}
function command(create: unknown, type = "command:local:Command"): ResourceInput {
    return { type, name: "deploy", props: { create } };
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
function customConstraint(extra: Record<string, unknown> = {}): ResourceInput {
    return {
        type: "gcp:orgpolicy/customConstraint:CustomConstraint",
        name: "require-binauthz",
        props: {
            name: "custom.requireBinauthz",
            parent: "organizations/123",
            resourceTypes: ["run.googleapis.com/Service", "run.googleapis.com/Job"],
            methodTypes: ["CREATE", "UPDATE"],
            actionType: "DENY",
            condition: "resource.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default'",
            ...extra,
        },
    };
}
function enforced(spec: unknown = { rules: [{ enforce: "TRUE" }] }, extra: Record<string, unknown> = {}): ResourceInput {
    return {
        type: T.orgpolicy,
        name: "enforce",
        props: { name: `projects/${PROJECT}/policies/custom.requireBinauthz`, parent: `projects/${PROJECT}`, spec, ...extra },
    };
}

export const COVERAGE_CORPUS: CoverageEntry[] = [
    // ---- item 1: google-native and deploys outside the pack's view --------------------------------
    {
        id: "gn-run-v2-service-no-binauthz",
        category: "coverage",
        policy: REQUIRED,
        input: { resources: [gn("run/v2:Service", { template: { containers: [{ image: "gcr.io/p/a" }] } })] },
        expect: "fail",
        why: "google-native run/v2 Service is a Cloud Run service like gcp's: Binary Authorization is off",
        mentions: ["google-native run/v2", "binaryAuthorization: { useDefault: true }"],
    },
    {
        id: "gn-run-v2-job-useDefault-string",
        category: "coverage",
        policy: REQUIRED,
        input: {
            resources: [
                gn("run/v2:Job", { binaryAuthorization: { useDefault: "true" }, template: { template: { containers: [{ image: "x" }] } } }),
            ],
        },
        expect: "fail",
        why: "the string 'true' is not the boolean the API takes",
        mentions: ["binaryAuthorization.useDefault"],
    },
    {
        id: "gn-run-v2-named-policy-dropped",
        category: "coverage",
        policy: REQUIRED,
        input: {
            resources: [
                gn("run/v2:Service", {
                    binaryAuthorization: { policy: `projects/${PROJECT}/platforms/cloudRun/policies/p` },
                    template: { containers: [] },
                }),
            ],
            config: { allowedPolicies: [`projects/${PROJECT}/platforms/cloudRun/policies/*`] },
        },
        expect: "fail",
        why: "google-native's run/v2 schema has no binaryAuthorization.policy: the provider drops it",
        mentions: ["drops it"],
    },
    {
        id: "gn-run-v1-template-annotation",
        category: "coverage",
        policy: REQUIRED,
        input: {
            resources: [
                gn("run/v1:Service", {
                    metadata: { name: "s" },
                    spec: { template: { metadata: { annotations: ON }, spec: { containers: [] } } },
                }),
            ],
        },
        expect: "fail",
        why: "the annotation under spec.template.metadata is ignored for a Service",
        mentions: ["spec.template.metadata"],
    },
    {
        id: "gn-run-v1-service-ok",
        category: "coverage",
        policy: REQUIRED,
        input: { resources: [gn("run/v1:Service", { metadata: { annotations: ON }, spec: { template: { spec: { containers: [] } } } })] },
        expect: "pass",
        why: "the annotation on the Service's own metadata is where Cloud Run reads it",
    },
    {
        id: "gn-functions-v2-field-dropped",
        category: "coverage",
        policy: REQUIRED,
        input: { resources: [gn("cloudfunctions/v2:Function", { serviceConfig: { binaryAuthorizationPolicy: "default" } })] },
        expect: "fail",
        why: "google-native cloudfunctions/v2 has no binaryAuthorizationPolicy: the value never reaches the API",
        mentions: ["gcp.cloudfunctionsv2.Function"],
    },
    {
        id: "gn-run-v2-breakglass-placeholder",
        category: "coverage",
        policy: BREAKGLASS,
        input: { resources: [gn("run/v2:Service", { binaryAuthorization: { useDefault: true, breakglassJustification: "n/a" } })] },
        expect: "fail",
        why: "breakglass on google-native must be justified too",
        mentions: ["binaryAuthorization.breakglassJustification"],
    },
    {
        id: "gn-functions-v1-gen1",
        category: "coverage",
        policy: DEPLOY,
        input: { resources: [gn("cloudfunctions/v1:Function", { runtime: "nodejs20" })] },
        expect: "fail",
        why: "google-native's Cloud Functions v1 API is 1st gen",
        mentions: ["1st-gen", "google_native.cloudfunctions.v1.Function"],
    },
    {
        id: "command-gcloud-run-deploy",
        category: "coverage",
        policy: DEPLOY,
        input: { resources: [command("npm run build && gcloud run deploy api --source . --region us-central1")] },
        expect: "fail",
        why: "a gcloud deploy in a Command skips every resource check",
        mentions: ["without --binary-authorization=default"],
    },
    {
        id: "command-gcloud-quoted-continued",
        category: "coverage",
        policy: DEPLOY,
        input: {
            resources: [command('gcloud beta run jobs deploy j \\\n  --image x \\\n  --region "us-central1"', "command:remote:Command")],
        },
        expect: "fail",
        why: "beta track, line continuations and quoting do not hide a job deploy",
        mentions: ["Cloud Run job"],
    },
    {
        id: "command-gcloud-nested-shell",
        category: "coverage",
        policy: DEPLOY,
        input: { resources: [command("sh -c 'gcloud functions deploy f --gen2 --runtime nodejs20'")] },
        expect: "fail",
        why: "a deploy inside sh -c '…' is still a deploy",
        mentions: ["Cloud Run function"],
    },
    {
        id: "command-gcloud-binauthz-default",
        category: "coverage",
        policy: DEPLOY,
        input: { resources: [command("gcloud run deploy api --image x --binary-authorization default")] },
        expect: "pass",
        why: "--binary-authorization default (two words) is the fix",
    },
    {
        id: "command-gcloud-clear-after-default",
        category: "coverage",
        policy: DEPLOY,
        input: { resources: [command("gcloud run deploy api --image x --binary-authorization=default --clear-binary-authorization")] },
        expect: "fail",
        why: "the last flag wins: cleared",
        mentions: ["--clear-binary-authorization"],
    },
    {
        id: "command-hostile-quotes",
        category: "coverage",
        policy: DEPLOY,
        input: { resources: [command(`gcloud run deploy ${"'\"".repeat(50_000)}`)] },
        expect: "fail",
        why: "unbalanced quotes never throw; the deploy is still named",
        mentions: ["gcloud run deploy"],
    },
    {
        id: "app-hosting-backend",
        category: "coverage",
        policy: DEPLOY,
        input: {
            resources: [
                { type: "gcp:firebase/appHostingBackend:AppHostingBackend", name: "web", props: { backendId: "web", location: REGION } },
            ],
        },
        expect: "fail",
        why: "App Hosting deploys to a Cloud Run service the pack cannot see",
        mentions: ["App Hosting"],
    },
    {
        id: "cloud-deploy-run-target",
        category: "coverage",
        policy: DEPLOY,
        input: {
            resources: [
                {
                    type: "gcp:clouddeploy/target:Target",
                    name: "prod",
                    props: { location: REGION, run: { location: `projects/${PROJECT}/locations/${REGION}` } },
                },
            ],
        },
        expect: "fail",
        why: "Cloud Deploy renders manifests the pack cannot see",
        mentions: ["Cloud Deploy"],
    },
    {
        id: "unknown-run-api-version",
        category: "coverage",
        policy: DEPLOY,
        input: { resources: [{ type: "gcp:cloudrunv3/service:Service", name: "next", props: {} }] },
        expect: "fail",
        why: "a new API version is a type the pack has not checked",
        mentions: ["was not checked"],
    },
    {
        id: "iam-member-silent",
        category: "coverage",
        policy: DEPLOY,
        input: {
            resources: [{ type: "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", name: "invoker", props: { member: "allUsers" } }],
        },
        expect: "pass",
        why: "IAM deploys no code",
    },
    // ---- item 2: v1 source builds -------------------------------------------------------------------
    {
        id: "v1-function-target-needs-exemption",
        category: "coverage",
        policy: SDA,
        input: { resources: [v1({ "run.googleapis.com/build-function-target": "handler" }), policy([])] },
        expect: "fail",
        why: "a Cloud Run function deployed through the v1 API builds into cloud-run-source-deploy",
        mentions: [SRC],
    },
    {
        id: "v1-build-image-uri-repository",
        category: "coverage",
        policy: SDA,
        input: { resources: [v1({ "run.googleapis.com/build-image-uri": `${AR}/${PROJECT}/fns/h` }), policy([SRC])] },
        expect: "fail",
        why: "with build-image-uri the image's own repository must be exempt",
        mentions: [`${AR}/${PROJECT}/fns/**`],
    },
    // ---- item 6: what cannot be seen is said ----------------------------------------------------------
    {
        id: "v1-function-unverified",
        category: "coverage",
        policy: UNVERIFIED,
        input: { resources: [v1({ "run.googleapis.com/build-source-location": "gs://b/s.zip" })] },
        expect: "fail",
        why: "no policy for the project in the stack and no externalAllowlist: the exemption cannot be verified",
        mentions: ["cannot see the Binary Authorization policy"],
    },
    {
        id: "gn-v1-function-unverified",
        category: "coverage",
        policy: UNVERIFIED,
        input: {
            resources: [gn("run/v1:Service", { metadata: { annotations: { ...ON, "run.googleapis.com/build-function-target": "h" } } })],
        },
        expect: "fail",
        why: "a google-native v1 Cloud Run function's exemption cannot be verified either",
        mentions: [SRC],
    },
    // ---- item 7: projects -----------------------------------------------------------------------------
    {
        id: "project-number-not-matched",
        category: "coverage",
        policy: SDA,
        input: {
            resources: [{ type: T.fn2, name: "fn", props: { project: "123456789012", location: REGION } }, policy([GCF], "123456789012")],
        },
        expect: "pass",
        why: "a project number is never compared as a project id: no block built on a pattern with a number in it",
    },
    {
        id: "project-number-reported",
        category: "coverage",
        policy: UNVERIFIED,
        input: { resources: [{ type: T.fn2, name: "fn", props: { project: "123456789012", location: REGION } }] },
        expect: "fail",
        why: "the pack says it cannot match a project given by number",
        mentions: ["by number"],
    },
    {
        id: "explicit-provider-no-project",
        category: "coverage",
        policy: SDA,
        input: { resources: [{ type: T.fn2, name: "fn", props: { location: REGION }, provider: { name: "prod", props: {} } }, policy([])] },
        expect: "advisory",
        why: "an explicit provider without project takes it from its environment: unknown, so onUnknown decides",
        mentions: ["explicit provider"],
    },
    {
        id: "explicit-provider-no-project-deny",
        category: "coverage",
        policy: SDA,
        input: {
            resources: [{ type: T.fn2, name: "fn", props: { location: REGION }, provider: { name: "prod", props: {} } }, policy([])],
            config: { onUnknown: "deny" },
        },
        expect: "fail",
        why: "onUnknown: deny fails closed on the unknown project",
        mentions: ["explicit provider"],
    },
    // ---- item 8: custom constraint ---------------------------------------------------------------------
    {
        id: "custom-constraint-enforced",
        category: "coverage",
        policy: ORG,
        input: { resources: [workload, customConstraint(), enforced()], config: { require: true } },
        expect: "pass",
        why: "an enforced custom constraint that demands Binary Authorization counts like the list constraint",
    },
    {
        id: "custom-constraint-service-only",
        category: "coverage",
        policy: ORG,
        input: {
            resources: [workload, customConstraint({ resourceTypes: ["run.googleapis.com/Service"] }), enforced()],
            config: { require: true },
        },
        expect: "fail",
        why: "jobs are left out",
        mentions: ["run.googleapis.com/Job"],
    },
    {
        id: "custom-constraint-dry-run",
        category: "coverage",
        policy: ORG,
        input: {
            resources: [workload, customConstraint(), enforced(null, { dryRunSpec: { rules: [{ enforce: "TRUE" }] } })],
            config: { require: true },
        },
        expect: "fail",
        why: "dry run audits, it does not enforce",
        mentions: ["dryRunSpec"],
    },
    {
        id: "custom-constraint-escape-hatch",
        category: "coverage",
        policy: ORG,
        input: {
            resources: [
                workload,
                customConstraint({
                    condition:
                        "resource.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default' && resource.metadata.name != 'legacy'",
                }),
                enforced(),
            ],
            config: { require: true },
        },
        expect: "fail",
        why: "a condition with an extra clause exempts what it matches",
        mentions: ["not one the pack recognises"],
    },
    {
        id: "custom-constraint-unknown-condition",
        category: "coverage",
        policy: ORG,
        input: { resources: [workload, customConstraint({ condition: UNKNOWN }), enforced()], config: { require: true } },
        expect: "advisory",
        why: "an unknown condition is decided at pulumi up",
        mentions: ["condition"],
    },
    // ---- item 9: messages name the right kind ----------------------------------------------------------
    {
        id: "message-cloud-run-function",
        category: "coverage",
        policy: REQUIRED,
        input: { resources: [{ type: T.service, name: "fn", props: { location: REGION, buildConfig: {}, template: { containers: [] } } }] },
        expect: "fail",
        why: "a v2 service with buildConfig is a Cloud Run function, not a 'Cloud Run service'",
        mentions: ["This Cloud Run function", "gcp.cloudrunv2.Service"],
    },
    {
        id: "message-worker-pool",
        category: "coverage",
        policy: REQUIRED,
        input: { resources: [{ type: T.workerPool, name: "wp", props: { location: REGION, template: { containers: [] } } }] },
        expect: "fail",
        why: "a worker pool's fix is its own gcloud command",
        mentions: ["This Cloud Run worker pool", "gcloud run worker-pools deploy --binary-authorization default"],
    },
    {
        id: "message-v1-function",
        category: "coverage",
        policy: REQUIRED,
        input: {
            resources: [
                {
                    type: T.v1,
                    name: "v1fn",
                    props: {
                        location: REGION,
                        metadata: { annotations: { "run.googleapis.com/build-function-target": "h" } },
                        template: { spec: { containers: [] } },
                    },
                },
            ],
        },
        expect: "fail",
        why: "a v1 Service with build-function-target is a Cloud Run function",
        mentions: ["This Cloud Run function (v1 API", "gcp.cloudrun.Service"],
    },
    {
        id: "message-gen2-function",
        category: "coverage",
        policy: REQUIRED,
        input: { resources: [{ type: T.fn2, name: "fn", props: { location: REGION } }] },
        expect: "fail",
        why: "a 2nd-gen function's fix is gcloud functions deploy --gen2",
        mentions: ["gcp.cloudfunctionsv2.Function", "gcloud functions deploy --gen2 --binary-authorization default"],
    },
];
