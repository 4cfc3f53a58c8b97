// cloud-run-breakglass-justified: a breakglass carries a real justification, and only where allowed:
// in a workload's own setting, and in a --breakglass flag of a gcloud command that a Command
// resource or a Cloud Build step runs (issue 19, class 9).
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type BreakglassConfig, configSchema, globs, isRealDate, matchesAny, type Resolved } from "./model/config";
import { addDays, todayUtc } from "./model/exemptions";
import { isCloudBuildType, readBuild } from "./model/cloudBuild";
import { type BreakglassUse, COMMAND_FIELDS, COMMAND_TYPES, readScript } from "./model/gcloudCommands";
import { configOf, emptyOutcome, guarded, notApplicable, type Outcome, reportOutcome, skipIfExempt, type Subject } from "./model/kit";
import { binauthzSetting } from "./model/setting";
import { judgeJustification } from "./model/justification";
import { describe, isPlaceholder, quote } from "./model/text";
import { read, UNKNOWN } from "./model/values";
import { SETTING_PATHS, V1_BREAKGLASS_ANNOTATION, workloadKind } from "./model/workloads";

const NAME = "cloud-run-breakglass-justified";

/** A config regex runs on at most this much of a justification (nested quantifiers are refused in config). */
const PATTERN_INPUT_MAX = 1024;
const ISO_DATE = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g;

/** cloud-run-breakglass-justified (resource policy, mandatory). */
export const breakglassJustified: ResourceValidationPolicy = {
    name: NAME,
    description:
        "A Binary Authorization breakglass on Cloud Run (a workload's breakglass justification, or --breakglass on a gcloud command in a Command resource or a Cloud Build step) must carry a real justification, and is only allowed where config permits it.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
        "Write why the breakglass is needed (incident, ticket, owner), at least minLength characters, with no control characters.",
        "Keep Binary Authorization on while using breakglass: Google requires the justification to be empty when useDefault is false.",
        'Remove the breakglass (set it to "") once the incident is over.',
        'On a gcloud command (a Command resource or a Cloud Build step): write the justification itself in --breakglass "…", not a variable the pack cannot read.',
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateResource: (args, report) => {
        const kind = workloadKind(args.type);
        if (!kind && (COMMAND_TYPES.has(args.type) || isCloudBuildType(args.type))) {
            const subject = { type: args.type, name: args.name, urn: args.urn };
            return guarded(NAME, subject, report, () => {
                const cfg = configOf<BreakglassConfig>(NAME, args.getConfig);
                if (skipIfExempt(args, cfg, subject)) return;
                const outcome = emptyOutcome();
                for (const { where, use } of gcloudBreakglasses(args.type, args.props))
                    judgeGcloudBreakglass(subject, where, use, cfg, outcome);
                reportOutcome(NAME, cfg, outcome, report);
            });
        }
        if (!kind)
            return notApplicable(
                args,
                "not a Cloud Run workload, a Cloud Functions (2nd gen) function, a Command or a Cloud Build trigger",
            );
        const path = SETTING_PATHS[kind.api].breakglass;
        if (!path) return notApplicable(args, "Cloud Functions (2nd gen) has no Binary Authorization breakglass");
        const subject = { type: args.type, name: args.name, urn: args.urn };
        const shown = kind.api === "v1" ? `metadata.annotations["${V1_BREAKGLASS_ANNOTATION}"]` : path.join(".");
        guarded(NAME, subject, report, () => {
            const cfg = configOf<BreakglassConfig>(NAME, args.getConfig);
            if (skipIfExempt(args, cfg, subject)) return;
            const outcome = emptyOutcome();
            const j = read(args.props, path);
            if (j === UNKNOWN) {
                outcome.unknowns.push({ subject, path: shown });
            } else if (j === undefined || j === null || j === "") {
                // No breakglass.
            } else if (typeof j !== "string") {
                outcome.violations.push({
                    subject,
                    message: `${shown} is ${describe(j)}; a breakglass justification is text. Fix: write the reason as a string, or remove the breakglass.`,
                });
            } else {
                const stack = stackOf(args.urn);
                const allowedStacks = cfg.config.allowedStacks;
                if (allowedStacks !== undefined && !matchesAny(globs(cfg, "allowedStacks"), stack)) {
                    outcome.violations.push({
                        subject,
                        message: `uses breakglass (${shown}) in stack ${quote(stack)}, which config allowedStacks (${listGlobs(allowedStacks)}) does not allow. Fix: remove the breakglass (set it to ""), or deploy the exception in an allowed stack.`,
                    });
                }
                const setting = binauthzSetting(kind, args.props);
                if (setting.state === "unknown") {
                    outcome.unknowns.push({ subject, path: setting.path });
                } else if (setting.state === "off") {
                    outcome.violations.push({
                        subject,
                        message: `sets a breakglass justification (${shown}) while Binary Authorization is off: it ${setting.message}. Google requires the justification to be empty when useDefault is false. Fix: enable Binary Authorization with the default policy and keep the justification, or remove it.`,
                    });
                }
                const reasons = justificationProblems(j, cfg);
                if (reasons.length) {
                    outcome.violations.push({
                        subject,
                        message: `breakglass justification ${quote(j)} at ${shown} is not a real justification:\n${reasons.map((r) => `  - ${r}`).join("\n")}\nFix: explain why the breakglass is needed (incident or ticket, owner${cfg.config.requireExpiry ? `, expiry date YYYY-MM-DD within ${cfg.config.maxDays} days` : ""}) in ${shown} (gcloud: ${kind.gcloud} --breakglass "JUSTIFICATION").`,
                    });
                }
            }
            reportOutcome(NAME, cfg, outcome, report);
        });
    },
};

