// Binary Authorization allowlist patterns (admissionWhitelistPatterns[].namePattern).
//
// Binary Authorization matches a pattern against the image name as text: a trailing `*` matches
// within one path segment, a trailing `**` also matches across `/`, and a wildcard anywhere else
// is not a wildcard. Nothing is trimmed or case-folded.
import { GCF_ARTIFACTS_REPO, isGoogleRegistryHost, SOURCE_DEPLOY_REPO } from "./images";
import { partitionPoint } from "./sorted";
import { quote } from "./text";

/** Whether `pattern` exempts every image under the repository pattern `required` (`PREFIX/**`). */
export function patternCovers(pattern: string, required: string): boolean {
    return new PatternSet([pattern]).coveringPattern(required) !== null;
}

/** A compiled set of patterns: cover checks cost one pass over the `**` stems, cached per target. */
export class PatternSet {
    private readonly stems: string[] = [];
    private readonly exact = new Set<string>();
    private readonly answers = new Map<string, string | null>();

    constructor(patterns: Iterable<string>) {
        for (const p of patterns) {
            this.exact.add(p);
            if (p.endsWith("**") && !p.slice(0, -2).includes("*")) this.stems.push(p.slice(0, -2));
        }
    }

    /**
     * The first pattern that covers `required` (`PREFIX/**`), or null. Only the same text, or a stem
     * ending in `**` that every image name under PREFIX/ starts with, covers it: `*` stops at `/`,
     * and an exact image name covers one image.
     */
    coveringPattern(required: string): string | null {
        const hit = this.answers.get(required);
        if (hit !== undefined) return hit;
        let found: string | null = this.exact.has(required) ? required : null;
        if (found === null && required.endsWith("/**")) {
            const under = required.slice(0, -2);
            for (const stem of this.stems) {
                if (under.startsWith(stem)) {
                    found = `${stem}**`;
                    break;
                }
            }
        }
        this.answers.set(required, found);
        return found;
    }
}

/** The run of `*` that ends `p` (counted backwards: a regex like /\*+$/ is quadratic on many stars). */
export function trailingStars(p: string): number {
    let i = p.length;
    while (i > 0 && p.charCodeAt(i - 1) === 0x2a) i--;
    return p.length - i;
}

/**
 * Why an allowlist pattern is broader than it looks, or can never match; empty when it is well
 * scoped. Linear in the pattern's length: every step is one pass (no regex that backtracks).
 */
export function patternProblems(p: string): string[] {
    if (p === "") return ["is empty"];
    if (p === "*" || p === "**") return ["exempts every image from every registry"];
    const problems: string[] = [];
    if (/[\s\p{Cc}\p{Cf}]/u.test(p)) {
        problems.push("contains white space or invisible characters, so it never matches the image Google checks");
    }
    const stars = trailingStars(p);
    const trailing = p.slice(p.length - stars);
    const stem = p.slice(0, p.length - stars);
    if (stem.includes("*")) {
        problems.push("has a wildcard before its end; Binary Authorization only honours a trailing * or **");
    }
    if (stars > 2) problems.push(`ends in ${stars} asterisks; only * or ** is meaningful`);
    if (trailing && stem !== "" && !stem.endsWith("/")) {
        const seg = stem.slice(stem.lastIndexOf("/") + 1);
        problems.push(
            `ends in a wildcard that is not directly after "/", so it also matches lookalikes such as ${quote(`${seg}-evil`)}; write ${quote(`${stem}/${trailing}`, 200)}`,
        );
    }
    const segments = stem.split("/");
    if (segments.includes("..") || segments.includes(".")) {
        problems.push('has a "." or ".." segment; image names are matched as text, so it never matches');
    }
    if (/[A-Z]/.test(p)) problems.push("has upper-case letters; registry paths are lower-case, so it never matches");
    if (trailing) {
        let end = stem.length;
        while (end > 0 && stem.charCodeAt(end - 1) === 0x2f) end--;
        const segs = stem.slice(0, end).split("/");
        const host = segs[0];
        if (segs.length === 1) {
            problems.push(`exempts the whole registry ${quote(host)}`);
        } else if (!isGoogleRegistryHost(host)) {
            // Without a registry host ("library/nginx*") the image name is Docker Hub's.
            const named =
                /[.:]/.test(host) || host === "localhost" ? quote(host) : `Docker Hub (${quote(`${host}/…`)} has no registry host)`;
            problems.push(
                `puts a wildcard on ${named}, a registry Google does not run: whoever can push there (or take over the name) gets images admitted unchecked; name exact images (with a digest) or mirror them into Artifact Registry`,
            );
        } else if (segs.length === 2 || (segs.length === 3 && segs[1].includes("."))) {
            // A domain-scoped project (example.com:proj) is written example.com/proj in image names.
            problems.push(`exempts every repository of project ${quote(segs.slice(1).join(":"))} on ${quote(host)}`);
        }
    }
    return problems;
}

