"""A team's app as one component: its service enforces Binary Authorization, its migration job does not."""
import pulumi
import pulumi_gcp as gcp

registry = pulumi.Config("platform").require("registry")


class App(pulumi.ComponentResource):
    def __init__(self, name: str, tag: str, opts: pulumi.ResourceOptions | None = None):
        super().__init__("acme:platform:App", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        image = f"{registry}/{name}:{tag}"
        self.service = gcp.cloudrunv2.Service(
            f"{name}-web",
            location="us-central1",
            binary_authorization={"use_default": True},
            template={"containers": [{"image": image}]},
            opts=child,
        )
        gcp.cloudrunv2.Job(
            f"{name}-migrate",
            location="us-central1",
            template={"template": {"containers": [{"image": image, "commands": ["/app/migrate"]}]}},
            opts=child,
        )
        self.register_outputs({"uri": self.service.uri})


App("inventory", "v8")
