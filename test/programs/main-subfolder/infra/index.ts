// The program lives in infra/ (Pulumi.yaml main:), the code it ships one level up.
import * as dockerBuild from "@pulumi/docker-build";
import * as gcp from "@pulumi/gcp";
import * as fs from "node:fs";
import * as path from "node:path";

const context = path.join(__dirname, "..", "services", "web");
if (!fs.existsSync(path.join(context, "Dockerfile"))) throw new Error(`no Dockerfile in ${context}`);

const image = new dockerBuild.Image("web", {
    tags: ["us-central1-docker.pkg.dev/acme-prod/apps/web:v5"],
    context: { location: context },
    push: true,
});

// The ref is unknown in a preview: were it known, this would run and the check would fail.
image.ref.apply((ref) => {
    throw new Error(`ref is known in a preview: ${JSON.stringify(ref)}`);
});

new gcp.cloudrunv2.Service("web", {
    location: "us-central1",
    template: { containers: [{ image: image.ref }] },
});
