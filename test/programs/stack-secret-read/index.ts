// A hotfix deploy under breakglass: the justification lives in the stack as a secret.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const reason = new pulumi.Config().requireSecret("breakglassReason");

new gcp.cloudrunv2.Service("payments", {
    location: "us-central1",
    binaryAuthorization: { useDefault: true, breakglassJustification: reason },
    template: { containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/payments:hotfix-17" }] },
});
