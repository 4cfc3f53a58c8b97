// The shape of most public Cloud Run programs: docker.Image builds ./app and pushes it to Artifact
// Registry; the services run what it pushed. In a preview the repoDigest is unknown (the real provider
// returns only its inputs), while imageName is the input itself.
import * as docker from "@pulumi/docker";
import * as gcp from "@pulumi/gcp";

const repo = new gcp.artifactregistry.Repository("apps", { location: "us-central1", repositoryId: "apps", format: "DOCKER" });
const image = new docker.Image("api-image", {
    imageName: `us-central1-docker.pkg.dev/${gcp.config.project}/apps/api:v3`,
    build: { context: "./app", platform: "linux/amd64" },
});

// Were the digest known in a preview, this would run and the check would fail.
image.repoDigest.apply((digest) => {
    throw new Error(`repoDigest is known in a preview: ${JSON.stringify(digest)}`);
});

new gcp.cloudrunv2.Service(
    "api",
    {
        location: "us-central1",
        binaryAuthorization: { useDefault: true },
        template: { containers: [{ image: image.repoDigest }] },
    },
    { dependsOn: [repo] },
);

new gcp.cloudrunv2.Service("worker", {
    location: "us-central1",
    template: { containers: [{ image: image.imageName }] },
});

export const digest = image.repoDigest;
