// binauthz-allowlist-exempts-workload: an allowlist pattern that matches the image of a workload in
// the same stack means that workload's image is never checked by Binary Authorization.
//
// A stack policy, beside binauthz-allowlist-scoped (a resource policy, which sees one Binary
// Authorization policy and none of the workloads). The repositories source deploys build into
// (cloud-run-source-deploy, gcf-artifacts, a function's buildConfig.dockerRepository, a service's
// buildConfig.imageUri) must be allowlisted, so patterns that exempt only those are not reported.
import type { StackValidationPolicy } from "@pulumi/policy";
import { collectPolicies } from "./model/allowlist";
import { configOf, emptyOutcome, exemptionCheck, guarded, reportOutcome, type Subject } from "./model/kit";
import { configSchema, globs, matchesAny, type ExemptsWorkloadConfig } from "./model/config";
import { ImageIndex, isBuildRepositoryPattern, patternRepositoryPrefix } from "./model/patterns";
import { quote, where } from "./model/text";
import { UNKNOWN } from "./model/values";
import { containerImages, resolveProject, sourceDeployRequirements, workloadKind } from "./model/workloads";

const NAME = "binauthz-allowlist-exempts-workload";
const MAX_NAMED = 5;
/** Patterns reported one by one per policy; the rest are counted in one more violation. */
const MAX_REPORTED = 25;

interface Workload {
    subject: Subject;
    label: string;
    image: string;
}

/** binauthz-allowlist-exempts-workload (stack policy, mandatory). */
export const allowlistExemptsWorkload: StackValidationPolicy = {
    name: NAME,
    description:
        "No Binary Authorization allowlist pattern may match the image of a Cloud Run service, job, worker pool or function of the same stack: an allowlisted image is never checked.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
        "Remove the pattern from admissionWhitelistPatterns and let the workload's image be attested (or signed) instead.",
        "Allowlist only the repositories source deploys build into: REGION-docker.pkg.dev/PROJECT/cloud-run-source-deploy/** and REGION-docker.pkg.dev/PROJECT/gcf-artifacts/**.",
        "A deliberate exception can be accepted with config allowedPatterns.",
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateStack: (args, report) => {
        guarded(NAME, undefined, report, () => {
            const cfg = configOf<ExemptsWorkloadConfig>(NAME, args.getConfig);
            const outcome = emptyOutcome();
            const allowed = globs(cfg, "allowedPatterns");
            const policies = collectPolicies(args.resources);

            // The stack's workloads by project (a workload whose project the pack cannot tell is
            // compared with every policy), and the build repositories their source deploys use.
            const byProject = new Map<string, Workload[]>();
            const anyProject: Workload[] = [];
            const buildPrefixes = new Set<string>();
            const unknownImages: { subject: Subject; path: string }[] = [];
            for (const r of args.resources) {
                const kind = workloadKind(r.type);
                if (!kind) continue;
                const subject: Subject = { type: r.type, name: r.name, urn: r.urn };
                const needs = sourceDeployRequirements(kind, r.props, r.provider);
                if (needs.kind === "needs") {
                    for (const n of needs.requirements) {
                        const repo = patternRepositoryPrefix(n.pattern);
                        if (repo) buildPrefixes.add(repo.prefix);
                    }
                }
                if (exemptionCheck(cfg, subject).exempt) continue;
                const images = containerImages(kind, r.props);
                if (images === UNKNOWN || images.includes(UNKNOWN)) {
                    unknownImages.push({ subject, path: `${kind.containers?.join(".") ?? "containers"}[].image` });
                    continue;
                }
                const project = resolveProject(r.props, r.provider);
                for (const image of images) {
                    if (typeof image !== "string" || image === "") continue;
                    const w = { subject, label: kind.label, image };
                    if (typeof project === "string") {
                        const list = byProject.get(project);
                        if (list) list.push(w);
                        else byProject.set(project, [w]);
                    } else anyProject.push(w);
                }
            }

            const indexes = new Map<string, ImageIndex<Workload>>();
            const indexFor = (project: string): ImageIndex<Workload> => {
                let ix = indexes.get(project);
                if (!ix) {
                    ix = new ImageIndex([...(byProject.get(project) ?? []), ...anyProject].map((w) => ({ image: w.image, value: w })));
                    indexes.set(project, ix);
                }
                return ix;
            };

            for (const [project, managed] of policies.byProject) {
                const index = indexFor(project);
                for (const policy of managed) {
                    if (exemptionCheck(cfg, policy.subject).exempt) continue;
                    if (policy.unknownPath && index.size > 0) outcome.unknowns.push({ subject: policy.subject, path: policy.unknownPath });
                    let reported = 0;
                    let more = 0;
                    policy.raw.forEach((pattern) => {
                        if (isBuildRepositoryPattern(pattern, buildPrefixes) || matchesAny(allowed, pattern)) return;
                        const hits = index.exemptedBy(pattern);
                        if (hits.length === 0) return;
                        if (reported++ >= MAX_REPORTED) return void more++;
                        const names = [...new Map(hits.map((h) => [h.subject.urn, h])).values()];
                        const listed = names
                            .slice(0, MAX_NAMED)
                            .map((h) => `${h.label} ${where(h.subject.type, h.subject.name)} (image ${quote(h.image, 120)})`)
                            .join("; ");
                        const extra = names.length > MAX_NAMED ? `; and ${names.length - MAX_NAMED} more` : "";
                        outcome.violations.push({
                            subject: policy.subject,
                            message: `admissionWhitelistPatterns namePattern ${quote(pattern, 200)} in the Binary Authorization policy of project ${quote(project)} matches the image of ${listed}${extra}, so Binary Authorization never checks ${names.length === 1 ? "that image" : "those images"}. Fix: remove the pattern from admissionWhitelistPatterns and attest the image (gcloud: gcloud container binauthz policy export > policy.yaml, delete the pattern, gcloud container binauthz policy import policy.yaml), allowlist only cloud-run-source-deploy/** or gcf-artifacts/** repositories, or list the pattern in config allowedPatterns of ${NAME} if the exception is deliberate.`,
                        });
                    });
                    if (more > 0) {
                        outcome.violations.push({
                            subject: policy.subject,
                            message: `${more} more admissionWhitelistPatterns entries of this policy match images of workloads in this stack. Fix each as above.`,
                        });
                    }
                }
            }
            if (policies.byProject.size > 0) {
                outcome.unknowns.push(...unknownImages);
            }
            reportOutcome(NAME, cfg, outcome, report);
        });
    },
};
