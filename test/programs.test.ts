// The runner's contract, one small program per feature (test/programs/<feature>/, each with its
// expect.json): `check --engine builtin` runs each program the way `pulumi preview` would and gives
// the expected verdict, or refuses it with one line naming the cause and the fix. A later real-CLI
// engine runs the same programs against the same expect.json (`builtin` holds what only the
// built-in engine does differently: its refusals).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { answerInvoke, projectNumber } from "cloud-run-binauthz-tools/dist/engines/gcp/invokes";
import { mergeConfig, programLocation, readProject, Refusal } from "cloud-run-binauthz-tools/dist/engines/builtin/project";
import { oneLine, refusalFor } from "cloud-run-binauthz-tools/dist/engines/builtin/capture";
import { type Outcome, runCheck } from "./checkCommand";
import { assertRefusal, assertVerdict, checkProgram, corpus, PROGRAMS, pooled, ROOT } from "./programsCorpus";

function copyProgram(name: string, into: string): string {
    const dir = path.join(into, name);
    fs.cpSync(path.join(PROGRAMS, name), dir, { recursive: true });
    return dir;
}

describe("test/programs through check --engine builtin", function () {
    this.timeout(900_000);
    const programs = corpus();
    const names = programs.map((p) => p.name);
    let outcomes: Map<string, Promise<Outcome>>;
    before(() => {
        const runs = pooled(programs.map((p) => () => checkProgram(p, "builtin")));
        outcomes = new Map(names.map((n, i) => [n, runs[i]]));
    });

    it("covers every feature the runner claims, and at least 25 programs in the shapes of real ones", () => {
        for (const feature of [
            "entry-main-dir",
            "entry-main-file",
            "cjs-js",
            "esm-mjs",
            "esm-type-module",
            "esm-default-async",
            "ts-esm",
            "ts-export-async",
            "config-project",
            "config-stack",
            "config-secure-read",
            "config-missing",
            "transforms-option",
            "transforms-stack",
            "transformations-option",
            "transformations-stack",
            "large-output",
            "invoke-get-project",
            "python",
            "yaml",
        ])
            assert.ok(names.includes(feature), feature);
        const shaped = programs.filter((p) => p.expect.shape);
        assert.ok(shaped.length >= 25, `${shaped.length} programs with a shape`);
        const runtimes = new Set(shaped.map((p) => runtimeOf(path.join(ROOT, p.dir))));
        for (const r of ["typescript", "javascript", "python", "yaml"]) assert.ok(runtimes.has(r), r);
    });

    for (const p of programs) {
        it(`${p.name}: ${p.expect.description}`, async () => {
            const o = await outcomes.get(p.name)!;
            if (p.expect.builtin) return assertRefusal(o, p.expect.builtin.stderr);
            if (p.expect.refusal) return assertRefusal(o, p.expect.refusal);
            assertVerdict(o, p.expect);
        });
    }
});

/** typescript, javascript, python or yaml: what a corpus program is written in. */
function runtimeOf(dir: string): string {
    const yaml = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
    if (/runtime:\s*yaml|name: yaml/.test(yaml)) return "yaml";
    if (/runtime:\s*python|name: python/.test(yaml)) return "python";
    return /typescript: false/.test(yaml) ? "javascript" : "typescript";
}

