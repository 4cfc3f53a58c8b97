// The settings come from a platform team's namespace, not the project's; the region from
// google-native's, though only gcp resources are declared (seen in real programs).
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const platform = new pulumi.Config("platform");
const region = new pulumi.Config("google-native").require("region");
const team = new pulumi.Config().require("team");
const enforce = platform.requireBoolean("enforceBinauthz");
const registry = platform.require("registry");

for (const s of platform.requireObject<{ name: string; tag: string }[]>("services")) {
    new gcp.cloudrunv2.Service(s.name, {
        location: region,
        labels: { team },
        binaryAuthorization: enforce ? { useDefault: true } : undefined,
        template: { containers: [{ image: `${registry}/${s.name}:${s.tag}` }] },
    });
}
// A job the platform config does not cover.
new gcp.cloudrunv2.Job("ledger-export", {
    location: region,
    template: { template: { containers: [{ image: `${registry}/ledger-export:v1` }] } },
});
