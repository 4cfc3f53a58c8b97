// binauthz-org-constraint: the org policy run.allowedBinaryAuthorizationPolicies, where the stack
// manages it, requires the default Binary Authorization policy.
import { strict as assert } from "node:assert";
import { orgConstraint as policy } from "../../policies";
import { checkStack, type ResourceInput, type Result, secret, T, UNKNOWN, fixClock } from "../harness";
import { verdictAssertions } from "./verdicts";

const CONSTRAINT = "run.allowedBinaryAuthorizationPolicies";
const LEGACY = {
    org: "gcp:organizations/policy:Policy",
    folder: "gcp:folder/organizationPolicy:OrganizationPolicy",
    project: "gcp:projects/organizationPolicy:OrganizationPolicy",
} as const;

function v2(spec: unknown, name: unknown = `projects/my-proj/policies/${CONSTRAINT}`, rname = "constraint"): ResourceInput {
    return { type: T.orgpolicy, name: rname, props: { name, parent: "projects/my-proj", spec } };
}
const rules = (...r: unknown[]): { rules: unknown[] } => ({ rules: r });
const allowDefault = rules({ values: { allowedValues: ["default"] } });

function legacy(type: string, extra: Record<string, unknown>, constraint: unknown = CONSTRAINT, rname = "legacy"): ResourceInput {
    const parent = type === LEGACY.org ? { orgId: "123" } : type === LEGACY.folder ? { folder: "folders/456" } : { project: "my-proj" };
    return { type, name: rname, props: { ...parent, constraint, ...extra } };
}
const service: ResourceInput = {
    type: T.service,
    name: "svc",
    props: { project: "my-proj", location: "us-central1", binaryAuthorization: { useDefault: true } },
};

const run = (resources: ResourceInput[], config: unknown = {}): Promise<Result> => checkStack(policy, resources, config);

const { assertPrintable, assertClean, assertOne, assertAdvisory } = verdictAssertions("binauthz-org-constraint");

