// Exemptions are looked up through an index of their globs' literal prefixes (policies/model/exemptions.ts).
// The index may only narrow the globs tried: every verdict must be the one trying each glob in config order gives.
import { strict as assert } from "node:assert";
import { resolveConfig } from "../../policies/model/config";
import { exemptionFor } from "../../policies/model/exemptions";

const URN = "urn:pulumi:prod::shop::gcp:cloudrunv2/service:Service::";
const REASON = "Legacy batch moves to signed images in SEC-812, owner: platform team";

function verdict(resources: { resource: string; expires?: string }[], name: string) {
    const exemptions = resources.map(({ resource, expires }) => ({ resource, reason: REASON, expires: expires ?? "2099-12-31" }));
    return exemptionFor(resolveConfig<unknown>("cloud-run-binauthz-required", { exemptions }), name, URN + name);
}

describe("exemption lookup by literal prefix", () => {
    it("a glob that starts with a wildcard is tried for every resource", () => {
        assert.equal(
            verdict([{ resource: "legacy-a" }, { resource: "**/service:Service::legacy-*" }], "legacy-b").live?.resource,
            "**/service:Service::legacy-*",
        );
    });
    it("a glob matched against the URN, and one against the name", () => {
        assert.equal(verdict([{ resource: `${URN}api` }], "api").live?.resource, `${URN}api`);
        assert.equal(verdict([{ resource: "ap?" }], "api").live?.resource, "ap?");
    });
    it("the first live exemption in config order wins, and an expired one before it leaves its note", () => {
        const v = verdict([{ resource: "api", expires: "2020-01-01" }, { resource: "a*" }, { resource: "api" }], "api");
        assert.equal(v.live?.resource, "a*");
        assert.match(v.notes.join("\n"), /exemption "api" expired on 2020-01-01/);
        assert.equal(verdict([{ resource: "api-*" }, { resource: "**" + "::api-1" }, { resource: "a*" }], "api-1").live?.resource, "api-*");
    });
    it("globs whose prefix is longer than the name, or diverges from it, never match", () => {
        assert.equal(verdict([{ resource: "api-service-long" }, { resource: "apx*" }], "api").live, undefined);
    });
    it("a glob with no literal prefix that matches both the name and the URN is tried once", () => {
        const v = verdict([{ resource: "*pi", expires: "2020-01-01" }], "api");
        assert.equal(v.live, undefined);
        assert.equal(v.notes.length, 1);
    });
});
