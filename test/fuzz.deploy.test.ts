// Property-based fuzzing of the deploy readers (issue 19, class 9): Cloud Build steps in every shape
// a step can give a command (args with the image's or an explicit entrypoint, bash/sh -c with option
// clusters such as -eo pipefail, PowerShell -Command, script, wrappers), gcloud global flags anywhere on the line (the reference's list, in both forms, plus
// switches and flags the reader does not know), and --breakglass on the command line. Every case runs
// through the policies as the analyzer server calls them (test/harness.ts). FUZZ_SEED overrides the seed, FUZZ_SCALE multiplies the runs.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { breakglassJustified, deployUnverified } from "../policies";
import { assertWellFormed } from "./adversarial/messages";
import { checkResource, fixClock, type Result, UNKNOWN } from "./harness";

const SEED = Number.isSafeInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20260319;
/** FUZZ_SCALE=<n> multiplies the runs, for a longer hunt. */
const SCALE = Number(process.env.FUZZ_SCALE ?? "1") > 0 ? Number(process.env.FUZZ_SCALE ?? "1") : 1;
const RUNS = Math.round(300 * SCALE);
const params = { numRuns: RUNS, seed: SEED };
const TRIGGER = "gcp:cloudbuild/trigger:Trigger";

const run = (type: string, props: unknown, policy = deployUnverified): Promise<Result> =>
    checkResource(policy, { type, name: "ci", props }, {});
function wellFormed(policy: string, r: Result): void {
    for (const m of [...r.violations, ...(r.advisory ? [r.advisory] : [])]) assertWellFormed(policy, m);
}

/** gcloud's global flags that take a value, from gcloud's reference (gcloud --help, GLOBAL FLAGS), written out here on purpose. */
const GLOBAL_VALUE_FLAGS = [
    "--access-token-file",
    "--account",
    "--billing-project",
    "--configuration",
    "--flags-file",
    "--flatten",
    "--format",
    "--impersonate-service-account",
    "--project",
    "--trace-token",
    "--verbosity",
];
/** A value for each global value flag, some with characters a shell or gcloud would treat specially. */
const flagValue = fc.constantFrom(
    "json",
    "status.conditions",
    "prod",
    "a@b.c",
    "value(status.url)",
    "my-proj",
    "debug",
    "x y",
    "run",
    "deploy",
);
/** A global flag with its value, in either form, as words of an argv. */
const globalFlag = fc.oneof(
    fc.tuple(fc.constantFrom(...GLOBAL_VALUE_FLAGS), flagValue, fc.boolean()).map(([f, v, eq]) => (eq ? [`${f}=${v}`] : [f, v])),
    fc.constantFrom(["--quiet"], ["-q"], ["--log-http"], ["--no-user-output-enabled"], ["--user-output-enabled", "false"]),
    fc.constantFrom(["--http-timeout", "30"], ["--authority-selector", "a@b.c"], ["--credential-file-override", "/k.json"]),
);
const flags = fc.array(globalFlag, { maxLength: 3 }).map((a) => a.flat());

/** A gcloud deploy as an argv after `gcloud`, with global flags before the group, after the track and after the command. */
const deployArgs = fc
    .record({
        track: fc.constantFrom([], ["beta"], ["alpha"]),
        path: fc.constantFrom(
            ["run", "deploy", "api", "--image", "x"],
            ["run", "jobs", "deploy", "nightly", "--image", "x"],
            ["run", "jobs", "create", "nightly", "--image", "x"],
            ["run", "worker-pools", "deploy", "pool", "--image", "x"],
            ["run", "services", "update", "api", "--image", "x"],
            ["functions", "deploy", "fn", "--gen2", "--runtime", "nodejs20"],
        ),
        before: flags,
        between: flags,
        after: flags,
    })
    .map((d) => [...d.before, ...d.track, ...d.between, ...d.path, ...d.after]);

