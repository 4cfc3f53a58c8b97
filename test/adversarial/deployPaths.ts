// Adversarial corpus, issue 19 class 9: deploy paths 0.2.0 did not name. Cloud Build triggers whose
// inline steps run gcloud deploys (Google's standard CI/CD path to Cloud Run) and triggers whose build
// is a file; gcloud global flags that hid the command group; and --breakglass on a gcloud command,
// which is a breakglass like a workload's. Data only; test/adversarial.test.ts runs these entries.
import type { PolicyName } from "../../policies/model/config";
import { type ResourceInput, UNKNOWN } from "../harness";
import type { CorpusEntry } from "./corpus";

/** An entry of this file: the main corpus's shape, in its own category. */
export type DeployPathEntry = Omit<CorpusEntry, "category"> & { category: "deploy-paths" };

const DEPLOY: PolicyName = "cloud-run-deploy-unverified";
const BREAKGLASS: PolicyName = "cloud-run-breakglass-justified";
const TRIGGER = "gcp:cloudbuild/trigger:Trigger";
const GCLOUD = "gcr.io/cloud-builders/gcloud";
const SDK = "gcr.io/google.com/cloudsdktool/cloud-sdk";
const IMAGE = "us-central1-docker.pkg.dev/my-proj/app/api:$SHORT_SHA";
const DEPLOY_ARGS = ["run", "deploy", "api", "--image", IMAGE, "--region", "us-central1", "--platform", "managed"];
const GOOD = "INC-4711: attestor outage blocks the checkout hotfix, approved by the on-call lead";

function trigger(steps: unknown, name = "deploy-on-push"): ResourceInput {
    return {
        type: TRIGGER,
        name,
        props: { location: "us-central1", github: { owner: "acme", name: "app", push: { branch: "^main$" } }, build: { steps } },
    };
}
function command(create: string): ResourceInput {
    return { type: "command:local:Command", name: "deploy", props: { create } };
}

const entries: DeployPathEntry[] = [];
function entry(
    id: string,
    policy: PolicyName,
    resource: ResourceInput,
    expect: CorpusEntry["expect"],
    why: string,
    mentions?: (string | RegExp)[],
): void {
    entries.push({ id: `deploy-paths/${id}`, category: "deploy-paths", policy, input: { resources: [resource] }, expect, why, mentions });
}

