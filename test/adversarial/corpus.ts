// The adversarial corpus (issue 5): hostile and careless inputs, each with the verdict the pack
// must give and why. Data only; test/adversarial.test.ts runs every entry through the harness.
//
// Verdicts: "fail" = at least one violation (at the policy's level; advisory policies report their
// findings as violations too), "advisory" = no violation but the pack's deferred-check advisory,
// "pass" = neither. A "fail" entry lists what its message must mention (the property, the pattern
// or the reason), so that a violation is never an unexplained one.
import type { PolicyName } from "../../policies/model/config";
import { type ResourceInput, secret, T, UNKNOWN } from "../harness";

export type Verdict = "pass" | "fail" | "advisory";

export type Category =
    "allowlist-lookalike" | "justification" | "config-mistake" | "invalid-config" | "fail-closed" | "bounded-output" | "regression";

export interface CorpusEntry {
    id: string;
    category: Category;
    policy: PolicyName;
    /** Resource policies get exactly one resource; stack policies get the whole list. */
    input: { resources: ResourceInput[]; config?: unknown };
    expect: Verdict;
    why: string;
    /** For "fail" and "advisory": each must appear in one message (strings are matched literally). */
    mentions?: (string | RegExp)[];
}

/** The clock the corpus is written against (exemption and expiry dates). */
export const CORPUS_NOW = "2026-03-10T12:00:00Z";

const SDA: PolicyName = "binauthz-source-deploy-allowlist";
const UNVERIFIED: PolicyName = "binauthz-allowlist-unverified";
const SCOPED: PolicyName = "binauthz-allowlist-scoped";
const REQUIRED: PolicyName = "cloud-run-binauthz-required";
const BREAKGLASS: PolicyName = "cloud-run-breakglass-justified";
const ORG: PolicyName = "binauthz-org-constraint";
const GEN1: PolicyName = "cloud-functions-gen1-no-binauthz";

const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const HEX = "a".repeat(64);
const NAMED = `projects/${PROJECT}/platforms/cloudRun/policies/strict`;
const MB = 1 << 20;
const GOOD_REASON = "INC-1234: rolling back the checkout service after the payment outage";

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

/** A 2nd-gen function in my-proj/us-central1: needs REGION-docker.pkg.dev/my-proj/gcf-artifacts/**. */
function fn2(props: Record<string, unknown> = {}, name = "fn"): ResourceInput {
    return {
        type: T.fn2,
        name,
        props: {
            project: PROJECT,
            location: REGION,
            buildConfig: { runtime: "nodejs20", entryPoint: "handler" },
            serviceConfig: { binaryAuthorizationPolicy: "default" },
            ...props,
        },
    };
}

/** A Cloud Run function built from source: needs REGION-docker.pkg.dev/my-proj/cloud-run-source-deploy/**. */
function sourceService(props: Record<string, unknown> = {}, name = "web"): ResourceInput {
    return {
        type: T.service,
        name,
        props: {
            project: PROJECT,
            location: REGION,
            binaryAuthorization: { useDefault: true },
            buildConfig: { sourceLocation: "gs://src/app.zip", functionTarget: "handler" },
            template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
            ...props,
        },
    };
}

const GOOD_RULE = {
    evaluationMode: "REQUIRE_ATTESTATION",
    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
    requireAttestationsBies: [`projects/${PROJECT}/attestors/built-by-ci`],
};

/** The project's Binary Authorization policy with these allowlist patterns. */
function baPolicy(patterns: unknown[], props: Record<string, unknown> = {}): ResourceInput {
    return {
        type: T.binauthz,
        name: "policy",
        props: {
            project: PROJECT,
            admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })),
            defaultAdmissionRule: GOOD_RULE,
            globalPolicyEvaluationMode: "ENABLE",
            ...props,
        },
    };
}

/** A v2 service with Binary Authorization on and a breakglass justification. */
function breakglass(justification: unknown, ba: Record<string, unknown> = { useDefault: true }, stack = "dev"): ResourceInput {
    return {
        type: T.service,
        name: "api",
        stack,
        props: {
            project: PROJECT,
            location: REGION,
            binaryAuthorization: { ...ba, breakglassJustification: justification },
            template: { containers: [{ image: `${AR}/${PROJECT}/app/api:1` }] },
        },
    };
}

function v2(props: Record<string, unknown>, name = "api", type: string = T.service): ResourceInput {
    return {
        type,
        name,
        props: { project: PROJECT, location: REGION, template: { containers: [{ image: `${AR}/${PROJECT}/app/api:1` }] }, ...props },
    };
}

function v1(annotations: Record<string, unknown>, name = "legacy"): ResourceInput {
    return {
        type: T.v1,
        name,
        props: {
            project: PROJECT,
            location: REGION,
            metadata: { annotations },
            template: { spec: { containers: [{ image: `gcr.io/${PROJECT}/legacy:1` }] } },
        },
    };
}

function fn1(props: Record<string, unknown> = {}): ResourceInput {
    return { type: T.fn1, name: "old", props: { project: PROJECT, region: REGION, runtime: "nodejs20", ...props } };
}

function orgPolicy(spec: unknown, name = `projects/${PROJECT}/policies/run.allowedBinaryAuthorizationPolicies`): ResourceInput {
    return { type: T.orgpolicy, name: "binauthz-constraint", props: { name, parent: `projects/${PROJECT}`, spec } };
}

/** Replaces the first Latin a (or o) with its Cyrillic twin. */
function confusable(s: string): string {
    return s.includes("a") ? s.replace("a", "\u0430") : s.replace("o", "\u043e");
}

const entries: CorpusEntry[] = [];

// ---------------------------------------------------------------------------------------------
// Allowlist lookalikes: none exempts the repository the stack needs.
// ---------------------------------------------------------------------------------------------

interface Lookalike {
    id: string;
    /** The namePattern, for repository `repo`. */
    pattern: (repo: string) => string;
    /** What binauthz-allowlist-scoped says about the pattern alone. */
    scoped: Verdict;
    why: string;
}

