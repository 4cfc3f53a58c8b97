// cloud-run-breakglass-justified: a breakglass carries a real justification, only where allowed
// (issue 2, "Semantics: breakglass").
import { strict as assert } from "node:assert";
import { breakglassJustified, setClock } from "../../policies";
import { checkResource, secret, T, UNKNOWN, urnOf, type Result, fixClock } from "../harness";

const NAME = "cloud-run-breakglass-justified";
const V1_BA = "run.googleapis.com/binary-authorization";
const V1_BG = "run.googleapis.com/binary-authorization-breakglass";
const V1_BG_PATH = `metadata.annotations["${V1_BG}"]`;
const V2_BG_PATH = "binaryAuthorization.breakglassJustification";
const V2_TYPES = [T.service, T.job, T.workerPool] as const;

/** A real justification: reason, ticket, owner, longer than 20 code points. */
const GOOD = "INC-4211: prod outage, unsigned hotfix image, approved by alice (SRE on call)";

function v2Props(type: string, justification: unknown, ba: Record<string, unknown> = { useDefault: true }): Record<string, unknown> {
    const template =
        type === T.job
            ? { template: { containers: [{ image: "us-docker.pkg.dev/p/app/job:1" }] } }
            : { containers: [{ image: "us-docker.pkg.dev/p/app/api:1" }] };
    const block: Record<string, unknown> = { ...ba };
    if (justification !== undefined) block.breakglassJustification = justification;
    return { location: "us-central1", template, binaryAuthorization: block };
}

/** Leaves the binary-authorization annotation out of v1Props. */
const ABSENT = Symbol("absent");

function v1Props(justification: unknown, binauthz: unknown = "default"): Record<string, unknown> {
    const annotations: Record<string, unknown> = {};
    if (binauthz !== ABSENT) annotations[V1_BA] = binauthz;
    if (justification !== undefined) annotations[V1_BG] = justification;
    return { location: "us-central1", metadata: { annotations }, template: { spec: { containers: [{ image: "gcr.io/p/legacy:1" }] } } };
}

const check = (type: string, props: unknown, config: unknown = {}, stack?: string, name = "api"): Promise<Result> =>
    checkResource(breakglassJustified, { type, name, props, stack }, config);

/** The verdict on a v2 service with this justification. */
const justify = (j: unknown, config: unknown = {}, stack?: string): Promise<Result> =>
    check(T.service, v2Props(T.service, j), config, stack);

function passes(r: Result): void {
    assert.deepEqual(r.violations, [], `expected no violations, got: ${r.violations.join(" | ")}`);
    assert.equal(r.advisory, undefined, `expected no advisory, got: ${r.advisory}`);
}

function assertPrintable(message: string): void {
    assert.doesNotMatch(message.replace(/\n/g, ""), /[\p{Cc}]/u, `message has control characters: ${JSON.stringify(message)}`);
}

/** At least one violation and no advisory; returns all messages joined. */
function fails(r: Result, n?: number): string {
    assert.equal(r.advisory, undefined, `expected no advisory, got: ${r.advisory}`);
    assert.ok(r.violations.length > 0, "expected a violation");
    if (n !== undefined) assert.equal(r.violations.length, n, JSON.stringify(r.violations));
    for (const v of r.violations) assertPrintable(v);
    return r.violations.join("\n---\n");
}

function deferred(r: Result): string {
    assert.ok(r.advisory, "expected an advisory");
    assertPrintable(r.advisory);
    assert.match(r.advisory, /unknown/);
    assert.match(r.advisory, /pulumi up/);
    assert.ok(r.advisory.includes(NAME), r.advisory);
    return r.advisory;
}

/** Fails with exactly one violation whose message says "not a real justification" and matches `re`. */
async function rejects(j: unknown, re: RegExp, config: unknown = {}): Promise<string> {
    const m = fails(await justify(j, config), 1);
    assert.match(m, /is not a real justification/);
    assert.match(m, re, m);
    return m;
}