/**
 * The --breakglass flags of the gcloud commands a Command or a Cloud Build resource runs, with where
 * each is written. An unknown script is left to cloud-run-deploy-unverified, which names it, and is
 * judged at pulumi up, before the command runs.
 */
function gcloudBreakglasses(type: string, props: unknown): { where: string; use: BreakglassUse }[] {
    const out: { where: string; use: BreakglassUse }[] = [];
    if (COMMAND_TYPES.has(type)) {
        for (const field of COMMAND_FIELDS) {
            const script = read(props, [field]);
            if (typeof script === "string" && script !== "")
                for (const use of readScript(script).breakglasses) out.push({ where: field, use });
        }
        return out;
    }
    for (const step of readBuild(type, props).steps) {
        for (const use of step.reading.breakglasses) out.push({ where: `${step.path}.${step.field}`, use });
    }
    return out;
}

/** The same checks as a workload's justification: allowed stacks, and a real justification. */
function judgeGcloudBreakglass(
    subject: Subject,
    where: string,
    use: BreakglassUse,
    cfg: Resolved<BreakglassConfig>,
    outcome: Outcome,
): void {
    const command = quote(use.command, 120);
    const stack = stackOf(subject.urn);
    const allowedStacks = cfg.config.allowedStacks;
    if (allowedStacks !== undefined && !matchesAny(globs(cfg, "allowedStacks"), stack)) {
        outcome.violations.push({
            subject,
            message: `${where} runs ${command} with --breakglass in stack ${quote(stack)}, which config allowedStacks (${listGlobs(allowedStacks)}) does not allow. Fix: remove --breakglass from the command, or run the exception in an allowed stack.`,
        });
    }
    const reasons = justificationProblems(use.justification, cfg);
    if (reasons.length === 0) return;
    const variable = /\$/.test(use.justification)
        ? " The pack reads the text as written: a shell variable or Cloud Build substitution ($X, ${X}) is not expanded, so write the justification itself in the command."
        : "";
    outcome.violations.push({
        subject,
        message: `${where} runs ${command} with the breakglass justification --breakglass ${quote(use.justification)}, which is not a real justification:\n${reasons.map((r) => `  - ${r}`).join("\n")}\nFix: explain why the breakglass is needed (incident or ticket, owner${cfg.config.requireExpiry ? `, expiry date YYYY-MM-DD within ${cfg.config.maxDays} days` : ""}) in the command's --breakglass "JUSTIFICATION".${variable}`,
    });
}

/** The stack name, from a URN `urn:pulumi:STACK::PROJECT::TYPE::NAME`. */
export function stackOf(urn: string): string {
    const m = /^urn:pulumi:([^:]*)::/.exec(urn);
    return m ? m[1] : "";
}

/**
 * Why a justification is not real; empty when it is. The text is normalised first (see
 * model/justification.ts); lengths count code points, a Han, kana or Hangul character twice.
 */
export function justificationProblems(raw: string, cfg: Resolved<BreakglassConfig>): string[] {
    const { minLength, requireExpiry, maxDays } = cfg.config;
    const { problems, text: trimmed, saysAnything } = judgeJustification(raw, minLength);
    if (!saysAnything) return problems;
    const re = cfg.compiled.pattern;
    if (cfg.compiled.patternError) {
        problems.push(`cannot be checked: config pattern ${cfg.compiled.patternError}, so no justification passes`);
    } else if (re) {
        const sample = trimmed.slice(0, PATTERN_INPUT_MAX);
        if (!re.test(sample)) {
            problems.push(`does not contain a match of config pattern ${quote(re.source)}`);
        } else {
            const rest = sample.replace(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`), " ");
            if ((rest.match(/\p{L}/gu)?.length ?? 0) < 6 || isPlaceholder(rest.trim() || "-")) {
                problems.push("gives only the reference that config pattern asks for; say why the breakglass is needed");
            }
        }
    }
    if (requireExpiry) problems.push(...expiryProblems(trimmed, maxDays));
    return problems;
}

/** Globs as a message lists them: quoted, at most ten. */
function listGlobs(list: string[]): string {
    if (list.length === 0) return "none";
    const shown = list.slice(0, 10).map((s) => quote(s));
    return list.length > 10 ? `${shown.join(", ")}, and ${list.length - 10} more` : shown.join(", ");
}

function expiryProblems(s: string, maxDays: number): string[] {
    const dates = [...s.slice(0, 4096).matchAll(ISO_DATE)].map((m) => m[1]).filter(isRealDate);
    if (dates.length === 0) return ["has no expiry date (YYYY-MM-DD), which config requireExpiry requires"];
    const latest = dates.sort().at(-1) as string;
    const today = todayUtc();
    const limit = addDays(today, maxDays);
    if (latest < today) return [`expired on ${latest} (today is ${today}, UTC)`];
    if (latest > limit) return [`expires on ${latest}, more than ${maxDays} days ahead (latest allowed: ${limit}, config maxDays)`];
    return [];
}
