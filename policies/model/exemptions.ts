// Config exemptions and the clock they are read against.
import type { Resolved } from "./config";
import { compileGlob, Glob } from "./glob";
import { quote } from "./text";

let clock: () => Date = () => new Date();

/** Replaces the clock (tests); returns a function that restores the previous one. */
export function setClock(now: () => Date): () => void {
    const previous = clock;
    clock = now;
    return () => {
        clock = previous;
    };
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayUtc(): string {
    return clock().toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus `days`, in UTC. */
export function addDays(isoDate: string, days: number): string {
    const d = new Date(`${isoDate}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
}

/** Whether exemptions skip a resource, and notes on those that name it but cannot be used. */
export interface ExemptionVerdict {
    /** A live exemption that skips this resource. */
    live?: { resource: string; reason: string; expires: string };
    /** Exemptions that name this resource but cannot be used, each with why; violations repeat them. */
    notes: string[];
}

/** Whether config exemptions skip the resource with this name and URN. */
export function exemptionFor(resolved: Resolved<unknown>, name: string, urn: string): ExemptionVerdict {
    const notes: string[] = [];
    if (resolved.compiled.exemptions.length === 0 && resolved.ignoredExemptions.length === 0) return { notes };
    const today = todayUtc();
    const compiled = resolved.compiled.exemptions;
    for (const i of indexOf(compiled).candidates(name, urn)) {
        const { entry, matcher } = compiled[i];
        if (!matcher.match(name) && !matcher.match(urn)) continue;
        if (entry.expires < today) {
            notes.push(`exemption ${quote(entry.resource)} expired on ${entry.expires} and no longer applies`);
            continue;
        }
        return { live: entry, notes };
    }
    for (const ig of resolved.ignoredExemptions) {
        if (ig.resource === undefined) {
            notes.push(`exemption #${ig.index + 1} is ignored: ${ig.why}`);
            continue;
        }
        if (namesResource(ig.resource, name, urn)) notes.push(`exemption ${quote(ig.resource)} is ignored: ${ig.why}`);
    }
    return { notes };
}

/**
 * Exemptions by the literal text their glob starts with (a trie over those prefixes): only a glob
 * whose prefix starts the name or the URN can match, so a lookup walks the two texts once instead
 * of trying every glob. Candidates come back in config order, since the first live one wins.
 */
class PrefixIndex {
    private readonly root: TrieNode = { next: new Map(), here: [] };

    constructor(globs: readonly { matcher: Glob }[]) {
        globs.forEach(({ matcher }, i) => {
            let node = this.root;
            for (const ch of matcher.prefix) {
                let child = node.next.get(ch);
                if (!child) {
                    child = { next: new Map(), here: [] };
                    node.next.set(ch, child);
                }
                node = child;
            }
            node.here.push(i);
        });
    }

    candidates(name: string, urn: string): number[] {
        const found: number[] = [];
        this.walk(name, found);
        if (urn !== name) this.walk(urn, found);
        if (found.length < 2) return found;
        return [...new Set(found)].sort((a, b) => a - b);
    }

    private walk(text: string, found: number[]): void {
        let node: TrieNode | undefined = this.root;
        found.push(...node.here);
        for (const ch of text) {
            node = node.next.get(ch);
            if (!node) return;
            found.push(...node.here);
        }
    }
}
interface TrieNode {
    next: Map<string, TrieNode>;
    here: number[];
}

const indexes = new WeakMap<readonly unknown[], PrefixIndex>();
function indexOf(compiled: readonly { matcher: Glob }[]): PrefixIndex {
    let index = indexes.get(compiled);
    if (!index) {
        index = new PrefixIndex(compiled);
        indexes.set(compiled, index);
    }
    return index;
}

function namesResource(glob: string, name: string, urn: string): boolean {
    if (glob === name || glob === urn) return true;
    const m = matcherFor(glob);
    return m !== undefined && (m.match(name) || m.match(urn));
}

const matchers = new Map<string, Glob | undefined>();
function matcherFor(glob: string): Glob | undefined {
    if (!matchers.has(glob)) {
        if (matchers.size > 256) matchers.clear();
        const m = compileGlob(glob);
        matchers.set(glob, m instanceof Glob ? m : undefined);
    }
    return matchers.get(glob);
}
