// binauthz-allowlist-scoped: a gcp:binaryauthorization/policy:Policy is not hollowed out.
import { strict as assert } from "node:assert";
import { allowlistScoped as policy } from "../../policies";
import { checkResource, type Result, secret, T, UNKNOWN, fixClock } from "../harness";
import { verdictAssertions } from "./verdicts";

const PROJECT = "my-proj";
const GOOD = "us-central1-docker.pkg.dev/my-proj/cloud-run-source-deploy/**";
const GOOD_GCF = "us-central1-docker.pkg.dev/my-proj/gcf-artifacts/**";
const RULE = {
    evaluationMode: "REQUIRE_ATTESTATION",
    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
    requireAttestationsBies: ["projects/my-proj/attestors/built-by-ci"],
};

function props(patterns: unknown[], rule: unknown = RULE, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        project: PROJECT,
        admissionWhitelistPatterns: patterns.map((p) => ({ namePattern: p })),
        defaultAdmissionRule: rule,
        ...extra,
    };
}
const check = (p: unknown, config: unknown = {}, name = "binauthz"): Promise<Result> =>
    checkResource(policy, { type: T.binauthz, name, props: p }, config);

const { assertPrintable, assertClean, assertOne, assertAdvisory } = verdictAssertions("binauthz-allowlist-scoped", (m) =>
    assert.ok(m.startsWith(`${T.binauthz} "binauthz": `), m),
);

