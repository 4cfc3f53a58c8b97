// What every policy does around its own check: resolve config, honour exemptions, attach notes,
// turn unknown deciding values into the pack's advisory (or a failure with onUnknown: deny), and
// make sure nothing a user writes can throw out of a policy and fail the whole preview.
import type { Policy, ReportViolation, ResourceValidation, StackValidation } from "@pulumi/policy";
import { type CommonConfig, type PolicyName, type Resolved, resolveConfig } from "./config";
import { exemptionFor } from "./exemptions";
import { recordInputs, withRecordedInputs } from "./observed";
import { printable, where } from "./text";
import { isUnknownValueError, unknownError } from "./values";
import { BINAUTHZ_POLICY_TYPE, workloadKind } from "./workloads";

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
/**
 * Diagnostics one policy reports from one run before the rest are summed up in a single one. A
 * stack policy answers AnalyzeStack in one gRPC response, which the Pulumi CLI's Node.js language
 * host receives with gRPC's default 4 MiB limit (about 2,000 diagnostics); past it the whole preview
 * fails. 100 full messages keep the Policies section readable and the response far below the limit.
 */
export const MAX_REPORTED = 100;
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
    const bounded = boundedReport(policy, report);
    for (const v of outcome.violations) {
        bounded.add(v.subject, v.urn ?? v.subject.urn, () => {
            return `${where(v.subject.type, v.subject.name)}: ${v.message}${noteBlock([...notesFor(v.subject), ...configNotes])}`;
        });
    }
    // One entry per (resource, property), however many checks it blocked.
    const seen = new Set<string>();
    const unknowns = outcome.unknowns.filter((u) => {
        const k = `${u.subject.urn}\u0000${u.path}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
    });
    if (unknowns.length === 0) return bounded.finish();
    if (cfg.config.onUnknown === "deny") {
        for (const u of unknowns) {
            bounded.add(
                u.subject,
                u.subject.urn,
                () =>
                    `${where(u.subject.type, u.subject.name)}: ${u.path} is unknown during preview, and onUnknown is "deny", so ${policy} fails closed. Make the value known at preview time (a literal or a config value), or set onUnknown: "defer" to check it at pulumi up.${noteBlock(configNotes)}`,
            );
        }
        return bounded.finish();
    }
    bounded.finish();
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
 * Reports the first MAX_REPORTED findings of one run in full and sums up the rest in one
 * diagnostic at the same level (so a mandatory verdict stays mandatory), naming a few of them.
 */
function boundedReport(
    policy: PolicyName,
    report: ReportViolation,
): { add(s: Subject, urn: string | undefined, text: () => string): void; finish(): void } {
    let reported = 0;
    const over: Subject[] = [];
    return {
        add(subject, urn, text) {
            if (reported < MAX_REPORTED) {
                reported++;
                report(printable(text()), urn);
            } else over.push(subject);
        },
        finish() {
            if (over.length === 0) return;
            const names = [...new Set(over.map((s) => where(s.type, s.name)))];
            const shown = names.slice(0, MAX_LISTED).join("; ");
            const more = names.length > MAX_LISTED ? `; and ${names.length - MAX_LISTED} more` : "";
            report(
                printable(
                    `${over.length} more findings of ${policy} like the ${MAX_REPORTED} above are not listed one by one, so that the Policies section stays readable and the pack's answer stays under the Pulumi CLI's 4 MiB limit: ${shown}${more}. Fix them the same way; each is listed once the ones above are fixed.`,
                ),
            );
            over.length = 0;
        },
    };
}

/** Types whose inputs stack policies read: workloads and Binary Authorization policies. */
function recordsInputs(type: unknown): boolean {
    return typeof type === "string" && (type === BINAUTHZ_POLICY_TYPE || workloadKind(type) !== undefined);
}

function recording(fn: ResourceValidation): ResourceValidation {
    const wrapped: ResourceValidation = (args, report) => {
        try {
            if (recordsInputs(args.type)) recordInputs(args.urn, args.props);
        } catch {
            // recording is an optimisation of verdicts, never a reason to fail
        }
        return fn(args, report);
    };
    const tag = (fn as unknown as { __pulumiType?: string }).__pulumiType;
    if (tag !== undefined) (wrapped as unknown as { __pulumiType: string }).__pulumiType = tag;
    return wrapped;
}

function onRecordedInputs(fn: StackValidation): StackValidation {
    const wrapped: StackValidation = (args, report) => {
        try {
            withRecordedInputs(args.resources);
        } catch {
            // the outputs stay
        }
        return fn(args, report);
    };
    const tag = (fn as unknown as { __pulumiType?: string }).__pulumiType;
    if (tag !== undefined) (wrapped as unknown as { __pulumiType: string }).__pulumiType = tag;
    return wrapped;
}

/**
 * A policy that shares what Analyze saw with the stack policies (see observed.ts): a resource
 * policy records the inputs of the workloads and Binary Authorization policies it is shown; a stack
 * policy reads those inputs in place of the provider's predicted outputs.
 */
export function observing<P extends Policy>(p: P): P {
    const copy = { ...p } as P & { validateResource?: ResourceValidation | ResourceValidation[]; validateStack?: StackValidation };
    if (typeof copy.validateStack === "function") copy.validateStack = onRecordedInputs(copy.validateStack);
    const v = copy.validateResource;
    if (Array.isArray(v)) copy.validateResource = v.map(recording);
    else if (typeof v === "function") copy.validateResource = recording(v);
    return copy;
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
