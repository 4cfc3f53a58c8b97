// Which resources are workloads, where their Binary Authorization settings live, and which
// project, region and images they use.
import {
    GCF_ARTIFACTS_REPO,
    isSourceDeployImage,
    parseDockerRepository,
    parseImage,
    repositoryPattern,
    SOURCE_DEPLOY_REPO,
} from "./images";
import { describe } from "./text";
import { items, read, UNKNOWN } from "./values";

/** Which API a workload type belongs to, which decides where its settings live. */
export type Api = "v2" | "v1" | "functions";

/** A workload resource type and where its settings and images live. */
export interface WorkloadKind {
    type: string;
    label: string;
    api: Api;
    /** Path to the containers array, where there is one. */
    containers?: readonly string[];
    /** gcloud command that deploys it, for the fix text. */
    gcloud: string;
}

/** The v1 Service annotation that sets Binary Authorization (on the Service's own metadata). */
export const V1_BINAUTHZ_ANNOTATION = "run.googleapis.com/binary-authorization";
/** The v1 Service annotation that carries a breakglass justification. */
export const V1_BREAKGLASS_ANNOTATION = "run.googleapis.com/binary-authorization-breakglass";

/** Every workload type the pack checks, by Pulumi type token. */
export const WORKLOAD_KINDS: Readonly<Record<string, WorkloadKind>> = {
    "gcp:cloudrunv2/service:Service": {
        type: "gcp:cloudrunv2/service:Service",
        label: "Cloud Run service",
        api: "v2",
        containers: ["template", "containers"],
        gcloud: "gcloud run deploy",
    },
    "gcp:cloudrunv2/job:Job": {
        type: "gcp:cloudrunv2/job:Job",
        label: "Cloud Run job",
        api: "v2",
        containers: ["template", "template", "containers"],
        gcloud: "gcloud run jobs deploy",
    },
    "gcp:cloudrunv2/workerPool:WorkerPool": {
        type: "gcp:cloudrunv2/workerPool:WorkerPool",
        label: "Cloud Run worker pool",
        api: "v2",
        containers: ["template", "containers"],
        gcloud: "gcloud run worker-pools deploy",
    },
    "gcp:cloudrun/service:Service": {
        type: "gcp:cloudrun/service:Service",
        label: "Cloud Run service (v1 API)",
        api: "v1",
        containers: ["template", "spec", "containers"],
        gcloud: "gcloud run deploy",
    },
    "gcp:cloudfunctionsv2/function:Function": {
        type: "gcp:cloudfunctionsv2/function:Function",
        label: "Cloud Function (2nd gen)",
        api: "functions",
        gcloud: "gcloud functions deploy",
    },
};

/** Cloud Functions (1st gen), which Binary Authorization cannot protect. */
export const GEN1_FUNCTION_TYPE = "gcp:cloudfunctions/function:Function";
/** A project's Binary Authorization policy. */
export const BINAUTHZ_POLICY_TYPE = "gcp:binaryauthorization/policy:Policy";

/** The workload kind of a type token, or undefined for other resources. */
export function workloadKind(type: string): WorkloadKind | undefined {
    return Object.prototype.hasOwnProperty.call(WORKLOAD_KINDS, type) ? WORKLOAD_KINDS[type] : undefined;
}

/** A v2 Cloud Run service with buildConfig is a Cloud Run function built from source. */
export function isSourceBuiltService(kind: WorkloadKind, props: unknown): boolean {
    if (kind.type !== "gcp:cloudrunv2/service:Service") return false;
    const bc = read(props, ["buildConfig"]);
    return bc !== undefined && bc !== null;
}

/** How messages name a workload: a v2 service with buildConfig is a Cloud Run function. */
export function kindLabel(kind: WorkloadKind, props: unknown): string {
    return isSourceBuiltService(kind, props) ? "Cloud Run function (Cloud Run service with buildConfig)" : kind.label;
}

/** Where the settings of each API live, as property paths. */
export const SETTING_PATHS = {
    v2: { binauthz: ["binaryAuthorization"], breakglass: ["binaryAuthorization", "breakglassJustification"] },
    v1: {
        binauthz: ["metadata", "annotations", V1_BINAUTHZ_ANNOTATION],
        breakglass: ["metadata", "annotations", V1_BREAKGLASS_ANNOTATION],
    },
    functions: { binauthz: ["serviceConfig", "binaryAuthorizationPolicy"], breakglass: undefined },
} as const;