// Cloud Build steps that deploy: every way a step gives the command.
const STEPS: [string, Record<string, unknown>[]][] = [
    ["gcloud-builder-args", [{ name: GCLOUD, args: DEPLOY_ARGS }]],
    ["cloud-sdk-entrypoint-gcloud", [{ name: SDK, entrypoint: "gcloud", args: DEPLOY_ARGS }]],
    ["cloud-sdk-default-entrypoint", [{ name: `${SDK}:slim`, args: DEPLOY_ARGS }]],
    ["bash-c", [{ name: SDK, entrypoint: "bash", args: ["-c", `gcloud ${DEPLOY_ARGS.join(" ")}`] }]],
    ["sh-c-chained", [{ name: SDK, entrypoint: "sh", args: ["-c", `echo deploying && gcloud ${DEPLOY_ARGS.join(" ")} || exit 1`] }]],
    ["script", [{ name: SDK, script: `#!/bin/bash\nset -e\ngcloud ${DEPLOY_ARGS.join(" ")}\n` }]],
    // Option clusters before -c (red team F3): an o in a cluster takes the next word (pipefail).
    ["bash-eo-pipefail-c", [{ name: SDK, entrypoint: "bash", args: ["-eo", "pipefail", "-c", `gcloud ${DEPLOY_ARGS.join(" ")}`] }]],
    ["bash-euo-pipefail-c", [{ name: "ubuntu", entrypoint: "bash", args: ["-euo", "pipefail", "-c", `gcloud ${DEPLOY_ARGS.join(" ")}`] }]],
    [
        "bash-o-pipefail-e-c",
        [{ name: SDK, entrypoint: "/bin/bash", args: ["-o", "pipefail", "-e", "-c", `gcloud ${DEPLOY_ARGS.join(" ")}`] }],
    ],
    ["bash-xeo-pipefail-c", [{ name: SDK, args: ["bash", "-xeo", "pipefail", "-c", `gcloud ${DEPLOY_ARGS.join(" ")}`] }]],
    ["bash-c-then-options", [{ name: SDK, entrypoint: "bash", args: ["-c", "-e", `gcloud ${DEPLOY_ARGS.join(" ")}`] }]],
    [
        "pwsh-execution-policy",
        [{ name: SDK, entrypoint: "pwsh", args: ["-ExecutionPolicy", "Bypass", "-Command", `gcloud ${DEPLOY_ARGS.join(" ")}`] }],
    ],
    ["jobs-deploy", [{ name: GCLOUD, args: ["run", "jobs", "deploy", "nightly", "--image", IMAGE, "--region", "us-central1"] }]],
    ["functions-deploy", [{ name: GCLOUD, args: ["functions", "deploy", "fn", "--gen2", "--runtime", "nodejs20", "--trigger-http"] }]],
    ["beta-track-global-flags", [{ name: GCLOUD, args: ["beta", "--verbosity", "debug", "--flatten", "status", ...DEPLOY_ARGS] }]],
    [
        "second-step",
        [
            { name: "gcr.io/cloud-builders/docker", args: ["build", "-t", IMAGE, "."] },
            { name: GCLOUD, args: DEPLOY_ARGS },
        ],
    ],
    [
        "continuous-deployment-update",
        [
            {
                name: `${SDK}:slim`,
                entrypoint: "gcloud",
                args: ["run", "services", "update", "api", "--image", IMAGE, "--region", "us-central1", "--quiet"],
            },
        ],
    ],
];
for (const [id, steps] of STEPS) {
    entry(
        `trigger/${id}`,
        DEPLOY,
        trigger(steps),
        "fail",
        "a Cloud Build step that runs a gcloud deploy without --binary-authorization=default",
        [/build\.steps\[\d\]/, "without --binary-authorization=default", "Fix: add --binary-authorization=default"],
    );
}
entry(
    "trigger/google-native",
    DEPLOY,
    { ...trigger([{ name: GCLOUD, args: DEPLOY_ARGS }]), type: "google-native:cloudbuild/v1:Trigger" },
    "fail",
    "google-native's Trigger has the same inline build",
    ["build.steps[0]"],
);
entry(
    "trigger/filename",
    DEPLOY,
    {
        type: TRIGGER,
        name: "deploy-on-push",
        props: { location: "us-central1", triggerTemplate: { branchName: "main", repoName: "app" }, filename: "cloudbuild.yaml" },
    },
    "fail",
    "a trigger whose build is cloudbuild.yaml in the repository cannot be read: said so",
    ['the file "cloudbuild.yaml" in the repository (filename)', "run.allowedBinaryAuthorizationPolicies"],
);
entry(
    "trigger/git-file-source",
    DEPLOY,
    {
        type: TRIGGER,
        name: "manual",
        props: { gitFileSource: { path: "deploy/cloudbuild.yaml", repoType: "GITHUB", uri: "https://github.com/acme/app" } },
    },
    "fail",
    "a trigger whose build is a file in a repository (gitFileSource) cannot be read",
    ["gitFileSource"],
);
entry(
    "trigger/substitution-hides-the-command",
    DEPLOY,
    {
        ...trigger([{ name: SDK, entrypoint: "bash", args: ["-c", "${_DEPLOY_CMD}"] }]),
        props: {
            build: { steps: [{ name: SDK, entrypoint: "bash", args: ["-c", "${_DEPLOY_CMD}"] }] },
            substitutions: { _DEPLOY_CMD: `gcloud ${DEPLOY_ARGS.join(" ")}` },
        },
    },
    "fail",
    "a user substitution that holds the whole deploy command is expanded before the step is read",
    ["build.steps[0]", "without --binary-authorization=default"],
);
entry(
    "trigger/substitution-sets-the-flag",
    DEPLOY,
    {
        ...trigger([]),
        props: {
            build: { steps: [{ name: GCLOUD, args: [...DEPLOY_ARGS, "--binary-authorization", "$_BINAUTHZ"] }] },
            substitutions: { _BINAUTHZ: "default" },
        },
    },
    "pass",
    "control: a substitution that sets the flag to default",
);
entry("trigger/unknown-args", DEPLOY, trigger([{ name: GCLOUD, args: UNKNOWN }]), "advisory", "unknown args defer", [
    "build.steps[0].args",
]);
// Controls
entry(
    "trigger/control-flag",
    DEPLOY,
    trigger([{ name: GCLOUD, args: [...DEPLOY_ARGS, "--binary-authorization=default"] }]),
    "pass",
    "control: the flag is set",
);
entry(
    "trigger/control-flag-in-script",
    DEPLOY,
    trigger([{ name: SDK, script: `gcloud ${DEPLOY_ARGS.join(" ")} --binary-authorization default` }]),
    "pass",
    "control: the flag is set in the script",
);
entry(
    "trigger/control-build-only",
    DEPLOY,
    trigger([
        { name: "gcr.io/cloud-builders/docker", args: ["build", "-t", IMAGE, "."] },
        { name: "gcr.io/cloud-builders/npm", args: ["run", "deploy"] },
    ]),
    "pass",
    "control: a build that only builds (npm run deploy is not gcloud)",
);
entry(
    "trigger/control-echo",
    DEPLOY,
    trigger([{ name: "ubuntu", args: ["echo", "gcloud run deploy api"] }]),
    "pass",
    "control: echo prints, it runs nothing",
);

