// cloud-run-deploy-unverified: resources that put code on Cloud Run where the pack cannot check
// Binary Authorization: Firebase App Hosting, Cloud Deploy targets that deploy to Cloud Run, Command
// resources and Cloud Build triggers whose steps run gcloud deploys without
// --binary-authorization=default, Cloud Build triggers whose build is a file the pack cannot read,
// google-native's 1st-gen functions, and types of the Cloud Run and Cloud Functions modules that
// this pack does not know.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type CommonConfig, configSchema } from "./model/config";
import { isCloudBuildType, readBuild } from "./model/cloudBuild";
import { COMMAND_FIELDS, COMMAND_TYPES, type DeployTarget, type UnverifiedDeploy, unverifiedDeploys } from "./model/gcloudCommands";
import { configOf, emptyOutcome, exemptionCheck, guarded, type Outcome, reportOutcome, type Subject } from "./model/kit";
import { classifyModuleType, moduleOf } from "./model/moduleTypes";
import { quote } from "./model/text";
import { read, UNKNOWN } from "./model/values";
import { GEN1_FUNCTION_TYPE_NATIVE } from "./model/workloads";

const NAME = "cloud-run-deploy-unverified";

const APP_HOSTING_TYPES: ReadonlySet<string> = new Set([
    "gcp:firebase/appHostingBackend:AppHostingBackend",
    "gcp:firebase/appHostingBuild:AppHostingBuild",
]);
const CLOUD_DEPLOY_TARGET_TYPES: ReadonlySet<string> = new Set(["gcp:clouddeploy/target:Target", "google-native:clouddeploy/v1:Target"]);
const MAX_LISTED = 5;

const ORG_POLICY_FIX =
    'enforce the organization policy run.allowedBinaryAuthorizationPolicies with allowedValues ["default"] on the project (gcp.orgpolicy.Policy; gcloud org-policies set-policy), so that no Cloud Run service or job in it deploys without Binary Authorization';

/** The resource that replaces a gcloud deploy, with the argument that enforces the default policy. */
const PULUMI_FIX: Readonly<Record<DeployTarget, string>> = {
    service: "gcp.cloudrunv2.Service with binaryAuthorization: { useDefault: true }",
    job: "gcp.cloudrunv2.Job with binaryAuthorization: { useDefault: true }",
    "worker pool": "gcp.cloudrunv2.WorkerPool with binaryAuthorization: { useDefault: true }",
    function: 'gcp.cloudfunctionsv2.Function with serviceConfig: { binaryAuthorizationPolicy: "default" }',
    "1st-gen function": 'gcp.cloudfunctionsv2.Function with serviceConfig: { binaryAuthorizationPolicy: "default" }',
};

