// What the commands share on their way in and out: `--config KEY=VALUE` pairs, JSON files, usage
// errors, and the one-line error report (never a stack trace unless BINAUTHZ_DEBUG asks for it).
import * as fs from "node:fs";
import { InputError } from "../engines/builtin/sources";

/** Bad usage: the command prints the message and its usage text, exit 2. */
export class UsageError extends Error {}

/** `--config KEY=VALUE` pairs as stack config. */
export function configPairs(list: readonly string[] | undefined): Record<string, string> {
    const config: Record<string, string> = {};
    for (const kv of list ?? []) {
        const eq = kv.indexOf("=");
        if (eq <= 0) throw new UsageError(`--config takes KEY=VALUE, not ${JSON.stringify(kv)}`);
        config[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return config;
}

/** A JSON file, or an InputError that says why it cannot be read. */
export function readJsonFile(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
    }
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
}

/** An unexpected error in one line; BINAUTHZ_DEBUG=1 prints the details. */
export function unexpectedError(e: unknown): string {
    const debug = Boolean(process.env.BINAUTHZ_DEBUG);
    const detail = e instanceof Error ? (debug ? (e.stack ?? e.message) : e.message.split("\n")[0]) : String(e);
    return `error: ${detail}${debug ? "" : " (BINAUTHZ_DEBUG=1 prints the details)"}`;
}
