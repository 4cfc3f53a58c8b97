// What every policy does around its own check: resolve config, honour exemptions, attach notes,
// turn unknown deciding values into the pack's advisory (or a failure with onUnknown: deny), and
// make sure nothing a user writes can throw out of a policy and fail the whole preview.
import type { ReportViolation, ResourceValidation } from "@pulumi/policy";
import { type CommonConfig, type PolicyName, type Resolved, resolveConfig } from "./config";
import { exemptionFor } from "./exemptions";
import { printable, where } from "./text";
import { isUnknownValueError, unknownError } from "./values";

/** The resource a finding is about: what messages name and exemptions match. */
export interface Subject {
    type: string;
    name: string;
    urn: string;
}

/** What one policy run found, before it is reported. */
export interface Outcome {
    /** Definite violations: what is wrong, where, and the fix. */
    violations: { subject: Subject; message: string; urn?: string }[];
    /** Deciding values that are unknown during preview, by property path. */
    unknowns: { subject: Subject; path: string }[];
}

/** An outcome with nothing found yet. */
export function emptyOutcome(): Outcome {
    return { violations: [], unknowns: [] };
}

/** Reads `getConfig()` without letting a broken engine or proxy throw. */
export function configOf<T>(policy: PolicyName, getConfig: () => unknown): Resolved<T> {
    let raw: unknown;
    try {
        raw = getConfig();
    } catch {
        raw = undefined;
    }
    return resolveConfig<T>(policy, raw);
}

/** A live exemption for this subject, if any, and the notes about exemptions that do not apply. */
export function exemptionCheck(cfg: Resolved<unknown>, s: Subject): { exempt: boolean; notes: string[]; why?: string } {
    const v = exemptionFor(cfg, s.name, s.urn);
    const why = v.live ? `exempted by config exemption "${v.live.resource}" until ${v.live.expires}: ${v.live.reason}` : undefined;
    return { exempt: v.live !== undefined, notes: v.notes, why };
}

/** The part of the policy args that can say "not applicable" (absent in engines that predate it). */
export interface CanSkip {
    notApplicable?: (reason?: string) => never;
}

/** Whether `e` is the signal @pulumi/policy's args.notApplicable throws; it must reach the server. */
export function isNotApplicable(e: unknown): boolean {
    return e instanceof Error && e.constructor.name === "NotApplicableError";
}

/**
 * Tells the engine that this policy deliberately does not apply here (not a workload, exempted,
 * nothing to check), so Pulumi Cloud can tell "not applicable" from "compliant". Under
 * @pulumi/policy this throws its signal and ends the check; elsewhere it simply returns.
 */
export function notApplicable(args: CanSkip, reason: string): void {
    if (typeof args.notApplicable === "function") args.notApplicable(printable(reason).slice(0, 500));
}

/** If a live exemption covers the subject: says so as "not applicable" and returns true. */
export function skipIfExempt(args: CanSkip, cfg: Resolved<unknown>, s: Subject): boolean {
    const { why } = exemptionCheck(cfg, s);
    if (why === undefined) return false;
    notApplicable(args, why);
    return true;
}

const MAX_LISTED = 5;
/** Notes (exemptions set aside, config problems) shown under one message; the rest are counted. */
const MAX_NOTES = 6;

/** The notes under a message, de-duplicated and bounded, so that no config makes a message huge. */
function noteBlock(notes: string[]): string {
    const unique = [...new Set(notes)];
    if (unique.length === 0) return "";
    const shown = unique.slice(0, MAX_NOTES);
    if (unique.length > MAX_NOTES) shown.push(`(and ${unique.length - MAX_NOTES} more notes like these)`);
    return `\n${shown.join("\n")}`;
}

/**
 * Reports an outcome. Definite violations go through `report` at the policy's level; unknowns
 * either fail too (onUnknown: deny) or end the check with an UnknownValueError carrying the
 * pack's own message, which @pulumi/policy reports as advisory.
 */
export function reportOutcome(
    policy: PolicyName,
    cfg: Resolved<CommonConfig>,
    outcome: Outcome,
    report: ReportViolation,
    notesFor: (s: Subject) => string[] = (s) => exemptionCheck(cfg, s).notes,
): void {
    const configNotes = cfg.problems.map((p) => `Config problem (${policy}): ${p}.`);
    for (const v of outcome.violations) {
        const text = `${where(v.subject.type, v.subject.name)}: ${v.message}${noteBlock([...notesFor(v.subject), ...configNotes])}`;
        report(printable(text), v.urn ?? v.subject.urn);
    }
    // One entry per (resource, property), however many checks it blocked.
    const seen = new Set<string>();
    const unknowns = outcome.unknowns.filter((u) => {
        const k = `${u.subject.urn}\u0000${u.path}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
    });
    if (unknowns.length === 0) return;
    if (cfg.config.onUnknown === "deny") {
        for (const u of unknowns) {
            report(
                printable(
                    `${where(u.subject.type, u.subject.name)}: ${u.path} is unknown during preview, and onUnknown is "deny", so ${policy} fails closed. Make the value known at preview time (a literal or a config value), or set onUnknown: "defer" to check it at pulumi up.${noteBlock(configNotes)}`,
                ),
                u.subject.urn,
            );
        }
        return;
    }
    const listed = unknowns
        .slice(0, MAX_LISTED)
        .map((u) => `${where(u.subject.type, u.subject.name)}: ${u.path}`)
        .join("; ");
    const more = unknowns.length > MAX_LISTED ? ` and ${unknowns.length - MAX_LISTED} more` : "";
    throw unknownError(
        printable(
            `${listed}${more} ${unknowns.length === 1 ? "is" : "are"} unknown until the resources ${unknowns.length === 1 ? "it depends" : "they depend"} on exist, so ${policy} cannot decide during preview. It runs again with real values at pulumi up (config onUnknown: "deny" fails instead).${noteBlock(configNotes)}`,
        ),
        [unknowns[0].path],
    );
}

/**
 * Runs a policy body so that only the deliberate advisory UnknownValueError (and the
 * not-applicable signal) can leave it.
 * Anything else a bug or hostile input might raise becomes a violation that says so.
 */
export function guarded(policy: PolicyName, subject: Subject | undefined, report: ReportViolation, body: () => void): void {
    try {
        body();
    } catch (e) {
        if (isUnknownValueError(e) || isNotApplicable(e)) throw e;
        const at = subject ? `${where(subject.type, subject.name)}: ` : "";
        const why = e instanceof Error ? e.message : String(e);
        report(
            printable(
                `${at}${policy} could not evaluate this input (${why.slice(0, 200)}), so it fails closed. Please report this input to the pack's maintainers.`,
            ),
            subject?.urn,
        );
    }
}

/**
 * Tags a validation with the one resource type it applies to, exactly as @pulumi/policy's
 * validateResourceOfType does, so the analyzer server skips other resources without deserialising
 * them (without importing @pulumi/gcp, which would slow every preview's start-up).
 */
export function forType(type: string, fn: ResourceValidation): ResourceValidation {
    (fn as unknown as { __pulumiType: string }).__pulumiType = type;
    return fn;
}
