// Issue 19, class 5: an exemption glob whose resource name is wildcard-only is a catch-all for every
// URN shape, including children of components, whose URN type is PARENT$TYPE (nested to any depth)
// with a parent type from any package. An exact child URN still exempts.
import { strict as assert } from "node:assert";
import { binauthzRequired, deployUnverified } from "../../policies";
import { globProblem } from "../../policies/model/config";
import { checkResource, fixClock, type ResourceInput, T } from "../harness";

const SERVICE = T.service;
const REASON = "migration to signed images tracked in PLAT-12";
const child = (parents: string, name = "api", type: string = SERVICE): string => `urn:pulumi:prod::shop::${parents}$${type}::${name}`;

function offService(urn: string, name = "api"): ResourceInput {
    return {
        type: SERVICE,
        name,
        urn,
        props: { project: "my-proj", location: "us-central1", template: { containers: [{ image: "gcr.io/my-proj/a:1" }] } },
    };
}

describe("catch-all exemptions under component parents (issue 19, class 5)", () => {
    fixClock("2026-03-10T12:00:00Z");

    describe("refused: the name is wildcard-only under some parent chain", () => {
        const globs = [
            child("my:component:Api", "*"),
            child("my:component:Api", "**"),
            child("my:component:Api", "?*"),
            child("acme:index:Platform$acme:index:Api", "*"),
            child("acme:index:Platform$acme:index:Region$acme:index:Api", "*"),
            child("kubernetes:helm.sh/v3:Chart", "*"),
            child("random:index:RandomPet", "*"),
            child("pkg-with-dash:mod/sub:Thing", "*"),
            child("ünïcode:index:Thing", "*"),
            `urn:pulumi:prod::shop::**$${SERVICE}::*`,
            `urn:pulumi:*::*::my:component:Api$${SERVICE}::*`,
            `urn:pulumi:prod::shop::my:component:Api$gcp:cloudfunctionsv2/function:Function::*`,
            `urn:pulumi:prod::shop::my:component:Api$google-native:run/v2:Service::*`,
            // No "/" in the types: a single * reaches across the whole parent chain.
            "urn:pulumi:prod::shop::*$*::*",
            `**$${SERVICE}::*`,
            "urn:pulumi:prod::shop::my:component:Api$command:local:Command::*",
            // A name prefix that is itself the end of the type: the name is still free.
            "urn:pulumi:prod::**:Api$**::*",
        ];
        for (const g of globs) {
            it(JSON.stringify(g), () => {
                assert.match(globProblem("exemptions", g) ?? "", /matches everything/);
            });
        }
    });

    describe("kept: the name is pinned", () => {
        const globs = [
            child("my:component:Api", "api"),
            child("my:component:Api", "api-*"),
            child("acme:index:Platform$acme:index:Api", "api"),
            `urn:pulumi:prod::shop::**$${SERVICE}::api`,
            "urn:pulumi:prod::**::legacy-batch",
        ];
        for (const g of globs) {
            it(JSON.stringify(g), () => {
                assert.equal(globProblem("exemptions", g), undefined);
            });
        }
    });

    describe("through a policy", () => {
        it("a catch-all under a component parent exempts nothing, and the violation says why", async () => {
            const urn = child("my:component:Api", "api");
            const r = await checkResource(binauthzRequired, offService(urn), {
                exemptions: [{ resource: child("my:component:Api", "*"), reason: REASON, expires: "2027-01-01" }],
            });
            assert.equal(r.violations.length, 1, JSON.stringify(r));
            assert.match(r.violations[0], /matches everything/);
        });
        it("a catch-all under a nested chain of another package exempts nothing", async () => {
            const parents = "acme:index:Platform$acme:index:Api";
            const r = await checkResource(binauthzRequired, offService(child(parents, "api")), {
                exemptions: [{ resource: child(parents, "*"), reason: REASON, expires: "2027-01-01" }],
            });
            assert.equal(r.violations.length, 1, JSON.stringify(r));
        });
        it("a Command under a component: a catch-all exempts nothing", async () => {
            const urn = "urn:pulumi:prod::shop::my:component:Deploy$command:local:Command::deploy";
            const r = await checkResource(
                deployUnverified,
                { type: "command:local:Command", name: "deploy", urn, props: { create: "gcloud run deploy api --image gcr.io/p/a:1" } },
                {
                    exemptions: [
                        {
                            resource: "urn:pulumi:prod::shop::my:component:Deploy$command:local:Command::*",
                            reason: REASON,
                            expires: "2027-01-01",
                        },
                    ],
                },
            );
            assert.ok(r.violations.length >= 1, JSON.stringify(r));
            assert.match(r.violations.join("\n"), /matches everything/);
        });
        it("control: the exact child URN still exempts", async () => {
            const urn = child("acme:index:Platform$acme:index:Api", "api");
            const r = await checkResource(binauthzRequired, offService(urn), {
                exemptions: [{ resource: urn, reason: REASON, expires: "2027-01-01" }],
            });
            assert.deepEqual(r.violations, []);
            assert.match(r.notApplicable ?? "", /exempted by config exemption/);
        });
    });
});
