// cloud-run-deploy-unverified (issue 12, item 1): deploys to Cloud Run outside the pack's view are
// named (App Hosting, Cloud Deploy, gcloud in Command resources), and so are Cloud Run and Cloud
// Functions types the pack does not know; types that deploy no code stay silent.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { classifyModuleType, deployUnverified as policy, unverifiedDeploys } from "../../policies";
import { checkResource, type Result, secret, UNKNOWN } from "../harness";
import { verdictAssertions } from "./verdicts";

const NAME = "cloud-run-deploy-unverified";
const { assertClean, assertOne, assertAdvisory } = verdictAssertions(NAME);
const run = (type: string, props: unknown, config: unknown = {}, name = "res"): Promise<Result> =>
    checkResource(policy, { type, name, props }, config);
const local = (create: unknown, extra: Record<string, unknown> = {}): Promise<Result> =>
    run("command:local:Command", { create, ...extra }, {}, "deploy");

describe(NAME, () => {
    describe("metadata", () => {
        it("is an advisory resource policy with severity, remediation steps, url and the common config", () => {
            assert.equal(policy.name, NAME);
            assert.equal(policy.enforcementLevel, "advisory");
            assert.ok(policy.severity);
            assert.match(policy.remediationSteps ?? "", /--binary-authorization=default/);
            assert.match(policy.url ?? "", /docs\/policies\.md#cloud-run-deploy-unverified$/);
            assert.deepEqual(Object.keys(policy.configSchema?.properties ?? {}).sort(), ["exemptions", "onUnknown"]);
        });
    });

    describe("gcloud in command:local:Command and command:remote:Command", () => {
        const unverified: [string, RegExp][] = [
            [
                "gcloud run deploy api --image gcr.io/p/api:1 --region us-central1",
                /Cloud Run service\) without --binary-authorization=default/,
            ],
            ["gcloud run jobs deploy nightly --image gcr.io/p/job:1", /Cloud Run job\)/],
            ["gcloud run jobs create nightly --image gcr.io/p/job:1", /Cloud Run job\)/],
            ["gcloud run worker-pools deploy pool --image gcr.io/p/w:1", /Cloud Run worker pool\)/],
            ["gcloud beta run deploy api --source .", /Cloud Run service\)/],
            ["gcloud alpha run jobs deploy j --image x", /Cloud Run job\)/],
            ["gcloud functions deploy fn --gen2 --runtime nodejs20 --trigger-http", /Cloud Run function\)/],
            ["gcloud functions deploy fn --runtime nodejs20 --trigger-http", /Cloud Run function\)/],
            ["gcloud functions deploy fn --no-gen2 --runtime nodejs20", /1st-gen function, which Binary Authorization cannot protect/],
            ["gcloud run deploy api --image x --binary-authorization=projects/p/platforms/cloudRun/policies/x", /not default/],
            ["gcloud run deploy api --image x --binary-authorization=$POLICY", /not default/],
            ["gcloud run deploy api --image x --binary-authorization=default --clear-binary-authorization", /--clear-binary-authorization/],
            ["gcloud run services update api --image gcr.io/p/api:2", /Cloud Run service\)/],
            ["gcloud run services replace service.yaml", /YAML file the pack cannot read/],
            ["gcloud run compose up compose.yaml", /Compose file the pack cannot read/],
            ["gcloud beta run compose up", /Compose file the pack cannot read/],
            ["gcloud alpha --project p run compose up docker-compose.yml --region us-central1 --allow-unauthenticated", /Compose file/],
            ["npm ci && npm run build && gcloud run deploy api --source . ; echo done", /Cloud Run service\)/],
            ["set -e\ngcloud run deploy api \\\n  --image gcr.io/p/api:1 \\\n  --region us-central1\n", /without --binary-authorization/],
            ['bash -c "gcloud run deploy api --image x"', /Cloud Run service\)/],
            ["URL=\"$(gcloud run deploy api --image x --format 'value(status.url)')\"", /Cloud Run service\)/],
            ["/opt/google-cloud-sdk/bin/gcloud --project p run deploy api --image x", /Cloud Run service\)/],
            ["gcloud run deploy api --image x `\r\n  --region us-central1", /Cloud Run service\)/],
            ['GCLOUD="$(command -v gcloud)"\n"$GCLOUD" run deploy api --image x', /Cloud Run service\)/],
            ["${GCLOUD_BIN} --quiet run jobs deploy nightly --image x", /Cloud Run job\)/],
            ["$env:GCLOUD run deploy api --image x", /Cloud Run service\)/],
        ];
        for (const [script, why] of unverified) {
            it(`reports ${JSON.stringify(script.slice(0, 70))}`, async () => {
                const m = assertOne(await local(script), /create runs/, why, /Fix: add --binary-authorization=default/);
                assert.ok(m.includes("gcp.cloudrunv2.") || m.includes("gcp.cloudfunctionsv2.Function"), m);
            });
        }
        const verified = [
            "gcloud run deploy api --image x --binary-authorization=default",
            "gcloud run deploy api --image x --binary-authorization default",
            "gcloud run deploy api --image x --binary-authorization='default'",
            'gcloud run deploy api --image x "--binary-authorization=default"',
            "gcloud run deploy api \\\n --image x \\\n --binary-authorization=default",
            "gcloud run jobs deploy j --image x --binary-authorization=default && gcloud run deploy s --image y --binary-authorization default",
            "gcloud functions deploy fn --gen2 --binary-authorization=default --runtime nodejs20",
            "gcloud run services update api --memory 1Gi",
            "gcloud run services describe api",
            "gcloud run jobs execute nightly",
            "gcloud storage cp a gs://b",
            "echo gcloud",
            "kubectl apply -f x.yaml",
            "$GCLOUD run deploy api --image x --binary-authorization=default",
            "$GCLOUD_PROJECT run deploy api --image x",
            "",
        ];
        for (const script of verified) {
            it(`passes ${JSON.stringify(script.slice(0, 70))}`, async () => {
                assertClean(await local(script));
            });
        }
        it("gcloud run compose up (any track) has no --binary-authorization flag: the fix says what to do instead", async () => {
            for (const script of [
                "gcloud run compose up compose.yaml",
                "gcloud beta run compose up",
                "gcloud alpha run compose up compose.yaml --dry-run --no-build",
                "gcloud run compose up compose.yaml --binary-authorization=default",
            ]) {
                const m = assertOne(await local(script), /Compose file the pack cannot read/);
                assert.match(
                    m,
                    /gcloud run compose up takes no --binary-authorization flag: deploy the Compose file's services with gcloud run deploy --binary-authorization=default/,
                    m,
                );
                assert.match(m, /run\.allowedBinaryAuthorizationPolicies/, m);
            }
            assertClean(await local("gcloud run compose --help && docker compose up -d"));
        });
        it("reads update as well as create, and command:remote:Command alike", async () => {
            assertOne(await local("echo create", { update: "gcloud run deploy api --image x" }), /update runs/);
            const r = await run("command:remote:Command", { connection: { host: "h" }, create: "gcloud run deploy api --image x" });
            assertOne(r, /create runs/);
        });
        it("lists several deploys of one script in one finding, bounded", async () => {
            const script = Array.from({ length: 30 }, (_, i) => `gcloud run deploy s${i} --image x`).join("\n");
            const m = assertOne(await local(script), /and \d+ more/);
            assert.ok(m.length < 3000, `message is ${m.length} characters`);
        });
        it("an unknown create defers; a secret one is read", async () => {
            assertAdvisory(await local(UNKNOWN), /create/);
            assertOne(await local(secret("gcloud run deploy api --image x")), /create runs/);
        });
        it("never throws on hostile scripts, and stays linear", async () => {
            for (const s of [
                '"'.repeat(10_001),
                "'".repeat(10_001),
                "\\".repeat(10_001),
                "$(".repeat(10_000),
                "gcloud ".repeat(50_000),
                "\u0000gcloud run deploy\u202e x",
            ]) {
                const r = await local(s);
                assert.ok(!r.violations.some((v) => v.includes("could not evaluate")));
            }
            for (const v of [42, null, [], { a: 1 }, true]) assertClean(await local(v));
            const big = "gcloud run deploy a --image x --binary-authorization=default\n".repeat(20_000);
            assert.deepEqual(unverifiedDeploys(big), []);
        });
        describe("redirections: the word after a redirection operator is a file name, never an argument", () => {
            const FLAG = "--binary-authorization=default";
            const operators = [">", ">>", ">|", "<", "<<<", "<>", "2>", "2>>", "1>", "&>", "&>>", ">&", "2>&", "<&", "<<", "<<-"];
            it("reports the flag as the target of any redirection operator, written apart or attached", async () => {
                for (const op of operators) {
                    for (const redirect of [`${op} ${FLAG}`, `${op}${FLAG}`, `${op}\t${FLAG}`]) {
                        const script = `gcloud run deploy api --image x ${redirect}`;
                        assert.equal(unverifiedDeploys(script).length, 1, script);
                        assertOne(await local(script), /without --binary-authorization=default/);
                    }
                }
            });
            it("the flag as a redirection's target is dropped, quoted or not, and before the command too", async () => {
                for (const script of [
                    `gcloud run deploy api --image x > '${FLAG}'`,
                    `gcloud run deploy api --image x 2> "${FLAG}"`,
                    `gcloud run deploy api --image x --binary-authorization >default`,
                    `bash -c "gcloud run deploy api --image x > ${FLAG}"`,
                    `>${FLAG} gcloud run deploy api --image x`,
                    `gcloud run deploy api --image x <<${FLAG}\n${FLAG}\n${FLAG}\n`,
                ])
                    assert.equal(unverifiedDeploys(script).length, 1, script);
            });
            it("controls: redirections after the flag, a redirection's own target, and a quoted or escaped > stay as written", async () => {
                for (const script of [
                    `gcloud run deploy api --image x ${FLAG} >/dev/null 2>&1`,
                    `gcloud run deploy api --image x ${FLAG} > deploy.log 2>&1 | tee -a all.log`,
                    `gcloud run deploy api --image x ${FLAG}>deploy.log`,
                    `gcloud run deploy api --image x 2>&1 ${FLAG}`,
                    `gcloud run deploy api --image x >/dev/null ${FLAG}`,
                    `gcloud run deploy api --image x &>log ${FLAG} <<<input`,
                    `>log gcloud run deploy api --image x ${FLAG}`,
                    `gcloud run deploy api --image x ">" ${FLAG}`,
                    `gcloud run deploy api --image x '2>' ${FLAG}`,
                    `gcloud run deploy api --image x \\> ${FLAG}`,
                    `gcloud run deploy api --image x --set-env-vars "A=>B" ${FLAG}`,
                    `gcloud run deploy api --image x --description=a\\>b ${FLAG}`,
                    `diff <(gcloud run services describe a) <(gcloud run services describe b) > d.txt`,
                ]) {
                    assertClean(await local(script));
                }
            });
        });
        it("an exemption skips the command", async () => {
            const config = {
                exemptions: [
                    { resource: "deploy", reason: "Reviewed in SEC-42: deploys with binauthz set by the wrapper", expires: "2999-01-01" },
                ],
            };
            assertClean(await run("command:local:Command", { create: "gcloud run deploy api --image x" }, config, "deploy"));
        });
    });

    describe("Firebase App Hosting and Cloud Deploy", () => {
        it("App Hosting backends and builds are named, with the org-policy fix", async () => {
            assertOne(
                await run("gcp:firebase/appHostingBackend:AppHostingBackend", { backendId: "web", location: "us-central1" }),
                /App Hosting/,
                /run\.allowedBinaryAuthorizationPolicies/,
            );
            assertOne(await run("gcp:firebase/appHostingBuild:AppHostingBuild", { buildId: "b1" }), /App Hosting deploys this build/);
        });
        it("a Cloud Deploy target with a run block is named; others are not", async () => {
            assertOne(
                await run("gcp:clouddeploy/target:Target", {
                    location: "us-central1",
                    run: { location: "projects/p/locations/us-central1" },
                }),
                /deploys releases to Cloud Run/,
                /run\.googleapis\.com\/binary-authorization: default/,
            );
            assertClean(
                await run("gcp:clouddeploy/target:Target", {
                    location: "us-central1",
                    gke: { cluster: "projects/p/locations/us-central1/clusters/c" },
                }),
            );
            assertAdvisory(await run("gcp:clouddeploy/target:Target", { run: UNKNOWN }), /run/);
        });
    });

    describe("types of the Cloud Run and Cloud Functions modules", () => {
        it("a type the pack does not know (a new API version) gets the advisory that it was not checked", async () => {
            for (const t of [
                "gcp:cloudrunv3/service:Service",
                "gcp:cloudrunv2/instance:Instance",
                "google-native:run/v3:Service",
                "google-native:cloudfunctions/v2beta:Function",
                "google-native:run/v1alpha1:Job",
            ]) {
                assertOne(await run(t, {}), /does not know/, /was not checked/);
            }
        });
        it("types that deploy no code stay silent: IAM members, bindings, policies and domain mappings", async () => {
            for (const t of [
                "gcp:cloudrun/iamMember:IamMember",
                "gcp:cloudrun/iamBinding:IamBinding",
                "gcp:cloudrun/iamPolicy:IamPolicy",
                "gcp:cloudrun/domainMapping:DomainMapping",
                "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
                "gcp:cloudrunv2/jobIamBinding:JobIamBinding",
                "gcp:cloudrunv2/workerPoolIamPolicy:WorkerPoolIamPolicy",
                "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
                "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy",
                "google-native:run/v2:ServiceIamMember",
                "google-native:run/v1:DomainMapping",
                "google-native:cloudfunctions/v2:FunctionIamBinding",
            ]) {
                assert.equal(classifyModuleType(t), "no-code", t);
                assertClean(await run(t, {}));
            }
        });
        it("google-native's 1st-gen function is reported here (the gen1 policy keeps its single type tag)", async () => {
            assertOne(
                await run("google-native:cloudfunctions/v1:Function", { runtime: "nodejs20" }),
                /1st-gen Cloud Function/,
                /gcp\.cloudfunctionsv2\.Function/,
            );
        });
        it("the workloads other policies check, 1st-gen functions and other modules are not this policy's", async () => {
            for (const t of [
                "gcp:cloudrunv2/service:Service",
                "google-native:run/v2:Job",
                "gcp:cloudfunctions/function:Function",
                "gcp:storage/bucket:Bucket",
            ]) {
                assertClean(await run(t, {}));
            }
        });
    });

    describe("fuzzing the gcloud reader", () => {
        const quoteWord = (w: string): fc.Arbitrary<string> => fc.constantFrom(w, `'${w}'`, `"${w}"`);
        const flags = fc.array(
            fc.constantFrom(
                "--region us-central1",
                "--image gcr.io/p/a:1",
                "--allow-unauthenticated",
                '--set-env-vars "A=1;B=2|C"',
                "--memory=512Mi",
                "--project my-proj",
                "--source .",
                "--description 'a; b && c'",
            ),
            { maxLength: 5 },
        );
        const lineSep = fc.constantFrom(" ", " \\\n  ", " `\r\n  ");
        const commandSep = fc.constantFrom(" && ", "; ", "\n", " || ", " | ", "\r\n");
        const other = fc.array(
            fc.constantFrom("npm ci", "echo 'gcloud is great'", "make build", "export X=1", "gcloud auth list", "cd app"),
            { maxLength: 3 },
        );
        const deploy = fc.record({
            track: fc.constantFrom("", "beta ", "alpha "),
            verb: fc.constantFrom(
                "run deploy svc",
                "run jobs deploy job",
                "run jobs create job",
                "run worker-pools deploy pool",
                "functions deploy fn --gen2",
            ),
            flags,
            sep: lineSep,
        });
        const script = (d: { track: string; verb: string; flags: string[]; sep: string }, extra: string[]): string =>
            `gcloud ${d.track}${d.verb}${d.flags.map((f) => `${d.sep}${f}`).join("")}${extra.map((f) => `${d.sep}${f}`).join("")}`;

        it("never throws and stays bounded on any text", () => {
            const alphabet = fc.constantFrom(..."gcloud run deploy --binary-authorization=default '\"\\`$()|&;\n\r\t ^".split(""));
            fc.assert(
                fc.property(fc.array(alphabet, { maxLength: 400 }), (chars) => {
                    const found = unverifiedDeploys(chars.join(""));
                    assert.ok(found.length <= 20);
                }),
                { numRuns: 500, seed: 12 },
            );
        });
        it("no bypass: a deploy without --binary-authorization=default is always reported, whatever surrounds it", () => {
            fc.assert(
                fc.property(other, deploy, other, commandSep, (before, d, after, sep) => {
                    const text = [...before, script(d, []), ...after].join(sep);
                    assert.ok(unverifiedDeploys(text).length >= 1, `not reported: ${JSON.stringify(text)}`);
                }),
                { numRuns: 500, seed: 13 },
            );
        });
        const redirectOp = fc.constantFrom(">", ">>", ">|", "<", "<<<", "2>", "2>>", "&>", "&>>", ">&", "2>&", "1>", "<<");
        const redirectGap = fc.constantFrom("", " ", "  ", "\t");
        it("no bypass: the flag as the target of a redirection is a file name, not the flag", () => {
            const flag = quoteWord("--binary-authorization=default");
            fc.assert(
                fc.property(other, deploy, redirectOp, redirectGap, flag, other, commandSep, (before, d, op, gap, f, after, sep) => {
                    const text = [...before, script(d, [`${op}${gap}${f}`]), ...after].join(sep);
                    assert.ok(unverifiedDeploys(text).length >= 1, `not reported: ${JSON.stringify(text)}`);
                }),
                { numRuns: 500, seed: 15 },
            );
        });
        it("no false alarm: redirections before or after the flag leave it in place", () => {
            const redirect = fc
                .tuple(redirectOp, redirectGap, fc.constantFrom("/dev/null", "deploy.log", "1", "'out file'", "EOF"))
                .map(([op, gap, target]) => (op.endsWith("&") ? `${op}1` : `${op}${op === "<<" ? "" : gap}${target}`));
            fc.assert(
                fc.property(deploy, fc.array(redirect, { maxLength: 2 }), fc.array(redirect, { maxLength: 2 }), (d, pre, post) => {
                    const text = script(d, [...pre, "--binary-authorization=default", ...post]);
                    assert.deepEqual(unverifiedDeploys(text), [], `reported: ${JSON.stringify(text)}`);
                }),
                { numRuns: 500, seed: 16 },
            );
        });
        it("no false alarm: the same deploy with --binary-authorization=default (any quoting, either form) passes", () => {
            const flag = fc.oneof(
                quoteWord("--binary-authorization=default"),
                quoteWord("default").map((v) => `--binary-authorization ${v}`),
            );
            fc.assert(
                fc.property(other, deploy, flag, other, commandSep, (before, d, f, after, sep) => {
                    const text = [...before, script(d, [f]), ...after].join(sep);
                    assert.deepEqual(unverifiedDeploys(text), [], `reported: ${JSON.stringify(text)}`);
                }),
                { numRuns: 500, seed: 14 },
            );
        });
    });
});
