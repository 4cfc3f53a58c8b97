// Unit tests of the shared model: allowlist patterns, image references, config resolution and
// the awsguard-style factory cloudRunBinauthzPolicies.
import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
    cloudRunBinauthzPolicies,
    parseDockerRepository,
    parseImage,
    patternCovers,
    patternProblems,
    PatternSet,
    policies,
    resolveConfig,
    type BreakglassConfig,
    type OrgConstraintConfig,
    type ScopedConfig,
    type AllowlistConfig,
} from "../../policies";
import { checkResource, checkStack, T } from "../harness";

const REQ = "us-central1-docker.pkg.dev/my-proj/gcf-artifacts/**";

function assertPrintable(s: string): void {
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(s), `unprintable: ${JSON.stringify(s.slice(0, 300))}`);
}

describe("model: patternCovers", () => {
    it("an identical pattern covers", () => {
        assert.equal(patternCovers(REQ, REQ), true);
    });
    it("a broader ** prefix covers (breadth is allowlist-scoped's job)", () => {
        assert.equal(patternCovers("us-central1-docker.pkg.dev/my-proj/**", REQ), true);
        assert.equal(patternCovers("us-central1-docker.pkg.dev/**", REQ), true);
        assert.equal(patternCovers("**", REQ), true);
        // A trailing ** without "/" also matches across "/", so it covers (and is flagged by scoped).
        assert.equal(patternCovers("us-central1-docker.pkg.dev/my-proj/gcf-artifacts**", REQ), true);
    });
    it("a trailing single * does not cover: it stops at /", () => {
        assert.equal(patternCovers("us-central1-docker.pkg.dev/my-proj/gcf-artifacts/*", REQ), false);
        assert.equal(patternCovers("us-central1-docker.pkg.dev/my-proj/*", REQ), false);
        assert.equal(patternCovers("*", REQ), false);
    });
    it("lookalikes do not cover: another repository, region, multi-region, project, case", () => {
        for (const p of [
            "us-central1-docker.pkg.dev/my-proj/gcf-artifacts-evil/**",
            "europe-west1-docker.pkg.dev/my-proj/gcf-artifacts/**",
            "us-docker.pkg.dev/my-proj/gcf-artifacts/**",
            "us-central1-docker.pkg.dev/other-proj/gcf-artifacts/**",
            "us-central1-docker.pkg.dev/my-proj/GCF-artifacts/**",
            "US-CENTRAL1-docker.pkg.dev/my-proj/gcf-artifacts/**",
            " us-central1-docker.pkg.dev/my-proj/gcf-artifacts/**",
            "us-central1-docker.pkg.dev/my-proj/gcf-artifacts/** ",
            "us-central1-docker.pkg.dev/my-proj/gcf-artifacts",
            "us-central1-docker.pkg.dev/my-proj/gcf-artifacts/",
        ]) {
            assert.equal(patternCovers(p, REQ), false, p);
        }
    });
    it("a wildcard before the end is not a wildcard", () => {
        assert.equal(patternCovers("us-central1-docker.pkg.dev/*/gcf-artifacts/**", REQ), false);
        assert.equal(patternCovers("*-docker.pkg.dev/**", REQ), false);
    });
    it("a target that is not a repository pattern is only covered by itself", () => {
        assert.equal(patternCovers("gcr.io/p/**", "gcr.io/p/img"), false);
        assert.equal(patternCovers("gcr.io/p/img", "gcr.io/p/img"), true);
    });
});

