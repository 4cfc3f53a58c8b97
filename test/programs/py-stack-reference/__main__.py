"""Deploys what the image pipeline's stack published."""
import pulumi
import pulumi_gcp as gcp

images = pulumi.StackReference("organization/images/prod")
gcp.cloudrunv2.Service(
    "api",
    location="us-central1",
    binary_authorization={"use_default": True},
    template={"containers": [{"image": images.require_output("apiImage")}]},
)