describe("binauthz-allowlist-scoped", () => {
    describe("metadata", () => {
        it("is a mandatory resource policy with severity, remediation steps, url and a config schema", () => {
            assert.equal(policy.name, "binauthz-allowlist-scoped");
            assert.equal(policy.enforcementLevel, "mandatory");
            assert.ok(policy.severity);
            assert.ok(policy.remediationSteps);
            assert.match(policy.url ?? "", /^https:\/\/github\.com\/[^#]+#[a-z0-9-]+$/);
            assert.deepEqual(Object.keys(policy.configSchema?.properties ?? {}).sort(), [
                "allowDryRun",
                "allowedPatterns",
                "exemptions",
                "onUnknown",
            ]);
        });
    });

    describe("passing", () => {
        it("well-scoped repository patterns with an enforcing default rule", async () => {
            assertClean(
                await check(
                    props([
                        GOOD,
                        GOOD_GCF,
                        "gcr.io/my-proj/app/**",
                        "us-docker.pkg.dev/my-proj/images/app@sha256:abc",
                        "us-central1-docker.pkg.dev/my-proj/images/*",
                    ]),
                ),
            );
        });
        it("no allowlist at all, or an empty one", async () => {
            assertClean(await check({ project: PROJECT, defaultAdmissionRule: RULE }));
            assertClean(await check(props([])));
            assertClean(await check({ project: PROJECT, admissionWhitelistPatterns: null, defaultAdmissionRule: RULE }));
        });
        it("ALWAYS_DENY is not hollow", async () => {
            assertClean(await check(props([GOOD], { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" })));
        });
        it("other resource types are not checked", async () => {
            const r = await checkResource(policy, {
                type: T.service,
                name: "svc",
                props: props(["**"], { evaluationMode: "ALWAYS_ALLOW" }),
            });
            assertClean(r);
        });
    });

    describe("failing: broad allowlist patterns", () => {
        const cases: [string, RegExp][] = [
            ["*", /exempts every image from every registry/],
            ["**", /exempts every image from every registry/],
            ["gcr.io/**", /exempts the whole registry "gcr\.io"/],
            ["eu.gcr.io/*", /exempts the whole registry "eu\.gcr\.io"/],
            ["us-central1-docker.pkg.dev/**", /exempts the whole registry "us-central1-docker\.pkg\.dev"/],
            ["docker.io/**", /exempts the whole registry "docker\.io"/],
            ["us-central1-docker.pkg.dev/my-proj/**", /exempts every repository of project "my-proj"/],
            ["gcr.io/my-proj/**", /exempts every repository of project "my-proj"/],
            ["us-central1-docker.pkg.dev/*/gcf-artifacts/**", /wildcard before its end/],
            ["us-central1-docker.pkg.dev/my-proj/*/app", /wildcard before its end/],
            ["us-central1-docker.pkg.dev/my-proj/gcf-artifacts**", /not directly after "\/".*"gcf-artifacts-evil"/],
            ["us-central1-docker.pkg.dev/my-proj/cloud-run-source-deploy*", /not directly after "\/"/],
        ];
        for (const [pattern, why] of cases) {
            it(`rejects ${pattern}`, async () => {
                assertOne(
                    await check(props([GOOD, pattern])),
                    /admissionWhitelistPatterns\[1\]\.namePattern/,
                    new RegExp(`"${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`),
                    why,
                    /Fix: exempt one repository, REGION-docker\.pkg\.dev\/PROJECT\/REPOSITORY\/\*\*/,
                    /allowedPatterns/,
                );
            });
        }
        it("rejects a whole domain-scoped project (example.com/PROJECT/**)", async () => {
            assertOne(await check(props(["us-central1-docker.pkg.dev/example.com/my-proj/**"])), /exempts every repository of project/);
            assertClean(await check(props(["us-central1-docker.pkg.dev/example.com/my-proj/gcf-artifacts/**"])));
        });
        it("reports each bad pattern on its own", async () => {
            const r = await check(props(["*", GOOD, "gcr.io/**"]));
            assertPrintable(r);
            assert.equal(r.violations.length, 2);
            assert.match(r.violations[0], /admissionWhitelistPatterns\[0\]/);
            assert.match(r.violations[1], /admissionWhitelistPatterns\[2\]/);
        });
        it("patterns that never match are flagged too (empty, upper case, white space)", async () => {
            assertOne(await check(props([""])), /is empty/);
            assertOne(await check(props(["US-CENTRAL1-docker.pkg.dev/my-proj/gcf-artifacts/**"])), /upper-case/);
            assertOne(await check(props([`${GOOD} `])), /white space/);
        });
    });

    describe("failing: default admission rule", () => {
        it("evaluationMode ALWAYS_ALLOW fails", async () => {
            assertOne(
                await check(props([GOOD], { evaluationMode: "ALWAYS_ALLOW", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" })),
                /defaultAdmissionRule\.evaluationMode is ALWAYS_ALLOW/,
                /REQUIRE_ATTESTATION/,
            );
        });
        it("enforcementMode DRYRUN_AUDIT_LOG_ONLY fails", async () => {
            assertOne(
                await check(props([GOOD], { ...RULE, enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" })),
                /DRYRUN_AUDIT_LOG_ONLY/,
                /allowDryRun/,
            );
        });
        it("ALWAYS_ALLOW with dry run and a broad pattern: three violations", async () => {
            const r = await check(props(["**"], { evaluationMode: "ALWAYS_ALLOW", enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" }));
            assertPrintable(r);
            assert.equal(r.violations.length, 3);
        });
    });

    describe("config allowDryRun", () => {
        it("true accepts DRYRUN_AUDIT_LOG_ONLY, but not ALWAYS_ALLOW", async () => {
            const dry = props([GOOD], { ...RULE, enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" });
            assertClean(await check(dry, { allowDryRun: true }));
            assertOne(
                await check(props([GOOD], { evaluationMode: "ALWAYS_ALLOW", enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" }), {
                    allowDryRun: true,
                }),
                /ALWAYS_ALLOW/,
            );
        });
        it("false, or an invalid value, does not", async () => {
            const dry = props([GOOD], { ...RULE, enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" });
            assertOne(await check(dry, { allowDryRun: false }), /DRYRUN/);
            assertOne(await check(dry, { allowDryRun: "true" }), /DRYRUN/, /Config problem \(binauthz-allowlist-scoped\): allowDryRun/);
        });
    });

    describe("config allowedPatterns", () => {
        it("a matching glob accepts a deliberate broad pattern", async () => {
            assertClean(await check(props(["gcr.io/my-proj/**"]), { allowedPatterns: ["gcr.io/my-proj/**"] }));
            assertClean(
                await check(props(["us-central1-docker.pkg.dev/my-proj/**", "us-central1-docker.pkg.dev/other-proj/**"]), {
                    allowedPatterns: ["us-central1-docker.pkg.dev/*/\\*\\*"],
                }),
            );
        });
        it("a glob that does not match leaves the pattern rejected", async () => {
            assertOne(await check(props(["gcr.io/**"]), { allowedPatterns: ["gcr.io/my-proj/**"] }), /whole registry/);
        });
        it("a catch-all glob is ignored with a message", async () => {
            for (const g of ["**", "**/**", "{**,x}"]) {
                const msg = assertOne(await check(props(["gcr.io/**"]), { allowedPatterns: [g] }), /whole registry/);
                assert.match(
                    msg,
                    /Config problem \(binauthz-allowlist-scoped\): allowedPatterns glob ".*" matches everything, which would switch this check off; it is ignored/,
                );
            }
        });
        it("a malformed allowedPatterns falls back to [] and says so", async () => {
            for (const bad of ["gcr.io/**", [1], [""], { a: 1 }]) {
                assertOne(
                    await check(props(["gcr.io/**"]), { allowedPatterns: bad }),
                    /whole registry/,
                    /Config problem \(binauthz-allowlist-scoped\): allowedPatterns/,
                );
            }
        });
        it("does not excuse the default rule", async () => {
            assertOne(await check(props([], { evaluationMode: "ALWAYS_ALLOW" }), { allowedPatterns: ["gcr.io/**"] }), /ALWAYS_ALLOW/);
        });
    });

    describe("unknown values during preview", () => {
        it("an unknown namePattern is advisory, naming the property", async () => {
            assertAdvisory(
                await check(props([GOOD, UNKNOWN])),
                /gcp:binaryauthorization\/policy:Policy "binauthz": admissionWhitelistPatterns\[1\]\.namePattern/,
            );
        });
        it("an unknown list, evaluationMode or enforcementMode is advisory", async () => {
            assertAdvisory(
                await check({ project: PROJECT, admissionWhitelistPatterns: UNKNOWN, defaultAdmissionRule: RULE }),
                /: admissionWhitelistPatterns is unknown/,
            );
            assertAdvisory(await check(props([GOOD], { ...RULE, evaluationMode: UNKNOWN })), /defaultAdmissionRule\.evaluationMode/);
            assertAdvisory(await check(props([GOOD], { ...RULE, enforcementMode: UNKNOWN })), /defaultAdmissionRule\.enforcementMode/);
            assertAdvisory(await check(props([GOOD], UNKNOWN)), /defaultAdmissionRule\.evaluationMode/);
        });
        it("definite violations are still reported alongside the advisory", async () => {
            const r = await check(props(["gcr.io/**", UNKNOWN]));
            assertPrintable(r);
            assert.equal(r.violations.length, 1);
            assert.ok(r.advisory);
        });
        it("onUnknown: deny reports each unknown as a violation", async () => {
            const r = await check(props([UNKNOWN], { ...RULE, enforcementMode: UNKNOWN }), { onUnknown: "deny" });
            assertPrintable(r);
            assert.equal(r.advisory, undefined);
            assert.equal(r.violations.length, 2);
            assert.match(
                r.violations[0],
                /admissionWhitelistPatterns\[0\]\.namePattern is unknown during preview, and onUnknown is "deny"/,
            );
            assert.match(r.violations[1], /defaultAdmissionRule\.enforcementMode is unknown during preview/);
        });
    });

    describe("secret values", () => {
        it("secret patterns and modes are read through", async () => {
            assertOne(await check(props([secret("gcr.io/**")])), /whole registry/);
            assertClean(await check(props([secret(GOOD)])));
            assertOne(await check(props([GOOD], { ...RULE, evaluationMode: secret("ALWAYS_ALLOW") })), /ALWAYS_ALLOW/);
            assertOne(await check(props([GOOD], secret({ ...RULE, enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" }))), /DRYRUN/);
            assertOne(
                await check({ project: PROJECT, admissionWhitelistPatterns: secret([{ namePattern: "**" }]), defaultAdmissionRule: RULE }),
                /every image/,
            );
        });
    });

    describe("malformed input", () => {
        it("an allowlist that is not a list is a violation", async () => {
            for (const bad of [{ namePattern: "**" }, "**", 3, true]) {
                assertOne(
                    await check({ project: PROJECT, admissionWhitelistPatterns: bad, defaultAdmissionRule: RULE }),
                    /admissionWhitelistPatterns is .*; it must be a list of \{ namePattern \}/,
                );
            }
        });
        it("entries without a string namePattern are violations", async () => {
            const r = await check({
                project: PROJECT,
                admissionWhitelistPatterns: [
                    null,
                    1,
                    "**",
                    [{ namePattern: "**" }],
                    { namePattern: 7 },
                    { namePattern: null },
                    { namePattern: ["**"] },
                ],
                defaultAdmissionRule: RULE,
            });
            assertPrintable(r);
            assert.equal(r.violations.length, 7);
            for (const [i, v] of r.violations.entries())
                assert.match(
                    v,
                    new RegExp(`admissionWhitelistPatterns\\[${i}\\]\\.namePattern is .*; it must be an image name pattern string`),
                );
        });
        it("a default rule of the wrong shape does not crash", async () => {
            for (const rule of [null, [], "ALWAYS_ALLOW", 5, { evaluationMode: ["ALWAYS_ALLOW"] }, { evaluationMode: null }]) {
                assertClean(await check(props([GOOD], rule)));
            }
        });
        it("a hostile getter does not crash the policy", async () => {
            const evil = { project: PROJECT, defaultAdmissionRule: RULE } as Record<string, unknown>;
            Object.defineProperty(evil, "admissionWhitelistPatterns", {
                enumerable: true,
                get() {
                    throw new Error("boom");
                },
            });
            const r = await check(evil);
            assertPrintable(r);
        });
    });

    describe("config exemptions", () => {
        fixClock("2025-06-15T12:00:00Z");
        const reason = "legacy registry during migration, see SEC-77";
        const broad = props(["gcr.io/**"]);

        it("a live exemption skips the policy resource (by name or URN)", async () => {
            assertClean(await check(broad, { exemptions: [{ resource: "binauthz", reason, expires: "2025-06-15" }] }));
            assertClean(
                await check(broad, {
                    exemptions: [
                        { resource: "urn:pulumi:dev::*::gcp:binaryauthorization/policy:Policy::*", reason, expires: "2025-06-15" },
                    ],
                }),
            );
            assertOne(await check(broad, { exemptions: [{ resource: "other", reason, expires: "2025-06-15" }] }), /whole registry/);
        });
        it("an expired exemption is ignored, and the violation says so", async () => {
            assertOne(
                await check(broad, { exemptions: [{ resource: "binauthz", reason, expires: "2025-06-14" }] }),
                /exemption "binauthz" expired on 2025-06-14 and no longer applies/,
            );
        });
        it("an undated exemption is ignored, and the violation says so", async () => {
            assertOne(
                await check(broad, { exemptions: [{ resource: "binauthz", reason }] }),
                /exemption "binauthz" is ignored: it has no expires date/,
            );
            assertOne(
                await check(broad, { exemptions: [{ resource: "binauthz", reason, expires: "15/06/2025" }] }),
                /expires is not YYYY-MM-DD/,
            );
        });
        it("a reasonless exemption is ignored, and the violation says so", async () => {
            assertOne(
                await check(broad, { exemptions: [{ resource: "binauthz", expires: "2025-12-31" }] }),
                /exemption "binauthz" is ignored: it has no reason/,
            );
            assertOne(
                await check(broad, { exemptions: [{ resource: "binauthz", reason: "tmp", expires: "2025-12-31" }] }),
                /reason is shorter than 10 characters/,
            );
        });
        it("a live exemption also skips unknowns", async () => {
            assertClean(await check(props([UNKNOWN]), { exemptions: [{ resource: "binauthz", reason, expires: "2025-12-31" }] }));
        });
    });

    describe("messages", () => {
        it("a 1 MB pattern yields a bounded, printable message", async () => {
            for (const huge of [
                `gcr.io/my-proj/${"a".repeat(1_000_000)}**`,
                `${"h".repeat(1_000_000)}/**`,
                `gcr.io/${"*".repeat(1_000_000)}`,
            ]) {
                const r = await check(props([huge]));
                const msg = assertOne(r, /cut/);
                assert.ok(msg.length < 5000, `length ${msg.length}`);
            }
        });
        it("control characters and newlines in a pattern are escaped", async () => {
            const r = await check(props(["gcr.io/my-proj/x\u0007\nFAKE: all good\u202e*"]));
            const msg = assertOne(r);
            assert.ok(!msg.includes("\nFAKE"), "raw newline from user text");
            assert.ok(!msg.includes("\u202e"));
        });
        it("a name with control characters is escaped", async () => {
            const r = await check(broad(), {}, "bin\u0000authz\n");
            assertPrintable(r);
            assert.equal(r.violations.length, 1);
            assert.ok(!r.violations[0].includes("authz\n"));
        });
    });
});

function broad(): Record<string, unknown> {
    return props(["gcr.io/**"]);
}
