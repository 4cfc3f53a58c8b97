// cloud-run-binauthz-required: every Cloud Run workload and 2nd-gen function enforces Binary
// Authorization with the project's default policy (issue 2, "Semantics: required").
import { strict as assert } from "node:assert";
import { binauthzRequired } from "../../policies";
import { Secret, unknownCheckingProxy, type ResourceValidationArgs } from "@pulumi/policy";
import { secretsPreservingProxy } from "@pulumi/policy/secret";
import { checkResource, remediate, secret, T, UNKNOWN, urnOf, type Result, fixClock } from "../harness";

const NAME = "cloud-run-binauthz-required";
const V1_KEY = "run.googleapis.com/binary-authorization";
const V1_PATH = `metadata.annotations["${V1_KEY}"]`;
const FN_PATH = "serviceConfig.binaryAuthorizationPolicy";
const NAMED = "projects/my-proj/platforms/cloudRun/policies/strict";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

const V2_TYPES = [T.service, T.job, T.workerPool] as const;

/** Props of a v2 workload of `type`, with the given binaryAuthorization (omitted when `undefined`). */
function v2Props(type: string, ba?: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const template =
        type === T.job
            ? { template: { containers: [{ image: "us-docker.pkg.dev/my-proj/app/job:1" }] } }
            : { containers: [{ image: "us-docker.pkg.dev/my-proj/app/api:1" }] };
    const props: Record<string, unknown> = { location: "us-central1", project: "my-proj", template, ...extra };
    if (ba !== undefined) props.binaryAuthorization = ba;
    return props;
}

function v1Props(annotations?: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        location: "us-central1",
        name: "legacy",
        metadata: annotations === undefined ? { labels: { team: "a" } } : { labels: { team: "a" }, annotations },
        template: { spec: { containers: [{ image: "gcr.io/my-proj/legacy:1" }] } },
        ...extra,
    };
}

function fnProps(serviceConfig?: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const props: Record<string, unknown> = {
        location: "us-central1",
        buildConfig: { runtime: "nodejs20", entryPoint: "handler" },
        ...extra,
    };
    if (serviceConfig !== undefined) props.serviceConfig = serviceConfig;
    return props;
}

const check = (type: string, props: unknown, config: unknown = {}, name = "api", stack?: string): Promise<Result> =>
    checkResource(binauthzRequired, { type, name, props, stack }, config);

function passes(r: Result): void {
    assert.deepEqual(r.violations, [], `expected no violations, got: ${r.violations.join(" | ")}`);
    assert.equal(r.advisory, undefined, `expected no advisory, got: ${r.advisory}`);
}

/** Exactly one violation, no advisory; returns the message. */
function fails(r: Result): string {
    assert.equal(r.advisory, undefined, `expected no advisory, got: ${r.advisory}`);
    assert.equal(r.violations.length, 1, `expected one violation, got: ${JSON.stringify(r.violations)}`);
    assertPrintable(r.violations[0]);
    return r.violations[0];
}

/** Only an advisory (the deferred check); returns its message. */
function deferred(r: Result): string {
    assert.deepEqual(r.violations, []);
    assert.ok(r.advisory, "expected an advisory");
    assertPrintable(r.advisory);
    assert.match(r.advisory, /unknown/);
    assert.match(r.advisory, /pulumi up/);
    assert.match(r.advisory, new RegExp(NAME));
    return r.advisory;
}

function assertPrintable(message: string): void {
    assert.doesNotMatch(message.replace(/\n/g, ""), /[\p{Cc}]/u, `message has control characters: ${JSON.stringify(message)}`);
}

/** The fix in both forms the contract asks for. */
function assertGivesFix(message: string, ts: string): void {
    assert.ok(message.includes(ts), `message lacks the Pulumi fix ${ts}: ${message}`);
    assert.ok(message.includes("--binary-authorization default"), `message lacks the gcloud flag: ${message}`);
}

/** Reads a possibly secret-wrapped value of remediated (JSON) output. */
function plain(v: unknown): unknown {
    while (typeof v === "object" && v !== null && SECRET_SIG_KEY in v) v = (v as unknown as { value: unknown }).value;
    return v;
}

