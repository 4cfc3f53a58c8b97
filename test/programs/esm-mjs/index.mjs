// An ES module (.mjs) without "type": "module".
import * as gcp from "@pulumi/gcp";

new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
});
