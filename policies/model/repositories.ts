// Artifact Registry repositories a stack declares that serve images someone else chose: remote
// repositories (a proxy of Docker Hub, GHCR, another registry or repository, which serves the
// upstream's images under its own path) and virtual ones (which serve the images of their upstream
// repositories, remote ones included). An allowlist pattern on one exempts whatever the upstream
// serves. Only what the stack says is used: a repository whose mode, format, project, location or
// id the pack cannot see is not one of them, and names never are a hint.
import type { PolicyResource } from "@pulumi/policy";
import { parseDockerRepository, repositoryPattern } from "./images";
import type { Subject } from "./kit";
import { trailingStars } from "./patterns";
import { quote } from "./text";
import { items, read, UNKNOWN } from "./values";
import { isProjectNumber, resolveProject, resolveRegion } from "./workloads";
import { partitionPoint } from "./sorted";

export const REPOSITORY_TYPE = "gcp:artifactregistry/repository:Repository";
/** google-native's Artifact Registry repository: the same fields (`repositoryId`, `mode`, `virtualRepositoryConfig`). */
export const NATIVE_REPOSITORY_TYPE = "google-native:artifactregistry/v1:Repository";

/** The modes (the provider's enum, exactly) in which a repository serves images it was not pushed. */
const UPSTREAM_MODES: ReadonlySet<string> = new Set(["REMOTE_REPOSITORY", "VIRTUAL_REPOSITORY"]);

/** A remote or virtual Docker repository declared in the stack. */
export interface UpstreamRepository {
    subject: Subject;
    mode: "REMOTE_REPOSITORY" | "VIRTUAL_REPOSITORY";
    /** `HOST/PROJECT/REPOSITORY/`, the prefix of every image it serves. */
    prefix: string;
    /** For a virtual repository: its upstream repositories as written (projects/P/locations/L/repositories/R). */
    upstreams: string[];
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** The remote and virtual Docker repositories of the stack, indexed by the prefix of the images they serve. */
export class UpstreamRepositories {
    private readonly byPrefix = new Map<string, UpstreamRepository>();
    private readonly sorted: string[];

    constructor(resources: readonly PolicyResource[]) {
        for (const r of resources) {
            if (r.type !== REPOSITORY_TYPE && r.type !== NATIVE_REPOSITORY_TYPE) continue;
            const repo = upstreamRepository(r);
            if (repo && !this.byPrefix.has(repo.prefix)) this.byPrefix.set(repo.prefix, repo);
        }
        this.sorted = [...this.byPrefix.keys()].sort();
    }

    get size(): number {
        return this.byPrefix.size;
    }

    /** The repository an image prefix names, if the stack declares it remote or virtual. */
    byImagePrefix(prefix: string): UpstreamRepository | undefined {
        return this.byPrefix.get(prefix);
    }

    /**
     * The remote and virtual repositories whose images the allowlist pattern exempts (at most
     * `max`, and how many in all), by Binary Authorization's matching: a trailing `**` exempts every
     * image under its stem, a trailing `*` those within the stem's last segment, an exact name one
     * image. An exact name pinned by digest exempts one fixed image, not what the upstream serves.
     */
    reachedBy(pattern: string, max: number): { repos: UpstreamRepository[]; total: number } {
        const none = { repos: [], total: 0 };
        if (this.byPrefix.size === 0) return none;
        const stars = trailingStars(pattern);
        if (stars > 2 || (stars === 0 && DIGEST.test(pattern))) return none;
        const stem = pattern.slice(0, pattern.length - stars);
        // A repository whose prefix the stem starts with: the stem names images in it (or the repository itself, with "**").
        const segs = stem.split("/");
        for (const n of [3, 4]) {
            if (segs.length <= n) continue;
            const repo = this.byPrefix.get(`${segs.slice(0, n).join("/")}/`);
            // An exact pattern that names the repository itself ("…/REPO/") matches no image.
            if (repo && !(stars === 0 && stem === repo.prefix)) return { repos: [repo], total: 1 };
        }
        if (stars !== 2) return none;
        // A "**" broader than a repository exempts every repository under its stem: a contiguous
        // run of the sorted prefixes, found (and counted) by two binary searches.
        const sorted = this.sorted;
        const first = partitionPoint(sorted, (k) => k < stem);
        const end = partitionPoint(sorted, (k) => k.startsWith(stem), first);
        const repos = sorted.slice(first, Math.min(end, first + max)).map((k) => this.byPrefix.get(k) as UpstreamRepository);
        return { repos, total: end - first };
    }
}

/** An Artifact Registry repository (gcp or google-native) as a remote or virtual Docker repository, or undefined. */
function upstreamRepository(r: PolicyResource): UpstreamRepository | undefined {
    const mode = read(r.props, ["mode"]);
    if (typeof mode !== "string" || !UPSTREAM_MODES.has(mode)) return undefined;
    const format = read(r.props, ["format"]);
    if (typeof format !== "string" || format.toUpperCase() !== "DOCKER") return undefined;
    const id = read(r.props, ["repositoryId"]);
    const pkg = r.type === NATIVE_REPOSITORY_TYPE ? "google-native" : "gcp";
    const project = resolveProject(r.props, r.provider, pkg);
    const location = resolveRegion(r.type, r.props, r.provider, pkg);
    if (typeof id !== "string" || id === "" || typeof project !== "string" || typeof location !== "string") return undefined;
    if (isProjectNumber(project)) return undefined;
    const upstreams: string[] = [];
    if (mode === "VIRTUAL_REPOSITORY") {
        for (const u of items(read(r.props, ["virtualRepositoryConfig", "upstreamPolicies"]))) {
            const repo = u === UNKNOWN ? UNKNOWN : read(u, ["repository"]);
            upstreams.push(typeof repo === "string" ? repo : repo === UNKNOWN ? "(unknown during preview)" : "(not set)");
        }
    }
    return {
        subject: { type: r.type, name: r.name, urn: r.urn },
        mode: mode as UpstreamRepository["mode"],
        prefix: repositoryPattern(`${location}-docker.pkg.dev`, project, id).slice(0, -2),
        upstreams,
    };
}

/** How a message names the repository and why an allowlist pattern on it is hollow. */
export function describeUpstream(repo: UpstreamRepository, remotes: UpstreamRepositories): string {
    const name = `${repo.subject.type} ${quote(repo.subject.name)}`;
    if (repo.mode === "REMOTE_REPOSITORY") {
        return `the remote repository ${quote(repo.prefix.slice(0, -1), 200)} (${name}, mode REMOTE_REPOSITORY), which serves an upstream registry's images under its own path`;
    }
    const shown = repo.upstreams.slice(0, 3).map((u) => {
        const parsed = parseDockerRepository(u);
        const prefix = parsed ? repositoryPattern(`${parsed.location}-docker.pkg.dev`, parsed.project, parsed.repository).slice(0, -2) : "";
        return `${quote(u, 120)}${prefix && remotes.byImagePrefix(prefix)?.mode === "REMOTE_REPOSITORY" ? " (remote)" : ""}`;
    });
    const more = repo.upstreams.length > 3 ? ` and ${repo.upstreams.length - 3} more` : "";
    const list = shown.length ? `: ${shown.join(", ")}${more}` : "";
    return `the virtual repository ${quote(repo.prefix.slice(0, -1), 200)} (${name}, mode VIRTUAL_REPOSITORY), which serves the images of its upstream repositories${list}`;
}
