// A Cloud Run function built from source: a cloudrunv2.Service with buildConfig. Its build writes
// to REGION-docker.pkg.dev/PROJECT/cloud-run-source-deploy, which the policy exempts.
import * as gcp from "@pulumi/gcp";

const project = "acme-prod";
const region = "us-central1";

export const policy = new gcp.binaryauthorization.Policy("binauthz", {
    project,
    admissionWhitelistPatterns: [{ namePattern: `${region}-docker.pkg.dev/${project}/cloud-run-source-deploy/**` }],
    defaultAdmissionRule: {
        evaluationMode: "ALWAYS_DENY",
        enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
    },
});

const source = new gcp.storage.Bucket("source", { location: "US", uniformBucketLevelAccess: true });

export const hello = new gcp.cloudrunv2.Service("hello", {
    location: region,
    binaryAuthorization: { useDefault: true },
    buildConfig: {
        sourceLocation: source.name.apply((b) => `gs://${b}/hello.zip`),
        functionTarget: "helloHttp",
        baseImage: `${region}-docker.pkg.dev/serverless-runtimes/google-22/runtimes/nodejs22`,
        enableAutomaticUpdates: true,
    },
    template: {
        containers: [{ image: `${region}-docker.pkg.dev/${project}/cloud-run-source-deploy/hello` }],
    },
});
