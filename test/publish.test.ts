// Publishing, as the Pulumi CLI does it: `npm pack --loglevel=error` whose stdout must be the
// tarball's name (sdk/nodejs/npm/npm.go npmManager.Pack), and the enforced install of that
// tarball (pkg/backend/httpstate/policypack.go installRequiredPolicy → `npm install
// --loglevel=error`, no lockfile), then the installed pack answering over the analyzer protocol.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_CONTEXT, PackProcess } from "../tools/engines/builtin/driver";
import { buildArtefact, buildPublishedPack, NOT_AT_RUNTIME, packArtefact, run } from "../tools/publish/artefact";

const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    version: string;
    scripts: Record<string, string>;
};
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;
/** Development tooling that must not reach an enforced pack's node_modules. */
const DEV_ONLY = [...NOT_AT_RUNTIME, "eslint", "mocha", "fast-check", "prettier", "typescript-eslint", "@types/mocha"];

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

/** A copy of the repository's sources with its node_modules linked in, so building it leaves dist/ alone. */
export function copyOfRepository(root: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crb-repo-"));
    const entries = [
        "package.json",
        ".npmrc",
        "tsconfig.json",
        "index.ts",
        "policies",
        "tools",
        "test",
        "bench",
        "PulumiPolicy.yaml",
        "README.md",
        "CHANGELOG.md",
        "policy-config.example.json",
    ];
    for (const e of entries) if (fs.existsSync(path.join(root, e))) fs.cpSync(path.join(root, e), path.join(dir, e), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    return dir;
}

describe("publishing (pulumi policy publish, and Pulumi Cloud's install of an enforced pack)", function () {
    this.timeout(600_000);

    describe("the publishable directory (npm run pack:build)", () => {
        let base: string;
        let dir: string;
        before(() => {
            base = fs.mkdtempSync(path.join(os.tmpdir(), "crb-artefact-"));
            dir = buildArtefact(path.join(base, "pack")).dir;
        });
        after(() => fs.rmSync(base, { recursive: true, force: true }));

        it("has a package.json with runtime dependencies only: no scripts, no devDependencies, no TypeScript tooling or @pulumi/gcp", () => {
            const m = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<string, unknown> & {
                dependencies: Record<string, string>;
            };
            assert.equal(m.name, pkg.name);
            assert.equal(m.version, pkg.version);
            assert.equal(m.main, "index.js");
            assert.equal(m.scripts, undefined, "a script would run at npm pack or at the CLI's npm install");
            assert.equal(m.devDependencies, undefined, "the CLI's plain npm install would install devDependencies");
            for (const d of NOT_AT_RUNTIME) assert.equal(m.dependencies[d], undefined, d);
            assert.ok(m.dependencies["@pulumi/policy"] && m.dependencies["@pulumi/pulumi"]);
            assert.ok(fs.existsSync(path.join(dir, "index.js")));
            assert.ok(fs.existsSync(path.join(dir, "PulumiPolicy.yaml")));
        });

        it("`npm pack --loglevel=error` prints exactly the tarball's name, and the tarball holds compiled JavaScript only", async () => {
            const { stdout, tarball } = await packArtefact(dir);
            assert.equal(stdout, `${TARBALL}\n`);
            const files = await tarList(tarball);
            assert.ok(files.includes("package/index.js"), files.join(", "));
            assert.ok(files.includes("package/PulumiPolicy.yaml"));
            assert.deepEqual(
                files.filter((f) => f.endsWith(".ts") || f.endsWith(".map") || /package-lock|tsconfig/.test(f)),
                [],
                "no TypeScript, source maps, lockfile or tsconfig",
            );
        });
    });

    describe("the tarball installed as the CLI installs an enforced pack (buildPublishedPack)", () => {
        let dir: string;
        before(async () => {
            ({ dir } = await buildPublishedPack());
        });

        it("installs without dev tooling, TypeScript or @pulumi/gcp", () => {
            assert.ok(fs.existsSync(path.join(dir, "node_modules", "@pulumi", "policy")));
            for (const d of DEV_ONLY) assert.ok(!fs.existsSync(path.join(dir, "node_modules", d)), `${d} is installed`);
        });

        it("starts from compiled JavaScript and answers GetAnalyzerInfo and Analyze over the analyzer protocol", async () => {
            const pack = await PackProcess.start(dir, DEFAULT_CONTEXT);
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
    });

    describe("the repository root (pulumi preview --policy-pack <repo>, npm ci)", () => {
        let copy: string;
        before(() => {
            copy = copyOfRepository(ROOT);
        });
        after(() => fs.rmSync(copy, { recursive: true, force: true }));

        it("the prepare build prints nothing on stdout", async () => {
            const r = await sh(pkg.scripts.prepare, copy);
            assert.equal(r.code, 0, r.stderr);
            assert.equal(r.stdout, "");
            assert.ok(fs.existsSync(path.join(copy, "dist", "index.js")));
        });

        it("`npm pack --loglevel=error` prints exactly the tarball's name, though it runs the prepare build", async () => {
            const r = await sh("npm pack --loglevel=error", copy);
            assert.equal(r.code, 0, r.stderr);
            assert.equal(r.stdout, `${TARBALL}\n`);
        });
    });
});
