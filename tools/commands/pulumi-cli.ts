// `npm run -s pulumi-cli`: prints the directory that holds the real `pulumi` (and its YAML language
// host), building them from Pulumi's Go modules on first use. `--no-build` only looks.
import { parseArgs } from "node:util";
import { ensurePulumiCli, findPulumiCli, HOW_TO_GET_CLI, NoCliError } from "../engines/pulumi/cli";

function main(argv: string[]): number {
    const { values } = parseArgs({ args: argv, options: { "no-build": { type: "boolean" } }, strict: true });
    try {
        const cli = values["no-build"] ? findPulumiCli() : ensurePulumiCli();
        if (!cli) throw new NoCliError(HOW_TO_GET_CLI);
        process.stderr.write(
            `pulumi-cli: ${cli.version} from ${{ path: "PATH", cache: "the cache", built: "a fresh build" }[cli.source]}\n`,
        );
        process.stdout.write(`${cli.binDir}\n`);
        return 0;
    } catch (e) {
        process.stderr.write(`pulumi-cli: ${e instanceof NoCliError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
        return 1;
    }
}

process.exitCode = main(process.argv.slice(2));
