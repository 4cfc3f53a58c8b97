// Which config globs are catch-alls: a glob whose identifying segment (the resource name, the
// stack, the project, the registry host) is wildcard-only accepts what nobody chose, and would
// switch a check off. Decided by what the glob matches: random identifiers of the segment's shape
// (generated once, from a fixed seed, so a verdict never changes between runs) are put in the slot,
// and the glob is a catch-all when, in some context it accepts, it matches every one of them.
import { type ContextEnd, type ContextStart, type Glob } from "./glob";

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

interface Slot {
    what: string;
    before: ContextStart;
    samples: readonly string[];
    after: ContextEnd;
}

const SLOTS: Record<GlobKey, Slot[]> = {
    // Matched against the resource name, and against its URN urn:pulumi:STACK::PROJECT::TYPE::NAME.
    exemptions: [
        { what: "every resource", before: {}, samples: RESOURCE_NAMES, after: "nothing" },
        {
            what: "every resource of a type",
            before: { literal: "urn:pulumi:", anyText: true, then: "::" },
            samples: RESOURCE_NAMES,
            after: "nothing",
        },
    ],
    allowedStacks: [{ what: "every stack", before: {}, samples: STACK_NAMES, after: "nothing" }],
    // projects/PROJECT/platforms/cloudRun/policies/NAME
    allowedPolicies: [{ what: "a policy of every project", before: { literal: "projects/" }, samples: PROJECT_IDS, after: "segmentThenAny" }],
    // Allowlist patterns HOST/PROJECT/REPOSITORY/**.
    allowedPatterns: [
        { what: "patterns of every registry", before: {}, samples: HOSTS, after: "segmentThenAny" },
        { what: "patterns of every project", before: { oneSegment: true, then: "/" }, samples: PROJECT_IDS, after: "segmentThenAny" },
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
