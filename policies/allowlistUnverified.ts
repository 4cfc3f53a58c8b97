// binauthz-allowlist-unverified: names each project whose Binary Authorization policy the pack
// cannot see (not in the stack, not in externalAllowlist), and how to declare it.
import type { StackValidationPolicy } from "@pulumi/policy";
import { AllowlistIndex, collectNeeds, collectPolicies, groupBy } from "./model/allowlist";
import { type AllowlistConfig, configSchema } from "./model/config";
import { configOf, emptyOutcome, guarded, notApplicable, reportOutcome } from "./model/kit";
import { quote, where } from "./model/text";
import { BINAUTHZ_POLICY_TYPE, isProjectNumber, resolveProject } from "./model/workloads";

const NAME = "binauthz-allowlist-unverified";
const MAX_NAMED = 5;
/** The config snippet is quoted (and cut) beyond this; real project ids and patterns stay far below. */
const SNIPPET_MAX = 1000;

/** binauthz-allowlist-unverified (stack policy, advisory). */
export const allowlistUnverified: StackValidationPolicy = {
    name: NAME,
    description:
        "Names each project whose Binary Authorization policy the pack cannot see, so the source-deploy allowlist cannot be verified, and how to declare it.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: [
        "Either manage the project's policy in this stack (gcp.binaryauthorization.Policy with that project),",
        "or declare the patterns it carries in config externalAllowlist, on both binauthz-source-deploy-allowlist and binauthz-allowlist-unverified:",
        '{ "externalAllowlist": { "PROJECT": ["REGION-docker.pkg.dev/PROJECT/cloud-run-source-deploy/**"] } }',
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateStack: (args, report) => {
        guarded(NAME, undefined, report, () => {
            const cfg = configOf<AllowlistConfig>(NAME, args.getConfig);
            const needs = collectNeeds(args.resources, cfg);
            const index = new AllowlistIndex(collectPolicies(args.resources), cfg.config.externalAllowlist);
            const outcome = emptyOutcome();
            // Whether a project has a requirement, or which project it is, can be unknown in preview;
            // so can the project of a stack policy, which might be the one this project needs.
            outcome.unknowns.push(...needs.unknowns);
            const unverified = needs.needs.filter((n) => {
                const v = index.verdict(n.requirement.project, n.requirement.pattern);
                if (v.kind === "unknown" && v.path === "project") outcome.unknowns.push({ subject: v.subject, path: v.path });
                return v.kind === "unverified";
            });
            // A policy that names its project by number may be any project's: say so, never guess.
            const byNumber: { name: string; type: string; project: string }[] = [];
            for (const r of args.resources) {
                if (r.type !== BINAUTHZ_POLICY_TYPE) continue;
                const project = resolveProject(r.props, r.provider);
                if (typeof project === "string" && isProjectNumber(project)) byNumber.push({ name: r.name, type: r.type, project });
            }
            const numberNote = byNumber.length
                ? ` This stack's ${byNumber
                      .slice(0, MAX_NAMED)
                      .map((x) => `${where(x.type, x.name)} (project ${quote(x.project)})`)
                      .join(
                          ", ",
                      )} names its project by number, which the pack cannot match to a project id: write the project id in its project argument.`
                : "";
            for (const group of groupBy(unverified, (n) => n.requirement.project).values()) {
                const project = group[0].requirement.project;
                const patterns = [...new Set(group.map((n) => n.requirement.pattern))];
                const users = group
                    .slice(0, MAX_NAMED)
                    .map((n) => `${n.label} ${where(n.subject.type, n.subject.name)}`)
                    .join("; ");
                const more = group.length > MAX_NAMED ? `; and ${group.length - MAX_NAMED} more` : "";
                const json = JSON.stringify({ externalAllowlist: { [project]: patterns } });
                const snippet = json.length <= SNIPPET_MAX ? json : quote(json, SNIPPET_MAX);
                outcome.violations.push({
                    subject: group[0].subject,
                    message: `the pack cannot see the Binary Authorization policy of project ${quote(project)}, so it cannot verify that it exempts ${patterns.map((p) => quote(p, 200)).join(", ")} (needed by ${users}${more}). Declare it: manage the policy in this stack (new gcp.binaryauthorization.Policy(..., { project: ${quote(project)}, ... })), or put ${snippet} under both binauthz-source-deploy-allowlist and ${NAME} in your --policy-pack-config file.${numberNote}`,
                });
            }
            for (const u of needs.unverifiable) {
                outcome.violations.push({ subject: u.subject, message: `this ${u.label}'s exemption cannot be verified: ${u.message}.` });
            }
            if (needs.needs.length === 0 && outcome.violations.length === 0 && outcome.unknowns.length === 0) {
                return notApplicable(args, "the stack has no workload that deploys from a source-build repository");
            }
            reportOutcome(NAME, cfg, outcome, report);
        });
    },
};
