"""A Cloud Run service without Binary Authorization."""
import pulumi_gcp as gcp

gcp.cloudrunv2.Service(
    "api",
    location="us-central1",
    template={"containers": [{"image": "us-docker.pkg.dev/cloudrun/container/hello"}]},
)
