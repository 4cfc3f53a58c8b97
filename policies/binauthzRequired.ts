// cloud-run-binauthz-required: every Cloud Run workload and 2nd-gen function enforces Binary
// Authorization with the project's default policy (or an allowed named platform policy).
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema, globs, matchesAny, type RequiredConfig, type Resolved } from "./model/config";
import { configOf, emptyOutcome, exemptionCheck, guarded, notApplicable, reportOutcome, skipIfExempt } from "./model/kit";
import { binauthzSetting, type SettingState } from "./model/setting";
import { quote } from "./model/text";
import { isPlainObject, proxyKeyPath, read } from "./model/values";
import { enableFix, kindLabel, SETTING_PATHS, V1_BINAUTHZ_ANNOTATION, workloadKind, type WorkloadKind } from "./model/workloads";

const NAME = "cloud-run-binauthz-required";

/** cloud-run-binauthz-required (resource policy, mandatory, remediates). */
export const binauthzRequired: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Cloud Run services, jobs, worker pools, Cloud Run functions and Cloud Functions (2nd gen) must enforce Binary Authorization with the project's default policy.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
        "Cloud Run v2 (gcp.cloudrunv2 Service, Job, WorkerPool; google-native run/v2 Service, Job): binaryAuthorization: { useDefault: true }.",
        'Cloud Run v1 service (gcp.cloudrun.Service, google-native run/v1 Service): metadata: { annotations: { "run.googleapis.com/binary-authorization": "default" } } on the Service itself, not under its template.',
        'Cloud Functions (2nd gen, gcp.cloudfunctionsv2.Function): serviceConfig: { binaryAuthorizationPolicy: "default" }; google-native cloudfunctions/v2 cannot set it, so move to gcp.cloudfunctionsv2.Function.',
        "gcloud: gcloud run deploy / gcloud run jobs deploy / gcloud run worker-pools deploy / gcloud functions deploy --gen2, each with --binary-authorization default.",
        "Run this policy at enforcement level remediate to switch the default on automatically.",
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateResource: (args, report) => {
        const kind = workloadKind(args.type);
        if (!kind) return notApplicable(args, "not a Cloud Run workload or Cloud Functions (2nd gen) function");
        const subject = { type: args.type, name: args.name, urn: args.urn };
        guarded(NAME, subject, report, () => {
            const cfg = configOf<RequiredConfig>(NAME, args.getConfig);
            const verdict = decide(kind, args, cfg);
            if (verdict === "exempt") return void skipIfExempt(args, cfg, subject);
            if (verdict === "pass") return;
            const outcome = emptyOutcome();
            const setting = verdict;
            const label = kindLabel(kind, args.props);
            if (setting.state === "unknown") {
                outcome.unknowns.push({ subject, path: setting.path });
            } else if (setting.state === "off") {
                outcome.violations.push({
                    subject,
                    message: `This ${label} ${setting.message}. ${enableFix(kind)}${notRemediable(args.props)}`,
                });
            } else if (setting.state === "named") {
                outcome.violations.push({
                    subject,
                    message: `This ${label} uses the named Binary Authorization policy ${quote(setting.policy)} at ${setting.path}, which config allowedPolicies does not list. Use the project's default policy, or add a glob that matches it to allowedPolicies. ${enableFix(kind)}`,
                });
            }
            reportOutcome(NAME, cfg, outcome, report);
        });
    },
    remediateResource: (args) => remediate(args),
};

/**
 * The one decision validation and remediation share: exempt, passing, or the setting that fails
 * (off, a named policy allowedPolicies does not list, or unknown during preview).
 */
function decide(kind: WorkloadKind, args: ResourceValidationArgs, cfg: Resolved<RequiredConfig>): "exempt" | "pass" | SettingState {
    if (exemptionCheck(cfg, { type: args.type, name: args.name, urn: args.urn }).exempt) return "exempt";
    const setting = binauthzSetting(kind, args.props);
    if (setting.state === "default") return "pass";
    if (setting.state === "named" && matchesAny(globs(cfg, "allowedPolicies"), setting.policy)) return "pass";
    return setting;
}

/**
 * Why remediation leaves these props alone, for the violation: they hold a key @pulumi/policy
 * reserves for its proxies (see proxyKeyPath). Empty when they do not.
 */
function notRemediable(props: unknown): string {
    const at = proxyKeyPath(props);
    if (at === undefined) return "";
    return ` Level remediate cannot fix it automatically: the inputs hold ${quote(at, 120)}, a key @pulumi/policy reserves for its own proxies, so the library would serialise the wrong value; remove that key from the program's inputs.`;
}

/**
 * At level remediate: switch the default policy on and keep every other property. The props are
 * changed in place because under the analyzer they are a proxy whose unknown values cannot be read
 * (so cannot be copied) but must be kept; the server serialises the proxy's target.
 */
function remediate(args: ResourceValidationArgs): Record<string, unknown> | undefined {
    const kind = workloadKind(args.type);
    if (!kind) return undefined;
    try {
        const verdict = decide(kind, args, configOf<RequiredConfig>(NAME, args.getConfig));
        // Unknown: the value may be fine; validation reports the advisory and pulumi up decides.
        if (verdict === "exempt" || verdict === "pass" || verdict.state === "unknown") return undefined;
        // No field the provider sends can switch it on: validation reports what to migrate to.
        if (kind.noBinauthzField) return undefined;
        // Props the library cannot serialise faithfully are never handed back: validation reports instead.
        if (proxyKeyPath(args.props) !== undefined) return undefined;
        switchDefaultOn(kind, args.props);
        return args.props;
    } catch {
        // A remediation that cannot apply leaves the inputs alone; validation then reports the violation.
        return undefined;
    }
}

function switchDefaultOn(kind: WorkloadKind, props: Record<string, unknown>): void {
    // Write into the values as `read` settles them: inside a secret envelope when there is one, so the
    // fix lands in the block Cloud Run reads (not next to the envelope) and the secret stays secret.
    if (kind.api === "v2") {
        const ba = read(props, ["binaryAuthorization"]);
        if (isPlainObject(ba)) {
            ba.useDefault = true;
            // policy is the other member of the API's oneof: any value but unset (a named path, or a
            // malformed one) would keep the remediated block failing, so it goes.
            const policy = read(ba, ["policy"]);
            if (policy !== undefined && policy !== null && policy !== "") delete ba.policy;
        } else {
            props.binaryAuthorization = { useDefault: true };
        }
        return;
    }
    const [outer, inner, key] =
        kind.api === "v1"
            ? ["metadata", "annotations", V1_BINAUTHZ_ANNOTATION]
            : [SETTING_PATHS.functions.binauthz[0], undefined, SETTING_PATHS.functions.binauthz[1]];
    const outerValue = read(props, [outer]);
    let holder: Record<string, unknown>;
    if (isPlainObject(outerValue)) {
        holder = outerValue;
    } else {
        props[outer] = {};
        holder = props[outer] as Record<string, unknown>;
    }
    if (inner !== undefined) {
        const innerValue = read(holder, [inner]);
        if (isPlainObject(innerValue)) {
            holder = innerValue;
        } else {
            holder[inner] = {};
            holder = holder[inner] as Record<string, unknown>;
        }
    }
    holder[key] = "default";
}
