// The workflow pieces: validate-config, the example config file, the workflow files and the
// package metadata Pulumi and npm rely on.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { checkConfigDocument, validateConfigDocument, main as validateConfigMain } from "../tools/commands/validate-config";
import { policies } from "../policies";

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
            const yamlRuntime = /^runtime: yaml$/m.test(read(path.join(dir, "Pulumi.yaml")));
            const files = yamlRuntime ? ["Pulumi.dev.yaml", "README.md"] : ["Pulumi.dev.yaml", "package.json", "index.ts", "README.md"];
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
        devDependencies: Record<string, string>;
    };

    it("pins TypeScript below 7 and ships compiled JS as main", () => {
        assert.match(pkg.dependencies.typescript, /^~5\./);
        assert.equal(pkg.main, "dist/index.js");
        assert.ok(fs.existsSync(path.join(ROOT, "package-lock.json")));
    });

    it("has the metadata npm and Pulumi use", () => {
        for (const k of ["name", "version", "description", "files", "engines", "repository", "keywords", "license"]) assert.ok(pkg[k], k);
        assert.equal(pkg.name, "cloud-run-binauthz");
        for (const s of ["test", "check", "demo", "validate-config", "bench", "lint", "prepare"]) assert.ok(pkg.scripts[s], s);
    });

    it("PulumiPolicy.yaml says runtime nodejs", () => {
        assert.equal((parseYaml(read("PulumiPolicy.yaml")) as { runtime: string }).runtime, "nodejs");
    });
});
