// binauthz-allowlist-scoped: a gcp:binaryauthorization/policy:Policy is not hollowed out by broad
// allowlist patterns, an always-allow default rule, or dry-run enforcement.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, globs, matchesAny, type ScopedConfig } from "./model/config";
import { configOf, emptyOutcome, forType, guarded, notApplicable, reportOutcome, skipIfExempt } from "./model/kit";
import { patternProblems } from "./model/patterns";
import { describe, quote } from "./model/text";
import { isArray, items, read, UNKNOWN } from "./model/values";
import { BINAUTHZ_POLICY_TYPE } from "./model/workloads";

const NAME = "binauthz-allowlist-scoped";

/** binauthz-allowlist-scoped (resource policy, mandatory). */
export const allowlistScoped: ResourceValidationPolicy = {
    name: NAME,
    description:
        "A Binary Authorization policy must not be hollowed out: no allowlist pattern broader than one repository, no ALWAYS_ALLOW default rule, no dry-run enforcement.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
        "Exempt single repositories: REGION-docker.pkg.dev/PROJECT/REPOSITORY/** (wildcard only at the end, directly after /).",
        "defaultAdmissionRule.evaluationMode: REQUIRE_ATTESTATION (or ALWAYS_DENY), enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG.",
        "A deliberate broad pattern can be accepted with config allowedPatterns.",
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateResource: forType(BINAUTHZ_POLICY_TYPE, (args, report) => {
        if (args.type !== BINAUTHZ_POLICY_TYPE) return notApplicable(args, `applies to ${BINAUTHZ_POLICY_TYPE} only`);
        const subject = { type: args.type, name: args.name, urn: args.urn };
        guarded(NAME, subject, report, () => {
            const cfg = configOf<ScopedConfig>(NAME, args.getConfig);
            if (skipIfExempt(args, cfg, subject)) return;
            const outcome = emptyOutcome();
            const allowed = globs(cfg, "allowedPatterns");

            const list = read(args.props, ["admissionWhitelistPatterns"]);
            if (list === UNKNOWN) {
                outcome.unknowns.push({ subject, path: "admissionWhitelistPatterns" });
            } else if (list !== undefined && list !== null && !isArray(list)) {
                outcome.violations.push({
                    subject,
                    message: `admissionWhitelistPatterns is ${describe(list)}; it must be a list of { namePattern }.`,
                });
            }
            items(list).forEach((entry, i) => {
                const at = `admissionWhitelistPatterns[${i}].namePattern`;
                const p = read(entry, ["namePattern"]);
                if (p === UNKNOWN) {
                    outcome.unknowns.push({ subject, path: at });
                } else if (typeof p !== "string") {
                    outcome.violations.push({ subject, message: `${at} is ${describe(p)}; it must be an image name pattern string.` });
                } else if (!matchesAny(allowed, p)) {
                    const problems = patternProblems(p);
                    if (problems.length) {
                        outcome.violations.push({
                            subject,
                            message: `${at} ${quote(p, 200)} ${problems.join("; ")}. Fix: exempt one repository, REGION-docker.pkg.dev/PROJECT/REPOSITORY/**, in admissionWhitelistPatterns (gcloud: gcloud container binauthz policy export, edit, gcloud container binauthz policy import), or list the pattern in config allowedPatterns if it is deliberate.`,
                        });
                    }
                }
            });

            const mode = read(args.props, ["defaultAdmissionRule", "evaluationMode"]);
            if (mode === UNKNOWN) outcome.unknowns.push({ subject, path: "defaultAdmissionRule.evaluationMode" });
            else if (mode === "ALWAYS_ALLOW") {
                outcome.violations.push({
                    subject,
                    message: `defaultAdmissionRule.evaluationMode is ALWAYS_ALLOW, so every image is admitted and the policy checks nothing. Fix: evaluationMode: "REQUIRE_ATTESTATION" (with requireAttestationsBies) or "ALWAYS_DENY", and exempt source-deploy repositories with admissionWhitelistPatterns.`,
                });
            }
            const enforcement = read(args.props, ["defaultAdmissionRule", "enforcementMode"]);
            if (enforcement === UNKNOWN) outcome.unknowns.push({ subject, path: "defaultAdmissionRule.enforcementMode" });
            else if (enforcement === "DRYRUN_AUDIT_LOG_ONLY" && !cfg.config.allowDryRun) {
                outcome.violations.push({
                    subject,
                    message: `defaultAdmissionRule.enforcementMode is DRYRUN_AUDIT_LOG_ONLY, so violations are only logged, never blocked. Fix: enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG", or set config allowDryRun: true during a rollout.`,
                });
            }
            reportOutcome(NAME, cfg, outcome, report);
        });
    }),
};
