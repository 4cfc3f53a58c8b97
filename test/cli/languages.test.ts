// `check --engine pulumi` on the Python and Go twins of the examples, on both CLI generations: the
// report is the one the Node.js example gets (same policies, levels, resources and messages), and a
// Python program's venv is set up as its owner would: created from requirements.txt when missing,
// reused when there.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LANGUAGE_TWINS } from "cloud-run-binauthz-tools/dist/commands/demo";
import { generations, linkSharedVenv, PYTHON_CONSTRAINTS, requireCli, ROOT, tagged } from "./harness";
import { runCheck } from "../checkCommand";

interface Report {
    engine: { name: string; version: string };
    resources: number;
    violations: { policy: string; level: string; type: string; name: string; message: string }[];
}

function violations(r: Report): string[] {
    return r.violations.map((v) => `${v.level} ${v.policy} ${v.type} ${v.name}\n${v.message}`).sort();
}

describe("real CLI: check --engine pulumi on the Python and Go twins, on both CLI generations", function () {
    this.timeout(900_000);
    const node = new Map<string, Report>();

    for (const [twin, example] of Object.entries(LANGUAGE_TWINS))
        for (const gen of generations())
            it(tagged(gen, `examples/${twin}: the report of examples/${example}`), async function () {
                const cli = requireCli(this, gen);
                const dir = path.join(ROOT, "examples", twin);
                linkSharedVenv(dir);
                if (!node.has(example)) {
                    const b = await runCheck([`examples/${example}`, "--engine", "builtin", "--format", "json"]);
                    node.set(example, JSON.parse(b.stdout) as Report);
                }
                const o = await runCheck([`examples/${twin}`, "--engine", "pulumi", "--format", "json"], ROOT, {
                    CLOUD_RUN_BINAUTHZ_CLI_GENERATION: gen.id,
                });
                const want = node.get(example)!;
                assert.equal(o.code, want.violations.some((v) => v.level === "mandatory") ? 1 : 0, o.stderr);
                const got = JSON.parse(o.stdout) as Report;
                assert.deepEqual(got.engine, { name: "pulumi", version: cli.version });
                assert.equal(got.resources, want.resources);
                assert.deepEqual(violations(got), violations(want));
                if (twin.startsWith("python-")) assert.match(o.stderr, /^check: reused the virtualenv examples\/python-[\w-]+\/venv$/m);
            });

    describe("a Python program without its venv", () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crb-pyvenv-"));
        after(() => fs.rmSync(tmp, { recursive: true, force: true }));
        const dir = path.join(tmp, "program");
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: py-venv\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n");
        fs.writeFileSync(path.join(dir, "requirements.txt"), "pulumi>=3.0.0,<4.0.0\n");
        fs.writeFileSync(path.join(dir, "__main__.py"), 'import pulumi\n\npulumi.export("answer", 42)\n');

        const [first, second] = generations();
        it(tagged(first, "check creates venv from requirements.txt (the host's three steps), and says so"), async function () {
            requireCli(this, first);
            const o = await runCheck([dir, "--engine", "pulumi", "--format", "json"], ROOT, {
                CLOUD_RUN_BINAUTHZ_CLI_GENERATION: first.id,
                PIP_CONSTRAINT: PYTHON_CONSTRAINTS,
            });
            assert.equal(o.code, 0, o.stderr);
            assert.match(o.stderr, /^check: created the virtualenv .*program\/venv from requirements\.txt \(\d+ s\)$/m);
            assert.ok(fs.existsSync(path.join(dir, "venv", "pyvenv.cfg")));
            assert.deepEqual((JSON.parse(o.stdout) as Report).violations, []);
        });

        it(tagged(second ?? first, "check reuses it the next time"), async function () {
            const gen = second ?? first;
            requireCli(this, gen);
            const o = await runCheck([dir, "--engine", "pulumi", "--format", "json"], ROOT, { CLOUD_RUN_BINAUTHZ_CLI_GENERATION: gen.id });
            assert.equal(o.code, 0, o.stderr);
            assert.match(o.stderr, /^check: reused the virtualenv .*program\/venv$/m);
        });
    });
});
