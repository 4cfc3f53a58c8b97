// The legacy transformations option (applied by the SDK) switches Binary Authorization on.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const enableBinauthz = (args: pulumi.ResourceTransformationArgs) =>
    args.type === "gcp:cloudrunv2/service:Service"
        ? { props: { ...args.props, binaryAuthorization: { useDefault: true } }, opts: args.opts }
        : undefined;

new gcp.cloudrunv2.Service(
    "api",
    { location: "us-central1", template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] } },
    { transformations: [enableBinauthz] },
);
