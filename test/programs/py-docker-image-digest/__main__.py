"""docker v4 in Python: the image's repo_digest is unknown in a preview, its image_name is the input."""
import pulumi
import pulumi_docker as docker
import pulumi_gcp as gcp

project = pulumi.Config("gcp").require("project")
image = docker.Image(
    "api-image",
    image_name=f"us-central1-docker.pkg.dev/{project}/apps/api:v3",
    build=docker.DockerBuildArgs(context="./app", platform="linux/amd64"),
)


def known_digest(digest):
    # Runs only if the digest is known, which it never is in a preview: the check would fail.
    raise RuntimeError(f"repo_digest is known in a preview: {digest!r}")


image.repo_digest.apply(known_digest)

gcp.cloudrunv2.Service(
    "api",
    location="us-central1",
    binary_authorization={"use_default": True},
    template={"containers": [{"image": image.repo_digest}]},
)
gcp.cloudrunv2.Service(
    "worker",
    location="us-central1",
    template={"containers": [{"image": image.image_name}]},
)
pulumi.export("digest", image.repo_digest)