describe("the built-in runner refuses what it cannot run faithfully", function () {
    this.timeout(300_000);
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "binauthz-programs-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("missing dependencies: run `npm install` in the program's directory", async () => {
        // Outside the repository, nothing resolves @pulumi/pulumi for the program.
        const dir = copyProgram("cjs-js", tmp);
        assertRefusal(await runCheck([dir]), `run \`npm install\` in ${dir}`);
    });

    it("no Pulumi.<stack>.yaml: empty stack config plus --config, as the CLI previews a new stack", async () => {
        const dir = copyProgram("invoke-get-project", path.join(ROOT, "test", "programs", ".tmp-nostack"));
        try {
            fs.rmSync(path.join(dir, "Pulumi.dev.yaml"));
            // No stack file at all, the default stack: the config is what --config gives.
            const ok = await runCheck([dir, "--config", "gcp:project=acme-prod", "--config", "gcp:region=us-central1", "--json"]);
            assert.equal(ok.code, 0, ok.stderr);
            // Without gcp:project the program's getProject has no project: the provider's error, not a missing file.
            assertRefusal(await runCheck([dir]), "no project value set; set gcp:project");
            // A named stack without a file is a new stack, even beside other stacks' files.
            fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), "config:\n  gcp:project: other\n");
            const qa = await runCheck([dir, "--stack", "qa", "--config", "gcp:project=acme-prod", "--config", "gcp:region=us-central1"]);
            assert.equal(qa.code, 0, qa.stderr);
        } finally {
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
        }
    });

    it("the default stack without a file beside other stacks' files is ambiguous: name them, ask for --stack", async () => {
        const dir = copyProgram("entry-main-file", path.join(tmp, "nostack"));
        fs.rmSync(path.join(dir, "Pulumi.dev.yaml"));
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), "config: {}\n");
        fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), "config: {}\n");
        assertRefusal(
            await runCheck([dir]),
            'has no Pulumi.dev.yaml for the default stack "dev", but has stack files for "prod", "staging"; name the stack to check with --stack NAME',
        );
    });

    it("no Pulumi.yaml, and a main: that does not exist", async () => {
        const bare = path.join(tmp, "bare");
        fs.mkdirSync(bare);
        assertRefusal(await runCheck([bare]), "has no Pulumi.yaml");
        const dir = copyProgram("entry-main-dir", path.join(tmp, "badmain"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: badmain\nruntime: nodejs\nmain: nowhere/\n");
        assertRefusal(await runCheck([dir]), "Pulumi.yaml main: nowhere/ does not exist");
    });

    it("a program error is its own message, one line", async () => {
        const dir = path.join(PROGRAMS, "config-missing");
        const o = await runCheck([dir, "--config", "config-missing:team=x", "--stack", "dev"]);
        // With the key given, the program runs and gets its verdict.
        assert.equal(o.code, 1, o.stderr);
        const broken = copyProgram("ts-export-async", path.join(ROOT, "test", "programs", ".tmp-broken"));
        try {
            fs.writeFileSync(
                path.join(broken, "index.ts"),
                'export = async () => {\n    throw new Error("boom: the\\nprogram failed");\n};\n',
            );
            assertRefusal(await runCheck([broken]), "failed: boom: the");
        } finally {
            fs.rmSync(path.dirname(broken), { recursive: true, force: true });
        }
    });

    it("an invoke the engine cannot answer offline is refused, not echoed", async () => {
        const dir = copyProgram("invoke-get-project", path.join(ROOT, "test", "programs", ".tmp-invoke"));
        try {
            fs.writeFileSync(
                path.join(dir, "index.ts"),
                'import * as gcp from "@pulumi/gcp";\nexport = async () => {\n    await gcp.compute.getZones({});\n};\n',
            );
            assertRefusal(
                await runCheck([dir]),
                "the program calls gcp:compute/getZones:getZones, which needs the cloud to answer; check answers offline only gcp getProject, getClientConfig and getIAMPolicy",
            );
        } finally {
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
        }
    });

    it("a StackReference without --stack-outputs and invoke transforms are refused, not guessed", async () => {
        const cases: [string, string][] = [
            [
                'import * as pulumi from "@pulumi/pulumi";\nconst other = new pulumi.StackReference("acme/network/prod");\nexport const vpc = other.getOutput("vpc");\n',
                'reads the outputs of stack "acme/network/prod" through a StackReference, which needs the Pulumi backend; pass them with --stack-outputs acme/network/prod=FILE',
            ],
            [
                'import * as pulumi from "@pulumi/pulumi";\nconst other = new pulumi.StackReference("prod");\nexport const vpc = other.getOutput("vpc");\n',
                "pass them with --stack-outputs ORG/transforms-stack/prod=FILE",
            ],
            [
                'import * as pulumi from "@pulumi/pulumi";\npulumi.runtime.registerInvokeTransform(async (args) => ({ args: args.args, opts: args.opts }));\n',
                "registers an invoke transform, which the built-in engine does not apply",
            ],
        ];
        const dir = copyProgram("transforms-stack", path.join(ROOT, "test", "programs", ".tmp-refusals"));
        try {
            for (const [program, line] of cases) {
                fs.writeFileSync(path.join(dir, "index.ts"), program);
                assertRefusal(await runCheck([dir]), line);
            }
        } finally {
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
        }
    });

    it("--stack-outputs answers a StackReference: the outputs reach the program, matched as the backend resolves names", async () => {
        const dir = copyProgram("transforms-stack", path.join(ROOT, "test", "programs", ".tmp-stackref"));
        try {
            fs.writeFileSync(
                path.join(dir, "index.ts"),
                [
                    'import * as gcp from "@pulumi/gcp";',
                    'import * as pulumi from "@pulumi/pulumi";',
                    'const net = new pulumi.StackReference("acme/network/prod");',
                    'const same = new pulumi.StackReference("prod");',
                    'new gcp.cloudrunv2.Service("api", {',
                    '    location: "us-central1",',
                    '    binaryAuthorization: pulumi.all([net.requireOutput("binauthz"), same.getOutput("on")]).apply(([a, b]) => (a === "on" && b === true ? { useDefault: true } : undefined)),',
                    '    template: { containers: [{ image: net.requireOutput("image") as pulumi.Output<string> }] },',
                    "});",
                    "",
                ].join("\n"),
            );
            const net = path.join(dir, "net.json");
            fs.writeFileSync(net, JSON.stringify({ binauthz: "on", image: "us-central1-docker.pkg.dev/acme-prod/apps/api:v1" }));
            const same = path.join(dir, "same.json");
            fs.writeFileSync(same, JSON.stringify({ on: true }));
            const o = await runCheck([
                dir,
                "--json",
                "--stack-outputs",
                `acme/network/prod=${net}`,
                "--stack-outputs",
                `anyorg/transforms-stack/prod=${same}`,
            ]);
            assert.equal(o.code, 0, o.stderr);
            // A file exported without --show-secrets is refused, naming the output.
            fs.writeFileSync(net, JSON.stringify({ binauthz: "[secret]", image: "x" }));
            const hidden = await runCheck([dir, "--stack-outputs", `acme/network/prod=${net}`]);
            assert.equal(hidden.code, 2);
            assert.match(
                hidden.stderr,
                /hides the secret output 'binauthz' as "\[secret\]"; export it with `pulumi stack output --json --show-secrets --stack acme\/network\/prod`/,
            );
        } finally {
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
        }
    });

    it("a multi-language component is built empty and reported, as an advisory, with its contents unchecked", async () => {
        const dir = copyProgram("transforms-stack", path.join(ROOT, "test", "programs", ".tmp-remote"));
        try {
            fs.writeFileSync(
                path.join(dir, "index.ts"),
                'import * as pulumi from "@pulumi/pulumi";\nconst p = new pulumi.ComponentResource("acme:index:Platform", "platform", {}, {}, true);\nexport const urn = p.urn;\n',
            );
            const o = await runCheck([dir, "--json"]);
            assert.equal(o.code, 0, o.stderr);
            const report = JSON.parse(o.stdout) as {
                violations: { policy: string; level: string; name: string; type: string; message: string }[];
            };
            const v = report.violations.filter((x) => x.policy === "check-remote-component-unchecked");
            assert.equal(v.length, 1, o.stdout);
            assert.deepEqual([v[0].level, v[0].type, v[0].name], ["advisory", "acme:index:Platform", "platform"]);
            assert.match(
                v[0].message,
                /multi-language component acme:index:Platform "platform" is built by its provider, which check does not run/,
            );
            const strict = await runCheck([dir, "--fail-on", "advisory"]);
            assert.equal(strict.code, 1, "--fail-on advisory fails on it");
        } finally {
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
        }
    });

    it("--engine takes pulumi, builtin or auto, and pulumi only for a program or a stack export; --fail-on only mandatory or advisory", async () => {
        const e = await runCheck(["examples/compliant", "--engine", "cloud"]);
        assert.equal(e.code, 2);
        assert.match(e.stderr, /--engine must be one of auto, pulumi, builtin/);
        const file = path.join(os.tmpdir(), `binauthz-preview-${process.pid}.json`);
        fs.writeFileSync(file, JSON.stringify({ steps: [] }));
        try {
            const p = await runCheck([file, "--engine", "pulumi"]);
            assert.equal(p.code, 2);
            assert.match(
                p.stderr,
                /--engine pulumi runs a program directory or a stack export \(pulumi policy analyze reads no preview JSON\)/,
            );
        } finally {
            fs.rmSync(file, { force: true });
        }
        const f = await runCheck(["examples/compliant", "--fail-on", "warning"]);
        assert.equal(f.code, 2);
        assert.match(f.stderr, /--fail-on must be one of mandatory, advisory/);
    });
});