describe("model: PatternSet", () => {
    it("returns the covering pattern, exact or ** stem", () => {
        const s = new PatternSet(["gcr.io/x/**", REQ, "us-central1-docker.pkg.dev/my-proj/cloud-run-source-deploy/*"]);
        assert.equal(s.coveringPattern(REQ), REQ);
        assert.equal(s.coveringPattern("gcr.io/x/y/**"), "gcr.io/x/**");
        // cached answer is the same
        assert.equal(s.coveringPattern("gcr.io/x/y/**"), "gcr.io/x/**");
        assert.equal(s.coveringPattern("us-central1-docker.pkg.dev/my-proj/cloud-run-source-deploy/**"), null);
    });
    it("agrees with patternCovers on lookalikes", () => {
        const patterns = [
            "us-central1-docker.pkg.dev/my-proj/gcf-artifacts-evil/**",
            "us-docker.pkg.dev/my-proj/gcf-artifacts/**",
            "us-central1-docker.pkg.dev/my-proj/gcf-artifacts/*",
            "us-central1-docker.pkg.dev/*/gcf-artifacts/**",
        ];
        const s = new PatternSet(patterns);
        assert.equal(s.coveringPattern(REQ), null);
        for (const p of patterns) assert.equal(patternCovers(p, REQ), false);
    });
    it("an empty set covers nothing", () => {
        assert.equal(new PatternSet([]).coveringPattern(REQ), null);
    });
});

describe("model: patternProblems", () => {
    it("a well-scoped repository pattern has no problems", () => {
        assert.deepEqual(patternProblems(REQ), []);
        assert.deepEqual(patternProblems("us-central1-docker.pkg.dev/my-proj/cloud-run-source-deploy/*"), []);
        assert.deepEqual(patternProblems("gcr.io/my-proj/app/**"), []);
        assert.deepEqual(patternProblems("gcr.io/my-proj/app@sha256:abc"), []);
    });
    it("bare * and ** exempt everything", () => {
        assert.match(patternProblems("*").join(), /every image/);
        assert.match(patternProblems("**").join(), /every image/);
    });
    it("a whole registry host is flagged", () => {
        for (const p of ["gcr.io/**", "gcr.io/*", "us-central1-docker.pkg.dev/**", "docker.io/**", "eu.gcr.io/**"]) {
            assert.match(patternProblems(p).join(), /whole registry/, p);
        }
    });
    it("a whole project is flagged", () => {
        for (const p of [
            "us-central1-docker.pkg.dev/my-proj/**",
            "gcr.io/my-proj/**",
            "eu.gcr.io/my-proj/*",
            "us-docker.pkg.dev/my-proj/**",
        ]) {
            assert.match(patternProblems(p).join(), /every repository of project/, p);
        }
    });
    it("a wildcard before the end is flagged", () => {
        assert.match(patternProblems("us-central1-docker.pkg.dev/*/gcf-artifacts/**").join(), /wildcard before its end/);
        assert.match(patternProblems("gcr.io/p/*/x").join(), /wildcard before its end/);
    });
    it("a trailing wildcard not directly after / is flagged", () => {
        assert.match(patternProblems("us-central1-docker.pkg.dev/my-proj/gcf-artifacts**").join(), /not directly after "\/"/);
        assert.match(patternProblems("us-central1-docker.pkg.dev/my-proj/gcf-artifacts*").join(), /not directly after "\/"/);
    });
    it("empty, upper case, white space, dot segments and long star runs are flagged", () => {
        assert.deepEqual(patternProblems(""), ["is empty"]);
        assert.match(patternProblems("GCR.io/p/app/**").join(), /upper-case/);
        assert.match(patternProblems("gcr.io/p/app/** ").join(), /white space/);
        assert.match(patternProblems("gcr.io/p/../app/**").join(), /"\." or "\.\." segment/);
        assert.match(patternProblems("gcr.io/p/app/***").join(), /3 asterisks/);
    });
    it("problems on a 1 MB pattern stay bounded", () => {
        const huge = `us-central1-docker.pkg.dev/my-proj/${"a".repeat(1_000_000)}**`;
        const text = patternProblems(huge).join("; ");
        assert.ok(text.length < 2000, `length ${text.length}`);
        const hugeHost = `${"h".repeat(1_000_000)}/**`;
        const text2 = patternProblems(hugeHost).join("; ");
        assert.ok(text2.length < 2000, `length ${text2.length}`);
    });
    it("control characters in a pattern are not echoed raw", () => {
        const text = patternProblems("gcr.io/p/x\u0007\nFAKE*").join("; ");
        assertPrintable(text);
        assert.ok(!text.includes("\n"), "raw newline from user text");
    });
});

