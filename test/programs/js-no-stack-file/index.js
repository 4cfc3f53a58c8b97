"use strict";
const gcp = require("@pulumi/gcp");
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
new gcp.cloudrunv2.Service("edge", {
    location: gcp.config.region || "us-central1",
    binaryAuthorization: config.requireBoolean("enforce") ? { useDefault: true } : undefined,
    template: { containers: [{ image: config.require("image") }] },
});
