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

/**
 * `urn:pulumi:STACK::PROJECT::TYPE::` before a resource name: stack and project without ":", and a
 * type that is any text without "::". A child's type is its parents' types and its own joined by
 * "$" (`my:component:Api$gcp:cloudrunv2/service:Service`, nested to any depth), and a parent's type
 * can come from any package, so no shape of type is assumed: a glob that leaves the name
 * wildcard-only under any type, of any parent chain, is a catch-all.
 */
const URN_PREFIX: ContextDfa = (() => {
    const head = cpsOf("urn:pulumi:");
    const H = head.length;
    // States: 0..H-1 head; then stack, ":", project, ":", type, ":" in type, accept.
    const STACK = H;
    const STACK_COLON = H + 1;
    const PROJECT = H + 2;
    const PROJECT_COLON = H + 3;
    const TYPE = H + 4;
    const TYPE_COLON = H + 5;
    const ACCEPT = H + 6;
    return {
        states: ACCEPT + 1,
        accept: ACCEPT,
        chars: head,
        step: (d, cp) => {
            if (d < H) return head[d] === cp ? d + 1 : -1;
            switch (d) {
                case STACK:
                    return cp === COLON ? STACK_COLON : STACK;
                case STACK_COLON:
                    return cp === COLON ? PROJECT : -1;
                case PROJECT:
                    return cp === COLON ? PROJECT_COLON : PROJECT;
                case PROJECT_COLON:
                    return cp === COLON ? TYPE : -1;
                case TYPE:
                    return cp === COLON ? TYPE_COLON : TYPE;
                case TYPE_COLON:
                    // "::" ends the type (a type has single colons only); one ":" is part of it.
                    return cp === COLON ? ACCEPT : TYPE;
                default:
                    return -1;
            }
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
