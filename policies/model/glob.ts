// The pack's one glob language, for every config pattern: exemption `resource`, `allowedPolicies`,
// `allowedStacks`, `allowedPatterns` and `externalAllowlist`.
//
//   literal text   matches itself, case-sensitively; nothing is trimmed
//   ?              one character other than "/"
//   *              any run of characters other than "/" (within one path segment)
//   ** (or more)   any run of characters, "/" included (across path segments); a "**/" that
//                  starts a segment may also match nothing, so "**/api" matches "api" and "a/b/api"
//
// Nothing else is special, and what other glob dialects give a meaning to is refused rather than
// read literally, so a pattern never means something other than what its author thinks: negation
// (`!x`), extglob (`!(x)`, `@(x|y)`, `+(x)`), character classes (`[a-z]`, `[!z]`), braces (`{a,b}`)
// and backslash escapes. The schemas refuse them at Configure, and the pack refuses them again.
//
// Matching simulates the pattern's automaton over the text, one state set per character, with no
// backtracking: at most (pattern tokens × text characters) steps, and usually a few per character.

/** Characters the language refuses anywhere: classes, braces, extglob groups, negation, escapes. */
const REFUSED = /[[\]{}()!\\|]/u;

/** A JSON-schema `pattern` that accepts exactly the strings without refused characters. */
export const GLOB_SCHEMA_PATTERN = "^[^\\[\\]{}()!\\\\|]*$";

/**
 * The same, with at least one character that is not a wildcard. Written so that a backtracking
 * engine (Ajv's) stays linear: the leading run can only hold wildcards.
 */
export const NAMED_GLOB_SCHEMA_PATTERN = "^[*?]*[^\\[\\]{}()!\\\\|*?][^\\[\\]{}()!\\\\|]*$";

/** Longest glob the pack compiles; real patterns are far shorter. */
export const GLOB_MAX_LENGTH = 4096;

const ANY = -1; // ?
const STAR = -2; // *
const GLOBSTAR = -3; // **
const SKIP = -4; // before a "**/" that starts a segment: reads nothing, may jump past the "/"
const SLASH = 0x2f;

/** Why a glob is not in the language, or undefined when it is. */
export function globSyntaxProblem(g: string): string | undefined {
    if (g === "") return "is empty";
    if (g.length > GLOB_MAX_LENGTH) return `is longer than ${GLOB_MAX_LENGTH} characters`;
    const m = REFUSED.exec(g);
    if (!m) return undefined;
    const at = m.index;
    const ch = m[0];
    const what =
        ch === "(" && at > 0 && "!@+?*".includes(g[at - 1])
            ? `an extglob group ${g[at - 1]}(…)`
            : ch === "!" && g[at + 1] === "("
              ? "an extglob group !(…)"
              : ch === "!" && at === 0
                ? "a negation (leading !)"
                : ch === "[" || ch === "]"
                  ? "a character class [...]"
                  : ch === "{" || ch === "}"
                    ? "a brace expansion {a,b}"
                    : ch === "\\"
                      ? "a backslash escape"
                      : `the character ${JSON.stringify(ch)}`;
    return `uses ${what}, which the pack's glob language does not have (only literal text, ?, * and ** are); refused so that it cannot mean something other than intended`;
}

/** A compiled glob. */
export class Glob {
    private readonly tokens: Int32Array;
    /** Literal text before the first wildcard, and after the last one. */
    private readonly prefix: string;
    private readonly suffix: string;
    private readonly literal: boolean;
    private stamp = 0;
    private readonly marks: Uint32Array;
    /** State i may also move to i + 3 without reading: a SKIP before "**" and "/". */
    private readonly skip3: Uint8Array;

