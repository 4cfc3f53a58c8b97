// The Node.js language host under the real `pulumi` CLI, on both generations: the stand-in
// (v3.274.1) and Pulumi's own pulumi-language-nodejs (v3.60.0) run the same programs the same way. A
// JavaScript program previews with this pack, a TypeScript one through ts-node, a program's exit
// code is worded alike; and a pack's AnalyzeStack answer over 4 MiB fails the preview where the pack
// runs behind the host's policy proxy (v3.274.1) and passes where the engine dials the pack itself
// with a 400 MiB limit (v3.60: sdk/go/common/resource/plugin/analyzer_plugin.go).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generations, ROOT, preview, requireCli, tagged } from "./harness";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "crb-nodehost-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Links this repository's copies of the given @pulumi packages into `dir`/node_modules (offline, no npm). */
function linkPulumiPackages(dir: string, names: string[]): void {
    fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
    for (const name of names)
        fs.symlinkSync(path.join(ROOT, "node_modules", "@pulumi", name), path.join(dir, "node_modules", "@pulumi", name));
}

/** A JavaScript program that registers no provider resources, only the stack and its exports. */
function program(name: string, body: string): string {
    const dir = path.join(work, name);
    if (fs.existsSync(dir)) return dir;
    linkPulumiPackages(dir, ["pulumi"]);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), body);
    return dir;
}

/** A pack with one advisory stack policy whose single violation is 5 MB. */
function bigPack(): string {
    const pack = path.join(work, "big-pack");
    if (fs.existsSync(pack)) return pack;
    linkPulumiPackages(pack, ["pulumi", "policy"]);
    fs.writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\nversion: 0.0.1\n");
    fs.writeFileSync(path.join(pack, "package.json"), JSON.stringify({ name: "big-pack", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(
        path.join(pack, "index.js"),
        `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("big-pack", { policies: [{ name: "big", description: "One 5 MB stack violation.", enforcementLevel: "advisory",
    validateStack: (_args, reportViolation) => reportViolation("x".repeat(5000000)) }] });
`,
    );
    return pack;
}

// `--event-log` (which the suite's preview runner passes) exists only with PULUMI_DEBUG_COMMANDS set
// (pkg/cmd/pulumi/operations/preview.go, v3.274.1; cmd/pulumi/preview.go, v3.60.0), and the runner's
// offline env clears PULUMI_*.
const DEBUG_COMMANDS = { PULUMI_DEBUG_COMMANDS: "true" };

describe("pulumi-language-nodejs under the real pulumi CLI: the stand-in and Pulumi's own", function () {
    this.timeout(600_000);
    const exits = new Map<string, string>();

    for (const gen of generations()) {
        it(tagged(gen, `previews a JavaScript program with this pack through ${gen.nodeHost} host`), async function () {
            const cli = requireCli(this, gen);
            const dir = program("tiny", `const pulumi = require("@pulumi/pulumi");\nexports.greeting = "hello " + pulumi.getStack();\n`);
            const res = await preview(cli, { programDir: dir, env: DEBUG_COMMANDS });
            const out = res.stdout + res.stderr;
            assert.equal(res.exitCode, 0, out);
            assert.match(out, /greeting: "hello dev"/);
            const standinWarning = /using pulumi-language-nodejs from \$PATH at .*standins\/bin\/pulumi-language-nodejs/;
            if (gen.nodeHost === "stand-in") {
                assert.match(out, standinWarning);
                assert.match(res.policiesSection.join("\n"), /✅ cloud-run-binauthz@v\d+\.\d+\.\d+ \(local: /);
            } else {
                // The real host comes from the CLI's own directory (first on PATH); v3.60 lists the packs it ran.
                assert.doesNotMatch(out, standinWarning);
                assert.match(out, /Policy Packs run:/);
                assert.deepEqual(res.policiesSection, []);
            }
        });

        it(
            tagged(gen, "runs a TypeScript program (ts-node, as the typescript option asks) with this repository's node_modules"),
            async function () {
                const cli = requireCli(this, gen);
                const dir = path.join(work, "typed");
                if (!fs.existsSync(dir)) {
                    fs.mkdirSync(dir);
                    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
                    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: typed\nruntime: nodejs\n");
                    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "typed", main: "index.ts" }));
                    fs.writeFileSync(path.join(dir, "index.ts"), `const n: number = 41 + 1;\nexport const answer = n;\n`);
                }
                const res = await preview(cli, { programDir: dir, env: DEBUG_COMMANDS });
                assert.equal(res.exitCode, 0, res.stdout + res.stderr);
                assert.match(res.stdout, /answer: 42/);
            },
        );

        it(tagged(gen, "words a program's non-zero exit as Pulumi's host does"), async function () {
            const cli = requireCli(this, gen);
            const dir = program("exits", `process.exitCode = 3;\nexports.x = 1;\n`);
            const res = await preview(cli, { programDir: dir, packDir: undefined, env: DEBUG_COMMANDS });
            assert.equal(res.exitCode, gen.failExit);
            const line = (res.stdout + res.stderr).split("\n").find((l) => /non-zero exit code/.test(l));
            assert.match(line ?? "", /Program exited with non-zero exit code: 3/);
            exits.set(gen.id, line!.replace(/^\s+/, ""));
        });

        if (gen.policyProxy4MiB)
            it(tagged(gen, "fails the preview when a pack's AnalyzeStack answer exceeds 4 MiB, with grpc-go's message"), async function () {
                const cli = requireCli(this, gen);
                const res = await preview(cli, { programDir: program("big", `exports.x = 1;\n`), packDir: bigPack(), env: DEBUG_COMMANDS });
                assert.equal(res.exitCode, gen.failExit, res.stderr.slice(0, 4000));
                assert.ok(
                    res.errors.some((e) => /^grpc: received message larger than max \(\d+ vs\. 4194304\)$/.test(e)),
                    `errors: ${JSON.stringify(res.errors).slice(0, 2000)}`,
                );
            });
        else
            it(
                tagged(gen, "CLI difference: no policy proxy, so a 5 MB AnalyzeStack answer passes (one advisory finding, exit 0)"),
                async function () {
                    const cli = requireCli(this, gen);
                    const res = await preview(cli, {
                        programDir: program("big", `exports.x = 1;\n`),
                        packDir: bigPack(),
                        env: DEBUG_COMMANDS,
                    });
                    assert.equal(res.exitCode, 0, res.stdout.slice(0, 4000));
                    assert.equal(res.diagnostics.length, 1);
                    assert.equal(res.diagnostics[0].enforcementLevel, "advisory");
                    assert.ok(res.diagnostics[0].message.length > 5_000_000);
                },
            );
    }

    it("the stand-in words a program's exit exactly as Pulumi's own host", function () {
        if (generations().length < 2) this.skip();
        const [standin, real] = generations().map((g) => exits.get(g.id));
        assert.ok(standin && real, "both hosts ran the program");
        assert.equal(standin, real);
    });
});
