// Trips every mandatory policy of the pack exactly once. Run: npm run check -- examples/noncompliant
import * as gcp from "@pulumi/gcp";

const project = "acme-prod";
const region = "us-central1";

// binauthz-allowlist-scoped: gcr.io/** exempts a whole registry.
// binauthz-source-deploy-allowlist: gcf-artifacts is not exempted, so the function below is blocked.
export const policy = new gcp.binaryauthorization.Policy("binauthz", {
    project,
    admissionWhitelistPatterns: [{ namePattern: "gcr.io/**" }],
    defaultAdmissionRule: {
        evaluationMode: "ALWAYS_DENY",
        enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
    },
});

// cloud-run-binauthz-required: no binaryAuthorization block.
export const api = new gcp.cloudrunv2.Service("api", {
    location: region,
    template: { containers: [{ image: `${region}-docker.pkg.dev/${project}/apps/api:v1` }] },
});

// cloud-run-breakglass-justified: "n/a" is no justification.
export const batch = new gcp.cloudrunv2.Job("batch", {
    location: region,
    binaryAuthorization: { useDefault: true, breakglassJustification: "n/a" },
    template: { template: { containers: [{ image: `${region}-docker.pkg.dev/${project}/apps/batch:v1` }] } },
});

const source = new gcp.storage.Bucket("source", { location: "US", uniformBucketLevelAccess: true });

export const fn = new gcp.cloudfunctionsv2.Function("resize", {
    location: region,
    buildConfig: {
        runtime: "nodejs22",
        entryPoint: "resize",
        source: { storageSource: { bucket: source.name, object: "resize.zip" } },
    },
    serviceConfig: { binaryAuthorizationPolicy: "default" },
});
