// A compliant Cloud Run service and job. Both enforce the project's default Binary Authorization
// policy, and that policy exempts the repository source deploys build into.
import * as gcp from "@pulumi/gcp";

const project = "acme-prod";
const region = "us-central1";

export const policy = new gcp.binaryauthorization.Policy("binauthz", {
    project,
    globalPolicyEvaluationMode: "ENABLE",
    admissionWhitelistPatterns: [
        { namePattern: `${region}-docker.pkg.dev/${project}/cloud-run-source-deploy/**` },
        { namePattern: `${region}-docker.pkg.dev/${project}/apps/**` },
    ],
    defaultAdmissionRule: {
        evaluationMode: "ALWAYS_DENY",
        enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
    },
});

export const api = new gcp.cloudrunv2.Service("api", {
    location: region,
    binaryAuthorization: { useDefault: true },
    template: {
        containers: [{ image: `${region}-docker.pkg.dev/${project}/cloud-run-source-deploy/api:v1` }],
    },
});

export const nightly = new gcp.cloudrunv2.Job("nightly", {
    location: region,
    binaryAuthorization: { useDefault: true },
    template: {
        template: {
            containers: [{ image: `${region}-docker.pkg.dev/${project}/apps/nightly@sha256:${"a".repeat(64)}` }],
        },
    },
});
