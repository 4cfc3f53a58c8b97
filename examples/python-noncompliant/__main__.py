"""The Python twin of examples/noncompliant: each mandatory policy of the pack fails exactly once."""
import pulumi
import pulumi_gcp as gcp

PROJECT = "acme-prod"
REGION = "us-central1"


def image(repository: str, name: str) -> str:
    """An Artifact Registry image of the project in REGION."""
    return f"{REGION}-docker.pkg.dev/{PROJECT}/{repository}/{name}"


# binauthz-allowlist-scoped: "gcr.io/**" lets every image of the registry through.
# binauthz-source-deploy-allowlist: nothing exempts gcf-artifacts, where the function below builds.
binauthz = gcp.binaryauthorization.Policy(
    "binauthz",
    project=PROJECT,
    admission_whitelist_patterns=[
        gcp.binaryauthorization.PolicyAdmissionWhitelistPatternArgs(name_pattern="gcr.io/**"),
    ],
    default_admission_rule=gcp.binaryauthorization.PolicyDefaultAdmissionRuleArgs(
        evaluation_mode="ALWAYS_DENY",
        enforcement_mode="ENFORCED_BLOCK_AND_AUDIT_LOG",
    ),
)

# cloud-run-binauthz-required: the service sets no binary_authorization at all.
api = gcp.cloudrunv2.Service(
    "api",
    location=REGION,
    template=gcp.cloudrunv2.ServiceTemplateArgs(
        containers=[gcp.cloudrunv2.ServiceTemplateContainerArgs(image=image("apps", "api:v1"))],
    ),
)

# cloud-run-breakglass-justified: "n/a" explains nothing.
batch = gcp.cloudrunv2.Job(
    "batch",
    location=REGION,
    binary_authorization=gcp.cloudrunv2.JobBinaryAuthorizationArgs(use_default=True, breakglass_justification="n/a"),
    template=gcp.cloudrunv2.JobTemplateArgs(
        template=gcp.cloudrunv2.JobTemplateTemplateArgs(
            containers=[gcp.cloudrunv2.JobTemplateTemplateContainerArgs(image=image("apps", "batch:v1"))],
        ),
    ),
)

source = gcp.storage.Bucket("source", location="US", uniform_bucket_level_access=True)

resize = gcp.cloudfunctionsv2.Function(
    "resize",
    location=REGION,
    build_config=gcp.cloudfunctionsv2.FunctionBuildConfigArgs(
        runtime="nodejs22",
        entry_point="resize",
        source=gcp.cloudfunctionsv2.FunctionBuildConfigSourceArgs(
            storage_source=gcp.cloudfunctionsv2.FunctionBuildConfigSourceStorageSourceArgs(
                bucket=source.name,
                object="resize.zip",
            ),
        ),
    ),
    service_config=gcp.cloudfunctionsv2.FunctionServiceConfigArgs(binary_authorization_policy="default"),
)

pulumi.export("policy", binauthz)
pulumi.export("api", api)
pulumi.export("batch", batch)
pulumi.export("fn", resize)