/** cloud-run-deploy-unverified (resource policy, advisory). */
export const deployUnverified: ResourceValidationPolicy = {
    name: NAME,
    description:
        "Resources that deploy to Cloud Run where the pack cannot check Binary Authorization (Firebase App Hosting, Cloud Deploy targets, gcloud deploys in Command resources and Cloud Build triggers, Cloud Build triggers whose build is a file, google-native 1st-gen functions, Cloud Run and Cloud Functions types the pack does not know) are named, with how to close the gap.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: [
        "gcloud in a Command or a Cloud Build step: add --binary-authorization=default to every gcloud run deploy, gcloud run jobs deploy/create, gcloud run worker-pools deploy and gcloud functions deploy --gen2, or manage the workload as a Pulumi resource. gcloud run compose up takes no such flag: deploy its services with gcloud run deploy instead.",
        "A Cloud Build trigger whose build is a file (filename, gitFileSource): put the steps inline (build.steps) so the pack can read them, or enforce run.allowedBinaryAuthorizationPolicies on the project.",
        "Firebase App Hosting and Cloud Deploy: require Binary Authorization for the project with the organization policy run.allowedBinaryAuthorizationPolicies (allowedValues: [default]); for Cloud Deploy also set run.googleapis.com/binary-authorization: default in the manifests it renders.",
        "A Cloud Run or Cloud Functions type the pack does not know: check it by hand and report it to the pack's maintainers.",
        "google-native cloudfunctions/v1 (1st gen): migrate to gcp.cloudfunctionsv2.Function with Binary Authorization.",
        "Record a verified resource with an exemption of this policy (resource, reason, expires).",
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateResource: (args, report) => {
        const type = args.type;
        const moduleClass = classifyModuleType(type);
        const relevant =
            moduleClass === "unchecked" ||
            type === GEN1_FUNCTION_TYPE_NATIVE ||
            APP_HOSTING_TYPES.has(type) ||
            CLOUD_DEPLOY_TARGET_TYPES.has(type) ||
            COMMAND_TYPES.has(type) ||
            isCloudBuildType(type);
        if (!relevant) return;
        const subject: Subject = { type, name: args.name, urn: args.urn };
        guarded(NAME, subject, report, () => {
            const cfg = configOf<CommonConfig>(NAME, args.getConfig);
            if (exemptionCheck(cfg, subject).exempt) return;
            const outcome = emptyOutcome();
            if (moduleClass === "unchecked") uncheckedType(subject, outcome);
            else if (type === GEN1_FUNCTION_TYPE_NATIVE) nativeGen1(subject, outcome);
            else if (APP_HOSTING_TYPES.has(type)) appHosting(subject, outcome);
            else if (CLOUD_DEPLOY_TARGET_TYPES.has(type)) cloudDeployTarget(subject, args.props, outcome);
            else if (isCloudBuildType(type)) cloudBuildDeploys(subject, args.props, outcome);
            else commandDeploys(subject, args.props, outcome);
            reportOutcome(NAME, cfg, outcome, report);
        });
    },
};

function uncheckedType(subject: Subject, outcome: Outcome): void {
    outcome.violations.push({
        subject,
        message: `is a resource type in ${moduleOf(subject.type)} that this version of cloud-run-binauthz does not know (a new API version or resource), so none of its checks ran on it: Binary Authorization was not checked. Fix: if it deploys code, make sure it enforces Binary Authorization with the project's default policy (gcloud: --binary-authorization default) and ask for the type to be supported; then record that with an exemption of ${NAME}.`,
    });
}

/**
 * google-native's 1st-gen function. cloud-functions-gen1-no-binauthz keeps its single type tag (so the
 * analyzer skips every other resource without deserialising it), which leaves this type to this policy.
 */
function nativeGen1(subject: Subject, outcome: Outcome): void {
    outcome.violations.push({
        subject,
        message:
            'is a 1st-gen Cloud Function (google-native cloudfunctions/v1), which Binary Authorization cannot protect: any image or source runs. Fix: migrate this google_native.cloudfunctions.v1.Function to gcp.cloudfunctionsv2.Function with serviceConfig: { binaryAuthorizationPolicy: "default" } (gcloud: gcloud functions deploy --gen2 --binary-authorization default).',
    });
}

function appHosting(subject: Subject, outcome: Outcome): void {
    outcome.violations.push({
        subject,
        message: `Firebase App Hosting deploys this ${subject.type.endsWith(":AppHostingBuild") ? "build" : "backend's builds"} to a Cloud Run service that App Hosting creates and manages outside this stack, so the pack cannot check that it enforces Binary Authorization. Fix: ${ORG_POLICY_FIX} (App Hosting's deploys must then pass it), or deploy the app as a gcp.cloudrunv2.Service with binaryAuthorization: { useDefault: true }.`,
    });
}

function cloudDeployTarget(subject: Subject, props: unknown, outcome: Outcome): void {
    const run = read(props, ["run"]);
    if (run === UNKNOWN) return void outcome.unknowns.push({ subject, path: "run" });
    if (run === undefined || run === null) return;
    const location = read(run, ["location"]);
    const where = typeof location === "string" ? ` (${quote(location, 120)})` : "";
    outcome.violations.push({
        subject,
        message: `this Cloud Deploy target deploys releases to Cloud Run${where} from service and job manifests the pack cannot see, so it cannot check that they enforce Binary Authorization. Fix: set the annotation run.googleapis.com/binary-authorization: default in the metadata.annotations of every Service and Job manifest this target deploys, and ${ORG_POLICY_FIX}.`,
    });
}

