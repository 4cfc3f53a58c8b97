// Compile-time proof that every property path the pack reads exists in @pulumi/gcp's own argument
// types: if the provider renames one, `tsc` fails here instead of a preview passing silently.
// Types only: nothing from @pulumi/gcp is loaded at run time.
import type { JobArgs as RunV2JobArgs } from "@pulumi/gcp/cloudrunv2/job";
import type { ServiceArgs as RunV2ServiceArgs } from "@pulumi/gcp/cloudrunv2/service";
import type { WorkerPoolArgs as RunV2WorkerPoolArgs } from "@pulumi/gcp/cloudrunv2/workerPool";
import type { ServiceArgs as RunV1ServiceArgs } from "@pulumi/gcp/cloudrun/service";
import type { FunctionArgs as FunctionsV2Args } from "@pulumi/gcp/cloudfunctionsv2/function";
import type { FunctionArgs as FunctionsV1Args } from "@pulumi/gcp/cloudfunctions/function";
import type { PolicyArgs as BinauthzPolicyArgs } from "@pulumi/gcp/binaryauthorization/policy";
import type { PolicyArgs as OrgPolicyArgs } from "@pulumi/gcp/orgpolicy/policy";
import type { PolicyArgs as LegacyOrgPolicyArgs } from "@pulumi/gcp/organizations/policy";
import type { CustomConstraintArgs } from "@pulumi/gcp/orgpolicy/customConstraint";
import type { TargetArgs as CloudDeployTargetArgs } from "@pulumi/gcp/clouddeploy/target";
import type { input } from "@pulumi/gcp/types";

/** `true` when every key in K is a key of T. */
type Has<T, K extends PropertyKey> = [K] extends [keyof NonNullable<T>] ? true : never;

/** Each check must accept `true`; a renamed property makes its type `never` and fails the build. */
/* eslint-disable @typescript-eslint/no-unused-vars */
const check1: Has<RunV2ServiceArgs, "binaryAuthorization" | "template" | "buildConfig" | "location" | "project"> = true;
const check2: Has<RunV2JobArgs, "binaryAuthorization" | "template" | "location" | "project"> = true;
const check3: Has<RunV2WorkerPoolArgs, "binaryAuthorization" | "template" | "location" | "project"> = true;
const check4: Has<input.cloudrunv2.ServiceBinaryAuthorization, "useDefault" | "policy" | "breakglassJustification"> = true;
const check5: Has<input.cloudrunv2.JobBinaryAuthorization, "useDefault" | "policy" | "breakglassJustification"> = true;
const check6: Has<input.cloudrunv2.WorkerPoolBinaryAuthorization, "useDefault" | "policy" | "breakglassJustification"> = true;
const check7: Has<input.cloudrunv2.ServiceTemplate, "containers"> = true;
const check8: Has<input.cloudrunv2.ServiceTemplateContainer, "image"> = true;
const check9: Has<input.cloudrunv2.JobTemplate, "template"> = true;
const check10: Has<input.cloudrunv2.JobTemplateTemplate, "containers"> = true;
const check11: Has<input.cloudrunv2.WorkerPoolTemplate, "containers"> = true;
const check12: Has<RunV1ServiceArgs, "metadata" | "template" | "location" | "project"> = true;
const check13: Has<input.cloudrun.ServiceMetadata, "annotations"> = true;
const check14: Has<input.cloudrun.ServiceTemplate, "spec" | "metadata"> = true;
const check15: Has<input.cloudrun.ServiceTemplateSpec, "containers"> = true;
const check16: Has<FunctionsV2Args, "serviceConfig" | "buildConfig" | "location" | "project"> = true;
const check17: Has<input.cloudfunctionsv2.FunctionServiceConfig, "binaryAuthorizationPolicy"> = true;
const check18: Has<input.cloudfunctionsv2.FunctionBuildConfig, "dockerRepository"> = true;
const check19: Has<FunctionsV1Args, "region" | "project"> = true;
const check20: Has<BinauthzPolicyArgs, "admissionWhitelistPatterns" | "defaultAdmissionRule" | "project"> = true;
const check21: Has<input.binaryauthorization.PolicyAdmissionWhitelistPattern, "namePattern"> = true;
const check22: Has<input.binaryauthorization.PolicyDefaultAdmissionRule, "evaluationMode" | "enforcementMode"> = true;
const check23: Has<OrgPolicyArgs, "name" | "spec"> = true;
const check24: Has<input.orgpolicy.PolicySpec, "rules" | "reset"> = true;
const check25: Has<input.orgpolicy.PolicySpecRule, "allowAll" | "denyAll" | "values"> = true;
const check26: Has<input.orgpolicy.PolicySpecRuleValues, "allowedValues" | "deniedValues"> = true;
const check27: Has<LegacyOrgPolicyArgs, "constraint" | "listPolicy" | "restorePolicy"> = true;
const check28: Has<input.organizations.PolicyListPolicy, "allow" | "deny"> = true;
const check29: Has<input.organizations.PolicyListPolicyAllow, "all" | "values"> = true;
const check30: Has<CustomConstraintArgs, "name" | "resourceTypes" | "methodTypes" | "actionType" | "condition"> = true;
const check31: Has<OrgPolicyArgs, "dryRunSpec"> = true;
const check32: Has<input.orgpolicy.PolicySpecRule, "enforce" | "condition"> = true;
const check33: Has<CloudDeployTargetArgs, "run"> = true;
const check34: Has<input.clouddeploy.TargetRun, "location"> = true;
const check35: Has<input.cloudrun.ServiceTemplateMetadata, "annotations"> = true;
/* eslint-enable @typescript-eslint/no-unused-vars */
