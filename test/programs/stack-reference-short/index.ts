import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

// The project's "global" stack builds the images once; every environment stack deploys them.
const global = new pulumi.StackReference("global");
const region = new pulumi.Config("gcp").require("region");

for (const name of ["edge-router", "edge-cache"]) {
    new gcp.cloudrunv2.Service(name, {
        location: region,
        binaryAuthorization: name === "edge-router" ? { useDefault: true } : undefined,
        template: { containers: [{ image: global.requireOutput(`${name}Image`).apply(String) }] },
    });
}
