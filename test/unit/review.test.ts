// Regression tests for the findings of the review of 2026-11-23: each was a bypass, a false
// positive or a silent weakening, and each test failed before its fix.
import { strict as assert } from "node:assert";
import {
    allowlistScoped,
    allowlistUnverified,
    binauthzRequired,
    breakglassJustified,
    orgConstraint,
    patternCovers,
    PatternSet,
    sourceDeployAllowlist,
} from "../../policies";
import { checkResource, checkStack, type ResourceInput, T, fixClock } from "../harness";

const PROJECT = "my-proj";
const AR = "us-central1-docker.pkg.dev";
const GCF = `${AR}/${PROJECT}/gcf-artifacts/**`;
const GOOD = "INC-4211: prod outage, unsigned hotfix image, approved by alice (SRE on call)";

const binauthz = (patterns: string[], name = "binauthz", project = PROJECT): ResourceInput => ({
    type: T.binauthz,
    name,
    props: {
        project,
        admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })),
        defaultAdmissionRule: { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
    },
});
const fn2 = (extra: Record<string, unknown> = {}): ResourceInput => ({
    type: T.fn2,
    name: "fn",
    props: { project: PROJECT, location: "us-central1", serviceConfig: { binaryAuthorizationPolicy: "default" }, ...extra },
});
const orgV2 = (spec: unknown, name = `projects/${PROJECT}/policies/run.allowedBinaryAuthorizationPolicies`): ResourceInput => ({
    type: T.orgpolicy,
    name: "constraint",
    props: { name, parent: `projects/${PROJECT}`, spec },
});
const v2 = (ba: unknown): ResourceInput => ({
    type: T.service,
    name: "api",
    props: { location: "us-central1", binaryAuthorization: ba, template: { containers: [{ image: `${AR}/${PROJECT}/apps/api:v1` }] } },
});

