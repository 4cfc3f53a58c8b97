// Reads Binary Authorization and the service name from project config defaults.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const enforce = config.requireBoolean("binauthz");

new gcp.cloudrunv2.Service(config.require("serviceName"), {
    location: new pulumi.Config("gcp").require("region"),
    binaryAuthorization: enforce ? { useDefault: true } : undefined,
    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
});
