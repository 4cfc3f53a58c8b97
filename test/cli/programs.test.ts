// The per-feature programs of test/programs through `check --engine pulumi`: the real CLI runs
// each, and the verdict must be the one expect.json gives (the same one the built-in engine gives,
// where it does not refuse). A runtime whose language host this machine lacks is refused in one line.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { programRuntime, unsupportedRuntime } from "cloud-run-binauthz-tools/dist/engines/pulumi/run";
import { requireCli, ROOT } from "./harness";
import { runCheck } from "../checkCommand";

const PROGRAMS = path.join(ROOT, "test", "programs");

interface Expect {
    description: string;
    exit: number;
    violations: { policy: string; level: string; name: string }[];
}

describe("real CLI: test/programs through check --engine pulumi", function () {
    this.timeout(600_000);
    const names = fs.readdirSync(PROGRAMS).filter((d) => fs.existsSync(path.join(PROGRAMS, d, "expect.json")));

    for (const name of names.sort()) {
        const expect = JSON.parse(fs.readFileSync(path.join(PROGRAMS, name, "expect.json"), "utf8")) as Expect;
        it(`${name}: ${expect.description}`, async function () {
            const cli = requireCli(this);
            const dir = path.join(PROGRAMS, name);
            const o = await runCheck([path.relative(ROOT, dir), "--engine", "pulumi", "--format", "json"]);
            const missingHost = unsupportedRuntime(programRuntime(dir) ?? "", cli);
            if (missingHost) {
                assert.equal(o.code, 2, o.stderr);
                assert.equal(o.stderr.trimEnd().split("\n").length, 1, o.stderr);
                assert.match(o.stderr, /language host/);
                return;
            }
            assert.equal(o.code, expect.exit, `exit code (stderr: ${o.stderr})`);
            if (expect.exit === 2) return;
            const report = JSON.parse(o.stdout) as {
                engine: { name: string; version: string };
                violations: { policy: string; level: string; name: string }[];
            };
            assert.equal(report.engine.name, "pulumi");
            assert.equal(report.engine.version, cli.version);
            const got = report.violations.map((v) => `${v.policy} ${v.level} ${v.name}`).sort();
            const want = expect.violations.map((v) => `${v.policy} ${v.level} ${v.name}`).sort();
            assert.deepEqual(got, want);
        });
    }
});
