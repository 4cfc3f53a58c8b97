// The workflow pieces: validate-config, the example config file, the workflow files and the
// package metadata Pulumi and npm rely on.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import {
    checkConfigDocument,
    validateConfigDocument,
    main as validateConfigMain,
} from "cloud-run-binauthz-tools/dist/commands/validate-config";
import { policies } from "../policies";
import type { Diagnostic, WireResource } from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import type { RunResult } from "cloud-run-binauthz-tools/dist/engines/builtin/run";
import {
    formatJson,
    formatMarkdown,
    formatSarif,
    formatText,
    mdCode,
    mdText,
    summary,
    violations,
} from "cloud-run-binauthz-tools/dist/report/format";
import { displayType } from "cloud-run-binauthz-tools/dist/report/text";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");

describe("validate-config", () => {
    it("accepts policy-config.example.json, which sets every key of every policy", () => {
        const doc = JSON.parse(read("policy-config.example.json")) as Record<string, Record<string, unknown>>;
        assert.deepEqual(validateConfigDocument(doc), []);
        for (const p of policies) {
            const keys = Object.keys(p.configSchema?.properties ?? {}).sort();
            const given = Object.keys(doc[p.name] ?? {})
                .filter((k) => k !== "enforcementLevel")
                .sort();
            assert.deepEqual(given, keys, `${p.name} in the example covers every key`);
            assert.ok(doc[p.name].enforcementLevel, `${p.name} level`);
        }
    });

    it("rejects a broken file in the Pulumi CLI's words, listing every error; warns where the CLI silently ignores", () => {
        const { errors, warnings } = checkConfigDocument({
            "cloud-run-breakglass-justified": { minLength: "twenty", minLenght: 3 },
            "cloud-run-binauthz-required": { exemptions: [{ resource: "x", reason: "long enough reason" }] },
            "no-such-policy": "mandatory",
        });
        const text = errors.join("\n");
        assert.match(
            text,
            /validating policy config: cloud-run-binauthz \d+\.\d+\.\d+ {2}cloud-run-breakglass-justified: minLength: Invalid type\. Expected: integer, given: string/,
        );
        assert.match(
            text,
            /validating policy config: cloud-run-binauthz \S+ {2}cloud-run-binauthz-required: exemptions\.0: expires is required/,
        );
        assert.doesNotMatch(text, /no-such-policy|minLenght/, "the CLI accepts both");
        assert.match(
            warnings.join("\n"),
            /"no-such-policy" is not a policy of cloud-run-binauthz: the Pulumi CLI passes it on and the pack ignores it/,
        );
        assert.match(
            warnings.join("\n"),
            /cloud-run-breakglass-justified: unknown key "minLenght": the Pulumi CLI accepts it and the policy ignores it \(did you mean "minLength"\?\)/,
        );
        assert.deepEqual(checkConfigDocument({ all: "loud" }).errors, [
            'parsing enforcement level for "all": "loud" is not a valid enforcement level',
        ]);
    });

    it("a misspelled policy name with properties and no level fails Configure, as the CLI's preview does", () => {
        const { errors, warnings } = checkConfigDocument({ "cloud-run-breakglass-justifed": { minLength: 30 } });
        assert.deepEqual(errors, ['configuring policy pack "cloud-run-binauthz" at ".": invalid enforcement level ""']);
        assert.deepEqual(warnings, []);
        const withLevel = checkConfigDocument({ "cloud-run-breakglass-justifed": { enforcementLevel: "mandatory", minLength: 30 } });
        assert.deepEqual(withLevel.errors, []);
        assert.match(withLevel.warnings.join("\n"), /did you mean "cloud-run-breakglass-justified"/);
    });

    it("parses entries as the CLI does: bad levels and values are errors, empty objects are dropped", () => {
        assert.deepEqual(checkConfigDocument({ "cloud-run-binauthz-required": { enforcementLevel: 5 } }).errors, [
            'parsing enforcement level for "cloud-run-binauthz-required": 5 is not a valid enforcement level; must be a string',
        ]);
        assert.deepEqual(checkConfigDocument({ "cloud-run-binauthz-required": ["mandatory"] }).errors, [
            'parsing "cloud-run-binauthz-required": [mandatory] is not a valid value; must be a string or object',
        ]);
        assert.deepEqual(checkConfigDocument({ "no-such-policy": {} }), { errors: [], warnings: [] });
    });

    it("also reports what the schemas cannot see: bad regex, unsafe regex, catch-all globs", () => {
        const text = validateConfigDocument({
            "cloud-run-breakglass-justified": { pattern: "(" },
            "binauthz-allowlist-scoped": { allowedPatterns: ["**"] },
            "cloud-run-binauthz-required": { allowedPolicies: ["projects/*/platforms/cloudRun/policies/*"] },
        }).join("\n");
        assert.match(text, /cloud-run-breakglass-justified: pattern "\(" is not a valid regular expression/);
        assert.match(text, /binauthz-allowlist-scoped: allowedPatterns glob "\*\*" matches everything/);
        assert.match(text, /cloud-run-binauthz-required: allowedPolicies glob .* matches everything/);
        assert.match(validateConfigDocument({ "cloud-run-breakglass-justified": { pattern: "(a+)+$" } }).join("\n"), /nests quantifiers/);
    });

    it("lists every error in one run: schema errors and what the schemas cannot see, each once", () => {
        const problems = validateConfigDocument({
            "cloud-run-breakglass-justified": { minLength: "twenty", pattern: "(a+)+$" },
            "binauthz-allowlist-scoped": { allowedPatterns: ["**"] },
            "cloud-run-binauthz-required": { exemptions: [{ resource: "x", reason: "long enough reason" }] },
        });
        const text = problems.join("\n");
        // The schema error on one key does not hide the other problems of the same policy.
        assert.match(text, /cloud-run-breakglass-justified: minLength: Invalid type/);
        assert.match(text, /cloud-run-breakglass-justified: pattern "\(a\+\)\+\$" nests quantifiers/);
        assert.match(text, /binauthz-allowlist-scoped: allowedPatterns glob "\*\*" matches everything/);
        assert.equal(problems.filter((p) => p.includes("minLength")).length, 1, "a rejected key is reported once");
        assert.equal(problems.filter((p) => /exemptions\.0/.test(p)).length, 1, text);
    });

    it("exits 0 on a valid file, 1 on an invalid one and 2 on bad usage", () => {
        const err = process.stderr.write;
        const out = process.stdout.write;
        process.stderr.write = () => true;
        process.stdout.write = () => true;
        try {
            assert.equal(validateConfigMain([path.join(ROOT, "policy-config.example.json")]), 0);
            assert.equal(validateConfigMain([path.join(ROOT, "test", "fixtures", "bad-config.json")]), 1);
            assert.equal(validateConfigMain([]), 2);
            assert.equal(validateConfigMain([path.join(ROOT, "README.md")]), 2);
        } finally {
            process.stderr.write = err;
            process.stdout.write = out;
        }
    });
});

