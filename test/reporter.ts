// mocha's spec reporter, plus the plain closing line `N passed, N failed` that CI reads, and, for
// tests tagged with a CLI generation (`[v3.60.0] ...`, test/cli/harness.ts), one line per generation
// with its count and the time its tests took.
import Mocha = require("mocha");

const TAG = /\[(v\d+\.\d+\.\d+)\]/;

interface Tally {
    passed: number;
    failed: number;
    skipped: number;
    ms: number;
}

class SpecWithTotals extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        const tallies = new Map<string, Tally>();
        const tally = (test: Mocha.Test): Tally => {
            const tag = TAG.exec(test.fullTitle())?.[1] ?? "untagged";
            let t = tallies.get(tag);
            if (!t) tallies.set(tag, (t = { passed: 0, failed: 0, skipped: 0, ms: 0 }));
            return t;
        };
        runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
            const t = tally(test);
            t.passed++;
            t.ms += test.duration ?? 0;
        });
        runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test) => {
            const t = tally(test);
            t.failed++;
            t.ms += test.duration ?? 0;
        });
        runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => {
            tally(test).skipped++;
        });
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const s = runner.stats;
            if (!s) return;
            if ([...tallies.keys()].some((k) => k !== "untagged"))
                for (const [tag, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b)))
                    process.stdout.write(
                        `${tag}: ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""} (${(t.ms / 1000).toFixed(0)} s)\n`,
                    );
            process.stdout.write(`\n${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ""}\n`);
        });
    }
}

export = SpecWithTotals;
