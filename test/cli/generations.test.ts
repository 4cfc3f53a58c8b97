// What differs between the two CLI generations beyond the examples, each named and pinned: the
// `remediate` level, a throwing policy's wording, a program whose SDK is missing (and the reason check
// then gives), and what the engine hands the pack (identical but for opts.parent, which v3.60 does not
// send and the pack does not read). None of these changes a verdict of the pack.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Generation, generations, preview, requireCli, ROOT, tagged } from "./harness";
import { failureReason } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";
import { runCheck } from "../checkCommand";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "crb-generations-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const YAML_NONCOMPLIANT = path.join(ROOT, "examples", "yaml-noncompliant");

/** What the dump pack saw of one resource: its props (or the SDK's words on an unknown it read), and its parent. */
interface Seen {
    props: string;
    parent?: string | null;
}

/** A pack in `work` with one advisory policy whose validateResource body is `body` (args, reportViolation). */
function pack(name: string, body: string): string {
    const dir = path.join(work, name);
    if (fs.existsSync(dir)) return dir;
    fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
    for (const p of ["pulumi", "policy"])
        fs.symlinkSync(path.join(ROOT, "node_modules", "@pulumi", p), path.join(dir, "node_modules", "@pulumi", p));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\nversion: 0.0.1\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `const { PolicyPack } = require("@pulumi/policy");
new PolicyPack(${JSON.stringify(name)}, { policies: [{ name: "probe", description: "A probe.", enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => { ${body} } }] });
`,
    );
    return dir;
}

