import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const gcpConfig = new pulumi.Config("gcp");
const region = gcpConfig.require("region");
const project = gcpConfig.require("project");

// The storefront enforces the project's policy; the preview build was added later and forgot to.
const storefront = new gcp.cloudrunv2.Service("storefront", {
    location: region,
    binaryAuthorization: { useDefault: true },
    template: { containers: [{ image: `${region}-docker.pkg.dev/${project}/web/storefront:1.4.0` }] },
});

const preview = new gcp.cloudrunv2.Service("storefront-preview", {
    location: region,
    template: { containers: [{ image: `${region}-docker.pkg.dev/${project}/web/storefront:1.5.0-rc.2` }] },
});

export const urls = { storefront: storefront.uri, preview: preview.uri };
