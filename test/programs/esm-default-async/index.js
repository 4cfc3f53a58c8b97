// The default export is an async function: Pulumi calls it and awaits its outputs.
import * as gcp from "@pulumi/gcp";

export default async function () {
    await new Promise((resolve) => process.nextTick(resolve));
    const api = new gcp.cloudrunv2.Service("api", {
        location: "us-central1",
        template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
    });
    return { url: api.uri };
}
