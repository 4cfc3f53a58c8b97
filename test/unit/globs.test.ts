// The pack's one glob language (issue 12, item 3): literal text, ?, * within a segment, ** across
// "/"; refused syntax and catch-alls rejected by the schemas (what the CLI checks at Configure) and
// again by the policies, with the key and the glob named.
import { strict as assert } from "node:assert";
import Ajv from "ajv";
import { binauthzRequired, breakglassJustified, configSchema, POLICY_NAMES, sourceDeployAllowlist } from "../../policies";
import { globProblem, resolveConfig } from "../../policies/model/config";
import { compileGlob, Glob } from "../../policies/model/glob";
import { checkResource, checkStack, T } from "../harness";

const REFUSED = ["!legacy", "!(api)", "@(api|web)", "+(api)", "?(api)", "*(api)", "[!z]*", "[a-z]*", "{api,web}", "api\\*", "a|b"];
const GOOD_REASON = "INC-4211: prod outage, unsigned hotfix image, approved by alice (SRE on call)";

/** The CLI validates each policy's config against the configSchema GetAnalyzerInfo publishes. */
function schemaAccepts(policy: (typeof POLICY_NAMES)[number], config: Record<string, unknown>): boolean {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const schema = { type: "object", ...configSchema(policy) };
    return ajv.validate(schema, config);
}

