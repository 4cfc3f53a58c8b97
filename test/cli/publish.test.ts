// The published pack under the real CLI: the artefact `pulumi policy publish` uploads, installed
// as the CLI installs an enforced pack (tools/publish/artefact.ts: npm pack --loglevel=error, then a
// plain npm install without a lockfile), previews the YAML twin of the non-compliant example with
// the same verdict as the repository's pack, on both CLI generations.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildPublishedPack } from "cloud-run-binauthz-tools/dist/publish/artefact";
import { generations, preview, requireCli, ROOT, tagged } from "./harness";

describe("real CLI: the published pack, installed as the CLI installs it", function () {
    this.timeout(900_000);

    let published: Awaited<ReturnType<typeof buildPublishedPack>> | undefined;

    for (const gen of generations())
        it(tagged(gen, "previews with the same verdict and findings as the repository's pack"), async function () {
            const cli = requireCli(this, gen);
            published ??= await buildPublishedPack();
            assert.ok(!fs.existsSync(path.join(published.dir, "node_modules", "typescript")), "no TypeScript in the published install");
            assert.ok(
                !fs.existsSync(path.join(published.dir, "node_modules", "@pulumi", "gcp")),
                "no @pulumi/gcp in the published install",
            );
            const program = path.join(ROOT, "examples", "yaml-noncompliant");
            const [fromPublished, fromRepo] = [
                await preview(cli, { programDir: program, packDir: published.dir }),
                await preview(cli, { programDir: program }),
            ];
            assert.equal(fromPublished.exitCode, gen.failExit, fromPublished.stdout + fromPublished.stderr);
            const key = (r: typeof fromRepo) =>
                r.diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} ${d.urn}\n${d.message}`).sort();
            assert.deepEqual(key(fromPublished), key(fromRepo));
        });
});
