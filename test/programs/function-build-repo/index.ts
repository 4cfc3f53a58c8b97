import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const builds = new gcp.artifactregistry.Repository("fn-builds", { location: "us-central1", repositoryId: "fn-builds", format: "DOCKER" });
const bucket = new gcp.storage.Bucket("fn-source", { location: "US", uniformBucketLevelAccess: true });
const source = new gcp.storage.BucketObject("fn-source-zip", { bucket: bucket.name, source: new pulumi.asset.FileArchive("./src") });

new gcp.cloudfunctionsv2.Function(
    "resize",
    {
        location: "us-central1",
        buildConfig: {
            runtime: "python312",
            entryPoint: "handler",
            dockerRepository: "projects/acme-prod/locations/us-central1/repositories/fn-builds",
            source: { storageSource: { bucket: bucket.name, object: source.name } },
        },
        serviceConfig: { binaryAuthorizationPolicy: "default" },
    },
    { dependsOn: [builds] },
);

// The project's policy allows the default build repository only.
new gcp.binaryauthorization.Policy("binauthz", {
    project: "acme-prod",
    admissionWhitelistPatterns: [{ namePattern: "us-central1-docker.pkg.dev/acme-prod/gcf-artifacts/**" }],
    defaultAdmissionRule: { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
});
