// Every bundled example through `pulumi preview --policy-pack` with the real CLI (text and --json),
// and the same program through the built-in engine behind `check`: same verdict, same findings.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_CONTEXT, type Diagnostic } from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import { runPolicies } from "cloud-run-binauthz-tools/dist/engines/builtin/run";
import { formatText } from "cloud-run-binauthz-tools/dist/report/format";
import { EXPECTED, YAML_TWINS } from "cloud-run-binauthz-tools/dist/commands/demo";
import { loadSource } from "cloud-run-binauthz-tools/dist/engines/builtin/sources";
import type { PreviewResult } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";
import { preview, requireCli, ROOT } from "./harness";

/** Each example, the mandatory policies it trips, and for YAML twins the Node.js program they mirror (from the demo). */
const EXAMPLES: Record<string, { mandatory: string[]; twin?: string }> = Object.fromEntries(
    Object.entries(EXPECTED).map(([name, mandatory]) => [name, { mandatory, twin: YAML_TWINS[name] }]),
);

/** A finding as both engines report it, with the URN's project part dropped (twins differ only there). */
function finding(d: Diagnostic): string {
    const urn = d.urn.replace(/^urn:pulumi:([^:]+)::[^:]+::/, "urn:pulumi:$1::PROJECT::");
    return `${d.enforcementLevel} ${d.policyName} ${urn}\n${d.message}`;
}

function mandatory(diags: Diagnostic[]): string[] {
    return [...new Set(diags.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName))].sort();
}

async function builtin(example: string): Promise<{ findings: string[]; entries: string[] }> {
    const loaded = await loadSource(path.join(ROOT, "examples", example), DEFAULT_CONTEXT);
    const result = await runPolicies({ packDir: ROOT, resources: loaded.resources, ctx: loaded.ctx });
    const text = formatText(result, example).split("\n");
    return { findings: result.diagnostics.map(finding).sort(), entries: entries(text.slice(0, text.indexOf(""))) };
}

/** The Policies section's entries (a `- [level]` line and its message lines), sorted, project names masked. */
function entries(section: string[]): string[] {
    const out: string[] = [];
    for (const line of section.slice(2)) {
        if (line.startsWith("        - [")) out.push(line);
        else if (out.length) out[out.length - 1] += `\n${line}`;
    }
    return out.map((e) => e.replace(/binauthz-(yaml-)?(non)?compliant/g, "PROJECT")).sort();
}

describe("real CLI: every example under pulumi preview --policy-pack", function () {
    this.timeout(600_000);

    it("covers every example directory", () => {
        const dirs = fs.readdirSync(path.join(ROOT, "examples")).filter((n) => fs.statSync(path.join(ROOT, "examples", n)).isDirectory());
        assert.deepEqual(dirs.sort(), Object.keys(EXAMPLES).sort());
    });

    for (const [example, expected] of Object.entries(EXAMPLES)) {
        describe(`examples/${example}`, () => {
            let text: PreviewResult;

            it(`exits ${expected.mandatory.length ? 1 : 0} with the expected mandatory policies, each in the Policies section`, async function () {
                const cli = requireCli(this);
                text = await preview(cli, { programDir: path.join(ROOT, "examples", example) });
                assert.deepEqual(
                    text.errors.filter((e) => e !== "preview failed"),
                    [],
                    text.stdout + text.stderr,
                );
                assert.equal(text.exitCode, expected.mandatory.length ? 1 : 0, text.stdout + text.stderr);
                assert.deepEqual(mandatory(text.diagnostics), [...expected.mandatory].sort());
                const section = text.policiesSection.join("\n");
                for (const d of text.diagnostics) {
                    const level = d.enforcementLevel === "mandatory" ? "mandatory" : "advisory";
                    assert.match(
                        section,
                        new RegExp(`- \\[${level}\\] \\[severity: ${d.severity}\\]  ${d.policyName}  \\(`),
                        `${d.policyName} in\n${section}`,
                    );
                    for (const line of d.message.split("\n").filter((l) => l.trim()))
                        assert.ok(section.includes(line.trim()), `line ${JSON.stringify(line)} in\n${section}`);
                }
            });

            it("gives the same exit code and findings with --json", async function () {
                const cli = requireCli(this);
                const json = await preview(cli, { programDir: path.join(ROOT, "examples", example), json: true });
                assert.equal(json.exitCode, expected.mandatory.length ? 1 : 0, json.stdout + json.stderr);
                const digest = JSON.parse(json.stdout) as { steps?: unknown[] };
                assert.ok(Array.isArray(digest.steps) && digest.steps.length > 0, "the preview digest lists steps");
                assert.deepEqual(json.diagnostics.map(finding).sort(), text.diagnostics.map(finding).sort());
            });

            it("check's built-in engine reports the same findings, and prints the same Policies section", async function () {
                requireCli(this);
                const b = await builtin(expected.twin ?? example);
                assert.deepEqual(text.diagnostics.map(finding).sort(), b.findings);
                assert.deepEqual(entries(text.policiesSection), b.entries);
            });
        });
    }
});