describe("model: parseImage", () => {
    it("parses an Artifact Registry image with tag and digest", () => {
        const r = parseImage("us-central1-docker.pkg.dev/my-proj/cloud-run-source-deploy/app:latest@sha256:abc");
        assert.deepEqual(r, {
            host: "us-central1-docker.pkg.dev",
            path: ["my-proj", "cloud-run-source-deploy", "app"],
            region: "us-central1",
            project: "my-proj",
            repository: "cloud-run-source-deploy",
        });
    });
    it("parses multi-region Artifact Registry and Container Registry hosts", () => {
        assert.equal(parseImage("us-docker.pkg.dev/p1/r/i")?.region, "us");
        const g = parseImage("eu.gcr.io/my-proj/app:1");
        assert.equal(g?.host, "eu.gcr.io");
        assert.equal(g?.project, "my-proj");
        assert.equal(g?.repository, undefined);
    });
    it("defaults the host to docker.io and keeps registry ports", () => {
        assert.deepEqual(parseImage("nginx:1.25"), { host: "docker.io", path: ["nginx"] });
        assert.equal(parseImage("localhost:5000/app")?.host, "localhost:5000");
        assert.equal(parseImage("library/nginx")?.host, "docker.io");
    });
    it("rejects empty, blank, control characters, empty segments and oversized input", () => {
        for (const s of ["", " ", "a b", "gcr.io//x", "gcr.io/x/", "x\u0000y", "a".repeat(3000)]) {
            assert.equal(parseImage(s), undefined, JSON.stringify(s.slice(0, 20)));
        }
    });
    it("a domain-scoped project is written with / in the image path (example.com/proj)", () => {
        // https://cloud.google.com/artifact-registry/docs/docker/names#domain
        const r = parseImage("us-central1-docker.pkg.dev/example.com/my-proj/cloud-run-source-deploy/app:1");
        assert.equal(r?.project, "example.com:my-proj");
        assert.equal(r?.repository, "cloud-run-source-deploy");
        assert.equal(r?.region, "us-central1");
    });
    it("a host that only looks like Artifact Registry is not one", () => {
        const r = parseImage("us-central1-docker.pkg.dev.evil.com/my-proj/cloud-run-source-deploy/app");
        assert.equal(r?.repository, undefined);
        assert.equal(r?.project, undefined);
    });
});

describe("model: parseDockerRepository", () => {
    it("parses projects/P/locations/R/repositories/REPO", () => {
        assert.deepEqual(parseDockerRepository("projects/my-proj/locations/us-central1/repositories/my-repo"), {
            project: "my-proj",
            location: "us-central1",
            repository: "my-repo",
        });
    });
    it("rejects malformed names", () => {
        for (const s of [
            "",
            "my-repo",
            "projects/my-proj/locations/us-central1/repositories/",
            "projects/my-proj/locations/us-central1/repositories/my-repo/",
            "projects/my-proj/repositories/my-repo",
            "projects/MY-PROJ/locations/us-central1/repositories/my-repo",
            "projects/my-proj/locations/us-central1/repositories/my repo",
            "us-central1-docker.pkg.dev/my-proj/my-repo",
            "projects/my-proj/locations/us-central1/repositories/my-repo\n",
            `projects/my-proj/locations/us-central1/repositories/${"a".repeat(600)}`,
        ]) {
            assert.equal(parseDockerRepository(s), undefined, JSON.stringify(s.slice(0, 80)));
        }
    });
});