describe("project and stack config, as the CLI merges them", () => {
    let tmp: string;
    beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "binauthz-config-"))));
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const write = (f: string, text: string) => fs.writeFileSync(path.join(tmp, f), text);

    it("project defaults and values fill keys the stack does not set; the stack and --config win", () => {
        write(
            "Pulumi.yaml",
            "name: p\nruntime: nodejs\nconfig:\n  a: short\n  b:\n    type: integer\n    default: 3\n  c:\n    default: x\n  gcp:region: us-central1\n  obj:\n    type: array\n    items:\n      type: string\n    default: [x, y]\n",
        );
        write("Pulumi.dev.yaml", "config:\n  p:c: from-stack\n  p:nested:\n    k: [1, 2]\n");
        const m = mergeConfig(readProject(tmp), "dev", { c: "from-flag" });
        assert.deepEqual(m.config, {
            "p:a": "short",
            "p:b": "3",
            "p:c": "from-flag",
            "gcp:region": "us-central1",
            "p:obj": '["x","y"]',
            "p:nested": '{"k":[1,2]}',
        });
        assert.deepEqual(m.secretKeys, []);
    });

    it("a missing required key, a wrong type and an unencrypted secret are refused in Pulumi's words", () => {
        write("Pulumi.yaml", "name: p\nruntime: nodejs\nconfig:\n  team:\n    type: string\n");
        write("Pulumi.dev.yaml", "config: {}\n");
        assert.throws(
            () => mergeConfig(readProject(tmp), "dev", {}),
            /Stack 'dev' is missing configuration value 'team'; pass --config p:team=VALUE/,
        );
        write("Pulumi.yaml", "name: p\nruntime: nodejs\nconfig:\n  n:\n    type: integer\n  s:\n    secret: true\n");
        write("Pulumi.dev.yaml", "config:\n  p:n: many\n  p:s:\n    secure: v1:abc\n");
        assert.throws(() => mergeConfig(readProject(tmp), "dev", {}), /Stack 'dev' with configuration key 'n' must be of type 'integer'/);
        write("Pulumi.dev.yaml", "config:\n  p:n: 4\n  p:s: plain\n");
        assert.throws(() => mergeConfig(readProject(tmp), "dev", {}), /configuration key 's' must be encrypted as it's secret/);
    });

    it("secure values are secret and undecryptable unless --config gives them (then secret)", () => {
        write("Pulumi.yaml", "name: p\nruntime: nodejs\n");
        write("Pulumi.dev.yaml", "config:\n  p:pw:\n    secure: v1:abc\n  p:obj:\n    inner:\n      secure: v1:def\n");
        const m = mergeConfig(readProject(tmp), "dev", {});
        assert.deepEqual(m.undecryptable.sort(), ["p:obj", "p:pw"]);
        assert.deepEqual(m.config, {});
        const given = mergeConfig(readProject(tmp), "dev", { "p:pw": "hunter2" });
        assert.deepEqual(given.config, { "p:pw": "hunter2" });
        assert.ok(given.secretKeys.includes("p:pw"));
        assert.deepEqual(given.undecryptable, ["p:obj"]);
    });

    it("main: a directory runs there with entry '.'; a file runs in its directory", () => {
        fs.mkdirSync(path.join(tmp, "src"));
        write("src/app.ts", "");
        write("Pulumi.yaml", "name: p\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: src\n");
        assert.deepEqual(programLocation(readProject(tmp)), { pwd: path.join(tmp, "src"), entry: "." });
        write("Pulumi.yaml", "name: p\nruntime: nodejs\nmain: src/app.ts\n");
        assert.deepEqual(programLocation(readProject(tmp)), { pwd: path.join(tmp, "src"), entry: "app.ts" });
    });

    it("other runtimes are refused with the command that runs them", () => {
        for (const rt of ["python", "go", "yaml", "dotnet", "java"]) {
            write("Pulumi.yaml", `name: p\nruntime: ${rt}\n`);
            assert.throws(
                () => readProject(tmp),
                (e: unknown) =>
                    e instanceof Refusal && e.message.includes(`is a ${rt} program; the built-in engine runs only Node.js programs`),
            );
        }
    });
});

