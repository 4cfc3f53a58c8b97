// Issue 19, class 1: @pulumi/policy marks its proxies with internal keys (__getSpecialProxyTarget,
// __isSpecialProxy). A program can write the same keys into its own inputs. The pack unwraps only
// real proxies, never such a key on plain data, and never hands back from a remediation props that
// hold one (the library's serialiser follows the key, and a Remediate that serialises nothing hangs).
import { strict as assert } from "node:assert";
import { type ResourceValidationArgs, Secret, unknownCheckingProxy } from "@pulumi/policy";
import { secretsPreservingProxy } from "@pulumi/policy/secret";
import { allowlistExemptsWorkload, allowlistScoped, binauthzRequired, breakglassJustified, sourceDeployAllowlist } from "../../policies";
import { proxyKeyPath, read, unproxied } from "../../policies/model/values";
import { checkResource, checkStack, remediate, type ResourceInput, T, urnOf } from "../harness";
import { verdictAssertions } from "./verdicts";

const TARGET = "__getSpecialProxyTarget";
const MARK = "__isSpecialProxy";
const PROJECT = "my-proj";
const AR = "us-central1-docker.pkg.dev";
const IMAGE = `${AR}/${PROJECT}/apps/api@sha256:${"a".repeat(64)}`;

const required = verdictAssertions("cloud-run-binauthz-required");

function v2(props: Record<string, unknown>, type: string = T.service): ResourceInput {
    return {
        type,
        name: "api",
        props: { project: PROJECT, location: "us-central1", template: { containers: [{ image: IMAGE }] }, ...props },
    };
}

