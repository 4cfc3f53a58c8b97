// A serverless template's shape: the site's files go to a bucket through synced-folder (a
// multi-language component, built by its own provider), the function's source is an archive object.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as synced from "@pulumi/synced-folder";

const region = gcp.config.region || "us-central1";
const site = new gcp.storage.Bucket("site", { location: "US", uniformBucketLevelAccess: true });
new synced.GoogleCloudFolder("site-files", { bucketName: site.name, path: "./www" });

const sources = new gcp.storage.Bucket("sources", { location: "US", uniformBucketLevelAccess: true });
const archive = new gcp.storage.BucketObject("function-source", {
    bucket: sources.name,
    source: new pulumi.asset.FileArchive("./function"),
});

const fn = new gcp.cloudfunctionsv2.Function("api", {
    location: region,
    buildConfig: {
        runtime: "nodejs22",
        entryPoint: "handler",
        source: { storageSource: { bucket: sources.name, object: archive.name } },
    },
    serviceConfig: { maxInstanceCount: 2 },
});

export const uri = fn.serviceConfig.apply((c) => c?.uri);