/** The fix, as Pulumi TypeScript and as the gcloud flag. */
export function enableFix(kind: WorkloadKind): string {
    const ts =
        kind.api === "v2"
            ? "binaryAuthorization: { useDefault: true }"
            : kind.api === "v1"
              ? `metadata: { annotations: { "${V1_BINAUTHZ_ANNOTATION}": "default" } }`
              : 'serviceConfig: { binaryAuthorizationPolicy: "default" }';
    return `Fix: set ${ts} in the resource's arguments (gcloud: ${kind.gcloud} --binary-authorization default).`;
}

/** Provider properties as the engine passes them (project, region). */
export interface ProviderLike {
    props?: unknown;
}

let stackConfigSource: string | undefined;
let stackConfig: Record<string, unknown> = {};

/** The stack's config (`gcp:project`, `gcp:region`), from PULUMI_CONFIG as the engine sets it for the pack. */
export function stackConfigValue(key: string): string | undefined {
    const src = process.env.PULUMI_CONFIG;
    if (src !== stackConfigSource) {
        stackConfigSource = src;
        try {
            const parsed: unknown = src ? JSON.parse(src) : {};
            stackConfig = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
        } catch {
            stackConfig = {};
        }
    }
    const v = stackConfig[key];
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** A project or region: known, unknown during preview, or not set anywhere. */
export type Resolvable = string | typeof UNKNOWN | undefined;

/** The first candidate that is set: UNKNOWN stops the search, as the engine would not know either. */
function firstOf(...candidates: (() => unknown)[]): Resolvable {
    for (const candidate of candidates) {
        const c = candidate();
        if (c === UNKNOWN) return UNKNOWN;
        if (typeof c === "string" && c !== "") return c;
    }
    return undefined;
}

/** Project: the resource's `project`, else the provider's, else stack config `gcp:project`. */
export function resolveProject(props: unknown, provider: ProviderLike | undefined): Resolvable {
    return firstOf(
        () => read(props, ["project"]),
        () => read(provider?.props, ["project"]),
        () => stackConfigValue("gcp:project"),
    );
}

/** Region: `location` (1st gen: `region`), else the provider's `region`, else stack config `gcp:region`. */
export function resolveRegion(type: string, props: unknown, provider: ProviderLike | undefined): Resolvable {
    return firstOf(
        () => read(props, [type === GEN1_FUNCTION_TYPE ? "region" : "location"]),
        () => read(provider?.props, ["region"]),
        () => stackConfigValue("gcp:region"),
    );
}

/** Container images of a workload: each a string, UNKNOWN, or another (malformed) value. */
export function containerImages(kind: WorkloadKind, props: unknown): unknown[] | typeof UNKNOWN {
    if (!kind.containers) return [];
    const containers = read(props, kind.containers);
    if (containers === UNKNOWN) return UNKNOWN;
    return items(containers).map((c) => (c === UNKNOWN ? UNKNOWN : read(c, ["image"])));
}

/** One repository a workload's source deploys build into, which the project's policy must exempt. */
export interface Requirement {
    /** The project whose Binary Authorization policy must carry the pattern (where the workload runs). */
    project: string;
    pattern: string;
    /** Why this workload needs it, for the message. */
    because: string;
}

/** What a workload needs exempted, or why the pack cannot tell. */
export type RequirementResult =
    | { kind: "none" }
    | { kind: "needs"; requirements: Requirement[] }
    | { kind: "unknown"; path: string }
    | { kind: "malformed"; message: string }
    /** Well-formed, but the pack cannot build the pattern Binary Authorization would match. */
    | { kind: "unverifiable"; message: string };

/** A repository named by project number: images are named by project id, which the pack cannot look up. */
const REPOSITORY_BY_NUMBER = /^projects\/(\d+)\/locations\/[a-z0-9-]+\/repositories\/[a-z0-9-]+$/;

const NO_PROJECT: RequirementResult = {
    kind: "malformed",
    message: "the pack cannot tell which project it runs in: set project on the resource, on its provider, or as stack config gcp:project",
};
const NO_REGION: RequirementResult = {
    kind: "malformed",
    message:
        "the pack cannot tell which region it runs in: set location on the resource, region on its provider, or stack config gcp:region",
};

/**
 * The source-deploy repositories a workload needs exempted:
 * - Cloud Run services with buildConfig, and any workload with an image in cloud-run-source-deploy;
 * - 2nd-gen functions: gcf-artifacts, or buildConfig.dockerRepository.
 */
export function sourceDeployRequirements(kind: WorkloadKind, props: unknown, provider: ProviderLike | undefined): RequirementResult {
    return kind.api === "functions" ? functionRequirements(kind, props, provider) : containerRequirements(kind, props, provider);
}

function functionRequirements(kind: WorkloadKind, props: unknown, provider: ProviderLike | undefined): RequirementResult {
    const project = resolveProject(props, provider);
    if (project === UNKNOWN) return { kind: "unknown", path: "project" };
    if (project === undefined) return NO_PROJECT;
    const repo = read(props, ["buildConfig", "dockerRepository"]);
    if (repo === UNKNOWN) return { kind: "unknown", path: "buildConfig.dockerRepository" };
    if (repo !== undefined && repo !== null && repo !== "") {
        const parsed = typeof repo === "string" ? parseDockerRepository(repo) : undefined;
        const byNumber = typeof repo === "string" ? REPOSITORY_BY_NUMBER.exec(repo) : null;
        if (byNumber) {
            return {
                kind: "unverifiable",
                message: `buildConfig.dockerRepository names project number ${byNumber[1]}, but image names (and so allowlist patterns) use the project id. Write projects/PROJECT_ID/locations/REGION/repositories/REPOSITORY so the pack can check the exemption`,
            };
        }
        if (!parsed) {
            return {
                kind: "malformed",
                message: `buildConfig.dockerRepository is ${describe(repo)}, not projects/PROJECT/locations/REGION/repositories/REPOSITORY, so the pack cannot tell which repository to exempt`,
            };
        }
        const pattern = repositoryPattern(`${parsed.location}-docker.pkg.dev`, parsed.project, parsed.repository);
        return { kind: "needs", requirements: [{ project, pattern, because: "its build writes to buildConfig.dockerRepository" }] };
    }
    const region = resolveRegion(kind.type, props, provider);
    if (region === UNKNOWN) return { kind: "unknown", path: "location" };
    if (region === undefined) return NO_REGION;
    const pattern = repositoryPattern(`${region}-docker.pkg.dev`, project, GCF_ARTIFACTS_REPO);
    return { kind: "needs", requirements: [{ project, pattern, because: "Cloud Functions (2nd gen) builds into gcf-artifacts" }] };
}

function containerRequirements(kind: WorkloadKind, props: unknown, provider: ProviderLike | undefined): RequirementResult {
    const images = containerImages(kind, props);
    const imagesPath = `${kind.containers?.join(".")}[].image`;
    if (images === UNKNOWN || images.includes(UNKNOWN)) return { kind: "unknown", path: imagesPath };
    const patterns: { pattern: string; because: string }[] = [];
    for (const image of images) {
        const ref = typeof image === "string" ? parseImage(image) : undefined;
        if (isSourceDeployImage(ref) && ref?.project) {
            patterns.push({
                pattern: repositoryPattern(ref.host, ref.project, SOURCE_DEPLOY_REPO),
                because: "its image lives in cloud-run-source-deploy",
            });
        }
    }
    const sourceBuilt = isSourceBuiltService(kind, props);
    // A build with buildConfig.imageUri writes there instead of cloud-run-source-deploy.
    const imageUri = sourceBuilt ? read(props, ["buildConfig", "imageUri"]) : undefined;
    if (imageUri === UNKNOWN) return { kind: "unknown", path: "buildConfig.imageUri" };
    if (imageUri !== undefined && imageUri !== null && imageUri !== "") {
        const ref = typeof imageUri === "string" ? parseImage(imageUri) : undefined;
        if (!ref?.project || !ref.repository) {
            return {
                kind: "malformed",
                message: `buildConfig.imageUri is ${describe(imageUri)}, not an Artifact Registry image REGION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE, so the pack cannot tell which repository to exempt`,
            };
        }
        patterns.push({
            pattern: repositoryPattern(ref.host, ref.project, ref.repository),
            because: "its build writes to buildConfig.imageUri",
        });
    } else if (patterns.length === 0 && sourceBuilt) {
        const region = resolveRegion(kind.type, props, provider);
        const project = resolveProject(props, provider);
        if (region === UNKNOWN) return { kind: "unknown", path: "location" };
        if (project === UNKNOWN) return { kind: "unknown", path: "project" };
        if (region === undefined) return NO_REGION;
        if (project === undefined) return NO_PROJECT;
        patterns.push({
            pattern: repositoryPattern(`${region}-docker.pkg.dev`, project, SOURCE_DEPLOY_REPO),
            because: "it is built from source (buildConfig), which writes to cloud-run-source-deploy",
        });
    }
    if (patterns.length === 0) return { kind: "none" };
    const project = resolveProject(props, provider);
    if (project === UNKNOWN) return { kind: "unknown", path: "project" };
    if (project === undefined) return NO_PROJECT;
    const seen = new Set<string>();
    const requirements: Requirement[] = [];
    for (const p of patterns) {
        if (seen.has(p.pattern)) continue;
        seen.add(p.pattern);
        requirements.push({ project, ...p });
    }
    return { kind: "needs", requirements };
}
