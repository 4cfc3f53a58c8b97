// cloud-functions-gen1-no-binauthz: 1st-gen Cloud Functions cannot be protected by Binary
// Authorization; the policy says so and points to 2nd gen (issue 2, policy table).
import { strict as assert } from "node:assert";
import { functionsGen1 } from "../../policies";
import { checkResource, secret, T, UNKNOWN, urnOf, type Result, fixClock } from "../harness";

const NAME = "cloud-functions-gen1-no-binauthz";

const gen1Props = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    region: "us-central1",
    runtime: "nodejs20",
    entryPoint: "handler",
    sourceArchiveBucket: "src-bucket",
    sourceArchiveObject: "fn.zip",
    triggerHttp: true,
    ...extra,
});

const check = (type: string, props: unknown, config: unknown = {}, name = "legacy-fn"): Promise<Result> =>
    checkResource(functionsGen1, { type, name, props }, config);

function passes(r: Result): void {
    assert.deepEqual(r.violations, [], `expected no violations, got: ${r.violations.join(" | ")}`);
    assert.equal(r.advisory, undefined);
}

function assertPrintable(message: string): void {
    assert.doesNotMatch(message.replace(/\n/g, ""), /[\p{Cc}]/u, `message has control characters: ${JSON.stringify(message)}`);
}

/** Exactly one finding, reported at the policy's level (not deferred). */
function fails(r: Result): string {
    assert.equal(r.advisory, undefined, `expected no deferral, got: ${r.advisory}`);
    assert.equal(r.violations.length, 1, JSON.stringify(r.violations));
    assertPrintable(r.violations[0]);
    return r.violations[0];
}

