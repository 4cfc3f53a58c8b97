// binauthz-allowlist-exempts-workload: an allowlist pattern that matches the image of a workload in
// the same stack means that workload's image is never checked by Binary Authorization.
//
// A stack policy, beside binauthz-allowlist-scoped (a resource policy, which sees one Binary
// Authorization policy and none of the workloads). The repositories source builds write into
// (cloud-run-source-deploy, gcf-artifacts, a function's buildConfig.dockerRepository, a service's
// buildConfig.imageUri) must be allowlisted; that exception belongs to the workloads whose own build
// writes there, so a pre-built image in such a repository is a finding on its workload. A pattern on
// a remote or virtual Artifact Registry repository the stack declares exempts whatever its upstream
// serves, and is a finding on the policy.
import type { StackValidationPolicy } from "@pulumi/policy";
import { collectPolicies, type ManagedPolicy } from "./model/allowlist";
import { configOf, emptyOutcome, exemptionCheck, guarded, type Outcome, reportOutcome, type Subject } from "./model/kit";
import { configSchema, type Glob, globs, matchesAny, type ExemptsWorkloadConfig } from "./model/config";
import { ImageIndex, isBuildRepositoryPattern, PatternMatcher, patternRepositoryPrefix } from "./model/patterns";
import { describeUpstream, UpstreamRepositories } from "./model/repositories";
import { parseImage } from "./model/images";
import { quote, where } from "./model/text";
import { UNKNOWN } from "./model/values";
import { type BuildTargets, buildTargets, containerImages, resolveProject, type WorkloadKind, workloadKind } from "./model/workloads";

const NAME = "binauthz-allowlist-exempts-workload";
const MAX_NAMED = 5;
/** Patterns reported one by one per policy and finding kind; the rest are counted in one more violation. */
const MAX_REPORTED = 25;
/** Images (with the pattern that exempts each) named in one workload's finding. */
const MAX_IMAGES = 3;

interface Workload {
    subject: Subject;
    kind: WorkloadKind;
    /** As the program wrote it, for messages. */
    image: string;
    /** As Binary Authorization matches it: the registry host lower-cased. */
    name: string;
    builds: BuildTargets;
    /** `HOST/PROJECT/REPOSITORY/` of the image, on a Google registry. */
    repository?: string;
    /** This image is the output of the workload's own build (a build writes one image). */
    ownBuild: boolean;
}

/** One pre-built image in an allowlisted build repository, and what exempts it. */
interface Laundered {
    image: string;
    repository: string;
    pattern: string;
    policy: string;
}

/** What the checks of one policy found, before they are reported (or, for an undecidable policy, counted). */
interface Findings {
    violations: { subject: Subject; message: string }[];
    laundered: { workload: Workload; item: Laundered }[];
    unknowns: { subject: Subject; path: string }[];
}

const emptyFindings = (): Findings => ({ violations: [], laundered: [], unknowns: [] });

