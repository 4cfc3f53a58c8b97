"""Reads only plain config; the stack's secret stays unread."""
import pulumi
import pulumi_gcp as gcp

region = pulumi.Config("gcp").require("region")
gcp.cloudrunv2.Service(
    "reports",
    location=region,
    binary_authorization={"use_default": True},
    template={"containers": [{"image": "us-central1-docker.pkg.dev/acme-prod/apps/reports:v3"}]},
)
gcp.cloudrunv2.Service(
    "exports",
    location=region,
    template={"containers": [{"image": "us-central1-docker.pkg.dev/acme-prod/apps/exports:v1"}]},
)