const LOOKALIKES: Lookalike[] = [
    {
        id: "evil-suffix",
        pattern: (r) => `${AR}/${PROJECT}/${r}-evil/**`,
        scoped: "pass",
        why: "another repository whose name starts with the real one",
    },
    { id: "dot-suffix", pattern: (r) => `${AR}/${PROJECT}/${r}.evil/**`, scoped: "pass", why: "another repository, separated by a dot" },
    {
        id: "cyrillic-repository",
        pattern: (r) => `${AR}/${PROJECT}/${confusable(r)}/**`,
        scoped: "pass",
        why: "a Cyrillic letter in the repository name: looks the same, is another name (never matches, so not broad)",
    },
    {
        id: "cyrillic-host",
        pattern: (r) => `us-central1-d\u043ecker.pkg.dev/${PROJECT}/${r}/**`,
        scoped: "fail",
        why: "a Cyrillic o in the registry host: a host Google does not run, so its wildcard is refused (issue 12 item 4)",
    },
    { id: "cyrillic-project", pattern: (r) => `${AR}/my-pr\u043ej/${r}/**`, scoped: "pass", why: "a Cyrillic o in the project id" },
    {
        id: "upper-case-host",
        pattern: (r) => `US-CENTRAL1-DOCKER.PKG.DEV/${PROJECT}/${r}/**`,
        scoped: "fail",
        why: "Binary Authorization matches text: no case folding, so an upper-case host never matches",
    },
    {
        id: "upper-case-repository",
        pattern: (r) => `${AR}/${PROJECT}/${r.toUpperCase()}/**`,
        scoped: "fail",
        why: "an upper-case repository never matches the lower-case image name",
    },
    { id: "title-case-project", pattern: (r) => `${AR}/My-Proj/${r}/**`, scoped: "fail", why: "a title-case project never matches" },
    {
        id: "dotdot-before",
        pattern: (r) => `${AR}/${PROJECT}/other/../${r}/**`,
        scoped: "fail",
        why: "`..` is not resolved: names are matched as text",
    },
    {
        id: "dotdot-after",
        pattern: (r) => `${AR}/${PROJECT}/${r}/../**`,
        scoped: "fail",
        why: "`..` after the repository is not resolved either",
    },
    { id: "dot-segment", pattern: (r) => `${AR}/${PROJECT}/./${r}/**`, scoped: "fail", why: "a `.` segment is not resolved" },
    {
        id: "trailing-space",
        pattern: (r) => `${AR}/${PROJECT}/${r}/** `,
        scoped: "fail",
        why: "a trailing space: the pattern no longer ends in ** and never matches",
    },
    { id: "leading-space", pattern: (r) => ` ${AR}/${PROJECT}/${r}/**`, scoped: "fail", why: "a leading space: nothing is trimmed" },
    { id: "trailing-nbsp", pattern: (r) => `${AR}/${PROJECT}/${r}/**\u00a0`, scoped: "fail", why: "a trailing non-breaking space" },
    {
        id: "trailing-newline",
        pattern: (r) => `${AR}/${PROJECT}/${r}/**\n`,
        scoped: "fail",
        why: "a trailing newline (YAML block scalars keep it)",
    },
    {
        id: "zero-width-in-repository",
        pattern: (r) => `${AR}/${PROJECT}/${r.slice(0, 3)}\u200b${r.slice(3)}/**`,
        scoped: "fail",
        why: "an invisible zero-width space inside the repository name",
    },
    {
        id: "multi-region-host",
        pattern: (r) => `us-docker.pkg.dev/${PROJECT}/${r}/**`,
        scoped: "pass",
        why: "the us multi-region is another host than us-central1, where the workload builds",
    },
    { id: "other-region", pattern: (r) => `europe-west1-docker.pkg.dev/${PROJECT}/${r}/**`, scoped: "pass", why: "another region" },
    {
        id: "regionless-host",
        pattern: (r) => `docker.pkg.dev/${PROJECT}/${r}/**`,
        scoped: "pass",
        why: "docker.pkg.dev without a region is not the repository's host",
    },
    { id: "other-project", pattern: (r) => `${AR}/other-proj/${r}/**`, scoped: "pass", why: "the same repository name in another project" },
    {
        id: "tag-after-wildcard",
        pattern: (r) => `${AR}/${PROJECT}/${r}/**:latest`,
        scoped: "fail",
        why: "a tag after ** makes the wildcard literal",
    },
    {
        id: "digest-after-wildcard",
        pattern: (r) => `${AR}/${PROJECT}/${r}/**@sha256:${HEX}`,
        scoped: "fail",
        why: "a digest after ** makes the wildcard literal",
    },
    {
        id: "repository-with-tag",
        pattern: (r) => `${AR}/${PROJECT}/${r}:latest`,
        scoped: "pass",
        why: "a tag on the repository path names one (nonexistent) image",
    },
    {
        id: "single-image-digest",
        pattern: (r) => `${AR}/${PROJECT}/${r}/fn@sha256:${HEX}`,
        scoped: "pass",
        why: "one image by digest does not exempt the repository",
    },
    { id: "gcr-project", pattern: () => `gcr.io/${PROJECT}/**`, scoped: "fail", why: "gcr.io is another registry; and it is project-wide" },
    {
        id: "gcr-repository",
        pattern: (r) => `gcr.io/${PROJECT}/${r}/**`,
        scoped: "pass",
        why: "the same path on gcr.io is another registry",
    },
    {
        id: "wildcard-gcr-host",
        pattern: (r) => `*.gcr.io/${PROJECT}/${r}/**`,
        scoped: "fail",
        why: "*.gcr.io: a wildcard is only honoured at the end",
    },
    { id: "regional-gcr-host", pattern: (r) => `us.gcr.io/${PROJECT}/${r}/**`, scoped: "pass", why: "us.gcr.io is another registry" },
    {
        id: "single-star",
        pattern: (r) => `${AR}/${PROJECT}/${r}/*`,
        scoped: "pass",
        why: "* stops at /, and source-deploy images are nested (REPO/NAME/IMAGE), so ** is required",
    },
    {
        id: "star-without-slash",
        pattern: (r) => `${AR}/${PROJECT}/${r}*`,
        scoped: "fail",
        why: "`REPO*` matches within one segment only, and also matches REPO-evil",
    },
    { id: "no-wildcard", pattern: (r) => `${AR}/${PROJECT}/${r}`, scoped: "pass", why: "the bare repository path names no image" },
    {
        id: "trailing-slash",
        pattern: (r) => `${AR}/${PROJECT}/${r}/`,
        scoped: "pass",
        why: "a trailing slash without a wildcard names no image",
    },
    { id: "double-globstar", pattern: (r) => `${AR}/${PROJECT}/${r}/**/**`, scoped: "fail", why: "a wildcard before the end is literal" },
    {
        id: "triple-star",
        pattern: (r) => `${AR}/${PROJECT}/${r}/***`,
        scoped: "fail",
        why: "*** is not a wildcard Binary Authorization knows",
    },
    {
        id: "url-scheme",
        pattern: (r) => `https://${AR}/${PROJECT}/${r}/**`,
        scoped: "fail",
        why: "image names have no scheme; its first segment is no Google registry, so the wildcard is refused (issue 12 item 4)",
    },
    { id: "double-slash", pattern: (r) => `${AR}//${PROJECT}/${r}/**`, scoped: "pass", why: "an empty path segment" },
    {
        id: "region-wildcard",
        pattern: (r) => `*-docker.pkg.dev/${PROJECT}/${r}/**`,
        scoped: "fail",
        why: "a wildcard in the host is literal",
    },
    { id: "project-wildcard", pattern: (r) => `${AR}/*/${r}/**`, scoped: "fail", why: "a wildcard in the project is literal" },
    { id: "fullwidth-solidus", pattern: (r) => `${AR}/${PROJECT}/${r}\uff0f**`, scoped: "fail", why: "a fullwidth solidus is not /" },
];

