// Adversarial corpus, issue 12 items 3, 4 and 5: config globs that hollow the pack out, allowlist
// patterns that switch Binary Authorization off for real workloads, and breakglass texts that say
// nothing. Data only; test/adversarial.test.ts runs these entries with the main corpus.
import type { PolicyName } from "../../policies/model/config";
import { type ResourceInput, T } from "../harness";
import type { CorpusEntry } from "./corpus";

const REQUIRED: PolicyName = "cloud-run-binauthz-required";
const BREAKGLASS: PolicyName = "cloud-run-breakglass-justified";
const SCOPED: PolicyName = "binauthz-allowlist-scoped";
const EXEMPTS: PolicyName = "binauthz-allowlist-exempts-workload";
const SDA: PolicyName = "binauthz-source-deploy-allowlist";

const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const NAMED = `projects/${PROJECT}/platforms/cloudRun/policies/strict`;
const GOOD_REASON = "INC-1234: rolling back the checkout service after the payment outage";
const RULE = {
    evaluationMode: "REQUIRE_ATTESTATION",
    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
    requireAttestationsBies: ["projects/my-proj/attestors/ci"],
};

function service(props: Record<string, unknown> = {}, name = "api"): ResourceInput {
    return {
        type: T.service,
        name,
        props: { project: PROJECT, location: REGION, template: { containers: [{ image: `${AR}/${PROJECT}/apps/api:1` }] }, ...props },
    };
}
function baPolicy(patterns: string[]): ResourceInput {
    return {
        type: T.binauthz,
        name: "policy",
        props: {
            project: PROJECT,
            admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })),
            defaultAdmissionRule: RULE,
        },
    };
}
function breakglass(j: string, stack = "dev"): ResourceInput {
    return { ...service({ binaryAuthorization: { useDefault: true, breakglassJustification: j } }), stack };
}
const fn2: ResourceInput = {
    type: T.fn2,
    name: "fn",
    props: {
        project: PROJECT,
        location: REGION,
        buildConfig: { runtime: "nodejs20", entryPoint: "h" },
        serviceConfig: { binaryAuthorizationPolicy: "default" },
    },
};

const entries: CorpusEntry[] = [];
const exemption = (resource: string) => ({
    exemptions: [{ resource, reason: "migration to the default policy, PLAT-12", expires: "2026-12-31" }],
});

