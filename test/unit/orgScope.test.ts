// Issue 19, class 7: binauthz-org-constraint with require: true. A project-level organization
// policy binds only its own project, so it counts only for that project's workloads; one on a
// folder or the organization counts for all of them, and the pack, which cannot see the resource
// hierarchy, says that it trusted the parent.
import { strict as assert } from "node:assert";
import { orgConstraint as policy } from "../../policies";
import { checkStack, type ResourceInput, type Result, T, UNKNOWN } from "../harness";
import { verdictAssertions } from "./verdicts";

const CONSTRAINT = "run.allowedBinaryAuthorizationPolicies";
const allowDefault = { rules: [{ values: { allowedValues: ["default"] } }] };
const { assertClean, assertOne, assertAdvisory } = verdictAssertions("binauthz-org-constraint");

function v2(parent: unknown, name = "constraint", spec: unknown = allowDefault, policyName?: unknown): ResourceInput {
    const props: Record<string, unknown> = {
        name: policyName ?? `${typeof parent === "string" ? parent : "projects/x"}/policies/${CONSTRAINT}`,
        spec,
    };
    if (parent !== undefined) props.parent = parent;
    return { type: T.orgpolicy, name, props };
}
function legacyProject(project: unknown, name = "legacy"): ResourceInput {
    return {
        type: "gcp:projects/organizationPolicy:OrganizationPolicy",
        name,
        props: { project, constraint: `constraints/${CONSTRAINT}`, listPolicy: { allow: { values: ["default"] } } },
    };
}
function workload(project: unknown, name = "svc", type: string = T.service): ResourceInput {
    return { type, name, props: { project, location: "us-central1", binaryAuthorization: { useDefault: true } } };
}
const run = (resources: ResourceInput[], config: Record<string, unknown> = {}): Promise<Result> =>
    checkStack(policy, resources, { require: true, ...config });

