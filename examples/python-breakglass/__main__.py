"""The Python twin of examples/breakglass.

Binary Authorization stays on for the service; the hotfix gets past it with a breakglass whose
justification names the incident, the reason and who approved it.
"""
import pulumi
import pulumi_gcp as gcp

JUSTIFICATION = "INC-4711: attestor outage blocks the checkout hotfix; approved by the on-call SRE lead"

checkout = gcp.cloudrunv2.Service(
    "checkout",
    location="us-central1",
    binary_authorization=gcp.cloudrunv2.ServiceBinaryAuthorizationArgs(
        use_default=True,
        breakglass_justification=JUSTIFICATION,
    ),
    template=gcp.cloudrunv2.ServiceTemplateArgs(
        containers=[
            gcp.cloudrunv2.ServiceTemplateContainerArgs(image="us-central1-docker.pkg.dev/acme-prod/apps/checkout:hotfix-1"),
        ],
    ),
)

pulumi.export("hotfix", checkout)
