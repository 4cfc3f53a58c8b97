// A Cloud Functions (2nd gen) function with Binary Authorization set to default. Its build writes
// to REGION-docker.pkg.dev/PROJECT/gcf-artifacts, which the policy exempts.
import * as gcp from "@pulumi/gcp";

const project = "acme-prod";
const region = "us-central1";

export const policy = new gcp.binaryauthorization.Policy("binauthz", {
    project,
    admissionWhitelistPatterns: [{ namePattern: `${region}-docker.pkg.dev/${project}/gcf-artifacts/**` }],
    defaultAdmissionRule: {
        evaluationMode: "ALWAYS_DENY",
        enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
    },
});

const source = new gcp.storage.Bucket("source", { location: "US", uniformBucketLevelAccess: true });

export const fn = new gcp.cloudfunctionsv2.Function("thumbnailer", {
    location: region,
    buildConfig: {
        runtime: "nodejs22",
        entryPoint: "thumbnail",
        source: { storageSource: { bucket: source.name, object: "thumbnailer.zip" } },
    },
    serviceConfig: {
        binaryAuthorizationPolicy: "default",
        maxInstanceCount: 3,
        availableMemory: "256M",
    },
});
