// Property-based fuzzing for issue 12 items 3, 4 and 5, and issue 19 class 5 (fast-check, fixed seed like test/fuzz.test.ts):
// glob patterns against an independent regex oracle, catch-all soundness on fresh random names,
// allowlist patterns against a naive matcher, and breakglass texts (fakes in disguise never pass,
// genuine sentences in several scripts always do, nothing ever throws).
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { breakglassJustified } from "../policies";
import { globProblem, resolveConfig, type BreakglassConfig } from "../policies/model/config";
import { Glob, globSyntaxProblem } from "../policies/model/glob";
import { ImageIndex, patternProblems } from "../policies/model/patterns";
import { justificationProblems } from "../policies/breakglassJustified";
import { checkResource, T } from "./harness";

const SEED = Number(process.env.FUZZ_SEED ?? "20261201") || 20261201;
const RUNS = Math.round(300 * (Number(process.env.FUZZ_SCALE ?? "1") || 1));
const params = { seed: SEED, numRuns: RUNS };

/** The glob language as a regex, written independently of the automaton (short inputs only). */
function oracle(g: string): RegExp {
    let re = "";
    const esc = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    for (let i = 0; i < g.length;) {
        if (g[i] === "*") {
            let j = i;
            while (g[j] === "*") j++;
            const globstar = j - i > 1;
            const atSegmentStart = i === 0 || g[i - 1] === "/";
            if (globstar && atSegmentStart && g[j] === "/") {
                re += "(?:.*/)?";
                i = j + 1;
            } else {
                re += globstar ? ".*" : "[^/]*";
                i = j;
            }
        } else if (g[i] === "?") {
            re += "[^/]";
            i++;
        } else {
            re += esc(g[i]);
            i++;
        }
    }
    return new RegExp(`^${re}$`, "su");
}

const globArb = fc.array(fc.constantFrom("a", "b", "/", "*", "**", "?", ":"), { maxLength: 8 }).map((p) => p.join(""));
const textArb = fc.array(fc.constantFrom("a", "b", "/", ":"), { maxLength: 10 }).map((p) => p.join(""));

