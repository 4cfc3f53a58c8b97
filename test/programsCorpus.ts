// The corpus of test/programs/: each directory with an expect.json is a program in a shape real
// programs have, and its expected verdict. Both suites run every one of them: the unit suite through
// `check --engine builtin` (test/programs.test.ts), the real-CLI suite through `check --engine pulumi`
// (test/cli/programs.test.ts). expect.json is what both engines must report:
//   description, shape   what the program is and what it checks (shape: the corpus table in docs/check.md)
//   exit, violations     the verdict: exit code and every finding as { policy, level, name }
//   refusal              with exit 2: the one line both engines refuse it with (a part of it)
//   builtin              { exit, stderr }: the built-in engine alone refuses it (another runtime...)
//   args, env            extra check arguments ({dir} is the program's directory) and environment
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Outcome, runCheck } from "./checkCommand";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PROGRAMS = path.join(ROOT, "test", "programs");

export interface Finding {
    policy: string;
    level: string;
    name: string;
}

export interface Expect {
    description: string;
    shape?: string;
    exit: number;
    violations: Finding[];
    refusal?: string;
    builtin?: { exit: number; stderr: string };
    args?: string[];
    env?: Record<string, string>;
}

/** The corpus: every directory of test/programs with an expect.json, sorted. */
export function corpus(): { name: string; dir: string; expect: Expect }[] {
    return fs
        .readdirSync(PROGRAMS)
        .filter((d) => !d.startsWith(".") && fs.existsSync(path.join(PROGRAMS, d, "expect.json")))
        .sort()
        .map((name) => ({
            name,
            dir: path.join("test", "programs", name),
            expect: JSON.parse(fs.readFileSync(path.join(PROGRAMS, name, "expect.json"), "utf8")) as Expect,
        }));
}

/** Runs one corpus program through `check --engine ENGINE --format json`, with its expect.json args and env. */
export function checkProgram(p: { dir: string; expect: Expect }, engine: "builtin" | "pulumi"): Promise<Outcome> {
    const extra = (p.expect.args ?? []).map((a) => a.split("{dir}").join(p.dir));
    return runCheck([p.dir, "--engine", engine, "--format", "json", ...extra], ROOT, p.expect.env);
}

/** Runs `tasks` `width` at a time; each result is a promise of its own. */
export function pooled<T>(tasks: (() => Promise<T>)[], width = 2): Promise<T>[] {
    const gates: Promise<T>[] = [];
    const lanes: Promise<unknown>[] = Array.from({ length: width }, () => Promise.resolve());
    tasks.forEach((task, i) => {
        const lane = i % width;
        const p = lanes[lane].then(task);
        lanes[lane] = p.catch(() => undefined);
        gates.push(p);
    });
    return gates;
}

/** A refusal is one line on stderr, names the fix, prints nothing on stdout and no stack trace. */
export function assertRefusal(o: Outcome, contains: string): void {
    assert.equal(o.code, 2, `exit 2, got ${o.code}: ${o.stderr}`);
    assert.equal(o.stdout, "", "no verdict on stdout");
    const lines = o.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, `one line: ${o.stderr}`);
    assert.match(lines[0], /^check: /);
    assert.ok(lines[0].includes(contains), `${JSON.stringify(lines[0])} should include ${JSON.stringify(contains)}`);
    assert.doesNotMatch(o.stderr, /\n\s+at |\.js:\d+:\d+/, "no stack trace");
    assert.doesNotMatch(lines[0], /:\s*$/, "never an empty line after a colon");
}

/** The verdict expect.json gives: its exit code and exactly its findings; returns the report. */
export function assertVerdict(o: Outcome, expect: Expect): { engine: { name: string; version?: string }; violations: Finding[] } {
    assert.equal(o.code, expect.exit, `exit code (stderr: ${o.stderr})`);
    const report = JSON.parse(o.stdout) as { engine: { name: string; version?: string }; violations: Finding[] };
    const got = report.violations.map((v) => `${v.policy} ${v.level} ${v.name}`).sort();
    const want = expect.violations.map((v) => `${v.policy} ${v.level} ${v.name}`).sort();
    assert.deepEqual(got, want);
    return report;
}