describe("model: resolveConfig", () => {
    it("applies every schema default when the engine sends nothing", () => {
        const r = resolveConfig<BreakglassConfig>("cloud-run-breakglass-justified", undefined);
        assert.equal(r.config.minLength, 20);
        assert.equal(r.config.allowedStacks, undefined);
        assert.equal(r.config.requireExpiry, false);
        assert.equal(r.config.maxDays, 7);
        assert.equal(r.config.onUnknown, "defer");
        assert.deepEqual(r.config.exemptions, []);
        assert.deepEqual(r.problems, []);
        const s = resolveConfig<ScopedConfig>("binauthz-allowlist-scoped", {});
        assert.deepEqual(s.config.allowedPatterns, []);
        assert.equal(s.config.allowDryRun, false);
        const a = resolveConfig<AllowlistConfig>("binauthz-source-deploy-allowlist", { enforcementLevel: "mandatory" });
        assert.deepEqual(a.config.externalAllowlist, {});
        assert.deepEqual(a.problems, []);
    });
    it("keeps valid values", () => {
        const r = resolveConfig<BreakglassConfig>("cloud-run-breakglass-justified", { minLength: 30, onUnknown: "deny" });
        assert.equal(r.config.minLength, 30);
        assert.equal(r.config.onUnknown, "deny");
        assert.deepEqual(r.problems, []);
    });
    it("an invalid key falls back to its default, or to the strict value where the default is permissive, and reports a problem", () => {
        const r = resolveConfig<BreakglassConfig>("cloud-run-breakglass-justified", {
            minLength: "30",
            onUnknown: "ignore",
            requireExpiry: "yes",
            allowedStacks: "prod",
        });
        assert.equal(r.config.minLength, 10000);
        assert.equal(r.config.onUnknown, "deny");
        assert.equal(r.config.requireExpiry, true);
        assert.deepEqual(r.config.allowedStacks, []);
        assert.equal(r.problems.length, 4);
        const text = r.problems.join("\n");
        assert.match(text, /minLength.*using the strict value \(10000\)/);
        assert.match(text, /onUnknown.*using the strict value \("deny"\)/);
        assert.match(text, /requireExpiry.*using the strict value \(true\)/);
        assert.match(text, /allowedStacks.*using the strict value \(\[\]\)/);
        const org = resolveConfig<OrgConstraintConfig>("binauthz-org-constraint", { require: "no" });
        assert.equal(org.config.require, true);
    });
    it("reports an unknown key and ignores it", () => {
        const r = resolveConfig<ScopedConfig>("binauthz-allowlist-scoped", { allowDryrun: true });
        assert.equal(r.config.allowDryRun, false);
        assert.equal(r.problems.length, 1);
        assert.match(r.problems[0], /unknown config key "allowDryrun"/);
    });
    it("a config that is not an object falls back to defaults with a problem", () => {
        for (const raw of ["x", 3, ["a"]]) {
            const r = resolveConfig<ScopedConfig>("binauthz-allowlist-scoped", raw);
            assert.equal(r.config.allowDryRun, false);
            assert.match(r.problems.join(), /not an object; defaults apply/);
        }
        assert.deepEqual(resolveConfig("binauthz-allowlist-scoped", null).problems, []);
    });
    it("a catch-all glob in allowedPatterns is ignored with a message", () => {
        const r = resolveConfig<ScopedConfig>("binauthz-allowlist-scoped", { allowedPatterns: ["**", "gcr.io/p/**"] });
        assert.match(r.problems.join(), /allowedPatterns glob "\*\*" matches everything/);
        assert.equal(r.compiled.globs.get("allowedPatterns")?.length, 1);
    });
    it("exemptions: unusable entries are set aside with the reason", () => {
        const r = resolveConfig("binauthz-allowlist-scoped", {
            exemptions: [
                { resource: "a", reason: "a long enough reason", expires: "2030-01-01" },
                { resource: "b", reason: "short", expires: "2030-01-01" },
                { resource: "c", reason: "a long enough reason" },
                { resource: "d", reason: "a long enough reason", expires: "2030-02-30" },
                "e",
            ],
        });
        assert.equal(r.compiled.exemptions.length, 1);
        const why = new Map(r.ignoredExemptions.map((i) => [i.resource ?? `#${i.index}`, i.why]));
        assert.match(why.get("b") ?? "", /reason/);
        assert.match(why.get("c") ?? "", /no expires/);
        assert.match(why.get("d") ?? "", /not a real date/);
        assert.match(why.get("#4") ?? "", /not an object/);
    });
});

