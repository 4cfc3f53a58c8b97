// `export = async () => ...`: Pulumi calls the function and awaits it; its result is the stack outputs.
import * as gcp from "@pulumi/gcp";

export = async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const api = new gcp.cloudrunv2.Service("api", {
        location: "us-central1",
        template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
    });
    return { url: api.uri };
};