describe("program errors become one line", () => {
    it("missing config, missing packages and anything else", () => {
        assert.match(
            refusalFor(new Error("Missing required configuration variable 'p:team'\n\tplease set a value"), "dir", "dev"),
            /requires config 'p:team'; pass --config p:team=VALUE or add it to Pulumi.dev.yaml/,
        );
        const e = Object.assign(new Error("Cannot find module '@pulumi/gcp'\nRequire stack:\n- /x"), { code: "MODULE_NOT_FOUND" });
        assert.match(
            refusalFor(e, "dir", "dev"),
            /the program in dir cannot load '@pulumi\/gcp': its dependencies are not installed; run `npm install` in dir$/,
        );
        const local = Object.assign(new Error("Cannot find module './lib'"), { code: "MODULE_NOT_FOUND" });
        assert.match(refusalFor(local, "dir", "dev"), /failed: Cannot find module '.\/lib'/);
        // The Node.js host prints the stack: its header stays (TypeError: ...), a plain Error's goes.
        assert.equal(refusalFor(new TypeError("x is undefined"), "dir", "dev"), "the program in dir failed: TypeError: x is undefined");
        assert.equal(refusalFor(new Error("boom"), "dir", "dev"), "the program in dir failed: boom");
        assert.equal(refusalFor("a string", "dir", "dev"), "the program in dir failed: a string");
        assert.equal(oneLine("⨯ Unable to compile TypeScript:\nindex.ts(1,1): error TS1005\n  more"), "index.ts(1,1): error TS1005");
        assert.equal(oneLine("a\u001b[31mb"), "a [31mb");
        assert.equal(oneLine("x".repeat(1000)).length, 401);
    });
});

