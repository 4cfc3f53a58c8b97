// Assertions on a policy's result, shared by the unit suites: every message printable and not the
// fail-closed crash fallback; clean, exactly one violation, or the pack's own advisory.
import { strict as assert } from "node:assert";
import type { Result } from "../harness";

export interface VerdictAssertions {
    assertPrintable(r: Result): void;
    assertClean(r: Result): void;
    assertOne(r: Result, ...patterns: RegExp[]): string;
    assertAdvisory(r: Result, ...patterns: RegExp[]): void;
}

/** Assertions for `policy`; `eachViolation` adds a check to every single violation (assertOne). */
export function verdictAssertions(policy: string, eachViolation?: (message: string) => void): VerdictAssertions {
    const assertPrintable = (r: Result): void => {
        for (const m of [...r.violations, ...(r.advisory ? [r.advisory] : [])]) {
            // eslint-disable-next-line no-control-regex
            assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(m), `unprintable: ${JSON.stringify(m.slice(0, 300))}`);
            assert.ok(!m.includes("could not evaluate"), `policy crashed: ${m}`);
        }
    };
    return {
        assertPrintable,
        assertClean(r) {
            assertPrintable(r);
            assert.deepEqual(r.violations, []);
            assert.equal(r.advisory, undefined);
        },
        assertOne(r, ...patterns) {
            assertPrintable(r);
            assert.equal(r.violations.length, 1, `expected one violation, got ${JSON.stringify(r.violations)}`);
            assert.equal(r.advisory, undefined);
            for (const p of patterns) assert.match(r.violations[0], p);
            eachViolation?.(r.violations[0]);
            return r.violations[0];
        },
        assertAdvisory(r, ...patterns) {
            assertPrintable(r);
            assert.deepEqual(r.violations, []);
            assert.ok(r.advisory, "expected an advisory");
            for (const p of patterns) assert.match(r.advisory, p);
            assert.match(r.advisory, new RegExp(policy));
            assert.match(r.advisory, /pulumi up/);
        },
    };
}
