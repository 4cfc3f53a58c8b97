// Issue 19, class 10: binauthz-allowlist-exempts-workload cost patterns × images even after its
// report cap. Its lookups are now binary searches; this checks them against Binary Authorization's
// matching rule written out by brute force (the timing rows are in bench/run.ts).
import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { ImageIndex, PatternMatcher } from "../../policies/model/patterns";

/** Binary Authorization's rule, directly: trailing ** any text, trailing * no "/", else the same text. */
function exempts(pattern: string, image: string): boolean {
    let i = pattern.length;
    while (i > 0 && pattern[i - 1] === "*") i--;
    const stars = pattern.length - i;
    const stem = pattern.slice(0, i);
    if (stars > 2) return false;
    if (stars === 0) return image === stem;
    if (!image.startsWith(stem)) return false;
    return stars === 2 || !image.slice(stem.length).includes("/");
}

// A small alphabet, so that prefixes, shared directories and near-misses are common.
const text = fc.string({ unit: fc.constantFrom("a", "b", "/", ":", "@"), maxLength: 7 });
const pattern = fc.tuple(text, fc.constantFrom("", "*", "**", "***")).map(([s, t]) => s + t);

describe("allowlist pattern lookups (issue 19, class 10)", () => {
    it("ImageIndex lists exactly the images a pattern exempts, and exemptsAny agrees", () => {
        fc.assert(
            fc.property(fc.array(text, { maxLength: 12 }), fc.array(pattern, { maxLength: 12 }), (images, patterns) => {
                const index = new ImageIndex(images.map((image, i) => ({ image, value: i })));
                for (const p of patterns) {
                    const want = images.flatMap((img, i) => (exempts(p, img) ? [i] : [])).sort((a, b) => a - b);
                    const got = index.exemptedBy(p).sort((a, b) => a - b);
                    assert.deepEqual(got, want, `pattern ${JSON.stringify(p)} over ${JSON.stringify(images)}`);
                    assert.equal(index.exemptsAny(p), want.length > 0);
                }
            }),
            { numRuns: 2000, seed: 19 },
        );
    });

    it("PatternMatcher finds a pattern that exempts an image exactly when one does", () => {
        fc.assert(
            fc.property(fc.array(pattern, { maxLength: 12 }), fc.array(text, { maxLength: 12 }), (patterns, images) => {
                const m = new PatternMatcher(patterns);
                for (const img of images) {
                    const got = m.exempting(img);
                    const any = patterns.some((p) => exempts(p, img));
                    assert.equal(got !== undefined, any, `image ${JSON.stringify(img)} with ${JSON.stringify(patterns)}`);
                    if (got !== undefined) assert.ok(exempts(got, img), `${JSON.stringify(got)} does not exempt ${JSON.stringify(img)}`);
                }
            }),
            { numRuns: 2000, seed: 19 },
        );
    });

    it("dominated stems are dropped without losing a match", () => {
        const m = new PatternMatcher(["a/**", "a/b/**", "a/b/c*", "x/y*", "x/yz*", "x/y/z"]);
        assert.equal(m.exempting("a/b/c/d"), "a/**");
        assert.equal(m.exempting("x/yzz"), "x/y*");
        assert.equal(m.exempting("x/y/z"), "x/y/z");
        assert.equal(m.exempting("x/y/w"), undefined);
    });
});