describe("invoke answers (tools/engines/gcp/invokes.ts)", () => {
    it("getProject answers from args or provider config with a stable 12-digit number", () => {
        const a = answerInvoke("gcp:organizations/getProject:getProject", {}, { project: "acme-prod" });
        assert.ok(a.ok);
        assert.equal(a.result.projectId, "acme-prod");
        assert.equal(a.result.id, "projects/acme-prod");
        assert.match(String(a.result.number), /^[1-9]\d{11}$/);
        assert.equal(a.result.number, projectNumber("acme-prod"));
        assert.notEqual(projectNumber("acme-prod"), projectNumber("acme-dev"));
        const b = answerInvoke("gcp:organizations/getProject:getProject", { projectId: "other" }, { project: "acme-prod" });
        assert.ok(b.ok && b.result.projectId === "other");
        const none = answerInvoke("gcp:organizations/getProject:getProject", {}, {});
        assert.ok(!none.ok && /set gcp:project/.test(none.reason));
    });

    it("getClientConfig reports the provider's project, region and zone; other tokens are refused", () => {
        const c = answerInvoke("gcp:organizations/getClientConfig:getClientConfig", {}, { project: "p", region: "r", zone: "z" });
        assert.ok(c.ok);
        assert.deepEqual([c.result.project, c.result.region, c.result.zone], ["p", "r", "z"]);
        const x = answerInvoke("gcp:compute/getZones:getZones", { region: "r" }, { project: "p" });
        assert.ok(!x.ok);
        assert.match(x.reason, /needs the cloud to answer/);
    });
});

describe("secrets the way the CLI reads them, through check --engine builtin", function () {
    this.timeout(120_000);
    it("PULUMI_CONFIG_PASSPHRASE_FILE decrypts; a wrong passphrase is refused naming the variable; --config supplies a secret", async () => {
        const file = path.join(os.tmpdir(), `binauthz-passphrase-${process.pid}`);
        fs.writeFileSync(file, "corpus-passphrase-1\n");
        try {
            const fromFile = await runCheck([path.join("test", "programs", "stack-secret-read")], ROOT, {
                PULUMI_CONFIG_PASSPHRASE_FILE: file,
            });
            assert.equal(fromFile.code, 0, fromFile.stderr);
        } finally {
            fs.rmSync(file, { force: true });
        }
        const wrong = await runCheck([path.join("test", "programs", "stack-secret-read")], ROOT, { PULUMI_CONFIG_PASSPHRASE: "not-it" });
        assertRefusal(wrong, "cannot be decrypted (PULUMI_CONFIG_PASSPHRASE is not this stack's passphrase); set PULUMI_CONFIG_PASSPHRASE");
        const given = await runCheck([
            path.join("test", "programs", "stack-secrets-cloud"),
            "--config",
            "stack-secrets-cloud:dbUrl=postgres://x",
        ]);
        assert.equal(given.code, 0, given.stderr);
    });
});
