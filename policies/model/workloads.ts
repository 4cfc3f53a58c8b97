// Which resources are workloads, where their Binary Authorization settings live, and which
// project, region and images they use.
import { GCF_ARTIFACTS_REPO, parseDockerRepository, parseImage, repositoryPattern, SOURCE_DEPLOY_REPO } from "./images";
import { describe, quote } from "./text";
import { items, read, UNKNOWN } from "./values";

/** Which API a workload type belongs to, which decides where its settings live. */
export type Api = "v2" | "v1" | "functions";

/** The Pulumi package a type comes from: its own config keys (`gcp:project`, `google-native:project`). */
export type Provider = "gcp" | "google-native";

/** A workload resource type and where its settings and images live. */
export interface WorkloadKind {
    type: string;
    label: string;
    api: Api;
    provider: Provider;
    /** The Pulumi class, as the fix text names it. */
    pulumiClass: string;
    /** Path to the containers array, where there is one. */
    containers?: readonly string[];
    /** v1 only: the revision template's annotations, which Cloud Run does not read Binary Authorization from. */
    templateAnnotations?: readonly string[];
    /** gcloud command that deploys it, for the fix text. */
    gcloud: string;
    /** The provider's schema has no binaryAuthorization.policy: a named policy is dropped before the API sees it. */
    noNamedPolicy?: true;
    /** The provider's schema has no field that sets Binary Authorization at all. */
    noBinauthzField?: string;
}

/** The v1 Service annotation that sets Binary Authorization (on the Service's own metadata). */
export const V1_BINAUTHZ_ANNOTATION = "run.googleapis.com/binary-authorization";
/** The v1 Service annotation that carries a breakglass justification. */
export const V1_BREAKGLASS_ANNOTATION = "run.googleapis.com/binary-authorization-breakglass";
/** v1 Service annotations of a Cloud Run function or service built from source (Cloud Run Admin API v1). */
export const V1_BUILD_FUNCTION_TARGET = "run.googleapis.com/build-function-target";
export const V1_BUILD_SOURCE_LOCATION = "run.googleapis.com/build-source-location";
export const V1_BUILD_IMAGE_URI = "run.googleapis.com/build-image-uri";

const GN_FUNCTIONS_NO_FIELD =
    "google-native's cloudfunctions/v2 schema has no serviceConfig.binaryAuthorizationPolicy, so the provider drops any value given there and the function deploys without Binary Authorization";