describe("proxy keys in a program's own inputs (issue 19, class 1)", () => {
    describe("unproxied unwraps only real proxies", () => {
        it("a key on plain data is the program's own and is not followed", () => {
            const plain = { [TARGET]: { fake: true }, real: 1 };
            assert.equal(unproxied(plain), plain);
            assert.equal(read(plain, ["real"]), 1);
            assert.equal(read(plain, ["fake"]), undefined);
        });
        it("the target behind @pulumi/policy's proxies (nested, as Remediate builds them) is still read once", () => {
            const raw = { a: { b: 1 } };
            assert.equal(unproxied(unknownCheckingProxy(raw)), raw);
            assert.equal(unproxied(unknownCheckingProxy(secretsPreservingProxy(raw))), raw);
        });
        it("behind a real proxy, a key of the program's own is not followed either", () => {
            const raw = { [TARGET]: { binaryAuthorization: { useDefault: true } }, binaryAuthorization: { useDefault: false } };
            const seen = unproxied(unknownCheckingProxy(raw));
            assert.equal(seen, raw);
            assert.equal(read(unknownCheckingProxy(raw), ["binaryAuthorization", "useDefault"]), false);
        });
    });

    describe("cloud-run-binauthz-required judges the real value", () => {
        const fakes: [string, ResourceInput][] = [
            ["v2, in binaryAuthorization", v2({ binaryAuthorization: { useDefault: false, [TARGET]: { useDefault: true } } })],
            [
                "v2, at the top level",
                v2({ binaryAuthorization: { useDefault: false }, [TARGET]: { binaryAuthorization: { useDefault: true } } }),
            ],
            ["v2 job, with the mark as well", v2({ binaryAuthorization: { [MARK]: true, [TARGET]: { useDefault: true } } }, T.job)],
            [
                "v1, in metadata.annotations",
                {
                    type: T.v1,
                    name: "api",
                    props: {
                        project: PROJECT,
                        location: "us-central1",
                        metadata: { annotations: { [TARGET]: { "run.googleapis.com/binary-authorization": "default" } } },
                    },
                },
            ],
            [
                "2nd-gen function, in serviceConfig",
                {
                    type: T.fn2,
                    name: "fn",
                    props: {
                        project: PROJECT,
                        location: "us-central1",
                        serviceConfig: { [TARGET]: { binaryAuthorizationPolicy: "default" } },
                    },
                },
            ],
        ];
        for (const [what, res] of fakes) {
            it(`${what}: Binary Authorization is off, and the violation says so`, async () => {
                required.assertOne(
                    await checkResource(binauthzRequired, res),
                    /Binary Authorization is off|switches Binary Authorization off/,
                );
            });
        }
        it("the violation says why level remediate leaves it alone", async () => {
            const m = required.assertOne(await checkResource(binauthzRequired, fakes[0][1]));
            assert.match(m, /binaryAuthorization\.__getSpecialProxyTarget/);
            assert.match(m, /remediate cannot fix it automatically/);
        });
        it("control: a real setting next to a harmless proxy key still passes", async () => {
            required.assertClean(
                await checkResource(binauthzRequired, v2({ binaryAuthorization: { useDefault: true }, labels: { [MARK]: "x" } })),
            );
        });
    });

    describe("a breakglass text behind a fake target is judged as written", () => {
        it("the real justification 'n/a' fails", async () => {
            const r = await checkResource(
                breakglassJustified,
                v2({
                    binaryAuthorization: {
                        useDefault: true,
                        breakglassJustification: "n/a",
                        [TARGET]: { useDefault: true, breakglassJustification: "INC-1234: rolling back checkout after the payment outage" },
                    },
                }),
            );
            assert.equal(r.violations.length, 1, JSON.stringify(r));
        });
    });

    describe("a hollow allowlist behind a fake target is still hollow", () => {
        const rule = { evaluationMode: "REQUIRE_ATTESTATION", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" };
        const good = `${AR}/${PROJECT}/cloud-run-source-deploy/**`;
        const variants: [string, Record<string, unknown>][] = [
            ["in an entry", { admissionWhitelistPatterns: [{ namePattern: "**", [TARGET]: { namePattern: good } }] }],
            ["on the list's holder", { admissionWhitelistPatterns: [{ namePattern: "*" }], [TARGET]: { admissionWhitelistPatterns: [] } }],
            [
                "in the default rule",
                { admissionWhitelistPatterns: [], defaultAdmissionRule: { evaluationMode: "ALWAYS_ALLOW", [TARGET]: rule } },
            ],
        ];
        for (const [what, extra] of variants) {
            it(`${what}: binauthz-allowlist-scoped fails`, async () => {
                const r = await checkResource(allowlistScoped, {
                    type: T.binauthz,
                    name: "policy",
                    props: { project: PROJECT, defaultAdmissionRule: rule, ...extra },
                });
                assert.ok(r.violations.length >= 1, JSON.stringify(r));
            });
        }
        it("a stack policy reads a container's real image, not a fake target's", async () => {
            const policy = {
                type: T.binauthz,
                name: "policy",
                props: { project: PROJECT, admissionWhitelistPatterns: [{ namePattern: `${AR}/${PROJECT}/apps/**` }] },
            };
            const svc = v2({
                binaryAuthorization: { useDefault: true },
                template: { containers: [{ image: IMAGE, [TARGET]: { image: "gcr.io/elsewhere/x:1" } }] },
            });
            const r = await checkStack(allowlistExemptsWorkload, [policy, svc]);
            assert.equal(r.violations.length, 1, JSON.stringify(r));
        });
        it("a stack policy reads a function's real build repository", async () => {
            const fn: ResourceInput = {
                type: T.fn2,
                name: "fn",
                props: {
                    project: PROJECT,
                    location: "us-central1",
                    serviceConfig: { binaryAuthorizationPolicy: "default" },
                    buildConfig: { [TARGET]: { dockerRepository: `projects/${PROJECT}/locations/us-central1/repositories/apps` } },
                },
            };
            const policy = {
                type: T.binauthz,
                name: "policy",
                props: { project: PROJECT, admissionWhitelistPatterns: [{ namePattern: `${AR}/${PROJECT}/apps/**` }] },
            };
            const r = await checkStack(sourceDeployAllowlist, [policy, fn]);
            assert.equal(r.violations.length, 1, JSON.stringify(r));
            assert.match(r.violations[0], /gcf-artifacts/);
        });
    });

    describe("remediation never hands back props the library cannot serialise", () => {
        const placements: [string, Record<string, unknown>][] = [
            ["the mark at the top level", { [MARK]: true }],
            ["a target string at the top level", { [MARK]: 1, [TARGET]: "x" }],
            ["a target in template", { template: { [MARK]: true, [TARGET]: { containers: [] } } }],
            ["the mark in binaryAuthorization", { binaryAuthorization: { useDefault: false, [MARK]: true } }],
            ["a key in an array item", { template: { containers: [{ image: IMAGE, env: [{ name: "A", [TARGET]: null }] }] } }],
            ["a key inside a secret", { labels: new Secret({ [MARK]: "yes" }) }],
        ];
        for (const [what, extra] of placements) {
            it(`${what}: no remediation`, async () => {
                const props = { project: PROJECT, location: "us-central1", template: { containers: [{ image: IMAGE }] }, ...extra };
                assert.notEqual(proxyKeyPath(props), undefined);
                const args = {
                    type: T.service,
                    name: "api",
                    urn: urnOf(T.service, "api"),
                    props: unknownCheckingProxy(secretsPreservingProxy(props)),
                    getConfig: () => ({}),
                } as unknown as ResourceValidationArgs;
                assert.equal(await binauthzRequired.remediateResource?.(args), undefined);
            });
        }
        it("control: the same resource without the key is remediated", async () => {
            const out = await remediate(binauthzRequired, v2({ binaryAuthorization: { useDefault: false } }));
            assert.deepEqual(out?.binaryAuthorization, { useDefault: true });
        });
    });

    describe("proxyKeyPath", () => {
        it("names where the key is", () => {
            assert.equal(proxyKeyPath({ a: { b: [{}, { [TARGET]: 1 }] } }), `a.b[1].${TARGET}`);
            assert.equal(proxyKeyPath({ [MARK]: false }), MARK);
            assert.equal(proxyKeyPath(unknownCheckingProxy({ a: new Secret({ [MARK]: 1 }) })), `a.${MARK}`);
        });
        it("finds nothing in data without the keys, and is not fooled by lookalikes", () => {
            assert.equal(proxyKeyPath({ a: [1, "x", null, { b: { __getSpecialProxyTargets: 1, _isSpecialProxy: 1 } }] }), undefined);
            assert.equal(proxyKeyPath("text"), undefined);
        });
        it("is linear: a 200,000-node bag is walked at once, and very deep nesting counts as holding one", () => {
            const wide = { list: Array.from({ length: 200_000 }, (_, i) => ({ i })) };
            assert.equal(proxyKeyPath(wide), undefined);
            let deep: Record<string, unknown> = {};
            const root = deep;
            for (let i = 0; i < 1000; i++) deep = deep.x = {} as Record<string, unknown>;
            assert.notEqual(proxyKeyPath(root), undefined);
        });
    });
});
