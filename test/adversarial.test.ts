// Runs the adversarial corpus (test/adversarial/corpus.ts) through the policies in process:
// each entry must get its expected verdict, never an exception, and a failure must carry a clear,
// printable, bounded message that names the property or the reason.
import { strict as assert } from "node:assert";
import type { Policy } from "@pulumi/policy";
import { policies, setClock } from "../policies";
import { CORPUS as MAIN_CORPUS, CORPUS_NOW, type CorpusEntry, type Verdict } from "./adversarial/corpus";
import { COVERAGE_CORPUS } from "./adversarial/coverage";
import { DEPLOY_PATHS_CORPUS } from "./adversarial/deployPaths";
import { GLOBS_CORPUS } from "./adversarial/globs";
import { JUSTIFICATION_CORPUS } from "./adversarial/justifications";
import { ROUND3A_CORPUS } from "./adversarial/round3a";
import { assertWellFormed } from "./adversarial/messages";
import { checkResource, checkStack, type Result } from "./harness";

const CORPUS: readonly CorpusEntry[] = [...MAIN_CORPUS, ...GLOBS_CORPUS];

const byName = new Map<string, Policy>(policies.map((p) => [p.name, p]));

/** An entry of any corpus file: each file keeps its own categories. */
type Entry = Omit<CorpusEntry, "category"> & { category: string };
const ENTRIES: Entry[] = [...CORPUS, ...COVERAGE_CORPUS, ...JUSTIFICATION_CORPUS, ...DEPLOY_PATHS_CORPUS, ...ROUND3A_CORPUS];

function verdictOf(r: Result): Verdict {
    if (r.violations.length) return "fail";
    return r.advisory !== undefined ? "advisory" : "pass";
}

async function run(e: Entry): Promise<Result> {
    const policy = byName.get(e.policy);
    assert.ok(policy, `${e.id}: no policy ${e.policy}`);
    if ("validateStack" in policy) return checkStack(policy, e.input.resources, e.input.config);
    assert.equal(e.input.resources.length, 1, `${e.id}: a resource policy entry takes exactly one resource`);
    return checkResource(policy, e.input.resources[0], e.input.config);
}

function cut(s: string): string {
    return s.length > 600 ? `${s.slice(0, 600)}…` : s;
}

describe("adversarial corpus", function () {
    this.timeout(120_000);
    let restore: () => void;
    before(() => {
        restore = setClock(() => new Date(CORPUS_NOW));
    });
    after(() => {
        restore();
        const byCategory = new Map<string, number>();
        for (const e of ENTRIES) byCategory.set(e.category, (byCategory.get(e.category) ?? 0) + 1);
        console.log(`\n  adversarial corpus: ${ENTRIES.length} entries (${[...byCategory].map(([k, v]) => `${k} ${v}`).join(", ")})`);
    });

    it("has unique ids, a reason for each entry, and what each failure must mention", () => {
        const ids = new Set<string>();
        for (const e of ENTRIES) {
            assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
            ids.add(e.id);
            assert.ok(e.why.length >= 10, `${e.id}: say why`);
            if (e.expect !== "pass") assert.ok(e.mentions?.length, `${e.id}: a ${e.expect} entry lists what its message must mention`);
        }
    });

    const categories = [...new Set(ENTRIES.map((e) => e.category))];
    for (const category of categories) {
        describe(category, () => {
            for (const e of ENTRIES.filter((x) => x.category === category)) {
                it(`${e.id} -> ${e.expect}`, async () => {
                    const r = await run(e);
                    const messages = [...r.violations, ...(r.advisory !== undefined ? [r.advisory] : [])];
                    for (const m of messages) assertWellFormed(e.policy, m);
                    assert.equal(
                        verdictOf(r),
                        e.expect,
                        `${e.id}: expected ${e.expect} (${e.why}), got ${verdictOf(r)}: ${messages.map(cut).join(" | ") || "no message"}`,
                    );
                    const relevant = e.expect === "fail" ? r.violations : e.expect === "advisory" ? [r.advisory ?? ""] : [];
                    for (const want of e.mentions ?? []) {
                        const hit = relevant.some((m) => (typeof want === "string" ? m.includes(want) : want.test(m)));
                        assert.ok(hit, `${e.id}: no message mentions ${String(want)}: ${relevant.map(cut).join(" | ")}`);
                    }
                    // The same input gives the same verdict.
                    assert.deepStrictEqual(await run(e), r, `${e.id}: a second run disagrees`);
                });
            }
        });
    }
});
