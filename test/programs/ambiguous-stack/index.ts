import * as gcp from "@pulumi/gcp";

new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    template: { containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/api:v1" }] },
});