const kinds: WorkloadKind[] = [
    {
        type: "gcp:cloudrunv2/service:Service",
        label: "Cloud Run service",
        api: "v2",
        provider: "gcp",
        pulumiClass: "gcp.cloudrunv2.Service",
        containers: ["template", "containers"],
        gcloud: "gcloud run deploy",
    },
    {
        type: "gcp:cloudrunv2/job:Job",
        label: "Cloud Run job",
        api: "v2",
        provider: "gcp",
        pulumiClass: "gcp.cloudrunv2.Job",
        containers: ["template", "template", "containers"],
        gcloud: "gcloud run jobs deploy",
    },
    {
        type: "gcp:cloudrunv2/workerPool:WorkerPool",
        label: "Cloud Run worker pool",
        api: "v2",
        provider: "gcp",
        pulumiClass: "gcp.cloudrunv2.WorkerPool",
        containers: ["template", "containers"],
        gcloud: "gcloud run worker-pools deploy",
    },
    {
        type: "gcp:cloudrun/service:Service",
        label: "Cloud Run service (v1 API)",
        api: "v1",
        provider: "gcp",
        pulumiClass: "gcp.cloudrun.Service",
        containers: ["template", "spec", "containers"],
        templateAnnotations: ["template", "metadata", "annotations"],
        gcloud: "gcloud run deploy",
    },
    {
        type: "gcp:cloudfunctionsv2/function:Function",
        label: "Cloud Function (2nd gen)",
        api: "functions",
        provider: "gcp",
        pulumiClass: "gcp.cloudfunctionsv2.Function",
        gcloud: "gcloud functions deploy --gen2",
    },
    {
        type: "google-native:run/v2:Service",
        label: "Cloud Run service (google-native run/v2)",
        api: "v2",
        provider: "google-native",
        pulumiClass: "google_native.run.v2.Service",
        containers: ["template", "containers"],
        gcloud: "gcloud run deploy",
        noNamedPolicy: true,
    },
    {
        type: "google-native:run/v2:Job",
        label: "Cloud Run job (google-native run/v2)",
        api: "v2",
        provider: "google-native",
        pulumiClass: "google_native.run.v2.Job",
        containers: ["template", "template", "containers"],
        gcloud: "gcloud run jobs deploy",
        noNamedPolicy: true,
    },
    {
        type: "google-native:run/v1:Service",
        label: "Cloud Run service (google-native run/v1)",
        api: "v1",
        provider: "google-native",
        pulumiClass: "google_native.run.v1.Service",
        containers: ["spec", "template", "spec", "containers"],
        templateAnnotations: ["spec", "template", "metadata", "annotations"],
        gcloud: "gcloud run deploy",
    },
    {
        type: "google-native:cloudfunctions/v2:Function",
        label: "Cloud Function (2nd gen, google-native cloudfunctions/v2)",
        api: "functions",
        provider: "google-native",
        pulumiClass: "google_native.cloudfunctions.v2.Function",
        gcloud: "gcloud functions deploy --gen2",
        noBinauthzField: GN_FUNCTIONS_NO_FIELD,
    },
];

/** Every workload type the pack checks, by Pulumi type token. */
export const WORKLOAD_KINDS: Readonly<Record<string, WorkloadKind>> = Object.fromEntries(kinds.map((k) => [k.type, k]));

/** Cloud Functions (1st gen), which Binary Authorization cannot protect. */
export const GEN1_FUNCTION_TYPE = "gcp:cloudfunctions/function:Function";
/** google-native's Cloud Functions v1 API: 1st gen as well. */
export const GEN1_FUNCTION_TYPE_NATIVE = "google-native:cloudfunctions/v1:Function";
/** A project's Binary Authorization policy. */
export const BINAUTHZ_POLICY_TYPE = "gcp:binaryauthorization/policy:Policy";

/** The workload kind of a type token, or undefined for other resources. */
export function workloadKind(type: string): WorkloadKind | undefined {
    return Object.prototype.hasOwnProperty.call(WORKLOAD_KINDS, type) ? WORKLOAD_KINDS[type] : undefined;
}

/** A v1 build annotation that is set (a non-empty value, or unknown), on the Service or, where Google reads it, the revision template. */
function v1BuildAnnotation(kind: WorkloadKind, props: unknown, key: string): unknown {
    const onService = read(props, ["metadata", "annotations", key]);
    if (onService !== undefined && onService !== null && onService !== "") return onService;
    // build-function-target and build-source-location are also read on the Revision; build-image-uri only on the Service.
    if (key === V1_BUILD_IMAGE_URI || !kind.templateAnnotations) return undefined;
    const onTemplate = read(props, [...kind.templateAnnotations, key]);
    return onTemplate !== undefined && onTemplate !== null && onTemplate !== "" ? onTemplate : undefined;
}

/**
 * Built from source: a v2 Cloud Run service with buildConfig (a Cloud Run function), or a v1 Service
 * whose annotations carry the build that Cloud Run runs for it (run.googleapis.com/build-*).
 */
export function isSourceBuiltService(kind: WorkloadKind, props: unknown): boolean {
    return sourceBuiltState(kind, props) !== "no";
}

