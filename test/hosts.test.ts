// The language-host side of the real-CLI engine, without a CLI: reading both generations' policy
// text, the one-line failure reason, the two generations' build recipes, and a Python program's venv
// handling (what check reuses, refuses and would create). The runs themselves are in test/cli.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    cacheKey,
    expectedFiles,
    GENERATION_IDS,
    GENERATIONS,
    generationOf,
    parseVersion,
} from "cloud-run-binauthz-tools/dist/engines/pulumi/cli";
import { failureReason, policiesSection, textEntries } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";
import { ensureVenv, isVenv, pythonOptions, unsupportedPython, VenvError } from "cloud-run-binauthz-tools/dist/engines/pulumi/python";
import { cliGeneration } from "cloud-run-binauthz-tools/dist/engines/pulumi/run";
import { routeFor } from "cloud-run-binauthz-tools/dist/engines/pulumi/hosts";
import { inPlaceProject } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";
import { parse as parseYaml } from "yaml";
import { GENERATIONS as SUITE_GENERATIONS } from "./cli/harness";

const ROOT = path.resolve(__dirname, "..", "..");

const MESSAGE = [
    "Cloud Run services must enforce Binary Authorization.",
    'gcp:cloudrunv2/service:Service "api": no block.',
    "  - indented",
];

// Shapes pinned from real runs (v3.274.1: pkg/backend/display/progress.go; v3.60.0: printPolicyViolations).
const V3_274 = [
    "Diagnostics:",
    "  pulumi:pulumi:Stack (p-dev):",
    "    error: preview failed",
    "",
    "Policies:",
    "    ❌ cloud-run-binauthz@v0.3.0 (local: /pack)",
    "        - [mandatory] [severity: high]  cloud-run-binauthz-required  (gcp:cloudrunv2:Service: api)",
    ...MESSAGE.map((l) => `          ${l}`),
    "    ✅ other@v1.0.0 (local: /other)",
    "",
    "Outputs:",
].join("\n");
const V3_60 = [
    "Policy Violations:",
    "    [mandatory]  cloud-run-binauthz v0.3.0  cloud-run-binauthz-required (gcp:cloudrunv2/service:Service: api)",
    ...MESSAGE.map((l) => `    ${l}`),
    "    ",
    "    [advisory]  other v1.0.0  stack-thing (gcp:storage/bucket:Bucket: b)",
    "    one line",
    "    ",
    "Outputs:",
].join("\n");

describe("both CLI generations' policy text", () => {
    it("v3.274.1: the Policies section, its pack lines and each finding with severity", () => {
        const section = policiesSection(V3_274);
        assert.equal(section[0], "Policies:");
        assert.equal(section.at(-1), "    ✅ other@v1.0.0 (local: /other)");
        assert.deepEqual(textEntries(section), [
            {
                level: "mandatory",
                severity: "high",
                pack: "cloud-run-binauthz",
                version: "0.3.0",
                policy: "cloud-run-binauthz-required",
                type: "gcp:cloudrunv2:Service",
                name: "api",
                lines: MESSAGE,
            },
        ]);
    });

    it("v3.60: the Policy Violations section, no severity, the full type token, the pack on each line", () => {
        const entries = textEntries(policiesSection(V3_60));
        assert.equal(entries.length, 2);
        assert.deepEqual(entries[0], {
            level: "mandatory",
            pack: "cloud-run-binauthz",
            version: "0.3.0",
            policy: "cloud-run-binauthz-required",
            type: "gcp:cloudrunv2/service:Service",
            name: "api",
            lines: MESSAGE,
        });
        assert.equal(entries[1].severity, undefined);
        assert.deepEqual(entries[1].lines, ["one line"]);
    });

    it("no section: nothing", () => {
        assert.deepEqual(policiesSection("Previewing update (dev):\n\nResources:\n    + 1 to create\n"), []);
    });
});

