// cloud-functions-gen1-no-binauthz: 1st-gen Cloud Functions cannot be protected by Binary
// Authorization at all; say so and point to 2nd gen.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type CommonConfig, configSchema } from "./model/config";
import { configOf, emptyOutcome, forType, guarded, notApplicable, reportOutcome, skipIfExempt } from "./model/kit";
import { GEN1_FUNCTION_TYPE } from "./model/workloads";

const NAME = "cloud-functions-gen1-no-binauthz";

/** cloud-functions-gen1-no-binauthz (resource policy, advisory). */
export const functionsGen1: ResourceValidationPolicy = {
    name: NAME,
    description:
        "1st-gen Cloud Functions cannot be protected by Binary Authorization; use Cloud Functions (2nd gen) or Cloud Run functions.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: [
        'Replace gcp.cloudfunctions.Function with gcp.cloudfunctionsv2.Function and set serviceConfig: { binaryAuthorizationPolicy: "default" },',
        "or deploy the function to Cloud Run (gcp.cloudrunv2.Service with buildConfig) with binaryAuthorization: { useDefault: true }.",
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateResource: forType(GEN1_FUNCTION_TYPE, (args, report) => {
        if (args.type !== GEN1_FUNCTION_TYPE) return notApplicable(args, `applies to ${GEN1_FUNCTION_TYPE} only`);
        const subject = { type: args.type, name: args.name, urn: args.urn };
        guarded(NAME, subject, report, () => {
            const cfg = configOf<CommonConfig>(NAME, args.getConfig);
            if (skipIfExempt(args, cfg, subject)) return;
            const outcome = emptyOutcome();
            outcome.violations.push({
                subject,
                message:
                    'is a 1st-gen Cloud Function, which Binary Authorization cannot protect: any image or source runs. Fix: migrate to gcp.cloudfunctionsv2.Function with serviceConfig: { binaryAuthorizationPolicy: "default" } (gcloud: gcloud functions deploy --gen2 --binary-authorization default).',
            });
            reportOutcome(NAME, cfg, outcome, report);
        });
    }),
};