describe("workflow files", () => {
    const files = [
        ...fs.readdirSync(path.join(ROOT, ".github", "workflows")).map((f) => path.join(".github", "workflows", f)),
        ...fs.readdirSync(path.join(ROOT, "docs", "workflows")).map((f) => path.join("docs", "workflows", f)),
    ].filter((f) => /\.ya?ml$/.test(f));

    it("are there: the pack's CI and both documented user workflows", () => {
        assert.ok(files.includes(path.join(".github", "workflows", "ci.yml")));
        assert.ok(files.includes(path.join("docs", "workflows", "pulumi-preview-with-policy.yml")));
        assert.ok(files.includes(path.join("docs", "workflows", "binauthz-check-no-credentials.yml")));
    });

    for (const f of files) {
        it(`${f} is valid YAML with jobs whose steps use or run something`, () => {
            const doc = parseYaml(read(f), { strict: true, uniqueKeys: true }) as {
                on?: unknown;
                jobs?: Record<string, { steps?: Record<string, unknown>[] }>;
            };
            assert.ok(doc.on, "has a trigger");
            assert.ok(doc.jobs && Object.keys(doc.jobs).length > 0, "has jobs");
            for (const job of Object.values(doc.jobs)) {
                assert.ok(Array.isArray(job.steps) && job.steps.length > 0);
                for (const step of job.steps) assert.ok("uses" in step || "run" in step, JSON.stringify(step));
            }
        });
    }

    it("the pulumi/actions example passes the pack and config the way the action expects", () => {
        const doc = parseYaml(read(path.join("docs", "workflows", "pulumi-preview-with-policy.yml"))) as {
            jobs: { preview: { steps: { uses?: string; with?: Record<string, unknown> }[] } };
        };
        const step = doc.jobs.preview.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
        assert.ok(step?.with);
        assert.equal(step.with.command, "preview");
        assert.equal(step.with["comment-on-pr"], true);
        assert.match(String(step.with.policyPacks), /cloud-run-binauthz/);
        assert.match(String(step.with.policyPackConfigs), /policy-config\.json/);
    });
});

