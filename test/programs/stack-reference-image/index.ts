// The build pipeline's stack publishes what to deploy; this stack deploys it. check reads the
// referenced stack's outputs from --stack-outputs (pulumi stack output --json --show-secrets).
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const registry = new pulumi.StackReference(new pulumi.Config().require("registryStack"));
const image = registry.requireOutput("imageRef") as pulumi.Output<string>;
const runtime = registry.requireOutput("runtime") as pulumi.Output<{ serviceAccount: string }>;

new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    binaryAuthorization: { useDefault: true },
    template: {
        serviceAccount: runtime.apply((r) => r.serviceAccount),
        containers: [{ image }],
    },
});
new gcp.cloudrunv2.Job("migrate", {
    location: "us-central1",
    template: { template: { containers: [{ image, commands: ["/app/migrate"] }] } },
});
