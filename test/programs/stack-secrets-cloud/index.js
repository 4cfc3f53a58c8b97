"use strict";
const gcp = require("@pulumi/gcp");
const pulumi = require("@pulumi/pulumi");

const dbUrl = new pulumi.Config().requireSecret("dbUrl");
new gcp.cloudrunv2.Service("orders", {
    location: "us-central1",
    binaryAuthorization: { useDefault: true },
    template: { containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/orders:v9", envs: [{ name: "DB_URL", value: dbUrl }] }] },
});