describe(NAME, () => {
    fixClock("2026-03-10T12:00:00Z");

    describe("policy metadata", () => {
        it("is a mandatory resource policy with severity, remediationSteps, url and the config schema", () => {
            assert.equal(binauthzRequired.name, NAME);
            assert.equal(binauthzRequired.enforcementLevel, "mandatory");
            assert.ok(binauthzRequired.severity);
            assert.ok(binauthzRequired.remediationSteps && binauthzRequired.remediationSteps.length > 0);
            assert.match(binauthzRequired.url ?? "", /^https:\/\/github\.com\/[^#]+#[a-z0-9-]+$/);
            assert.equal(typeof binauthzRequired.remediateResource, "function");
            const props = binauthzRequired.configSchema?.properties ?? {};
            assert.deepEqual(Object.keys(props).sort(), ["allowedPolicies", "exemptions", "onUnknown"]);
            assert.deepEqual(props.allowedPolicies.default, []);
            assert.equal(props.onUnknown.default, "defer");
            assert.deepEqual(props.exemptions.default, []);
        });

        it("ignores resources that are not workloads (including 1st-gen functions)", async () => {
            passes(await check("gcp:storage/bucket:Bucket", { location: "US" }));
            passes(await check(T.fn1, { region: "us-central1", runtime: "nodejs20" }));
            passes(await check(T.binauthz, { project: "p" }));
        });
    });

    describe("Cloud Run v2 workloads (binaryAuthorization)", () => {
        for (const type of V2_TYPES) {
            describe(type, () => {
                it("passes with useDefault: true", async () => {
                    passes(await check(type, v2Props(type, { useDefault: true })));
                });

                it("passes with useDefault: true and a breakglass justification kept alongside", async () => {
                    passes(
                        await check(type, v2Props(type, { useDefault: true, breakglassJustification: "INC-1: outage, unsigned hotfix" })),
                    );
                });

                it("fails when binaryAuthorization is missing, naming type, name and the fix", async () => {
                    const m = fails(await check(type, v2Props(type), {}, "orders-api"));
                    assert.ok(m.includes(type), m);
                    assert.ok(m.includes('"orders-api"'), m);
                    assert.match(m, /has no binaryAuthorization block/);
                    assertGivesFix(m, "binaryAuthorization: { useDefault: true }");
                });

                it("fails missing, false, empty, null, wrong type and oneof each with its own message", async () => {
                    const cases: [string, unknown, RegExp][] = [
                        ["missing", undefined, /has no binaryAuthorization block/],
                        ["useDefault false", { useDefault: false }, /useDefault: false/],
                        ["empty block", {}, /empty binaryAuthorization block/],
                        ["null block", null, /binaryAuthorization to null/],
                        ["string useDefault", { useDefault: "true" }, /useDefault to the string "true"; it must be the boolean true/],
                        ["oneof", { useDefault: true, policy: NAMED }, /useDefault: true and also policy .*only one of them/],
                    ];
                    const seen = new Set<string>();
                    for (const [label, ba, re] of cases) {
                        const m = fails(await check(type, v2Props(type, ba)));
                        assert.match(m, re, `${label}: ${m}`);
                        assertGivesFix(m, "binaryAuthorization: { useDefault: true }");
                        seen.add(m);
                    }
                    assert.equal(seen.size, cases.length, "each failure has its own message");
                });
            });
        }

        it("labels a v2 service with buildConfig as a Cloud Run function", async () => {
            const m = fails(await check(T.service, v2Props(T.service, { useDefault: false }, { buildConfig: { baseImage: "nodejs20" } })));
            assert.match(m, /Cloud Run function/);
        });

        it("treats useDefault: false with a non-empty policy as the named policy (fails unless allowed)", async () => {
            const m = fails(await check(T.service, v2Props(T.service, { useDefault: false, policy: NAMED })));
            assert.ok(m.includes(`"${NAMED}"`), m);
            assert.match(m, /binaryAuthorization\.policy/);
            assert.match(m, /allowedPolicies/);
            assertGivesFix(m, "binaryAuthorization: { useDefault: true }");
        });

        it("passes useDefault: false with a named policy that matches an allowedPolicies glob", async () => {
            passes(
                await check(T.service, v2Props(T.service, { useDefault: false, policy: NAMED }), {
                    allowedPolicies: ["projects/my-proj/platforms/cloudRun/policies/*"],
                }),
            );
            passes(await check(T.job, v2Props(T.job, { policy: NAMED }), { allowedPolicies: [NAMED] }));
        });

        it("fails a named policy that matches no allowedPolicies glob (another project)", async () => {
            const m = fails(
                await check(T.workerPool, v2Props(T.workerPool, { policy: "projects/other/platforms/cloudRun/policies/strict" }), {
                    allowedPolicies: ["projects/my-proj/platforms/cloudRun/policies/*"],
                }),
            );
            assert.match(m, /projects\/other\/platforms\/cloudRun\/policies\/strict/);
        });

        it("counts an empty policy string as unset", async () => {
            passes(await check(T.service, v2Props(T.service, { useDefault: true, policy: "" })));
            passes(await check(T.service, v2Props(T.service, { useDefault: true, policy: null })));
            assert.match(fails(await check(T.service, v2Props(T.service, { useDefault: false, policy: "" }))), /useDefault: false/);
            assert.match(
                fails(await check(T.service, v2Props(T.service, { policy: "" }))),
                /sets neither binaryAuthorization\.useDefault nor binaryAuthorization\.policy/,
            );
        });

        it("fails a block with only a breakglass justification (neither useDefault nor policy)", async () => {
            const m = fails(await check(T.job, v2Props(T.job, { breakglassJustification: "INC-7: prod outage, unsigned image" })));
            assert.match(m, /sets neither/);
        });

        it('malformed: useDefault as the string "true", a number, null; block as array, string, boolean; policy as a number', async () => {
            const cases: [unknown, RegExp][] = [
                [{ useDefault: "true" }, /the string "true"/],
                [{ useDefault: 1 }, /the number 1/],
                [{ useDefault: null }, /useDefault to null/],
                [{ useDefault: [true] }, /useDefault to an array/],
                [[{ useDefault: true }], /binaryAuthorization to an array; it must be an object/],
                ["default", /binaryAuthorization to the string "default"; it must be an object/],
                [true, /binaryAuthorization to the boolean true; it must be an object/],
                [{ useDefault: true, policy: 42 }, /policy to the number 42; it must be a policy path string/],
                [{ useDefault: true, policy: { name: NAMED } }, /policy to an object/],
            ];
            for (const [ba, re] of cases) {
                const m = fails(await check(T.service, v2Props(T.service, ba)));
                assert.match(m, re, `${JSON.stringify(ba)}: ${m}`);
            }
        });

        it("malformed: props that are null or an array fail without crashing", async () => {
            assert.match(fails(await check(T.service, null)), /has no binaryAuthorization block/);
            assert.match(
                fails(await check(T.service, [{ binaryAuthorization: { useDefault: true } }])),
                /has no binaryAuthorization block/,
            );
        });
    });

    describe("Cloud Run v1 service (Service-level annotation)", () => {
        it('passes with metadata.annotations["run.googleapis.com/binary-authorization"] = "default"', async () => {
            passes(await check(T.v1, v1Props({ [V1_KEY]: "default", "run.googleapis.com/ingress": "all" })));
        });

        it("fails with the annotation only under template.metadata: Cloud Run reads the Service's", async () => {
            const props = v1Props(undefined);
            (props.template as Record<string, unknown>).metadata = { annotations: { [V1_KEY]: "default" } };
            const m = fails(await check(T.v1, props));
            assert.match(m, /template\.metadata/);
            assert.match(m, /Binary Authorization is off/);
            assertGivesFix(m, `metadata: { annotations: { "${V1_KEY}": "default" } }`);
        });

        it("passes with the annotation on the Service, whatever template.metadata says", async () => {
            const props = v1Props({ [V1_KEY]: "default" });
            (props.template as Record<string, unknown>).metadata = { annotations: { [V1_KEY]: "something-else" } };
            passes(await check(T.v1, props));
        });

        it("fails when the annotation is missing, naming the property path and the fix", async () => {
            const m = fails(await check(T.v1, v1Props({ "run.googleapis.com/ingress": "all" }), {}, "legacy"));
            assert.ok(m.includes(T.v1) && m.includes('"legacy"'), m);
            assert.ok(m.includes(V1_PATH), m);
            assertGivesFix(m, `metadata: { annotations: { "${V1_KEY}": "default" } }`);
            assert.match(fails(await check(T.v1, { location: "us-central1" })), /does not set/);
        });

        it('matches "default" exactly: " default", "default ", "Default", "DEFAULT" fail', async () => {
            for (const v of [" default", "default ", "Default", "DEFAULT", "default\n"]) {
                const m = fails(await check(T.v1, v1Props({ [V1_KEY]: v })));
                assert.match(m, /must be exactly "default"/, `${JSON.stringify(v)}: ${m}`);
                assert.match(m, /matched exactly/);
            }
            assert.match(fails(await check(T.v1, v1Props({ [V1_KEY]: "enabled" }))), /must be exactly "default"/);
        });

        it("fails empty, null and wrong-typed annotation values each with their own message", async () => {
            const cases: [unknown, RegExp][] = [
                ["", /the empty string/],
                [null, /to null/],
                [true, /the boolean true; it must be the string "default"/],
                [["default"], /an array; it must be the string "default"/],
                [{ value: "default" }, /an object; it must be the string "default"/],
            ];
            const seen = new Set<string>();
            for (const [v, re] of cases) {
                const m = fails(await check(T.v1, v1Props({ [V1_KEY]: v })));
                assert.match(m, re, m);
                seen.add(m);
            }
            assert.equal(seen.size, cases.length);
        });

        it("malformed: metadata or annotations of the wrong shape fail as missing", async () => {
            for (const props of [
                v1Props(["default"]),
                v1Props("run.googleapis.com/binary-authorization=default"),
                { ...v1Props(), metadata: [{ annotations: { [V1_KEY]: "default" } }] },
                { ...v1Props(), metadata: "default" },
                { ...v1Props(), metadata: null },
            ]) {
                assert.match(fails(await check(T.v1, props)), /does not set/);
            }
        });

        it("a named platform policy in the annotation passes only when allowedPolicies matches", async () => {
            const props = v1Props({ [V1_KEY]: NAMED });
            const m = fails(await check(T.v1, props));
            assert.ok(m.includes(`"${NAMED}"`) && m.includes(V1_PATH), m);
            passes(await check(T.v1, props, { allowedPolicies: ["projects/*/platforms/cloudRun/policies/strict"] }));
        });
    });

    describe("Cloud Functions (2nd gen) (serviceConfig.binaryAuthorizationPolicy)", () => {
        it('passes with binaryAuthorizationPolicy: "default"', async () => {
            passes(await check(T.fn2, fnProps({ binaryAuthorizationPolicy: "default", availableMemory: "256M" })));
        });

        it("fails when serviceConfig or the field is missing, naming the path and the fix", async () => {
            for (const props of [fnProps(), fnProps({ availableMemory: "256M" })]) {
                const m = fails(await check(T.fn2, props, {}, "fn"));
                assert.ok(m.includes(T.fn2) && m.includes('"fn"') && m.includes(FN_PATH), m);
                assertGivesFix(m, 'serviceConfig: { binaryAuthorizationPolicy: "default" }');
            }
        });

        it('fails empty, null, wrong types and near-misses of "default"', async () => {
            const cases: [unknown, RegExp][] = [
                ["", /empty string/],
                [null, /to null/],
                [true, /the boolean true/],
                ["true", /must be exactly "default"/],
                ["Default", /must be exactly "default".*matched exactly/],
                [" default", /must be exactly "default".*matched exactly/],
                [["default"], /an array/],
            ];
            for (const [v, re] of cases) assert.match(fails(await check(T.fn2, fnProps({ binaryAuthorizationPolicy: v }))), re);
        });

        it("malformed: serviceConfig as an array or a string fails as missing", async () => {
            assert.match(
                fails(await check(T.fn2, fnProps([{ binaryAuthorizationPolicy: "default" }]))),
                /does not set serviceConfig\.binaryAuthorizationPolicy/,
            );
            assert.match(fails(await check(T.fn2, fnProps("default"))), /does not set/);
        });

        it("a named platform policy passes only when allowedPolicies matches", async () => {
            const props = fnProps({ binaryAuthorizationPolicy: NAMED });
            assert.match(fails(await check(T.fn2, props)), /allowedPolicies/);
            passes(await check(T.fn2, props, { allowedPolicies: [NAMED] }));
        });
    });

    describe("unknown values during preview", () => {
        it("defers with the pack's own advisory naming binaryAuthorization when the block is unknown", async () => {
            const a = deferred(await check(T.service, v2Props(T.service, UNKNOWN), {}, "api"));
            assert.match(a, /gcp:cloudrunv2\/service:Service "api": binaryAuthorization is unknown/);
        });

        it("defers naming binaryAuthorization.useDefault / .policy when those are unknown", async () => {
            assert.match(
                deferred(await check(T.job, v2Props(T.job, { useDefault: UNKNOWN }))),
                /binaryAuthorization\.useDefault is unknown/,
            );
            assert.match(
                deferred(await check(T.workerPool, v2Props(T.workerPool, { useDefault: false, policy: UNKNOWN }))),
                /binaryAuthorization\.policy is unknown/,
            );
            // useDefault true and an unknown policy: the oneof cannot be decided yet.
            assert.match(
                deferred(await check(T.service, v2Props(T.service, { useDefault: true, policy: UNKNOWN }))),
                /binaryAuthorization\.policy is unknown/,
            );
        });

        it("defers naming the v1 annotation and the function field", async () => {
            assert.ok(deferred(await check(T.v1, v1Props({ [V1_KEY]: UNKNOWN }))).includes(`${V1_PATH} is unknown`));
            assert.ok(deferred(await check(T.v1, v1Props(UNKNOWN))).includes(V1_PATH));
            assert.ok(deferred(await check(T.fn2, fnProps({ binaryAuthorizationPolicy: UNKNOWN }))).includes(`${FN_PATH} is unknown`));
            assert.ok(deferred(await check(T.fn2, fnProps(UNKNOWN))).includes(FN_PATH));
        });

        it("does not defer on unknowns that do not decide (images, location)", async () => {
            passes(
                await check(T.service, {
                    location: UNKNOWN,
                    template: { containers: [{ image: UNKNOWN }] },
                    binaryAuthorization: { useDefault: true },
                }),
            );
            fails(await check(T.service, { location: UNKNOWN, template: UNKNOWN }));
        });

        it('with onUnknown: "deny" reports a violation naming the property instead of the advisory', async () => {
            const cases: [string, unknown, string][] = [
                [T.service, v2Props(T.service, { useDefault: UNKNOWN }), "binaryAuthorization.useDefault"],
                [T.v1, v1Props({ [V1_KEY]: UNKNOWN }), V1_PATH],
                [T.fn2, fnProps({ binaryAuthorizationPolicy: UNKNOWN }), FN_PATH],
            ];
            for (const [type, props, path] of cases) {
                const m = fails(await check(type, props, { onUnknown: "deny" }));
                assert.ok(m.includes(`${path} is unknown during preview`), m);
                assert.match(m, /onUnknown is "deny"/);
            }
        });

        it('onUnknown: "defer" is the default, and an invalid onUnknown falls back to the strict "deny"', async () => {
            deferred(await check(T.service, v2Props(T.service, { useDefault: UNKNOWN }), { onUnknown: "defer" }));
            assert.match(
                fails(await check(T.service, v2Props(T.service, { useDefault: UNKNOWN }), { onUnknown: "strict" })),
                /onUnknown is "deny"/,
            );
            // The bad value is reported alongside a definite violation.
            assert.match(fails(await check(T.service, v2Props(T.service), { onUnknown: "strict" })), /Config problem .*onUnknown/);
        });
    });

    describe("secret-wrapped values read the same as plain ones", () => {
        it("passes secret-wrapped useDefault, block, annotation and function field", async () => {
            passes(await check(T.service, v2Props(T.service, { useDefault: secret(true) })));
            passes(await check(T.job, v2Props(T.job, secret({ useDefault: true }))));
            passes(await check(T.workerPool, v2Props(T.workerPool, secret({ useDefault: secret(true) }))));
            passes(await check(T.v1, v1Props({ [V1_KEY]: secret("default") })));
            passes(await check(T.v1, v1Props(secret({ [V1_KEY]: "default" }))));
            passes(await check(T.v1, { ...v1Props(), metadata: secret({ annotations: { [V1_KEY]: "default" } }) }));
            passes(await check(T.fn2, fnProps({ binaryAuthorizationPolicy: secret("default") })));
            passes(await check(T.fn2, fnProps(secret({ binaryAuthorizationPolicy: "default" }))));
            passes(await check(T.service, secret(v2Props(T.service, { useDefault: true }))));
        });

        it("fails secret-wrapped bad values with exactly the message of the plain value", async () => {
            const pairs: [string, unknown, unknown][] = [
                [T.service, v2Props(T.service, { useDefault: false }), v2Props(T.service, { useDefault: secret(false) })],
                [T.service, v2Props(T.service, { useDefault: "true" }), v2Props(T.service, secret({ useDefault: "true" }))],
                [T.job, v2Props(T.job, { useDefault: true, policy: NAMED }), v2Props(T.job, { useDefault: true, policy: secret(NAMED) })],
                [T.job, v2Props(T.job, null), v2Props(T.job, secret(null))],
                [T.v1, v1Props({ [V1_KEY]: " default" }), v1Props({ [V1_KEY]: secret(" default") })],
                [T.fn2, fnProps({ binaryAuthorizationPolicy: "Default" }), fnProps({ binaryAuthorizationPolicy: secret("Default") })],
            ];
            for (const [type, plainProps, secretProps] of pairs) {
                const a = fails(await check(type, plainProps));
                const b = fails(await check(type, secretProps));
                assert.equal(b, a);
            }
        });

        it("a secret-wrapped named policy is matched against allowedPolicies like a plain one", async () => {
            passes(await check(T.service, v2Props(T.service, { policy: secret(NAMED) }), { allowedPolicies: [NAMED] }));
        });
    });

    describe("config: allowedPolicies", () => {
        it("defaults to [] (no named policy passes)", async () => {
            fails(await check(T.service, v2Props(T.service, { policy: NAMED })));
            fails(await check(T.service, v2Props(T.service, { policy: NAMED }), { allowedPolicies: [] }));
        });

        it('ignores a catch-all glob like "**" and says so in the violation', async () => {
            const m = fails(await check(T.service, v2Props(T.service, { policy: NAMED }), { allowedPolicies: ["**"] }));
            assert.match(m, /allowedPolicies glob "\*\*" matches everything/);
            assert.match(m, /ignored/);
            const m2 = fails(await check(T.fn2, fnProps({ binaryAuthorizationPolicy: NAMED }), { allowedPolicies: ["**/*"] }));
            assert.match(m2, /matches everything/);
        });

        it("keeps the specific globs next to an ignored catch-all", async () => {
            passes(await check(T.service, v2Props(T.service, { policy: NAMED }), { allowedPolicies: ["**", NAMED] }));
        });

        it("a malformed allowedPolicies (string, numbers) falls back to [] and the violation says so", async () => {
            const m = fails(await check(T.service, v2Props(T.service, { policy: NAMED }), { allowedPolicies: NAMED }));
            assert.match(m, /Config problem .*allowedPolicies/);
            const m2 = fails(await check(T.service, v2Props(T.service, { policy: NAMED }), { allowedPolicies: [42] }));
            assert.match(m2, /Config problem .*allowedPolicies/);
        });

        it("allowedPolicies never makes a missing or off setting pass", async () => {
            fails(await check(T.service, v2Props(T.service, { useDefault: false }), { allowedPolicies: [NAMED, "projects/**"] }));
            fails(await check(T.v1, v1Props({}), { allowedPolicies: [NAMED] }));
        });
    });

    describe("config: exemptions", () => {
        const ex = (e: Record<string, unknown>) => ({ exemptions: [e] });

        it("a live exemption (by name glob or by URN) skips the resource", async () => {
            passes(
                await check(
                    T.service,
                    v2Props(T.service),
                    ex({ resource: "legacy-*", reason: "vendor image, JIRA-42", expires: "2026-04-01" }),
                    "legacy-api",
                ),
            );
            passes(
                await check(
                    T.service,
                    v2Props(T.service),
                    ex({ resource: urnOf(T.service, "api"), reason: "vendor image, JIRA-42", expires: "2026-04-01" }),
                    "api",
                ),
            );
            passes(await check(T.fn2, fnProps(), ex({ resource: "**/*::fn", reason: "migrating, JIRA-43", expires: "2026-03-10" }), "fn"));
        });

        it("an exemption expiring today is still live; one that expired yesterday is ignored and the violation says so", async () => {
            passes(await check(T.v1, v1Props({}), ex({ resource: "api", reason: "vendor image, JIRA-42", expires: "2026-03-10" })));
            const m = fails(
                await check(T.v1, v1Props({}), ex({ resource: "api", reason: "vendor image, JIRA-42", expires: "2026-03-09" })),
            );
            assert.match(m, /exemption "api" expired on 2026-03-09/);
        });

        it("an exemption without expires is ignored and the violation says so", async () => {
            const m = fails(await check(T.service, v2Props(T.service), ex({ resource: "api", reason: "vendor image, JIRA-42" })));
            assert.match(m, /exemption "api" is ignored: it has no expires date/);
        });

        it("an exemption with a short or missing reason is ignored and the violation says so", async () => {
            const m = fails(await check(T.service, v2Props(T.service), ex({ resource: "api", reason: "legacy", expires: "2026-04-01" })));
            assert.match(m, /exemption "api" is ignored: its reason is shorter than 10 characters/);
            const m2 = fails(await check(T.service, v2Props(T.service), ex({ resource: "api", expires: "2026-04-01" })));
            assert.match(m2, /exemption "api" is ignored: it has no reason/);
        });

        it("an exemption with a malformed or impossible date is ignored and the violation says so", async () => {
            assert.match(
                fails(
                    await check(
                        T.service,
                        v2Props(T.service),
                        ex({ resource: "api", reason: "vendor image, JIRA-42", expires: "01/04/2026" }),
                    ),
                ),
                /expires is not YYYY-MM-DD/,
            );
            assert.match(
                fails(
                    await check(
                        T.service,
                        v2Props(T.service),
                        ex({ resource: "api", reason: "vendor image, JIRA-42", expires: "2026-02-30" }),
                    ),
                ),
                /not a real date/,
            );
        });

        it("an exemption for another resource neither skips nor annotates this one", async () => {
            const m = fails(
                await check(
                    T.service,
                    v2Props(T.service),
                    ex({ resource: "other", reason: "vendor image, JIRA-42", expires: "2026-04-01" }),
                ),
            );
            assert.doesNotMatch(m, /exemption/);
        });

        it("malformed exemptions (not an array, entries not objects) never exempt and are reported", async () => {
            const m = fails(
                await check(T.service, v2Props(T.service), {
                    exemptions: { resource: "api", reason: "vendor image, JIRA-42", expires: "2026-04-01" },
                }),
            );
            assert.match(m, /exemptions must be an array/);
            const m2 = fails(await check(T.service, v2Props(T.service), { exemptions: ["api"] }));
            assert.match(m2, /exemption #1 is ignored: it is not an object/);
        });
    });

    describe("messages", () => {
        it("escape control characters from user text (resource name, policy path) and stay printable", async () => {
            const m = fails(
                await check(T.service, v2Props(T.service, { policy: "projects/p/\x1b[31mred\u202e/x\ny" }), {}, "evil\x1b[2J\r\nname"),
            );
            assert.ok(!m.includes("\x1b") && !m.includes("\r") && !m.includes("\u202e"), JSON.stringify(m));
            assert.ok(m.includes("\\x1b"), m);
        });

        it("quote and cut user text: a 1 MB policy value gives a short message", async () => {
            const huge = `projects/p/platforms/cloudRun/policies/${"x".repeat(1_000_000)}`;
            const m = fails(await check(T.service, v2Props(T.service, { policy: huge })));
            assert.ok(m.length < 2000, `message is ${m.length} characters`);
            assert.match(m, /cut/);
            const m2 = fails(await check(T.v1, v1Props({ [V1_KEY]: "\t".repeat(1_000_000) })));
            assert.ok(m2.length < 2000, `message is ${m2.length} characters`);
            assertPrintable(m2);
        });

        it("report against the resource's own URN", async () => {
            const r = await check(T.service, v2Props(T.service), {}, "api", "prod");
            assert.deepEqual(r.urns, [urnOf(T.service, "api", "prod")]);
        });
    });

    describe("remediateResource", () => {
        const fix = (type: string, props: unknown, config: unknown = {}, name = "api") =>
            remediate(binauthzRequired, { type, name, props }, config);

        it("adds binaryAuthorization: { useDefault: true } and keeps every other property (v2)", async () => {
            for (const type of V2_TYPES) {
                const props = v2Props(type, undefined, { labels: { team: "a" }, ingress: "INGRESS_TRAFFIC_ALL" });
                const expected = { ...structuredClone(props), binaryAuthorization: { useDefault: true } };
                assert.deepEqual(await fix(type, props), expected);
            }
        });

        it("switches useDefault on and keeps the breakglass justification", async () => {
            const out = await fix(
                T.service,
                v2Props(T.service, { useDefault: false, breakglassJustification: "INC-9: outage, owner bob" }),
            );
            assert.deepEqual(out?.binaryAuthorization, { useDefault: true, breakglassJustification: "INC-9: outage, owner bob" });
        });

        it("replaces a disallowed named policy by the default (the API treats them as a oneof)", async () => {
            const out = await fix(T.job, v2Props(T.job, { useDefault: false, policy: NAMED }));
            assert.deepEqual(out?.binaryAuthorization, { useDefault: true });
            const out2 = await fix(T.job, v2Props(T.job, { useDefault: true, policy: NAMED }));
            assert.deepEqual(out2?.binaryAuthorization, { useDefault: true });
        });

        it('fixes malformed settings: useDefault "true", null block, array block', async () => {
            assert.deepEqual((await fix(T.service, v2Props(T.service, { useDefault: "true" })))?.binaryAuthorization, { useDefault: true });
            assert.deepEqual((await fix(T.service, v2Props(T.service, null)))?.binaryAuthorization, { useDefault: true });
            assert.deepEqual((await fix(T.service, v2Props(T.service, [1])))?.binaryAuthorization, { useDefault: true });
        });

        it("keeps secret-wrapped sibling properties as secrets", async () => {
            const props = v2Props(T.service, undefined, { labels: secret({ owner: "alice" }), description: secret("payments") });
            const out = await fix(T.service, props);
            assert.deepEqual(out?.labels, secret({ owner: "alice" }));
            assert.deepEqual(out?.description, secret("payments"));
            assert.deepEqual(out?.binaryAuthorization, { useDefault: true });
        });

        it("switches the default on inside a secret-wrapped binaryAuthorization block (and the result validates)", async () => {
            const props = v2Props(T.service, secret({ useDefault: false, breakglassJustification: "INC-9: outage, owner bob" }));
            const out = await fix(T.service, props);
            assert.ok(out, "expected a remediation");
            assert.deepEqual(plain(out.binaryAuthorization), { useDefault: true, breakglassJustification: "INC-9: outage, owner bob" });
            passes(await check(T.service, out));
        });

        it("through @pulumi/policy's own remediate proxies (Secret + secretsPreservingProxy) the fix lands inside the secret", async () => {
            // The analyzer's Remediate deserialises secrets as Secret objects behind secretsPreservingProxy.
            const raw: Record<string, unknown> = {
                location: "us-central1",
                labels: new Secret({ owner: "alice" }),
                binaryAuthorization: new Secret({ useDefault: false, breakglassJustification: "INC-9: outage, owner bob" }),
            };
            const props = unknownCheckingProxy(secretsPreservingProxy(raw)) as Record<string, unknown>;
            const args = {
                type: T.service,
                name: "api",
                urn: urnOf(T.service, "api"),
                props,
                getConfig: () => ({}),
            } as unknown as ResourceValidationArgs;
            const out = await binauthzRequired.remediateResource?.(args);
            assert.ok(out, "expected a remediation");
            assert.ok(raw.binaryAuthorization instanceof Secret, "the block stays secret");
            assert.deepEqual(
                { ...(raw.binaryAuthorization as Secret).value },
                { useDefault: true, breakglassJustification: "INC-9: outage, owner bob" },
            );
            assert.ok(raw.labels instanceof Secret);
        });

        it("v1: sets the Service-level annotation to default, keeping other annotations and template.metadata", async () => {
            const props = v1Props({ "run.googleapis.com/ingress": "all", [V1_KEY]: " default" });
            (props.template as Record<string, unknown>).metadata = { annotations: { "autoscaling.knative.dev/maxScale": "3" } };
            const out = await fix(T.v1, props);
            assert.deepEqual(out?.metadata, {
                labels: { team: "a" },
                annotations: { "run.googleapis.com/ingress": "all", [V1_KEY]: "default" },
            });
            assert.deepEqual(out?.template, {
                metadata: { annotations: { "autoscaling.knative.dev/maxScale": "3" } },
                spec: { containers: [{ image: "gcr.io/my-proj/legacy:1" }] },
            });
            const bare = await fix(T.v1, { location: "us-central1" });
            assert.deepEqual(bare, { location: "us-central1", metadata: { annotations: { [V1_KEY]: "default" } } });
        });

        it("v1: sets the annotation inside secret-wrapped annotations (and the result validates)", async () => {
            const props = v1Props(secret({ "run.googleapis.com/ingress": "all" }));
            const out = await fix(T.v1, props);
            assert.ok(out, "expected a remediation");
            const annotations = plain((out.metadata as Record<string, unknown>).annotations) as Record<string, unknown>;
            assert.deepEqual(annotations, { "run.googleapis.com/ingress": "all", [V1_KEY]: "default" });
            passes(await check(T.v1, out));
        });

        it("functions: sets serviceConfig.binaryAuthorizationPolicy to default, keeping the rest of serviceConfig", async () => {
            const out = await fix(T.fn2, fnProps({ availableMemory: "256M", binaryAuthorizationPolicy: "Default" }));
            assert.deepEqual(out?.serviceConfig, { availableMemory: "256M", binaryAuthorizationPolicy: "default" });
            assert.deepEqual(out?.buildConfig, { runtime: "nodejs20", entryPoint: "handler" });
            assert.deepEqual((await fix(T.fn2, fnProps()))?.serviceConfig, { binaryAuthorizationPolicy: "default" });
        });

        it("every remediated workload then passes validation", async () => {
            const inputs: [string, unknown][] = [
                [T.service, v2Props(T.service, { useDefault: false, policy: NAMED })],
                [T.service, v2Props(T.service, { useDefault: true, policy: 42 })],
                [T.workerPool, v2Props(T.workerPool, { useDefault: false, policy: { name: NAMED } })],
                [T.job, v2Props(T.job, {})],
                [T.job, v2Props(T.job, { useDefault: secret(false), breakglassJustification: secret("INC-9: outage, owner bob") })],
                [T.workerPool, v2Props(T.workerPool, "x")],
                [T.v1, v1Props(["default"])],
                [T.fn2, fnProps([])],
            ];
            for (const [type, props] of inputs) {
                const out = await fix(type, props);
                assert.ok(out, `${type}: expected a remediation`);
                passes(await check(type, out));
            }
        });

        it("returns nothing when compliant, allowed, exempt, unknown, or not a workload", async () => {
            assert.equal(await fix(T.service, v2Props(T.service, { useDefault: true })), undefined);
            assert.equal(await fix(T.service, v2Props(T.service, { useDefault: secret(true) })), undefined);
            assert.equal(await fix(T.v1, v1Props({ [V1_KEY]: "default" })), undefined);
            assert.equal(await fix(T.fn2, fnProps({ binaryAuthorizationPolicy: "default" })), undefined);
            assert.equal(await fix(T.service, v2Props(T.service, { policy: NAMED }), { allowedPolicies: [NAMED] }), undefined);
            assert.equal(
                await fix(T.service, v2Props(T.service), {
                    exemptions: [{ resource: "api", reason: "vendor image, JIRA-42", expires: "2026-04-01" }],
                }),
                undefined,
            );
            assert.equal(await fix(T.service, v2Props(T.service, { useDefault: UNKNOWN })), undefined);
            assert.equal(await fix(T.fn1, { region: "us-central1" }), undefined);
            assert.equal(await fix("gcp:storage/bucket:Bucket", { location: "US" }), undefined);
        });

        it("an expired exemption does not stop the remediation", async () => {
            const out = await fix(T.service, v2Props(T.service), {
                exemptions: [{ resource: "api", reason: "vendor image, JIRA-42", expires: "2026-03-01" }],
            });
            assert.deepEqual(out?.binaryAuthorization, { useDefault: true });
        });
    });
});
