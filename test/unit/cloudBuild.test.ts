// Deploy paths 0.2.0 did not name (issue 19, class 9): Cloud Build triggers whose inline steps run
// gcloud deploys, gcloud global flags that hid the command group, and --breakglass on a gcloud
// command line, which is a breakglass like any other.
import { strict as assert } from "node:assert";
import { breakglassJustified, deployUnverified } from "../../policies";
import { checkResource, fixClock, type Result, UNKNOWN } from "../harness";
import { verdictAssertions } from "./verdicts";

const DEPLOY = "cloud-run-deploy-unverified";
const BREAKGLASS = "cloud-run-breakglass-justified";
const TRIGGER = "gcp:cloudbuild/trigger:Trigger";
const { assertClean, assertOne, assertAdvisory } = verdictAssertions(DEPLOY);
const breakglassVerdicts = verdictAssertions(BREAKGLASS);

const GCLOUD_IMAGE = "gcr.io/cloud-builders/gcloud";
const SDK_IMAGE = "gcr.io/google.com/cloudsdktool/cloud-sdk";
const DEPLOY_ARGS = ["run", "deploy", "api", "--image", "us-docker.pkg.dev/p/app/api:1", "--region", "us-central1"];
const GOOD = "INC-4711: attestor outage blocks the checkout hotfix, approved by the on-call lead";

type Step = Record<string, unknown>;
const trigger = (steps: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    location: "us-central1",
    triggerTemplate: { branchName: "main", repoName: "app" },
    build: { steps },
    ...extra,
});
const deployCheck = (props: unknown, type = TRIGGER, config: unknown = {}, name = "ci"): Promise<Result> =>
    checkResource(deployUnverified, { type, name, props }, config);
const breakglassCheck = (type: string, props: unknown, config: unknown = {}, stack?: string): Promise<Result> =>
    checkResource(breakglassJustified, { type, name: "ci", props, stack }, config);
const local = (create: string): Promise<Result> => deployCheck({ create }, "command:local:Command", {}, "deploy");

