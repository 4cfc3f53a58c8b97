// Publishing, as the Pulumi CLI does it, from the repository root: `npm pack --loglevel=error` whose
// stdout must be the tarball's name (sdk/nodejs/npm/npm.go npmManager.Pack); the enforced install
// of that tarball (pkg/backend/httpstate/policypack.go installRequiredPolicy: a plain `npm install
// --loglevel=error`, no lockfile, devDependencies unless PulumiPolicy.yaml opts out); a composing
// pack that depends on the package; and the installed pack answering over the analyzer protocol.
// Sizes on disk are compared with the floor pack (bench/floor): at most 1.10× each.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_CONTEXT, PackProcess } from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import {
    buildFloorPack,
    buildPublishedPack,
    compiledPackSources,
    copyOfPackSources,
    dependencyProblems,
    diskUsage,
    installAsCli,
    installComposingPack,
    NOT_AT_RUNTIME,
    packDirectory,
    requiredPackages,
    run,
} from "cloud-run-binauthz-tools/dist/publish/artefact";

const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    version: string;
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies?: Record<string, string>;
    files: string[];
};
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;
/** Development tooling and tools-package dependencies that must not reach an enforced pack's node_modules. */
const NOT_INSTALLED = [
    ...NOT_AT_RUNTIME,
    "eslint",
    "mocha",
    "fast-check",
    "prettier",
    "typescript-eslint",
    "@types/mocha",
    "yaml",
    "cloud-run-binauthz-tools",
];
/** The most an install may occupy on disk next to the floor pack's. */
const SIZE_BUDGET = 1.1;

function tarList(tarball: string): Promise<string[]> {
    return run("tar", ["-tzf", tarball], path.dirname(tarball)).then((r) => r.stdout.split("\n").filter(Boolean));
}

function sh(cmd: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile("sh", ["-c", cmd], { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
    });
}

