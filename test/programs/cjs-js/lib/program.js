// CommonJS JavaScript, found through package.json main.
const gcp = require("@pulumi/gcp");

new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
});