describe("model: cloudRunBinauthzPolicies (awsguard-style config)", () => {
    const cfg = { all: "mandatory", "cloud-run-breakglass-justified": { minLength: 30 } } as const;

    it("sets every level from all, and keeps per-policy objects in initialConfig", () => {
        const { policies: out, initialConfig } = cloudRunBinauthzPolicies(cfg);
        assert.equal(out.length, policies.length);
        for (const p of out) assert.equal(p.enforcementLevel, "mandatory", p.name);
        assert.deepEqual(initialConfig["cloud-run-breakglass-justified"], { enforcementLevel: "mandatory", minLength: 30 });
        assert.deepEqual(initialConfig["binauthz-org-constraint"], { enforcementLevel: "mandatory" });
        // the shared policy objects are not mutated
        assert.equal(policies.find((p) => p.name === "binauthz-org-constraint")?.enforcementLevel, "advisory");
    });

    it("a policy-level string wins over all; no config leaves defaults", () => {
        const { policies: out, initialConfig } = cloudRunBinauthzPolicies({ all: "advisory", "binauthz-allowlist-scoped": "disabled" });
        assert.equal(out.find((p) => p.name === "binauthz-allowlist-scoped")?.enforcementLevel, "disabled");
        assert.equal(out.find((p) => p.name === "binauthz-source-deploy-allowlist")?.enforcementLevel, "advisory");
        assert.deepEqual(initialConfig["binauthz-allowlist-scoped"], { enforcementLevel: "disabled" });
        const plain = cloudRunBinauthzPolicies();
        assert.deepEqual(plain.initialConfig, {});
        assert.deepEqual(
            plain.policies.map((p) => p.enforcementLevel),
            policies.map((p) => p.enforcementLevel),
        );
    });

    it("the merged config takes effect when the engine sends none", async () => {
        const { policies: out } = cloudRunBinauthzPolicies(cfg);
        const bg = out.find((p) => p.name === "cloud-run-breakglass-justified") as ResourceValidationPolicy;
        const plain = policies.find((p) => p.name === "cloud-run-breakglass-justified") as ResourceValidationPolicy;
        // 25 code points: passes minLength 20, fails minLength 30.
        const props = {
            location: "us-central1",
            binaryAuthorization: { useDefault: true, breakglassJustification: "INC-1234 outage rollback." },
        };
        const base = await checkResource(plain, { type: T.service, name: "svc", props }, {});
        assert.deepEqual(base.violations, []);
        const merged = await checkResource(bg, { type: T.service, name: "svc", props }, {});
        assert.equal(merged.violations.length, 1);
        assert.match(merged.violations[0], /30/);
        // what the engine sends still wins over the factory's config
        const engine = await checkResource(bg, { type: T.service, name: "svc", props }, { minLength: 10 });
        assert.deepEqual(engine.violations, []);
    });

    it("the merged config reaches stack policies too", async () => {
        const { policies: out } = cloudRunBinauthzPolicies({
            "binauthz-source-deploy-allowlist": { externalAllowlist: { "my-proj": [] } },
        });
        const sp = out.find((p) => p.name === "binauthz-source-deploy-allowlist") as StackValidationPolicy;
        const fn = { type: T.fn2, name: "fn", props: { project: "my-proj", location: "us-central1" } };
        const r = await checkStack(sp, [fn], {});
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /externalAllowlist\["my-proj"\]/);
        const plain = await checkStack(
            policies.find((p) => p.name === "binauthz-source-deploy-allowlist")!,
            [fn],
            {},
        );
        assert.deepEqual(plain.violations, []);
    });
});
