"""The Python twin of examples/compliant.

The service and the job both enforce the project's default Binary Authorization policy. That policy
exempts only cloud-run-source-deploy, the repository the team's `gcloud run deploy --source` builds
write to: the pre-built images of both live outside it, pinned by digest, and need an attestation from
the CI attestor.
"""
import pulumi
import pulumi_gcp as gcp

PROJECT = "acme-prod"
REGION = "us-central1"
REGISTRY = f"{REGION}-docker.pkg.dev/{PROJECT}"

binauthz = gcp.binaryauthorization.Policy(
    "binauthz",
    project=PROJECT,
    global_policy_evaluation_mode="ENABLE",
    admission_whitelist_patterns=[{"name_pattern": f"{REGISTRY}/cloud-run-source-deploy/**"}],
    default_admission_rule={
        "evaluation_mode": "REQUIRE_ATTESTATION",
        "enforcement_mode": "ENFORCED_BLOCK_AND_AUDIT_LOG",
        "require_attestations_bies": [f"projects/{PROJECT}/attestors/ci-build"],
    },
)

api = gcp.cloudrunv2.Service(
    "api",
    location=REGION,
    binary_authorization={"use_default": True},
    template={"containers": [{"image": f"{REGISTRY}/apps/api@sha256:{'b' * 64}"}]},
)

digest = "a" * 64
nightly = gcp.cloudrunv2.Job(
    "nightly",
    location=REGION,
    binary_authorization={"use_default": True},
    template={"template": {"containers": [{"image": f"{REGISTRY}/apps/nightly@sha256:{digest}"}]}},
)

pulumi.export("policy", binauthz)
pulumi.export("api", api)
pulumi.export("nightly", nightly)
