// The pulumi-language-nodejs stand-in under the real `pulumi` CLI: a JavaScript program previews with
// this pack, a program's exit code is worded as the real host words it, and a pack's AnalyzeStack
// answer over 4 MiB fails the preview as it does through the real host's policy proxy.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, preview, requireCli } from "./harness";

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
    linkPulumiPackages(dir, ["pulumi"]);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), body);
    return dir;
}

// `--event-log` (which the suite's preview runner passes) exists only with PULUMI_DEBUG_COMMANDS set
// (pkg/cmd/pulumi/operations/preview.go, v3.274.1), and the runner's offline env clears PULUMI_*.
const DEBUG_COMMANDS = { PULUMI_DEBUG_COMMANDS: "true" };

describe("pulumi-language-nodejs stand-in under the real pulumi CLI", function () {
    it("previews a JavaScript program with this pack through the stand-in", async function () {
        const cli = requireCli(this);
        const dir = program("tiny", `const pulumi = require("@pulumi/pulumi");\nexports.greeting = "hello " + pulumi.getStack();\n`);
        const res = await preview(cli, { programDir: dir, env: DEBUG_COMMANDS });
        const out = res.stdout + res.stderr;
        assert.equal(res.exitCode, 0, out);
        assert.match(out, /using pulumi-language-nodejs from \$PATH at .*standins\/bin\/pulumi-language-nodejs/);
        assert.match(res.policiesSection.join("\n"), /✅ cloud-run-binauthz@v\d+\.\d+\.\d+ \(local: /);
        assert.match(out, /greeting: "hello dev"/);
    });

    it("runs a TypeScript program (ts-node, as PULUMI_NODEJS_TYPESCRIPT=true asks) with this repository's node_modules", async function () {
        const cli = requireCli(this);
        const dir = path.join(work, "typed");
        fs.mkdirSync(dir);
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: typed\nruntime: nodejs\n");
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "typed", main: "index.ts" }));
        fs.writeFileSync(path.join(dir, "index.ts"), `const n: number = 41 + 1;\nexport const answer = n;\n`);
        const res = await preview(cli, { programDir: dir, env: DEBUG_COMMANDS });
        assert.equal(res.exitCode, 0, res.stdout + res.stderr);
        assert.match(res.stdout, /answer: 42/);
    });

    it("words a program's non-zero exit as the real host does", async function () {
        const cli = requireCli(this);
        const dir = program("exits", `process.exitCode = 3;\nexports.x = 1;\n`);
        const res = await preview(cli, { programDir: dir, packDir: undefined, env: DEBUG_COMMANDS });
        assert.notEqual(res.exitCode, 0);
        assert.match(res.stdout + res.stderr, /Program exited with non-zero exit code: 3/);
    });

    it("fails the preview when a pack's AnalyzeStack answer exceeds 4 MiB, with grpc-go's message", async function () {
        const cli = requireCli(this);
        const dir = program("big", `exports.x = 1;\n`);
        const pack = path.join(work, "big-pack");
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
        const res = await preview(cli, { programDir: dir, packDir: pack, env: DEBUG_COMMANDS });
        assert.equal(res.exitCode, 1, res.stderr.slice(0, 4000));
        assert.ok(
            res.errors.some((e) => /^grpc: received message larger than max \(\d+ vs\. 4194304\)$/.test(e)),
            `errors: ${JSON.stringify(res.errors).slice(0, 2000)}`,
        );
    });
});