    constructor(readonly source: string) {
        const toks: number[] = [];
        let stars = 0;
        const flush = (): void => {
            if (stars === 1) toks.push(STAR);
            else if (stars > 1) toks.push(GLOBSTAR);
            stars = 0;
        };
        for (const ch of source) {
            if (ch === "*") {
                stars++;
                continue;
            }
            flush();
            toks.push(ch === "?" ? ANY : (ch.codePointAt(0) as number));
        }
        flush();
        // "**/" at the start of a segment may match nothing: a SKIP state before it jumps past it.
        // (The "**" loop itself must not jump, or "**/api" would match "xapi".)
        const withSkips: number[] = [];
        toks.forEach((t, i) => {
            if (t === GLOBSTAR && toks[i + 1] === SLASH && (i === 0 || toks[i - 1] === SLASH)) withSkips.push(SKIP);
            withSkips.push(t);
        });
        this.tokens = Int32Array.from(withSkips);
        this.marks = new Uint32Array(withSkips.length + 1);
        this.skip3 = new Uint8Array(withSkips.length + 1);
        withSkips.forEach((t, i) => {
            if (t === SKIP) this.skip3[i] = 1;
        });
        const first = source.search(/[*?]/);
        this.literal = first < 0;
        this.prefix = first < 0 ? source : source.slice(0, first);
        const tail = /[*?][^*?]*$/.exec(source);
        // After "**", a "/" may match nothing ("**/api" matches "api"): leave it out of the check.
        const after = tail ? tail[0].slice(1) : "";
        this.suffix = after.startsWith("/") && tail?.[0][0] === "*" ? after.slice(1) : after;
    }

    /** Whether the whole of `text` matches. */
    match(text: string): boolean {
        if (this.literal) return text === this.source;
        if (!text.startsWith(this.prefix) || !text.endsWith(this.suffix)) return false;
        const n = this.tokens.length;
        let cur: number[] = [];
        this.add(cur, 0, this.nextStamp());
        for (const ch of text) {
            const cp = ch.codePointAt(0) as number;
            const next: number[] = [];
            const stamp = this.nextStamp();
            for (const i of cur) {
                if (i === n) continue;
                const t = this.tokens[i];
                if (t === GLOBSTAR) this.add(next, i, stamp);
                else if (t === STAR) {
                    if (cp !== SLASH) this.add(next, i, stamp);
                } else if (t === ANY) {
                    if (cp !== SLASH) this.add(next, i + 1, stamp);
                } else if (t === cp) this.add(next, i + 1, stamp);
            }
            if (next.length === 0) return false;
            cur = next;
        }
        return cur.includes(n);
    }

    /**
     * Whether the pattern leaves a slot wildcard-only: there is a context (a prefix from
     * `before`, a suffix from `after`) in which every one of `samples` fills the slot and matches.
     * Decided on the automaton: the states the prefix can lead to, intersected with the states from
     * which each sample (then a suffix) reaches the end.
     */
    acceptsEverySample(before: ContextStart, samples: readonly string[], after: ContextEnd): boolean {
        const n = this.tokens.length;
        let candidates = this.contextStates(before);
        const end = this.endStates(after);
        for (const s of samples) {
            const co = this.coStates(s, end);
            let any = false;
            for (let i = 0; i <= n; i++) {
                candidates[i] = candidates[i] & co[i];
                if (candidates[i]) any = true;
            }
            if (!any) return false;
            candidates = candidates.slice();
        }
        return true;
    }

    private nextStamp(): number {
        if (this.stamp >= 0xfffffffe) {
            this.marks.fill(0);
            this.stamp = 0;
        }
        return ++this.stamp;
    }

    /** Adds state i and the states its wildcards may skip to. */
    private add(list: number[], i: number, stamp: number): void {
        const n = this.tokens.length;
        for (let j = i; j <= n; j++) {
            if (this.marks[j] === stamp) return;
            this.marks[j] = stamp;
            list.push(j);
            if (this.skip3[j]) this.add(list, j + 3, stamp);
            if (j === n || !isEpsilon(this.tokens[j])) return;
        }
    }

    /** Dense state set after reading `text` from the dense set `from`. */
    private forward(from: Uint8Array, text: string): Uint8Array {
        const n = this.tokens.length;
        let cur = closeForward(from, this.tokens, this.skip3);
        for (const ch of text) {
            const cp = ch.codePointAt(0) as number;
            const next = new Uint8Array(n + 1);
            for (let i = 0; i < n; i++) {
                if (!cur[i]) continue;
                const t = this.tokens[i];
                if (t === GLOBSTAR || (t === STAR && cp !== SLASH)) next[i] = 1;
                else if ((t === ANY && cp !== SLASH) || t === cp) next[i + 1] = 1;
            }
            cur = closeForward(next, this.tokens, this.skip3);
        }
        return cur;
    }

