// The deploy-time twin of the pack: what each project's Binary Authorization policy and
// organization policy must say so that `gcloud run deploy` outside Pulumi obeys the same rules.
// The exemptions come from the same model function the policies use
// (policies/model/allowlist.ts collectNeeds → workloads.ts sourceDeployRequirements), so the
// companion asks for exactly what binauthz-source-deploy-allowlist checks, nothing broader.
import type { PolicyResource } from "@pulumi/policy";
import type { WireResource } from "../engines/builtin/driver";
import { collectNeeds } from "cloud-run-binauthz/dist/policies/model/allowlist";
import type { AllowlistConfig } from "cloud-run-binauthz/dist/policies/model/config";
import { configOf } from "cloud-run-binauthz/dist/policies/model/kit";
import { isArray, items, read, UNKNOWN } from "cloud-run-binauthz/dist/policies/model/values";
import { BINAUTHZ_POLICY_TYPE, resolveProject, workloadKind } from "cloud-run-binauthz/dist/policies/model/workloads";

/** The organization policy constraint that makes Cloud Run require a Binary Authorization policy. */
export const RUN_CONSTRAINT = "run.allowedBinaryAuthorizationPolicies";

/** A default admission rule, as the Binary Authorization policy YAML and gcp.binaryauthorization.Policy write it. */
export interface AdmissionRule {
    evaluationMode: "ALWAYS_DENY" | "REQUIRE_ATTESTATION";
    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG";
    requireAttestationsBy?: string[];
}

/**
 * The default rule when the stack has no usable one: deny everything that is not exempted. A
 * REQUIRE_ATTESTATION rule needs attestors only the user can name; ALWAYS_ALLOW or a dry run would
 * fail binauthz-allowlist-scoped.
 */
