// Services come from structured stack config; the secure dbPassword is never read.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const services = new pulumi.Config().requireObject<{ name: string; binauthz: boolean }[]>("services");
for (const s of services) {
    new gcp.cloudrunv2.Service(s.name, {
        location: "us-central1",
        binaryAuthorization: s.binauthz ? { useDefault: true } : undefined,
        template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
    });
}
