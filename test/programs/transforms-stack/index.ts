// A stack-wide transform switches Binary Authorization on for every Cloud Run service.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.registerResourceTransform((args: pulumi.ResourceTransformArgs) =>
    args.type === "gcp:cloudrunv2/service:Service"
        ? { props: { ...args.props, binaryAuthorization: { useDefault: true } }, opts: args.opts }
        : undefined,
);

new gcp.cloudrunv2.Service("api", {
    location: "us-central1",
    template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] },
});
