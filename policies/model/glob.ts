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
     *
     * Cost stays near-linear in the pattern: the context search is pairs × character classes
     * (contextStates), a "**" the context reaches that can end the match decides at once, and each
     * sample is read over sparse state sets (coStates), from whichever side is smaller.
     */
    acceptsEverySample(before: ContextDfa, samples: readonly string[], after: ContextEnd): boolean {
        const n = this.tokens.length;
        const inContext = this.contextStates(before);
        const end = this.endStates(after);
        let candidates: number[] = [];
        let ends = 0;
        for (let i = 0; i <= n; i++) {
            if (end[i]) ends++;
            if (!inContext[i]) continue;
            // "**" reads any sample and stays; if the end is reachable from it, every sample matches.
            if (i < n && this.tokens[i] === GLOBSTAR && end[i]) return true;
            candidates.push(i);
        }
        const marks = new Uint32Array(n + 1);
        const stamp = { value: 0 };
        for (const s of samples) {
            if (candidates.length === 0) return false;
            const co = this.coStates(s, end, candidates, candidates.length <= ends, marks, stamp);
            candidates = candidates.filter((i) => co.has(i));
        }
        return candidates.length > 0;
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
     * (context state, pattern state) pairs. A literal token reads its own character; a wildcard
     * reads one representative of each class of characters the context tells apart (moveClasses),
     * so the cost is pairs × classes, whatever the pattern's own alphabet.
     */
    private contextStates(ctx: ContextDfa): Uint8Array {
        const n = this.tokens.length;
        const width = n + 1;
        const moves = moveClasses(ctx);
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
            if (t >= 0) {
                const d2 = ctx.step(d, t);
                if (d2 >= 0) push(d2, i + 1);
            } else if (t === GLOBSTAR || t === STAR || t === ANY) {
                const stay = t === ANY ? i + 1 : i;
                for (const m of moves[d]) if (t === GLOBSTAR || !m.slash) push(m.next, stay);
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

    /**
     * Which of `from` reach the end by reading `text` and then a suffix from an `end` state. Read
     * backwards from the end states over sparse sets; with `restrict`, first forwards from `from`,
     * so that the backward pass visits only states `from` can reach (cheap when `from` is small,
     * as the end states may be most of the pattern).
     */
    private coStates(
        text: string,
        end: Uint8Array,
        from: readonly number[],
        restrict: boolean,
        marks: Uint32Array,
        stamp: { value: number },
    ): Set<number> {
        const n = this.tokens.length;
        const tokens = this.tokens;
        const cps = Array.from(text, (c) => c.codePointAt(0) as number);
        const next = (): number => {
            if (stamp.value >= 0xfffffffe) {
                marks.fill(0);
                stamp.value = 0;
            }
            return ++stamp.value;
        };
        // Forward: the states `from` can be in after each prefix of the text (closed under ε).
        let reach: Set<number>[] | undefined;
        if (restrict) {
            reach = [];
            let cur = this.closeForward(from);
            reach.push(cur);
            for (const cp of cps) {
                const out: number[] = [];
                for (const i of cur) {
                    if (i === n) continue;
                    const t = tokens[i];
                    if (t === GLOBSTAR || (t === STAR && cp !== SLASH)) out.push(i);
                    else if ((t === ANY && cp !== SLASH) || t === cp) out.push(i + 1);
                }
                if (out.length === 0) return new Set();
                cur = this.closeForward(out);
                reach.push(cur);
            }
        }
        const allowed = (k: number, i: number): boolean => reach === undefined || reach[k].has(i);
        // Backward: states from which the rest of the text, then the suffix, reaches the end.
        let co: number[] = [];
        for (let i = 0; i <= n; i++) if (end[i] && allowed(cps.length, i)) co.push(i);
        for (let k = cps.length - 1; k >= 0 && co.length; k--) {
            const cp = cps[k];
            const st = next();
            const out: number[] = [];
            const add = (i: number): void => {
                if (i < 0 || marks[i] === st || !allowed(k, i)) return;
                marks[i] = st;
                out.push(i);
            };
            for (const j of co) {
                const tj = j < n ? tokens[j] : 0;
                if (j < n && (tj === GLOBSTAR || (tj === STAR && cp !== SLASH))) add(j);
                if (j > 0) {
                    const ti = tokens[j - 1];
                    if ((ti === ANY && cp !== SLASH) || ti === cp) add(j - 1);
                }
            }
            // Close backwards: a state reaches `x` without reading if it is ε before it, or skips to it.
            for (let q = 0; q < out.length; q++) {
                const x = out[q];
                if (x > 0 && isEpsilon(tokens[x - 1])) add(x - 1);
                if (x >= 3 && this.skip3[x - 3]) add(x - 3);
            }
            co = out;
        }
        return new Set(co);
    }

    /** The states reachable from `states` without reading (ε moves and "**\/" skips). */
    private closeForward(states: readonly number[]): Set<number> {
        const n = this.tokens.length;
        const out = new Set<number>();
        const queue = [...states];
        while (queue.length) {
            const i = queue.pop() as number;
            if (out.has(i)) continue;
            out.add(i);
            if (i < n && isEpsilon(this.tokens[i])) queue.push(i + 1);
            if (this.skip3[i]) queue.push(i + 3);
        }
        return out;
    }
}

/**
 * A context automaton over code points: state 0 starts, `step` gives the next state or -1, and the
 * slot begins in state `accept`. Every character outside `chars`, ":" and "/" must step alike
 * (as U+E000 does), so that a wildcard needs to try only one of them.
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

/** A character the context automaton treats like every character it does not name. */
const OTHER = 0xe000;

const moveCache = new WeakMap<ContextDfa, { next: number; slash: boolean }[][]>();

/**
 * For each context state, the distinct moves one character can make: the next state, and whether
 * that character is "/" (which * and ? cannot read). Characters the context does not name step
 * like OTHER, so the context's own characters, ":", "/" and OTHER are every class there is.
 */
function moveClasses(ctx: ContextDfa): { next: number; slash: boolean }[][] {
    const hit = moveCache.get(ctx);
    if (hit) return hit;
    const alphabet = [...new Set<number>([0x3a, SLASH, OTHER, ...ctx.chars])];
    const out: { next: number; slash: boolean }[][] = [];
    for (let d = 0; d < ctx.states; d++) {
        const seen = new Set<number>();
        const list: { next: number; slash: boolean }[] = [];
        for (const cp of alphabet) {
            const next = ctx.step(d, cp);
            if (next < 0) continue;
            const slash = cp === SLASH;
            const key = next * 2 + (slash ? 1 : 0);
            if (seen.has(key)) continue;
            seen.add(key);
            list.push({ next, slash });
        }
        // A move some non-"/" character makes is open to * and ?: drop its "/"-only duplicate.
        out.push(list.filter((m) => !m.slash || !list.some((o) => !o.slash && o.next === m.next)));
    }
    moveCache.set(ctx, out);
    return out;
}

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
