// The corpus of test/programs through `check --engine pulumi`: the real CLI runs each program, and the
// verdict must be the one expect.json gives, the same one the built-in engine gives wherever it does
// not refuse (test/programs.test.ts). A refusal expect.json names is the same line under both engines.
// A runtime whose language host this machine lacks (Python until a CLI with the real Python host is
// here) is refused in one line that says so; the program runs once a host is on PATH or beside pulumi.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { programRuntime, unsupportedRuntime } from "cloud-run-binauthz-tools/dist/engines/pulumi/run";
import type { PulumiCli } from "cloud-run-binauthz-tools/dist/engines/pulumi/cli";
import { type Outcome, runCheck } from "../checkCommand";
import { assertRefusal, assertVerdict, checkProgram, corpus, pooled, ROOT } from "../programsCorpus";
import { requireCli } from "./harness";

describe("real CLI: test/programs through check --engine pulumi", function () {
    this.timeout(1_800_000);
    const programs = corpus();
    let outcomes: Map<string, Promise<Outcome>> | undefined;
    let cli: PulumiCli | undefined;
    before(function () {
        cli = requireCli(this);
        // Two at a time: each preview is one CLI, one language host and the pack, mostly waiting on each other.
        const runs = pooled(programs.map((p) => () => checkProgram(p, "pulumi")));
        outcomes = new Map(programs.map((p, i) => [p.name, runs[i]]));
    });

    for (const p of programs) {
        it(`${p.name}: ${p.expect.description}`, async function () {
            if (!cli || !outcomes) return void requireCli(this);
            const o = await outcomes.get(p.name)!;
            const missingHost = unsupportedRuntime(programRuntime(path.join(ROOT, p.dir)) ?? "", cli);
            if (missingHost) {
                assert.equal(o.code, 2, o.stderr);
                assert.equal(o.stderr.trimEnd().split("\n").length, 1, o.stderr);
                assert.match(o.stderr, /language host/);
                return;
            }
            if (p.expect.refusal) return assertRefusal(o, p.expect.refusal);
            if (p.expect.exit === 2) {
                // The built-in engine's own refusal; the real CLI fails the preview too.
                assert.equal(o.code, 2, o.stderr);
                return;
            }
            const report = assertVerdict(o, p.expect);
            assert.equal(report.engine.name, "pulumi");
            assert.equal(report.engine.version, cli.version);
        });
    }
});

describe("real CLI: secrets the way the CLI reads them, through check --engine pulumi", function () {
    this.timeout(600_000);
    const dir = path.join("test", "programs");

    it("PULUMI_CONFIG_PASSPHRASE_FILE decrypts; a wrong passphrase is refused naming the variable; --config supplies a secret", async function () {
        requireCli(this);
        const file = path.join(os.tmpdir(), `crb-passphrase-${process.pid}`);
        fs.writeFileSync(file, "corpus-passphrase-1\n");
        try {
            const fromFile = await runCheck([path.join(dir, "stack-secret-read"), "--engine", "pulumi"], ROOT, {
                PULUMI_CONFIG_PASSPHRASE_FILE: file,
            });
            assert.equal(fromFile.code, 0, fromFile.stderr);
        } finally {
            fs.rmSync(file, { force: true });
        }
        const wrong = await runCheck([path.join(dir, "stack-secret-read"), "--engine", "pulumi"], ROOT, {
            PULUMI_CONFIG_PASSPHRASE: "not-it",
        });
        assertRefusal(wrong, "cannot be decrypted (PULUMI_CONFIG_PASSPHRASE is not this stack's passphrase); set PULUMI_CONFIG_PASSPHRASE");
        const given = await runCheck([
            path.join(dir, "stack-secrets-cloud"),
            "--engine",
            "pulumi",
            "--config",
            "stack-secrets-cloud:dbUrl=postgres://x",
        ]);
        assert.equal(given.code, 0, given.stderr);
    });
});
