"use strict";
const gcp = require("@pulumi/gcp");

const sandbox = new gcp.Provider("sandbox", { project: "acme-sandbox", region: "europe-west1" });

new gcp.cloudrun.Service(
    "demo",
    {
        location: "europe-west1",
        metadata: { annotations: { "run.googleapis.com/binary-authorization": "default" } },
        template: { spec: { containers: [{ image: "europe-west1-docker.pkg.dev/acme-sandbox/demo/app:v1" }] } },
    },
    { provider: sandbox },
);

new gcp.cloudrun.Service(
    "playground",
    {
        location: "europe-west1",
        // On the revision template, where Cloud Run does not read it for Binary Authorization.
        template: {
            metadata: { annotations: { "run.googleapis.com/binary-authorization": "default" } },
            spec: { containers: [{ image: "europe-west1-docker.pkg.dev/acme-sandbox/demo/playground:v1" }] },
        },
    },
    { provider: sandbox },
);