describe("real CLI: what differs between the CLI generations, named", function () {
    this.timeout(600_000);
    const seen = new Map<string, Record<string, Seen>>();

    for (const gen of generations()) {
        const remediateTitle = gen.remediate
            ? "remediate: the pack switches Binary Authorization on for api, and three mandatory findings remain"
            : 'CLI difference: no remediate level, so the config is refused before any resource ("not a valid enforcement level")';
        it(tagged(gen, remediateTitle), async function () {
            const cli = requireCli(this, gen);
            const config = path.join(work, "remediate.json");
            fs.writeFileSync(config, JSON.stringify({ "cloud-run-binauthz-required": "remediate" }));
            const r = await preview(cli, { programDir: YAML_NONCOMPLIANT, policyPackConfig: config });
            assert.equal(r.exitCode, gen.failExit, r.stdout + r.stderr);
            if (gen.remediate) {
                assert.deepEqual(Object.values(r.remediated), [["cloud-run-binauthz-required"]]);
                assert.ok(Object.keys(r.remediated)[0].endsWith("::api"));
                assert.equal(r.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length, 3);
            } else {
                assert.deepEqual(r.diagnostics, []);
                assert.match(
                    r.stdout + r.stderr,
                    /parsing enforcement level for "cloud-run-binauthz-required": "remediate" is not a valid enforcement level/,
                );
            }
        });

        it(tagged(gen, "a throwing policy fails the whole preview, in the generation's words"), async function () {
            const cli = requireCli(this, gen);
            const packDir = pack("thrower", `throw new Error("boom");`);
            const r = await preview(cli, { programDir: YAML_NONCOMPLIANT, packDir });
            assert.equal(r.exitCode, gen.failExit, r.stdout + r.stderr);
            const prefix = gen.id === "v3.274.1" ? "failed to run policy: " : "";
            assert.ok(
                r.errors.some((e) => e.startsWith(`${prefix}Error validating resource with policy 'probe'`) && e.includes("boom")),
                JSON.stringify(r.errors),
            );
        });

        it(
            tagged(
                gen,
                "a Node.js program without @pulumi/pulumi: check refuses in one line before the preview; the host's own sentence differs by generation",
            ),
            async function () {
                requireCli(this, gen);
                const dir = path.join(work, `nosdk-${gen.id}`);
                fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: nosdk\nruntime: nodejs\n");
                fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "nosdk", main: "index.js" }));
                fs.writeFileSync(path.join(dir, "index.js"), "exports.x = 1;\n");
                const o = await runCheck([dir, "--engine", "pulumi"], ROOT, { CLOUD_RUN_BINAUTHZ_CLI_GENERATION: gen.id });
                assert.equal(o.code, 2, o.stderr);
                // check's own line, the same on both generations and under the built-in engine (issue 18).
                assert.match(o.stderr, /cannot load '@pulumi\/pulumi': its dependencies are not installed; run `npm install` in /);
                assert.equal(o.stderr.trimEnd().split("\n").length, 1, o.stderr);
                // The preview itself, without check's refusal: v3.274.1's host answers in RunResponse.error, which the engine words as an unhandled error
                // (program_source.go); v3.60's exits, leaving the event log only "error reading from server: EOF".
                const sentence =
                    gen.nodeHost === "stand-in"
                        ? "an unhandled error occurred: It looks like the Pulumi SDK has not been installed. Have you run pulumi install?"
                        : "It looks like the Pulumi SDK has not been installed. Have you run npm install or yarn install?";
                const r = await preview(requireCli(this, gen), { programDir: dir });
                assert.notEqual(r.exitCode, 0);
                assert.ok(failureReason(r).includes(sentence), failureReason(r));
            },
        );

        it(
            tagged(gen, "what the engine hands the pack: each resource's props and parent (recorded for the comparison)"),
            async function () {
                const cli = requireCli(this, gen);
                const packDir = pack(
                    "dump",
                    `reportViolation(JSON.stringify({ props: args.props, parent: args.opts.parent === undefined ? null : args.opts.parent }));`,
                );
                const r = await preview(cli, { programDir: YAML_NONCOMPLIANT, packDir });
                assert.equal(r.exitCode, 0, r.stdout + r.stderr);
                const byUrn: Record<string, Seen> = {};
                for (const d of r.diagnostics) {
                    const [first, ...rest] = d.message.split("\n");
                    if (first !== "A probe.") {
                        // Reading a prop that is unknown during preview stops the policy; @pulumi/policy says which.
                        byUrn[d.urn] = { props: d.message };
                        continue;
                    }
                    const seenBy = JSON.parse(rest.join("\n")) as { props: unknown; parent: string | null };
                    byUrn[d.urn] = { props: JSON.stringify(seenBy.props).replace(/-[0-9a-f]{7}"/g, '-XXXXXXX"'), parent: seenBy.parent };
                }
                const names = Object.keys(byUrn).map((u) => u.split("::").pop());
                for (const name of ["api", "batch", "binauthz", "resize", "source"]) assert.ok(names.includes(name), name);
                const resize = Object.entries(byUrn).find(([u]) => u.endsWith("::resize"))![1];
                assert.match(resize.props, /string value at \.buildConfig\.source\.storageSource\.bucket can't be known during preview/);
                seen.set(gen.id, byUrn);
            },
        );
    }

    it("both generations hand the pack the same props and unknowns; only v3.274.1 sets opts.parent (the stack), which no policy reads", function () {
        const gens: Generation[] = generations();
        if (gens.length < 2) this.skip();
        const [a, b] = gens.map((g) => seen.get(g.id));
        assert.ok(a && b, "both generations ran the dump pack");
        assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
        for (const urn of Object.keys(a)) {
            assert.equal(b[urn].props, a[urn].props, urn);
            if (a[urn].parent === undefined) continue;
            const topLevel = /::pulumi:pulumi:Stack::|::pulumi:providers:/.test(urn);
            if (topLevel) assert.equal(a[urn].parent, null, urn);
            else assert.match(a[urn].parent ?? "", /::pulumi:pulumi:Stack::/, urn);
            assert.equal(b[urn].parent, null, urn);
        }
        const sources = fs.readdirSync(path.join(ROOT, "policies"), { recursive: true }).filter((f) => String(f).endsWith(".ts"));
        for (const f of sources)
            assert.doesNotMatch(fs.readFileSync(path.join(ROOT, "policies", String(f)), "utf8"), /opts\.parent/, String(f));
    });
});