/** The repositories Google's own builds write into; allowlisting them is how source deploys work. */
const BUILD_REPOSITORIES = new Set([SOURCE_DEPLOY_REPO, GCF_ARTIFACTS_REPO]);

/** `HOST/PROJECT/REPOSITORY/` of a pattern on a Google registry (domain-scoped projects take two segments). */
export function patternRepositoryPrefix(pattern: string): { prefix: string; repository: string } | undefined {
    // indexOf, not split: this runs once per allowlist pattern and per image, and patterns can be long.
    const s1 = pattern.indexOf("/");
    if (s1 <= 0 || !isGoogleHost(pattern.slice(0, s1))) return undefined;
    const s2 = pattern.indexOf("/", s1 + 1);
    if (s2 < 0) return undefined;
    const scoped = pattern.slice(s1 + 1, s2).includes(".");
    const s3 = pattern.indexOf("/", s2 + 1);
    if (s3 < 0) return undefined;
    const end = scoped ? pattern.indexOf("/", s3 + 1) : s3;
    if (end < 0) return undefined;
    return { prefix: pattern.slice(0, end + 1), repository: pattern.slice((scoped ? s3 : s2) + 1, end) };
}

/** isGoogleRegistryHost, remembered: a stack names few hosts, and each pattern and image asks. */
const hostAnswers = new Map<string, boolean>();
function isGoogleHost(host: string): boolean {
    let v = hostAnswers.get(host);
    if (v === undefined) {
        if (hostAnswers.size > 1024) hostAnswers.clear();
        v = isGoogleRegistryHost(host);
        hostAnswers.set(host, v);
    }
    return v;
}

/** Whether a pattern exempts only a repository source deploys build into (by name, or one of `buildPrefixes`). */
export function isBuildRepositoryPattern(pattern: string, buildPrefixes: ReadonlySet<string>): boolean {
    const repo = patternRepositoryPrefix(pattern);
    return repo !== undefined && (BUILD_REPOSITORIES.has(repo.repository) || buildPrefixes.has(repo.prefix));
}

