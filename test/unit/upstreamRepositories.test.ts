// Issue 19, class 4: an allowlist pattern on a remote or virtual Artifact Registry repository the
// stack declares exempts whatever its upstream serves: a hollow allowlist, a mandatory violation of
// binauthz-allowlist-exempts-workload. Where the repository's mode cannot be seen, nothing new is
// reported; names are never a hint.
import { strict as assert } from "node:assert";
import { allowlistExemptsWorkload as policy } from "../../policies";
import { checkStack, type ResourceInput, T, UNKNOWN, withStackConfig } from "../harness";
import { verdictAssertions } from "./verdicts";

const PROJECT = "my-proj";
const REGION = "us-central1";
const AR = `${REGION}-docker.pkg.dev`;
const REPO_TYPE = "gcp:artifactregistry/repository:Repository";
const DIGEST = `@sha256:${"d".repeat(64)}`;

const { assertClean, assertOne } = verdictAssertions("binauthz-allowlist-exempts-workload");

function baPolicy(patterns: string[], project = PROJECT): ResourceInput {
    return {
        type: T.binauthz,
        name: "binauthz",
        props: {
            project,
            admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })),
            defaultAdmissionRule: { evaluationMode: "REQUIRE_ATTESTATION", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
        },
    };
}
function repository(id: string, props: Record<string, unknown>, name = id): ResourceInput {
    return { type: REPO_TYPE, name, props: { project: PROJECT, location: REGION, repositoryId: id, format: "DOCKER", ...props } };
}
const remote = (id = "dockerhub", extra: Record<string, unknown> = {}) =>
    repository(id, {
        mode: "REMOTE_REPOSITORY",
        remoteRepositoryConfig: { dockerRepository: { publicRepository: "DOCKER_HUB" } },
        ...extra,
    });
const virtual = (upstreams: unknown[], id = "all-images") =>
    repository(id, {
        mode: "VIRTUAL_REPOSITORY",
        virtualRepositoryConfig: { upstreamPolicies: upstreams.map((repository, i) => ({ id: `u${i}`, repository, priority: i })) },
    });

