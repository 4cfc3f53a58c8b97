// A container template's shape: a random suffix names the Artifact Registry repository, docker-build
// pushes the image, a v1 Cloud Run service runs its ref and anyone may invoke it. No Pulumi.dev.yaml:
// the project's config and --config are all the stack has.
import * as dockerBuild from "@pulumi/docker-build";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

const config = new pulumi.Config();
const gcpConfig = new pulumi.Config("gcp");
const project = gcpConfig.require("project");
const region = gcpConfig.require("region");
const imageName = config.require("imageName");

const suffix = new random.RandomString("repo-suffix", { length: 6, special: false, upper: false });
const repo = new gcp.artifactregistry.Repository("repo", {
    location: region,
    repositoryId: pulumi.interpolate`apps-${suffix.result}`,
    format: "DOCKER",
});

const image = new dockerBuild.Image("image", {
    tags: [pulumi.interpolate`${region}-docker.pkg.dev/${project}/${repo.repositoryId}/${imageName}:latest`],
    context: { location: "./app" },
    platforms: ["linux/amd64"],
    push: true,
});

// Were the ref known in a preview, this would run and the check would fail.
image.ref.apply((ref) => {
    throw new Error(`ref is known in a preview: ${JSON.stringify(ref)}`);
});

const service = new gcp.cloudrun.Service("storefront", {
    location: region,
    metadata: { annotations: { "run.googleapis.com/binary-authorization": "default" } },
    template: { spec: { containers: [{ image: image.ref }] } },
});

new gcp.cloudrun.IamMember("storefront-public", {
    service: service.name,
    location: region,
    role: "roles/run.invoker",
    member: "allUsers",
});

export const url = service.statuses.apply((s) => s?.[0]?.url);
