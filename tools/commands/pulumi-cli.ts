// `npm run -s pulumi-cli [-- --generation ID|all]`: prints the directory that holds the real `pulumi`
// (and its language hosts), building them from Pulumi's Go modules on first use. Without
// --generation it is the default generation (v3.274.1); `--generation v3.60.0` is pulumi v3.60.0
// with Pulumi's own Node.js, Python and Go hosts; `all` prints one directory per line, in
// GENERATION_IDS order. `--no-build` only looks.
import { parseArgs } from "node:util";
import {
    DEFAULT_GENERATION,
    ensurePulumiCli,
    findPulumiCli,
    GENERATION_IDS,
    type GenerationId,
    generationOf,
    howToGet,
    NoCliError,
} from "../engines/pulumi/cli";

function main(argv: string[]): number {
    const { values } = parseArgs({
        args: argv,
        options: { "no-build": { type: "boolean" }, generation: { type: "string", multiple: true } },
        strict: true,
    });
    const asked = values.generation?.length ? values.generation : [DEFAULT_GENERATION];
    const ids: GenerationId[] = [];
    for (const a of asked) {
        if (a === "all") ids.push(...GENERATION_IDS);
        else {
            const gen = generationOf(a);
            if (!gen) {
                process.stderr.write(`pulumi-cli: unknown --generation ${a}: one of ${GENERATION_IDS.join(", ")} or all\n`);
                return 2;
            }
            ids.push(gen.id);
        }
    }
    try {
        for (const id of [...new Set(ids)]) {
            const started = Date.now();
            const cli = values["no-build"] ? findPulumiCli(id) : ensurePulumiCli(id);
            if (!cli) throw new NoCliError(howToGet(id));
            const from = { path: "PATH", cache: "the cache", built: "a fresh build" }[cli.source];
            process.stderr.write(
                `pulumi-cli: ${id}: pulumi ${cli.version} from ${from} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
            );
            process.stdout.write(`${cli.binDir}\n`);
        }
        return 0;
    } catch (e) {
        process.stderr.write(`pulumi-cli: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
    }
}

process.exitCode = main(process.argv.slice(2));