// gcloud global flags in a Command: the value of each must not be read as the command group.
for (const flag of ["--flatten status", "--user-output-enabled false", "--http-timeout 30", "--authority-selector a@b.c"]) {
    const id = flag.split(" ")[0].slice(2);
    entry(
        `global-flag/${id}`,
        DEPLOY,
        command(`gcloud ${flag} run deploy api --image ${IMAGE}`),
        "fail",
        `${flag} before the group hid the deploy`,
        ["without --binary-authorization=default"],
    );
    entry(
        `global-flag/${id}/control`,
        DEPLOY,
        command(`gcloud ${flag} run deploy api --image ${IMAGE} --binary-authorization=default`),
        "pass",
        "control: with the flag",
    );
}

// Shell comments (beyond the list): a flag in a comment is no flag, and a comment ends at its line.
entry(
    "comment/flag-in-a-comment",
    DEPLOY,
    command(`gcloud run deploy api --image ${IMAGE} # --binary-authorization=default`),
    "fail",
    "the flag is in a comment, which the shell does not run",
    ["without --binary-authorization=default"],
);
entry(
    "comment/continuation-in-a-comment",
    DEPLOY,
    command(`# the old way \\
gcloud run deploy api --image ${IMAGE}`),
    "fail",
    "a backslash does not continue a comment: the next line runs",
    ["without --binary-authorization=default"],
);
entry(
    "comment/control",
    DEPLOY,
    command(`# gcloud run deploy api --image ${IMAGE}\ngcloud run deploy api --image ${IMAGE} --binary-authorization=default # verified`),
    "pass",
    "control: a deploy in a comment runs nothing",
);
// gcloud run compose up (red team F4): deploys a Compose file's services, and takes no --binary-authorization flag.
for (const track of ["", "beta ", "alpha "]) {
    entry(
        `compose-up/${track.trim() || "ga"}`,
        DEPLOY,
        command(`gcloud ${track}run compose up compose.yaml --region us-central1`),
        "fail",
        "gcloud run compose up deploys Cloud Run services from a Compose file the pack cannot read",
        ["Compose file the pack cannot read", "gcloud run compose up takes no --binary-authorization flag"],
    );
}
entry(
    "compose-up/trigger-args",
    DEPLOY,
    trigger([{ name: GCLOUD, args: ["run", "compose", "up", "compose.yaml", "--region", "us-central1"] }]),
    "fail",
    "a Cloud Build step that runs gcloud run compose up",
    ["build.steps[0]", "Compose file the pack cannot read", "gcloud run compose up takes no --binary-authorization flag"],
);
entry(
    "compose-up/trigger-script",
    DEPLOY,
    trigger([{ name: SDK, script: "set -e\ngcloud beta run compose up\n" }]),
    "fail",
    "a Cloud Build script that runs gcloud beta run compose up (the Compose file defaults to compose.yaml)",
    ["build.steps[0]", "Compose file the pack cannot read"],
);
entry(
    "compose-up/control-docker-compose",
    DEPLOY,
    command("docker compose up -d && gcloud run services describe api"),
    "pass",
    "control: docker compose up runs locally, and describe deploys nothing",
);