/** binauthz-allowlist-exempts-workload (stack policy, mandatory). */
export const allowlistExemptsWorkload: StackValidationPolicy = {
    name: NAME,
    description:
        "No Binary Authorization allowlist pattern may match the image of a Cloud Run service, job, worker pool or function of the same stack (an allowlisted image is never checked), the pre-built image of a workload in a repository allowlisted for source builds, or a remote or virtual Artifact Registry repository the stack declares.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
        "Remove the pattern from admissionWhitelistPatterns and let the workload's image be attested (or signed) instead.",
        "Allowlist only the repositories source deploys build into: REGION-docker.pkg.dev/PROJECT/cloud-run-source-deploy/** and REGION-docker.pkg.dev/PROJECT/gcf-artifacts/**, and keep pre-built images out of them: a workload whose image sits there without being built there moves its image to a repository that is not allowlisted (and attests it), or is built from source.",
        "Never allowlist a remote or virtual Artifact Registry repository: it serves an upstream's images. Pin the images you need by digest, or copy them into a standard repository and attest them.",
        "A deliberate exception can be accepted with config allowedPatterns.",
    ].join("\n"),
    configSchema: configSchema(NAME),
    validateStack: (args, report) => {
        guarded(NAME, undefined, report, () => {
            const cfg = configOf<ExemptsWorkloadConfig>(NAME, args.getConfig);
            const outcome = emptyOutcome();
            const allowed = globs(cfg, "allowedPatterns");
            const policies = collectPolicies(args.resources);

            // The stack's workloads by project (a workload whose project the pack cannot tell is
            // compared with every policy), and the repositories their own builds write into.
            const byProject = new Map<string, Workload[]>();
            const anyProject: Workload[] = [];
            const all: Workload[] = [];
            const buildPrefixes = new Set<string>();
            const unknownImages: { subject: Subject; path: string }[] = [];
            for (const r of args.resources) {
                const kind = workloadKind(r.type);
                if (!kind) continue;
                const subject: Subject = { type: r.type, name: r.name, urn: r.urn };
                const builds = buildTargets(kind, r.props, r.provider);
                if (builds.kind === "known") for (const p of builds.prefixes) buildPrefixes.add(p);
                if (exemptionCheck(cfg, subject).exempt) continue;
                const images = containerImages(kind, r.props);
                if (images === UNKNOWN || images.includes(UNKNOWN)) {
                    unknownImages.push({ subject, path: `${kind.containers?.join(".") ?? "containers"}[].image` });
                    continue;
                }
                const project = resolveProject(r.props, r.provider, kind.provider);
                let buildClaimed = false;
                for (const image of images) {
                    if (typeof image !== "string" || image === "") continue;
                    const name = matchedName(image);
                    const repository = patternRepositoryPrefix(name)?.prefix;
                    const ownBuild = !buildClaimed && isOwnBuildOutput(builds, name, repository);
                    if (ownBuild) buildClaimed = true;
                    const w: Workload = { subject, kind, image, name, builds, repository, ownBuild };
                    all.push(w);
                    if (typeof project === "string") {
                        const list = byProject.get(project);
                        if (list) list.push(w);
                        else byProject.set(project, [w]);
                    } else anyProject.push(w);
                }
            }

            const indexes = new Map<string, { index: ImageIndex<Workload>; workloads: Workload[] }>();
            const indexFor = (project: string | undefined): { index: ImageIndex<Workload>; workloads: Workload[] } => {
                const key = project ?? "\u0000every project";
                let ix = indexes.get(key);
                if (!ix) {
                    const workloads = project === undefined ? all : [...(byProject.get(project) ?? []), ...anyProject];
                    ix = { index: new ImageIndex(workloads.map((w) => ({ image: w.name, value: w }))), workloads };
                    indexes.set(key, ix);
                }
                return ix;
            };
            const ctx: CheckContext = { allowed, buildPrefixes };
            const laundered = new Map<string, { workload: Workload; items: Laundered[]; images: Set<string> }>();
            const take = (found: Findings): void => {
                outcome.violations.push(...found.violations);
                outcome.unknowns.push(...found.unknowns);
                for (const { workload, item } of found.laundered) {
                    const entry = laundered.get(workload.subject.urn) ?? { workload, items: [], images: new Set<string>() };
                    if (!entry.images.has(item.image)) {
                        entry.images.add(item.image);
                        if (entry.items.length < MAX_IMAGES) entry.items.push(item);
                    }
                    laundered.set(workload.subject.urn, entry);
                }
            };

            for (const [project, managed] of policies.byProject) {
                const { index, workloads } = indexFor(project);
                for (const policy of managed) {
                    if (exemptionCheck(cfg, policy.subject).exempt) continue;
                    if (policy.unknownPath && index.size > 0) outcome.unknowns.push({ subject: policy.subject, path: policy.unknownPath });
                    take(checkPolicy(policy, `the Binary Authorization policy of project ${quote(project)}`, index, workloads, ctx));
                }
            }
            // A policy whose project is unknown in preview might govern any project: what it would
            // find against every workload is undecidable, so it is the pack's advisory. A policy
            // whose project the pack cannot tell at all is compared with every workload, as a
            // workload whose project it cannot tell is compared with every policy.
            for (const { policy, project } of policies.unplaced) {
                if (exemptionCheck(cfg, policy.subject).exempt) continue;
                const { index, workloads } = indexFor(undefined);
                if (policy.unknownPath && index.size > 0) outcome.unknowns.push({ subject: policy.subject, path: policy.unknownPath });
                if (project === "unknown") {
                    const found = checkPolicy(policy, "this Binary Authorization policy", index, workloads, ctx);
                    if (found.violations.length || found.laundered.length || found.unknowns.length)
                        outcome.unknowns.push({ subject: policy.subject, path: "project" });
                } else {
                    take(
                        checkPolicy(
                            policy,
                            "the Binary Authorization policy whose project the pack cannot tell (set project on it, on its provider, or as stack config gcp:project; until then it is compared with every workload)",
                            index,
                            workloads,
                            ctx,
                        ),
                    );
                }
            }

            const remotes = new UpstreamRepositories(args.resources);
            if (remotes.size > 0) {
                const every: ManagedPolicy[] = [...[...policies.byProject.values()].flat(), ...policies.unplaced.map((u) => u.policy)];
                for (const policy of every) {
                    if (exemptionCheck(cfg, policy.subject).exempt) continue;
                    hollowOnUpstreams(policy, remotes, allowed, outcome);
                }
            }

            for (const { workload, items, images } of laundered.values()) {
                // Worded only when reported: past the report cap a finding is counted, never printed.
                outcome.violations.push({
                    subject: workload.subject,
                    get message() {
                        return launderedMessage(workload, items, images.size);
                    },
                });
            }
            if (policies.byProject.size > 0 || policies.unplaced.length > 0) {
                outcome.unknowns.push(...unknownImages);
            }
            reportOutcome(NAME, cfg, outcome, report);
        });
    },
};