describe("deploy paths through Cloud Build and gcloud", () => {
    fixClock("2026-03-10T12:00:00Z");

    describe("Cloud Build triggers whose inline steps run gcloud deploys (cloud-run-deploy-unverified)", () => {
        const reported: [string, Step[], RegExp][] = [
            ["the gcloud builder, whose entrypoint is gcloud", [{ name: GCLOUD_IMAGE, args: DEPLOY_ARGS }], /a Cloud Run service/],
            ["the gcloud-slim builder, tagged", [{ name: `${GCLOUD_IMAGE}-slim:latest`, args: DEPLOY_ARGS }], /a Cloud Run service/],
            ["cloud-sdk with entrypoint gcloud", [{ name: SDK_IMAGE, entrypoint: "gcloud", args: DEPLOY_ARGS }], /a Cloud Run service/],
            [
                "cloud-sdk:slim without entrypoint",
                [{ name: `${SDK_IMAGE}:slim`, args: ["run", "jobs", "deploy", "nightly", "--image", "x"] }],
                /a Cloud Run job/,
            ],
            [
                "google-cloud-cli by digest",
                [{ name: `gcr.io/google.com/cloudsdktool/google-cloud-cli@sha256:${"a".repeat(64)}`, args: DEPLOY_ARGS }],
                /service/,
            ],
            ["an absolute entrypoint", [{ name: SDK_IMAGE, entrypoint: "/usr/bin/gcloud", args: DEPLOY_ARGS }], /service/],
            ["gcloud as the first arg", [{ name: SDK_IMAGE, args: ["gcloud", ...DEPLOY_ARGS] }], /service/],
            [
                "bash -c",
                [{ name: SDK_IMAGE, entrypoint: "bash", args: ["-c", "gcloud run deploy api --image x --region us-central1"] }],
                /service/,
            ],
            [
                "sh -ec with a multi-line script",
                [{ name: SDK_IMAGE, entrypoint: "/bin/sh", args: ["-ec", "set -x\ngcloud functions deploy fn --gen2 --runtime nodejs20"] }],
                /a Cloud Run function/,
            ],
            [
                "bash -o pipefail -euc",
                [{ name: "ubuntu", entrypoint: "bash", args: ["-o", "pipefail", "-euc", "gcloud run deploy api --image x"] }],
                /service/,
            ],
            ["a wrapper before gcloud", [{ name: SDK_IMAGE, entrypoint: "timeout", args: ["600", "gcloud", ...DEPLOY_ARGS] }], /service/],
            [
                "bash as the first arg of an image without entrypoint",
                [{ name: "ubuntu", args: ["bash", "-c", "gcloud run deploy api --image x"] }],
                /service/,
            ],
            [
                "script",
                [
                    {
                        name: SDK_IMAGE,
                        script: '#!/usr/bin/env bash\nset -euo pipefail\ngcloud run deploy api --image "$IMAGE" --region us-central1\n',
                    },
                ],
                /service/,
            ],
            [
                "a release track and a global flag",
                [{ name: GCLOUD_IMAGE, args: ["beta", "--flatten", "status", "run", "deploy", "api", "--image", "x"] }],
                /service/,
            ],
            ["an update with a new image", [{ name: GCLOUD_IMAGE, args: ["run", "services", "update", "api", "--image", "x"] }], /service/],
            [
                "gcloud run compose up",
                [{ name: GCLOUD_IMAGE, args: ["run", "compose", "up", "compose.yaml"] }],
                /Compose file the pack cannot read/,
            ],
            [
                "gcloud beta run compose up in bash -c",
                [{ name: SDK_IMAGE, entrypoint: "bash", args: ["-c", "gcloud beta run compose up --region us-central1"] }],
                /Compose file the pack cannot read/,
            ],
            [
                "a 1st-gen function",
                [{ name: GCLOUD_IMAGE, args: ["functions", "deploy", "fn", "--no-gen2", "--runtime", "nodejs20"] }],
                /1st-gen/,
            ],
            ["a named policy", [{ name: GCLOUD_IMAGE, args: [...DEPLOY_ARGS, "--binary-authorization", "$_POLICY"] }], /not default/],
            [
                "after a docker build step",
                [
                    { name: "gcr.io/cloud-builders/docker", args: ["build", "-t", "x", "."] },
                    { name: GCLOUD_IMAGE, args: DEPLOY_ARGS },
                ],
                /build\.steps\[1\]/,
            ],
        ];
        for (const [what, steps, why] of reported) {
            it(`reports ${what}`, async () => {
                const m = assertOne(
                    await deployCheck(trigger(steps)),
                    why,
                    /build\.steps\[\d\]/,
                    /without Binary Authorization/,
                    /Fix: add --binary-authorization=default/,
                );
                assert.match(m, /gcp\.cloud(run|functions)v2\./);
            });
        }

        it("reads a shell's option clusters: an o or O in a cluster takes the next word, a c anywhere makes the first operand the script", async () => {
            const script = "gcloud run deploy api --image x";
            for (const options of [
                ["-eo", "pipefail", "-c"],
                ["-euo", "pipefail", "-c"],
                ["-o", "pipefail", "-e", "-c"],
                ["-xeo", "pipefail", "-c"],
                ["-eo", "pipefail", "-o", "nounset", "-c"],
                ["-ceo", "pipefail"],
                ["-oc", "pipefail"],
                ["-c", "-eo", "pipefail"],
                ["-c", "-e"],
                ["-c", "--"],
                ["-c", "-"],
                ["-eO", "extglob", "-c"],
                ["+o", "posix", "-ec"],
                ["--noprofile", "--norc", "-euo", "pipefail", "-c"],
                ["--rcfile", "/etc/ci.rc", "-eo", "pipefail", "-c"],
            ]) {
                for (const step of [
                    { name: "ubuntu", entrypoint: "bash", args: [...options, script] },
                    { name: SDK_IMAGE, args: ["/bin/bash", ...options, script] },
                    { name: "ubuntu", entrypoint: "/bin/sh", args: [...options, `echo start && ${script}`] },
                ]) {
                    assertOne(
                        await deployCheck(trigger([step])),
                        /build\.steps\[0\] \(.*\) args run "gcloud run deploy api/,
                        /without --binary-authorization/,
                    );
                    assertClean(
                        await deployCheck(
                            trigger([
                                { ...step, args: step.args.map((a) => a.replace(script, `${script} --binary-authorization=default`)) },
                            ]),
                        ),
                    );
                }
            }
        });

        it("PowerShell runs the words after -Command (-c, -Command, /c), whatever parameters come before", async () => {
            for (const args of [
                ["-NoProfile", "-NonInteractive", "-Command", "gcloud run deploy api --image x"],
                ["-ExecutionPolicy", "Bypass", "-Command", "gcloud run deploy api --image x"],
                ["-NoLogo", "-c", "gcloud", "run", "deploy", "api", "--image", "x"],
                ["-WorkingDirectory", "C:\\src", "/Command", "gcloud run deploy api --image x"],
            ]) {
                for (const entrypoint of ["pwsh", "powershell.exe"]) {
                    assertOne(
                        await deployCheck(trigger([{ name: "mcr.microsoft.com/powershell", entrypoint, args }])),
                        /without --binary-authorization/,
                    );
                    assertClean(
                        await deployCheck(
                            trigger([
                                { name: "mcr.microsoft.com/powershell", entrypoint, args: [...args, "--binary-authorization=default"] },
                            ]),
                        ),
                    );
                }
            }
        });

        it("names every step that deploys, bounded", async () => {
            const steps = Array.from({ length: 12 }, (_, i) => ({ name: GCLOUD_IMAGE, args: ["run", "deploy", `s${i}`, "--image", "x"] }));
            const m = assertOne(await deployCheck(trigger(steps)), /build\.steps\[0\]/, /build\.steps\[4\]/, /and 7 more steps/);
            assert.ok(!m.includes("build.steps[5]"), m);
            assert.ok(m.length < 4000, `${m.length} characters`);
        });

        it("reads google-native's Trigger and Build the same way", async () => {
            assertOne(
                await deployCheck(trigger([{ name: GCLOUD_IMAGE, args: DEPLOY_ARGS }]), "google-native:cloudbuild/v1:Trigger"),
                /build\.steps\[0\]/,
            );
            assertOne(
                await deployCheck({ steps: [{ name: GCLOUD_IMAGE, args: DEPLOY_ARGS }] }, "google-native:cloudbuild/v1:Build"),
                /steps\[0\]/,
            );
        });

        const clean: [string, Step[]][] = [
            ["--binary-authorization=default", [{ name: GCLOUD_IMAGE, args: [...DEPLOY_ARGS, "--binary-authorization=default"] }]],
            [
                "--binary-authorization default",
                [{ name: SDK_IMAGE, entrypoint: "gcloud", args: [...DEPLOY_ARGS, "--binary-authorization", "default"] }],
            ],
            ["a script with the flag", [{ name: SDK_IMAGE, script: "gcloud run deploy api --image x --binary-authorization=default" }]],
            [
                "docker build and push",
                [
                    { name: "gcr.io/cloud-builders/docker", args: ["build", "-t", "x", "."] },
                    { name: "gcr.io/cloud-builders/docker", args: ["push", "x"] },
                ],
            ],
            ["npm run deploy (not gcloud)", [{ name: "gcr.io/cloud-builders/npm", args: ["run", "deploy"] }]],
            ["node with args that read like gcloud's", [{ name: "node:20", args: ["run", "deploy", "api"] }]],
            [
                "gcloud storage and describe",
                [
                    { name: GCLOUD_IMAGE, args: ["storage", "cp", "a", "gs://b"] },
                    { name: GCLOUD_IMAGE, args: ["run", "services", "describe", "api"] },
                ],
            ],
            ["a step that only echoes", [{ name: "ubuntu", args: ["echo", "gcloud run deploy is done elsewhere"] }]],
        ];
        for (const [what, steps] of clean) {
            it(`passes ${what}`, async () => {
                assertClean(await deployCheck(trigger(steps)));
            });
        }

        it("user substitutions are expanded first: a command or a flag in one is read (beyond the issue's list)", async () => {
            const hidden = { name: SDK_IMAGE, entrypoint: "bash", args: ["-c", "$_DEPLOY"] };
            assertOne(
                await deployCheck(trigger([hidden], { substitutions: { _DEPLOY: "gcloud run deploy api --image x" } })),
                /"gcloud run deploy api --image x"/,
            );
            assertOne(
                await deployCheck({
                    build: {
                        steps: [{ name: SDK_IMAGE, script: "${_DEPLOY}" }],
                        substitutions: { _DEPLOY: "gcloud run jobs deploy j --image x" },
                    },
                }),
                /a Cloud Run job/,
            );
            const flagged = { name: GCLOUD_IMAGE, args: [...DEPLOY_ARGS, "--binary-authorization=${_BINAUTHZ}"] };
            assertClean(await deployCheck(trigger([flagged], { substitutions: { _BINAUTHZ: "default" } })));
            assertOne(
                await deployCheck(trigger([flagged], { substitutions: { _BINAUTHZ: "projects/p/platforms/cloudRun/policies/x" } })),
                /not default/,
            );
            // The trigger's substitutions win over the build's, as in Cloud Build.
            assertClean(
                await deployCheck({
                    build: { steps: [flagged], substitutions: { _BINAUTHZ: "none" } },
                    substitutions: { _BINAUTHZ: "default" },
                }),
            );
            // $$ is a literal $: nothing is expanded.
            assertClean(
                await deployCheck(
                    trigger([{ name: SDK_IMAGE, entrypoint: "bash", args: ["-c", "echo $$_DEPLOY"] }], {
                        substitutions: { _DEPLOY: "gcloud run deploy api" },
                    }),
                ),
            );
            assertAdvisory(
                await deployCheck(trigger([hidden], { substitutions: { _DEPLOY: UNKNOWN } })),
                /substitutions\._DEPLOY is unknown/,
            );
            assertAdvisory(await deployCheck(trigger([hidden], { substitutions: UNKNOWN })), /substitutions is unknown/);
        });

        it("a trigger whose build is a file cannot be read: said so, with the file and the fix", async () => {
            const m = assertOne(
                await deployCheck({
                    location: "us-central1",
                    triggerTemplate: { branchName: "main", repoName: "app" },
                    filename: "cloudbuild.yaml",
                }),
                /build cannot be read: its build config is the file "cloudbuild\.yaml" in the repository \(filename\)/,
                /run\.allowedBinaryAuthorizationPolicies/,
                /inline \(build: \{ steps/,
                /exemption of cloud-run-deploy-unverified/,
            );
            assert.match(m, /gcloud run deploy/);
            assertOne(
                await deployCheck({ gitFileSource: { path: "ci/deploy.yaml", repoType: "GITHUB", uri: "https://github.com/o/r" } }),
                /the file "ci\/deploy\.yaml" in a repository \(gitFileSource\)/,
            );
            assertOne(await deployCheck({ triggerTemplate: { branchName: "main" } }), /no inline build/);
            assertOne(await deployCheck({ autodetect: true }, "google-native:cloudbuild/v1:Trigger"), /autodetect/);
            assertOne(await deployCheck({ filename: UNKNOWN }), /a file in the repository \(filename, unknown during preview\)/);
        });

        it("unknown steps, args, entrypoints or images defer with the pack's advisory", async () => {
            assertAdvisory(await deployCheck({ build: UNKNOWN }), /build is unknown/);
            assertAdvisory(await deployCheck(trigger(UNKNOWN)), /build\.steps is unknown/);
            assertAdvisory(await deployCheck(trigger([UNKNOWN])), /build\.steps\[0\] is unknown/);
            assertAdvisory(await deployCheck(trigger([{ name: GCLOUD_IMAGE, args: UNKNOWN }])), /build\.steps\[0\]\.args is unknown/);
            assertAdvisory(
                await deployCheck(trigger([{ name: GCLOUD_IMAGE, args: ["run", "deploy", UNKNOWN] }])),
                /build\.steps\[0\]\.args is unknown/,
            );
            assertAdvisory(await deployCheck(trigger([{ name: UNKNOWN, args: DEPLOY_ARGS }])), /build\.steps\[0\]\.name is unknown/);
            assertAdvisory(await deployCheck(trigger([{ name: SDK_IMAGE, script: UNKNOWN }])), /build\.steps\[0\]\.script is unknown/);
            // The image does not matter when the args name their program.
            assertOne(await deployCheck(trigger([{ name: UNKNOWN, args: ["gcloud", ...DEPLOY_ARGS] }])), /service/);
        });

        it("an exemption of the trigger skips it", async () => {
            const config = {
                exemptions: [
                    {
                        resource: "ci",
                        reason: "Reviewed in SEC-42: the deploy step sets the flag through a wrapper",
                        expires: "2099-01-01",
                    },
                ],
            };
            assertClean(await deployCheck({ filename: "cloudbuild.yaml" }, TRIGGER, config));
            assertClean(await deployCheck(trigger([{ name: GCLOUD_IMAGE, args: DEPLOY_ARGS }]), TRIGGER, config));
        });

        it("never throws on malformed or huge steps, and stays bounded", async () => {
            for (const steps of [
                [null, 42, "gcloud run deploy", [], { args: "run deploy" }, { args: [1, 2, null] }, { name: 42, args: DEPLOY_ARGS }],
                Array.from({ length: 5000 }, () => ({ name: GCLOUD_IMAGE, args: DEPLOY_ARGS })),
                [{ name: SDK_IMAGE, script: `gcloud run deploy ${"'\"".repeat(50_000)}` }],
                [{ name: SDK_IMAGE, entrypoint: "bash", args: ["-c", "gcloud ".repeat(100_000)] }],
            ]) {
                const r = await deployCheck(trigger(steps));
                for (const v of r.violations) assert.ok(v.length < 8000 && !v.includes("could not evaluate"), v.slice(0, 300));
            }
            for (const props of [null, 42, { build: 42 }, { build: { steps: 42 } }, { build: [] }]) await deployCheck(props);
        });
    });

    describe("gcloud global flags (the reference's list) keep the command group", () => {
        // gcloud --help, GLOBAL FLAGS: these take a value, as --flag=value or --flag value, anywhere.
        const valueFlags: [string, string][] = [
            ["--access-token-file", "/secrets/token"],
            ["--account", "deployer@example.com"],
            ["--billing-project", "billing-proj"],
            ["--configuration", "prod"],
            ["--flags-file", "flags.yaml"],
            ["--flatten", "status.conditions"],
            ["--format", "json"],
            ["--impersonate-service-account", "deployer@p.iam.gserviceaccount.com"],
            ["--project", "my-proj"],
            ["--trace-token", "abc123"],
            ["--verbosity", "debug"],
        ];
        it("every global flag that takes a value, as --flag value and --flag=value, before the group, after the track and after the command", async () => {
            const missed: string[] = [];
            for (const [flag, value] of valueFlags) {
                for (const form of [`${flag} ${value}`, `${flag}=${value}`]) {
                    for (const script of [
                        `gcloud ${form} run deploy api --image x`,
                        `gcloud beta ${form} run jobs deploy j --image x`,
                        `gcloud run deploy api ${form} --image x`,
                    ]) {
                        if ((await local(script)).violations.length !== 1) missed.push(script);
                        assertClean(await local(`${script} --binary-authorization=default`));
                    }
                }
            }
            assert.deepEqual(missed, []);
        });
        it("switches and flags the reader does not know (hidden, or from older gcloud) never hide the group", async () => {
            for (const script of [
                "gcloud --quiet run deploy api --image x",
                "gcloud -q --log-http run deploy api --image x",
                "gcloud --no-user-output-enabled functions deploy fn --gen2",
                "gcloud --user-output-enabled false run deploy api --image x",
                "gcloud --http-timeout 30 run deploy api --image x",
                "gcloud --authority-selector someone@example.com --format json run jobs deploy j --image x",
                "gcloud --flatten a --format b --verbosity c --configuration d --impersonate-service-account e run deploy api",
            ]) {
                assertOne(await local(script), /without --binary-authorization=default/);
            }
            assertClean(await local("gcloud --format json run services describe api"));
            assertClean(await local("gcloud --verbosity debug run services update api --memory 1Gi"));
        });
    });

    describe("a nested shell in a Command script", () => {
        it("bash with option clusters runs its -c script, quoted or with escaped spaces", async () => {
            for (const [create, flag] of [
                ["bash -eo pipefail -c 'gcloud run deploy api --image x{}'", " --binary-authorization=default"],
                ['bash -euo pipefail -c "gcloud run deploy api --image x{}"', " --binary-authorization=default"],
                ["sh -o errexit -e -c 'set -x; gcloud run deploy api --image x{}'", " --binary-authorization=default"],
                ["bash -xeo pipefail -c gcloud\\ run\\ deploy\\ api\\ --image\\ x{}", "\\ --binary-authorization=default"],
            ]) {
                assertOne(await local(create.replace("{}", "")), /without --binary-authorization/);
                assertClean(await local(create.replace("{}", flag)));
            }
        });
    });

    describe("shell comments (beyond the issue's list)", () => {
        it("a flag in a comment is no flag, and a comment ends at its line whatever its last character", async () => {
            assertOne(
                await local("gcloud run deploy api --image x # --binary-authorization=default"),
                /without --binary-authorization=default/,
            );
            assertOne(
                await local("gcloud run deploy api --image x #--binary-authorization=default"),
                /without --binary-authorization=default/,
            );
            assertOne(await local("# the old way \\\ngcloud run deploy api --image x"), /without --binary-authorization=default/);
            assertOne(
                await deployCheck(
                    trigger([
                        {
                            name: SDK_IMAGE,
                            script: "gcloud run deploy api --image x  # --binary-authorization=default is set by the wrapper",
                        },
                    ]),
                ),
                /build\.steps\[0\] .*script run/,
            );
            assertClean(
                await local("# gcloud run deploy api --image x\ngcloud run deploy api --image x --binary-authorization=default # checked"),
            );
            assertClean(await local('gcloud run deploy api --image x --description "a #b" --binary-authorization=default'));
            assertClean(await local("gcloud run deploy api \\\n  --image x \\\r\n  --binary-authorization=default"));
        });

        it("a mirror of the gcloud image runs gcloud too", async () => {
            assertOne(await deployCheck(trigger([{ name: "us-docker.pkg.dev/acme/mirror/gcloud:latest", args: DEPLOY_ARGS }])), /service/);
            assertOne(
                await deployCheck(
                    trigger([{ name: "europe-docker.pkg.dev/acme/tools/google-cloud-sdk@sha256:" + "b".repeat(64), args: DEPLOY_ARGS }]),
                ),
                /service/,
            );
        });
    });

    describe("--breakglass on a gcloud command is a breakglass (cloud-run-breakglass-justified)", () => {
        const command = (create: string): Record<string, unknown> => ({ create });

        it("a fake justification fails, naming the field, the command and why", async () => {
            for (const [script, why] of [
                ['gcloud run deploy api --image x --binary-authorization=default --breakglass="asdf asdf asdf"', /keyboard mash|repeats/],
                ["gcloud run services update api --breakglass=qwertyuiop", /keyboard mash|characters long/],
                ['gcloud run services update api --breakglass "rollback!!!!!!!!!!!!!!!!!!!!!"', /one word padded/],
                ["gcloud beta run jobs deploy j --image x --breakglass n/a --binary-authorization default", /placeholder/],
                ["gcloud --format json run deploy api --image x --breakglass='fix prod fix prod fix prod'", /repeats the phrase/],
            ] as const) {
                const m = breakglassVerdicts.assertOne(
                    await breakglassCheck("command:local:Command", command(script)),
                    /^command:local:Command "ci": create runs "gcloud /,
                    why,
                );
                assert.match(m, /with the breakglass justification --breakglass ".*", which is not a real justification/);
                assert.match(m, /Fix: explain why the breakglass is needed .* in the command's --breakglass "JUSTIFICATION"/);
            }
        });

        it("a justification from a variable is read as written, and the message says so", async () => {
            const m = breakglassVerdicts.assertOne(
                await breakglassCheck("command:local:Command", command('gcloud run services update api --breakglass="$REASON"')),
                /is not a real justification/,
            );
            assert.match(m, /a shell variable or Cloud Build substitution .* is not expanded/);
        });

        it("a real justification passes, in a Command and in a Cloud Build step", async () => {
            breakglassVerdicts.assertClean(
                await breakglassCheck("command:local:Command", command(`gcloud run services update api --breakglass "${GOOD}"`)),
            );
            breakglassVerdicts.assertClean(
                await breakglassCheck(
                    TRIGGER,
                    trigger([{ name: GCLOUD_IMAGE, args: [...DEPLOY_ARGS, "--binary-authorization=default", `--breakglass=${GOOD}`] }]),
                ),
            );
            breakglassVerdicts.assertClean(await breakglassCheck("command:remote:Command", command("gcloud run deploy api --image x")));
        });

        it("Cloud Build steps: args and script, with the step's path", async () => {
            breakglassVerdicts.assertOne(
                await breakglassCheck(
                    TRIGGER,
                    trigger([{ name: GCLOUD_IMAGE, args: [...DEPLOY_ARGS, "--breakglass", "hotfix hotfix hotfix"] }]),
                ),
                /^gcp:cloudbuild\/trigger:Trigger "ci": build\.steps\[0\]\.args runs "gcloud run deploy/,
                /repeats one word/,
            );
            breakglassVerdicts.assertOne(
                await breakglassCheck(
                    TRIGGER,
                    trigger([{ name: SDK_IMAGE, script: "gcloud run services update api --breakglass='q w e r t y u i o p'" }]),
                ),
                /build\.steps\[0\]\.script runs/,
                /single letters|keyboard mash/,
            );
        });

        it("a --breakglass inside a shell's -c script after option clusters is judged (bash -eo pipefail -c '…')", async () => {
            for (const options of [
                ["-eo", "pipefail", "-c"],
                ["-euo", "pipefail", "-c"],
                ["-xeo", "pipefail", "-c"],
                ["-c", "-e"],
            ]) {
                const command = (text: string): string =>
                    `gcloud run deploy api --image x --binary-authorization=default --breakglass=${JSON.stringify(text)}`;
                breakglassVerdicts.assertOne(
                    await breakglassCheck(TRIGGER, trigger([{ name: "ubuntu", entrypoint: "bash", args: [...options, command("n/a")] }])),
                    /build\.steps\[0\]\.args runs "gcloud run deploy/,
                    /is not a real justification/,
                );
                breakglassVerdicts.assertOne(
                    await breakglassCheck("command:local:Command", { create: `bash ${options.join(" ")} '${command("n/a")}'` }),
                    /create runs "gcloud run deploy/,
                    /is not a real justification/,
                );
                breakglassVerdicts.assertClean(
                    await breakglassCheck(TRIGGER, trigger([{ name: "ubuntu", entrypoint: "bash", args: [...options, command(GOOD)] }])),
                );
            }
        });

        it("config applies as for workloads: allowedStacks, pattern, requireExpiry", async () => {
            const script = command(`gcloud run services update api --breakglass "${GOOD}"`);
            breakglassVerdicts.assertOne(
                await breakglassCheck("command:local:Command", script, { allowedStacks: ["prod"] }, "dev"),
                /with --breakglass in stack "dev", which config allowedStacks \("prod"\) does not allow/,
            );
            breakglassVerdicts.assertClean(await breakglassCheck("command:local:Command", script, { allowedStacks: ["prod"] }, "prod"));
            breakglassVerdicts.assertOne(
                await breakglassCheck("command:local:Command", script, { pattern: "CHG-\\d+" }),
                /does not contain a match of config pattern/,
            );
            breakglassVerdicts.assertOne(
                await breakglassCheck("command:local:Command", script, { requireExpiry: true }),
                /has no expiry date/,
            );
        });

        it("an exemption of the Command skips it; cloud-run-deploy-unverified leaves the text to this policy", async () => {
            const script = command('gcloud run deploy api --image x --binary-authorization=default --breakglass="asdf asdf"');
            const config = {
                exemptions: [{ resource: "ci", reason: "Drill in the staging project, SEC-77, owner alice", expires: "2099-01-01" }],
            };
            breakglassVerdicts.assertClean(await breakglassCheck("command:local:Command", script, config));
            assertClean(await deployCheck(script, "command:local:Command"));
        });

        it("other resources are not applicable, and unknown scripts are left to cloud-run-deploy-unverified", async () => {
            const r = await breakglassCheck("gcp:storage/bucket:Bucket", { name: "b" });
            assert.match(r.notApplicable ?? "", /not a Cloud Run workload/);
            breakglassVerdicts.assertClean(await breakglassCheck("command:local:Command", { create: UNKNOWN }));
            assertAdvisory(await deployCheck({ create: UNKNOWN }, "command:local:Command"), /create/);
        });
    });
});
