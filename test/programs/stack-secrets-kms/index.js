// The stack's secrets are encrypted with a Cloud KMS key, which needs the cloud to decrypt; the
// program reads none of them, so both engines check it.
"use strict";
const gcp = require("@pulumi/gcp");

new gcp.cloudrunv2.Service("signer", {
    location: "us-central1",
    binaryAuthorization: { useDefault: true },
    template: { containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/signer:v4" }] },
});
new gcp.cloudrunv2.Job("rotate", {
    location: "us-central1",
    template: { template: { containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/rotate:v4" }] } },
});