describe("failureReason", () => {
    const base = { stdout: "", stderr: "", exitCode: 255 };
    it("takes the first engine error that says something", () => {
        assert.equal(
            failureReason({ ...base, errors: ["preview failed", "Missing required configuration variable 'p:team'\nmore"] }),
            "Missing required configuration variable 'p:team'",
        );
    });
    it("when a v3.60 host exits, takes its own words from stdout, not the event log's EOF", () => {
        const stdout = [
            "Diagnostics:",
            "  pulumi:pulumi:Stack (p-dev):",
            "    error: It looks like the Pulumi SDK has not been installed. Have you run npm install or yarn install?",
            "    error: error reading from server: EOF",
        ].join("\n");
        assert.equal(
            failureReason({ ...base, stdout, errors: ["error reading from server: EOF", "preview failed"] }),
            "It looks like the Pulumi SDK has not been installed. Have you run npm install or yarn install?",
        );
    });
    it("a program's unhandled exception: the introducing line and the exception's own (v3.60, Node 22)", () => {
        const error = [
            "Running program '/tmp/p/' failed with an unhandled exception:",
            "<ref *1> Error: The Pulumi CLI does not support transforms. Please update the Pulumi CLI",
            "    at /x/node_modules/@pulumi/runtime/resource.ts:684:31 {",
            "  promise: Promise { <rejected> [Circular *1] }",
            "}",
        ].join("\n");
        assert.equal(
            failureReason({ ...base, errors: [error, "preview failed"] }),
            "Running program '/tmp/p/' failed with an unhandled exception: Error: The Pulumi CLI does not support transforms. Please update the Pulumi CLI",
        );
    });
    it("a Go panic of the engine: its panic line; nothing at all: the exit code", () => {
        assert.equal(
            failureReason({ ...base, stdout: "x\npanic: crypto/cipher: incorrect nonce length given to GCM\n", errors: [] }),
            "panic: crypto/cipher: incorrect nonce length given to GCM",
        );
        assert.equal(failureReason({ ...base, errors: [] }), "exit code 255");
    });
});

describe("the CLI generations' builds", () => {
    it("v3.274.1 keeps its cache key (versions and module files only); v3.60 hashes its recipe too", () => {
        assert.match(cacheKey(GENERATIONS["v3.274.1"]), /^pulumi-v3\.274\.1-yaml-v1\.38\.3-[0-9a-f]{12}$/);
        assert.match(cacheKey(GENERATIONS["v3.60.0"]), /^pulumi-v3\.60\.0-hosts-nodejs-python-go-yaml-v1\.1\.1-[0-9a-f]{12}$/);
    });

    it("v3.60 sets both version variables, builds its three real hosts and YAML v1.1.1, and copies the sdk's scripts", () => {
        const gen = GENERATIONS["v3.60.0"];
        const vars = Object.assign({}, ...gen.builds.map((b) => b.versionVars)) as Record<string, string>;
        assert.equal(vars["github.com/pulumi/pulumi/pkg/v3/version.Version"], "v3.60.0");
        assert.equal(vars["github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"], "v3.60.0");
        assert.equal(vars["github.com/pulumi/pulumi-yaml/pkg/version.Version"], "v1.1.1");
        assert.deepEqual(expectedFiles(gen).sort(), [
            "pulumi",
            "pulumi-analyzer-policy",
            "pulumi-analyzer-policy-python",
            "pulumi-language-go",
            "pulumi-language-nodejs",
            "pulumi-language-python",
            "pulumi-language-python-exec",
            "pulumi-language-yaml",
        ]);
        const gomod = fs.readFileSync(path.join(gen.moduleDir, "go.mod"), "utf8");
        assert.match(gomod, /github\.com\/pulumi\/pulumi\/pkg\/v3 v3\.60\.0/);
        assert.match(gomod, /github\.com\/pulumi\/pulumi-yaml v1\.1\.1/);
    });

    it("--generation and CLOUD_RUN_BINAUTHZ_CLI_GENERATION take v3.60, 3.60.0 or v3.60.0; anything else is an error", () => {
        assert.equal(generationOf("v3.60")?.id, "v3.60.0");
        assert.equal(generationOf("3.60.0")?.id, "v3.60.0");
        assert.equal(generationOf("v3.274.1")?.id, "v3.274.1");
        assert.equal(generationOf("v3.61.0"), undefined);
        assert.equal(cliGeneration({}), "v3.274.1");
        assert.equal(cliGeneration({ CLOUD_RUN_BINAUTHZ_CLI_GENERATION: "v3.60" }), "v3.60.0");
        assert.throws(() => cliGeneration({ CLOUD_RUN_BINAUTHZ_CLI_GENERATION: "v2" }), /not a CLI generation/);
    });
});

describe("the oldest supported CLI", () => {
    it("README and docs/real-cli.md name the oldest generation the real-CLI suite runs every test on", () => {
        const ids = SUITE_GENERATIONS.map((g) => g.id);
        assert.deepEqual([...ids].sort(), [...GENERATION_IDS].sort(), "the suite covers every generation pulumi-cli builds");
        const key = (id: string) => parseVersion(id)!.reduce((n, part) => n * 1000 + part, 0);
        const oldest = [...ids].sort((a, b) => key(a) - key(b))[0];
        for (const file of ["README.md", path.join("docs", "real-cli.md")]) {
            const stated = /Oldest supported CLI: (v\d+\.\d+\.\d+)/.exec(fs.readFileSync(path.join(ROOT, file), "utf8"));
            assert.equal(stated?.[1], oldest, file);
        }
    });
});

