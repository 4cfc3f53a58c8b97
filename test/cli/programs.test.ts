// The per-feature programs of test/programs through `check --engine pulumi`, on both CLI generations
// (CLOUD_RUN_BINAUTHZ_CLI_GENERATION picks the one check runs): the real CLI runs each, and the
// verdict must be the one expect.json gives (the same one the built-in engine gives, where it does
// not refuse). A runtime whose language host this machine lacks is refused in one line. Where the
// v3.60 generation cannot do what a program asks, CLI_DIFFERENCES names it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { programRuntime, unsupportedRuntime } from "cloud-run-binauthz-tools/dist/engines/pulumi/run";
import { type Generation, generations, linkSharedVenv, requireCli, ROOT, tagged } from "./harness";
import { runCheck } from "../checkCommand";

const PROGRAMS = path.join(ROOT, "test", "programs");

interface Expect {
    description: string;
    exit: number;
    violations: { policy: string; level: string; name: string }[];
}

/** Programs a generation cannot run, and the one line check then prints (exit 2). */
const CLI_DIFFERENCES: Record<string, (gen: Generation) => RegExp | undefined> = {
    // The engine's resource-transform callbacks came after v3.60; @pulumi/pulumi refuses them there.
    "transforms-option": (gen) => (gen.transforms ? undefined : /The Pulumi CLI does not support transforms/),
    "transforms-stack": (gen) => (gen.transforms ? undefined : /The Pulumi CLI does not support transforms/),
};

describe("real CLI: test/programs through check --engine pulumi, on both CLI generations", function () {
    this.timeout(900_000);
    const names = fs.readdirSync(PROGRAMS).filter((d) => fs.existsSync(path.join(PROGRAMS, d, "expect.json")));

    for (const gen of generations())
        for (const name of names.sort()) {
            const expect = JSON.parse(fs.readFileSync(path.join(PROGRAMS, name, "expect.json"), "utf8")) as Expect;
            const refusal = CLI_DIFFERENCES[name]?.(gen);
            const title = refusal ? `${name}: CLI difference: check exits 2 with ${String(refusal)}` : `${name}: ${expect.description}`;
            it(tagged(gen, title), async function () {
                const cli = requireCli(this, gen);
                const dir = path.join(PROGRAMS, name);
                linkSharedVenv(dir);
                const o = await runCheck([path.relative(ROOT, dir), "--engine", "pulumi", "--format", "json"], ROOT, {
                    CLOUD_RUN_BINAUTHZ_CLI_GENERATION: gen.id,
                });
                const missingHost = unsupportedRuntime(programRuntime(dir) ?? "", cli);
                if (missingHost) {
                    assert.equal(o.code, 2, o.stderr);
                    assert.equal(o.stderr.trimEnd().split("\n").length, 1, o.stderr);
                    assert.match(o.stderr, /language host/);
                    return;
                }
                if (refusal) {
                    assert.equal(o.code, 2, o.stderr);
                    assert.match(o.stderr, refusal);
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
