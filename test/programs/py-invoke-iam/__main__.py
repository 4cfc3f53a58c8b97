"""A public v1 service: its IAM policy document from get_iam_policy."""
import pulumi_gcp as gcp

project = gcp.organizations.get_project()
public = gcp.organizations.get_iam_policy(bindings=[{"role": "roles/run.invoker", "members": ["allUsers"]}])
svc = gcp.cloudrun.Service(
    "hello",
    location="us-central1",
    metadata={"annotations": {"run.googleapis.com/binary-authorization": "default"}},
    template={
        "spec": {
            "service_account_name": f"{project.number}-compute@developer.gserviceaccount.com",
            "containers": [{"image": "us-docker.pkg.dev/cloudrun/container/hello"}],
        }
    },
)
gcp.cloudrun.IamPolicy("hello-public", location="us-central1", service=svc.name, policy_data=public.policy_data)