describe(`fuzz: globs, allowlist patterns and breakglass texts (seed ${SEED})`, function () {
    this.timeout(300_000);

    it("Glob.match agrees with a regex oracle", () => {
        fc.assert(
            fc.property(globArb, textArb, (g, t) => {
                assert.equal(new Glob(g).match(t), oracle(g).test(t), `${JSON.stringify(g)} on ${JSON.stringify(t)}`);
            }),
            { ...params, numRuns: RUNS * 10 },
        );
    });

    it("any string: globProblem never throws, and refused syntax is always named", () => {
        fc.assert(
            fc.property(
                fc.string({ unit: "grapheme", maxLength: 60 }),
                fc.constantFrom("exemptions", "allowedStacks", "allowedPolicies", "allowedPatterns"),
                (g, key) => {
                    const p = globProblem(key as Parameters<typeof globProblem>[0], g);
                    if (/[[\]{}()!\\|]/.test(g)) assert.match(p ?? "", /cannot be used/);
                    if (p === undefined) assert.equal(globSyntaxProblem(g), undefined);
                },
            ),
            params,
        );
    });

    it("catch-all soundness: a kept exemption or allowedStacks glob never matches every one of 12 fresh random names", () => {
        const name = fc.stringMatching(/^[a-z][a-z0-9_-]{3,20}$/);
        const piece = fc.oneof(fc.constantFrom("*", "**", "?", "-", "api", "prod", "::", "/"), name);
        fc.assert(
            fc.property(
                fc.array(piece, { minLength: 1, maxLength: 5 }),
                fc.array(name, { minLength: 12, maxLength: 12 }),
                (parts, names) => {
                    const g = parts.join("");
                    const glob = new Glob(g);
                    if (globProblem("allowedStacks", g) === undefined)
                        assert.ok(!names.every((n) => glob.match(n)), `allowedStacks ${g} kept`);
                    if (globProblem("exemptions", g) === undefined) {
                        assert.ok(!names.every((n) => glob.match(n)), `exemption ${g} kept`);
                        const urns = names.map((n) => `urn:pulumi:dev::shop::gcp:cloudrunv2/service:Service::${n}`);
                        assert.ok(!urns.every((u) => glob.match(u)), `exemption ${g} kept but matches every URN of a type`);
                    }
                },
            ),
            params,
        );
    });

    it("catch-all soundness under component parents (issue 19, class 5): a kept exemption glob never matches every fresh name under any parent chain", () => {
        const name = fc.stringMatching(/^[a-z][a-z0-9_-]{3,20}$/);
        const ident = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
        const typeToken = fc.tuple(ident, ident, ident).map(([p, m, t]) => `${p}:${m}:${t[0].toUpperCase()}${t.slice(1)}`);
        const chain = fc.array(typeToken, { minLength: 1, maxLength: 3 }).map((ts) => ts.join("$"));
        const LITERAL_CHAINS = ["my:component:Api", "acme:index:Platform$acme:index:Api", "kubernetes:helm.sh/v3:Chart"];
        const CHILD_TYPES = ["gcp:cloudrunv2/service:Service", "command:local:Command", "gcp:cloudrunv2/job:Job"];
        const glob = fc
            .tuple(
                fc.constantFrom(
                    "urn:pulumi:dev::shop::",
                    "urn:pulumi:*::*::",
                    "urn:pulumi:dev::**::",
                    "**::",
                    "urn:pulumi:dev::shop::**",
                    "",
                ),
                fc.oneof(
                    fc.constantFrom(...LITERAL_CHAINS.map((c) => `${c}$`), "**$", "*$", "my:*:Api$", "*:*:*$", ""),
                    chain.map((c) => `${c}$`),
                ),
                fc.constantFrom(...CHILD_TYPES, "**", "*", "gcp:cloudrunv2/*:Service", "*:*:*"),
                fc.constantFrom("::", "::**::", ":*"),
                fc.oneof(fc.constantFrom("*", "**", "?*", "*?", "api", "api-*", "?"), name),
            )
            .map((parts) => parts.join(""));
        fc.assert(
            fc.property(glob, chain, fc.array(name, { minLength: 12, maxLength: 12 }), (g, randomChain, names) => {
                if (globProblem("exemptions", g) !== undefined) return;
                const matcher = new Glob(g);
                for (const parents of [...LITERAL_CHAINS, randomChain])
                    for (const child of CHILD_TYPES) {
                        const urns = names.map((n) => `urn:pulumi:dev::shop::${parents}$${child}::${n}`);
                        assert.ok(!urns.every((u) => matcher.match(u)), `exemption ${g} kept but matches every ${child} under ${parents}`);
                    }
            }),
            { ...params, numRuns: RUNS * 10 },
        );
    });

    it("allowlist patterns: ImageIndex.exemptedBy agrees with Binary Authorization's text rules; patternProblems never throws", () => {
        const seg = fc.constantFrom("a", "b", "ab", "gcr.io", "p", "app:1", "x@sha256:1");
        const image = fc.array(seg, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));
        const pattern = fc.tuple(image, fc.constantFrom("", "*", "**", "/*", "/**")).map(([s, w]) => s + w);
        const naive = (p: string, img: string): boolean => {
            if (p.endsWith("**") && !p.endsWith("***")) return img.startsWith(p.slice(0, -2));
            if (p.endsWith("*") && !p.endsWith("**")) return img.startsWith(p.slice(0, -1)) && !img.slice(p.length - 1).includes("/");
            return p === img;
        };
        fc.assert(
            fc.property(fc.array(image, { maxLength: 12 }), pattern, (images, p) => {
                const ix = new ImageIndex(images.map((img, i) => ({ image: img, value: i })));
                const got = ix.exemptedBy(p).sort((a, b) => a - b);
                const want = images.map((img, i) => (naive(p, img) ? i : -1)).filter((i) => i >= 0);
                assert.deepEqual(got, want, `${p} over ${JSON.stringify(images)}`);
                assert.ok(Array.isArray(patternProblems(p)));
            }),
            { ...params, numRuns: RUNS * 5 },
        );
    });

    const cfg = resolveConfig<BreakglassConfig>("cloud-run-breakglass-justified", {});
    const disguise = (w: string, how: number): string => {
        const swaps: Record<string, string> = { a: "\u0430", o: "\u03bf", e: "\u0435", n: "\u043f" };
        if (how === 0) return [...w].map((c) => swaps[c] ?? c).join("");
        if (how === 1) return [...w].join("\u200b");
        if (how === 2) return [...w].map((c) => `${c}\u0301`).join("");
        return w.toUpperCase();
    };

    it("fake justifications in disguise never pass: placeholders, mashes, one padded word", () => {
        const placeholder = fc.constantFrom("n/a", "none", "todo", "tbd", "test", "na");
        const mash = fc.constantFrom("asdf", "qwerty", "jkjkjk", "hjkl", "zxcv", "asdfasdf", "sdfg");
        const fake = fc.oneof(
            fc
                .tuple(fc.array(placeholder, { minLength: 3, maxLength: 12 }), fc.nat(3))
                .map(([ws, how]) => ws.map((w) => disguise(w, how)).join(" ")),
            fc.array(mash, { minLength: 3, maxLength: 12 }).map((ws) => ws.join(" ")),
            fc
                .tuple(
                    fc.constantFrom("hotfix", "rollback", "Notfall", "롤백", "urgent"),
                    fc.array(placeholder, { minLength: 3, maxLength: 10 }),
                )
                .map(([w, ps]) => [w, ...ps].join(" ")),
            fc
                .tuple(fc.constantFrom("rollback", "outage", "hotfix"), fc.integer({ min: 3, max: 12 }))
                .map(([w, n]) => Array(n).fill(w).join(" ")),
        );
        fc.assert(
            fc.property(fake, fc.constantFrom("", "\n", "\t", "  "), (j, tail) => {
                assert.notDeepEqual(justificationProblems(j + tail, cfg), [], JSON.stringify(j));
            }),
            params,
        );
    });

    it("genuine justifications in several scripts pass, with newlines, tabs and ticket numbers anywhere", () => {
        const sentence = fc.constantFrom(
            "attestor outage blocks the checkout hotfix, approved by the on-call lead",
            "Notfall-Rollback nach Zahlungsausfall, freigegeben von der Bereitschaft",
            "retour arrière urgent après la panne de paiement, validé par l'astreinte",
            "결제 장애로 인한 긴급 롤백, 당직자 승인",
            "決済障害のため緊急ロールバック、当番承認済み",
            "支付故障紧急回滚，值班负责人已批准",
            "откат после сбоя оплаты, согласовано дежурным инженером",
        );
        fc.assert(
            fc.property(
                sentence,
                fc.integer({ min: 1, max: 99999 }),
                fc.constantFrom(" ", "\n", "\t", "\r\n"),
                fc.boolean(),
                (s, n, sep, before) => {
                    const j = before ? `INC-${n}:${sep}${s}\n` : `${s}${sep}INC-${n}\n`;
                    assert.deepEqual(justificationProblems(j, cfg), [], JSON.stringify(j));
                },
            ),
            params,
        );
    });

    it("any text through the policy: never throws, deterministic", async () => {
        await fc.assert(
            fc.asyncProperty(fc.string({ unit: "binary", maxLength: 200 }), async (j) => {
                const run = () =>
                    checkResource(breakglassJustified, {
                        type: T.service,
                        name: "api",
                        props: {
                            location: "us-central1",
                            binaryAuthorization: { useDefault: true, breakglassJustification: j },
                            template: { containers: [{ image: "gcr.io/p/a:1" }] },
                        },
                    });
                const a = await run();
                assert.ok(
                    a.violations.every((v) => !v.includes("could not evaluate")),
                    JSON.stringify(a.violations),
                );
                assert.deepEqual(await run(), a);
            }),
            params,
        );
    });
});
