// Property-based fuzzing of the one justification rule (issue 19, classes 6 and 8): generated fakes
// (keyboard walks in four layouts, joined or spaced; digit runs; single letters; repeated phrases;
// padded words; lorem ipsum) never pass as a breakglass justification or make an exemption live, and
// generated genuine texts (incident language in several languages, with SRE codes, units with the
// micro sign and Latin names declined in Cyrillic) always do. Through the policies, as the analyzer
// server calls them. FUZZ_SEED overrides the seed, FUZZ_SCALE multiplies the runs.
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { binauthzRequired, breakglassJustified, resolveConfig } from "../policies";
import { assertWellFormed } from "./adversarial/messages";
import { checkResource, fixClock, type Result, T } from "./harness";

const SEED = Number.isSafeInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20260319;
/** FUZZ_SCALE=<n> multiplies the runs, for a longer hunt. */
const SCALE = Number(process.env.FUZZ_SCALE ?? "1") > 0 ? Number(process.env.FUZZ_SCALE ?? "1") : 1;
const params = { numRuns: Math.round(400 * SCALE), seed: SEED };

const justify = (j: string): Promise<Result> =>
    checkResource(breakglassJustified, {
        type: T.service,
        name: "api",
        props: {
            location: "us-central1",
            binaryAuthorization: { useDefault: true, breakglassJustification: j },
            template: { containers: [{ image: "us-docker.pkg.dev/p/app/api:1" }] },
        },
    });
const UNPROTECTED = {
    type: T.service,
    name: "legacy",
    props: { location: "us-central1", template: { containers: [{ image: "gcr.io/p/a:1" }] } },
};
const exempting = (reason: string) => ({ exemptions: [{ resource: "legacy", reason, expires: "2099-12-31" }] });

const ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "qwertzuiop", "йцукенгшщз", "фывапролдж"];
const COLUMNS = ["1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol", "qazwsxedcrfvtgbyhnujmikol", "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0"];
const rev = (s: string): string => [...s].reverse().join("");

/** A run along a keyboard row, column or zigzag, four keys or more, either direction. */
const walk = fc
    .tuple(fc.constantFrom(...ROWS, ...COLUMNS), fc.nat(30), fc.integer({ min: 4, max: 12 }), fc.boolean())
    .map(([line, start, len, back]) => {
        const keys = back ? rev(line) : line;
        const from = start % Math.max(1, keys.length - 3);
        return [...keys].slice(from, from + len).join("");
    })
    .filter((w) => [...w].length >= 4 && !/^[0-9]+$/.test(w));
const filler = fc.constantFrom("!", "-", "—", ".", "*", "~", "🔥", "🚨", "#", "=", "»", "…");
const word = fc.constantFrom("rollback", "hotfix", "urgent", "outage", "Notfall", "откат", "롤백", "回滚", "approved", "emergency");
const LOREM =
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua".split(" ");

/** Fakes of every kind the rule refuses, each at least 20 characters. */
const fake = fc
    .oneof(
        // keyboard walks, joined, spaced, or mixed
        fc.array(walk, { minLength: 2, maxLength: 5 }).map((ws) => ws.join(" ")),
        fc.tuple(walk, walk).map(([a, b]) => [...`${a}${b}`].join(" ")),
        // digit runs
        fc
            .tuple(fc.array(fc.integer({ min: 0, max: 99_999_999 }), { minLength: 2, maxLength: 6 }), fc.constantFrom(" ", "-", ", "))
            .map(([ns, sep]) => ns.join(sep)),
        // single letters
        fc.array(fc.constantFrom(..."abcdefghijklmopqrstuvwyz"), { minLength: 12, maxLength: 30 }).map((ls) => ls.join(" ")),
        // one word padded with filler
        fc
            .tuple(word, filler, fc.integer({ min: 15, max: 40 }), fc.nat(2))
            .map(([w, f, n, where]) =>
                where === 0 ? `${w} ${f.repeat(n)}` : where === 1 ? `${f.repeat(n)} ${w}` : `${f.repeat(n / 2)}${w}${f.repeat(n / 2)}`,
            ),
        // a phrase of two to four words repeated three to six times
        fc
            .tuple(
                fc.uniqueArray(word, { minLength: 2, maxLength: 4 }),
                fc.integer({ min: 3, max: 6 }),
                fc.constantFrom(" ", ", ", "; ", ". "),
            )
            .map(([ws, n, sep]) => Array(n).fill(ws.join(" ")).join(sep)),
        // lorem ipsum, any slice of at least five words
        fc.tuple(fc.nat(LOREM.length - 5), fc.integer({ min: 5, max: 12 })).map(([i, n]) => LOREM.slice(i, i + n).join(" ")),
    )
    .filter((s) => [...s.trim()].length >= 20);