const REPOS = [
    { repo: "gcf-artifacts", workload: () => fn2(), label: "2nd-gen function" },
    { repo: "cloud-run-source-deploy", workload: () => sourceService(), label: "Cloud Run function from source" },
] as const;

for (const l of LOOKALIKES) {
    for (const { repo, workload, label } of REPOS) {
        const required = `${AR}/${PROJECT}/${repo}/**`;
        const pattern = l.pattern(repo);
        entries.push({
            id: `lookalike/${l.id}/${repo}/in-stack`,
            category: "allowlist-lookalike",
            policy: SDA,
            input: { resources: [workload(), baPolicy([pattern])] },
            expect: "fail",
            why: `${label} needs ${required}; ${JSON.stringify(pattern)} does not exempt it: ${l.why}.`,
            mentions: [required, "does not exempt"],
        });
        entries.push({
            id: `lookalike/${l.id}/${repo}/external`,
            category: "allowlist-lookalike",
            policy: SDA,
            input: { resources: [workload()], config: { externalAllowlist: { [PROJECT]: [pattern] } } },
            expect: "fail",
            why: `the same lookalike declared in externalAllowlist exempts nothing either: ${l.why}.`,
            mentions: [required, "externalAllowlist"],
        });
        entries.push({
            id: `lookalike/${l.id}/${repo}/scoped`,
            category: "allowlist-lookalike",
            policy: SCOPED,
            input: { resources: [baPolicy([pattern])] },
            expect: l.scoped,
            why:
                l.scoped === "fail"
                    ? `binauthz-allowlist-scoped flags it: ${l.why}.`
                    : `not broad (at most one repository or image), so binauthz-allowlist-scoped has nothing to say; binauthz-source-deploy-allowlist catches it.`,
            mentions: l.scoped === "fail" ? ["admissionWhitelistPatterns[0].namePattern"] : undefined,
        });
    }
}

// Controls: the exact pattern exempts; broader patterns also exempt but are flagged as broad.
for (const { repo, workload } of REPOS) {
    const required = `${AR}/${PROJECT}/${repo}/**`;
    entries.push(
        {
            id: `lookalike/control-exact/${repo}/in-stack`,
            category: "allowlist-lookalike",
            policy: SDA,
            input: { resources: [workload(), baPolicy([`${AR}/${PROJECT}/${repo}-evil/**`, required])] },
            expect: "pass",
            why: "control: the exact pattern exempts the repository, next to a lookalike",
        },
        {
            id: `lookalike/control-exact/${repo}/scoped`,
            category: "allowlist-lookalike",
            policy: SCOPED,
            input: { resources: [baPolicy([required])] },
            expect: "pass",
            why: "control: one repository, wildcard directly after /",
        },
        {
            id: `lookalike/prefix-globstar/${repo}/in-stack`,
            category: "allowlist-lookalike",
            policy: SDA,
            input: { resources: [workload(), baPolicy([`${AR}/${PROJECT}/${repo}**`])] },
            expect: "pass",
            why: "REPO** does cover REPO/… under Binary Authorization's rules (so the deploy works) …",
        },
        {
            id: `lookalike/prefix-globstar/${repo}/scoped`,
            category: "allowlist-lookalike",
            policy: SCOPED,
            input: { resources: [baPolicy([`${AR}/${PROJECT}/${repo}**`])] },
            expect: "fail",
            why: "… but it also exempts REPO-evil, which binauthz-allowlist-scoped reports",
            mentions: ["not directly after", `${repo}-evil`],
        },
        {
            id: `lookalike/project-wide/${repo}/scoped`,
            category: "allowlist-lookalike",
            policy: SCOPED,
            input: { resources: [baPolicy([`${AR}/${PROJECT}/**`])] },
            expect: "fail",
            why: "a project-wide pattern exempts the repository but hollows out the policy",
            mentions: ["every repository of project", PROJECT],
        },
    );
}

// Image-side lookalikes: a workload whose image only looks like a source-deploy image needs nothing,
// and one whose image really is in cloud-run-source-deploy (any region, by digest) needs that repository.
entries.push(
    {
        id: "lookalike/image-in-multi-region-source-deploy",
        category: "allowlist-lookalike",
        policy: SDA,
        input: {
            resources: [
                v2({
                    binaryAuthorization: { useDefault: true },
                    buildConfig: {
                        sourceLocation: "gs://src/app.zip",
                        imageUri: `us-docker.pkg.dev/${PROJECT}/cloud-run-source-deploy/app@sha256:${HEX}`,
                    },
                }),
                baPolicy([`${AR}/${PROJECT}/cloud-run-source-deploy/**`]),
            ],
        },
        expect: "fail",
        why: "the service's build writes into the us multi-region repository; the us-central1 exemption does not cover it",
        mentions: [`us-docker.pkg.dev/${PROJECT}/cloud-run-source-deploy/**`],
    },
    {
        id: "lookalike/image-in-evil-repository-needs-nothing",
        category: "allowlist-lookalike",
        policy: SDA,
        input: {
            resources: [
                v2({
                    binaryAuthorization: { useDefault: true },
                    template: { containers: [{ image: `${AR}/${PROJECT}/cloud-run-source-deploy-evil/api:1` }] },
                }),
                baPolicy([]),
            ],
        },
        expect: "pass",
        why: "an image in cloud-run-source-deploy-evil is an ordinary image: no source-deploy exemption is needed",
    },
    {
        id: "lookalike/custom-docker-repository-other-project",
        category: "allowlist-lookalike",
        policy: SDA,
        input: {
            resources: [
                fn2({
                    buildConfig: {
                        runtime: "nodejs20",
                        dockerRepository: `projects/other-proj/locations/${REGION}/repositories/gcf-artifacts`,
                    },
                }),
                baPolicy([`${AR}/${PROJECT}/gcf-artifacts/**`]),
            ],
        },
        expect: "fail",
        why: "the function builds into other-proj's repository, so my-proj's policy must exempt that one, not its own gcf-artifacts",
        mentions: [`${AR}/other-proj/gcf-artifacts/**`],
    },
    {
        id: "lookalike/malformed-docker-repository",
        category: "allowlist-lookalike",
        policy: SDA,
        input: {
            resources: [
                fn2({ buildConfig: { dockerRepository: `${AR}/${PROJECT}/gcf-artifacts` } }),
                baPolicy([`${AR}/${PROJECT}/gcf-artifacts/**`]),
            ],
        },
        expect: "fail",
        why: "a dockerRepository that is not projects/P/locations/R/repositories/REPO is a violation, never replaced by a guess",
        mentions: ["buildConfig.dockerRepository", "projects/PROJECT/locations/REGION/repositories/REPOSITORY"],
    },
);

// ---------------------------------------------------------------------------------------------
// Justifications
// ---------------------------------------------------------------------------------------------