const shellQuote = (w: string): string => (/^[A-Za-z0-9_./=@:-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);
const otherStep = fc.constantFrom<Record<string, unknown>>(
    { name: "gcr.io/cloud-builders/docker", args: ["build", "-t", "x", "."] },
    { name: "gcr.io/cloud-builders/npm", args: ["run", "deploy"] },
    { name: "ubuntu", args: ["echo", "gcloud run deploy api"] },
    { name: "gcr.io/cloud-builders/gcloud", args: ["storage", "cp", "a", "gs://b"] },
);

/** The step that runs `gcloud <args>`, in one of the shapes a step can take. */
function stepFor(args: string[], shape: number): Record<string, unknown> {
    const script = `gcloud ${args.map(shellQuote).join(" ")}`;
    switch (shape) {
        case 0:
            return { name: "gcr.io/cloud-builders/gcloud", args };
        case 1:
            return { name: "gcr.io/google.com/cloudsdktool/cloud-sdk", entrypoint: "gcloud", args };
        case 2:
            return { name: "gcr.io/google.com/cloudsdktool/cloud-sdk:slim", args };
        case 3:
            return { name: "gcr.io/google.com/cloudsdktool/cloud-sdk", args: ["gcloud", ...args] };
        case 4:
            return { name: "gcr.io/google.com/cloudsdktool/cloud-sdk", entrypoint: "bash", args: ["-c", script] };
        case 5:
            return { name: "ubuntu", entrypoint: "/bin/sh", args: ["-o", "errexit", "-ec", `echo start && ${script}`] };
        case 6:
            return {
                name: "gcr.io/google.com/cloudsdktool/google-cloud-cli",
                script: `#!/usr/bin/env bash\nset -euo pipefail\n${script}\n`,
            };
        case 7:
            return { name: "ubuntu", args: ["bash", "-c", script] };
        case 8:
            return { name: "gcr.io/google.com/cloudsdktool/cloud-sdk", entrypoint: "timeout", args: ["600", "gcloud", ...args] };
        case 9:
            return { name: "ubuntu", entrypoint: "bash", args: ["-eo", "pipefail", "-c", script] };
        case 10:
            return { name: "gcr.io/google.com/cloudsdktool/cloud-sdk", args: ["bash", "-xeuo", "pipefail", "-c", script] };
        case 11:
            return { name: "ubuntu", entrypoint: "/bin/bash", args: ["-c", "-e", "-o", "pipefail", script] };
        default:
            return {
                name: "mcr.microsoft.com/powershell",
                entrypoint: "pwsh",
                args: ["-NoProfile", "-ExecutionPolicy", "Bypass", "-Command", script],
            };
    }
}
const SHAPES = 13;

describe(`fuzz: Cloud Build steps, gcloud global flags and --breakglass (seed ${SEED}; FUZZ_SEED overrides)`, function () {
    this.timeout(120_000);
    fixClock("2026-03-10T12:00:00Z");

    it("no bypass: a step that deploys without --binary-authorization=default is reported, whatever its shape and flags", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(otherStep, { maxLength: 2 }),
                deployArgs,
                fc.nat(SHAPES - 1),
                fc.array(otherStep, { maxLength: 2 }),
                async (before, args, shape, after) => {
                    const steps = [...before, stepFor(args, shape), ...after];
                    const r = await run(TRIGGER, { build: { steps } });
                    wellFormed("cloud-run-deploy-unverified", r);
                    assert.equal(r.violations.length, 1, `not reported: ${JSON.stringify(steps)}`);
                    assert.ok(r.violations[0].includes(`build.steps[${before.length}]`), r.violations[0]);
                },
            ),
            params,
        );
    });

    it("no false alarm: the same step with --binary-authorization=default (either form, anywhere after the group) passes", async () => {
        await fc.assert(
            fc.asyncProperty(deployArgs, fc.nat(SHAPES - 1), fc.boolean(), async (args, shape, eq) => {
                const flag = eq ? ["--binary-authorization=default"] : ["--binary-authorization", "default"];
                const r = await run(TRIGGER, { build: { steps: [stepFor([...args, ...flag], shape)] } });
                assert.deepEqual(r.violations, [], JSON.stringify(args));
                assert.equal(r.advisory, undefined);
            }),
            params,
        );
    });

    it("gcloud global flags in a Command script never hide the command group", async () => {
        await fc.assert(
            fc.asyncProperty(deployArgs, fc.constantFrom(" ", " \\\n  "), fc.boolean(), async (args, sep, withFlag) => {
                const words = [...args, ...(withFlag ? ["--binary-authorization=default"] : [])];
                const r = await run("command:local:Command", { create: `gcloud${sep}${words.map(shellQuote).join(sep)}` });
                wellFormed("cloud-run-deploy-unverified", r);
                assert.equal(r.violations.length, withFlag ? 0 : 1, JSON.stringify(words));
            }),
            params,
        );
    });

    it("--breakglass in a step or a script is judged as a justification: fakes fail, real ones pass", async () => {
        const fake = fc.constantFrom(
            "asdfghjkl",
            "n/a",
            "rollback!!!!!!!!!!!!!!!!!",
            "q w e r t y u i o p",
            "fix prod fix prod fix prod",
            "lorem ipsum dolor sit amet",
        );
        const real = fc.constantFrom(
            "INC-4711: attestor outage blocks the checkout hotfix, approved by the on-call lead",
            "Откат релиза из-за падения Cloud Run'а, INC-4711, согласовано дежурным",
            "p99 900µs after v1.2, rollback approved by SRE on call (INC-12)",
        );
        await fc.assert(
            fc.asyncProperty(
                deployArgs,
                fc.nat(SHAPES - 1),
                fc.boolean(),
                fc.oneof(fake, real),
                fc.boolean(),
                async (args, shape, eq, text, inCommand) => {
                    const bg = eq ? [`--breakglass=${text}`] : ["--breakglass", text];
                    const words = [...args, "--binary-authorization=default", ...bg];
                    const r = inCommand
                        ? await run("command:local:Command", { create: `gcloud ${words.map(shellQuote).join(" ")}` }, breakglassJustified)
                        : await run(TRIGGER, { build: { steps: [stepFor(words, shape)] } }, breakglassJustified);
                    wellFormed("cloud-run-breakglass-justified", r);
                    const isFake = !/INC-/.test(text);
                    assert.equal(r.violations.length, isFake ? 1 : 0, `${JSON.stringify(text)}: ${r.violations.join(" | ")}`);
                    if (isFake) assert.match(r.violations[0], /is not a real justification/);
                },
            ),
            params,
        );
    });

    it("never throws on junk steps and triggers, and every message is well-formed", async () => {
        const junk = fc.oneof(
            fc.anything({ maxDepth: 3 }),
            fc.constant(UNKNOWN),
            fc.string({ unit: "binary", maxLength: 200 }),
            fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constant(UNKNOWN), fc.constant(null)), { maxLength: 8 }),
        );
        const step = fc.oneof(
            junk,
            fc.record(
                {
                    name: fc.oneof(junk, fc.constantFrom("gcr.io/cloud-builders/gcloud", "ubuntu")),
                    entrypoint: junk,
                    args: junk,
                    script: junk,
                },
                { requiredKeys: [] },
            ),
        );
        const props = fc.oneof(
            junk,
            fc.record(
                {
                    build: fc.oneof(junk, fc.record({ steps: fc.oneof(junk, fc.array(step, { maxLength: 5 })) })),
                    filename: junk,
                    gitFileSource: junk,
                },
                { requiredKeys: [] },
            ),
        );
        await fc.assert(
            fc.asyncProperty(
                props,
                fc.constantFrom(TRIGGER, "google-native:cloudbuild/v1:Trigger", "google-native:cloudbuild/v1:Build"),
                async (p, type) => {
                    for (const policy of [deployUnverified, breakglassJustified]) {
                        const a = await run(type, p, policy);
                        wellFormed(policy.name, a);
                        assert.deepStrictEqual(await run(type, p, policy), a, "two runs disagree");
                    }
                },
            ),
            params,
        );
    });
});