describe("publishing from the repository root (pulumi policy publish, Pulumi Cloud's install of an enforced pack)", function () {
    this.timeout(900_000);

    describe("the root package.json", () => {
        it("declares exactly what the compiled pack loads at run time, and no devDependencies", () => {
            assert.deepEqual(dependencyProblems(requiredPackages(compiledPackSources(ROOT)), pkg.dependencies), []);
            assert.equal(
                pkg.devDependencies,
                undefined,
                "an enforced install (v3.60: always; v3.274: unless production) installs devDependencies",
            );
        });

        it("has no script that npm runs at install time (the CLI's npm install runs them in the extracted tarball)", () => {
            for (const s of ["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare", "prepublish"])
                assert.equal(pkg.scripts[s], undefined, s);
        });

        it("dependencyProblems names a loaded package that is not declared, a forbidden one, and one declared for nothing", () => {
            const problems = dependencyProblems(["ajv", "typescript"], { "@pulumi/policy": "1", "@pulumi/pulumi": "3", "left-pad": "1" });
            assert.deepEqual(problems, [
                "the compiled pack loads ajv, which package.json does not list under dependencies",
                "the compiled pack loads typescript at run time; make it a type-only import (import type)",
                "package.json lists left-pad under dependencies, but the compiled pack never loads it",
            ]);
        });
    });

    describe("`npm pack --loglevel=error` at the root (a copy of the pack's sources)", () => {
        let copy: string;
        let stdout: string;
        let files: string[];
        before(async () => {
            copy = copyOfPackSources(ROOT);
            const r = await sh("npm pack --loglevel=error", copy);
            assert.equal(r.code, 0, r.stderr);
            stdout = r.stdout;
            files = await tarList(path.join(copy, TARBALL));
        });
        after(() => fs.rmSync(copy, { recursive: true, force: true }));

        it("prints exactly the tarball's name, though it runs the prepack build", () => {
            assert.equal(stdout, `${TARBALL}\n`);
            assert.ok(fs.existsSync(path.join(copy, "dist", "index.js")), "prepack built dist/");
        });

        it("packs the compiled pack with its declarations, PulumiPolicy.yaml, the README and the changelog", () => {
            for (const f of [
                "package.json",
                "dist/index.js",
                "dist/index.d.ts",
                "dist/policies/index.js",
                "dist/policies/index.d.ts",
                "PulumiPolicy.yaml",
                "README.md",
                "CHANGELOG.md",
            ])
                assert.ok(files.includes(`package/${f}`), `${f} missing from ${files.join(", ")}`);
        });

        it("packs nothing else: no TypeScript sources, source maps, tests, tools, examples, lockfile or tsconfig", () => {
            assert.deepEqual(
                files.filter(
                    (f) =>
                        (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
                        f.endsWith(".map") ||
                        /package-lock|tsconfig|\/(test|tools|examples|bench|docs)\//.test(f),
                ),
                [],
            );
        });
    });

    describe("installed as the CLI installs an enforced pack, and as a composing pack's dependency", () => {
        let base: string;
        let installed: string;
        let floor: number;
        let ours: number;
        let composing: string;
        let composed: number;
        before(async () => {
            base = fs.mkdtempSync(path.join(os.tmpdir(), "crb-publish-"));
            ({ dir: installed } = await buildPublishedPack());
            const floorTgz = (await packDirectory(buildFloorPack(path.join(base, "floor-src")), base)).tarball;
            const floorDir = (await installAsCli(floorTgz, path.join(base, "floor"))).dir;
            const published = await buildPublishedPack();
            composing = (await installComposingPack(published.tarball, path.join(base, "composing"))).dir;
            [floor, ours, composed] = [diskUsage(floorDir), diskUsage(installed), diskUsage(composing)];
        });
        after(() => fs.rmSync(base, { recursive: true, force: true }));

        it("installs no development tooling and nothing of the tools package", () => {
            assert.ok(fs.existsSync(path.join(installed, "node_modules", "@pulumi", "policy")));
            for (const d of NOT_INSTALLED) {
                assert.ok(!fs.existsSync(path.join(installed, "node_modules", d)), `${d} is installed in the enforced pack`);
                assert.ok(!fs.existsSync(path.join(composing, "node_modules", d)), `${d} is installed in the composing pack`);
            }
            assert.ok(!fs.existsSync(path.join(installed, "tools")), "the tools workspace is not in the tarball");
        });

        it(`stays within ${SIZE_BUDGET}× the floor pack on disk, installed as an enforced pack`, () => {
            assert.ok(
                ours / floor <= SIZE_BUDGET,
                `${(ours / 2 ** 20).toFixed(1)} MiB vs floor ${(floor / 2 ** 20).toFixed(1)} MiB: ${(ours / floor).toFixed(2)}×`,
            );
        });

        it(`stays within ${SIZE_BUDGET}× the floor pack on disk as the dependency of a composing pack`, () => {
            assert.ok(
                composed / floor <= SIZE_BUDGET,
                `${(composed / 2 ** 20).toFixed(1)} MiB vs floor ${(floor / 2 ** 20).toFixed(1)} MiB: ${(composed / floor).toFixed(2)}×`,
            );
        });

        it("the installed pack starts from compiled JavaScript and answers GetAnalyzerInfo and Analyze over the analyzer protocol", async () => {
            const pack = await PackProcess.start(installed, DEFAULT_CONTEXT);
            try {
                await pack.configureStack(DEFAULT_CONTEXT);
                const info = await pack.getAnalyzerInfo();
                assert.equal(info.name, pkg.name);
                assert.equal(info.version, pkg.version);
                const { policies } = require("../policies") as { policies: { name: string }[] };
                assert.deepEqual(
                    info.policies.map((p) => p.name),
                    policies.map((p) => p.name),
                );
                const ds = await pack.analyze({
                    type: "gcp:cloudrunv2/service:Service",
                    name: "api",
                    urn: "urn:pulumi:dev::project::gcp:cloudrunv2/service:Service::api",
                    properties: { location: "us-central1", template: { containers: [{ image: "us-docker.pkg.dev/p/r/i:1" }] } },
                });
                assert.deepEqual(
                    ds.map((d) => `${d.policyName}:${d.enforcementLevel}`),
                    ["cloud-run-binauthz-required:mandatory"],
                );
            } finally {
                await pack.close();
            }
        });

        it("the composing pack runs the policies from the installed package, with their types", async () => {
            assert.ok(fs.existsSync(path.join(composing, "node_modules", "cloud-run-binauthz", "dist", "policies", "index.d.ts")));
            const pack = await PackProcess.start(composing, DEFAULT_CONTEXT);
            try {
                await pack.configureStack(DEFAULT_CONTEXT);
                const info = await pack.getAnalyzerInfo();
                assert.equal(info.name, "acme-security");
                assert.ok(info.policies.some((p) => p.name === "cloud-run-binauthz-required"));
            } finally {
                await pack.close();
            }
        });
    });
});
