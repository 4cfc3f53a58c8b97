// Requires a config value that neither Pulumi.yaml nor Pulumi.dev.yaml sets.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const team = new pulumi.Config().require("team");

new gcp.cloudrunv2.Service(`api-${team}`, {
    location: "us-central1",
    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
});