export const DEFAULT_RULE: AdmissionRule = { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" };

/** One project's Binary Authorization policy. */
export interface ProjectPolicy {
    project: string;
    /** Each exemption, with the workloads that need it. */
    exemptions: { pattern: string; neededBy: string[] }[];
    /** Regions of the exemptions' repositories. */
    regions: string[];
    defaultAdmissionRule: AdmissionRule;
    /** Where the default rule comes from, and why. */
    ruleSource: string;
    globalPolicyEvaluationMode: string;
}

/** What the companion prints. */
export interface CompanionPlan {
    /** A Binary Authorization policy per project that runs source-built workloads. */
    policies: ProjectPolicy[];
    /** Projects that run Cloud Run or Cloud Functions (2nd gen) workloads: each gets the organization policy. */
    orgPolicyProjects: string[];
    /** What the companion could not decide (unknown or malformed values), one line each. */
    warnings: string[];
}

function asPolicyResource(r: WireResource): PolicyResource {
    return {
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: r.properties,
        provider: r.provider
            ? { type: r.provider.type, name: r.provider.name, urn: r.provider.urn, props: r.provider.properties }
            : undefined,
    } as unknown as PolicyResource;
}

const label = (r: { type: string; name: string }): string => `${r.type} ${JSON.stringify(r.name).slice(0, 120)}`;

/** The stack's own default rule for the project, when it is one the pack accepts. */
function stackRule(resources: PolicyResource[], project: string): { rule?: AdmissionRule; global?: string; why: string } {
    const mine = resources.filter((r) => r.type === BINAUTHZ_POLICY_TYPE && resolveProject(r.props, r.provider) === project);
    if (mine.length === 0) return { why: "the stack manages no Binary Authorization policy for this project: deny all but the exemptions" };
    const global = read(mine[0].props, ["globalPolicyEvaluationMode"]);
    const g = typeof global === "string" ? global : undefined;
    const evaluation = read(mine[0].props, ["defaultAdmissionRule", "evaluationMode"]);
    const enforcement = read(mine[0].props, ["defaultAdmissionRule", "enforcementMode"]);
    const at = label(mine[0]);
    if (evaluation === UNKNOWN || enforcement === UNKNOWN)
        return { global: g, why: `the default rule of ${at} is unknown: deny all but the exemptions` };
    if (enforcement !== "ENFORCED_BLOCK_AND_AUDIT_LOG") {
        return { global: g, why: `${at} enforces with ${JSON.stringify(enforcement)}, not ENFORCED_BLOCK_AND_AUDIT_LOG: replaced` };
    }
    if (evaluation === "ALWAYS_DENY") return { rule: { ...DEFAULT_RULE }, global: g, why: `kept from ${at}` };
    if (evaluation === "REQUIRE_ATTESTATION") {
        const by = read(mine[0].props, ["defaultAdmissionRule", "requireAttestationsBies"]);
        const attestors = items(by).filter((a): a is string => typeof a === "string");
        if (by !== UNKNOWN && isArray(by) && attestors.length > 0 && attestors.length === items(by).length) {
            return {
                rule: {
                    evaluationMode: "REQUIRE_ATTESTATION",
                    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
                    requireAttestationsBy: attestors,
                },
                global: g,
                why: `kept from ${at}`,
            };
        }
        return { global: g, why: `${at} requires attestations but its attestors are not known: deny all but the exemptions` };
    }
    return { global: g, why: `${at} has evaluationMode ${JSON.stringify(evaluation)}, which admits unverified images: replaced` };
}

/**
 * The minimal policies for a stack: per project, exactly the source-deploy exemptions its
 * workloads need (config exemptions in `allowlistConfig` skip a workload, as in the pack), the
 * default rule as the stack configures it when the pack accepts it, else DEFAULT_RULE.
 * `stackConfig` is the stack's config (gcp:project, gcp:region), as the engine passes it.
 */
export function companionPlan(resources: WireResource[], stackConfig: Record<string, string>, allowlistConfig?: unknown): CompanionPlan {
    const saved = process.env.PULUMI_CONFIG;
    process.env.PULUMI_CONFIG = JSON.stringify(stackConfig);
    try {
        const prs = resources.map(asPolicyResource);
        const cfg = configOf<AllowlistConfig>("binauthz-source-deploy-allowlist", () => allowlistConfig ?? {});
        const needs = collectNeeds(prs, cfg);
        const warnings = [
            ...needs.unknowns.map(
                (u) =>
                    `${label(u.subject)}: ${u.path} is unknown, so its exemption cannot be computed; run the companion on a stack export after pulumi up`,
            ),
            ...needs.malformed.map((m) => `${label(m.subject)}: ${m.message}`),
            ...needs.unverifiable.map((m) => `${label(m.subject)}: ${m.message}`),
        ];
        const byProject = new Map<string, Map<string, string[]>>();
        for (const n of needs.needs) {
            const patterns = byProject.get(n.requirement.project) ?? new Map<string, string[]>();
            const users = patterns.get(n.requirement.pattern) ?? [];
            users.push(`${n.label} ${JSON.stringify(n.subject.name).slice(0, 120)}`);
            patterns.set(n.requirement.pattern, users);
            byProject.set(n.requirement.project, patterns);
        }
        const policies: ProjectPolicy[] = [...byProject.keys()].sort().map((project) => {
            const patterns = byProject.get(project) ?? new Map<string, string[]>();
            const exemptions = [...patterns.keys()].sort().map((pattern) => ({ pattern, neededBy: [...new Set(patterns.get(pattern))] }));
            const regions = [...new Set(exemptions.map((e) => e.pattern.split("-docker.pkg.dev/")[0]))].sort();
            const own = stackRule(prs, project);
            return {
                project,
                exemptions,
                regions,
                defaultAdmissionRule: own.rule ?? { ...DEFAULT_RULE },
                ruleSource: own.why,
                globalPolicyEvaluationMode: own.global ?? "ENABLE",
            };
        });
        const orgPolicyProjects = new Set<string>(byProject.keys());
        for (const r of prs) {
            if (!workloadKind(r.type)) continue;
            const p = resolveProject(r.props, r.provider);
            if (typeof p === "string") orgPolicyProjects.add(p);
        }
        return { policies, orgPolicyProjects: [...orgPolicyProjects].sort(), warnings };
    } finally {
        if (saved === undefined) delete process.env.PULUMI_CONFIG;
        else process.env.PULUMI_CONFIG = saved;
    }
}