// Item 3: every glob key, refused syntax and catch-alls.
for (const glob of ["{api,web}", "!(api)", "@(api|web)", "[a-z]*", "[!z]*", "!legacy", "api\\*", "+(api)"]) {
    entries.push({
        id: `globs/exemption-syntax/${glob}`,
        category: "config-mistake",
        policy: REQUIRED,
        input: { resources: [service()], config: exemption(glob) },
        expect: "fail",
        why: "a glob outside the pack's language is refused, never read as minimatch would read it",
        mentions: ["exemptions[0].resource", "cannot be used"],
    });
    entries.push({
        id: `globs/allowed-stacks-syntax/${glob}`,
        category: "config-mistake",
        policy: BREAKGLASS,
        input: { resources: [breakglass(GOOD_REASON)], config: { allowedStacks: [glob] } },
        expect: "fail",
        why: "a refused allowedStacks glob allows no stack",
        mentions: ["allowedStacks glob", "cannot be used"],
    });
}
for (const glob of [
    "**/service:Service::*",
    "urn:pulumi:*::*::gcp:cloudrunv2/service:Service::*",
    "urn:pulumi:dev::proj::gcp:cloudrunv2/service:Service::*",
    "urn:pulumi:dev::**::*",
    "**:*",
    "?*",
    "*",
]) {
    entries.push({
        id: `globs/exemption-catch-all/${glob}`,
        category: "config-mistake",
        policy: REQUIRED,
        input: { resources: [service()], config: exemption(glob) },
        expect: "fail",
        why: "an exemption whose name segment is wildcard-only exempts every resource (of a type)",
        mentions: ["matches everything"],
    });
}
entries.push(
    {
        id: "globs/exemption-named-control",
        category: "config-mistake",
        policy: REQUIRED,
        input: { resources: [service()], config: exemption("urn:pulumi:dev::**::api") },
        expect: "pass",
        why: "control: a URN glob that pins the name exempts that resource",
    },
    {
        id: "globs/allowed-policies-every-project",
        category: "config-mistake",
        policy: REQUIRED,
        input: {
            resources: [service({ binaryAuthorization: { policy: NAMED } })],
            config: { allowedPolicies: ["projects/*/platforms/cloudRun/policies/strict"] },
        },
        expect: "fail",
        why: "a policy named strict in every project is a catch-all over projects",
        mentions: ["allowedPolicies", "every project"],
    },
    {
        id: "globs/allowed-policies-own-project-control",
        category: "config-mistake",
        policy: REQUIRED,
        input: {
            resources: [service({ binaryAuthorization: { policy: NAMED } })],
            config: { allowedPolicies: [`projects/${PROJECT}/platforms/cloudRun/policies/*`] },
        },
        expect: "pass",
        why: "control: every named policy of one project is a deliberate choice",
    },
    {
        id: "globs/allowed-stacks-prefix-control",
        category: "config-mistake",
        policy: BREAKGLASS,
        input: { resources: [breakglass(GOOD_REASON, "prod-eu")], config: { allowedStacks: ["prod-*"] } },
        expect: "pass",
        why: "control: prod-* pins its stack names",
    },
    {
        id: "globs/allowed-patterns-every-project",
        category: "config-mistake",
        policy: SCOPED,
        input: { resources: [baPolicy(["gcr.io/other/**"])], config: { allowedPatterns: ["gcr.io/*/**"] } },
        expect: "fail",
        why: "an allowedPatterns glob over every project of a registry is a catch-all",
        mentions: ["allowedPatterns glob", "every project"],
    },
    {
        id: "globs/external-allowlist-whole-project",
        category: "config-mistake",
        policy: SDA,
        input: { resources: [fn2], config: { externalAllowlist: { [PROJECT]: [`${AR}/${PROJECT}/**`] } } },
        expect: "fail",
        why: "externalAllowlist gets the scope rules of binauthz-allowlist-scoped: a whole project vouches for nothing",
        mentions: ["externalAllowlist", "exempts every repository"],
    },
    {
        id: "globs/external-allowlist-whole-registry",
        category: "config-mistake",
        policy: SDA,
        input: { resources: [fn2], config: { externalAllowlist: { [PROJECT]: ["**"] } } },
        expect: "fail",
        why: "externalAllowlist ** is refused",
        mentions: ["externalAllowlist", "every image"],
    },
);

