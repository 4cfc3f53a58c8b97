// Adversarial corpus, issue 19 ("No way around it, third round"), part A: proxy keys in a program's
// inputs (class 1), build-repository laundering (2), Binary Authorization policies of a project
// unknown in preview (3), remote and virtual Artifact Registry repositories (4), catch-all
// exemptions under component parents (5) and org constraint scope (7). Bypass variants, and the
// controls that must keep passing. Data only; test/adversarial.test.ts runs these with the rest.
import type { PolicyName } from "../../policies/model/config";
import { onDefaultPolicy, type ResourceInput, secret, T, templateRunning, UNKNOWN } from "../harness";
import type { CorpusEntry } from "./corpus";

/** An entry of this file: the main corpus's shape, in a category per class of issue 19. */
export type Round3aEntry = Omit<CorpusEntry, "category"> & {
    category: "proxy-keys" | "build-laundering" | "unknown-project-policy" | "upstream-repository" | "component-exemption" | "org-scope";
};

const REQUIRED: PolicyName = "cloud-run-binauthz-required";
const BREAKGLASS: PolicyName = "cloud-run-breakglass-justified";
const SCOPED: PolicyName = "binauthz-allowlist-scoped";
const EXEMPTS: PolicyName = "binauthz-allowlist-exempts-workload";
const SDA: PolicyName = "binauthz-source-deploy-allowlist";
const ORG: PolicyName = "binauthz-org-constraint";
const DEPLOY: PolicyName = "cloud-run-deploy-unverified";

const TARGET = "__getSpecialProxyTarget";
const MARK = "__isSpecialProxy";
const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const SD = `${AR}/${PROJECT}/cloud-run-source-deploy`;
const GCF = `${AR}/${PROJECT}/gcf-artifacts`;
const BUILDS = `${AR}/${PROJECT}/builds`;
const APPS = `${AR}/${PROJECT}/apps`;
const DIGEST = `@sha256:${"e".repeat(64)}`;
const GOOD_REASON = "INC-1234: rolling back the checkout service after the payment outage";
const EXEMPTION_REASON = "migration to signed images tracked in PLAT-12";
const RULE = { evaluationMode: "REQUIRE_ATTESTATION", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" };
const CONSTRAINT = "run.allowedBinaryAuthorizationPolicies";

function workload(type: string, props: Record<string, unknown>, name = "api"): ResourceInput {
    return { type, name, props: { project: PROJECT, location: REGION, template: templateRunning(type, `${APPS}/api:1`), ...props } };
}
function withImage(type: string, image: string, name = "api", extra: Record<string, unknown> = {}): ResourceInput {
    return {
        type,
        name,
        props: { project: PROJECT, location: REGION, ...onDefaultPolicy(type), template: templateRunning(type, image), ...extra },
    };
}
function baPolicy(patterns: unknown[], props: Record<string, unknown> = {}, name = "policy"): ResourceInput {
    return {
        type: T.binauthz,
        name,
        props: {
            project: PROJECT,
            admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })),
            defaultAdmissionRule: RULE,
            ...props,
        },
    };
}
const builderFunction: ResourceInput = {
    type: T.fn2,
    name: "fn",
    props: {
        project: PROJECT,
        location: REGION,
        serviceConfig: { binaryAuthorizationPolicy: "default" },
        buildConfig: { runtime: "nodejs20", dockerRepository: `projects/${PROJECT}/locations/${REGION}/repositories/builds` },
    },
};
function repository(id: string, props: Record<string, unknown>): ResourceInput {
    return {
        type: "gcp:artifactregistry/repository:Repository",
        name: id,
        props: { project: PROJECT, location: REGION, repositoryId: id, format: "DOCKER", ...props },
    };
}
function orgPolicy(
    parent: unknown,
    spec: unknown = { rules: [{ values: { allowedValues: ["default"] } }] },
    name = "constraint",
): ResourceInput {
    return { type: T.orgpolicy, name, props: { name: `projects/x/policies/${CONSTRAINT}`, parent, spec } };
}
const exemption = (resource: string) => ({ exemptions: [{ resource, reason: EXEMPTION_REASON, expires: "2026-12-31" }] });

export const ROUND3A_CORPUS: Round3aEntry[] = [];
const add = (e: Round3aEntry): void => void ROUND3A_CORPUS.push(e);

// ---------------------------------------------------------------------------------------------
// Class 1: proxy keys in a program's own inputs
// ---------------------------------------------------------------------------------------------

