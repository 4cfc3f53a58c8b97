import * as gcp from "@pulumi/gcp";

const dsn = gcp.secretmanager.getSecretVersionOutput({ secret: "sentry-dsn" });

new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    binaryAuthorization: { useDefault: true },
    template: {
        containers: [{ image: "us-central1-docker.pkg.dev/acme-prod/apps/api:v1", envs: [{ name: "SENTRY_DSN", value: dsn.secretData }] }],
    },
});
