"""Runs the payments workers on what the platform stack publishes."""
import pulumi
import pulumi_gcp as gcp

config = pulumi.Config()
platform = pulumi.StackReference(config.require("platformStack"))
region = gcp.config.region

gcp.cloudrunv2.Service(
    "payments-api",
    location=region,
    binary_authorization={"use_default": True},
    template={
        "service_account": platform.require_output("runtimeServiceAccount"),
        "containers": [{"image": platform.require_output("paymentsImage")}],
    },
)

gcp.cloudrunv2.Job(
    "payments-reconcile",
    location=region,
    template={
        "template": {
            "service_account": platform.require_output("runtimeServiceAccount"),
            "containers": [{"image": platform.require_output("paymentsImage"), "args": ["reconcile"]}],
        }
    },
)