/** A program directory `tmp/name` holding only a Pulumi.yaml with the given runtime block. */
function projectIn(tmp: string, name: string, runtime: string): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime:\n${runtime}`);
    return dir;
}

describe("a Python program's venv", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crb-venv-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const program = (name: string, runtime: string) => projectIn(tmp, name, runtime);

    it("reads virtualenv and toolchain from runtime.options", () => {
        const dir = program("opts", "  name: python\n  options:\n    toolchain: pip\n    virtualenv: .venv\n");
        assert.deepEqual(pythonOptions(dir), { virtualenv: ".venv", toolchain: "pip" });
        assert.equal(unsupportedPython(dir), undefined);
    });

    it("refuses a uv or poetry toolchain in one line", () => {
        const dir = program("uv", "  name: python\n  options:\n    toolchain: uv\n");
        const why = unsupportedPython(dir);
        assert.match(why ?? "", /uses the uv toolchain .*pip virtual environments only/);
        assert.equal(why!.split("\n").length, 1);
    });

    it("no virtualenv option: nothing to set up (the host runs python3 from PATH)", () => {
        const dir = program("bare", "  name: python\n");
        assert.equal(ensureVenv(dir).action, "none");
    });

    it("reuses an existing venv, and refuses a directory that is not one, as the host does", () => {
        const dir = program("reuse", "  name: python\n  options:\n    virtualenv: venv\n");
        const venv = path.join(dir, "venv");
        fs.mkdirSync(path.join(venv, "bin"), { recursive: true });
        fs.writeFileSync(path.join(venv, "bin", "python"), "");
        assert.equal(isVenv(venv), false);
        assert.throws(
            () => ensureVenv(dir),
            (e: unknown) => e instanceof VenvError && /is not a virtual environment/.test(e.message),
        );
        fs.writeFileSync(path.join(venv, "pyvenv.cfg"), "home = /usr/bin\n");
        const setup = ensureVenv(dir);
        assert.equal(setup.action, "reused");
        assert.equal(setup.dir, venv);
        assert.match(setup.note, /^reused the virtualenv /);
    });
});

describe("runtime options on a generation whose CLI passes them as flags", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crb-flags-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const bin = path.join(tmp, "bin");
    fs.mkdirSync(bin);
    for (const host of ["nodejs", "python"]) fs.writeFileSync(path.join(bin, `pulumi-language-${host}`), "");
    const v360 = { binDir: bin, version: "v3.60.0", source: "cache", generation: "v3.60.0" } as const;
    const v3274 = { ...v360, version: "v3.274.1", generation: "v3.274.1" } as const;

    const program = (name: string, runtime: string) => projectIn(tmp, name, runtime);

    it("v3.60: what pulumi new writes today and the host predates is left out, in a note; its own options stay", () => {
        const py = program("py", "  name: python\n  options:\n    toolchain: pip\n    typechecker: mypy\n");
        const route = routeFor(py, "python", v360);
        assert.deepEqual(route.runtimeOptions, ["virtualenv"]);
        assert.deepEqual(
            route.notes.filter((n) => n.includes("left out")),
            [
                "Pulumi.yaml runtime.options toolchain, typechecker left out of this run: pulumi-language-python v3.60.0 predates them (it defines only virtualenv)",
            ],
        );
        const js = program("js", "  name: nodejs\n  options:\n    packagemanager: npm\n    typescript: false\n");
        const dest = path.join(tmp, "js-run");
        inPlaceProject(js, dest, routeFor(js, "nodejs", v360).runtimeOptions);
        const written = parseYaml(fs.readFileSync(path.join(dest, "Pulumi.yaml"), "utf8")) as { runtime: { options: object } };
        assert.deepEqual(written.runtime.options, { typescript: false });
    });

    it("v3.274.1 sends options in ProgramInfo: every option stays, no note", () => {
        const js = program("js-new", "  name: nodejs\n  options:\n    packagemanager: npm\n");
        const route = routeFor(js, "nodejs", v3274);
        assert.equal(route.runtimeOptions, undefined);
        assert.deepEqual(route.notes, []);
        const dest = path.join(tmp, "js-new-run");
        inPlaceProject(js, dest, route.runtimeOptions);
        const written = parseYaml(fs.readFileSync(path.join(dest, "Pulumi.yaml"), "utf8")) as { runtime: { options: object } };
        assert.deepEqual(written.runtime.options, { packagemanager: "npm" });
    });
});