describe("examples", () => {
    it("every example program type-checks against @pulumi/gcp's real types (strict)", function () {
        this.timeout(120_000);
        const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
        const out = execFileSync(process.execPath, [tsc, "-p", path.join(ROOT, "examples", "tsconfig.json")], { encoding: "utf8" });
        assert.equal(out.trim(), "");
    });

    it("every example has Pulumi.yaml, a stack config, its runtime's files and a README with the command and expected verdict", () => {
        for (const name of fs.readdirSync(path.join(ROOT, "examples"))) {
            const dir = path.join("examples", name);
            if (!fs.statSync(path.join(ROOT, dir)).isDirectory()) continue;
            const project = parseYaml(read(path.join(dir, "Pulumi.yaml"))) as {
                runtime: string | { name: string; options?: Record<string, unknown> };
            };
            const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime.name;
            const runtimeFiles: Record<string, string[]> = {
                yaml: [],
                nodejs: ["package.json", "index.ts"],
                python: ["requirements.txt", "__main__.py"],
                go: ["go.mod", "go.sum", "main.go"],
            };
            const files = ["Pulumi.dev.yaml", "README.md", ...runtimeFiles[runtime]];
            // As `pulumi new python` lays out a program: pip, and the venv named in Pulumi.yaml.
            if (runtime === "python")
                assert.deepEqual((project.runtime as { options?: unknown }).options, { toolchain: "pip", virtualenv: "venv" }, dir);
            for (const f of files) assert.ok(fs.existsSync(path.join(ROOT, dir, f)), `${dir}/${f}`);
            const readme = read(path.join(dir, "README.md"));
            assert.match(readme, new RegExp(`npm run (-s )?check -- (--engine pulumi )?examples/${name}`));
            assert.match(readme, /Expected verdict: \*\*(pass|fail)/);
        }
    });
});

describe("package", () => {
    const pkg = JSON.parse(read("package.json")) as Record<string, unknown> & {
        scripts: Record<string, string>;
        dependencies: Record<string, string>;
        workspaces: string[];
    };
    const tools = JSON.parse(read("tools/package.json")) as Record<string, unknown> & {
        scripts: Record<string, string>;
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
    };

    it("pins TypeScript below 7 (in the tools workspace, which builds everything) and ships compiled JS as main", () => {
        assert.match(tools.dependencies.typescript, /^~5\./);
        assert.equal(pkg.main, "dist/index.js");
        assert.equal(pkg.types, "dist/index.d.ts");
        assert.ok(fs.existsSync(path.join(ROOT, "package-lock.json")));
    });

    it("has the metadata npm and Pulumi use, and the scripts the README names", () => {
        for (const k of ["name", "version", "description", "files", "engines", "repository", "keywords", "license"]) assert.ok(pkg[k], k);
        assert.equal(pkg.name, "cloud-run-binauthz");
        for (const s of ["test", "check", "demo", "validate-config", "bench", "lint", "e2e", "pulumi-cli", "companion", "prepack"])
            assert.ok(pkg.scripts[s], s);
    });

    it("the tools are a workspace of their own: same version, builds everything at npm ci, depends on the pack", () => {
        assert.deepEqual(pkg.workspaces, ["tools"]);
        assert.equal(tools.name, "cloud-run-binauthz-tools");
        assert.equal(tools.version, pkg.version);
        assert.equal(tools.dependencies["cloud-run-binauthz"], "file:..");
        assert.match(tools.scripts.prepare, /tsc -b/);
    });

    it("PulumiPolicy.yaml says runtime nodejs", () => {
        assert.equal((parseYaml(read("PulumiPolicy.yaml")) as { runtime: string }).runtime, "nodejs");
    });
});

