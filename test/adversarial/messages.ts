// What every message of the pack must be, whatever the input: printable, bounded, and not the
// last-resort fallback that means an exception escaped a policy body. Shared by the fuzzer and
// the adversarial corpus.
import { strict as assert } from "node:assert";

/**
 * Longest message the pack may print, even for 1 MB inputs, counting each escape sequence the pack
 * writes for an unprintable character (`\x1b`, `\u{200b}`) as the one character it stands for:
 * user text is cut by code points before it is escaped, so escapes may stretch a message, but never
 * beyond MESSAGE_MAX_RAW.
 */
export const MESSAGE_MAX = 8000;
export const MESSAGE_MAX_RAW = 4 * MESSAGE_MAX;

function show(s: string): string {
    return JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…(${s.length})` : s);
}

/** Printable (no Unicode Cc other than "\n"), bounded, and not "could not evaluate this input". */
export function assertWellFormed(policy: string, message: string): void {
    assert.equal(typeof message, "string", `${policy}: message is not a string`);
    assert.ok(message.length > 0, `${policy}: empty message`);
    const visible = message.replace(/\\u\{[0-9a-f]{1,6}\}|\\x[0-9a-f]{2}/g, "?").length;
    assert.ok(visible < MESSAGE_MAX, `${policy}: message of ${visible} characters (escapes counted as one): ${show(message)}`);
    assert.ok(message.length < MESSAGE_MAX_RAW, `${policy}: message of ${message.length} characters: ${show(message)}`);
    const bad = /\p{Cc}/u.exec(message.replace(/\n/g, ""));
    assert.equal(bad, null, `${policy}: message has control character U+${bad?.[0].codePointAt(0)?.toString(16)}: ${show(message)}`);
    assert.ok(!message.includes("could not evaluate this input"), `${policy}: an exception escaped the policy body: ${show(message)}`);
}
