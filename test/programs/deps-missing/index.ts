import * as aiven from "@pulumi/aiven";
import * as gcp from "@pulumi/gcp";

const kafka = new aiven.Kafka("events", { project: "acme", cloudName: "google-us-central1", plan: "business-4", serviceName: "events" });
new gcp.cloudrunv2.Service("consumer", {
    location: "us-central1",
    binaryAuthorization: { useDefault: true },
    template: {
        containers: [
            { image: "us-central1-docker.pkg.dev/acme-prod/apps/consumer:v1", envs: [{ name: "KAFKA", value: kafka.serviceUri }] },
        ],
    },
});