for (const type of [T.service, T.job, T.workerPool, "google-native:run/v2:Service"]) {
    add({
        id: `proxy-keys/required/fake-target-in-binaryAuthorization/${type}`,
        category: "proxy-keys",
        policy: REQUIRED,
        input: { resources: [workload(type, { binaryAuthorization: { useDefault: false, [TARGET]: { useDefault: true } } })] },
        expect: "fail",
        why: "the pack must read the real useDefault: false, not the object a program filed under @pulumi/policy's proxy key",
        mentions: ["useDefault: false", TARGET],
    });
}
add({
    id: "proxy-keys/required/mark-and-target",
    category: "proxy-keys",
    policy: REQUIRED,
    input: { resources: [workload(T.service, { binaryAuthorization: { [MARK]: true, [TARGET]: { useDefault: true } } })] },
    expect: "fail",
    why: "a block holding only the proxy keys sets neither useDefault nor policy",
    mentions: ["neither binaryAuthorization.useDefault nor binaryAuthorization.policy"],
});
add({
    id: "proxy-keys/required/fake-target-at-top-level",
    category: "proxy-keys",
    policy: REQUIRED,
    input: {
        resources: [
            workload(T.service, { binaryAuthorization: { useDefault: false }, [TARGET]: { binaryAuthorization: { useDefault: true } } }),
        ],
    },
    expect: "fail",
    why: "the top level is unwrapped only as far as the real proxy goes",
    mentions: ["useDefault: false"],
});
add({
    id: "proxy-keys/required/fake-target-inside-a-secret",
    category: "proxy-keys",
    policy: REQUIRED,
    input: { resources: [workload(T.service, { binaryAuthorization: secret({ useDefault: false, [TARGET]: { useDefault: true } }) })] },
    expect: "fail",
    why: "a secret-wrapped block with a fake target is read as written",
    mentions: ["useDefault: false"],
});
add({
    id: "proxy-keys/required/control-real-on-fake-off",
    category: "proxy-keys",
    policy: REQUIRED,
    input: { resources: [workload(T.service, { binaryAuthorization: { useDefault: true, [TARGET]: { useDefault: false } } })] },
    expect: "pass",
    why: "control: the real setting is on; the fake target says off and must not be read either",
});
add({
    id: "proxy-keys/required/control-harmless-key",
    category: "proxy-keys",
    policy: REQUIRED,
    input: { resources: [workload(T.service, { binaryAuthorization: { useDefault: true }, labels: { [MARK]: "x" } })] },
    expect: "pass",
    why: "control: a proxy key elsewhere changes nothing about a real setting",
});
add({
    id: "proxy-keys/breakglass/fake-target-with-a-good-text",
    category: "proxy-keys",
    policy: BREAKGLASS,
    input: {
        resources: [
            workload(T.service, {
                binaryAuthorization: {
                    useDefault: true,
                    breakglassJustification: "n/a",
                    [TARGET]: { useDefault: true, breakglassJustification: GOOD_REASON },
                },
            }),
        ],
    },
    expect: "fail",
    why: "the real justification is n/a",
    mentions: ["n/a"],
});
for (const [what, entry] of [
    ["in an entry", { namePattern: "**", [TARGET]: { namePattern: `${SD}/**` } }],
    ["with the mark", { namePattern: "gcr.io/**", [MARK]: true, [TARGET]: { namePattern: `${SD}/**` } }],
] as const) {
    add({
        id: `proxy-keys/scoped/hollow-pattern-${what}`,
        category: "proxy-keys",
        policy: SCOPED,
        input: {
            resources: [
                {
                    type: T.binauthz,
                    name: "policy",
                    props: { project: PROJECT, defaultAdmissionRule: RULE, admissionWhitelistPatterns: [entry] },
                },
            ],
        },
        expect: "fail",
        why: "a hollow allowlist pattern behind a fake target is still hollow",
        mentions: [/every image|whole registry/],
    });
}
add({
    id: "proxy-keys/scoped/fake-default-rule",
    category: "proxy-keys",
    policy: SCOPED,
    input: {
        resources: [
            baPolicy([`${SD}/**`], {
                defaultAdmissionRule: { evaluationMode: "ALWAYS_ALLOW", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG", [TARGET]: RULE },
            }),
        ],
    },
    expect: "fail",
    why: "ALWAYS_ALLOW behind a fake target still admits everything",
    mentions: ["ALWAYS_ALLOW"],
});
add({
    id: "proxy-keys/scoped/control-good-pattern-fake-hollow",
    category: "proxy-keys",
    policy: SCOPED,
    input: {
        resources: [
            {
                type: T.binauthz,
                name: "policy",
                props: {
                    project: PROJECT,
                    defaultAdmissionRule: RULE,
                    admissionWhitelistPatterns: [{ namePattern: `${SD}/**`, [TARGET]: { namePattern: "**" } }],
                },
            },
        ],
    },
    expect: "pass",
    why: "control: the real pattern is one repository; a fake ** behind the key is not read",
});
add({
    id: "proxy-keys/exempts-workload/fake-container-image",
    category: "proxy-keys",
    policy: EXEMPTS,
    input: {
        resources: [
            baPolicy([`${APPS}/**`]),
            workload(T.service, {
                binaryAuthorization: { useDefault: true },
                template: { containers: [{ image: `${APPS}/api:1`, [TARGET]: { image: "gcr.io/elsewhere/x:1" } }] },
            }),
        ],
    },
    expect: "fail",
    why: "the container's real image is exempted by the pattern",
    mentions: ["never checks"],
});
add({
    id: "proxy-keys/source-deploy-allowlist/fake-docker-repository",
    category: "proxy-keys",
    policy: SDA,
    input: {
        resources: [
            baPolicy([`${APPS}/**`]),
            {
                ...builderFunction,
                props: {
                    ...(builderFunction.props as Record<string, unknown>),
                    buildConfig: {
                        runtime: "nodejs20",
                        [TARGET]: { dockerRepository: `projects/${PROJECT}/locations/${REGION}/repositories/apps` },
                    },
                },
            },
        ],
    },
    expect: "fail",
    why: "the function's real build writes to gcf-artifacts, which the policy does not exempt",
    mentions: ["gcf-artifacts"],
});
add({
    id: "proxy-keys/org-constraint/fake-spec",
    category: "proxy-keys",
    policy: ORG,
    input: {
        resources: [
            orgPolicy("projects/my-proj", {
                rules: [{ allowAll: "TRUE" }],
                [TARGET]: { rules: [{ values: { allowedValues: ["default"] } }] },
            }),
        ],
    },
    expect: "fail",
    why: "the real spec allows every policy",
    mentions: ["allowAll"],
});

// ---------------------------------------------------------------------------------------------
// Class 2: build-repository laundering
// ---------------------------------------------------------------------------------------------

for (const [what, pattern, image, type] of [
    ["dockerRepository, a service", `${BUILDS}/**`, `${BUILDS}/api:1`, T.service],
    ["dockerRepository, a job", `${BUILDS}/**`, `${BUILDS}/batch${DIGEST}`, T.job],
    ["dockerRepository, a worker pool", `${BUILDS}/*`, `${BUILDS}/pool:2`, T.workerPool],
    ["dockerRepository, a v1 service", `${BUILDS}/api*`, `${BUILDS}/api-legacy:3`, T.v1],
    ["cloud-run-source-deploy, a job", `${SD}/**`, `${SD}/reindex`, T.job],
    ["cloud-run-source-deploy, a service without buildConfig", `${SD}/**`, `${SD}/api:v1`, T.service],
    ["gcf-artifacts, a service", `${GCF}/**`, `${GCF}/fn/cache:latest`, T.service],
    ["an exact image in a build repository", `${BUILDS}/api${DIGEST}`, `${BUILDS}/api${DIGEST}`, T.service],
] as const) {
    add({
        id: `build-laundering/${what}`,
        category: "build-laundering",
        policy: EXEMPTS,
        input: { resources: [baPolicy([pattern]), builderFunction, withImage(type, image)] },
        expect: "fail",
        why: "a pre-built image in an allowlisted build repository is never checked; the exception belongs to the workloads that build there",
        mentions: ["pre-built image", '"api"', "Fix: push the image"],
    });
}
add({
    id: "build-laundering/imageUri-of-another-service",
    category: "build-laundering",
    policy: EXEMPTS,
    input: {
        resources: [
            baPolicy([`${BUILDS}/**`]),
            withImage(T.service, `${BUILDS}/web:1`, "web", {
                buildConfig: { sourceLocation: "gs://src/app.zip", functionTarget: "h", imageUri: `${BUILDS}/web:1` },
            }),
            withImage(T.service, `${BUILDS}/api:1`),
        ],
    },
    expect: "fail",
    why: "web builds into builds/; api's pre-built image there is laundered through web's exception",
    mentions: ['"api"', "pre-built image"],
});
add({
    id: "build-laundering/other-region-source-deploy",
    category: "build-laundering",
    policy: EXEMPTS,
    input: {
        resources: [
            baPolicy([`europe-west1-docker.pkg.dev/${PROJECT}/cloud-run-source-deploy/**`]),
            withImage(T.service, `europe-west1-docker.pkg.dev/${PROJECT}/cloud-run-source-deploy/web:1`, "web", {
                buildConfig: { sourceLocation: "gs://src/app.zip", functionTarget: "h" },
            }),
        ],
    },
    expect: "fail",
    why: "a service built in us-central1 builds into us-central1's cloud-run-source-deploy; the europe-west1 image is pre-built",
    mentions: ['"web"', "pre-built image"],
});
add({
    id: "build-laundering/unknown-build",
    category: "build-laundering",
    policy: EXEMPTS,
    input: { resources: [baPolicy([`${SD}/**`]), withImage(T.service, `${SD}/web:1`, "web", { buildConfig: UNKNOWN })] },
    expect: "advisory",
    why: "whether the service builds there is unknown during preview",
    mentions: ["buildConfig"],
});
for (const [what, resources, config] of [
    [
        "a source-built service's own image",
        [
            baPolicy([`${SD}/**`]),
            withImage(T.service, `${SD}/web:1`, "web", { buildConfig: { sourceLocation: "gs://src/app.zip", functionTarget: "h" } }),
        ],
        {},
    ],
    [
        "a service writing to its buildConfig.imageUri",
        [
            baPolicy([`${BUILDS}/**`]),
            withImage(T.service, `${BUILDS}/web:1`, "web", {
                buildConfig: { sourceLocation: "gs://src/app.zip", functionTarget: "h", imageUri: `${BUILDS}/web:1` },
            }),
        ],
        {},
    ],
    ["the builder function alone", [baPolicy([`${BUILDS}/**`, `${GCF}/**`]), builderFunction], {}],
    [
        "allowedPatterns",
        [baPolicy([`${BUILDS}/**`]), builderFunction, withImage(T.service, `${BUILDS}/api:1`)],
        { allowedPatterns: [`${BUILDS}/**`] },
    ],
    ["an exempt workload", [baPolicy([`${BUILDS}/**`]), builderFunction, withImage(T.service, `${BUILDS}/api:1`)], exemption("api")],
    [
        "an attested image outside build repositories",
        [baPolicy([`${SD}/**`, `${GCF}/**`]), withImage(T.service, `${APPS}/api${DIGEST}`)],
        {},
    ],
] as const) {
    add({
        id: `build-laundering/control/${what}`,
        category: "build-laundering",
        policy: EXEMPTS,
        input: { resources: [...resources], config },
        expect: "pass",
        why: "control: the workloads that build into the repository, or deliberate exceptions, keep passing",
    });
}

// ---------------------------------------------------------------------------------------------
// Class 3: a Binary Authorization policy whose project is unknown in preview
// ---------------------------------------------------------------------------------------------

add({
    id: "unknown-project-policy/exempts-a-workload",
    category: "unknown-project-policy",
    policy: EXEMPTS,
    input: { resources: [baPolicy([`${APPS}/**`], { project: UNKNOWN }), withImage(T.service, `${APPS}/api:1`)] },
    expect: "advisory",
    why: "the policy might be the workload's project's: undecidable in preview",
    mentions: ["project"],
});
add({
    id: "unknown-project-policy/launders-a-workload",
    category: "unknown-project-policy",
    policy: EXEMPTS,
    input: { resources: [baPolicy([`${SD}/**`], { project: UNKNOWN }), withImage(T.job, `${SD}/reindex`)] },
    expect: "advisory",
    why: "the build-repository pattern would launder the job's image if the policy is its project's",
    mentions: ["project"],
});
add({
    id: "unknown-project-policy/explicit-provider-without-project",
    category: "unknown-project-policy",
    policy: EXEMPTS,
    input: {
        resources: [
            {
                type: T.binauthz,
                name: "policy",
                props: { admissionWhitelistPatterns: [{ namePattern: `${APPS}/**` }], defaultAdmissionRule: RULE },
                provider: { name: "explicit", props: {} },
            },
            withImage(T.service, `${APPS}/api:1`),
        ],
    },
    expect: "advisory",
    why: "an explicit provider without project takes it from its environment: unknown to the pack",
    mentions: ["project"],
});
add({
    id: "unknown-project-policy/deny",
    category: "unknown-project-policy",
    policy: EXEMPTS,
    input: {
        resources: [baPolicy([`${APPS}/**`], { project: UNKNOWN }), withImage(T.service, `${APPS}/api:1`)],
        config: { onUnknown: "deny" },
    },
    expect: "fail",
    why: "onUnknown: deny fails closed",
    mentions: ["project is unknown during preview"],
});
add({
    id: "unknown-project-policy/control-nothing-matches",
    category: "unknown-project-policy",
    policy: EXEMPTS,
    input: { resources: [baPolicy([`${AR}/${PROJECT}/vendor/**`], { project: UNKNOWN }), withImage(T.service, `${APPS}/api:1`)] },
    expect: "pass",
    why: "control: no pattern of the policy exempts anything in the stack, whatever its project",
});

// ---------------------------------------------------------------------------------------------
// Class 4: remote and virtual Artifact Registry repositories
// ---------------------------------------------------------------------------------------------

const remote = repository("dockerhub", {
    mode: "REMOTE_REPOSITORY",
    remoteRepositoryConfig: { dockerRepository: { publicRepository: "DOCKER_HUB" } },
});
const virtual = repository("all", {
    mode: "VIRTUAL_REPOSITORY",
    virtualRepositoryConfig: {
        upstreamPolicies: [{ id: "hub", repository: `projects/${PROJECT}/locations/${REGION}/repositories/dockerhub`, priority: 1 }],
    },
});
for (const [what, pattern, repos] of [
    ["remote, whole repository", `${AR}/${PROJECT}/dockerhub/**`, [remote]],
    ["remote, one segment", `${AR}/${PROJECT}/dockerhub/library/*`, [remote]],
    ["remote, a tag", `${AR}/${PROJECT}/dockerhub/library/nginx:latest`, [remote]],
    ["remote, a stem lookalike", `${AR}/${PROJECT}/dockerh**`, [remote]],
    ["virtual with a remote upstream", `${AR}/${PROJECT}/all/**`, [remote, virtual]],
    ["virtual alone", `${AR}/${PROJECT}/all/library/*`, [virtual]],
] as const) {
    add({
        id: `upstream-repository/${what}`,
        category: "upstream-repository",
        policy: EXEMPTS,
        input: { resources: [baPolicy([pattern]), ...repos] },
        expect: "fail",
        why: "an allowlist pattern on a remote or virtual repository exempts whatever its upstream serves",
        mentions: ["hollow", "mode"],
    });
}
for (const [what, pattern, repos] of [
    ["a digest-pinned image in a remote repository", `${AR}/${PROJECT}/dockerhub/library/nginx${DIGEST}`, [remote]],
    ["a standard repository", `${AR}/${PROJECT}/dockerhub/**`, [repository("dockerhub", { mode: "STANDARD_REPOSITORY" })]],
    ["a mode unknown in preview", `${AR}/${PROJECT}/dockerhub/**`, [repository("dockerhub", { mode: UNKNOWN })]],
    ["a name that sounds remote, no mode", `${AR}/${PROJECT}/dockerhub-remote/**`, [repository("dockerhub-remote", {})]],
    ["a repository the stack does not declare", `${AR}/${PROJECT}/dockerhub/**`, []],
    [
        "a remote repository of another format",
        `${AR}/${PROJECT}/dockerhub/**`,
        [repository("dockerhub", { mode: "REMOTE_REPOSITORY", format: "NPM" })],
    ],
] as const) {
    add({
        id: `upstream-repository/control/${what}`,
        category: "upstream-repository",
        policy: EXEMPTS,
        input: { resources: [baPolicy([pattern]), ...repos] },
        expect: "pass",
        why: "control: nothing new where the mode cannot be seen or nothing upstream is exempted",
    });
}

// ---------------------------------------------------------------------------------------------
// Class 5: catch-all exemptions under component parents
// ---------------------------------------------------------------------------------------------

const offService = (urn: string): ResourceInput => ({
    type: T.service,
    name: "api",
    urn,
    props: { project: PROJECT, location: REGION, template: { containers: [{ image: `${APPS}/api:1` }] } },
});
const SERVICE = T.service;
for (const [parents, glob] of [
    ["my:component:Api", `urn:pulumi:dev::proj::my:component:Api$${SERVICE}::*`],
    ["acme:index:Platform$acme:index:Api", `urn:pulumi:dev::proj::acme:index:Platform$acme:index:Api$${SERVICE}::*`],
    ["kubernetes:helm.sh/v3:Chart", `urn:pulumi:dev::proj::kubernetes:helm.sh/v3:Chart$${SERVICE}::**`],
    ["my:component:Api", `urn:pulumi:*::*::**$${SERVICE}::?*`],
    ["a:b:C$d:e:F$g:h:I", `urn:pulumi:dev::proj::a:b:C$d:e:F$g:h:I$${SERVICE}::*`],
] as const) {
    add({
        id: `component-exemption/${glob}`,
        category: "component-exemption",
        policy: REQUIRED,
        input: { resources: [offService(`urn:pulumi:dev::proj::${parents}$${SERVICE}::api`)], config: exemption(glob) },
        expect: "fail",
        why: "a wildcard-only name under a component parent exempts every such child: refused, so the child is checked",
        mentions: ["matches everything", "Binary Authorization is off"],
    });
}
add({
    id: "component-exemption/command-under-component",
    category: "component-exemption",
    policy: DEPLOY,
    input: {
        resources: [
            {
                type: "command:local:Command",
                name: "deploy",
                urn: "urn:pulumi:dev::proj::my:component:Deploy$command:local:Command::deploy",
                props: { create: "gcloud run deploy api --image gcr.io/p/a:1" },
            },
        ],
        config: exemption("urn:pulumi:dev::proj::my:component:Deploy$command:local:Command::*"),
    },
    expect: "fail",
    why: "a catch-all over the Commands of a component is refused",
    mentions: ["matches everything"],
});
add({
    id: "component-exemption/control-exact-child-urn",
    category: "component-exemption",
    policy: REQUIRED,
    input: {
        resources: [offService(`urn:pulumi:dev::proj::acme:index:Platform$acme:index:Api$${SERVICE}::api`)],
        config: exemption(`urn:pulumi:dev::proj::acme:index:Platform$acme:index:Api$${SERVICE}::api`),
    },
    expect: "pass",
    why: "control: an exact child URN still exempts",
});

// ---------------------------------------------------------------------------------------------
// Class 7: org constraint scope
// ---------------------------------------------------------------------------------------------

const svc = (project: unknown, name = "svc"): ResourceInput => ({
    type: T.service,
    name,
    props: { project, location: REGION, binaryAuthorization: { useDefault: true } },
});
const legacyProject = (project: string): ResourceInput => ({
    type: "gcp:projects/organizationPolicy:OrganizationPolicy",
    name: "legacy",
    props: { project, constraint: `constraints/${CONSTRAINT}`, listPolicy: { allow: { values: ["default"] } } },
});
for (const [what, resources] of [
    ["a v2 constraint on another project", [orgPolicy("projects/other-proj"), svc(PROJECT)]],
    ["a legacy constraint on another project", [legacyProject("other-proj"), svc(PROJECT)]],
    ["a constraint on one of two projects", [orgPolicy(`projects/${PROJECT}`), svc(PROJECT, "a"), svc("other-proj", "b")]],
    ["a project named by number", [orgPolicy("projects/1234567890"), svc(PROJECT)]],
] as const) {
    add({
        id: `org-scope/${what}`,
        category: "org-scope",
        policy: ORG,
        input: { resources: [...resources], config: { require: true } },
        expect: "fail",
        why: "a project-level org policy binds only its own project",
        mentions: ["binds only its own project"],
    });
}
add({
    id: "org-scope/unknown-parent",
    category: "org-scope",
    policy: ORG,
    input: { resources: [orgPolicy(UNKNOWN), svc(PROJECT)], config: { require: true } },
    expect: "advisory",
    why: "which projects the constraint binds is unknown during preview",
    mentions: ["parent"],
});
for (const [what, constraint] of [
    ["a folder", orgPolicy("folders/456")],
    ["the organization", orgPolicy("organizations/123")],
    ["the workload's own project", orgPolicy(`projects/${PROJECT}`)],
] as const) {
    add({
        id: `org-scope/control/${what}`,
        category: "org-scope",
        policy: ORG,
        input: { resources: [constraint, svc(PROJECT)], config: { require: true } },
        expect: "pass",
        why: "control: a folder or organization constraint counts for every workload (trusted); the own project's counts for its workloads",
    });
}