    /** States some string the context allows can lead to. */
    private contextStates(before: ContextStart): Uint8Array {
        const n = this.tokens.length;
        const start = new Uint8Array(n + 1);
        start[0] = 1;
        let s = this.forward(start, before.literal ?? "");
        if (before.anyText) {
            // Any text reaches every later state: read the pattern's own literals.
            let seen = false;
            for (let i = 0; i <= n; i++) {
                seen ||= s[i] === 1;
                if (seen) s[i] = 1;
            }
        } else if (before.oneSegment) {
            // Text without "/" reaches every later state up to a literal "/".
            const out = new Uint8Array(n + 1);
            let open = false;
            for (let i = 0; i <= n; i++) {
                if (s[i]) open = true;
                if (open) out[i] = 1;
                if (i < n && this.tokens[i] === SLASH) open = false;
            }
            s = out;
        }
        if (before.then !== undefined) s = this.forward(s, before.then);
        return s;
    }

    /** States from which some string the suffix context allows reaches the end. */
    private endStates(after: ContextEnd): Uint8Array {
        const n = this.tokens.length;
        const out = new Uint8Array(n + 1);
        out[n] = 1;
        if (after === "segmentThenAny") {
            // "/" and then any text: every state that can read "/" can then reach the end.
            for (let i = 0; i < n; i++) {
                const t = this.tokens[i];
                if (t === GLOBSTAR || t === SLASH) out[i] = 1;
            }
        }
        return closeBackward(out, this.tokens, this.skip3);
    }

    /** States from which `text` followed by an `end` state's suffix reaches the end. */
    private coStates(text: string, end: Uint8Array): Uint8Array {
        const n = this.tokens.length;
        const cps = Array.from(text, (c) => c.codePointAt(0) as number);
        let co = end;
        for (let k = cps.length - 1; k >= 0; k--) {
            const cp = cps[k];
            const prev = new Uint8Array(n + 1);
            for (let i = 0; i < n; i++) {
                const t = this.tokens[i];
                if (t === GLOBSTAR || (t === STAR && cp !== SLASH)) prev[i] = co[i];
                else if ((t === ANY && cp !== SLASH) || t === cp) prev[i] = co[i + 1];
            }
            co = closeBackward(prev, this.tokens, this.skip3);
        }
        return co;
    }
}

/** Where the slot starts: after a fixed literal, then optionally any text or one segment, then `then`. */
export interface ContextStart {
    literal?: string;
    anyText?: boolean;
    oneSegment?: boolean;
    then?: string;
}

/** What may follow the slot: nothing, or "/" and then anything. */
export type ContextEnd = "nothing" | "segmentThenAny";

/** A wildcard may match nothing: reaching its state reaches the next one too. */
function isEpsilon(t: number): boolean {
    return t === STAR || t === GLOBSTAR || t === SKIP;
}

function closeForward(s: Uint8Array, tokens: Int32Array, skip3: Uint8Array): Uint8Array {
    for (let i = 0; i < tokens.length; i++) {
        if (!s[i]) continue;
        if (isEpsilon(tokens[i])) s[i + 1] = 1;
        if (skip3[i]) s[i + 3] = 1;
    }
    return s;
}

function closeBackward(s: Uint8Array, tokens: Int32Array, skip3: Uint8Array): Uint8Array {
    for (let i = tokens.length - 1; i >= 0; i--) {
        if (s[i + 1] && isEpsilon(tokens[i])) s[i] = 1;
        if (skip3[i] && s[i + 3]) s[i] = 1;
    }
    return s;
}

/** A glob compiled, or why the language refuses it. */
export function compileGlob(g: string): Glob | { error: string } {
    const problem = globSyntaxProblem(g);
    return problem === undefined ? new Glob(g) : { error: problem };
}

/** Whether any glob matches `s`. */
export function matchesAny(list: readonly Glob[], s: string): boolean {
    for (const g of list) if (g.match(s)) return true;
    return false;
}
