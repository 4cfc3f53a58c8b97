// The classic "public Cloud Run service" idiom: an IAM policy document from getIAMPolicy, set on the
// service. The binary-authorization annotation is set only if the policy data is exactly what the
// provider computes, so a check that echoed or guessed the invoke would fail this program.
import * as docker from "@pulumi/docker";
import * as gcp from "@pulumi/gcp";

const EXPECTED =
    '{"bindings":[{"members":["group:release@acme.example","serviceAccount:deployer@acme-prod.iam.gserviceaccount.com"],"role":"roles/run.developer"},' +
    '{"members":["allUsers"],"role":"roles/run.invoker"}]}';

export = async () => {
    const client = await gcp.organizations.getClientConfig({});
    const image = new docker.Image("web-image", {
        imageName: `us-central1-docker.pkg.dev/${client.project}/apps/web:v1`,
        build: { context: "./app" },
        registry: { server: "us-central1-docker.pkg.dev", username: "oauth2accesstoken", password: client.accessToken },
    });
    const policy = await gcp.organizations.getIAMPolicy({
        bindings: [
            { role: "roles/run.invoker", members: ["allUsers"] },
            { role: "roles/run.developer", members: ["serviceAccount:deployer@acme-prod.iam.gserviceaccount.com"] },
            { role: "roles/run.developer", members: ["group:release@acme.example"] },
        ],
    });
    const web = new gcp.cloudrun.Service("web", {
        location: client.region,
        metadata: policy.policyData === EXPECTED ? { annotations: { "run.googleapis.com/binary-authorization": "default" } } : undefined,
        template: { spec: { containers: [{ image: image.imageName }] } },
    });
    new gcp.cloudrun.IamPolicy("web-policy", { location: client.region, service: web.name, policyData: policy.policyData });
    return { policyId: policy.id };
};
