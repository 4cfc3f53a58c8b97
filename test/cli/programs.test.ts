// The corpus of test/programs through `check --engine pulumi`, on both CLI generations
// (CLOUD_RUN_BINAUTHZ_CLI_GENERATION picks the one check runs): the real CLI runs each program, and the
// verdict must be the one expect.json gives, the same one the built-in engine gives wherever it does
// not refuse (test/programs.test.ts). A refusal expect.json names is the same line under both engines.
// A runtime whose language host this machine lacks is refused in one line that says so. Where the
// v3.60 generation cannot do what a program asks, CLI_DIFFERENCES names it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { programRuntime, unsupportedRuntime } from "cloud-run-binauthz-tools/dist/engines/pulumi/run";
import type { PulumiCli } from "cloud-run-binauthz-tools/dist/engines/pulumi/cli";
import { type Outcome, runCheck } from "../checkCommand";
import { assertRefusal, assertVerdict, checkProgram, corpus, pooled, ROOT } from "../programsCorpus";
import { type Generation, generations, linkSharedVenv, requireCli, tagged } from "./harness";

/** Programs a generation cannot run, and the one line check then prints (exit 2). */
const CLI_DIFFERENCES: Record<string, (gen: Generation) => RegExp | undefined> = {
    // The engine's resource-transform callbacks came after v3.60; @pulumi/pulumi refuses them there.
    "transforms-option": (gen) => (gen.transforms ? undefined : /The Pulumi CLI does not support transforms/),
    "transforms-stack": (gen) => (gen.transforms ? undefined : /The Pulumi CLI does not support transforms/),
    // v3.60's file backend has no organization (pkg/v3@v3.60.0 backend/filestate/state.go), so the SDK's
    // getOrganization() throws, in the program's own words.
    "js-stack-reference-missing": (gen) => (gen.id === "v3.60.0" ? /failed: Missing organization name/ : undefined),
    // pulumi-language-yaml v1.1.1 (v3.60's) reads a pulumi:pulumi:StackReference resource under its
    // resource name, not its `name` property (v1.38.3 reads the property).
    "yaml-stack-reference": (gen) => (gen.id === "v3.60.0" ? /reads the outputs of stack "registry" through a StackReference/ : undefined),
};

for (const gen of generations())
    describe(tagged(gen, "real CLI: test/programs through check --engine pulumi"), function () {
        this.timeout(1_800_000);
        const programs = corpus();
        let outcomes: Map<string, Promise<Outcome>> | undefined;
        let cli: PulumiCli | undefined;
        before(function () {
            cli = requireCli(this, gen);
            for (const p of programs) linkSharedVenv(path.join(ROOT, p.dir));
            // Two at a time: each preview is one CLI, one language host and the pack, mostly waiting on each other.
            const env = { CLOUD_RUN_BINAUTHZ_CLI_GENERATION: gen.id };
            const runs = pooled(
                programs.map((p) => () => checkProgram({ ...p, expect: { ...p.expect, env: { ...env, ...p.expect.env } } }, "pulumi")),
            );
            outcomes = new Map(programs.map((p, i) => [p.name, runs[i]]));
        });

        for (const p of programs) {
            const refusal = CLI_DIFFERENCES[p.name]?.(gen);
            const title = refusal
                ? `${p.name}: v3.60 difference: check exits 2 with ${String(refusal)}`
                : `${p.name}: ${p.expect.description}`;
            it(tagged(gen, title), async function () {
                if (!cli || !outcomes) return void requireCli(this, gen);
                const o = await outcomes.get(p.name)!;
                const missingHost = unsupportedRuntime(programRuntime(path.join(ROOT, p.dir)) ?? "", cli);
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
