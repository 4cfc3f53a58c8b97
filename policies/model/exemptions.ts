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
    for (const { entry, matcher } of resolved.compiled.exemptions) {
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
