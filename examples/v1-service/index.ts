// A Cloud Run service on the v1 API. Binary Authorization is the Service's own metadata
// annotation: an annotation under template.metadata would not count.
import * as gcp from "@pulumi/gcp";

export const legacy = new gcp.cloudrun.Service("legacy", {
    location: "us-central1",
    metadata: {
        annotations: { "run.googleapis.com/binary-authorization": "default" },
    },
    template: {
        spec: { containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/legacy:v3" }] },
    },
});
