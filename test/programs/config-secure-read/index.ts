// Whether Binary Authorization is on comes from a secret: offline, nobody can know.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const enforce = new pulumi.Config().requireSecret("binauthz");

new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    binaryAuthorization: enforce.apply((v) => (v === "true" ? { useDefault: true } : { useDefault: false })),
    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
});
