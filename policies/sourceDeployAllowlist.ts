// binauthz-source-deploy-allowlist: the project's Binary Authorization policy exempts the
// repositories this stack's source deploys build into (cloud-run-source-deploy, gcf-artifacts).
import type { StackValidationPolicy } from "@pulumi/policy";
import { AllowlistIndex, collectNeeds, collectPolicies, groupBy, type ManagedPolicy, type WorkloadNeeds } from "./model/allowlist";
import { type AllowlistConfig, configSchema } from "./model/config";
import { configOf, emptyOutcome, exemptionCheck, guarded, notApplicable, reportOutcome, type Subject } from "./model/kit";
import { quote, where } from "./model/text";

const NAME = "binauthz-source-deploy-allowlist";
const MAX_NAMED = 5;

/** binauthz-source-deploy-allowlist (stack policy, mandatory). */
export const sourceDeployAllowlist: StackValidationPolicy = {
    name: NAME,
    description:
        "The project's Binary Authorization policy must exempt the repositories that this stack's source deploys build into (REGION-docker.pkg.dev/PROJECT/cloud-run-source-deploy/**, REGION-docker.pkg.dev/PROJECT/gcf-artifacts/**).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
        'Add the exact pattern to the policy of the project the workload runs in: admissionWhitelistPatterns: [{ namePattern: "REGION-docker.pkg.dev/PROJECT/REPOSITORY/**" }].',
        "Region and project must match the repository exactly; a broader pattern is flagged by binauthz-allowlist-scoped.",
        "For a policy managed outside this stack, declare its patterns in config externalAllowlist.",
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateStack: (args, report) => {
        guarded(NAME, undefined, report, () => {
            const cfg = configOf<AllowlistConfig>(NAME, args.getConfig);
            const outcome = emptyOutcome();
            const needs = collectNeeds(args.resources, cfg);
            const stack = collectPolicies(args.resources);
            const index = new AllowlistIndex(stack, cfg.config.externalAllowlist);
            for (const project of new Set(needs.needs.map((n) => n.requirement.project))) {
                const managed = stack.byProject.get(project) ?? [];
                if (managed.length < 2) continue;
                outcome.violations.push({
                    subject: managed[1].subject,
                    message: `${managed.length} Binary Authorization policies manage project ${quote(project)} (${managed
                        .slice(0, MAX_NAMED)
                        .map((m) => where(m.subject.type, m.subject.name))
                        .join(
                            ", ",
                        )}), but Google keeps one policy per project: whichever is applied last replaces the others, so each must carry every exemption. Fix: keep one gcp.binaryauthorization.Policy per project.`,
                });
            }
            for (const m of needs.malformed)
                outcome.violations.push({
                    subject: m.subject,
                    message: `${m.message}. Fix it so the pack can check the Binary Authorization allowlist.`,
                });
            outcome.unknowns.push(...needs.unknowns);

            const missing: { need: WorkloadNeeds; source: "stack" | "external"; policy?: ManagedPolicy }[] = [];
            const noProject = new Map<string, { subject: Subject; needs: WorkloadNeeds[] }>();
            for (const need of needs.needs) {
                const v = index.verdict(need.requirement.project, need.requirement.pattern);
                if (v.kind === "missing") missing.push({ need, source: v.source, policy: v.policy });
                else if (v.kind === "unknown") outcome.unknowns.push({ subject: v.subject, path: v.path });
                else if (v.kind === "noProject") {
                    const entry = noProject.get(v.subject.urn) ?? { subject: v.subject, needs: [] };
                    entry.needs.push(need);
                    noProject.set(v.subject.urn, entry);
                }
            }
            // A policy whose project the pack cannot tell might be the one that must exempt these
            // repositories; that is a definite, fixable finding, not an unknown.
            for (const { subject, needs: blocked } of noProject.values()) {
                const patterns = [...new Set(blocked.map((n) => n.requirement.pattern))].slice(0, MAX_NAMED);
                const users = blocked
                    .slice(0, MAX_NAMED)
                    .map((n) => `${n.label} ${where(n.subject.type, n.subject.name)}`)
                    .join("; ");
                const more = blocked.length > MAX_NAMED ? `; and ${blocked.length - MAX_NAMED} more` : "";
                outcome.violations.push({
                    subject,
                    message: `the pack cannot tell which project this Binary Authorization policy governs, so it cannot check that it exempts ${patterns.map((p) => quote(p, 200)).join(", ")} (needed by ${users}${more}). Fix: set project on the policy, on its provider, or as stack config gcp:project.`,
                });
            }
            const groups = groupBy(missing, (m) => `${m.need.requirement.project}\u0000${m.need.requirement.pattern}`);
            for (const group of groups.values()) {
                const { requirement } = group[0].need;
                const { policy, source } = group[0];
                const users = group
                    .slice(0, MAX_NAMED)
                    .map((m) => `${m.need.label} ${where(m.need.subject.type, m.need.subject.name)} (${m.need.requirement.because})`)
                    .join("; ");
                const more = group.length > MAX_NAMED ? `; and ${group.length - MAX_NAMED} more` : "";
                const holder =
                    source === "stack" && policy
                        ? `the Binary Authorization policy of project ${quote(requirement.project)}`
                        : `config externalAllowlist[${quote(requirement.project)}] (the policy of project ${quote(requirement.project)}, managed outside this stack)`;
                const near = policy ? lookalikes(policy.raw, requirement.pattern) : [];
                const shown = quote(requirement.pattern, 200);
                const fix =
                    source === "stack"
                        ? `Fix: add { namePattern: ${shown} } to admissionWhitelistPatterns (gcloud: gcloud container binauthz policy export > policy.yaml, add - namePattern: ${shown} under admissionWhitelistPatterns, then gcloud container binauthz policy import policy.yaml --project=${quote(requirement.project)}).`
                        : `Fix: add the pattern to the project's policy outside this stack, then list it in externalAllowlist[${quote(requirement.project)}] on both ${NAME} and binauthz-allowlist-unverified.`;
                const subject = policy?.subject ?? group[0].need.subject;
                // Exemptions that name a workload but cannot be used: the violation says so even when
                // it is reported on the project's policy rather than on the workload.
                const workloadNotes = [
                    ...new Set(
                        group.filter((m) => m.need.subject.urn !== subject.urn).flatMap((m) => exemptionCheck(cfg, m.need.subject).notes),
                    ),
                ];
                outcome.violations.push({
                    subject,
                    message: `${holder} does not exempt ${shown}, so source deploys into that repository are blocked. Needed by: ${users}${more}.${near.length ? ` Present but not matching: ${near.map((n) => quote(n, 120)).join(", ")} (region, project and repository must match exactly, ending in /**).` : ""} ${fix}${workloadNotes.length ? `\n${workloadNotes.join("\n")}` : ""}`,
                });
            }
            if (needs.needs.length === 0 && outcome.violations.length === 0 && outcome.unknowns.length === 0) {
                return notApplicable(args, "the stack has no workload that deploys from a source-build repository");
            }
            reportOutcome(NAME, cfg, outcome, report);
        });
    },
};

/** Patterns that name the same repository but do not exempt it: the usual near-misses. */
function lookalikes(patterns: string[], required: string): string[] {
    const repo = required.split("/").slice(-2)[0] ?? ""; // REPOSITORY in HOST/PROJECT/REPOSITORY/**
    return patterns.filter((p) => p !== required && repo !== "" && p.includes(repo)).slice(0, 3);
}