describe("glob language", () => {
    describe("matching", () => {
        const cases: [string, string, boolean][] = [
            ["api", "api", true],
            ["api", "API", false],
            ["api", "api ", false],
            ["legacy-*", "legacy-batch", true],
            ["legacy-*", "legacy-", true],
            ["legacy-*", "legacy-a/b", false],
            ["a?c", "abc", true],
            ["a?c", "a/c", false],
            ["a?c", "a\u{1f600}c", true],
            ["**", "a/b/c", true],
            ["**/api", "api", true],
            ["**/api", "x/y/api", true],
            ["**/api", "xapi", false],
            ["a/**/b", "a/b", true],
            ["a/**/b", "a/x/y/b", true],
            ["a**b", "a/x/b", true],
            ["urn:pulumi:prod::**::legacy-*", "urn:pulumi:prod::shop::gcp:cloudrunv2/service:Service::legacy-batch", true],
            ["urn:pulumi:prod::**::legacy-*", "urn:pulumi:dev::shop::gcp:cloudrunv2/service:Service::legacy-batch", false],
            ["projects/acme/platforms/cloudRun/policies/*", "projects/acme/platforms/cloudRun/policies/strict", true],
            ["projects/acme/platforms/cloudRun/policies/*", "projects/acme/platforms/cloudRun/policies/a/b", false],
            ["prod-*", "prod-eu", true],
            ["prod-*", "staging", false],
        ];
        for (const [g, s, want] of cases) {
            it(`${JSON.stringify(g)} ${want ? "matches" : "does not match"} ${JSON.stringify(s)}`, () => {
                assert.equal(new Glob(g).match(s), want);
            });
        }

        it("has no backtracking blow-up: many stars against a long near-miss", () => {
            const g = new Glob(`${"*a".repeat(200)}b`);
            assert.equal(g.match("a".repeat(20_000)), false);
            const gs = new Glob(`${"**a".repeat(200)}b`);
            assert.equal(gs.match("a/".repeat(10_000)), false);
            assert.equal(gs.match(`${"a/".repeat(10_000)}b`), false);
            assert.equal(gs.match(`${"a".repeat(200)}b`), true);
        });
    });

    describe("refused syntax", () => {
        for (const g of REFUSED) {
            it(`${JSON.stringify(g)} is refused by the schema of every key and by the policy, naming key and glob`, () => {
                assert.ok("error" in (compileGlob(g) as object), "compileGlob refuses it");
                assert.equal(schemaAccepts("cloud-run-binauthz-required", { allowedPolicies: [g] }), false);
                assert.equal(schemaAccepts("cloud-run-breakglass-justified", { allowedStacks: [g] }), false);
                assert.equal(schemaAccepts("binauthz-allowlist-scoped", { allowedPatterns: [g] }), false);
                assert.equal(
                    schemaAccepts("binauthz-source-deploy-allowlist", { externalAllowlist: { "my-proj": [`gcr.io/my-proj/${g}`] } }),
                    false,
                );
                assert.equal(
                    schemaAccepts("cloud-run-binauthz-required", {
                        exemptions: [{ resource: g, reason: "migration ticket PLAT-1", expires: "2030-01-01" }],
                    }),
                    false,
                );
                const r = resolveConfig("cloud-run-binauthz-required", { allowedPolicies: [g] });
                assert.ok(
                    r.problems.some(
                        (p) =>
                            p.startsWith(`allowedPolicies glob ${JSON.stringify(g).replace(/\\\\/g, "\\\\")}`) &&
                            p.includes("cannot be used"),
                    ),
                    r.problems.join(" | "),
                );
            });
        }

        it("a refused exemption glob is reported with its key, and exempts nothing", async () => {
            const r = await checkResource(
                binauthzRequired,
                { type: T.service, name: "api", props: { location: "us-central1", template: { containers: [{ image: "gcr.io/p/a:1" }] } } },
                { exemptions: [{ resource: "{api,web}", reason: "migration ticket PLAT-1", expires: "2030-01-01" }] },
            );
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /exemptions\[0\]\.resource "\{api,web\}" cannot be used: it uses a brace expansion/);
        });

        it("literal text, ?, * and ** pass the schemas", () => {
            assert.ok(
                schemaAccepts("cloud-run-binauthz-required", { allowedPolicies: ["projects/acme/platforms/cloudRun/policies/str?ct*"] }),
            );
            assert.ok(schemaAccepts("cloud-run-breakglass-justified", { allowedStacks: ["prod", "prod-*"] }));
            assert.ok(
                schemaAccepts("cloud-run-binauthz-required", {
                    exemptions: [{ resource: "urn:pulumi:prod::**::legacy-*", reason: "migration ticket PLAT-1", expires: "2030-01-01" }],
                }),
            );
        });
    });

    describe("catch-alls, decided on generated names", () => {
        const catchAlls: [Parameters<typeof globProblem>[0], string][] = [
            ["exemptions", "*"],
            ["exemptions", "**"],
            ["exemptions", "?*"],
            ["exemptions", "**/service:Service::*"],
            ["exemptions", "urn:pulumi:*::*::gcp:cloudrunv2/service:Service::*"],
            ["exemptions", "urn:pulumi:prod::shop::gcp:cloudrunv2/service:Service::*"],
            ["exemptions", "urn:pulumi:prod::**::*"],
            ["exemptions", "**::*"],
            ["exemptions", "**:*"],
            // Issue 19: a type may come from any package, so "legacy-*" can be a type (legacy-pkg:index:Thing,
            // or a component parent legacy-pkg:index:Comp$command:local:Command) with any name after it.
            ["exemptions", "urn:pulumi:prod::**::legacy-*"],
            ["allowedStacks", "*"],
            ["allowedStacks", "**"],
            ["allowedStacks", "?*"],
            ["allowedPolicies", "**"],
            ["allowedPolicies", "*/**"],
            ["allowedPolicies", "projects/**"],
            ["allowedPolicies", "projects/*/platforms/cloudRun/policies/strict"],
            ["allowedPolicies", "projects/*/platforms/cloudRun/*"],
            ["allowedPolicies", "projects/?*/**"],
            ["allowedPatterns", "**"],
            ["allowedPatterns", "*/**"],
            ["allowedPatterns", "?"],
            ["allowedPatterns", "gcr.io/**"],
            ["allowedPatterns", "us-central1-docker.pkg.dev/*/cloud-run-source-deploy/**"],
        ];
        for (const [key, g] of catchAlls) {
            it(`${key} ${JSON.stringify(g)} is a catch-all`, () => {
                assert.match(globProblem(key, g) ?? "", /matches everything/);
            });
        }
        const named: [Parameters<typeof globProblem>[0], string][] = [
            ["exemptions", "legacy-*"],
            ["exemptions", "api"],
            ["exemptions", "urn:pulumi:prod::shop::gcp:cloudrunv2/service:Service::api"],
            ["exemptions", "urn:pulumi:prod::*::gcp:cloudrunv2/service:Service::legacy-*"],
            ["exemptions", "**/api"],
            ["allowedStacks", "prod-*"],
            ["allowedStacks", "prod"],
            ["allowedPolicies", "projects/acme/platforms/cloudRun/policies/*"],
            ["allowedPolicies", "projects/acme/**"],
            ["allowedPatterns", "gcr.io/acme/**"],
            ["allowedPatterns", "us-central1-docker.pkg.dev/acme/vendor/**"],
        ];
        for (const [key, g] of named) {
            it(`${key} ${JSON.stringify(g)} pins its segment and is kept`, () => {
                assert.equal(globProblem(key, g), undefined);
            });
        }

        it("a catch-all allowedStacks is refused by the schema too (wildcards only)", () => {
            assert.equal(schemaAccepts("cloud-run-breakglass-justified", { allowedStacks: ["**"] }), false);
            assert.equal(schemaAccepts("cloud-run-breakglass-justified", { allowedStacks: ["*"] }), false);
        });

        it('allowedStacks ["**"] no longer allows every stack; unset does', async () => {
            const props = {
                location: "us-central1",
                binaryAuthorization: { useDefault: true, breakglassJustification: GOOD_REASON },
                template: { containers: [{ image: "gcr.io/p/a:1" }] },
            };
            const unset = await checkResource(breakglassJustified, { type: T.service, name: "api", props, stack: "prod" }, {});
            assert.deepEqual(unset.violations, []);
            const all = await checkResource(
                breakglassJustified,
                { type: T.service, name: "api", props, stack: "prod" },
                { allowedStacks: ["**"] },
            );
            assert.equal(all.violations.length, 1);
            assert.match(all.violations[0], /allowedStacks glob "\*\*" matches everything \(every stack\)/);
        });

        it("a catch-all exemption on a stack policy is ignored and said", async () => {
            const fn = {
                type: T.fn2,
                name: "fn",
                props: {
                    project: "my-proj",
                    location: "us-central1",
                    buildConfig: { runtime: "nodejs20", entryPoint: "h" },
                    serviceConfig: { binaryAuthorizationPolicy: "default" },
                },
            };
            const pol = { type: T.binauthz, name: "binauthz", props: { project: "my-proj", admissionWhitelistPatterns: [] } };
            const r = await checkStack(sourceDeployAllowlist, [fn, pol], {
                exemptions: [
                    {
                        resource: "urn:pulumi:*::*::gcp:cloudfunctionsv2/function:Function::*",
                        reason: "builds exempted elsewhere",
                        expires: "2030-01-01",
                    },
                ],
            });
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /matches everything \(every resource of a type\)/);
        });
    });

    describe("externalAllowlist gets the scope rules of binauthz-allowlist-scoped", () => {
        for (const p of ["**", "gcr.io/**", "us-central1-docker.pkg.dev/my-proj/**", "docker.io/library/*", "ghcr.io/acme/**"]) {
            it(`${JSON.stringify(p)} is dropped and reported with key, project and pattern`, () => {
                const r = resolveConfig<{ externalAllowlist: Record<string, string[]> }>("binauthz-source-deploy-allowlist", {
                    externalAllowlist: { "my-proj": [p, "us-central1-docker.pkg.dev/my-proj/gcf-artifacts/**"] },
                });
                assert.deepEqual(r.config.externalAllowlist["my-proj"], ["us-central1-docker.pkg.dev/my-proj/gcf-artifacts/**"]);
                assert.ok(
                    r.problems.some((x) => x.startsWith(`externalAllowlist["my-proj"] pattern ${JSON.stringify(p)}`)),
                    r.problems.join(" | "),
                );
            });
        }

        it("a whole-project external pattern no longer vouches for a source deploy", async () => {
            const fn = {
                type: T.fn2,
                name: "fn",
                props: {
                    project: "my-proj",
                    location: "us-central1",
                    buildConfig: { runtime: "nodejs20", entryPoint: "h" },
                    serviceConfig: { binaryAuthorizationPolicy: "default" },
                },
            };
            const r = await checkStack(sourceDeployAllowlist, [fn], {
                externalAllowlist: { "my-proj": ["us-central1-docker.pkg.dev/my-proj/**"] },
            });
            assert.equal(r.violations.length, 1);
            assert.match(
                r.violations[0],
                /externalAllowlist\["my-proj"\] pattern "us-central1-docker.pkg.dev\/my-proj\/\*\*" exempts every repository/,
            );
        });
    });
});
