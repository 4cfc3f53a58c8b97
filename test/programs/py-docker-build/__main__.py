"""The container template's shape in Python: the service runs the image's ref."""
import pulumi
import pulumi_docker_build as docker_build
import pulumi_gcp as gcp
import pulumi_random as random

gcp_config = pulumi.Config("gcp")
project = gcp_config.require("project")
region = gcp_config.require("region")

suffix = random.RandomString("repo-suffix", length=6, special=False, upper=False)
repo = gcp.artifactregistry.Repository(
    "repo", location=region, repository_id=suffix.result.apply(lambda s: f"apps-{s}"), format="DOCKER"
)
image = docker_build.Image(
    "image",
    tags=[pulumi.Output.concat(region, "-docker.pkg.dev/", project, "/", repo.repository_id, "/web:latest")],
    context={"location": "./app"},
    platforms=["linux/amd64"],
    push=True,
)


def known_ref(ref):
    # Runs only if the ref is known, which it never is in a preview: the check would fail.
    raise RuntimeError(f"ref is known in a preview: {ref!r}")


image.ref.apply(known_ref)
gcp.cloudrun.Service(
    "web",
    location=region,
    template={"spec": {"containers": [{"image": image.ref}]}},
)