describe("review findings", () => {
    fixClock("2026-03-10T12:00:00Z");

    it("1: an allowedPatterns glob that accepts patterns of a registry nobody chose is ignored (*/**, */*/**, ?*/**)", async () => {
        for (const glob of ["*/**", "*/*/**", "?*/**", "*.*/**"]) {
            const r = await checkResource(allowlistScoped, binauthz(["gcr.io/**"]), { allowedPatterns: [glob] });
            assert.equal(r.violations.length, 1, `${glob}: ${JSON.stringify(r.violations)}`);
            assert.match(r.violations[0], /matches everything/);
        }
        // A deliberate, specific acceptance still works.
        const ok = await checkResource(allowlistScoped, binauthz(["gcr.io/google-containers/**"]), {
            allowedPatterns: ["gcr.io/google-containers/**"],
        });
        assert.deepEqual(ok.violations, []);
    });

    it("2: a v2 policy must be a platform policy path, and the short-form catch-all glob is ignored", async () => {
        const notAPath = await checkResource(binauthzRequired, v2({ policy: "none" }), { allowedPolicies: ["none"] });
        assert.equal(notAPath.violations.length, 1);
        assert.match(notAPath.violations[0], /policy path/);
        const short = await checkResource(binauthzRequired, v2({ policy: "projects/evil/platforms/cloudRun/anything" }), {
            allowedPolicies: ["projects/*/platforms/cloudRun/*"],
        });
        assert.equal(short.violations.length, 1);
        assert.match(short.violations[0], /matches everything/);
        const named = await checkResource(binauthzRequired, v2({ policy: "projects/sec/platforms/cloudRun/policies/prod" }), {
            allowedPolicies: ["projects/sec/platforms/cloudRun/policies/prod"],
        });
        assert.deepEqual(named.violations, []);
    });

    it("3: org policy booleans follow the provider's ParseBool: True, 1, t, T all count", async () => {
        for (const v of ["True", "1", "t", "T"]) {
            const r = await checkStack(orgConstraint, [orgV2({ rules: [{ allowAll: v }, { values: { allowedValues: ["default"] } }] })]);
            assert.equal(r.violations.length, 1, `allowAll ${v}`);
            assert.match(r.violations[0], /allowAll/);
            const d = await checkStack(orgConstraint, [orgV2({ rules: [{ denyAll: v }] })]);
            assert.equal(d.violations.length, 1, `denyAll ${v}`);
        }
    });

    it("4: an org policy named by its short constraint name is recognised", async () => {
        const r = await checkStack(orgConstraint, [orgV2({ rules: [{ allowAll: "TRUE" }] }, "run.allowedBinaryAuthorizationPolicies")]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /allowAll/);
    });

    it("5: a rule that lists default only under a condition does not require it everywhere", async () => {
        const r = await checkStack(orgConstraint, [
            orgV2({
                rules: [{ condition: { expression: "resource.matchTag('123/env', 'prod')" }, values: { allowedValues: ["default"] } }],
            }),
        ]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /condition/);
    });

    it("6: two Binary Authorization policies for one project: each must exempt the repository", async () => {
        const r = await checkStack(sourceDeployAllowlist, [fn2(), binauthz([GCF], "a"), binauthz([], "b")]);
        assert.equal(r.violations.length, 2, JSON.stringify(r.violations));
        assert.ok(
            r.violations.some((v) =>
                /^gcp:binaryauthorization\/policy:Policy "b": the Binary Authorization policy of project "my-proj" does not exempt/.test(v),
            ),
        );
        assert.ok(r.violations.some((v) => /2 Binary Authorization policies manage project "my-proj"/.test(v)));
        const both = await checkStack(sourceDeployAllowlist, [fn2(), binauthz([GCF], "a"), binauthz([GCF], "b")]);
        assert.equal(both.violations.length, 1);
        assert.match(both.violations[0], /2 Binary Authorization policies/);
    });

    it("7: an invalid pattern, minLength or maxDays never weakens the breakglass check", async () => {
        const svc = (j: string) => v2({ useDefault: true, breakglassJustification: j });
        for (const pattern of [123, "", ["INC-\\d+"]]) {
            const r = await checkResource(breakglassJustified, svc(GOOD), { pattern });
            assert.equal(r.violations.length, 1, JSON.stringify(pattern));
            assert.match(r.violations[0], /config pattern/);
        }
        const len = await checkResource(breakglassJustified, svc(GOOD), { minLength: "100" });
        assert.equal(len.violations.length, 1);
        assert.match(len.violations[0], /at least 10000/);
        const days = await checkResource(breakglassJustified, svc(`${GOOD}, until 2026-03-12`), { requireExpiry: true, maxDays: "30" });
        assert.equal(days.violations.length, 1);
        assert.match(days.violations[0], /more than 0 days ahead/);
    });

    it("8: a lookbehind or a named group does not make a safe pattern look unsafe", async () => {
        for (const pattern of ["(?<!\\w)INC-\\d+", "(?<=see )INC-\\d+", "(?<ticket>INC-\\d+)"]) {
            const r = await checkResource(breakglassJustified, v2({ useDefault: true, breakglassJustification: `${GOOD} see INC-4211` }), {
                pattern,
            });
            assert.deepEqual(r.violations, [], pattern);
        }
        const unsafe = await checkResource(breakglassJustified, v2({ useDefault: true, breakglassJustification: GOOD }), {
            pattern: "(?<=x)(a+)+$",
        });
        assert.match(unsafe.violations.join("\n"), /nests quantifiers/);
    });

    it("9: a dockerRepository named by project number is unverifiable (advisory), not malformed", async () => {
        const fn = fn2({ buildConfig: { dockerRepository: "projects/123456789012/locations/us-central1/repositories/repo" } });
        const mandatory = await checkStack(sourceDeployAllowlist, [fn, binauthz([GCF])]);
        assert.deepEqual(mandatory.violations, []);
        const advisory = await checkStack(allowlistUnverified, [fn, binauthz([GCF])]);
        assert.equal(advisory.violations.length, 1);
        assert.match(advisory.violations[0], /project number 123456789012/);
    });

    it("10: a Cloud Run function's buildConfig.imageUri is where its build writes", async () => {
        const svc: ResourceInput = {
            type: T.service,
            name: "fn-svc",
            props: {
                project: PROJECT,
                location: "us-central1",
                binaryAuthorization: { useDefault: true },
                buildConfig: { imageUri: `${AR}/${PROJECT}/myrepo/fn` },
                template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
            },
        };
        assert.deepEqual((await checkStack(sourceDeployAllowlist, [svc, binauthz([`${AR}/${PROJECT}/myrepo/**`])])).violations, []);
        const missing = await checkStack(sourceDeployAllowlist, [svc, binauthz([])]);
        assert.match(missing.violations.join("\n"), /myrepo\/\*\*/);
    });

    it("11: an exemption with a blank or placeholder reason, or a catch-all resource glob, is ignored and says so", async () => {
        for (const exemption of [
            { resource: "api", reason: "          ", expires: "2026-12-31" },
            { resource: "api", reason: "n/a n/a n/a", expires: "2026-12-31" },
            { resource: "**", reason: "everything is fine for now", expires: "2026-12-31" },
        ]) {
            const r = await checkResource(binauthzRequired, v2(undefined), { exemptions: [exemption] });
            assert.equal(r.violations.length, 1, JSON.stringify(exemption));
            assert.match(r.violations[0], /ignored/);
        }
    });

    it("12: placeholders padded with numbers, and line/paragraph separators, are not justifications", async () => {
        const r = await checkResource(breakglassJustified, v2({ useDefault: true, breakglassJustification: "n/a n/a n/a n/a n/a 1234" }));
        assert.match(r.violations.join("\n"), /placeholder/);
        const sep = await checkResource(breakglassJustified, v2({ useDefault: true, breakglassJustification: `a\u2028b\u2029${GOOD}` }));
        assert.match(sep.violations.join("\n"), /control characters/);
    });

    it("15: an upper-case registry host still names the source-deploy repository; a port does not hide a whole project", async () => {
        const built: ResourceInput = {
            type: T.service,
            name: "built",
            props: {
                project: PROJECT,
                location: "us-central1",
                buildConfig: {
                    sourceLocation: "gs://b/src.zip",
                    imageUri: `US-CENTRAL1-docker.pkg.dev/${PROJECT}/cloud-run-source-deploy/x`,
                },
                template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
            },
        };
        const r = await checkStack(sourceDeployAllowlist, [built, binauthz([])]);
        assert.match(r.violations.join("\n"), /us-central1-docker\.pkg\.dev\/my-proj\/cloud-run-source-deploy\/\*\*/);
        for (const p of [`${AR}:443/${PROJECT}/**`, `gcr.io./${PROJECT}/**`]) {
            const s = await checkResource(allowlistScoped, binauthz([p]));
            assert.match(s.violations.join("\n"), /every repository of project/, p);
        }
    });

    it("16: near-miss hints name patterns of the same repository, also for domain-scoped projects", async () => {
        const fn = fn2({ project: "example.com:proj" });
        const r = await checkStack(sourceDeployAllowlist, [
            fn,
            binauthz([`${AR}/example.com/proj/other/**`, `${AR}/example.com/proj/gcf-artifacts/*`], "binauthz", "example.com:proj"),
        ]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /Present but not matching: "us-central1-docker\.pkg\.dev\/example\.com\/proj\/gcf-artifacts\/\*"/);
        assert.doesNotMatch(r.violations[0], /other\/\*\*"/);
    });

    it("17: patternCovers and PatternSet agree (one implementation)", () => {
        const required = GCF;
        for (const p of [
            GCF,
            `${AR}/${PROJECT}/**`,
            `${AR}/${PROJECT}/gcf-artifacts/*`,
            `${AR}/${PROJECT}/gcf-artifacts**`,
            `${AR}/*/gcf-artifacts/**`,
            "**",
        ]) {
            assert.equal(patternCovers(p, required), new PatternSet([p]).coveringPattern(required) !== null, p);
        }
    });
});
