// The pack's policies, for this pack and for organisations that compose them into their own.
import type {
    EnforcementLevel,
    Policies,
    PolicyPackConfig,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { allowlistScoped } from "./allowlistScoped";
import { allowlistUnverified } from "./allowlistUnverified";
import { binauthzRequired } from "./binauthzRequired";
import { breakglassJustified } from "./breakglassJustified";
import { deployUnverified } from "./deployUnverified";
import { functionsGen1 } from "./functionsGen1";
import type {
    AllowlistConfig,
    BreakglassConfig,
    CommonConfig,
    OrgConstraintConfig,
    PolicyName,
    RequiredConfig,
    ScopedConfig,
} from "./model/config";
import { observing } from "./model/kit";
import { describePolicies } from "./metadata";
import { orgConstraint } from "./orgConstraint";
import { sourceDeployAllowlist } from "./sourceDeployAllowlist";

export {
    allowlistScoped,
    allowlistUnverified,
    binauthzRequired,
    breakglassJustified,
    deployUnverified,
    functionsGen1,
    orgConstraint,
    sourceDeployAllowlist,
};
export * from "./model/config";
export { setClock } from "./model/exemptions";
export * as model from "./model/workloads";
export { binauthzSetting } from "./model/setting";
export { parseImage, parseDockerRepository } from "./model/images";
export { patternCovers, patternProblems, PatternSet } from "./model/patterns";
export { unverifiedDeploys } from "./model/gcloudCommands";
export { classifyModuleType } from "./model/moduleTypes";
export { POLICY_METADATA, REPOSITORY } from "./metadata";

/** The pack's name, as users write it in config and `pulumi policy enable`. */
export const PACK_NAME = "cloud-run-binauthz";

/**
 * Every policy of the pack, in the order the README documents them, with its metadata from
 * policies/metadata.ts. Each is `observing`: resource policies record the inputs Analyze showed them
 * and stack policies read those in place of the provider's predicted outputs
 * (policies/model/observed.ts), so a real preview gives the verdicts the inputs give.
 */
export const policies: Policies = describePolicies([
    binauthzRequired,
    breakglassJustified,
    sourceDeployAllowlist,
    allowlistUnverified,
    allowlistScoped,
    orgConstraint,
    functionsGen1,
    deployUnverified,
]).map(observing);

/** Config keys of each policy, for typed pack config. */
export interface PolicyConfigs {
    "cloud-run-binauthz-required": RequiredConfig;
    "cloud-run-breakglass-justified": BreakglassConfig;
    "binauthz-source-deploy-allowlist": AllowlistConfig;
    "binauthz-allowlist-unverified": AllowlistConfig;
    "binauthz-allowlist-scoped": ScopedConfig;
    "binauthz-org-constraint": OrgConstraintConfig;
    "cloud-functions-gen1-no-binauthz": CommonConfig;
    "cloud-run-deploy-unverified": CommonConfig;
}

/**
 * awsguard-style pack config: `all` sets every level; each policy takes a level, or an object with
 * `enforcementLevel` and its own keys. Example:
 * `{ all: "mandatory", "cloud-run-breakglass-justified": { minLength: 30 } }`.
 */
export type PackConfig = { all?: EnforcementLevel } & {
    [P in PolicyName]?: EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Partial<PolicyConfigs[P]>);
};

/**
 * The pack's policies with levels and config applied, plus the matching initialConfig. Pass it:
 * `new PolicyPack(name, { policies }, initialConfig)`. The Pulumi CLI layers initialConfig over the
 * schema defaults and under the user's config file. The config is also merged under whatever the
 * engine sends, for engines that send none; an engine that sends schema defaults without
 * initialConfig would override it, so always pass initialConfig.
 *
 * Every initialConfig entry carries an explicit enforcementLevel (the entry's, else `all`, else the
 * policy's default): the CLI reads an entry without one as advisory (proto3 has no "unset" level),
 * which would quietly turn a mandatory policy advisory.
 */
export function cloudRunBinauthzPolicies(config: PackConfig = {}): { policies: Policies; initialConfig: PolicyPackConfig } {
    const initialConfig: PolicyPackConfig = {};
    const out = policies.map((p) => {
        const entry = config[p.name as PolicyName];
        const level = typeof entry === "string" ? entry : (entry?.enforcementLevel ?? config.all);
        const props: Record<string, unknown> = typeof entry === "object" && entry !== null ? { ...entry } : {};
        delete props.enforcementLevel;
        if (level || Object.keys(props).length)
            initialConfig[p.name] = { enforcementLevel: level ?? p.enforcementLevel ?? "advisory", ...props };
        return withDefaults(p, level, props);
    });
    return { policies: out, initialConfig };
}

function withDefaults(
    p: ResourceValidationPolicy | StackValidationPolicy,
    level: EnforcementLevel | undefined,
    props: Record<string, unknown>,
): ResourceValidationPolicy | StackValidationPolicy {
    const copy = { ...p, ...(level ? { enforcementLevel: level } : {}) };
    if (Object.keys(props).length === 0) return copy;
    const merge = <A extends { getConfig: ResourceValidationArgs["getConfig"] }>(args: A): A => ({
        ...args,
        getConfig: <T extends object>() => ({ ...props, ...(args.getConfig<object>() ?? {}) }) as T,
    });
    if ("validateStack" in p) {
        const sp = copy as StackValidationPolicy;
        sp.validateStack = (args: StackValidationArgs, report) => p.validateStack(merge(args), report);
        return sp;
    }
    const rp = copy as ResourceValidationPolicy;
    const validate = p.validateResource;
    if (typeof validate === "function") rp.validateResource = (args, report) => validate(merge(args), report);
    const remediate = p.remediateResource;
    if (remediate) rp.remediateResource = (args) => remediate(merge(args));
    return rp;
}