function justification(
    id: string,
    j: unknown,
    expect: Verdict,
    why: string,
    mentions?: (string | RegExp)[],
    config?: unknown,
    ba?: Record<string, unknown>,
): void {
    entries.push({
        id: `justification/${id}`,
        category: "justification",
        policy: BREAKGLASS,
        input: { resources: [breakglass(j, ba)], config },
        expect,
        why,
        mentions,
    });
}

const ZW = "\u200b";
const NBSP = "\u00a0";
justification("zero-width-only", ZW.repeat(30), "fail", "zero-width characters are removed first; nothing is left", [
    "is blank",
    "binaryAuthorization.breakglassJustification",
]);
justification("zero-width-mixed", "\u200b\u200c\u200d\u2060\ufeff".repeat(8), "fail", "every kind of zero-width character is removed", [
    "is blank",
]);
justification(
    "zero-width-inside-placeholder",
    `n${ZW}/${ZW}a ${ZW}n${ZW}/${ZW}a ${ZW}n${ZW}/${ZW}a ${ZW}n${ZW}/${ZW}a`,
    "fail",
    "zero-width characters inside a placeholder do not hide it",
    ["placeholder"],
);
justification("zero-width-padding-to-length", `rollback${ZW.repeat(40)}`, "fail", "zero-width padding does not count towards minLength", [
    /is 8 characters long; at least 20/,
]);
justification("soft-hyphen-padding", `hotfix${"\u00ad".repeat(40)}`, "fail", "soft hyphens (Cf) are removed too", [/is 6 characters long/]);
justification("nbsp-only", NBSP.repeat(30), "fail", "non-breaking spaces are white space", ["is blank"]);
justification("ideographic-space-only", "\u3000".repeat(30), "fail", "ideographic spaces are white space", ["is blank"]);
justification("nbsp-padded-short", `hotfix${NBSP.repeat(30)}`, "fail", "trailing non-breaking spaces are trimmed before the length check", [
    /is 6 characters long/,
]);
justification(
    "nbsp-separated-placeholders",
    `n/a${NBSP}n/a${NBSP}n/a${NBSP}n/a${NBSP}n/a${NBSP}n/a`,
    "fail",
    "placeholders separated by non-breaking spaces",
    ["placeholder"],
);
justification("padded-placeholder", "n/a n/a n/a n/a n/a", "fail", "a run of placeholders padded towards minLength", ["placeholder"]);
justification(
    "padded-placeholder-long",
    "N/A N/A N/A N/A N/A N/A N/A N/A",
    "fail",
    "a run of placeholders longer than minLength, upper case",
    ["placeholder"],
);
justification("padded-placeholder-punctuated", "tbd, tbd; tbd: tbd! tbd/ tbd_ tbd", "fail", "placeholders with punctuation between them", [
    "placeholder",
]);
justification("padded-placeholder-mixed", "todo none test tbd na x n/a - . ?", "fail", "a mix of every placeholder", ["placeholder"]);
justification("padded-placeholder-dashes", "- - - - - - - - - - - - - - - - -", "fail", "a run of dashes padded to length", [
    "placeholder",
]);
justification("question-marks", "?".repeat(25), "fail", "question marks", ["placeholder"]);
justification("dots", ".".repeat(25), "fail", "a run of dots padded to length", ["placeholder"]);
justification("repeated-letter", "a".repeat(30), "fail", "one letter repeated", ["repeats a few characters"]);
justification("repeated-pair", "ab".repeat(15), "fail", "two letters repeated", ["repeats a few characters"]);
justification("repeated-word", "fix fix fix fix fix fix fix", "fail", "one short word repeated (three distinct letters)", [
    "repeats a few characters",
]);
justification("repeated-digit", "1".repeat(25), "fail", "one digit repeated", ["repeats a few characters"]);
justification("repeated-punctuation", "!".repeat(25), "fail", "punctuation only", ["repeats a few characters"]);
justification("repeated-emoji", "🔥".repeat(25), "fail", "emoji only", ["repeats a few characters"]);
justification("newline", "Rollback for INC-1234 after the outage\nowner: alice", "pass", "a newline is white space (issue 12, item 5)");
justification("crlf", "Rollback for INC-1234 after the outage\r\nowner: alice", "pass", "a Windows line break (CR LF) is white space");
justification("tab", "Rollback\tfor INC-1234 after the outage, owner alice", "pass", "a tab is white space");
justification("ansi-colour", "\u001b[32mApproved emergency rollback of checkout by on-call\u001b[0m", "fail", "ANSI colour codes", [
    "control characters",
    "\\x1b",
]);
justification(
    "ansi-erase-line",
    "n/a\u001b[2K\u001b[1GApproved: emergency rollback of checkout by on-call",
    "fail",
    "an ANSI erase-line that would hide the placeholder on a terminal",
    ["control characters", "\\x1b[2K"],
);
justification("nul", "Rollback for INC-1234\u0000 after the outage, owner alice", "fail", "a NUL byte", ["control characters"]);
justification("c1-csi", "Rollback for INC-1234\u009b2K after the outage, owner alice", "fail", "a C1 control (single-byte CSI)", [
    "control characters",
]);
justification(
    "bidi-override-removed",
    `\u202e${GOOD_REASON}`,
    "pass",
    "a bidi override is a format character: removed, and the rest is a real justification",
);
justification("ticket-only", "INC-1234", "fail", "a ticket id alone is short and says nothing", ["INC-1234"], { pattern: "[A-Z]+-\\d+" });
justification(
    "ticket-only-short-min",
    "INC-123456789",
    "fail",
    "a ticket id followed by nothing, even where minLength allows it",
    ["gives only the reference"],
    { pattern: "[A-Z]+-\\d+", minLength: 5 },
);
justification("ticket-padded-spaces", `INC-1234${" ".repeat(30)}`, "fail", "a ticket id padded with spaces", [/is 8 characters long/], {
    pattern: "[A-Z]+-\\d+",
});
justification(
    "ticket-padded-zero-width",
    `INC-1234${ZW.repeat(30)}`,
    "fail",
    "a ticket id padded with zero-width spaces",
    [/is 8 characters long/],
    { pattern: "[A-Z]+-\\d+" },
);
justification(
    "tickets-only",
    "INC-1234 INC-1235 INC-1236 INC-9999",
    "fail",
    "several ticket ids and nothing else",
    ["gives only the reference"],
    { pattern: "[A-Z]+-\\d+" },
);
justification(
    "ticket-then-placeholders",
    "INC-1234 n/a n/a n/a n/a n/a",
    "fail",
    "a ticket id followed by placeholders",
    ["gives only the reference"],
    { pattern: "[A-Z]+-\\d+" },
);
justification(
    "ticket-then-punctuation",
    "INC-1234: ------------------",
    "fail",
    "a ticket id followed by punctuation",
    ["gives only the reference"],
    { pattern: "[A-Z]+-\\d+" },
);
justification(
    "no-ticket",
    "rolling back the checkout service after the outage",
    "fail",
    "a real reason but no ticket, where config pattern requires one",
    ["does not contain a match of config pattern"],
    { pattern: "[A-Z]+-\\d+" },
);
justification(
    "lower-case-ticket",
    "inc-1234: rolling back the checkout service after the outage",
    "fail",
    "the pattern is case-sensitive",
    ["does not contain a match"],
    { pattern: "[A-Z]+-\\d+" },
);
justification("ticket-and-reason", GOOD_REASON, "pass", "control: a ticket id and a reason", undefined, { pattern: "[A-Z]+-\\d+" });
justification(
    "while-off",
    GOOD_REASON,
    "fail",
    "a breakglass with Binary Authorization off: Google requires it to be empty",
    ["while Binary Authorization is off"],
    undefined,
    { useDefault: false },
);
justification("not-a-string", { reason: GOOD_REASON }, "fail", "an object where text belongs", [
    "binaryAuthorization.breakglassJustification",
]);
justification("secret-placeholder", secret("n/a n/a n/a n/a n/a"), "fail", "a secret-wrapped placeholder is still a placeholder", [
    "placeholder",
]);
justification("emoji-count-code-points", "🔥".repeat(5) + " fix", "fail", "lengths count code points, not UTF-16 units", [
    /is 9 characters long/,
]);
entries.push({
    id: "justification/v1-annotation-placeholder",
    category: "justification",
    policy: BREAKGLASS,
    input: {
        resources: [
            v1({
                "run.googleapis.com/binary-authorization": "default",
                "run.googleapis.com/binary-authorization-breakglass": "n/a n/a n/a n/a n/a",
            }),
        ],
    },
    expect: "fail",
    why: "the v1 breakglass annotation gets the same checks",
    mentions: ['metadata.annotations["run.googleapis.com/binary-authorization-breakglass"]', "placeholder"],
});

