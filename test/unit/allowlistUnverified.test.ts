// binauthz-allowlist-unverified: names each project whose Binary Authorization policy the pack
// cannot see, and how to declare it.
import { strict as assert } from "node:assert";
import { allowlistUnverified as policy } from "../../policies";
import { checkStack, type ResourceInput, type Result, secret, T, UNKNOWN, withStackConfig, fixClock } from "../harness";
import { verdictAssertions } from "./verdicts";

const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const SRC = `${AR}/${PROJECT}/cloud-run-source-deploy/**`;
const GCF = `${AR}/${PROJECT}/gcf-artifacts/**`;
/** Leaves the property out. */
const ABSENT = Symbol("absent");

function binauthz(patterns: unknown[], project: unknown = PROJECT, name = "binauthz"): ResourceInput {
    return {
        type: T.binauthz,
        name,
        props: { ...(project === ABSENT ? {} : { project }), admissionWhitelistPatterns: patterns.map((p) => ({ namePattern: p })) },
    };
}
function fn2(extra: Record<string, unknown> = {}, name = "fn"): ResourceInput {
    return {
        type: T.fn2,
        name,
        props: { project: PROJECT, location: REGION, serviceConfig: { binaryAuthorizationPolicy: "default" }, ...extra },
    };
}
function builtService(extra: Record<string, unknown> = {}, name = "svc"): ResourceInput {
    return {
        type: T.service,
        name,
        props: {
            project: PROJECT,
            location: REGION,
            buildConfig: {},
            template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
            ...extra,
        },
    };
}
function job(image: unknown, extra: Record<string, unknown> = {}, name = "job"): ResourceInput {
    return {
        type: T.job,
        name,
        props: { project: PROJECT, location: REGION, template: { template: { containers: [{ image }] } }, ...extra },
    };
}

const run = (resources: ResourceInput[], config: unknown = {}): Promise<Result> => checkStack(policy, resources, config);

const { assertPrintable, assertClean, assertOne, assertAdvisory } = verdictAssertions("binauthz-allowlist-unverified");

