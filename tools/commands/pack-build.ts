// npm run pack:build: writes the publishable pack to dist/pack (or the directory given) and prints
// that directory on stdout. Run `pulumi policy publish <org>` there. See tools/publish/artefact.ts.
import * as path from "node:path";
import { buildArtefact } from "../publish/artefact";

function main(): number {
    const out = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
    try {
        const { dir, manifest } = buildArtefact(out);
        const deps = Object.entries(manifest.dependencies)
            .map(([n, v]) => `${n}@${v}`)
            .join(", ");
        process.stderr.write(`built ${manifest.name}@${manifest.version} (runtime dependencies: ${deps})\n`);
        process.stdout.write(`${dir}\n`);
        return 0;
    } catch (e) {
        process.stderr.write(`pack:build: ${(e as Error).message}\n`);
        return 1;
    }
}

process.exitCode = main();