describe("binauthz-org-constraint", () => {
    describe("metadata", () => {
        it("is an advisory stack policy with severity, remediation steps, url and a config schema", () => {
            assert.equal(policy.name, "binauthz-org-constraint");
            assert.equal(policy.enforcementLevel, "advisory");
            assert.ok(policy.severity);
            assert.match(policy.remediationSteps ?? "", /allowedValues/);
            assert.match(policy.url ?? "", /^https:\/\/github\.com\/[^#]+#[a-z0-9-]+$/);
            assert.deepEqual(Object.keys(policy.configSchema?.properties ?? {}).sort(), ["exemptions", "onUnknown", "require"]);
        });
    });

    describe("gcp:orgpolicy/policy:Policy", () => {
        it('passes with allowedValues ["default"], at project, folder or organization level', async () => {
            for (const name of [
                `projects/my-proj/policies/${CONSTRAINT}`,
                `folders/456/policies/${CONSTRAINT}`,
                `organizations/123/policies/${CONSTRAINT}`,
            ]) {
                assertClean(await run([v2(allowDefault, name), service]));
            }
            assertClean(
                await run([v2(rules({ values: { allowedValues: ["default", "projects/my-proj/platforms/cloudRun/policies/strict"] } }))]),
            );
            assertClean(await run([v2(rules({ allowAll: "FALSE", values: { allowedValues: ["default"] } }))]));
        });
        it("fails on allowAll TRUE", async () => {
            assertOne(
                await run([v2(rules({ allowAll: "TRUE" }))]),
                /gcp:orgpolicy\/policy:Policy "constraint": spec\.rules\[0\]\.allowAll allows every Binary Authorization policy/,
                /Fix: spec: \{ rules: \[\{ values: \{ allowedValues: \["default"\] \} \}\] \}/,
            );
            // also next to a rule that allows default
            assertOne(
                await run([v2(rules({ values: { allowedValues: ["default"] } }, { allowAll: "TRUE" }))]),
                /spec\.rules\[1\]\.allowAll/,
            );
        });
        it("fails on denyAll TRUE", async () => {
            assertOne(await run([v2(rules({ denyAll: "TRUE" }))]), /spec\.rules\[0\]\.denyAll denies every policy/);
        });
        it("fails on reset true (inherits from the parent)", async () => {
            assertOne(await run([v2({ reset: true, ...allowDefault })]), /spec\.reset is true/);
        });
        it("fails on deniedValues that include default", async () => {
            assertOne(
                await run([v2(rules({ values: { allowedValues: ["default"], deniedValues: ["default"] } }))]),
                /deniedValues denies "default"/,
            );
            assertOne(await run([v2(rules({ values: { deniedValues: ["is:default"] } }))]), /deniedValues denies "default"/);
        });
        it("fails on an allowed list that lacks default", async () => {
            assertOne(
                await run([v2(rules({ values: { allowedValues: ["projects/my-proj/platforms/cloudRun/policies/lax"] } }))]),
                /allowedValues lacks "default"/,
            );
            assertOne(await run([v2(rules({ values: { allowedValues: [] } }))]), /allowedValues lacks "default"/);
            // default is matched exactly
            assertOne(await run([v2(rules({ values: { allowedValues: ["Default", " default"] } }))]), /lacks "default"/);
        });
        it("fails when no rule requires default", async () => {
            assertOne(await run([v2(rules())]), /no rule lists "default"/);
            assertOne(await run([v2({})]), /no rule lists "default"/);
            assertOne(
                await run([v2(rules({ values: { deniedValues: ["projects/x/platforms/cloudRun/policies/y"] } }))]),
                /no rule lists "default"/,
            );
        });
        it("ignores org policies for other constraints and lookalike names", async () => {
            for (const name of [
                "projects/my-proj/policies/run.allowedIngress",
                `projects/my-proj/policies/${CONSTRAINT}X`,
                `projects/my-proj/policies/x${CONSTRAINT}`,
                42,
                null,
            ]) {
                assertClean(await run([v2(rules({ allowAll: "TRUE" }), name)]));
            }
        });
        it("reports each managed constraint", async () => {
            const r = await run([
                v2(rules({ allowAll: "TRUE" }), undefined, "a"),
                v2(rules({ denyAll: "TRUE" }), `folders/1/policies/${CONSTRAINT}`, "b"),
                v2(allowDefault, `organizations/1/policies/${CONSTRAINT}`, "c"),
            ]);
            assertPrintable(r);
            assert.equal(r.violations.length, 2);
            assert.deepEqual(r.urns, [
                "urn:pulumi:dev::proj::gcp:orgpolicy/policy:Policy::a",
                "urn:pulumi:dev::proj::gcp:orgpolicy/policy:Policy::b",
            ]);
        });
    });

    describe("legacy organization, folder and project policies", () => {
        for (const [kind, type] of Object.entries(LEGACY)) {
            it(`${kind}: passes with listPolicy.allow.values ["default"], with or without the constraints/ prefix`, async () => {
                assertClean(await run([legacy(type, { listPolicy: { allow: { values: ["default"] } } })]));
                assertClean(await run([legacy(type, { listPolicy: { allow: { values: ["is:default"] } } }, `constraints/${CONSTRAINT}`)]));
            });
            it(`${kind}: fails on allow.all, deny.all, restorePolicy.default, and an allow list without default`, async () => {
                assertOne(
                    await run([legacy(type, { listPolicy: { allow: { all: true } } })]),
                    /listPolicy\.allow\.all allows every policy/,
                    /Fix: listPolicy: \{ allow: \{ values: \["default"\] \} \}/,
                );
                assertOne(
                    await run([legacy(type, { listPolicy: { deny: { all: true } } }, `constraints/${CONSTRAINT}`)]),
                    /listPolicy\.deny\.all denies every policy/,
                );
                assertOne(await run([legacy(type, { restorePolicy: { default: true } })]), /restorePolicy\.default is true/);
                assertOne(
                    await run([legacy(type, { listPolicy: { allow: { values: ["projects/p/platforms/cloudRun/policies/x"] } } })]),
                    /listPolicy\.allow\.values lacks "default"/,
                );
                assertOne(
                    await run([legacy(type, { listPolicy: { allow: { values: ["default"] }, deny: { values: ["default"] } } })]),
                    /listPolicy\.deny\.values denies "default"/,
                );
            });
        }
        it("ignores legacy policies for other constraints", async () => {
            for (const c of ["run.allowedIngress", `constraints/${CONSTRAINT}X`, `${CONSTRAINT} `, null]) {
                assertClean(await run([legacy(LEGACY.project, { listPolicy: { allow: { all: true } } }, c)]));
            }
        });
        it("a deny-only list or no listPolicy does not require default", async () => {
            assertOne(
                await run([legacy(LEGACY.project, { listPolicy: { deny: { values: ["projects/p/platforms/cloudRun/policies/x"] } } })]),
                /lacks "default"/,
            );
            assertOne(
                await run([legacy(LEGACY.folder, { booleanPolicy: { enforced: true } })]),
                /listPolicy is nothing, so the constraint sets nothing/,
            );
        });
    });

    describe("config require", () => {
        it("true fails a stack with Cloud Run or 2nd-gen workloads and no constraint", async () => {
            for (const w of [
                service,
                { type: T.job, name: "j", props: {} },
                { type: T.workerPool, name: "w", props: {} },
                { type: T.v1, name: "v1", props: {} },
                { type: T.fn2, name: "f", props: {} },
            ]) {
                const r = await run([w], { require: true });
                assertOne(
                    r,
                    /does not manage the organization policy run\.allowedBinaryAuthorizationPolicies, and config require is true/,
                    /Fix: add new gcp\.orgpolicy\.Policy/,
                );
                assert.equal(r.urns[0], `urn:pulumi:dev::proj::${w.type}::${w.name}`);
            }
        });
        it("true passes a stack without workloads, or with a 1st-gen function only", async () => {
            assertClean(await run([], { require: true }));
            assertClean(
                await run(
                    [
                        { type: T.fn1, name: "gen1", props: {} },
                        { type: T.binauthz, name: "b", props: {} },
                    ],
                    { require: true },
                ),
            );
        });
        it("true passes when the stack manages the constraint (v2 or legacy)", async () => {
            assertClean(await run([service, v2(allowDefault)], { require: true }));
            assertClean(
                await run([service, legacy(LEGACY.project, { listPolicy: { allow: { values: ["default"] } } })], { require: true }),
            );
        });
        it("a managed but wrong constraint is reported once, for what is wrong", async () => {
            assertOne(await run([service, v2(rules({ allowAll: "TRUE" }))], { require: true }), /allowAll/);
        });
        it("false (the default) does not require it", async () => {
            assertClean(await run([service]));
            assertClean(await run([service], { require: false }));
        });
        it("an invalid value fails closed as if it were true, and says so", async () => {
            assertOne(await run([service], { require: "yes" }), /config require is invalid, so the pack fails closed as if it were true/);
            assertOne(await run([service], { require: "yes" }), /Config problem .*require.*using the strict value \(true\)/);
        });
        it("an org policy whose name is unknown might be the constraint: advisory, not a violation", async () => {
            assertAdvisory(
                await run([service, v2(allowDefault, UNKNOWN)], { require: true }),
                /gcp:orgpolicy\/policy:Policy "constraint": name/,
            );
            // with onUnknown: deny the unknown name fails, once
            assertOne(
                await run([service, v2(allowDefault, UNKNOWN)], { require: true, onUnknown: "deny" }),
                /"constraint": name is unknown during preview/,
            );
        });
    });

    describe("unknown values during preview", () => {
        it("an unknown name or constraint is advisory, naming the property", async () => {
            assertAdvisory(await run([v2(allowDefault, UNKNOWN)]), /"constraint": name is unknown until/);
            assertAdvisory(
                await run([legacy(LEGACY.project, { listPolicy: { allow: { values: ["default"] } } }, UNKNOWN)]),
                /"legacy": constraint/,
            );
        });
        it("unknown spec, reset, rules, allowAll, allowedValues are advisory", async () => {
            assertAdvisory(await run([v2(UNKNOWN)]), /: spec is unknown/);
            assertAdvisory(await run([v2({ reset: UNKNOWN, ...allowDefault })]), /spec\.reset/);
            assertAdvisory(await run([v2({ rules: UNKNOWN })]), /spec\.rules/);
            assertAdvisory(
                await run([v2(rules({ allowAll: UNKNOWN, values: { allowedValues: ["default"] } }))]),
                /spec\.rules\[0\]\.allowAll/,
            );
            assertAdvisory(await run([v2(rules({ values: { allowedValues: UNKNOWN } }))]), /spec\.rules\[0\]\.values\.allowedValues/);
            assertAdvisory(
                await run([v2(rules({ values: { allowedValues: ["default"], deniedValues: UNKNOWN } }))]),
                /spec\.rules\[0\]\.values\.deniedValues/,
            );
        });
        it("unknown legacy restorePolicy and listPolicy are advisory", async () => {
            assertAdvisory(await run([legacy(LEGACY.folder, { restorePolicy: { default: UNKNOWN } })]), /restorePolicy\.default/);
            assertAdvisory(await run([legacy(LEGACY.folder, { listPolicy: UNKNOWN })]), /: listPolicy is unknown/);
            assertAdvisory(await run([legacy(LEGACY.folder, { listPolicy: { allow: { values: UNKNOWN } } })]), /listPolicy\.allowed/);
        });
        it("onUnknown: deny turns each unknown into a violation", async () => {
            const r = await run([v2(UNKNOWN), legacy(LEGACY.org, { listPolicy: UNKNOWN })], { onUnknown: "deny" });
            assertPrintable(r);
            assert.equal(r.advisory, undefined);
            assert.equal(r.violations.length, 2);
            assert.match(r.violations[0], /"constraint": spec is unknown during preview, and onUnknown is "deny"/);
            assert.match(r.violations[1], /"legacy": listPolicy is unknown during preview/);
        });
    });

    describe("secret values", () => {
        it("secret names, specs and values are read through", async () => {
            assertClean(await run([v2(secret(allowDefault), secret(`projects/my-proj/policies/${CONSTRAINT}`))]));
            assertOne(
                await run([v2(rules({ values: { allowedValues: secret(["projects/p/platforms/cloudRun/policies/x"]) } }))]),
                /lacks "default"/,
            );
            assertOne(await run([v2(rules({ allowAll: secret("TRUE") }))]), /allowAll/);
            assertOne(
                await run([legacy(LEGACY.project, { listPolicy: secret({ allow: { all: true } }) }, secret(CONSTRAINT))]),
                /allow\.all/,
            );
        });
    });

    describe("malformed input", () => {
        it("a spec that is not an object sets nothing: a violation", async () => {
            for (const spec of [null, undefined, "x", [allowDefault], 1]) {
                assertOne(await run([v2(spec)]), /spec is .*, so the constraint sets nothing/);
            }
        });
        it("rules and values of the wrong shape fail closed without crashing", async () => {
            assertOne(await run([v2({ rules: { values: { allowedValues: ["default"] } } })]), /no rule lists "default"/);
            assertOne(await run([v2(rules(null, 1, "x", [], { values: null }))]), /no rule lists "default"/);
            assertOne(await run([v2(rules({ values: { allowedValues: "default" } }))]), /lacks "default"/);
            assertOne(await run([v2(rules({ values: { allowedValues: [null, 1, ["default"]] } }))]), /lacks "default"/);
            assertOne(await run([legacy(LEGACY.project, { listPolicy: [] })]), /listPolicy is an array/);
            assertOne(await run([legacy(LEGACY.project, { listPolicy: { allow: "all" } })]), /lacks "default"/);
        });
        it("allowAll and reset as strings or booleans are both understood", async () => {
            assertOne(await run([v2(rules({ allowAll: true }))]), /allowAll/);
            assertOne(await run([v2(rules({ denyAll: "true" }))]), /denyAll/);
            assertOne(await run([v2({ reset: "TRUE", ...allowDefault })]), /reset/);
            assertOne(await run([legacy(LEGACY.org, { listPolicy: { allow: { all: "TRUE" } } })]), /allow\.all/);
        });
    });

    describe("config exemptions", () => {
        fixClock("2025-06-15T12:00:00Z");
        const reason = "org policy owned by the security team, SEC-9";
        const bad = v2(rules({ allowAll: "TRUE" }));

        it("a live exemption skips the constraint resource", async () => {
            assertClean(await run([bad], { exemptions: [{ resource: "constraint", reason, expires: "2025-06-15" }] }));
        });
        it("for require, a live exemption on the workload skips it", async () => {
            assertClean(await run([service], { require: true, exemptions: [{ resource: "svc", reason, expires: "2025-06-15" }] }));
            assertOne(
                await run([service, { ...service, name: "svc2" }], {
                    require: true,
                    exemptions: [{ resource: "svc", reason, expires: "2025-06-15" }],
                }),
                /deploys 1 Cloud Run/,
                /"svc2"/,
            );
        });
        it("an expired exemption is ignored, and the violation says so", async () => {
            assertOne(
                await run([bad], { exemptions: [{ resource: "constraint", reason, expires: "2025-06-14" }] }),
                /exemption "constraint" expired on 2025-06-14/,
            );
            assertOne(
                await run([service], { require: true, exemptions: [{ resource: "svc", reason, expires: "2025-01-01" }] }),
                /exemption "svc" expired on 2025-01-01/,
            );
            // also when the finding is reported on another workload
            assertOne(
                await run([{ ...service, name: "first" }, service], {
                    require: true,
                    exemptions: [{ resource: "svc", reason, expires: "2025-01-01" }],
                }),
                /"first"/,
                /exemption "svc" expired on 2025-01-01/,
            );
        });
        it("undated and reasonless exemptions are ignored, and the violation says so", async () => {
            assertOne(
                await run([bad], { exemptions: [{ resource: "constraint", reason }] }),
                /exemption "constraint" is ignored: it has no expires date/,
            );
            assertOne(
                await run([bad], { exemptions: [{ resource: "constraint", expires: "2025-12-31" }] }),
                /exemption "constraint" is ignored: it has no reason/,
            );
            assertOne(await run([bad], { exemptions: { resource: "constraint" } }), /exemptions must be an array/);
        });
    });

    describe("messages", () => {
        it("a 1 MB resource name and values yield a bounded, printable message", async () => {
            const huge = "n".repeat(1_000_000);
            const r = await run([v2(rules({ values: { allowedValues: [huge] } }), undefined, huge)]);
            const msg = assertOne(r, /cut/);
            assert.ok(msg.length < 5000, `length ${msg.length}`);
        });
        it("control characters in names are escaped", async () => {
            const r = await run([v2(rules({ allowAll: "TRUE" }), undefined, "c\u0007\n\u202eFAKE")]);
            const msg = assertOne(r);
            assert.ok(!msg.includes("\nFAKE") && !msg.includes("\u202e"));
        });
    });
});