function runResult(diagnostics: Partial<Diagnostic>[], analyzed: WireResource[] = []): RunResult {
    return {
        pack: { name: "cloud-run-binauthz", version: "0.1.0", dir: "/pack" },
        policies: [],
        resources: analyzed.length,
        diagnostics: diagnostics.map((d) => ({
            policyName: "cloud-run-binauthz-required",
            policyPackName: "cloud-run-binauthz",
            policyPackVersion: "0.1.0",
            description: "",
            message: "m",
            enforcementLevel: "mandatory",
            urn: "",
            severity: "high",
            ...d,
        })),
        remediated: {},
        analyzed,
        output: [],
    };
}
const SVC = "urn:pulumi:dev::p::gcp:cloudrunv2/service:Service::api";
const POLICY: WireResource = {
    type: "gcp:binaryauthorization/policy:Policy",
    name: "binauthz",
    urn: "urn:pulumi:dev::p::gcp:binaryauthorization/policy:Policy::binauthz",
    properties: {},
};

describe("report formats", () => {
    it("text shows type tokens as the CLI displays them (tokens.Type.DisplayName)", () => {
        assert.equal(displayType("gcp:cloudrunv2/service:Service"), "gcp:cloudrunv2:Service");
        assert.equal(displayType("gcp:binaryauthorization/policy:Policy"), "gcp:binaryauthorization:Policy");
        assert.equal(displayType("gcp:projects/iAMMember:IAMMember"), "gcp:projects:IAMMember");
        assert.equal(displayType("google-native:run/v2:Service"), "google-native:run/v2:Service");
        assert.equal(displayType("pulumi:pulumi:Stack"), "pulumi:pulumi:Stack");
        assert.equal(displayType("gcp:cloudrunv2/serviceIamMember:ServiceIamBinding"), "gcp:cloudrunv2/serviceIamMember:ServiceIamBinding");
    });

    it("a stack-level finding is located at the BinAuthz policy resource, else at the stack, never (: )", () => {
        const withPolicy = runResult([{ policyName: "binauthz-source-deploy-allowlist", urn: "" }], [POLICY]);
        assert.deepEqual(
            violations(withPolicy).map((v) => [v.type, v.name, v.urn]),
            [[POLICY.type, "binauthz", POLICY.urn]],
        );
        assert.match(formatText(withPolicy, "src"), /\(gcp:binaryauthorization:Policy: binauthz\)/);
        const svc: WireResource = { type: "gcp:cloudrunv2/service:Service", name: "api", urn: SVC, properties: {} };
        const stackOnly = runResult([{ policyName: "binauthz-org-constraint", enforcementLevel: "advisory", urn: "" }], [svc]);
        assert.deepEqual(
            violations(stackOnly).map((v) => [v.type, v.name, v.urn]),
            [["pulumi:pulumi:Stack", "p-dev", "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev"]],
        );
        for (const out of [formatText(stackOnly, "src"), formatMarkdown(stackOnly, "src"), formatJson(stackOnly, "src", "program")])
            assert.doesNotMatch(out, /\(: \)|"name": ""|"urn": ""/);
    });

    it("SARIF: every result has a location and a fingerprint unique in the run and equal across runs", () => {
        const diags: Partial<Diagnostic>[] = [
            { urn: SVC, message: "no binaryAuthorization block" },
            { urn: SVC, message: "no binaryAuthorization block" },
            { urn: SVC, message: "expires in 3 days" },
            { urn: "", policyName: "binauthz-org-constraint", message: "no org constraint" },
            { urn: SVC, policyName: "cloud-run-breakglass-justified", message: "no binaryAuthorization block" },
        ];
        const sarif = (r: RunResult) =>
            JSON.parse(formatSarif(r, "infra/Pulumi.yaml")) as {
                runs: {
                    results: {
                        partialFingerprints: Record<string, string>;
                        locations: {
                            physicalLocation: { artifactLocation: { uri: string } };
                            logicalLocations: { fullyQualifiedName: string }[];
                        }[];
                    }[];
                }[];
            };
        const first = sarif(runResult(diags, [POLICY]));
        const prints = first.runs[0].results.map((r) => Object.values(r.partialFingerprints)[0]);
        assert.equal(new Set(prints).size, diags.length, "unique");
        for (const p of prints) assert.match(p, /^[0-9a-f]{64}$/);
        for (const r of first.runs[0].results) {
            assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, "infra/Pulumi.yaml");
            assert.ok(r.locations[0].logicalLocations[0].fullyQualifiedName);
        }
        // A second run, with a day gone by in a message, fingerprints the same findings the same.
        const again = sarif(
            runResult(
                diags.map((d) => ({ ...d, message: d.message?.replace("3 days", "2 days") })),
                [POLICY],
            ),
        );
        assert.deepEqual(
            again.runs[0].results.map((r) => Object.values(r.partialFingerprints)[0]),
            prints,
        );
    });

    it("markdown escapes what it quotes: emphasis, code, pipes, HTML", () => {
        const r = runResult([
            { urn: SVC, message: "allow `us-docker.pkg.dev/p/cloud-run-source-deploy/**` | <script>alert(1)</script> _x_ *y*\nnext" },
        ]);
        const md = formatMarkdown(r, "infra/`odd`|dir");
        assert.ok(md.includes("cloud-run-source-deploy/\\*\\*"), md);
        assert.ok(md.includes("\\`us-docker"));
        assert.ok(md.includes("\\| &lt;script&gt;"));
        assert.ok(md.includes("\\_x\\_ \\*y\\*<br>next"));
        assert.ok(md.includes("infra/\\`odd\\`\\|dir"));
        assert.doesNotMatch(md, /<script>/);
        assert.equal(mdText("a**b"), "a\\*\\*b");
        assert.equal(mdCode("a`b|c"), "``a`b\\|c``");
        assert.equal(mdCode("`x"), "`` `x ``");
    });

    it("--fail-on advisory fails on advisory findings too", () => {
        const r = runResult([{ urn: SVC, enforcementLevel: "advisory" }]);
        assert.equal(summary(r).passed, true);
        assert.equal(summary(r, "advisory").passed, false);
        assert.match(formatText(r, "src", "advisory"), /: failed$/);
        assert.match(formatMarkdown(r, "src", "advisory"), /^### ❌/);
        assert.equal((JSON.parse(formatJson(r, "src", "program", "advisory")) as { summary: { passed: boolean } }).summary.passed, false);
    });
});

