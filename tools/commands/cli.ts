#!/usr/bin/env node
// The package's bin: `cloud-run-binauthz check|validate-config|demo ...`. Through `npx` or a global
// install it prints only the command's own output, so `> report.sarif` captures no npm banner.
import { main as check } from "./check";
import { main as demo } from "./demo";
import { main as validateConfig } from "./validate-config";

const USAGE = `usage: cloud-run-binauthz <command> [args]

  check DIR|FILE [options]   run the pack offline over a program, stack export or preview JSON
  validate-config FILE       check a policy config file against the pack's schemas
  demo                       check every bundled example and print the verdicts

Run a command with --help for its options.`;

/** Dispatches to a command; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "check":
            return check(rest);
        case "validate-config":
            return validateConfig(rest);
        case "demo":
            return demo();
        case "--help":
        case "-h":
        case "help":
            process.stdout.write(`${USAGE}\n`);
            return 0;
        default:
            process.stderr.write(`${command ? `error: unknown command ${JSON.stringify(command)}\n\n` : ""}${USAGE}\n`);
            return 2;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