/**
 * The image name Binary Authorization matches: host names are case-insensitive, and the registry
 * (so Binary Authorization) sees them lower-case (see images.ts, parseImage); the path is matched as
 * written.
 */
function matchedName(image: string): string {
    const slash = image.indexOf("/");
    if (slash <= 0) return image;
    const host = image.slice(0, slash);
    return /[.:]/.test(host) || host.toLowerCase() === "localhost" ? host.toLowerCase() + image.slice(slash) : image;
}

/**
 * Whether an image is what the workload's own build writes: in a repository the build writes into,
 * and, where the build names its image URI, that image (any tag or digest). Only one image per
 * workload can be (a build writes one image); a sidecar beside it is pre-built.
 */
function isOwnBuildOutput(builds: BuildTargets, name: string, repository: string | undefined): boolean {
    if (builds.kind !== "known" || repository === undefined || !builds.prefixes.includes(repository)) return false;
    if (builds.output === undefined) return true;
    const ref = parseImage(name);
    return ref !== undefined && `${ref.host}/${ref.path.join("/")}` === builds.output;
}

interface CheckContext {
    allowed: readonly Glob[];
    buildPrefixes: ReadonlySet<string>;
}

/**
 * Every finding of one policy against the workloads that can be in its project: patterns that
 * exempt workload images (each of the first MAX_REPORTED in full, the rest counted with one binary
 * search each), and pre-built images in build repositories that the policy's build-repository
 * patterns exempt. Near-linear: patterns × log(images), plus images × log(patterns).
 */
function checkPolicy(
    policy: ManagedPolicy,
    holder: string,
    index: ImageIndex<Workload>,
    workloads: Workload[],
    ctx: CheckContext,
): Findings {
    const found = emptyFindings();
    if (index.size === 0) return found;
    let reported = 0;
    let more = 0;
    const buildPatterns: string[] = [];
    // Each distinct pattern once: a list that repeats one pattern 50,000 times says it once.
    for (const pattern of new Set(policy.raw)) {
        if (matchesAny(ctx.allowed, pattern)) continue;
        if (isBuildRepositoryPattern(pattern, ctx.buildPrefixes)) {
            buildPatterns.push(pattern);
            continue;
        }
        if (reported >= MAX_REPORTED) {
            if (index.exemptsAny(pattern)) more++;
            continue;
        }
        const hits = index.exemptedBy(pattern);
        if (hits.length === 0) continue;
        reported++;
        const names = [...new Map(hits.map((h) => [h.subject.urn, h])).values()];
        const listed = names
            .slice(0, MAX_NAMED)
            .map((h) => `${h.kind.label} ${where(h.subject.type, h.subject.name)} (image ${quote(h.image, 120)})`)
            .join("; ");
        const extra = names.length > MAX_NAMED ? `; and ${names.length - MAX_NAMED} more` : "";
        found.violations.push({
            subject: policy.subject,
            message: `admissionWhitelistPatterns namePattern ${quote(pattern, 200)} in ${holder} matches the image of ${listed}${extra}, so Binary Authorization never checks ${names.length === 1 ? "that image" : "those images"}. Fix: remove the pattern from admissionWhitelistPatterns and attest the image (gcloud: gcloud container binauthz policy export > policy.yaml, delete the pattern, gcloud container binauthz policy import policy.yaml), allowlist only cloud-run-source-deploy/** or gcf-artifacts/** repositories, or list the pattern in config allowedPatterns of ${NAME} if the exception is deliberate.`,
        });
    }
    if (more > 0) {
        found.violations.push({
            subject: policy.subject,
            message: `${more} more admissionWhitelistPatterns entries of this policy match images of workloads in this stack. Fix each as above.`,
        });
    }
    if (buildPatterns.length === 0) return found;
    // The build-repository exception belongs to the workloads whose own build writes there.
    const matcher = new PatternMatcher(buildPatterns);
    const isBuildRepository = new Map<string, boolean>();
    for (const w of workloads) {
        const repo = w.repository;
        if (repo === undefined) continue;
        let build = isBuildRepository.get(repo);
        if (build === undefined) {
            build = isBuildRepositoryPattern(`${repo}**`, ctx.buildPrefixes);
            isBuildRepository.set(repo, build);
        }
        if (!build) continue;
        if (w.ownBuild) continue;
        const pattern = matcher.exempting(w.name);
        if (pattern === undefined) continue;
        if (w.builds.kind === "unknown") {
            found.unknowns.push({ subject: w.subject, path: w.builds.path });
            continue;
        }
        found.laundered.push({ workload: w, item: { image: w.image, repository: repo.slice(0, -1), pattern, policy: holder } });
    }
    return found;
}

