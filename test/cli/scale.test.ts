// 5,000 non-compliant services in one stack through the real CLI: the preview completes (no 4 MiB
// failure in the language host's policy proxy), every service is blocked, and stack policies sum up
// after their first 100 findings so that the Policies section stays readable; on both CLI
// generations (v3.60 runs the pack without a proxy, so it has no 4 MiB limit to meet at all).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generations, preview, requireCli, tagged } from "./harness";

const SERVICES = 5000;
const PROJECTS = 250;

/** Services with Binary Authorization off, built from source (buildConfig) in 250 projects whose policies the stack does not hold. */
function program(): string {
    const lines = ["name: scale", "runtime: yaml", "resources:"];
    for (let i = 0; i < SERVICES; i++) {
        const project = `acme-p${i % PROJECTS}`;
        lines.push(
            `  svc${i}:`,
            "    type: gcp:cloudrunv2:Service",
            "    properties:",
            `      project: ${project}`,
            "      location: us-central1",
            // Built from source: only a workload's own build needs the cloud-run-source-deploy exemption.
            "      buildConfig:",
            `        sourceLocation: gs://${project}-sources/svc${i}.zip`,
            "        functionTarget: handler",
            "      template:",
            "        containers:",
            `          - image: us-central1-docker.pkg.dev/${project}/cloud-run-source-deploy/svc${i}:v1`,
        );
    }
    return `${lines.join("\n")}\n`;
}

describe("real CLI: 5,000 non-compliant services in one stack", function () {
    this.timeout(1_800_000);

    for (const gen of generations())
        it(tagged(gen, "the preview completes, blocks every service, and stack findings are summed up after 100"), async function () {
            const cli = requireCli(this, gen);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crb-scale-"));
            try {
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program());
                const r = await preview(cli, { programDir: dir });
                assert.equal(r.exitCode, gen.failExit, r.stderr.slice(-2000));
                assert.deepEqual(
                    r.errors.filter((e) => e !== "preview failed"),
                    [],
                );
                const required = r.diagnostics.filter((d) => d.policyName === "cloud-run-binauthz-required");
                assert.equal(required.length, SERVICES);
                assert.ok(required.every((d) => d.enforcementLevel === "mandatory"));
                const unverified = r.diagnostics.filter((d) => d.policyName === "binauthz-allowlist-unverified");
                assert.equal(unverified.length, 101, "100 findings in full, then one summary");
                assert.match(unverified[100].message, /150 more findings of binauthz-allowlist-unverified/);
                assert.ok(r.policiesSection.length > 0);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
});