function commandDeploys(subject: Subject, props: unknown, outcome: Outcome): void {
    for (const field of COMMAND_FIELDS) {
        const script = read(props, [field]);
        if (script === UNKNOWN) {
            outcome.unknowns.push({ subject, path: field });
            continue;
        }
        if (typeof script !== "string" || script === "") continue;
        const found = unverifiedDeploys(script);
        if (found.length === 0) continue;
        outcome.violations.push({
            subject,
            message: `${field} runs ${listDeploys(found)}, so what it deploys may run without Binary Authorization, outside the pack's view. Fix: add --binary-authorization=default to each of these gcloud commands (with --gen2 for functions), or manage the workload as ${fixesFor(found)}.${noFlagFix(found)}`,
        });
    }
}

function listDeploys(found: UnverifiedDeploy[]): string {
    const listed = found
        .slice(0, MAX_LISTED)
        .map((f) => `${quote(f.command, 120)} (a Cloud Run ${f.target}) ${f.problem}`)
        .join("; ");
    return found.length > MAX_LISTED ? `${listed}; and ${found.length - MAX_LISTED} more` : listed;
}

function fixesFor(found: UnverifiedDeploy[]): string {
    return [...new Set(found.map((f) => PULUMI_FIX[f.target]))].join(", or ");
}

/** The fix for commands that take no --binary-authorization flag, as a sentence; "" when there are none. */
function noFlagFix(found: UnverifiedDeploy[]): string {
    if (!found.some((f) => f.noFlag === "compose")) return "";
    return ` gcloud run compose up takes no --binary-authorization flag: deploy the Compose file's services with gcloud run deploy --binary-authorization=default (or as Pulumi resources) instead, or ${ORG_POLICY_FIX}.`;
}

/**
 * A Cloud Build trigger (or build) whose inline steps run gcloud deploys without the default
 * policy, the same finding as in a Command; or whose build is a file the pack cannot read.
 */
function cloudBuildDeploys(subject: Subject, props: unknown, outcome: Outcome): void {
    const build = readBuild(subject.type, props);
    for (const path of build.unknowns) outcome.unknowns.push({ subject, path });
    if (build.unreadable !== undefined) {
        outcome.violations.push({
            subject,
            message: `this Cloud Build trigger's build cannot be read: ${build.unreadable}, which the pack cannot see, so it cannot check whether the build deploys to Cloud Run (gcloud run deploy, gcloud run jobs deploy, gcloud functions deploy) without Binary Authorization. Fix: ${ORG_POLICY_FIX}; or write the steps inline (build: { steps: [...] }) so the pack reads them; once you have checked the file, record the trigger with an exemption of ${NAME} (resource, reason, expires).`,
        });
        return;
    }
    const steps = build.steps.filter((s) => s.reading.deploys.length > 0);
    if (steps.length === 0) return;
    const found = steps.flatMap((s) => s.reading.deploys);
    const listed = steps
        .slice(0, MAX_LISTED)
        .map(
            (s) =>
                `${s.path}${s.image ? ` (${quote(s.image, 80)})` : ""} ${s.field === "script" ? "script" : "args"} run ${listDeploys(s.reading.deploys)}`,
        )
        .join("; ");
    const more = steps.length > MAX_LISTED ? `; and ${steps.length - MAX_LISTED} more steps` : "";
    outcome.violations.push({
        subject,
        message: `${listed}${more}, so what this build deploys may run without Binary Authorization, outside the pack's view. Fix: add --binary-authorization=default to each of these gcloud commands in the step (with --gen2 for functions), or let the build only build and push the image and manage the workload as ${fixesFor(found)}.${noFlagFix(found)}`,
    });
}
