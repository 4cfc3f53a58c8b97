"""The Python twin of examples/functions-v2.

A Cloud Functions (2nd gen) function that enforces the default Binary Authorization policy. Its
build pushes to REGION-docker.pkg.dev/PROJECT/gcf-artifacts, and the policy exempts exactly that.
"""
import pulumi
import pulumi_gcp as gcp

config = pulumi.Config("gcp")
project = config.require("project")
region = config.require("region")

binauthz = gcp.binaryauthorization.Policy(
    "binauthz",
    project=project,
    admission_whitelist_patterns=[{"name_pattern": f"{region}-docker.pkg.dev/{project}/gcf-artifacts/**"}],
    default_admission_rule={"evaluation_mode": "ALWAYS_DENY", "enforcement_mode": "ENFORCED_BLOCK_AND_AUDIT_LOG"},
)

source = gcp.storage.Bucket("source", location="US", uniform_bucket_level_access=True)

thumbnailer = gcp.cloudfunctionsv2.Function(
    "thumbnailer",
    location=region,
    build_config={
        "runtime": "nodejs22",
        "entry_point": "thumbnail",
        "source": {"storage_source": {"bucket": source.name, "object": "thumbnailer.zip"}},
    },
    service_config={
        "binary_authorization_policy": "default",
        "max_instance_count": 3,
        "available_memory": "256M",
    },
)

pulumi.export("policy", binauthz)
pulumi.export("fn", thumbnailer)
