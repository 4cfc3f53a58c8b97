// Printing user-supplied text inside policy messages: quoted, escaped, bounded.
import { UNKNOWN } from "./values";

/** The longest piece of user text a message quotes, in code points. */
export const QUOTE_MAX = 80;

const ESCAPE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u{fffd}"\\]/gu;

function escapeChar(ch: string): string {
    switch (ch) {
        case "\n":
            return "\\n";
        case "\r":
            return "\\r";
        case "\t":
            return "\\t";
        case '"':
            return '\\"';
        case "\\":
            return "\\\\";
    }
    const cp = ch.codePointAt(0) ?? 0;
    return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, "0")}` : `\\u{${cp.toString(16)}}`;
}

/** `"text"` with control and format characters escaped, cut to `max` code points. */
export function quote(s: string, max: number = QUOTE_MAX): string {
    // Slice by UTF-16 first so a megabyte string costs no more than a short one.
    const head = s.length > max * 2 + 2 ? s.slice(0, max * 2 + 2) : s;
    const cps = Array.from(head);
    const total = head === s ? cps.length : undefined;
    const shown = cps.slice(0, max).join("").replace(ESCAPE, escapeChar);
    const cut = cps.length > max || total === undefined;
    return cut ? `"${shown}…" (${s.length} UTF-16 units, cut)` : `"${shown}"`;
}

/** A short, printable description of any value, for "found X" messages. */
export function describe(v: unknown): string {
    if (v === UNKNOWN) return "an unknown value";
    if (v === undefined) return "nothing";
    if (v === null) return "null";
    switch (typeof v) {
        case "string":
            return v === "" ? 'the empty string ""' : `the string ${quote(v)}`;
        case "boolean":
            return `the boolean ${v}`;
        case "number":
            return `the number ${Number.isFinite(v) ? v : String(v)}`;
        case "object":
            try {
                return Array.isArray(v) ? "an array" : "an object";
            } catch {
                return "an object";
            }
        default:
            return `a ${typeof v}`;
    }
}

/** Resource type and name as messages show them: `(gcp:cloudrunv2/service:Service: api)`. */
export function where(type: string, name: string): string {
    return `${type} ${quote(name)}`;
}

/** Makes a whole message printable: no control characters other than newlines survive. */
export function printable(message: string): string {
    return message.replace(/[\p{Cc}\p{Cf}]/gu, (ch) => (ch === "\n" ? ch : escapeChar(ch)));
}

/**
 * Placeholder words, alone or repeated, padded with separators or numbers: a text that starts with
 * one and holds nothing else says nothing. A linear token scan (the words are prefix-free and none
 * starts with a separator or digit, so the tokens are unique) catches a run of any length.
 */
const PLACEHOLDER_WORD = "n\\/a|none|na|todo|tbd|test|x|-|\\.|\\?";
const PLACEHOLDER_START = new RegExp(`^(?:${PLACEHOLDER_WORD})`, "u");
const PLACEHOLDER_TOKENS = new RegExp(`(?:${PLACEHOLDER_WORD}|[\\s,;:!/_]+|\\d+)`, "gu");

/** Whether a (trimmed) text is only placeholders: "n/a", "TODO", "n/a n/a n/a 1234", "---". */
export function isPlaceholder(s: string): boolean {
    const lower = s.toLowerCase();
    return PLACEHOLDER_START.test(lower) && lower.replace(PLACEHOLDER_TOKENS, "") === "";
}
