// Policy config files through the real CLI, on both generations: what `pulumi preview
// --policy-pack-config` really does with each, pinned, and validate-config classifying each case the
// way the CLI treats it (an error where the preview fails, a warning where the CLI silently ignores).
// Both generations print the same error lines; v3.60 exits 255 for 1, and a passing pack gets no
// line of its own there (no "Policies:" section).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkConfigDocument } from "cloud-run-binauthz-tools/dist/commands/validate-config";
import type { PreviewResult } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";
import { generations, preview, requireCli, ROOT, tagged } from "./harness";

interface Case {
    name: string;
    config: unknown;
    /** Whether the preview fails (exit 1 on v3.274.1, 255 on v3.60). */
    fails: boolean;
    /** A line the CLI prints (stdout), pinned from a real run. */
    prints?: RegExp;
    validate: "valid" | "warning" | "error";
}

const CASES: Case[] = [
    {
        name: "a valid file",
        config: { all: "mandatory", "cloud-run-breakglass-justified": { minLength: 30 } },
        fails: false,
        validate: "valid",
    },
    {
        name: "a misspelled policy name with properties",
        config: { "cloud-run-breakglass-justifed": { minLength: 30 } },
        fails: true,
        prints: /error: configuring policy pack "cloud-run-binauthz" at "[^"]+": invalid enforcement level ""/,
        validate: "error",
    },
    {
        name: "a misspelled policy name with only a level",
        config: { "cloud-run-breakglass-justifed": "mandatory" },
        fails: false,
        validate: "warning",
    },
    {
        name: "a wrong type",
        config: { "cloud-run-breakglass-justified": { minLength: "thirty" } },
        fails: true,
        prints: /validating policy config: cloud-run-binauthz \d+\.\d+\.\d+ {2}cloud-run-breakglass-justified: minLength: Invalid type\. Expected: integer, given: string/,
        validate: "error",
    },
    { name: "an unknown key", config: { "cloud-run-breakglass-justified": { minLenght: 30 } }, fails: false, validate: "warning" },
];

describe("real CLI: policy config files", function () {
    this.timeout(600_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crb-config-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const gen of generations())
        for (const c of CASES) {
            const exit = c.fails ? gen.failExit : 0;
            it(
                tagged(
                    gen,
                    `${c.name}: the CLI exits ${exit}${c.prints ? " and prints its error" : ""}; validate-config says ${c.validate}`,
                ),
                async function () {
                    const cli = requireCli(this, gen);
                    const file = path.join(dir, `${c.name.replace(/\W+/g, "-")}.json`);
                    fs.writeFileSync(file, JSON.stringify(c.config));
                    const r: PreviewResult = await preview(cli, {
                        programDir: path.join(ROOT, "examples", "yaml-compliant"),
                        policyPackConfig: file,
                    });
                    assert.equal(r.exitCode, exit, r.stdout + r.stderr);
                    if (c.prints) assert.match(r.stdout + r.stderr, c.prints);
                    else if (gen.section === "Policies:") assert.match(r.policiesSection.join("\n"), /✅ cloud-run-binauthz@v/);
                    else assert.deepEqual(r.policiesSection, [], "v3.60 prints a section only for findings");

                    const { errors, warnings } = checkConfigDocument(c.config, ROOT);
                    const verdict = errors.length ? "error" : warnings.length ? "warning" : "valid";
                    assert.equal(verdict, c.validate, JSON.stringify({ errors, warnings }));
                    // validate-config's error is the CLI's own line.
                    if (c.prints)
                        assert.ok(
                            errors.some((e) => c.prints!.test(e.startsWith("configuring") ? `error: ${e}` : e)),
                            JSON.stringify(errors),
                        );
                },
            );
        }
});
