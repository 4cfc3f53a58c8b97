// Outputs the provider did not return are unknown in a preview, in the Python SDK too (issue 18):
// the Python SDK (pulumi 3.272 from PyPI, with pulumi-docker 4.11.2 and pulumi-docker-build) runs in
// preview mode, and every docker and docker-build resource it registers is answered by the generic
// stand-in's own Check and Create(preview) over gRPC (test/cli/python-sdk/unknowns.py). The Node.js
// SDK's side is the corpus program docker-image-digest, which throws if repoDigest is known, under
// both engines (test/programs.test.ts, test/cli/programs.test.ts).
//
// The venv is built on first use from test/cli/python-sdk/requirements.txt and cached by its hash,
// like the CLI; without python3 or PyPI the test skips with one line, and under CI=true it fails.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeLaunchers } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins/launchers";
import { ROOT } from "./harness";

const SDK_DIR = path.join(ROOT, "test", "cli", "python-sdk");

/** The cached venv with the requirements installed, or why there is none. */
function pythonSdkVenv(): { python: string } | { missing: string } {
    const requirements = path.join(SDK_DIR, "requirements.txt");
    const hash = createHash("sha256").update(fs.readFileSync(requirements)).digest("hex").slice(0, 12);
    const cache = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
    const venv = path.join(cache, "cloud-run-binauthz", `python-sdk-${hash}`);
    const python = path.join(venv, "bin", "python");
    if (fs.existsSync(path.join(venv, ".complete"))) return { python };
    fs.rmSync(venv, { recursive: true, force: true });
    const steps: [string, string[]][] = [
        ["python3", ["-m", "venv", venv]],
        [python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements]],
    ];
    for (const [cmd, args] of steps) {
        const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 600_000 });
        if (r.status !== 0)
            return { missing: `${cmd} ${args.join(" ")} failed: ${(r.stderr || String(r.error ?? "")).trim().split("\n").pop()}` };
    }
    fs.writeFileSync(path.join(venv, ".complete"), "");
    return { python };
}

describe("real CLI: the Python SDK on the generic stand-in's preview answers", function () {
    this.timeout(900_000);

    it("docker's repoDigest and docker-build's ref and digest are unknown, imageName (an input) is known; a Cloud Run image on them is unknown", function () {
        const venv = pythonSdkVenv();
        if ("missing" in venv) {
            if (process.env.CI === "true") throw new Error(`real-CLI suite under CI=true: ${venv.missing}`);
            process.stdout.write(`Python SDK test skipped: ${venv.missing}\n`);
            return this.skip();
        }
        const bin = fs.mkdtempSync(path.join(os.tmpdir(), "py-sdk-"));
        try {
            writeLaunchers(bin, [
                { name: "docker", version: "4.11.2" },
                { name: "docker-build", version: "0.0.22" },
            ]);
            const r = spawnSync(
                venv.python,
                [
                    path.join(SDK_DIR, "unknowns.py"),
                    path.join(bin, "pulumi-resource-docker"),
                    path.join(bin, "pulumi-resource-docker-build"),
                ],
                // The stand-in launchers run `node`: this one.
                {
                    encoding: "utf8",
                    timeout: 120_000,
                    env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
                },
            );
            assert.equal(r.status, 0, r.stderr);
            const got = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
                known: Record<string, boolean>;
                images: Record<string, string>;
            };
            assert.deepEqual(got.known, { repoDigest: false, imageName: true, ref: false, digest: false });
            assert.deepEqual(got.images, {
                "on-digest": "<unknown>",
                "on-name": "us-central1-docker.pkg.dev/acme/apps/api:v3",
                "on-ref": "<unknown>",
            });
        } finally {
            fs.rmSync(bin, { recursive: true, force: true });
        }
    });
});
