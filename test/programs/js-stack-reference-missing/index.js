"use strict";
const gcp = require("@pulumi/gcp");
const pulumi = require("@pulumi/pulumi");

const network = new pulumi.StackReference(`${pulumi.getOrganization()}/network/${pulumi.getStack()}`);
new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    binaryAuthorization: { useDefault: true },
    template: {
        vpcAccess: { connector: network.requireOutput("connector") },
        containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/api:v1" }],
    },
});