describe(NAME, () => {
    fixClock("2026-03-10T12:00:00Z");

    describe("policy metadata", () => {
        it("is an advisory resource policy with severity, remediationSteps pointing to 2nd gen, url and config schema", () => {
            assert.equal(functionsGen1.name, NAME);
            assert.equal(functionsGen1.enforcementLevel, "advisory");
            assert.ok(functionsGen1.severity);
            assert.match(functionsGen1.remediationSteps ?? "", /cloudfunctionsv2/);
            assert.match(functionsGen1.url ?? "", /^https:\/\/github\.com\/[^#]+#[a-z0-9-]+$/);
            const p = functionsGen1.configSchema?.properties ?? {};
            assert.deepEqual(Object.keys(p).sort(), ["exemptions", "onUnknown"]);
            assert.deepEqual(p.exemptions.default, []);
        });
    });

    describe("failing: every 1st-gen function", () => {
        it("reports a gcp:cloudfunctions/function:Function, naming it and pointing to 2nd gen with the fix", async () => {
            const m = fails(await check(T.fn1, gen1Props()));
            assert.ok(m.startsWith(`${T.fn1} "legacy-fn": `), m);
            assert.match(m, /1st-gen Cloud Function, which Binary Authorization cannot protect/);
            assert.match(m, /gcp\.cloudfunctionsv2\.Function/);
            assert.match(m, /serviceConfig: \{ binaryAuthorizationPolicy: "default" \}/);
            assert.match(m, /--gen2 --binary-authorization default/);
        });

        it("reports against the function's own URN", async () => {
            const r = await check(T.fn1, gen1Props(), {}, "f");
            assert.deepEqual(r.urns, [urnOf(T.fn1, "f")]);
        });

        it("reports whatever the function's settings (event trigger, docker registry, minimal props)", async () => {
            fails(
                await check(
                    T.fn1,
                    gen1Props({ triggerHttp: undefined, eventTrigger: { eventType: "google.pubsub.topic.publish", resource: "t" } }),
                ),
            );
            fails(
                await check(
                    T.fn1,
                    gen1Props({ dockerRegistry: "ARTIFACT_REGISTRY", dockerRepository: "projects/p/locations/us-central1/repositories/r" }),
                ),
            );
            fails(await check(T.fn1, {}));
        });
    });

    describe("passing: everything that is not a 1st-gen function", () => {
        it("does not report 2nd-gen functions, Cloud Run workloads or other resources", async () => {
            passes(await check(T.fn2, { location: "us-central1", buildConfig: { runtime: "nodejs20" } }));
            passes(await check(T.fn2, { location: "us-central1", serviceConfig: { binaryAuthorizationPolicy: "default" } }));
            passes(await check(T.service, { location: "us-central1" }));
            passes(await check(T.v1, { location: "us-central1" }));
            passes(await check("gcp:storage/bucket:Bucket", { location: "US" }));
            // Look-alike tokens are not the 1st-gen function type.
            passes(await check("gcp:cloudfunctions/functionIamMember:FunctionIamMember", { cloudFunction: "f" }));
            passes(await check("gcp:cloudfunctions/function:FunctionX", gen1Props()));
        });
    });

    describe("unknown values during preview", () => {
        it("never defers: the type alone decides, so unknown properties still give the definite finding", async () => {
            const props = gen1Props({ region: UNKNOWN, sourceArchiveBucket: UNKNOWN, serviceAccountEmail: UNKNOWN, runtime: UNKNOWN });
            const m = fails(await check(T.fn1, props));
            assert.match(m, /1st-gen/);
        });

        it('onUnknown: "deny" and "defer" give the same single finding, never a deferral', async () => {
            const props = gen1Props({ region: UNKNOWN });
            const a = fails(await check(T.fn1, props, { onUnknown: "deny" }));
            const b = fails(await check(T.fn1, props, { onUnknown: "defer" }));
            assert.equal(a, b);
            assert.doesNotMatch(a, /unknown/);
        });

        it("an unknown in a 2nd-gen function is not this policy's business", async () => {
            passes(await check(T.fn2, { location: UNKNOWN, serviceConfig: UNKNOWN }));
        });
    });

    describe("secret-wrapped values read the same as plain ones", () => {
        it("secret properties give the same finding as plain ones", async () => {
            const plain = fails(await check(T.fn1, gen1Props()));
            assert.equal(
                fails(await check(T.fn1, gen1Props({ region: secret("us-central1"), environmentVariables: secret({ KEY: "v" }) }))),
                plain,
            );
            assert.equal(fails(await check(T.fn1, secret(gen1Props()))), plain);
        });
    });

    describe("malformed input", () => {
        it("null, array, string and wrongly typed props still give the finding, never a crash", async () => {
            const plain = fails(await check(T.fn1, gen1Props()));
            for (const props of [null, [], [gen1Props()], "function", gen1Props({ region: 42, triggerHttp: "true", labels: [] })]) {
                assert.equal(fails(await check(T.fn1, props)), plain);
            }
        });

        it("malformed config (not an object, unknown keys, bad onUnknown) keeps the check and says so", async () => {
            assert.match(fails(await check(T.fn1, gen1Props(), "exemptions")), /Config problem .*not an object/);
            assert.match(fails(await check(T.fn1, gen1Props(), { allowedPolicies: ["**"] })), /unknown config key "allowedPolicies"/);
            assert.match(fails(await check(T.fn1, gen1Props(), { onUnknown: "ignore" })), /Config problem .*onUnknown/);
            fails(await check(T.fn1, gen1Props(), null));
            fails(await check(T.fn1, gen1Props(), [{ resource: "legacy-fn", reason: "migrating in Q2, JIRA-9", expires: "2026-04-01" }]));
        });
    });

    describe("config: exemptions", () => {
        const ex = (e: Record<string, unknown>) => ({ exemptions: [e] });

        it("a live exemption (name glob, URN glob, expiring today) skips the function", async () => {
            passes(await check(T.fn1, gen1Props(), ex({ resource: "legacy-*", reason: "migrating in Q2, JIRA-9", expires: "2026-04-01" })));
            passes(
                await check(
                    T.fn1,
                    gen1Props(),
                    ex({ resource: urnOf(T.fn1, "legacy-fn"), reason: "migrating in Q2, JIRA-9", expires: "2026-04-01" }),
                ),
            );
            passes(
                await check(T.fn1, gen1Props(), ex({ resource: "legacy-fn", reason: "migrating in Q2, JIRA-9", expires: "2026-03-10" })),
            );
        });

        it("an expired exemption is ignored and the finding says so", async () => {
            const m = fails(
                await check(T.fn1, gen1Props(), ex({ resource: "legacy-fn", reason: "migrating in Q2, JIRA-9", expires: "2026-03-09" })),
            );
            assert.match(m, /exemption "legacy-fn" expired on 2026-03-09 and no longer applies/);
        });

        it("an exemption without expires, or with a short reason, is ignored and the finding says so", async () => {
            assert.match(
                fails(await check(T.fn1, gen1Props(), ex({ resource: "legacy-fn", reason: "migrating in Q2, JIRA-9" }))),
                /exemption "legacy-fn" is ignored: it has no expires date/,
            );
            assert.match(
                fails(await check(T.fn1, gen1Props(), ex({ resource: "legacy-fn", reason: "Q2", expires: "2026-04-01" }))),
                /exemption "legacy-fn" is ignored: its reason is shorter than 10 characters/,
            );
            assert.match(
                fails(
                    await check(
                        T.fn1,
                        gen1Props(),
                        ex({ resource: "legacy-fn", reason: "migrating in Q2, JIRA-9", expires: "2026-13-01" }),
                    ),
                ),
                /exemption "legacy-fn" is ignored: expires "2026-13-01" is not a real date/,
            );
        });

        it("an exemption for another resource does not apply and is not mentioned", async () => {
            const m = fails(
                await check(T.fn1, gen1Props(), ex({ resource: "other-*", reason: "migrating in Q2, JIRA-9", expires: "2026-04-01" })),
            );
            assert.doesNotMatch(m, /exemption/);
        });

        it("a live exemption listed after an expired one for the same resource applies", async () => {
            passes(
                await check(T.fn1, gen1Props(), {
                    exemptions: [
                        { resource: "legacy-fn", reason: "migrating in Q1, JIRA-8", expires: "2026-01-31" },
                        { resource: "legacy-*", reason: "migrating in Q2, JIRA-9", expires: "2026-06-30" },
                    ],
                }),
            );
        });
    });

    describe("messages", () => {
        it("escape a hostile resource name and stay short", async () => {
            const m = fails(await check(T.fn1, gen1Props(), {}, `fn\x1b[31m\u202e${"n".repeat(1_000_000)}`));
            assert.ok(!m.includes("\x1b") && !m.includes("\u202e"), "raw control/format characters");
            assert.ok(m.length < 2000, `message is ${m.length} characters`);
        });
    });
});