describe("allowlist patterns on remote and virtual repositories (issue 19, class 4)", () => {
    describe("hollow: a mandatory violation on the policy", () => {
        for (const pattern of [
            `${AR}/${PROJECT}/dockerhub/**`,
            `${AR}/${PROJECT}/dockerhub/*`,
            `${AR}/${PROJECT}/dockerhub/library/*`,
            `${AR}/${PROJECT}/dockerhub/library/nginx*`,
            `${AR}/${PROJECT}/dockerhub/library/nginx:latest`,
            `${AR}/${PROJECT}/dock**`,
            `${AR}/${PROJECT}/**`,
        ]) {
            it(`${pattern} on a remote repository`, async () => {
                const m = assertOne(await checkStack(policy, [baPolicy([pattern]), remote()]), /remote repository/, /hollow/);
                assert.match(m, /gcp:artifactregistry\/repository:Repository "dockerhub"/);
                assert.match(m, /Fix: remove the pattern; pin the images you need by digest/);
            });
        }
        it("a virtual repository, naming its upstreams (the remote one marked)", async () => {
            const m = assertOne(
                await checkStack(policy, [
                    baPolicy([`${AR}/${PROJECT}/all-images/**`]),
                    remote(),
                    virtual([
                        `projects/${PROJECT}/locations/${REGION}/repositories/dockerhub`,
                        `projects/${PROJECT}/locations/${REGION}/repositories/internal`,
                    ]),
                ]),
                /virtual repository/,
            );
            assert.match(m, /repositories\/dockerhub" \(remote\)/);
            assert.match(m, /repositories\/internal"(?! \(remote\))/);
        });
        it("a virtual repository whose upstreams are unknown in preview is still one", async () => {
            assertOne(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/all-images/**`]), virtual([UNKNOWN])]), /virtual repository/);
        });
        it("a policy of another project allowlisting a remote repository of this one", async () => {
            assertOne(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/dockerhub/**`], "other-proj"), remote()]), /remote repository/);
        });
        it(
            "the location from stack config, and a domain-scoped project",
            withStackConfig({ "gcp:region": "europe-west1" }, async () => {
                const r = remote("ghcr", { location: undefined, project: "example.com:my-proj" });
                assertOne(await checkStack(policy, [baPolicy(["europe-west1-docker.pkg.dev/example.com/my-proj/ghcr/**"]), r]), /"ghcr"/);
            }),
        );
        it("google-native's Artifact Registry repository, remote or virtual (red team, beyond the list)", async () => {
            const native = (r: ResourceInput): ResourceInput => ({ ...r, type: "google-native:artifactregistry/v1:Repository" });
            assertOne(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/dockerhub/**`]), native(remote())]), /remote repository/);
            const v = native(virtual([`projects/${PROJECT}/locations/${REGION}/repositories/dockerhub`]));
            assertOne(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/all-images/**`]), v]), /virtual repository/);
        });
        it(
            "google-native's repository reads google-native:region and google-native:project, not gcp's",
            withStackConfig({ "google-native:region": "europe-west1", "gcp:region": "us-central1" }, async () => {
                const r: ResourceInput = {
                    ...remote("ghcr", { location: undefined }),
                    type: "google-native:artifactregistry/v1:Repository",
                };
                assertOne(await checkStack(policy, [baPolicy([`europe-west1-docker.pkg.dev/${PROJECT}/ghcr/**`]), r]), /"ghcr"/);
                assertClean(await checkStack(policy, [baPolicy([`us-central1-docker.pkg.dev/${PROJECT}/ghcr/**`]), r]));
            }),
        );
        it("many such patterns are bounded: 25 in full, the rest counted", async () => {
            const patterns = Array.from({ length: 60 }, (_, i) => `${AR}/${PROJECT}/dockerhub/team-${i}/**`);
            const r = await checkStack(policy, [baPolicy(patterns), remote()]);
            assert.equal(r.violations.length, 26);
            assert.match(r.violations[25], /35 more admissionWhitelistPatterns entries/);
        });
        it("a pattern broader than several remote repositories names them and counts the rest", async () => {
            const rs = Array.from({ length: 5 }, (_, i) => remote(`mirror-${i}`));
            const m = assertOne(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/mirror-**`]), ...rs]));
            assert.match(m, /and 2 more such repositories/);
        });
    });

    describe("controls: nothing new where the mode cannot be seen, or nothing upstream is exempted", () => {
        const cases: [string, ResourceInput[]][] = [
            ["a standard repository", [repository("dockerhub", { mode: "STANDARD_REPOSITORY" })]],
            ["no mode (the default is standard)", [repository("dockerhub", {})]],
            ["a mode unknown in preview", [repository("dockerhub", { mode: UNKNOWN })]],
            ["a remote repository of another format", [remote("dockerhub", { format: "MAVEN" })]],
            ["a repository id unknown in preview", [remote("dockerhub", { repositoryId: UNKNOWN })]],
            ["a project unknown in preview", [remote("dockerhub", { project: UNKNOWN })]],
            [
                "a name that only sounds remote (never guessed from names)",
                [repository("dockerhub", { description: "remote proxy of Docker Hub" }, "dockerhub-remote")],
            ],
            ["no repository declared in the stack", []],
            ["a remote repository in another project", [remote("dockerhub", { project: "other-proj" })]],
            ["a remote repository in another region", [remote("dockerhub", { location: "europe-west1" })]],
        ];
        for (const [what, resources] of cases) {
            it(what, async () => {
                assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/dockerhub/**`]), ...resources]));
            });
        }
        it("an exact image pinned by digest in a remote repository exempts that one image only", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/dockerhub/library/nginx${DIGEST}`]), remote()]));
        });
        it("an exact pattern that names the repository itself matches no image", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/dockerhub/`]), remote()]));
        });
        it("a deliberate exception in allowedPatterns", async () => {
            const pattern = `${AR}/${PROJECT}/dockerhub/**`;
            assertClean(await checkStack(policy, [baPolicy([pattern]), remote()], { allowedPatterns: [pattern] }));
        });
        it("a lookalike repository next to the remote one", async () => {
            assertClean(await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/dockerhub-internal/**`]), remote()]));
        });
        it("an exempt policy", async () => {
            assertClean(
                await checkStack(policy, [baPolicy([`${AR}/${PROJECT}/dockerhub/**`]), remote()], {
                    exemptions: [{ resource: "binauthz", reason: "mirror reviewed by security, SEC-77", expires: "2099-01-01" }],
                }),
            );
        });
    });
});