/** `DIR/` and `BASE` of an image name or pattern stem: a trailing `*` matches within BASE only. */
function splitDir(s: string): { dir: string; base: string } {
    const slash = s.lastIndexOf("/");
    return { dir: s.slice(0, slash + 1), base: s.slice(slash + 1) };
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Image names, sorted once, so that each allowlist pattern finds the images it exempts by binary
 * search: an exact pattern matches its own text, a trailing `*` any text without "/", a trailing
 * `**` anything (Binary Authorization's rules; tags and digests are part of the text). Images are
 * kept twice: by full name (exact, `**`), and by directory then last segment (`*`, whose matches
 * share the pattern's directory), so every lookup costs a binary search plus the matches it lists.
 */
export class ImageIndex<T> {
    private readonly sorted: { image: string; value: T }[];
    private readonly byDir = new Map<string, { base: string; value: T }[]>();

    constructor(entries: Iterable<{ image: string; value: T }>) {
        this.sorted = [...entries].sort((a, b) => byString(a.image, b.image));
        for (const e of this.sorted) {
            const { dir, base } = splitDir(e.image);
            const list = this.byDir.get(dir);
            if (list) list.push({ base, value: e.value });
            else this.byDir.set(dir, [{ base, value: e.value }]);
        }
        for (const list of this.byDir.values()) list.sort((a, b) => byString(a.base, b.base));
    }

    get size(): number {
        return this.sorted.length;
    }

    /** Every entry whose image the pattern exempts. */
    exemptedBy(pattern: string): T[] {
        const out: T[] = [];
        this.scan(pattern, (v) => {
            out.push(v);
            return true;
        });
        return out;
    }

    /** Whether the pattern exempts any image: one binary search. */
    exemptsAny(pattern: string): boolean {
        const stars = trailingStars(pattern);
        if (stars > 2) return false;
        const stem = pattern.slice(0, pattern.length - stars);
        if (stars === 1) {
            const slash = stem.lastIndexOf("/");
            const list = this.byDir.get(stem.slice(0, slash + 1));
            if (!list) return false;
            const base = stem.slice(slash + 1);
            const lo = partitionPoint(list, (e) => e.base < base);
            return lo < list.length && list[lo].base.startsWith(base);
        }
        const sorted = this.sorted;
        const lo = partitionPoint(sorted, (e) => e.image < stem);
        if (lo >= sorted.length) return false;
        return stars === 0 ? sorted[lo].image === stem : sorted[lo].image.startsWith(stem);
    }

    /** Calls `visit` with each exempted entry, in order, until it returns false. */
    private scan(pattern: string, visit: (v: T) => boolean): void {
        const stars = trailingStars(pattern);
        if (stars > 2) return;
        const stem = pattern.slice(0, pattern.length - stars);
        if (stars === 1) {
            const { dir, base } = splitDir(stem);
            const list = this.byDir.get(dir);
            if (!list) return;
            for (let i = partitionPoint(list, (e) => e.base < base); i < list.length && list[i].base.startsWith(base); i++)
                if (!visit(list[i].value)) return;
            return;
        }
        const sorted = this.sorted;
        for (let i = partitionPoint(sorted, (e) => e.image < stem); i < sorted.length; i++) {
            const { image, value } = sorted[i];
            if (stars === 0 ? image !== stem : !image.startsWith(stem)) return;
            if (!visit(value)) return;
        }
    }
}

/**
 * A set of allowlist patterns that answers "which pattern exempts this image?" in a binary search
 * per image, however many patterns there are. A stem with another stem of the set as its prefix
 * exempts nothing more and is dropped; then at most one stem is a prefix of any image, and it is the
 * greatest stem not above the image (every string between a prefix and the text it starts starts
 * with that prefix too).
 */
export class PatternMatcher {
    private readonly exact = new Map<string, string>();
    private readonly globStems: { stem: string; pattern: string }[];
    private readonly segmentStems = new Map<string, { stem: string; pattern: string }[]>();

    constructor(patterns: Iterable<string>) {
        const globs: { stem: string; pattern: string }[] = [];
        const segments = new Map<string, { stem: string; pattern: string }[]>();
        for (const pattern of patterns) {
            const stars = trailingStars(pattern);
            const stem = pattern.slice(0, pattern.length - stars);
            if (stars === 0) {
                if (!this.exact.has(pattern)) this.exact.set(pattern, pattern);
            } else if (stars === 2) globs.push({ stem, pattern });
            else if (stars === 1) {
                const { dir, base } = splitDir(stem);
                const list = segments.get(dir);
                if (list) list.push({ stem: base, pattern });
                else segments.set(dir, [{ stem: base, pattern }]);
            }
        }
        this.globStems = PatternMatcher.undominated(globs);
        for (const [dir, list] of segments) this.segmentStems.set(dir, PatternMatcher.undominated(list));
    }

    /** The stems sorted, without those another stem of the list is a prefix of. */
    private static undominated(list: { stem: string; pattern: string }[]): { stem: string; pattern: string }[] {
        const sorted = [...list].sort((a, b) => byString(a.stem, b.stem));
        const out: { stem: string; pattern: string }[] = [];
        for (const e of sorted) {
            const last = out[out.length - 1];
            if (last && e.stem.startsWith(last.stem)) continue;
            out.push(e);
        }
        return out;
    }

    /** The greatest stem not above `text`, if `text` starts with it. */
    private static prefixOf(list: readonly { stem: string; pattern: string }[], text: string): string | undefined {
        const lo = partitionPoint(list, (e) => e.stem <= text);
        const e = lo > 0 ? list[lo - 1] : undefined;
        return e && text.startsWith(e.stem) ? e.pattern : undefined;
    }

    /** A pattern of the set that exempts `image`, or undefined. */
    exempting(image: string): string | undefined {
        const exact = this.exact.get(image);
        if (exact !== undefined) return exact;
        const glob = PatternMatcher.prefixOf(this.globStems, image);
        if (glob !== undefined) return glob;
        const { dir, base } = splitDir(image);
        const list = this.segmentStems.get(dir);
        return list ? PatternMatcher.prefixOf(list, base) : undefined;
    }
}
