// Binary Authorization is switched on by transforms: one on the resource, one on a component
// that its child inherits. The engine applies them.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const enableBinauthz = (args: pulumi.ResourceTransformArgs) =>
    args.type === "gcp:cloudrunv2/service:Service"
        ? { props: { ...args.props, binaryAuthorization: { useDefault: true } }, opts: args.opts }
        : undefined;

new gcp.cloudrunv2.Service(
    "api",
    { location: "us-central1", template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] } },
    { transforms: [enableBinauthz] },
);

class Team extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("acme:index:Team", name, {}, opts);
        new gcp.cloudrunv2.Service(
            `${name}-web`,
            { location: "us-central1", template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello" }] } },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
new Team("payments", { transforms: [enableBinauthz] });
