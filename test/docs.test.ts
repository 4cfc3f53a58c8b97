// The documentation a newcomer reads: a README of at most 300 lines whose links into docs/ resolve,
// a reference in docs/ whose links resolve, and the pack's own readme (GetAnalyzerInfo) that
// Pulumi Cloud shows without the repository.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { anchorsOf, brokenLinks, relativeLinks } from "./markdown";

const ROOT = path.resolve(__dirname, "..", "..");
const README = path.join(ROOT, "README.md");
const DOCS = path.join(ROOT, "docs");
const docFiles = (): string[] =>
    fs
        .readdirSync(DOCS)
        .filter((f) => f.endsWith(".md"))
        .map((f) => path.join(DOCS, f));

describe("documentation", () => {
    it("the README has at most 300 lines", () => {
        const lines = fs.readFileSync(README, "utf8").split("\n").length - 1;
        assert.ok(lines <= 300, `README.md has ${lines} lines`);
    });

    it("the README covers what a platform engineer needs first, and links each part of the reference", () => {
        const text = fs.readFileSync(README, "utf8");
        for (const heading of [
            "what-it-checks",
            "quick-start",
            "use-it-with-pulumi-preview",
            "publish-and-enforce-in-pulumi-cloud",
            "pull-request-checks",
            "configuration",
            "offline-check-check",
        ])
            assert.ok(anchorsOf(README).has(heading), `README has no section #${heading}`);
        const linked = new Set(relativeLinks(text).map((l) => l.target.split("#")[0]));
        for (const f of docFiles()) assert.ok(linked.has(`docs/${path.basename(f)}`), `README does not link docs/${path.basename(f)}`);
    });

    it("every relative link in the README resolves, anchors included", () => {
        assert.deepEqual(brokenLinks(README), []);
    });

    it("every relative link in docs/ resolves, anchors included", () => {
        assert.deepEqual(docFiles().flatMap(brokenLinks), []);
    });

    it("brokenLinks finds a missing file and a missing anchor, and ignores code and external links", () => {
        const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "crb-md-"));
        try {
            fs.writeFileSync(path.join(dir, "b.md"), "# Real heading\n");
            fs.writeFileSync(
                path.join(dir, "a.md"),
                "[x](b.md#real-heading) [y](missing.md) [z](b.md#nope) [w](https://example.com/x#y)\n`[c](gone.md)`\n```\n[d](gone.md)\n```\n",
            );
            assert.deepEqual(brokenLinks(path.join(dir, "a.md")), [
                "a.md:1 → missing.md: no such file",
                "a.md:1 → b.md#nope: no heading with that anchor",
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
