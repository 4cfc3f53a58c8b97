// Which config globs are catch-alls: a glob whose identifying segment (the resource name, the
// stack, the project, the registry host) is wildcard-only accepts what nobody chose, and would
// switch a check off. Decided by what the glob matches: random identifiers of the segment's shape
// (generated once, from a fixed seed, so a verdict never changes between runs) are put in the slot,
// and the glob is a catch-all when, in some context it accepts, it matches every one of them.
import type { ContextDfa, ContextEnd, Glob } from "./glob";

/** Keys whose globs are checked, and what each one's targets look like. */
export type GlobKey = "exemptions" | "allowedStacks" | "allowedPolicies" | "allowedPatterns";

const SAMPLES = 24;

function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function generate(seed: number, count: number, make: (rnd: () => number) => string): string[] {
    const rnd = prng(seed);
    return Array.from({ length: count }, () => make(rnd));
}

function word(rnd: () => number, alphabet: string, min: number, max: number): string {
    const len = min + Math.floor(rnd() * (max - min + 1));
    let s = "";
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    return s;
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const NAME_CHARS = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_`;

/** Resource names: a letter, then letters, digits, - and _. */
const RESOURCE_NAMES = generate(1, SAMPLES, (r) => word(r, LOWER, 1, 1) + word(r, NAME_CHARS, 2, 24));
/** Stack names. */
const STACK_NAMES = generate(2, SAMPLES, (r) => word(r, LOWER, 1, 1) + word(r, `${LOWER}0123456789-_.`, 1, 16));
/** Project ids: 6 to 30 characters, a letter first. */
const PROJECT_IDS = generate(3, SAMPLES, (r) => word(r, LOWER, 1, 1) + word(r, `${LOWER}0123456789-`, 4, 28) + word(r, LOWER, 1, 1));
/** Registry hosts. */
const HOSTS = generate(4, SAMPLES, (r) => `${word(r, LOWER, 3, 12)}.${word(r, LOWER, 2, 6)}`);

const COLON = 0x3a;
const SLASH = 0x2f;

/** The empty context: the slot is the whole text. */
const NOTHING_BEFORE: ContextDfa = { states: 1, accept: 0, chars: [], step: () => -1 };

const cpsOf = (text: string): number[] => Array.from(text, (c) => c.codePointAt(0) as number);

/** A fixed literal before the slot. */
function literal(text: string): ContextDfa {
    const cps = cpsOf(text);
    return { states: cps.length + 1, accept: cps.length, chars: cps, step: (d, cp) => (d < cps.length && cps[d] === cp ? d + 1 : -1) };
}

/** Packages whose resources the pack checks: a URN's type starts with one of these. */
const PACKAGES = ["gcp:", "google-native:", "command:", "pulumi:"];

/**
 * `urn:pulumi:STACK::PROJECT::TYPE::` before a resource name: stack and project without ":", a
 * type of a known package with single colons (gcp:cloudrunv2/service:Service, parent$child) but no "::".
 */
const URN_PREFIX: ContextDfa = (() => {
    const head = cpsOf("urn:pulumi:");
    const H = head.length;
    // States: 0..H-1 head; H stack; H+1 ":"; H+2 project; H+3 ":"; H+4.. package trie; then
    // TYPE (in type), COLON1 (one ":" in type), ACCEPT.
    const trie: Map<number, number>[] = [new Map()];
    const ends = new Set<number>();
    for (const p of PACKAGES) {
        let node = 0;
        for (const cp of cpsOf(p)) {
            let next = trie[node].get(cp);
            if (next === undefined) {
                next = trie.length;
                trie.push(new Map());
                trie[node].set(cp, next);
            }
            node = next;
        }
        ends.add(node);
    }
    const T0 = H + 4;
    const AFTER_PACKAGE = T0 + trie.length; // "gcp:" read: the module must follow, not another ":"
    const TYPE = AFTER_PACKAGE + 1;
    const COLON1 = TYPE + 1;
    const ACCEPT = TYPE + 2;
    return {
        states: ACCEPT + 1,
        accept: ACCEPT,
        chars: [...head, ...PACKAGES.flatMap(cpsOf)],
        step: (d, cp) => {
            if (d < H) return head[d] === cp ? d + 1 : -1;
            if (d === H) return cp === COLON ? H + 1 : H;
            if (d === H + 1) return cp === COLON ? H + 2 : -1;
            if (d === H + 2) return cp === COLON ? H + 3 : H + 2;
            if (d === H + 3) return cp === COLON ? T0 : -1;
            if (d < AFTER_PACKAGE) {
                const next = trie[d - T0].get(cp);
                if (next === undefined) return -1;
                return ends.has(next) ? AFTER_PACKAGE : T0 + next;
            }
            if (d === AFTER_PACKAGE) return cp === COLON ? -1 : TYPE;
            if (d === TYPE) return cp === COLON ? COLON1 : TYPE;
            if (d === COLON1) return cp === COLON ? ACCEPT : TYPE;
            return -1;
        },
    };
})();

/** `HOST/` before a project: one segment, then "/". */
const HOST_SEGMENT: ContextDfa = { states: 2, accept: 1, chars: [], step: (d, cp) => (d === 0 ? (cp === SLASH ? 1 : 0) : -1) };

interface Slot {
    what: string;
    before: ContextDfa;
    samples: readonly string[];
    after: ContextEnd;
}

const SLOTS: Record<GlobKey, Slot[]> = {
    // Matched against the resource name, and against its URN urn:pulumi:STACK::PROJECT::TYPE::NAME.
    exemptions: [
        { what: "every resource", before: NOTHING_BEFORE, samples: RESOURCE_NAMES, after: "nothing" },
        { what: "every resource of a type", before: URN_PREFIX, samples: RESOURCE_NAMES, after: "nothing" },
    ],
    allowedStacks: [{ what: "every stack", before: NOTHING_BEFORE, samples: STACK_NAMES, after: "nothing" }],
    // projects/PROJECT/platforms/cloudRun/policies/NAME
    allowedPolicies: [{ what: "a policy of every project", before: literal("projects/"), samples: PROJECT_IDS, after: "segmentThenAny" }],
    // Allowlist patterns HOST/PROJECT/REPOSITORY/**.
    allowedPatterns: [
        { what: "patterns of every registry", before: NOTHING_BEFORE, samples: HOSTS, after: "segmentThenAny" },
        { what: "patterns of every project", before: HOST_SEGMENT, samples: PROJECT_IDS, after: "segmentThenAny" },
    ],
};

/** Allowlist patterns that exempt every image: an allowedPatterns glob accepting one accepts no check. */
const EVERY_IMAGE = ["*", "**"];

/** What a catch-all glob would match ("every stack"), or undefined when it pins its segment. */
export function catchAll(key: GlobKey, glob: Glob): string | undefined {
    for (const slot of SLOTS[key]) {
        if (glob.acceptsEverySample(slot.before, slot.samples, slot.after)) return slot.what;
    }
    if (key === "allowedPatterns" && EVERY_IMAGE.some((p) => glob.match(p))) return 'the pattern "*" or "**", which exempts every image';
    return undefined;
}
