// Binary Authorization allowlist patterns (admissionWhitelistPatterns[].namePattern).
//
// Binary Authorization matches a pattern against the image name as text: a trailing `*` matches
// within one path segment, a trailing `**` also matches across `/`, and a wildcard anywhere else
// is not a wildcard. Nothing is trimmed or case-folded.
import { isGoogleRegistryHost } from "./images";
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

/** Why an allowlist pattern is broader than it looks, or can never match; empty when it is well scoped. */
export function patternProblems(p: string): string[] {
    if (p === "") return ["is empty"];
    if (p === "*" || p === "**") return ["exempts every image from every registry"];
    const problems: string[] = [];
    if (/[\s\p{Cc}\p{Cf}]/u.test(p)) {
        problems.push("contains white space or invisible characters, so it never matches the image Google checks");
    }
    const trailing = /\*+$/.exec(p)?.[0] ?? "";
    const stem = p.slice(0, p.length - trailing.length);
    if (stem.includes("*")) {
        problems.push("has a wildcard before its end; Binary Authorization only honours a trailing * or **");
    }
    if (trailing.length > 2) problems.push(`ends in ${trailing.length} asterisks; only * or ** is meaningful`);
    if (trailing && stem !== "" && !stem.endsWith("/")) {
        const seg = stem.split("/").pop() ?? stem;
        problems.push(
            `ends in a wildcard that is not directly after "/", so it also matches lookalikes such as ${quote(`${seg}-evil`)}; write ${quote(`${stem}/${trailing}`, 200)}`,
        );
    }
    if (stem.split("/").includes("..") || stem.split("/").includes(".")) {
        problems.push('has a "." or ".." segment; image names are matched as text, so it never matches');
    }
    if (/[A-Z]/.test(p)) problems.push("has upper-case letters; registry paths are lower-case, so it never matches");
    if (trailing) {
        const segs = stem.replace(/\/+$/, "").split("/");
        const host = segs[0];
        if (segs.length === 1) {
            problems.push(`exempts the whole registry ${quote(host)}`);
        } else if (isGoogleRegistryHost(host) && (segs.length === 2 || (segs.length === 3 && segs[1].includes(".")))) {
            // A domain-scoped project (example.com:proj) is written example.com/proj in image names.
            problems.push(`exempts every repository of project ${quote(segs.slice(1).join(":"))} on ${quote(host)}`);
        }
    }
    return problems;
}
