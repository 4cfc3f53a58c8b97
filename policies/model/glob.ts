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
     * Whether the pattern leaves a slot wildcard-only: there is a context (a prefix `before`
     * accepts, then a suffix from `after`) in which every one of `samples` fills the slot and
     * matches. Decided on the automaton: the states some prefix can lead to, intersected with the
     * states from which each sample (then a suffix) reaches the end.
     */
    acceptsEverySample(before: ContextDfa, samples: readonly string[], after: ContextEnd): boolean {
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

    /**
     * Pattern states in which some prefix the context automaton accepts can end: a search over
     * (context state, pattern state) pairs, on the pattern's own characters, ":", "/" and one
     * character that is none of them.
     */
    private contextStates(ctx: ContextDfa): Uint8Array {
        const n = this.tokens.length;
        const width = n + 1;
        const alphabet = new Set<number>([0x3a, SLASH, 0xe000, ...ctx.chars]);
        for (const t of this.tokens) if (t >= 0) alphabet.add(t);
        const seen = new Uint8Array(ctx.states * width);
        const out = new Uint8Array(width);
        const queue: number[] = [0];
        seen[0] = 1;
        const push = (d: number, i: number): void => {
            const k = d * width + i;
            if (!seen[k]) {
                seen[k] = 1;
                queue.push(k);
            }
        };
        while (queue.length) {
            const k = queue.pop() as number;
            const d = Math.floor(k / width);
            const i = k % width;
            if (d === ctx.accept) out[i] = 1;
            if (i === n) continue;
            const t = this.tokens[i];
            if (isEpsilon(t)) push(d, i + 1);
            if (this.skip3[i]) push(d, i + 3);
            for (const cp of alphabet) {
                const d2 = ctx.step(d, cp);
                if (d2 < 0) continue;
                if (t === GLOBSTAR || (t === STAR && cp !== SLASH)) push(d2, i);
                else if ((t === ANY && cp !== SLASH) || t === cp) push(d2, i + 1);
            }
        }
        return out;
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

/**
 * A context automaton over code points: state 0 starts, `step` gives the next state or -1, and the
 * slot begins in state `accept`.
 */
export interface ContextDfa {
    states: number;
    accept: number;
    /** Characters the automaton treats specially (besides ":" and "/"). */
    chars: readonly number[];
    step(state: number, cp: number): number;
}

/** What may follow the slot: nothing, or "/" and then anything. */
export type ContextEnd = "nothing" | "segmentThenAny";

/** A wildcard may match nothing: reaching its state reaches the next one too. */
function isEpsilon(t: number): boolean {
    return t === STAR || t === GLOBSTAR || t === SKIP;
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
