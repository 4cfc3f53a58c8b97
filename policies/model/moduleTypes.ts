// Which resource types of the Cloud Run and Cloud Functions modules (both providers) the pack knows:
// the workloads it checks, the 1st-gen functions it reports, and the types that deploy no code.
// Anything else in those modules (a new API version, a new resource) is a type the pack has not checked.
import { GEN1_FUNCTION_TYPE, GEN1_FUNCTION_TYPE_NATIVE, workloadKind } from "./workloads";

/** gcp: cloudrun, cloudrunv2, cloudfunctions, cloudfunctionsv2 (and any later version); google-native: run/*, cloudfunctions/*. */
const MODULE = /^(?:gcp:(cloudrun|cloudfunctions)[a-z0-9]*\/|google-native:(run|cloudfunctions)\/)/;

/**
 * Types that deploy no code, enumerated from @pulumi/gcp 9.37 (cloudrun, cloudrunv2, cloudfunctions,
 * cloudfunctionsv2) and google-native 0.32 (run/v1, run/v1alpha1, run/v2, cloudfunctions/v1, v2,
 * v2alpha, v2beta): IAM members, bindings and policies, and domain mappings. The name rule below
 * covers the same kinds in any other version of these modules.
 */
const NO_CODE_TYPES: ReadonlySet<string> = new Set([
    "gcp:cloudrun/domainMapping:DomainMapping",
    "gcp:cloudrun/iamBinding:IamBinding",
    "gcp:cloudrun/iamMember:IamMember",
    "gcp:cloudrun/iamPolicy:IamPolicy",
    "gcp:cloudrunv2/jobIamBinding:JobIamBinding",
    "gcp:cloudrunv2/jobIamMember:JobIamMember",
    "gcp:cloudrunv2/jobIamPolicy:JobIamPolicy",
    "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",
    "gcp:cloudrunv2/workerPoolIamBinding:WorkerPoolIamBinding",
    "gcp:cloudrunv2/workerPoolIamMember:WorkerPoolIamMember",
    "gcp:cloudrunv2/workerPoolIamPolicy:WorkerPoolIamPolicy",
    "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding",
    "gcp:cloudfunctions/functionIamMember:FunctionIamMember",
    "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy",
    "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding",
    "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
    "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy",
    "google-native:run/v1:DomainMapping",
    "google-native:run/v1alpha1:DomainMapping",
    "google-native:run/v1:Policy",
    "google-native:run/v1alpha1:Policy",
    "google-native:cloudfunctions/v1:Policy",
]);
/** The same kinds by name, in any version of these modules: `…IamBinding`, `…IamMember`, `…IamPolicy`, `…DomainMapping`. */
const NO_CODE_NAME = /(?:IamBinding|IamMember|IamPolicy|DomainMapping)$/;

/** How the pack treats a type of the Cloud Run and Cloud Functions modules. */
export type ModuleTypeClass = "workload" | "gen1" | "no-code" | "unchecked" | "outside";

/** Classifies a Pulumi type token. "outside": not in those modules at all. */
export function classifyModuleType(type: string): ModuleTypeClass {
    if (workloadKind(type)) return "workload";
    if (type === GEN1_FUNCTION_TYPE || type === GEN1_FUNCTION_TYPE_NATIVE) return "gen1";
    if (!MODULE.test(type)) return "outside";
    if (NO_CODE_TYPES.has(type)) return "no-code";
    const name = type.slice(type.lastIndexOf(":") + 1);
    return NO_CODE_NAME.test(name) ? "no-code" : "unchecked";
}

/** "the Cloud Run module of gcp" and the like, for messages. */
export function moduleOf(type: string): string {
    const m = MODULE.exec(type);
    if (!m) return "an unknown module";
    const provider = type.startsWith("google-native:") ? "google-native" : "gcp";
    const module = (m[1] ?? m[2]) === "cloudfunctions" ? "Cloud Functions" : "Cloud Run";
    return `the ${module} module of ${provider}`;
}
