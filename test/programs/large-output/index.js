// 200 services that each log 1 KiB (over 200 KiB of output), and one without Binary Authorization.
const gcp = require("@pulumi/gcp");

for (let i = 0; i < 200; i++) {
    console.log(`service svc-${i}: ${"x".repeat(1024)}`);
    new gcp.cloudrunv2.Service(`svc-${i}`, {
        location: "us-central1",
        binaryAuthorization: { useDefault: true },
        template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
    });
}
new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
});