// ---------------------------------------------------------------------------------------------
// Config mistakes: a clear violation, never a crash, never a silent pass.
// ---------------------------------------------------------------------------------------------

for (const [id, pattern] of [
    ["unclosed-class", "[A-Z+-(\\d+"],
    ["unclosed-group", "(INC-\\d+"],
    ["bad-quantifier", "INC-\\d{2,1}"],
    ["lone-backslash", "\\"],
    ["nothing-to-repeat", "*INC"],
    ["inline-flag", "(?i)inc-\\d+"],
] as const) {
    entries.push({
        id: `config-mistake/invalid-pattern/${id}`,
        category: "config-mistake",
        policy: BREAKGLASS,
        input: { resources: [breakglass(GOOD_REASON)], config: { pattern } },
        expect: "fail",
        why: "an invalid pattern regex cannot be satisfied: every breakglass fails, saying why",
        mentions: ["not a valid regular expression", "Config problem"],
    });
}
entries.push({
    id: "config-mistake/invalid-pattern/no-breakglass",
    category: "config-mistake",
    policy: BREAKGLASS,
    input: { resources: [breakglass("")], config: { pattern: "(" } },
    expect: "pass",
    why: "an invalid pattern does not fail resources without a breakglass",
});

for (const glob of [
    "**",
    "**/*",
    "*/**",
    "**/**",
    "{**,x}",
    "projects/**",
    "projects/*/**",
    "projects/*/platforms/cloudRun/policies/*",
    "**/policies/*",
]) {
    entries.push({
        id: `config-mistake/allowed-policies-catch-all/${glob}`,
        category: "config-mistake",
        policy: REQUIRED,
        input: {
            resources: [v2({ binaryAuthorization: { policy: `projects/${PROJECT}/platforms/cloudRun/policies/anything-goes` } })],
            config: { allowedPolicies: [glob] },
        },
        expect: "fail",
        why: `allowedPolicies ${JSON.stringify(glob)} matches every named policy of every project, which would switch the check off; it is ignored and the named policy is not accepted`,
        mentions: [/matches everything|cannot be used/, "allowedPolicies"],
    });
}
entries.push(
    {
        id: "config-mistake/allowed-patterns-catch-all",
        category: "config-mistake",
        policy: SCOPED,
        input: { resources: [baPolicy(["**"])], config: { allowedPatterns: ["**"] } },
        expect: "fail",
        why: "allowedPatterns ** would accept every pattern; it is ignored",
        mentions: ["matches everything", "exempts every image"],
    },
    {
        id: "config-mistake/allowed-stacks-catch-all-is-refused",
        category: "config-mistake",
        policy: BREAKGLASS,
        input: { resources: [breakglass(GOOD_REASON, { useDefault: true }, "prod")], config: { allowedStacks: ["**"] } },
        expect: "fail",
        why: "allowedStacks ** matches every stack (issue 12 item 3); leaving allowedStacks unset allows every stack, a catch-all is refused and allows none",
        mentions: ["allowedStacks", "matches everything"],
    },
);

const NO_BINAUTHZ = v2({});
for (const [id, exemption, mention] of [
    ["no-expires", { resource: "api", reason: "migration to the default policy in PLAT-12" }, "no expires date"],
    ["expired", { resource: "api", reason: "migration to the default policy in PLAT-12", expires: "2026-03-09" }, "expired on 2026-03-09"],
    [
        "impossible-date",
        { resource: "api", reason: "migration to the default policy in PLAT-12", expires: "2026-02-30" },
        "not a real date",
    ],
    [
        "non-iso-date",
        { resource: "api", reason: "migration to the default policy in PLAT-12", expires: "2026-3-31" },
        "expires is not YYYY-MM-DD",
    ],
    ["short-reason", { resource: "api", reason: "because", expires: "2026-04-01" }, "reason"],
    ["no-reason", { resource: "api", expires: "2026-04-01" }, "no reason"],
    [
        "extra-key",
        { resource: "api", reason: "migration to the default policy in PLAT-12", expires: "2026-04-01", approvedBy: "bob" },
        "approvedBy",
    ],
] as const) {
    entries.push({
        id: `config-mistake/exemption/${id}`,
        category: "config-mistake",
        policy: REQUIRED,
        input: { resources: [NO_BINAUTHZ], config: { exemptions: [exemption] } },
        expect: "fail",
        why: "an unusable exemption is ignored, and the violation says so",
        mentions: [mention, "binaryAuthorization"],
    });
}
entries.push(
    {
        id: "config-mistake/exemption/no-expires/stack-policy",
        category: "config-mistake",
        policy: SDA,
        input: {
            resources: [fn2(), baPolicy([])],
            config: { exemptions: [{ resource: "fn", reason: "builds are exempted elsewhere, PLAT-9" }] },
        },
        expect: "fail",
        why: "an undated exemption of the workload is ignored by the stack policy too",
        mentions: ["no expires date", `${AR}/${PROJECT}/gcf-artifacts/**`],
    },
    {
        id: "config-mistake/exemption/live-control",
        category: "config-mistake",
        policy: REQUIRED,
        input: {
            resources: [NO_BINAUTHZ],
            config: { exemptions: [{ resource: "api", reason: "migration to the default policy in PLAT-12", expires: "2026-03-10" }] },
        },
        expect: "pass",
        why: "control: an exemption whose last valid day is today applies",
    },
);