/** The violation on a workload whose pre-built image sits in an allowlisted build repository. */
function launderedMessage(w: Workload, items: Laundered[], total: number): string {
    const shown = items
        .map(
            (i) =>
                `its image ${quote(i.image, 120)} sits in ${quote(i.repository, 200)}, which ${i.policy} allowlists with ${quote(i.pattern, 200)}`,
        )
        .join("; ");
    const more = total > items.length ? `; and ${total - items.length} more images like these` : "";
    const sourceBuildable = w.kind.type === "gcp:cloudrunv2/service:Service" || w.kind.api === "v1";
    const build = sourceBuildable
        ? ", or build it from source so that the image is this service's own build output (buildConfig; gcloud run deploy --source)"
        : "";
    const own =
        w.builds.kind === "known" && w.builds.prefixes.length > 0
            ? `its own build writes one image (${w.builds.output !== undefined ? quote(w.builds.output, 200) : "the first container's"}), and this is not it`
            : `this ${w.kind.label} builds nothing there`;
    return `This ${w.kind.label} deploys a pre-built image from a repository that is allowlisted for source builds: ${shown}${more}. That exception belongs to the workloads whose own build writes into the repository; ${own}, so Binary Authorization never checks this image. Fix: push the image to a repository the policy does not allowlist and attest it${build}, or list the pattern in config allowedPatterns of ${NAME} if the exception is deliberate.`;
}

/** Patterns of one policy that exempt images of a remote or virtual repository the stack declares: a hollow allowlist. */
function hollowOnUpstreams(policy: ManagedPolicy, remotes: UpstreamRepositories, allowed: readonly Glob[], outcome: Outcome): void {
    let reported = 0;
    let more = 0;
    for (const pattern of new Set(policy.raw)) {
        const { repos, total } = remotes.reachedBy(pattern, 3);
        if (total === 0 || matchesAny(allowed, pattern)) continue;
        if (reported++ >= MAX_REPORTED) {
            more++;
            continue;
        }
        const named = repos.map((r) => describeUpstream(r, remotes)).join("; ");
        const extra = total > repos.length ? `; and ${total - repos.length} more such repositories` : "";
        outcome.violations.push({
            subject: policy.subject,
            message: `admissionWhitelistPatterns namePattern ${quote(pattern, 200)} exempts the images of ${named}${extra}. Whatever the upstream serves is then admitted unchecked, so the allowlist is hollow. Fix: remove the pattern; pin the images you need by digest (REPOSITORY/IMAGE@sha256:DIGEST), or copy them into a standard repository and attest them.`,
        });
    }
    if (more > 0) {
        outcome.violations.push({
            subject: policy.subject,
            message: `${more} more admissionWhitelistPatterns entries of this policy exempt images of remote or virtual repositories of this stack. Fix each as above.`,
        });
    }
}
