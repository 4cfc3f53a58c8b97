// Container image references and Artifact Registry repository names.

/** A container image reference, split into host, path and (for Google registries) project and repository. */
export interface ImageRef {
    /** Registry host as written, e.g. `us-central1-docker.pkg.dev`. */
    host: string;
    /** Path segments after the host, without tag or digest. */
    path: string[];
    /** Artifact Registry region or multi-region (`us-central1`, `us`), from `REGION-docker.pkg.dev`. */
    region?: string;
    /** Google Cloud project, for Artifact Registry and Container Registry hosts. */
    project?: string;
    /** Artifact Registry repository (second path segment). */
    repository?: string;
}

const AR_HOST = /^([a-z0-9]+(?:-[a-z0-9]+)*)-docker\.pkg\.dev$/;
const GCR_HOST = /^(?:[a-z0-9-]+\.)?gcr\.io$/;
/** Images longer than this are not parsed; no real reference comes close. */
const MAX_IMAGE = 2048;

/** The Artifact Registry repository Cloud Run source deploys and Cloud Run functions build into. */
export const SOURCE_DEPLOY_REPO = "cloud-run-source-deploy";
/** The Artifact Registry repository Cloud Functions (2nd gen) builds into by default. */
export const GCF_ARTIFACTS_REPO = "gcf-artifacts";

/** Parses `host/path[:tag][@digest]`; undefined when it is not an image reference. */
export function parseImage(image: string): ImageRef | undefined {
    if (image.length === 0 || image.length > MAX_IMAGE || /[\s\p{Cc}]/u.test(image)) return undefined;
    const noDigest = image.split("@", 1)[0];
    const segments = noDigest.split("/");
    const last = segments.length - 1;
    const colon = segments[last].indexOf(":");
    if (colon >= 0) segments[last] = segments[last].slice(0, colon);
    if (segments.some((s) => s === "")) return undefined;
    const first = segments[0];
    const hasHost = segments.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
    // Host names are case-insensitive; the registry (and so Binary Authorization) sees them lower-case.
    const host = hasHost ? first.toLowerCase() : "docker.io";
    const path = hasHost ? segments.slice(1) : segments;
    const ref: ImageRef = { host, path };
    const ar = AR_HOST.exec(host);
    // A domain-scoped project id (example.com:proj) is written example.com/proj in image names;
    // plain project ids never contain a dot.
    const domainScoped = path.length >= 2 && path[0].includes(".") ? 1 : 0;
    if (ar && path.length >= 2 + domainScoped) {
        ref.region = ar[1];
        ref.project = domainScoped ? `${path[0]}:${path[1]}` : path[0];
        ref.repository = path[1 + domainScoped];
    } else if (GCR_HOST.test(host) && path.length >= 1 + domainScoped) {
        ref.project = domainScoped ? `${path[0]}:${path[1]}` : path[0];
    }
    return ref;
}

/** Artifact Registry (`REGION-docker.pkg.dev`) and Container Registry (`gcr.io`, `*.gcr.io`) hosts. */
export function isGoogleRegistryHost(host: string): boolean {
    // A port or a trailing dot (the DNS root) names the same registry.
    const h = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
    return AR_HOST.test(h) || GCR_HOST.test(h) || h === "docker.pkg.dev" || h === "pkg.dev";
}

/** Whether an image lives in a cloud-run-source-deploy repository. */
export function isSourceDeployImage(ref: ImageRef | undefined): boolean {
    return ref?.repository === SOURCE_DEPLOY_REPO;
}

/** An Artifact Registry repository named `projects/P/locations/R/repositories/REPO`. */
export interface DockerRepository {
    project: string;
    location: string;
    repository: string;
}

const DOCKER_REPOSITORY =
    /^projects\/((?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9])\/locations\/([a-z]+(?:-[a-z0-9]+)*)\/repositories\/([a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)$/;

/** Parses `projects/P/locations/R/repositories/REPO`; undefined when malformed. */
export function parseDockerRepository(s: string): DockerRepository | undefined {
    if (s.length > 512) return undefined;
    const m = DOCKER_REPOSITORY.exec(s);
    return m ? { project: m[1], location: m[2], repository: m[3] } : undefined;
}

/** The allowlist pattern that exempts every image in a repository. */
export function repositoryPattern(host: string, project: string, repository: string): string {
    // Image names write a domain-scoped project id (example.com:proj) as example.com/proj.
    return `${host}/${project.replace(":", "/")}/${repository}/**`;
}