describe("org constraint scope under require: true (issue 19, class 7)", () => {
    describe("a project-level constraint counts only for its own project", () => {
        it("a constraint on another project does not satisfy require", async () => {
            const m = assertOne(
                await run([v2("projects/other-proj"), workload("my-proj")]),
                /project "my-proj": gcp:cloudrunv2\/service:Service "svc"/,
            );
            assert.match(m, /binds only its own project/);
            assert.match(m, /"projects\/other-proj" \(gcp:orgpolicy\/policy:Policy "constraint"\)/);
            assert.match(m, /folders\/FOLDER_ID/);
        });
        it("the legacy project policy too", async () => {
            assertOne(await run([legacyProject("other-proj"), workload("my-proj")]), /"my-proj"/);
            assertOne(await run([legacyProject("projects/other-proj"), workload("my-proj")]), /"my-proj"/);
        });
        it("it covers its own project's workloads, not the others'", async () => {
            const m = assertOne(
                await run([v2("projects/my-proj"), workload("my-proj", "a"), workload("other-proj", "b"), workload("third", "c", T.job)]),
                /2 Cloud Run/,
            );
            assert.match(m, /project "other-proj": gcp:cloudrunv2\/service:Service "b"/);
            assert.match(m, /project "third": gcp:cloudrunv2\/job:Job "c"/);
            assert.doesNotMatch(m, /"a"/);
        });
        it("an enforced custom constraint at another project's level does not count either", async () => {
            const custom: ResourceInput = {
                type: "gcp:orgpolicy/customConstraint:CustomConstraint",
                name: "require-binauthz",
                props: {
                    name: "custom.requireBinauthz",
                    parent: "organizations/123",
                    resourceTypes: ["run.googleapis.com/Service", "run.googleapis.com/Job"],
                    methodTypes: ["CREATE", "UPDATE"],
                    actionType: "DENY",
                    condition: "resource.metadata.annotations['run.googleapis.com/binary-authorization'] != 'default'",
                },
            };
            const enforcing = (parent: string): ResourceInput => ({
                type: T.orgpolicy,
                name: "enforce",
                props: { name: `${parent}/policies/custom.requireBinauthz`, parent, spec: { rules: [{ enforce: "TRUE" }] } },
            });
            assertOne(await run([custom, enforcing("projects/other-proj"), workload("my-proj")]), /"my-proj"/);
            assertClean(await run([custom, enforcing("projects/my-proj"), workload("my-proj")]));
            assertClean(await run([custom, enforcing("folders/77"), workload("my-proj")]));
        });
        it("a project named by number never matches a project id, and the message says so", async () => {
            assertOne(await run([v2("projects/123456789012"), workload("my-proj")]), /named by number/);
        });
        it("a parent the pack cannot read counts for nothing, and is named", async () => {
            assertOne(
                await run([v2("billingAccounts/1", "odd", allowDefault, `projects/x/policies/${CONSTRAINT}`), workload("my-proj")]),
                /"odd" \(parent is "billingAccounts\/1"/,
            );
        });
    });

    describe("a folder- or organization-level constraint counts for every workload, trusted", () => {
        const cases: [string, ResourceInput][] = [
            ["v2 on a folder", v2("folders/456")],
            ["v2 on the organization", v2("organizations/123")],
            ["v2 without parent, scoped by its name", v2(undefined, "constraint", allowDefault, `folders/456/policies/${CONSTRAINT}`)],
            [
                "legacy organization policy",
                {
                    type: "gcp:organizations/policy:Policy",
                    name: "legacy-org",
                    props: { orgId: "123", constraint: CONSTRAINT, listPolicy: { allow: { values: ["default"] } } },
                },
            ],
            [
                "legacy folder policy",
                {
                    type: "gcp:folder/organizationPolicy:OrganizationPolicy",
                    name: "legacy-folder",
                    props: { folder: "folders/456", constraint: CONSTRAINT, listPolicy: { allow: { values: ["default"] } } },
                },
            ],
        ];
        for (const [what, constraint] of cases) {
            it(`${what}: passes for workloads of any project`, async () => {
                assertClean(await run([constraint, workload("my-proj", "a"), workload("other-proj", "b")]));
            });
        }
        it("a megabyte folder id keeps the trust note bounded", async () => {
            const huge = v2(`folders/${"9".repeat(1 << 20)}`, "constraint", { rules: [{ allowAll: "TRUE" }] });
            const m = assertOne(await run([huge, workload("my-proj")]), /Trusted, not verified/);
            assert.ok(m.length < 5000, `length ${m.length}`);
        });
        it("the messages of a run that trusted a parent say so", async () => {
            const wrong = v2("folders/456", "constraint", { rules: [{ allowAll: "TRUE" }] });
            const m = assertOne(await run([wrong, workload("my-proj")]), /allowAll/);
            assert.match(m, /Trusted, not verified: the constraint at "folders\/456" \(gcp:orgpolicy\/policy:Policy "constraint"\)/);
            assert.match(m, /cannot see the resource hierarchy/);
        });
        it("control: a project-level constraint of the workload's own project passes, and trusts nothing", async () => {
            assertClean(await run([v2("projects/my-proj"), workload("my-proj")]));
            const wrong = v2("projects/my-proj", "constraint", { rules: [{ allowAll: "TRUE" }] });
            assert.doesNotMatch(assertOne(await run([wrong, workload("my-proj")])), /Trusted/);
        });
    });

    describe("undecidable in preview: the pack's advisory", () => {
        it("a constraint whose parent is unknown", async () => {
            assertAdvisory(
                await run([v2(UNKNOWN, "constraint", allowDefault, `projects/x/policies/${CONSTRAINT}`), workload("my-proj")]),
                /parent/,
            );
        });
        it("a workload whose project is unknown, beside project-level constraints", async () => {
            assertAdvisory(await run([v2("projects/my-proj"), workload(UNKNOWN)]), /project/);
        });
        it("onUnknown: deny fails them", async () => {
            assertOne(await run([v2("projects/my-proj"), workload(UNKNOWN)], { onUnknown: "deny" }), /project is unknown during preview/);
        });
    });

    describe("controls: require false, or no workloads", () => {
        it("require false does not ask for scope", async () => {
            assertClean(await checkStack(policy, [v2("projects/other-proj"), workload("my-proj")], { require: false }));
        });
        it("no workloads", async () => {
            assertClean(await run([v2("projects/other-proj")]));
        });
    });

    describe("an exempted constraint that does not enforce default binds nothing (red team, beyond the list)", () => {
        const exempt = {
            exemptions: [
                {
                    resource: "constraint",
                    reason: "org policy managed by the platform team in repo infra-org, see CHG-2211",
                    expires: "2099-12-31",
                },
            ],
        };
        for (const [what, spec] of [
            ["allowAll", { rules: [{ allowAll: "TRUE" }] }],
            ["denyAll", { rules: [{ denyAll: "TRUE" }] }],
            ["reset", { reset: true }],
            ["an allowed list without default", { rules: [{ values: { allowedValues: ["projects/p/platforms/cloudRun/policies/x"] } }] }],
        ] as const) {
            it(`${what}, exempted: the workloads are not bound, and the message says why`, async () => {
                const m = assertOne(await run([v2("projects/my-proj", "constraint", spec), workload("my-proj")], exempt), /"svc"/);
                assert.match(m, /Exempted constraints that do not count, because they do not enforce "default"/);
                assert.match(m, /gcp:orgpolicy\/policy:Policy "constraint"/);
            });
        }
        it("control: an exempted constraint that enforces default still binds its project", async () => {
            assertClean(await run([v2("projects/my-proj"), workload("my-proj")], exempt));
        });
        it("control: the exemption still skips the constraint's own finding without require", async () => {
            assertClean(
                await checkStack(
                    policy,
                    [v2("projects/my-proj", "constraint", { rules: [{ allowAll: "TRUE" }] }), workload("my-proj")],
                    exempt,
                ),
            );
        });
    });
});