// ---------------------------------------------------------------------------------------------
// An invalid config never turns a policy off.
// ---------------------------------------------------------------------------------------------

function invalid(
    id: string,
    policy: PolicyName,
    resources: ResourceInput[],
    config: unknown,
    why: string,
    mentions: (string | RegExp)[],
    expect: Verdict = "fail",
): void {
    entries.push({ id: `invalid-config/${id}`, category: "invalid-config", policy, input: { resources, config }, expect, why, mentions });
}
const SHORT = "hotfix for checkout"; // 19 code points
invalid(
    "min-length-word",
    BREAKGLASS,
    [breakglass(SHORT)],
    { minLength: "twenty" },
    'minLength: "twenty" falls back to the strict end, 10000: every justification fails until the config is fixed',
    [/at least 10000 are required/, "minLength"],
);
invalid("min-length-negative", BREAKGLASS, [breakglass(SHORT)], { minLength: -5 }, "a negative minLength falls back to the strict 10000", [
    /at least 10000/,
    "minLength",
]);
invalid(
    "min-length-huge",
    BREAKGLASS,
    [breakglass(SHORT)],
    { minLength: 1e9 },
    "an out-of-range minLength falls back to the strict 10000",
    [/at least 10000/, "minLength"],
);
invalid(
    "min-length-fraction",
    BREAKGLASS,
    [breakglass(SHORT)],
    { minLength: 2.5 },
    "a fractional minLength falls back to the strict 10000",
    [/at least 10000/, "minLength"],
);
invalid("min-length-null", BREAKGLASS, [breakglass(SHORT)], { minLength: null }, "a null minLength falls back to the strict 10000", [
    /at least 10000/,
    "minLength",
]);
invalid(
    "max-days-string",
    BREAKGLASS,
    [breakglass(`${GOOD_REASON}, until 2026-03-25`)],
    { requireExpiry: true, maxDays: "30" },
    'maxDays: "30" falls back to the strict 0: only today is accepted',
    ["more than 0 days ahead", "maxDays"],
);
invalid(
    "allowed-policies-string",
    REQUIRED,
    [v2({ binaryAuthorization: { policy: NAMED } })],
    { allowedPolicies: "projects/**" },
    "allowedPolicies as a string allows no named policy",
    ["allowedPolicies"],
);
invalid("allowed-patterns-string", SCOPED, [baPolicy(["*"])], { allowedPatterns: "*" }, "allowedPatterns as a string accepts nothing", [
    "exempts every image",
    "allowedPatterns",
]);
invalid(
    "allow-dry-run-string",
    SCOPED,
    [baPolicy([], { defaultAdmissionRule: { ...GOOD_RULE, enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" } })],
    { allowDryRun: "true" },
    'allowDryRun: "true" (a string) is not true',
    ["DRYRUN_AUDIT_LOG_ONLY", "allowDryRun"],
);
invalid(
    "unknown-key-typo",
    SCOPED,
    [baPolicy([], { defaultAdmissionRule: { ...GOOD_RULE, enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" } })],
    { allowDryrun: true },
    "a misspelt key is ignored, with a note",
    ['unknown config key "allowDryrun"'],
);
invalid(
    "exemptions-object",
    REQUIRED,
    [NO_BINAUTHZ],
    { exemptions: { resource: "api", reason: "migration in PLAT-12", expires: "2026-04-01" } },
    "exemptions as an object instead of a list exempt nothing",
    ["exemptions must be an array"],
);
invalid("config-string", REQUIRED, [NO_BINAUTHZ], "disabled", 'a config of "disabled" (a string) does not disable the policy', [
    "not an object; defaults apply",
]);
invalid("config-array", GEN1, [fn1()], ["off"], "a config that is a list does not disable the policy", ["not an object; defaults apply"]);
invalid("config-null", REQUIRED, [NO_BINAUTHZ], null, "no config: defaults", ["binaryAuthorization"]);
invalid(
    "external-allowlist-not-a-list",
    UNVERIFIED,
    [fn2()],
    { externalAllowlist: { [PROJECT]: `${AR}/${PROJECT}/gcf-artifacts/**` } },
    "externalAllowlist with a string instead of a list is not trusted",
    ["externalAllowlist", PROJECT],
);
invalid(
    "external-allowlist-not-a-list/source-deploy",
    SDA,
    [fn2(), baPolicy([])],
    { externalAllowlist: { [PROJECT]: `${AR}/${PROJECT}/gcf-artifacts/**` } },
    "an invalid externalAllowlist does not override the stack's own policy",
    [`${AR}/${PROJECT}/gcf-artifacts/**`],
);
invalid(
    "allowed-stacks-string",
    BREAKGLASS,
    [breakglass(GOOD_REASON, { useDefault: true }, "dev")],
    { allowedStacks: "prod" },
    'allowedStacks: "prod" (a string, not a list) must not fall back to allowing every stack',
    ["allowedStacks"],
);
invalid(
    "allowed-stacks-number",
    BREAKGLASS,
    [breakglass(GOOD_REASON, { useDefault: true }, "dev")],
    { allowedStacks: [42] },
    "allowedStacks with a non-string entry must not fall back to allowing every stack",
    ["allowedStacks"],
);
invalid(
    "require-expiry-string",
    BREAKGLASS,
    [breakglass(GOOD_REASON)],
    { requireExpiry: "yes" },
    'requireExpiry: "yes" must not silently turn the expiry requirement off',
    ["requireExpiry"],
);
invalid(
    "org-require-string",
    ORG,
    [v2({ binaryAuthorization: { useDefault: true } })],
    { require: "true" },
    "an invalid require falls back to the strict value (true): a typo in a key that tightens a check must not loosen it",
    ["config require is invalid", "Config problem", "using the strict value (true)"],
    "fail",
);
invalid(
    "on-unknown-typo",
    REQUIRED,
    [v2({ binaryAuthorization: UNKNOWN })],
    { onUnknown: "DENY" },
    'onUnknown: "DENY" falls back to the strict value, deny: the unknown fails, and the violation names the config problem',
    ["binaryAuthorization", "Config problem", "onUnknown: must be equal to one of the allowed values", 'using the strict value ("deny")'],
    "fail",
);

// ---------------------------------------------------------------------------------------------
// Fail closed: with onUnknown "deny", every unknown deciding value fails (one entry per policy
// at least), and with the default "defer" it is an advisory, never a pass.
// ---------------------------------------------------------------------------------------------

function unknownCase(
    id: string,
    policy: PolicyName,
    resources: ResourceInput[],
    mentions: (string | RegExp)[],
    config: Record<string, unknown> = {},
): void {
    entries.push({
        id: `fail-closed/deny/${id}`,
        category: "fail-closed",
        policy,
        input: { resources, config: { ...config, onUnknown: "deny" } },
        expect: "fail",
        why: 'onUnknown: "deny": an unknown deciding value fails at the policy\'s own level',
        mentions: [...mentions, 'onUnknown is "deny"'],
    });
    entries.push({
        id: `fail-closed/defer/${id}`,
        category: "fail-closed",
        policy,
        input: { resources, config },
        expect: "advisory",
        why: "onUnknown defaults to defer: an unknown deciding value is the pack's advisory, not a pass",
        mentions: [...mentions, "pulumi up"],
    });
}
unknownCase("required/v2-block", REQUIRED, [v2({ binaryAuthorization: UNKNOWN })], ["binaryAuthorization"]);
unknownCase(
    "required/v2-use-default",
    REQUIRED,
    [v2({ binaryAuthorization: { useDefault: UNKNOWN } })],
    ["binaryAuthorization.useDefault"],
);
unknownCase(
    "required/v2-secret-unknown",
    REQUIRED,
    [v2({ binaryAuthorization: { useDefault: secret(UNKNOWN) } })],
    ["binaryAuthorization.useDefault"],
);
unknownCase(
    "required/v2-policy-next-to-default",
    REQUIRED,
    [v2({ binaryAuthorization: { useDefault: true, policy: UNKNOWN } })],
    ["binaryAuthorization.policy"],
);
unknownCase("required/job", REQUIRED, [v2({ binaryAuthorization: UNKNOWN }, "job", T.job)], ["binaryAuthorization"]);
unknownCase("required/worker-pool", REQUIRED, [v2({ binaryAuthorization: UNKNOWN }, "pool", T.workerPool)], ["binaryAuthorization"]);
unknownCase(
    "required/v1-annotation",
    REQUIRED,
    [v1({ "run.googleapis.com/binary-authorization": UNKNOWN })],
    ['metadata.annotations["run.googleapis.com/binary-authorization"]'],
);
unknownCase(
    "required/function",
    REQUIRED,
    [fn2({ serviceConfig: { binaryAuthorizationPolicy: UNKNOWN } })],
    ["serviceConfig.binaryAuthorizationPolicy"],
);
unknownCase("breakglass/justification", BREAKGLASS, [breakglass(UNKNOWN)], ["binaryAuthorization.breakglassJustification"]);
unknownCase("breakglass/use-default", BREAKGLASS, [breakglass(GOOD_REASON, { useDefault: UNKNOWN })], ["binaryAuthorization.useDefault"]);
unknownCase("source-deploy/function-location", SDA, [fn2({ location: UNKNOWN }), baPolicy([])], ["location"]);
unknownCase(
    "source-deploy/build",
    SDA,
    [v2({ binaryAuthorization: { useDefault: true }, buildConfig: UNKNOWN }), baPolicy([])],
    ["buildConfig"],
);
unknownCase("source-deploy/allowlist", SDA, [fn2(), baPolicy([], { admissionWhitelistPatterns: UNKNOWN })], ["admissionWhitelistPatterns"]);
unknownCase("source-deploy/policy-project", SDA, [fn2(), baPolicy([], { project: UNKNOWN })], ["project"]);
unknownCase("unverified/function-project", UNVERIFIED, [fn2({ project: UNKNOWN })], ["project"]);
unknownCase(
    "unverified/policy-project",
    UNVERIFIED,
    [fn2(), baPolicy([`${AR}/${PROJECT}/gcf-artifacts/**`], { project: UNKNOWN })],
    ["project"],
);
unknownCase("scoped/name-pattern", SCOPED, [baPolicy([UNKNOWN])], ["admissionWhitelistPatterns[0].namePattern"]);
unknownCase(
    "scoped/evaluation-mode",
    SCOPED,
    [baPolicy([], { defaultAdmissionRule: { evaluationMode: UNKNOWN, enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" } })],
    ["defaultAdmissionRule.evaluationMode"],
);
unknownCase("org/spec", ORG, [orgPolicy(UNKNOWN)], ["spec"]);
unknownCase("org/name", ORG, [orgPolicy({ rules: [{ values: { allowedValues: ["default"] } }] }, UNKNOWN)], ["name"]);
entries.push({
    id: "fail-closed/deny/gen1/everything-unknown",
    category: "fail-closed",
    policy: GEN1,
    input: {
        resources: [{ type: T.fn1, name: "old", props: { project: UNKNOWN, region: UNKNOWN, runtime: UNKNOWN } }],
        config: { onUnknown: "deny" },
    },
    expect: "fail",
    why: "a 1st-gen function cannot be protected whatever its (unknown) properties",
    mentions: ["1st-gen Cloud Function"],
});
entries.push({
    id: "fail-closed/deny/unknown-outside-the-decision",
    category: "fail-closed",
    policy: REQUIRED,
    input: {
        resources: [v2({ binaryAuthorization: { useDefault: true }, template: { containers: [{ image: UNKNOWN }] }, labels: UNKNOWN })],
        config: { onUnknown: "deny" },
    },
    expect: "pass",
    why: "control: unknowns that decide nothing for this policy (images, labels) do not fail it",
});

// ---------------------------------------------------------------------------------------------
// Bounded, printable output for huge and hostile text.
// ---------------------------------------------------------------------------------------------

const HUGE_PROJECT = `p${"x".repeat(MB)}`;
function bounded(
    id: string,
    policy: PolicyName,
    resources: ResourceInput[],
    why: string,
    mentions: (string | RegExp)[],
    config?: unknown,
): void {
    entries.push({
        id: `bounded-output/${id}`,
        category: "bounded-output",
        policy,
        input: { resources, config },
        expect: "fail",
        why,
        mentions,
    });
}
bounded(
    "unverified-1mb-project",
    UNVERIFIED,
    [fn2({ project: HUGE_PROJECT })],
    "a 1 MB project id is quoted cut, in the finding and in the config snippet",
    ["cannot see the Binary Authorization policy", "cut"],
);
bounded(
    "source-deploy-1mb-project",
    SDA,
    [fn2({ project: HUGE_PROJECT }), baPolicy([], { project: HUGE_PROJECT })],
    "a 1 MB project id is quoted cut, in the finding and in the fix",
    ["does not exempt", "cut"],
);
bounded("source-deploy-1mb-region", SDA, [fn2({ location: `us-${"c".repeat(MB)}` }), baPolicy([])], "a 1 MB region is quoted cut", [
    "does not exempt",
    "cut",
]);
bounded(
    "source-deploy-1mb-external-project",
    SDA,
    [fn2({ project: HUGE_PROJECT })],
    "a 1 MB project in externalAllowlist",
    ["externalAllowlist", "cut"],
    { externalAllowlist: { [HUGE_PROJECT]: [] } },
);
bounded("scoped-1mb-pattern", SCOPED, [baPolicy([`${"*".repeat(MB)}`])], "a 1 MB namePattern is quoted cut", [
    "admissionWhitelistPatterns[0].namePattern",
    "cut",
]);
bounded(
    "breakglass-1mb-with-control",
    BREAKGLASS,
    [breakglass(`${"rollback ".repeat(MB / 9)}\u0007`)],
    "a 1 MB justification with a control character at its end",
    ["control characters", "cut"],
);
bounded("breakglass-1mb-zero-width", BREAKGLASS, [breakglass(ZW.repeat(MB))], "1 MB of zero-width characters", ["is blank"]);
bounded(
    "required-1mb-annotation",
    REQUIRED,
    [v1({ "run.googleapis.com/binary-authorization": `default${" ".repeat(MB)}` })],
    "a 1 MB annotation value",
    ["must be exactly", "cut"],
);
bounded(
    "required-1mb-name",
    REQUIRED,
    [v2({}, `api-${"\u001b[31m".repeat(MB / 5)}`)],
    "a 1 MB resource name full of ANSI escapes is escaped and cut",
    ["binaryAuthorization", "cut"],
);
bounded("required-1mb-unknown-config-key", REQUIRED, [NO_BINAUTHZ], "a 1 MB unknown config key", ["unknown config key", "cut"], {
    [`k${"\u0007".repeat(MB)}`]: true,
});
bounded(
    "required-many-bad-allowed-policies",
    REQUIRED,
    [v2({ binaryAuthorization: { policy: NAMED } })],
    "10,000 invalid allowedPolicies entries give a bounded config note",
    ["allowedPolicies"],
    { allowedPolicies: Array.from({ length: 10_000 }, (_, i) => i) },
);
bounded(
    "required-many-undated-exemptions",
    REQUIRED,
    [NO_BINAUTHZ],
    "1,000 undated exemptions give a bounded message",
    ["no expires date"],
    { exemptions: Array.from({ length: 1000 }, () => ({ resource: "api", reason: "migration to the default policy in PLAT-12" })) },
);
bounded(
    "required-many-unknown-config-keys",
    REQUIRED,
    [NO_BINAUTHZ],
    "1,000 unknown config keys give a bounded message",
    ["unknown config key"],
    Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`key${i}`, i])),
);
bounded(
    "breakglass-many-allowed-stacks",
    BREAKGLASS,
    [breakglass(GOOD_REASON, { useDefault: true }, "dev")],
    "a disallowed stack with 1,000 allowedStacks globs gives a bounded message",
    ["allowedStacks"],
    { allowedStacks: Array.from({ length: 1000 }, (_, i) => `prod-${i}`) },
);

// ---------------------------------------------------------------------------------------------
// Regressions: fast-check counterexamples, fixed (see the report of issue 5).
// ---------------------------------------------------------------------------------------------

for (const k of ["constructor", "hasOwnProperty", "toString", "__proto__", "valueOf"]) {
    const config = JSON.parse(`{${JSON.stringify(k)}: []}`) as unknown;
    entries.push({
        id: `regression/config-key-${k}`,
        category: "regression",
        policy: GEN1,
        input: { resources: [fn1()], config },
        expect: "fail",
        why: `fuzz counterexample: the config key ${JSON.stringify(k)} was looked up on the schema map's prototype, and Ajv threw "schema must be object or boolean" (the policy body crashed into its last-resort guard)`,
        mentions: [`unknown config key "${k}"`, "1st-gen Cloud Function"],
    });
}
entries.push({
    id: "regression/config-key-__proto__-pattern",
    category: "regression",
    policy: BREAKGLASS,
    input: { resources: [breakglass(GOOD_REASON)], config: JSON.parse('{"__proto__": {"pattern": "("}}') as unknown },
    expect: "pass",
    why: 'an own "__proto__" key is an unknown key: it must not become the resolved config\'s prototype (and smuggle in a pattern)',
});
entries.push({
    id: "regression/config-key-hasOwnProperty-stack",
    category: "regression",
    policy: UNVERIFIED,
    input: { resources: [fn2()], config: { hasOwnProperty: {} } },
    expect: "fail",
    why: "fuzz counterexample on a stack policy: the same crash took the whole stack policy down",
    mentions: ['unknown config key "hasOwnProperty"', "cannot see the Binary Authorization policy"],
});

// Globs longer than minimatch accepts (64 KiB) made `new Minimatch` throw "pattern is too long" while
// the config was resolved: the policy body crashed into its last-resort guard (fuzz counterexamples
// for allowedPolicies, allowedStacks, allowedPatterns and an exemption's resource). Such a glob is now
// ignored with a config problem, which keeps the check at its strictest.
const LONG_GLOB = "a".repeat(70_000);
entries.push(
    {
        id: "regression/glob-too-long/allowed-policies",
        category: "regression",
        policy: REQUIRED,
        input: { resources: [v2({ binaryAuthorization: { policy: NAMED } })], config: { allowedPolicies: [LONG_GLOB] } },
        expect: "fail",
        why: "fuzz counterexample: a 70 kB allowedPolicies glob crashed config resolution",
        mentions: ["allowedPolicies", "cannot be used"],
    },
    {
        id: "regression/glob-too-long/allowed-stacks",
        category: "regression",
        policy: BREAKGLASS,
        input: { resources: [breakglass(GOOD_REASON)], config: { allowedStacks: [LONG_GLOB] } },
        expect: "fail",
        why: "fuzz counterexample: a 70 kB allowedStacks glob crashed config resolution; ignored, it allows no stack",
        mentions: ["allowedStacks", "cannot be used"],
    },
    {
        id: "regression/glob-too-long/allowed-patterns",
        category: "regression",
        policy: SCOPED,
        input: { resources: [baPolicy(["**"])], config: { allowedPatterns: [LONG_GLOB] } },
        expect: "fail",
        why: "fuzz counterexample: a 70 kB allowedPatterns glob crashed config resolution",
        mentions: ["exempts every image", "cannot be used"],
    },
    {
        id: "regression/glob-too-long/exemption",
        category: "regression",
        policy: GEN1,
        input: {
            resources: [fn1()],
            config: { exemptions: [{ resource: LONG_GLOB, reason: "migration to gen2 in PLAT-12", expires: "2026-04-01" }] },
        },
        expect: "fail",
        why: "fuzz counterexample: a 70 kB exemption resource glob crashed config resolution",
        mentions: ["1st-gen Cloud Function", "cannot be used"],
    },
    {
        id: "regression/glob-too-long/exemption-stack-policy",
        category: "regression",
        policy: SDA,
        input: {
            resources: [fn2(), baPolicy([])],
            config: { exemptions: [{ resource: LONG_GLOB, reason: "builds exempted elsewhere, PLAT-9", expires: "2026-04-01" }] },
        },
        expect: "fail",
        why: "the same crash took a whole stack policy down",
        mentions: [`${AR}/${PROJECT}/gcf-artifacts/**`, "cannot be used"],
    },
    {
        id: "regression/long-config-field-path",
        category: "regression",
        policy: UNVERIFIED,
        input: { resources: [fn2()], config: { externalAllowlist: { [`p${"k".repeat(MB)}`]: "not-a-list" } } },
        expect: "fail",
        why: "fuzz counterexample: a schema error under a 1 MB externalAllowlist key put the whole key into the config note (unbounded message)",
        mentions: ["externalAllowlist", "cannot see the Binary Authorization policy"],
    },
);

export const CORPUS: readonly CorpusEntry[] = entries;