const TICKET = fc.tuple(fc.constantFrom("INC", "CHG", "SEV", "PLAT"), fc.integer({ min: 1, max: 99_999 })).map(([p, n]) => `${p}-${n}`);
const SENTENCE = fc.constantFrom(
    "attestor outage blocks the checkout hotfix, approved by the on-call lead",
    "gRPC 5xx on the payment API after v1.2, rolling back to v1.1",
    "p99 latency at 900µs after the pool change, reverting",
    "Откат релиза из-за падения Cloud Run'а, согласовано дежурным",
    "Відкат після збою оплати в Kubernetes'і, погоджено черговим",
    "Notfall-Rollback nach Zahlungsausfall, freigegeben von der Bereitschaft",
    "retour arrière urgent après la panne de paiement, validé par l'astreinte",
    "決済障害のため緊急ロールバック、当番承認済み",
    "결제 API 5xx 급증으로 긴급 롤백, 당직자 승인",
    "TLS/SSH keys rotated, HTTPS 5xx on k8s ingress, hotfix v11",
);
/** Genuine texts: a sentence and a ticket, in either order, with a separator. */
const genuine = fc
    .tuple(SENTENCE, TICKET, fc.constantFrom(" ", ": ", "\n", " — ", " (", ", "), fc.boolean())
    .map(([s, t, sep, first]) => (first ? `${t}${sep}${s}` : `${s}${sep}${t}`));

describe(`fuzz: one rule for every justification (seed ${SEED}; FUZZ_SEED overrides)`, function () {
    this.timeout(120_000);
    fixClock("2026-03-10T12:00:00Z");

    it("fake breakglass justifications of every kind fail", async () => {
        await fc.assert(
            fc.asyncProperty(fake, async (j) => {
                const r = await justify(j);
                for (const m of r.violations) assertWellFormed("cloud-run-breakglass-justified", m);
                assert.equal(r.violations.length, 1, `passed: ${JSON.stringify(j)}`);
                assert.match(r.violations[0], /is not a real justification/);
            }),
            params,
        );
    });

    it("fake exemption reasons never make an exemption live, and the violation says why", async () => {
        await fc.assert(
            fc.asyncProperty(fake, async (reason) => {
                assert.equal(
                    resolveConfig("cloud-run-binauthz-required", exempting(reason)).compiled.exemptions.length,
                    0,
                    JSON.stringify(reason),
                );
                const r = await checkResource(binauthzRequired, UNPROTECTED, exempting(reason));
                assert.equal(r.violations.length, 1, `the exemption applied: ${JSON.stringify(reason)}`);
                assert.match(r.violations[0], /exemption "legacy" is ignored: its reason .* is not a real justification/);
            }),
            params,
        );
    });

    it("genuine texts pass as a breakglass justification and make an exemption live", async () => {
        await fc.assert(
            fc.asyncProperty(genuine, async (j) => {
                assert.deepEqual((await justify(j)).violations, [], JSON.stringify(j));
                assert.deepEqual((await checkResource(binauthzRequired, UNPROTECTED, exempting(j))).violations, [], JSON.stringify(j));
            }),
            params,
        );
    });

    it("any text as an exemption reason: never throws, never a crash message, deterministic", async () => {
        await fc.assert(
            fc.asyncProperty(fc.oneof(fc.string({ unit: "binary", maxLength: 120 }), fake, genuine), async (reason) => {
                const a = await checkResource(binauthzRequired, UNPROTECTED, exempting(reason));
                for (const m of a.violations) assertWellFormed("cloud-run-binauthz-required", m);
                assert.deepStrictEqual(await checkResource(binauthzRequired, UNPROTECTED, exempting(reason)), a);
            }),
            params,
        );
    });
});