describe("the cloud-run-binauthz bin", function () {
    this.timeout(180_000);
    const pkg = JSON.parse(read("tools/package.json")) as { bin: Record<string, string> };
    const bin = path.join("tools", pkg.bin["cloud-run-binauthz"]);
    const run = (args: string[]) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
            require("node:child_process").execFile(
                process.execPath,
                [path.join(ROOT, bin), ...args],
                { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
                (err: { code?: number } | null, stdout: string, stderr: string) =>
                    resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }),
            );
        });

    it("is declared by the tools package, compiled with a shebang, and dispatches check, validate-config and demo", async () => {
        assert.equal(pkg.bin["cloud-run-binauthz"], "dist/commands/cli.js");
        assert.equal((JSON.parse(read("package.json")) as { bin?: unknown }).bin, undefined, "the pack itself has no bin");
        assert.match(read(bin), /^#!\/usr\/bin\/env node\n/);
        const help = await run(["--help"]);
        assert.equal(help.code, 0);
        for (const c of ["check", "validate-config", "demo"]) assert.match(help.stdout, new RegExp(`^  ${c} `, "m"));
        const v = await run(["validate-config", "policy-config.example.json"]);
        assert.equal(v.code, 0, v.stderr);
        const bad = await run(["nope"]);
        assert.equal(bad.code, 2);
    });

    it("check prints only the report: JSON output parses as a whole, with no banner", async () => {
        const c = await run(["check", "examples/compliant", "--engine", "builtin", "--format", "json"]);
        assert.equal(c.code, 0, c.stderr);
        assert.equal((JSON.parse(c.stdout) as { summary: { passed: boolean } }).summary.passed, true);
    });

    it("the docs redirect output only through the bin or npm run -s", () => {
        const docs = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs", "workflows")).map((f) => path.join("docs", "workflows", f))];
        for (const f of docs) {
            for (const line of read(f).split("\n")) {
                if (/npm run (check|validate-config|demo)\b/.test(line) && /(^|\s)>>?\s*\S/.test(line.replace(/2>&1/g, "")))
                    assert.fail(`${f}: output redirected without -s: ${line.trim()}`);
            }
        }
    });
});