describe(NAME, () => {
    fixClock("2026-03-10T12:00:00Z");

    describe("policy metadata", () => {
        it("is a mandatory resource policy with severity, remediationSteps, url and the config schema with defaults", () => {
            assert.equal(breakglassJustified.name, NAME);
            assert.equal(breakglassJustified.enforcementLevel, "mandatory");
            assert.ok(breakglassJustified.severity);
            assert.ok(breakglassJustified.remediationSteps);
            assert.match(breakglassJustified.url ?? "", /^https:\/\/github\.com\/[^#]+#[a-z0-9-]+$/);
            const p = breakglassJustified.configSchema?.properties ?? {};
            assert.deepEqual(Object.keys(p).sort(), [
                "allowedStacks",
                "exemptions",
                "maxDays",
                "minLength",
                "onUnknown",
                "pattern",
                "requireExpiry",
            ]);
            assert.equal(p.minLength.default, 20);
            assert.deepEqual(p.allowedStacks.default, ["**"]);
            assert.equal(p.requireExpiry.default, false);
            assert.equal(p.maxDays.default, 7);
            assert.equal(p.onUnknown.default, "defer");
        });

        it("ignores non-workloads, and Cloud Functions (which have no breakglass)", async () => {
            passes(await check("gcp:storage/bucket:Bucket", { breakglassJustification: "n/a" }));
            passes(await check(T.fn2, { serviceConfig: { binaryAuthorizationPolicy: "default", breakglassJustification: "n/a" } }));
            passes(await check(T.fn1, { region: "us-central1" }));
        });
    });

    describe("passing", () => {
        for (const type of V2_TYPES) {
            it(`${type}: a real justification with useDefault: true passes`, async () => {
                passes(await check(type, v2Props(type, GOOD)));
            });
        }

        it("v1 service: a real justification in the Service-level breakglass annotation passes", async () => {
            passes(await check(T.v1, v1Props(GOOD)));
        });

        it('no breakglass passes: missing, null, or the empty string ("" means no breakglass)', async () => {
            for (const j of [undefined, null, ""]) {
                passes(await justify(j));
                passes(await check(T.v1, v1Props(j)));
            }
            // Even with Binary Authorization off, an empty justification is what Google asks for.
            passes(await check(T.service, v2Props(T.service, "", { useDefault: false })));
            passes(await check(T.v1, v1Props("", ABSENT)));
        });

        it("exactly minLength code points after trimming passes", async () => {
            assert.equal([..."Hotfix prod outage 1"].length, 20);
            passes(await justify("Hotfix prod outage 1"));
            passes(await justify("   Hotfix prod outage 1   "));
        });

        it("a named (allowed) platform policy counts as Binary Authorization on", async () => {
            passes(await check(T.service, v2Props(T.service, GOOD, { policy: "projects/p/platforms/cloudRun/policies/strict" })));
        });
    });

    describe("failing justifications", () => {
        it("blank or whitespace only", async () => {
            for (const j of [" ", "     ", "\u3000\u00a0 "]) await rejects(j, /is blank/);
        });

        it("placeholders: n/a, na, none, todo, tbd, test, x, -, ., ? (any case)", async () => {
            for (const j of ["n/a", "na", "none", "todo", "tbd", "test", "x", "-", ".", "?", "N/A", "TODO", "None", " Tbd "]) {
                await rejects(j, /placeholder/);
            }
        });

        it('runs of placeholders, even when long: "n/a n/a n/a n/a n/a", "todo, tbd, test", "----------------------"', async () => {
            for (const j of [
                "n/a n/a n/a n/a n/a",
                "todo, tbd, test; none",
                "-".repeat(30),
                "?".repeat(25),
                "x x x x x x x x x x x x",
                "TEST TEST TEST TEST TEST",
                "n/a.n/a.n/a.n/a.n/a.n/a",
            ]) {
                await rejects(j, /placeholder/);
            }
        });

        it("a long run of placeholders is still a placeholder (10,000+ and 1 MB of them)", async () => {
            await rejects("n/a, none, todo, tbd, test; ".repeat(400), /placeholder/);
            const m = await rejects("todo tbd none ".repeat(80_000), /placeholder/);
            assert.ok(m.length < 2000, `message is ${m.length} characters`);
            await rejects("x".repeat(1_000_000), /placeholder/);
        });

        it("shorter than minLength (20) after trimming", async () => {
            const m = await rejects("Hotfix prod outage", /is 18 characters long; at least 20 are required \(config minLength\)/);
            assert.ok(m.includes('"Hotfix prod outage"'), "quotes the text");
            await rejects("   Hotfix prod outage   ", /is 18 characters long/);
        });

        it("lengths count code points, not UTF-16 units (emoji)", async () => {
            const j = "Outage fix 🔥🔥🔥🔥🔥"; // 16 code points, 21 UTF-16 units
            assert.equal(j.length, 21);
            await rejects(j, /is 16 characters long/);
            passes(await justify("Outage fix 🔥🔥🔥🔥🔥🔥🔥🔥🔥"));
        });

        it("control characters (Unicode Cc) fail: newline, tab, ANSI escape, NUL, DEL", async () => {
            for (const cc of ["\n", "\t", "\x1b[31m", "\r", "\0", "\x7f", "\u0085"]) {
                const m = await rejects(`${GOOD}${cc}more detail here`, /contains control characters/);
                assertPrintable(m);
                assert.ok(!m.includes("\x1b") && !m.includes("\r") && !m.includes("\t"), JSON.stringify(m));
            }
        });

        it("the ANSI escape is shown escaped in the quoted text", async () => {
            const m = await rejects(`\x1b[31m${GOOD}`, /control characters/);
            assert.ok(m.includes("\\x1b[31m"), m);
        });

        it("format characters (Unicode Cf) are removed first: zero-width padding does not reach minLength", async () => {
            await rejects(`fix${"\u200b".repeat(40)}`, /is 3 characters long/);
            await rejects(`Hotfix\u200d\u2060\ufeff outage`.padEnd(40, "\u200b"), /is 13 characters long/);
            await rejects(`\u202e${"\u200b".repeat(30)}`, /is blank/);
        });

        it("format characters inside a placeholder do not hide it", async () => {
            await rejects("n\u200b/\u200ba", /placeholder/);
            await rejects("\u202en/a n/a n/a n/a n/a\u202c", /placeholder/);
        });

        it("a bidi override inside a real justification is removed, not a failure, and never printed raw", async () => {
            passes(await justify(`INC-4211: prod outage \u202eelif\u202c, unsigned hotfix image`));
            // When such a text fails for another reason, the message escapes the format character.
            const m = await rejects(`short\u202e text`, /characters long/);
            assert.ok(!m.includes("\u202e"), JSON.stringify(m));
        });

        it("repeated characters fail: aaaaaaaaaaaaaaaaaaaaaaaa, abababab…", async () => {
            await rejects("aaaaaaaaaaaaaaaaaaaaaaaa", /repeats a few characters/);
            await rejects("ab ab ab ab ab ab ab ab ab ab", /repeats a few characters/);
            await rejects("1111111111111111111111111111", /repeats a few characters/);
        });

        it("each problem is listed: a short text with a control character names both", async () => {
            const m = await rejects("fix\tnow", /control characters/);
            assert.match(m, /characters long/);
        });
    });

    describe("malformed input", () => {
        it("a justification that is not a string fails: number, boolean, array, object", async () => {
            for (const [j, what] of [
                [42, "the number 42"],
                [true, "the boolean true"],
                [[GOOD], "an array"],
                [{ text: GOOD }, "an object"],
            ] as [unknown, string][]) {
                const m = fails(await justify(j), 1);
                assert.ok(m.includes(`${V2_BG_PATH} is ${what}; a breakglass justification is text`), m);
                const m1 = fails(await check(T.v1, v1Props(j)), 1);
                assert.ok(m1.includes(`${V1_BG_PATH} is ${what}`), m1);
            }
        });

        it('useDefault: "true" (a string where a boolean belongs) counts as off: the breakglass fails', async () => {
            const m = fails(await check(T.service, v2Props(T.service, GOOD, { useDefault: "true" })), 1);
            assert.match(m, /while Binary Authorization is off/);
            assert.match(m, /the string "true"; it must be the boolean true/);
        });

        it("a binaryAuthorization block or annotations map of the wrong shape is read as no breakglass", async () => {
            passes(await check(T.service, { binaryAuthorization: [{ useDefault: true, breakglassJustification: "n/a" }] }));
            passes(await check(T.service, { binaryAuthorization: "n/a" }));
            passes(await check(T.v1, { metadata: { annotations: [`${V1_BG}=n/a`] } }));
            passes(await check(T.v1, { metadata: null }));
            passes(await check(T.service, null));
        });

        it("malformed config values fall back to their strict ends, and the violation says so", async () => {
            // Even a justification that would pass the default minLength fails: a typo never loosens.
            const m = fails(await justify(GOOD, { minLength: "5" }), 1);
            assert.match(m, /at least 10000 are required/);
            assert.match(m, /Config problem .*minLength.*using the strict value \(10000\)/);
            // requireExpiry and allowedStacks tighten the check, so an invalid value falls back to the
            // strict choice (true, and no stack), never to the permissive default.
            const r2 = await justify("Hotfix prod outage", { minLength: -1, requireExpiry: "yes", maxDays: 1.5, allowedStacks: "prod" });
            assert.equal(r2.violations.length, 2);
            const m2 = r2.violations.join("\n");
            assert.match(m2, /allowedStacks \(none\) does not allow/);
            assert.match(m2, /has no expiry date/);
            for (const k of ["minLength", "requireExpiry", "maxDays", "allowedStacks"])
                assert.match(m2, new RegExp(`Config problem .*${k}`));
            const m3 = fails(await justify("n/a", { minLenght: 5 }), 1);
            assert.match(m3, /unknown config key "minLenght"/);
        });
    });

    describe("breakglass while Binary Authorization is off", () => {
        it("v2: useDefault false, missing useDefault, or an empty policy with a justification fails", async () => {
            for (const ba of [{ useDefault: false }, {}, { policy: "" }, { useDefault: null }]) {
                for (const type of V2_TYPES) {
                    const m = fails(await check(type, v2Props(type, GOOD, ba)), 1);
                    assert.match(
                        m,
                        /sets a breakglass justification \(binaryAuthorization\.breakglassJustification\) while Binary Authorization is off/,
                    );
                    assert.match(m, /Google requires the justification to be empty when useDefault is false/);
                }
            }
        });

        it("v1: the breakglass annotation without the binary-authorization annotation fails", async () => {
            const m = fails(await check(T.v1, v1Props(GOOD, ABSENT)), 1);
            assert.ok(m.includes(`(${V1_BG_PATH}) while Binary Authorization is off`), m);
            fails(await check(T.v1, v1Props(GOOD, "Default")), 1);
            fails(await check(T.v1, v1Props(GOOD, "")), 1);
        });

        it("a bad justification while off reports both problems", async () => {
            const r = await check(T.service, v2Props(T.service, "n/a", { useDefault: false }));
            const m = fails(r, 2);
            assert.match(m, /while Binary Authorization is off/);
            assert.match(m, /placeholder/);
        });
    });

    describe("config: minLength", () => {
        it("a larger minLength rejects what the default accepts", async () => {
            const j = "INC-1: outage in prod, owner bob"; // 32 code points
            passes(await justify(j));
            await rejects(j, /is 32 characters long; at least 40 are required/, { minLength: 40 });
            passes(await justify(j, { minLength: 32 }));
        });

        it("a smaller minLength accepts a short but real justification; placeholders still fail", async () => {
            passes(await justify("INC-1 outage", { minLength: 5 }));
            await rejects("n/a", /placeholder/, { minLength: 0 });
            await rejects("aaaaaa", /repeats/, { minLength: 0 });
        });
    });

    describe("config: pattern", () => {
        const cfg = { pattern: "INC-\\d{3,}" };

        it("passes a justification that contains a match and says why", async () => {
            passes(await justify(GOOD, cfg));
            passes(await justify("Prod outage since 09:00, see INC-777, unsigned hotfix", cfg));
        });

        it("fails a justification without a match, quoting the pattern", async () => {
            const m = await rejects(
                "Prod outage since 09:00, unsigned hotfix image",
                /does not contain a match of config pattern "INC-\\\\d\{3,\}"/,
                cfg,
            );
            assert.match(m, /pattern/);
        });

        it("fails a ticket id alone, with no reason", async () => {
            await rejects("INC-12345678901234567890", /gives only the reference/, cfg);
            await rejects("INC-1234 INC-5678 INC-9999 INC-1", /gives only the reference/, cfg);
            await rejects("INC-1234 n/a n/a n/a n/a", /gives only the reference/, cfg);
        });

        it("an invalid regex is a violation that says so: never a crash, never a silent pass", async () => {
            for (const pattern of ["INC-(\\d+", "[", "(?<x)", "\\p{NotAProperty}"]) {
                const m = await rejects(GOOD, /cannot be checked: config pattern is not a valid regular expression/, { pattern });
                assert.match(m, /Config problem .*not a valid regular expression/);
            }
        });

        it("a pattern with nested quantifiers is refused as unsafe (it could hang a preview), failing closed", async () => {
            for (const pattern of ["(a+)+$", "([A-Z]+-\\d+\\s?)+"]) {
                const m = await rejects(GOOD, /config pattern nests quantifiers and is refused as unsafe/, { pattern });
                assert.match(m, /Config problem .*nests quantifiers/);
            }
            passes(await justify(GOOD, { pattern: "(INC|CHG)-\\d+" }));
        });

        it("an invalid pattern does not fire where there is no breakglass", async () => {
            passes(await justify("", { pattern: "[" }));
        });

        it("the pattern is compiled with the u flag (Unicode property escapes work)", async () => {
            passes(await justify(GOOD, { pattern: "\\p{Lu}{3}-\\d+" }));
        });
    });

    describe("config: allowedStacks (stack name from the URN)", () => {
        it('the default ["**"] allows every stack', async () => {
            passes(await justify(GOOD, {}, "dev"));
            passes(await justify(GOOD, {}, "prod-eu/west"));
        });

        it("a stack matching no glob fails, naming the stack and the globs", async () => {
            const m = fails(await justify(GOOD, { allowedStacks: ["prod", "prod-*"] }, "dev"), 1);
            assert.match(m, /in stack "dev", which config allowedStacks \("prod", "prod-\*"\) does not allow/);
        });

        it("a stack matching a glob passes", async () => {
            passes(await justify(GOOD, { allowedStacks: ["prod", "prod-*"] }, "prod"));
            passes(await justify(GOOD, { allowedStacks: ["prod", "prod-*"] }, "prod-eu"));
        });

        it("the stack is read from the URN, not from the resource name", async () => {
            const r = await checkResource(
                breakglassJustified,
                { type: T.service, name: "prod", urn: urnOf(T.service, "prod", "staging"), props: v2Props(T.service, GOOD) },
                { allowedStacks: ["prod"] },
            );
            assert.match(fails(r, 1), /in stack "staging"/);
        });

        it("an empty allowedStacks allows breakglass nowhere, but no breakglass still passes", async () => {
            fails(await justify(GOOD, { allowedStacks: [] }, "prod"), 1);
            passes(await justify("", { allowedStacks: [] }, "prod"));
            passes(await justify(undefined, { allowedStacks: [] }, "prod"));
        });

        it("v1 breakglass in a disallowed stack fails", async () => {
            assert.match(fails(await check(T.v1, v1Props(GOOD), { allowedStacks: ["prod"] }, "dev"), 1), /allowedStacks/);
        });

        it("a bad justification in a disallowed stack reports both", async () => {
            const m = fails(await justify("n/a", { allowedStacks: ["prod"] }, "dev"), 2);
            assert.match(m, /allowedStacks/);
            assert.match(m, /placeholder/);
        });
    });

    describe("config: requireExpiry and maxDays (today is 2026-03-10 UTC)", () => {
        const j = (date: string) => `INC-4211: prod outage, unsigned hotfix, remove by ${date}`;

        it("without requireExpiry, dates are not checked", async () => {
            passes(await justify(j("2020-01-01")));
            passes(await justify(GOOD));
        });

        it("requires a date: none fails", async () => {
            await rejects(GOOD, /has no expiry date \(YYYY-MM-DD\), which config requireExpiry requires/, { requireExpiry: true });
        });

        it("both ends inclusive: today and today + maxDays (7) pass", async () => {
            passes(await justify(j("2026-03-10"), { requireExpiry: true }));
            passes(await justify(j("2026-03-17"), { requireExpiry: true }));
            passes(await justify(j("2026-03-13"), { requireExpiry: true, maxDays: 7 }));
        });

        it("yesterday and today + maxDays + 1 fail", async () => {
            await rejects(j("2026-03-09"), /expired on 2026-03-09 \(today is 2026-03-10, UTC\)/, { requireExpiry: true });
            await rejects(j("2026-03-18"), /expires on 2026-03-18, more than 7 days ahead \(latest allowed: 2026-03-17, config maxDays\)/, {
                requireExpiry: true,
            });
        });

        it("maxDays sets the upper end (30: 2026-04-09 passes, 2026-04-10 fails; 0: only today)", async () => {
            passes(await justify(j("2026-04-09"), { requireExpiry: true, maxDays: 30 }));
            await rejects(j("2026-04-10"), /more than 30 days ahead/, { requireExpiry: true, maxDays: 30 });
            passes(await justify(j("2026-03-10"), { requireExpiry: true, maxDays: 0 }));
            await rejects(j("2026-03-11"), /more than 0 days ahead/, { requireExpiry: true, maxDays: 0 });
        });

        it("the latest date in the justification counts", async () => {
            passes(await justify("INC-4211 opened 2026-03-01: prod outage, unsigned hotfix, until 2026-03-12", { requireExpiry: true }));
            await rejects("INC-4211 until 2026-03-12: prod outage, unsigned hotfix, follow-up 2026-05-01", /expires on 2026-05-01/, {
                requireExpiry: true,
            });
        });

        it("an impossible or malformed date does not count as an expiry", async () => {
            await rejects(j("2026-02-30"), /has no expiry date/, { requireExpiry: true });
            await rejects(j("2026-3-12"), /has no expiry date/, { requireExpiry: true });
            await rejects(j("12026-03-12"), /has no expiry date/, { requireExpiry: true });
        });

        it("today is the UTC date, not the local one", async () => {
            const undo = setClock(() => new Date("2026-03-10T00:30:00+02:00")); // 2026-03-09 22:30 UTC
            try {
                passes(await justify(j("2026-03-09"), { requireExpiry: true }));
                await rejects(j("2026-03-17"), /more than 7 days ahead \(latest allowed: 2026-03-16/, { requireExpiry: true });
            } finally {
                undo();
            }
        });

        it("the fix text mentions the expiry when requireExpiry is on", async () => {
            const m = await rejects("n/a", /placeholder/, { requireExpiry: true, maxDays: 3 });
            assert.match(m, /expiry date YYYY-MM-DD within 3 days/);
        });
    });

    describe("config: exemptions", () => {
        const ex = (e: Record<string, unknown>) => ({ exemptions: [e] });

        it("a live exemption skips the resource", async () => {
            passes(await justify("n/a", ex({ resource: "api", reason: "incident bridge, INC-1", expires: "2026-03-10" })));
            passes(await justify("n/a", ex({ resource: "urn:pulumi:dev::*/**", reason: "incident bridge, INC-1", expires: "2026-03-11" })));
        });

        it("an expired exemption is ignored and the violation says so", async () => {
            const m = fails(await justify("n/a", ex({ resource: "api", reason: "incident bridge, INC-1", expires: "2026-03-09" })), 1);
            assert.match(m, /exemption "api" expired on 2026-03-09 and no longer applies/);
        });

        it("an undated or reasonless exemption is ignored and the violation says so", async () => {
            assert.match(
                fails(await justify("n/a", ex({ resource: "api", reason: "incident bridge, INC-1" })), 1),
                /exemption "api" is ignored: it has no expires date/,
            );
            assert.match(
                fails(await justify("n/a", ex({ resource: "api", reason: "INC-1", expires: "2026-03-11" })), 1),
                /exemption "api" is ignored: its reason is shorter than 10 characters/,
            );
        });
    });

    describe("unknown values during preview", () => {
        it("an unknown justification defers with the pack's advisory naming the property", async () => {
            for (const type of V2_TYPES) {
                const a = deferred(await check(type, v2Props(type, UNKNOWN)));
                assert.ok(a.includes(`${V2_BG_PATH} is unknown`), a);
            }
            assert.ok(deferred(await check(T.v1, v1Props(UNKNOWN))).includes(`${V1_BG_PATH} is unknown`));
        });

        it("an unknown binaryAuthorization block or annotations map defers", async () => {
            assert.ok(deferred(await check(T.service, { binaryAuthorization: UNKNOWN })).includes(V2_BG_PATH));
            assert.ok(deferred(await check(T.v1, { metadata: { annotations: UNKNOWN } })).includes(V1_BG_PATH));
        });

        it("an unknown useDefault with a real justification defers, naming binaryAuthorization.useDefault", async () => {
            const r = await check(T.service, v2Props(T.service, GOOD, { useDefault: UNKNOWN }));
            assert.deepEqual(r.violations, []);
            assert.match(deferred(r), /binaryAuthorization\.useDefault is unknown/);
            assert.ok(deferred(await check(T.v1, v1Props(GOOD, UNKNOWN))).includes(`metadata.annotations["${V1_BA}"] is unknown`));
        });

        it("definite problems are still reported next to an unknown", async () => {
            const r = await check(T.service, v2Props(T.service, "n/a", { useDefault: UNKNOWN }));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /placeholder/);
            deferred(r);
        });

        it('with onUnknown: "deny" an unknown justification is a violation naming the property', async () => {
            const m = fails(await check(T.service, v2Props(T.service, UNKNOWN), { onUnknown: "deny" }), 1);
            assert.ok(m.includes(`${V2_BG_PATH} is unknown during preview`), m);
            assert.match(m, /onUnknown is "deny"/);
            const m1 = fails(await check(T.v1, v1Props(GOOD, UNKNOWN), { onUnknown: "deny" }), 1);
            assert.ok(m1.includes(`metadata.annotations["${V1_BA}"] is unknown during preview`), m1);
        });

        it("an unknown in a property that does not decide (images) changes nothing", async () => {
            passes(
                await check(T.service, {
                    template: { containers: [{ image: UNKNOWN }] },
                    binaryAuthorization: { useDefault: true, breakglassJustification: GOOD },
                }),
            );
            passes(await check(T.service, { template: UNKNOWN, binaryAuthorization: { useDefault: true } }));
        });
    });

    describe("secret-wrapped values read the same as plain ones", () => {
        it("a secret-wrapped real justification, block or annotation passes", async () => {
            passes(await justify(secret(GOOD)));
            passes(await check(T.service, v2Props(T.service, GOOD, { useDefault: secret(true) })));
            passes(await check(T.job, { binaryAuthorization: secret({ useDefault: true, breakglassJustification: GOOD }) }));
            passes(await check(T.v1, v1Props(secret(GOOD), secret("default"))));
            passes(await check(T.v1, { metadata: { annotations: secret({ [V1_BA]: "default", [V1_BG]: GOOD }) } }));
        });

        it("a secret-wrapped empty justification is no breakglass", async () => {
            passes(await justify(secret("")));
        });

        it("secret-wrapped bad values fail with the same message as the plain ones", async () => {
            const pairs: [string, unknown, unknown][] = [
                [T.service, v2Props(T.service, "n/a"), v2Props(T.service, secret("n/a"))],
                [T.service, v2Props(T.service, "Hotfix prod outage"), v2Props(T.service, secret("Hotfix prod outage"))],
                [T.job, v2Props(T.job, GOOD, { useDefault: false }), v2Props(T.job, GOOD, { useDefault: secret(false) })],
                [T.workerPool, v2Props(T.workerPool, 42), v2Props(T.workerPool, secret(42))],
                [T.v1, v1Props("todo"), { metadata: secret({ annotations: { [V1_BA]: "default", [V1_BG]: "todo" } }) }],
            ];
            for (const [type, a, b] of pairs) {
                const ma = fails(await check(type, a));
                assert.equal(fails(await check(type, b)), ma);
            }
        });
    });

    describe("messages", () => {
        it("name the type, resource name and property path", async () => {
            const m = fails(await check(T.job, v2Props(T.job, "n/a"), {}, undefined, "nightly"), 1);
            assert.ok(m.startsWith(`${T.job} "nightly": `), m);
            assert.ok(m.includes(V2_BG_PATH), m);
            assert.match(m, /Fix: /);
        });

        it("a 1 MB justification gives a short, printable message, quickly decided", async () => {
            const huge = `Outage \x1b[31m ${"a".repeat(1_000_000)}\n`;
            const r = await justify(huge, { pattern: "INC-\\d+", requireExpiry: true });
            const m = fails(r, 1);
            assert.ok(m.length < 2000, `message is ${m.length} characters`);
            assert.match(m, /cut\)/);
            assert.match(m, /control characters/);
        });

        it("a 1 MB placeholder run and a 1 MB zero-width run are handled without crashing", async () => {
            const m = fails(await justify("n/a ".repeat(250_000)), 1);
            assert.ok(m.length < 2000, `message is ${m.length} characters`);
            const m2 = fails(await justify("\u200b".repeat(1_000_000)), 1);
            assert.ok(m2.length < 2000, `message is ${m2.length} characters`);
            assert.match(m2, /is blank/);
        });

        it("quote the user's text with control and format characters escaped", async () => {
            const m = fails(await justify('say "hi"\u202e\x1b'), 1);
            assert.ok(m.includes('"say \\"hi\\"\\u{202e}\\x1b"'), m);
        });

        it("a hostile resource name and stack name are escaped", async () => {
            const m = fails(await check(T.service, v2Props(T.service, GOOD), { allowedStacks: ["prod"] }, "dev\x1b[2J", "api\r\n\x07"), 1);
            assertPrintable(m);
            assert.ok(m.includes("\\x1b[2J") && m.includes("\\r\\n\\x07"), m);
        });
    });
});