// Item 4: allowlists that switch Binary Authorization off for real workloads.
for (const pattern of [
    `${AR}/${PROJECT}/apps/**`,
    `${AR}/${PROJECT}/apps/*`,
    `${AR}/${PROJECT}/apps/api:1`,
    `${AR}/${PROJECT}/apps/api*`,
]) {
    entries.push({
        id: `allowlist/exempts-workload/${pattern}`,
        category: "allowlist-lookalike",
        policy: EXEMPTS,
        input: { resources: [baPolicy([pattern]), service({ binaryAuthorization: { useDefault: true } })] },
        expect: "fail",
        why: "the pattern matches the service's image, which Binary Authorization then never checks",
        mentions: ['"api"', "never checks"],
    });
}
entries.push({
    id: "allowlist/exempts-workload/source-deploy-control",
    category: "allowlist-lookalike",
    policy: EXEMPTS,
    input: {
        resources: [
            baPolicy([`${AR}/${PROJECT}/cloud-run-source-deploy/**`]),
            service({
                buildConfig: { sourceLocation: "gs://src/app.zip", functionTarget: "handler" },
                template: { containers: [{ image: `${AR}/${PROJECT}/cloud-run-source-deploy/api:1` }] },
            }),
        ],
    },
    expect: "pass",
    why: "control: the source-deploy repository must be allowlisted for the service built from source into it (issue 19: a pre-built image there is a finding)",
});
for (const pattern of [
    "docker.io/library/*",
    "ghcr.io/acme/**",
    "quay.io/acme/app/**",
    "library/nginx/*",
    `us-central1-d\u043ecker.pkg.dev/${PROJECT}/apps/**`,
]) {
    entries.push({
        id: `allowlist/non-google-registry/${pattern}`,
        category: "allowlist-lookalike",
        policy: SCOPED,
        input: { resources: [baPolicy([pattern])] },
        expect: "fail",
        why: "a wildcard on a registry Google does not run admits whatever anyone pushes there",
        mentions: ["registry Google does not run"],
    });
}
entries.push(
    {
        id: "allowlist/every-pattern-read",
        category: "allowlist-lookalike",
        policy: SCOPED,
        input: { resources: [baPolicy([...Array.from({ length: 12_000 }, (_, i) => `${AR}/${PROJECT}/r${i}/**`), "gcr.io/**"])] },
        expect: "fail",
        why: "pattern 12,000 used to be skipped (only the first 10,000 were read)",
        mentions: ["admissionWhitelistPatterns[12000]"],
    },
    {
        id: "allowlist/600k-stars",
        category: "bounded-output",
        policy: SCOPED,
        input: { resources: [baPolicy([`${"*".repeat(600_000)}x`])] },
        expect: "fail",
        why: "a 600,000-character pattern took 211 s (a quadratic /\\*+$/); now one linear pass",
        mentions: ["wildcard before its end"],
    },
);

// Item 5: breakglass texts.
const fakes: [string, string, string][] = [
    ["asdf", "asdf asdf asdf asdf asdf asdf", "keyboard mash"],
    ["qwerty", "qwerty qwerty uiop qwerty", "keyboard mash"],
    ["jkjk", "jkjkjk jkjkjk jkjkjk jkjkjk", "keyboard mash"],
    ["one-word", "rollback rollback rollback rollback", "repeats one word"],
    ["padded-word", "hotfix n/a n/a n/a n/a n/a n/a", "one word padded"],
    ["cyrillic-na", "п/а п/а п/а п/а п/а п/а п/а", "placeholder"],
    ["cyrillic-todo", "Тоdо Тоdо Тоdо Тоdо Тоdо", "lookalike letters"],
    ["greek-none", "nοne nοne nοne nοne nοne nοne", "lookalike letters"],
    ["escape", "\u001b[2J INC-4211: prod outage, unsigned hotfix image", "control characters"],
];
for (const [id, j, mention] of fakes) {
    entries.push({
        id: `justification/i12/${id}`,
        category: "justification",
        policy: BREAKGLASS,
        input: { resources: [breakglass(j)] },
        expect: "fail",
        why: `says nothing: ${mention}`,
        mentions: [mention],
    });
}
const genuine: [string, string][] = [
    ["yaml-trailing-newline", `${GOOD_REASON}\n`],
    ["korean", "결제 장애로 인한 긴급 롤백, 당직자 승인"],
    ["japanese", "決済障害のため緊急ロールバック、当番承認済み"],
    ["german", "Notfall-Rollback nach Zahlungsausfall, INC-4711, freigegeben von der Bereitschaft"],
    ["arabic", "تراجع عاجل بعد انقطاع خدمة الدفع، بموافقة المناوب INC-4711"],
];
for (const [id, j] of genuine) {
    entries.push({
        id: `justification/i12/genuine-${id}`,
        category: "justification",
        policy: BREAKGLASS,
        input: { resources: [breakglass(j)] },
        expect: "pass",
        why: "a genuine justification passes in any language",
    });
}

/** Issue 12 items 3, 4 and 5. */
export const GLOBS_CORPUS: readonly CorpusEntry[] = entries;
