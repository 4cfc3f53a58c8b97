// TypeScript compiled as ES modules (ts-node/esm), as the Node.js host does for "type": "module".
import * as gcp from "@pulumi/gcp";

new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
});

export const region: string = "us-central1";
