// A Cloud Run service that deploys past Binary Authorization with a justified breakglass:
// Binary Authorization stays on, and the justification names the incident and why.
import * as gcp from "@pulumi/gcp";

export const hotfix = new gcp.cloudrunv2.Service("checkout", {
    location: "us-central1",
    binaryAuthorization: {
        useDefault: true,
        breakglassJustification: "INC-4711: attestor outage blocks the checkout hotfix; approved by the on-call SRE lead",
    },
    template: {
        containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/checkout:hotfix-1" }],
    },
});
