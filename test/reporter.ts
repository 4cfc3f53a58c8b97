// mocha's spec reporter, plus the plain closing line `N passed, N failed` that CI reads.
import Mocha = require("mocha");

class SpecWithTotals extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const s = runner.stats;
            if (!s) return;
            process.stdout.write(`\n${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ""}\n`);
        });
    }
}

export = SpecWithTotals;
