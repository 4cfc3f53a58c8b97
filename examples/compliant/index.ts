// A compliant Cloud Run service and job. Both enforce the project's default Binary Authorization
// policy, and that policy exempts only the repository source deploys build into (for the team's
// gcloud run deploy --source): the pre-built images of both live outside it, pinned by digest, and
// must carry an attestation from the CI attestor, which the security team manages.
import * as gcp from "@pulumi/gcp";

const project = "acme-prod";
const region = "us-central1";

export const policy = new gcp.binaryauthorization.Policy("binauthz", {
    project,
    globalPolicyEvaluationMode: "ENABLE",
    admissionWhitelistPatterns: [{ namePattern: `${region}-docker.pkg.dev/${project}/cloud-run-source-deploy/**` }],
    defaultAdmissionRule: {
        evaluationMode: "REQUIRE_ATTESTATION",
        enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
        requireAttestationsBies: [`projects/${project}/attestors/ci-build`],
    },
});

export const api = new gcp.cloudrunv2.Service("api", {
    location: region,
    binaryAuthorization: { useDefault: true },
    template: {
        containers: [{ image: `${region}-docker.pkg.dev/${project}/apps/api@sha256:${"b".repeat(64)}` }],
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