// Shell redirections (red team F2): the word after a redirection operator is a file name the shell
// opens, never an argument of the command, however the operator is written.
for (const [id, op] of [
    ["stdout", "> "],
    ["stdout-attached", ">"],
    ["stderr", "2> "],
    ["append", ">> "],
    ["stdin", "< "],
    ["here-string", "<<< "],
    ["both-streams", "&> "],
    ["clobber", ">| "],
    ["duplicate", ">& "],
    ["here-document", "<< "],
] as const) {
    entry(
        `redirect/${id}`,
        DEPLOY,
        command(`gcloud run deploy api --image ${IMAGE} ${op}--binary-authorization=default`),
        "fail",
        `the flag after ${op.trim()} is the file the shell redirects to, not an argument of gcloud`,
        ["without --binary-authorization=default"],
    );
}
entry(
    "redirect/trigger-script",
    DEPLOY,
    trigger([{ name: SDK, script: `gcloud ${DEPLOY_ARGS.join(" ")} 2> --binary-authorization=default` }]),
    "fail",
    "a step's script is read the same way: the redirection's target is no flag",
    ["build.steps[0]", "without --binary-authorization=default"],
);
entry(
    "redirect/trigger-bash-c",
    DEPLOY,
    trigger([{ name: SDK, entrypoint: "bash", args: ["-c", `gcloud ${DEPLOY_ARGS.join(" ")} > --binary-authorization=default`] }]),
    "fail",
    "a shell's -c script in a step's args is read the same way",
    ["build.steps[0]", "without --binary-authorization=default"],
);
entry(
    "redirect/control-after-the-flag",
    DEPLOY,
    command(`gcloud run deploy api --image ${IMAGE} --binary-authorization=default >/dev/null 2>&1`),
    "pass",
    "control: output redirected after the flag",
);
entry(
    "redirect/control-both-streams-before-the-flag",
    DEPLOY,
    command(`gcloud run deploy api --image ${IMAGE} &>deploy.log --binary-authorization=default`),
    "pass",
    "control: &> redirects both streams to deploy.log; the & does not end the command, and the flag after its target counts",
);
entry(
    "redirect/control-quoted-operator",
    DEPLOY,
    command(`gcloud run deploy api --image ${IMAGE} --set-env-vars "ARROW=>" ">" --binary-authorization=default`),
    "pass",
    "control: a quoted > is an argument, not a redirection",
);
entry(
    "trigger/mirrored-gcloud-image",
    DEPLOY,
    trigger([{ name: "us-docker.pkg.dev/acme/mirror/gcloud:latest", args: DEPLOY_ARGS }]),
    "fail",
    "a mirror of the gcloud builder runs gcloud too",
    ["build.steps[0]"],
);

// --breakglass on a gcloud command line.
for (const [id, text] of [
    ["keyboard", "asdfghjkl qwertyuiop"],
    ["padded-word", "rollback!!!!!!!!!!!!!!!!!!!"],
    ["placeholder", "n/a"],
    ["repeated-phrase", "fix prod fix prod fix prod"],
    ["spaced-keys", "q w e r t y u i o p"],
] as const) {
    entry(
        `breakglass/command/${id}`,
        BREAKGLASS,
        command(`gcloud run services update api --breakglass="${text}"`),
        "fail",
        "a fake --breakglass justification in a Command",
        ["create runs", "--breakglass", "is not a real justification"],
    );
    entry(
        `breakglass/trigger/${id}`,
        BREAKGLASS,
        trigger([{ name: GCLOUD, args: [...DEPLOY_ARGS, "--binary-authorization=default", `--breakglass=${text}`] }]),
        "fail",
        "a fake --breakglass justification in a Cloud Build step",
        ["build.steps[0].args runs", "is not a real justification"],
    );
}
entry(
    "trigger/control-bash-eo-pipefail-c-flag",
    DEPLOY,
    trigger([
        {
            name: SDK,
            entrypoint: "bash",
            args: ["-eo", "pipefail", "-c", `gcloud ${DEPLOY_ARGS.join(" ")} --binary-authorization=default`],
        },
    ]),
    "pass",
    "control: bash -eo pipefail -c with the flag in its script",
);
entry(
    "breakglass/trigger/bash-eo-pipefail-c",
    BREAKGLASS,
    trigger([
        {
            name: SDK,
            entrypoint: "bash",
            args: ["-eo", "pipefail", "-c", `gcloud ${DEPLOY_ARGS.join(" ")} --binary-authorization=default --breakglass=n/a`],
        },
    ]),
    "fail",
    "a --breakglass in the -c script of bash -eo pipefail is judged like any other",
    ["build.steps[0].args runs", "is not a real justification"],
);
entry(
    "breakglass/trigger/bash-eo-pipefail-c/control",
    BREAKGLASS,
    trigger([
        {
            name: SDK,
            entrypoint: "bash",
            args: ["-eo", "pipefail", "-c", `gcloud ${DEPLOY_ARGS.join(" ")} --binary-authorization=default --breakglass="${GOOD}"`],
        },
    ]),
    "pass",
    "control: a real justification in the -c script",
);
entry(
    "breakglass/command/control",
    BREAKGLASS,
    command(`gcloud run services update api --breakglass "${GOOD}"`),
    "pass",
    "control: a real justification",
);
entry(
    "breakglass/trigger/control",
    BREAKGLASS,
    trigger([{ name: GCLOUD, args: [...DEPLOY_ARGS, "--binary-authorization=default", "--breakglass", GOOD] }]),
    "pass",
    "control: a real justification in a step",
);

export const DEPLOY_PATHS_CORPUS: readonly DeployPathEntry[] = entries;