describe("binauthz-allowlist-unverified", () => {
    describe("metadata", () => {
        it("is an advisory stack policy with severity, remediation steps, url and a config schema", () => {
            assert.equal(policy.name, "binauthz-allowlist-unverified");
            assert.equal(policy.enforcementLevel, "advisory");
            assert.ok(policy.severity);
            assert.match(policy.remediationSteps ?? "", /externalAllowlist/);
            assert.match(policy.url ?? "", /^https:\/\/github\.com\/[^#]+#[a-z0-9-]+$/);
            assert.deepEqual(Object.keys(policy.configSchema?.properties ?? {}).sort(), ["exemptions", "externalAllowlist", "onUnknown"]);
        });
    });

    describe("passing (nothing to report)", () => {
        it("a stack policy for the project makes it visible, whatever its patterns", async () => {
            assertClean(await run([fn2(), binauthz([GCF])]));
            // a policy that lacks the pattern is binauthz-source-deploy-allowlist's finding, not this one's
            assertClean(await run([fn2(), binauthz([])]));
        });
        it("a stack without source-deploy requirements reports nothing", async () => {
            assertClean(await run([]));
            assertClean(
                await run([job("gcr.io/my-proj/app:1"), { type: T.fn1, name: "gen1", props: { project: PROJECT, region: REGION } }]),
            );
        });
        it("a project with a stack policy and no requirement is not named", async () => {
            assertClean(await run([binauthz([], "other-proj")]));
        });
    });

    describe("failing (a finding)", () => {
        it("names the project with a requirement and no visible policy, and the externalAllowlist config", async () => {
            const r = await run([fn2()]);
            const msg = assertOne(
                r,
                /cannot see the Binary Authorization policy of project "my-proj"/,
                /"us-central1-docker\.pkg\.dev\/my-proj\/gcf-artifacts\/\*\*"/,
                /Cloud Function \(2nd gen\) gcp:cloudfunctionsv2\/function:Function "fn"/,
                /externalAllowlist/,
                /binauthz-source-deploy-allowlist/,
                /new gcp\.binaryauthorization\.Policy/,
            );
            // the snippet is valid JSON the user can paste
            const snippet = /put (\{.*\}) under both/.exec(msg)?.[1];
            assert.deepEqual(JSON.parse(snippet ?? "null"), { externalAllowlist: { [PROJECT]: [GCF] } });
            assert.equal(r.urns[0], "urn:pulumi:dev::proj::gcp:cloudfunctionsv2/function:Function::fn");
        });
        it("one finding per project, listing each pattern it needs once", async () => {
            const r = await run([fn2(), fn2({}, "fn-b"), builtService(), fn2({ project: "other-proj" }, "fn-o")]);
            assertPrintable(r);
            assert.equal(r.violations.length, 2);
            const mine = r.violations.find((v) => v.includes('project "my-proj"')) ?? "";
            assert.match(mine, /gcf-artifacts/);
            assert.match(mine, /cloud-run-source-deploy/);
            assert.match(mine, /"fn-b"/);
            const snippet = JSON.parse(/put (\{.*\}) under both/.exec(mine)?.[1] ?? "null") as {
                externalAllowlist: Record<string, string[]>;
            };
            assert.deepEqual(snippet.externalAllowlist[PROJECT].sort(), [SRC, GCF].sort());
            assert.match(r.violations.find((v) => v.includes('project "other-proj"')) ?? "", /"fn-o"/);
        });
        it("a stack policy for another project does not make this project visible", async () => {
            assertOne(await run([fn2(), binauthz([GCF], "other-proj")]), /project "my-proj"/);
        });
        it("each kind of requirement counts: built service, function, dockerRepository; an image that only sits in cloud-run-source-deploy needs none", async () => {
            assertOne(await run([builtService()]), /cloud-run-source-deploy/);
            assertClean(await run([job(`${AR}/${PROJECT}/cloud-run-source-deploy/app`)]));
            assertOne(
                await run([fn2({ buildConfig: { dockerRepository: `projects/${PROJECT}/locations/${REGION}/repositories/fn-images` } })]),
                /fn-images/,
            );
        });
    });

    describe("config externalAllowlist", () => {
        it("declaring the project silences it, whether or not the patterns cover (that is the other policy's check)", async () => {
            assertClean(await run([fn2()], { externalAllowlist: { [PROJECT]: [GCF] } }));
            assertClean(await run([fn2()], { externalAllowlist: { [PROJECT]: [] } }));
        });
        it("declaring another project does not", async () => {
            assertOne(await run([fn2()], { externalAllowlist: { "other-proj": [GCF] } }), /project "my-proj"/);
        });
        it("a malformed externalAllowlist falls back to {} and says so", async () => {
            for (const bad of [[GCF], { [PROJECT]: GCF }, { [PROJECT]: [null] }, 7]) {
                assertOne(
                    await run([fn2()], { externalAllowlist: bad }),
                    /project "my-proj"/,
                    /Config problem \(binauthz-allowlist-unverified\): externalAllowlist/,
                );
            }
        });
    });

    describe("unknown values during preview", () => {
        it("a workload's unknown image decides nothing (only builds need exemptions); an unknown buildConfig is advisory", async () => {
            assertClean(await run([job(UNKNOWN)]));
            assertAdvisory(await run([builtService({ buildConfig: UNKNOWN })]), /"svc": buildConfig/);
        });
        it("a workload's unknown project or location is advisory", async () => {
            assertAdvisory(await run([fn2({ project: UNKNOWN })]), /"fn": project/);
            assertAdvisory(await run([fn2({ location: UNKNOWN })]), /"fn": location/);
        });
        it("a stack policy whose project is unknown might be the project's policy: advisory", async () => {
            assertAdvisory(await run([fn2(), binauthz([GCF], UNKNOWN)]), /gcp:binaryauthorization\/policy:Policy "binauthz": project/);
        });
        it("unknown patterns in a visible policy are not this policy's concern", async () => {
            assertClean(await run([fn2(), binauthz([UNKNOWN])]));
        });
        it("definite findings are still reported alongside the advisory", async () => {
            const r = await run([fn2(), builtService({ project: "other-proj", buildConfig: UNKNOWN })]);
            assertPrintable(r);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /project "my-proj"/);
            assert.ok(r.advisory);
        });
        it("onUnknown: deny turns the unknown into a finding", async () => {
            const r = await run([builtService({ buildConfig: UNKNOWN })], { onUnknown: "deny" });
            assertOne(r, /buildConfig is unknown during preview, and onUnknown is "deny"/);
            // one finding per unknown property, however many workloads it blocks
            const p = await run([fn2(), fn2({}, "fn-b"), binauthz([], UNKNOWN)], { onUnknown: "deny" });
            assertOne(p, /"binauthz": project is unknown during preview/);
        });
    });

    describe("secret values", () => {
        it("a secret project, location and image are read through", async () => {
            assertOne(
                await run([fn2({ project: secret(PROJECT), location: secret("europe-west1") })]),
                /project "my-proj"/,
                /europe-west1-docker\.pkg\.dev/,
            );
            assertOne(await run([builtService({ location: secret(REGION) })]), /cloud-run-source-deploy/);
        });
        it("a stack policy with a secret project makes the project visible", async () => {
            assertClean(await run([fn2(), binauthz([], secret(PROJECT))]));
        });
    });

    describe("malformed input", () => {
        it("wrong types, nulls and arrays do not crash", async () => {
            const odd: ResourceInput[] = [
                { type: T.service, name: "a", props: { project: PROJECT, template: { containers: "x" } } },
                { type: T.job, name: "b", props: { project: [PROJECT], template: null } },
                { type: T.fn2, name: "c", props: { project: PROJECT, location: REGION, buildConfig: [] } },
                { type: T.binauthz, name: "p", props: { project: "other-proj", admissionWhitelistPatterns: "x" } },
                { type: T.v1, name: "d", props: [] },
            ];
            const r = await run(odd);
            // only c is a requirement (gcf-artifacts); the policy of other-proj does not make my-proj visible
            assertOne(r, /"c"/, /gcf-artifacts/);
        });
        it(
            "a stack policy whose project cannot be told is binauthz-source-deploy-allowlist's finding, not an unknown",
            withStackConfig(undefined, async () => {
                assertClean(await run([fn2(), binauthz([GCF], { id: PROJECT })]));
                assertClean(await run([fn2(), binauthz([GCF], ABSENT)]));
            }),
        );
        it("a malformed dockerRepository is binauthz-source-deploy-allowlist's finding, not a guess here", async () => {
            assertClean(await run([fn2({ buildConfig: { dockerRepository: "not-a-repo" } })]));
        });
        it("a workload without a project is not named (the other policy says so)", async () => {
            assertClean(await run([{ type: T.fn2, name: "fn", props: { location: REGION } }]));
        });
    });

    describe("config exemptions", () => {
        fixClock("2025-06-15T12:00:00Z");
        const reason = "policy managed by the platform team, see PLAT-12";

        it("a live exemption on the workload skips it", async () => {
            assertClean(await run([fn2()], { exemptions: [{ resource: "fn", reason, expires: "2025-06-15" }] }));
            assertOne(await run([fn2(), fn2({}, "fn-b")], { exemptions: [{ resource: "fn", reason, expires: "2025-06-15" }] }), /"fn-b"/);
        });
        it("an expired exemption is ignored, and the finding says so", async () => {
            assertOne(
                await run([fn2()], { exemptions: [{ resource: "fn", reason, expires: "2025-06-14" }] }),
                /exemption "fn" expired on 2025-06-14/,
            );
        });
        it("undated and reasonless exemptions are ignored, and the finding says so", async () => {
            assertOne(
                await run([fn2()], { exemptions: [{ resource: "fn", reason }] }),
                /exemption "fn" is ignored: it has no expires date/,
            );
            assertOne(
                await run([fn2()], { exemptions: [{ resource: "fn", expires: "2025-12-31" }] }),
                /exemption "fn" is ignored: it has no reason/,
            );
            assertOne(
                await run([fn2()], { exemptions: [{ resource: "fn", reason: "short", expires: "2025-12-31" }] }),
                /exemption "fn" is ignored/,
            );
        });
        it("a live exemption also skips the workload's unknowns", async () => {
            assertClean(await run([job(UNKNOWN)], { exemptions: [{ resource: "**/job", reason, expires: "2030-01-01" }] }));
        });
    });

    describe("messages", () => {
        it("a 1 MB project id yields a bounded, printable message", async () => {
            const huge = `p${"a".repeat(1_000_000)}`;
            const r = await run([fn2({ project: huge })]);
            assertPrintable(r);
            assert.equal(r.violations.length, 1);
            assert.ok(r.violations[0].length < 5000, `length ${r.violations[0].length}`);
        });
        it("control characters in names and projects are escaped", async () => {
            const r = await run([fn2({ project: "my-proj\u0007\n\u202e" }, "fn\u001b[2J")]);
            const msg = assertOne(r);
            assert.ok(!msg.includes("\u202e"));
            assert.ok(!msg.includes("\n"), "raw newline from user text");
        });
    });
});