/** Whether a service is built from source: "unknown" when only an unknown value could say so. */
export function sourceBuiltState(kind: WorkloadKind, props: unknown): "yes" | "no" | "unknown" {
    if (kind.api === "v1") {
        const found = [V1_BUILD_FUNCTION_TARGET, V1_BUILD_SOURCE_LOCATION, V1_BUILD_IMAGE_URI].map((key) =>
            v1BuildAnnotation(kind, props, key),
        );
        if (found.some((v) => v !== undefined && v !== UNKNOWN)) return "yes";
        return found.some((v) => v === UNKNOWN) ? "unknown" : "no";
    }
    if (kind.type !== "gcp:cloudrunv2/service:Service") return "no";
    const bc = read(props, ["buildConfig"]);
    if (bc === UNKNOWN) return "unknown";
    return bc !== undefined && bc !== null ? "yes" : "no";
}

/** How messages name a workload: a service built from a function's source is a Cloud Run function. */
export function kindLabel(kind: WorkloadKind, props: unknown): string {
    if (!isSourceBuiltService(kind, props)) return kind.label;
    if (kind.api === "v2") return "Cloud Run function (Cloud Run service with buildConfig)";
    const api = kind.provider === "gcp" ? "v1 API" : "google-native run/v1";
    return v1BuildAnnotation(kind, props, V1_BUILD_FUNCTION_TARGET) !== undefined
        ? `Cloud Run function (${api}, ${V1_BUILD_FUNCTION_TARGET})`
        : `Cloud Run service built from source (${api})`;
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

/** The Pulumi argument that switches the default policy on, as TypeScript. */
export function enableArgument(kind: WorkloadKind): string {
    return kind.api === "v2"
        ? "binaryAuthorization: { useDefault: true }"
        : kind.api === "v1"
          ? `metadata: { annotations: { "${V1_BINAUTHZ_ANNOTATION}": "default" } }`
          : 'serviceConfig: { binaryAuthorizationPolicy: "default" }';
}

/** The fix, as Pulumi TypeScript (naming the class) and as the gcloud command with its flag. */
export function enableFix(kind: WorkloadKind): string {
    const gcloud = `gcloud: ${kind.gcloud} --binary-authorization default`;
    if (kind.noBinauthzField) {
        return `Fix: ${kind.pulumiClass} cannot set Binary Authorization; replace it with gcp.cloudfunctionsv2.Function and set ${enableArgument(kind)} (${gcloud}).`;
    }
    return `Fix: set ${enableArgument(kind)} in the arguments of this ${kind.pulumiClass} (${gcloud}).`;
}

/** The provider of a resource as the engine passes it: its name and type, and its inputs (project, region). */
export interface ProviderLike {
    name?: string;
    type?: string;
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

/**
 * Whether a resource uses an explicit provider (`new gcp.Provider(...)`). The engine names default
 * providers "default" or "default_<version>" (pkg/resource/deploy/providers: IsDefaultProvider tests
 * the prefix), and fills their inputs from stack config; an explicit provider gets only the inputs
 * the program gives it, so stack config (`gcp:project`) says nothing about where its resources go.
 */
export function isExplicitProvider(provider: ProviderLike | undefined): boolean {
    const name = provider?.name;
    return typeof name === "string" && name !== "" && !name.startsWith("default");
}

/** The provider's inputs, when it is a provider of this package (a default provider of another package says nothing). */
function providerProps(provider: ProviderLike | undefined, pkg: Provider): unknown {
    const type = provider?.type;
    if (typeof type === "string" && type !== "" && type !== `pulumi:providers:${pkg}`) return undefined;
    return provider?.props;
}

/**
 * Project: the resource's `project`, else its provider's, else stack config `PKG:project` (only for
 * a default provider: an explicit provider without `project` leaves it to the environment, which the
 * pack cannot see, so the project is unknown).
 */
export function resolveProject(props: unknown, provider: ProviderLike | undefined, pkg: Provider = "gcp"): Resolvable {
    return resolveSetting(read(props, ["project"]), provider, pkg, "project");
}

/** Region: `location` (1st gen: `region`), else the provider's `region`, else stack config `PKG:region` (default providers only). */
export function resolveRegion(type: string, props: unknown, provider: ProviderLike | undefined, pkg: Provider = "gcp"): Resolvable {
    return resolveSetting(read(props, [type === GEN1_FUNCTION_TYPE ? "region" : "location"]), provider, pkg, "region");
}

function resolveSetting(own: unknown, provider: ProviderLike | undefined, pkg: Provider, key: "project" | "region"): Resolvable {
    const resolved = firstOf(
        () => own,
        () => read(providerProps(provider, pkg), [key]),
        () => (isExplicitProvider(provider) ? undefined : stackConfigValue(`${pkg}:${key}`)),
    );
    // Not set on the resource nor on its explicit provider: the provider takes it from its environment
    // at run time, which the pack cannot see; that is an unknown, not a missing value.
    return resolved === undefined && isExplicitProvider(provider) ? UNKNOWN : resolved;
}

/** A project given by number (all digits): image names and allowlist patterns use the project id. */
export function isProjectNumber(project: string): boolean {
    return /^\d+$/.test(project);
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

function noProject(pkg: Provider): RequirementResult {
    return {
        kind: "malformed",
        message: `the pack cannot tell which project it runs in: set project on the resource, on its provider, or as stack config ${pkg}:project`,
    };
}
function noRegion(pkg: Provider): RequirementResult {
    return {
        kind: "malformed",
        message: `the pack cannot tell which region it runs in: set location on the resource, region on its provider, or stack config ${pkg}:region`,
    };
}

/** The path an unknown project or region is reported at: an explicit provider without one is unknown for good. */
function unknownAt(field: "project" | "location", provider: ProviderLike | undefined): RequirementResult {
    const path = isExplicitProvider(provider)
        ? `${field} (set neither on the resource nor on its explicit provider ${quote(provider?.name ?? "")}, which does not read stack config; set ${field} on the resource or ${field === "project" ? "project" : "region"} on the provider)`
        : field;
    return { kind: "unknown", path };
}

function byNumber(project: string): RequirementResult {
    return {
        kind: "unverifiable",
        message: `its project is given by number (${project}), but image names and allowlist patterns use the project id, so the pack cannot match it to a Binary Authorization policy. Fix: set project to the project id (gcloud projects describe ${project} --format="value(projectId)")`,
    };
}

/**
 * The source-deploy repositories a workload needs exempted:
 * - Cloud Run services built from source (v2 buildConfig, v1 build annotations): cloud-run-source-deploy, or the build's image URI;
 * - 2nd-gen functions: gcf-artifacts, or buildConfig.dockerRepository.
 */
export function sourceDeployRequirements(kind: WorkloadKind, props: unknown, provider: ProviderLike | undefined): RequirementResult {
    // A type that cannot enforce Binary Authorization is never blocked by the policy's allowlist;
    // cloud-run-binauthz-required reports it instead.
    if (kind.noBinauthzField) return { kind: "none" };
    return kind.api === "functions" ? functionRequirements(kind, props, provider) : containerRequirements(kind, props, provider);
}

function functionRequirements(kind: WorkloadKind, props: unknown, provider: ProviderLike | undefined): RequirementResult {
    const project = resolveProject(props, provider, kind.provider);
    if (project === UNKNOWN) return unknownAt("project", provider);
    if (project === undefined) return noProject(kind.provider);
    if (isProjectNumber(project)) return byNumber(project);
    const repo = read(props, ["buildConfig", "dockerRepository"]);
    if (repo === UNKNOWN) return { kind: "unknown", path: "buildConfig.dockerRepository" };
    if (repo !== undefined && repo !== null && repo !== "") {
        const parsed = typeof repo === "string" ? parseDockerRepository(repo) : undefined;
        const repoByNumber = typeof repo === "string" ? REPOSITORY_BY_NUMBER.exec(repo) : null;
        if (repoByNumber) {
            return {
                kind: "unverifiable",
                message: `buildConfig.dockerRepository names project number ${repoByNumber[1]}, but image names (and so allowlist patterns) use the project id. Write projects/PROJECT_ID/locations/REGION/repositories/REPOSITORY so the pack can check the exemption`,
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
    const region = resolveRegion(kind.type, props, provider, kind.provider);
    if (region === UNKNOWN) return unknownAt("location", provider);
    if (region === undefined) return noRegion(kind.provider);
    const pattern = repositoryPattern(`${region}-docker.pkg.dev`, project, GCF_ARTIFACTS_REPO);
    return { kind: "needs", requirements: [{ project, pattern, because: "Cloud Functions (2nd gen) builds into gcf-artifacts" }] };
}

/** Where a source build writes its image, when the resource names it: v2 buildConfig.imageUri, v1 the build-image-uri annotation. */
function buildImageUri(kind: WorkloadKind, props: unknown): { value: unknown; path: string } {
    if (kind.api === "v1") {
        return {
            value: read(props, ["metadata", "annotations", V1_BUILD_IMAGE_URI]),
            path: `metadata.annotations["${V1_BUILD_IMAGE_URI}"]`,
        };
    }
    return { value: read(props, ["buildConfig", "imageUri"]), path: "buildConfig.imageUri" };
}

function containerRequirements(kind: WorkloadKind, props: unknown, provider: ProviderLike | undefined): RequirementResult {
    // Only a workload's own build needs an exemption. A pre-built image that merely sits in
    // cloud-run-source-deploy needs an attestation instead: exempting its repository would launder
    // it (binauthz-allowlist-exempts-workload reports that on the workload).
    const patterns: { pattern: string; because: string }[] = [];
    const built = sourceBuiltState(kind, props);
    if (built === "unknown") {
        return { kind: "unknown", path: kind.api === "v1" ? "metadata.annotations (run.googleapis.com/build-*)" : "buildConfig" };
    }
    const sourceBuilt = built === "yes";
    const how =
        kind.api === "v1"
            ? `it is built from source (the ${V1_BUILD_FUNCTION_TARGET.replace("function-target", "*")} annotations)`
            : "it is built from source (buildConfig)";
    // A build with an image URI writes there instead of cloud-run-source-deploy.
    const imageUri = sourceBuilt ? buildImageUri(kind, props) : { value: undefined, path: "" };
    if (imageUri.value === UNKNOWN) return { kind: "unknown", path: imageUri.path };
    if (imageUri.value !== undefined && imageUri.value !== null && imageUri.value !== "") {
        const ref = typeof imageUri.value === "string" ? parseImage(imageUri.value) : undefined;
        if (!ref?.project || !ref.repository) {
            return {
                kind: "malformed",
                message: `${imageUri.path} is ${describe(imageUri.value)}, not an Artifact Registry image REGION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE, so the pack cannot tell which repository to exempt`,
            };
        }
        if (isProjectNumber(ref.project)) return byNumber(ref.project);
        patterns.push({
            pattern: repositoryPattern(ref.host, ref.project, ref.repository),
            because: `its build writes to ${imageUri.path}`,
        });
    } else if (sourceBuilt) {
        const region = resolveRegion(kind.type, props, provider, kind.provider);
        const project = resolveProject(props, provider, kind.provider);
        if (region === UNKNOWN) return unknownAt("location", provider);
        if (project === UNKNOWN) return unknownAt("project", provider);
        if (region === undefined) return noRegion(kind.provider);
        if (project === undefined) return noProject(kind.provider);
        if (isProjectNumber(project)) return byNumber(project);
        patterns.push({
            pattern: repositoryPattern(`${region}-docker.pkg.dev`, project, SOURCE_DEPLOY_REPO),
            because: `${how}, which writes to cloud-run-source-deploy`,
        });
    }
    if (patterns.length === 0) return { kind: "none" };
    const project = resolveProject(props, provider, kind.provider);
    if (project === UNKNOWN) return unknownAt("project", provider);
    if (project === undefined) return noProject(kind.provider);
    if (isProjectNumber(project)) return byNumber(project);
    const seen = new Set<string>();
    const requirements: Requirement[] = [];
    for (const p of patterns) {
        if (seen.has(p.pattern)) continue;
        seen.add(p.pattern);
        requirements.push({ project, ...p });
    }
    return { kind: "needs", requirements };
}

/**
 * Whether a source build has something to build: v2 buildConfig.sourceLocation, or the v1
 * build-source-location annotation. An unknown value is a source still to come; a declaration
 * without one builds nothing, so it cannot claim a repository's exception.
 */
function hasBuildSource(kind: WorkloadKind, props: unknown): boolean {
    const source =
        kind.api === "v1" ? v1BuildAnnotation(kind, props, V1_BUILD_SOURCE_LOCATION) : read(props, ["buildConfig", "sourceLocation"]);
    return source === UNKNOWN || (typeof source === "string" && source.trim() !== "");
}

/** The repositories a workload's own build writes into, as `HOST/PROJECT/REPOSITORY/`, or why the pack cannot tell. */
export type BuildTargets =
    | {
          kind: "known";
          prefixes: string[];
          /** The one image a service's build writes (its build image URI, `HOST/PATH` without tag or digest); unset: any one image under `prefixes`. */
          output?: string;
      }
    | { kind: "unknown"; path: string };

/**
 * Where this workload's own build writes its image: a 2nd-gen function into gcf-artifacts or its
 * buildConfig.dockerRepository; a Cloud Run service built from source (v2 buildConfig, v1 build
 * annotations) into its build image URI's repository, else cloud-run-source-deploy of its project
 * and region. Jobs, worker pools and services deployed from an image build nothing: an image of
 * theirs that sits in a build repository is pre-built, wherever it came from. A build the pack
 * cannot read (malformed, by number), or one without a source, builds into nothing it can name.
 */
export function buildTargets(kind: WorkloadKind, props: unknown, provider: ProviderLike | undefined): BuildTargets {
    if (kind.noBinauthzField) return { kind: "known", prefixes: [] };
    const prefix = (pattern: string): string => pattern.slice(0, -2); // HOST/PROJECT/REPOSITORY/**
    if (kind.api === "functions") {
        const r = functionRequirements(kind, props, provider);
        if (r.kind === "unknown") return { kind: "unknown", path: r.path };
        return { kind: "known", prefixes: r.kind === "needs" ? r.requirements.map((q) => prefix(q.pattern)) : [] };
    }
    const built = sourceBuiltState(kind, props);
    if (built === "unknown") {
        return { kind: "unknown", path: kind.api === "v1" ? "metadata.annotations (run.googleapis.com/build-*)" : "buildConfig" };
    }
    if (built === "no" || !hasBuildSource(kind, props)) return { kind: "known", prefixes: [] };
    const imageUri = buildImageUri(kind, props);
    if (imageUri.value === UNKNOWN) return { kind: "unknown", path: imageUri.path };
    if (imageUri.value !== undefined && imageUri.value !== null && imageUri.value !== "") {
        const ref = typeof imageUri.value === "string" ? parseImage(imageUri.value) : undefined;
        if (!ref?.project || !ref.repository || isProjectNumber(ref.project)) return { kind: "known", prefixes: [] };
        return {
            kind: "known",
            prefixes: [prefix(repositoryPattern(ref.host, ref.project, ref.repository))],
            output: `${ref.host}/${ref.path.join("/")}`,
        };
    }
    const region = resolveRegion(kind.type, props, provider, kind.provider);
    const project = resolveProject(props, provider, kind.provider);
    if (region === UNKNOWN) return { kind: "unknown", path: "location" };
    if (project === UNKNOWN) return { kind: "unknown", path: "project" };
    if (region === undefined || project === undefined || isProjectNumber(project)) return { kind: "known", prefixes: [] };
    return { kind: "known", prefixes: [prefix(repositoryPattern(`${region}-docker.pkg.dev`, project, SOURCE_DEPLOY_REPO))] };
}
