// A user's own pack composed with cloudRunBinauthzPolicies(...), run by the real CLI: every policy
// keeps the level the user's config and the defaults give it (an initialConfig entry without a
// level would read as advisory in the CLI's reconciliation, pkg/resource/analyzer/config.go), on
// both CLI generations.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { textEntries } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";
import { generations, preview, requireCli, ROOT, tagged } from "./harness";

/** Writes a pack that composes this one with `config` and returns its directory. */
function composedPack(config: unknown): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crb-user-pack-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "acme-security", version: "1.2.3", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
        path.join(dir, "index.js"),
        [
            `const { PolicyPack } = require("@pulumi/policy");`,
            `const { cloudRunBinauthzPolicies } = require(${JSON.stringify(path.join(ROOT, "dist", "policies"))});`,
            `const { policies, initialConfig } = cloudRunBinauthzPolicies(${JSON.stringify(config)});`,
            `new PolicyPack("acme-security", { policies }, initialConfig);`,
        ].join("\n"),
    );
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    return dir;
}

describe("real CLI: a user pack composed with cloudRunBinauthzPolicies", function () {
    this.timeout(600_000);
    const packs: string[] = [];
    after(() => packs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    for (const gen of generations()) {
        it(tagged(gen, "a policy configured without a level stays mandatory, as the defaults say"), async function () {
            const cli = requireCli(this, gen);
            const packDir = composedPack({ "cloud-run-breakglass-justified": { minLength: 30 } });
            packs.push(packDir);
            const r = await preview(cli, { programDir: path.join(ROOT, "examples", "yaml-noncompliant"), packDir });
            assert.equal(r.exitCode, gen.failExit, r.stdout + r.stderr);
            const levels = Object.fromEntries(r.diagnostics.map((d) => [d.policyName, d.enforcementLevel]));
            assert.equal(levels["cloud-run-breakglass-justified"], "mandatory");
            assert.equal(levels["cloud-run-binauthz-required"], "mandatory");
            assert.equal(levels["binauthz-allowlist-scoped"], "mandatory");
            assert.ok(r.diagnostics.every((d) => d.policyPackName === "acme-security" && d.policyPackVersion === "1.2.3"));
            const printed = textEntries(r.policiesSection);
            assert.equal(printed.length, r.diagnostics.length);
            assert.ok(
                printed.every((e) => e.pack === "acme-security" && e.version === "1.2.3"),
                r.policiesSection.join("\n"),
            );
            if (gen.section === "Policies:") assert.match(r.policiesSection.join("\n"), /❌ acme-security@v1\.2\.3/);
        });

        it(tagged(gen, "all: advisory with one policy's own level: that policy mandatory, the rest advisory"), async function () {
            const cli = requireCli(this, gen);
            const packDir = composedPack({ all: "advisory", "cloud-run-binauthz-required": "mandatory" });
            packs.push(packDir);
            const r = await preview(cli, { programDir: path.join(ROOT, "examples", "yaml-noncompliant"), packDir });
            assert.equal(r.exitCode, gen.failExit, r.stdout + r.stderr);
            const levels = Object.fromEntries(r.diagnostics.map((d) => [d.policyName, d.enforcementLevel]));
            assert.equal(levels["cloud-run-binauthz-required"], "mandatory");
            assert.equal(levels["cloud-run-breakglass-justified"], "advisory");
            assert.equal(levels["binauthz-allowlist-scoped"], "advisory");
        });
    }
});
