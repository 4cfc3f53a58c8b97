import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface WebServiceArgs {
    image: pulumi.Input<string>;
    /** Whether the service enforces Binary Authorization (teams opt out at their peril). */
    enforce: boolean;
    public?: boolean;
}

/** A Cloud Run service with its invoker binding, as a team's platform library might offer it. */
export class WebService extends pulumi.ComponentResource {
    readonly uri: pulumi.Output<string>;

    constructor(name: string, args: WebServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("acme:platform:WebService", name, {}, opts);
        const service = new gcp.cloudrunv2.Service(
            `${name}-svc`,
            {
                location: "us-central1",
                ingress: "INGRESS_TRAFFIC_ALL",
                binaryAuthorization: args.enforce ? { useDefault: true } : undefined,
                template: { containers: [{ image: args.image, ports: { containerPort: 8080 } }] },
            },
            { parent: this },
        );
        if (args.public) {
            new gcp.cloudrunv2.ServiceIamMember(
                `${name}-invoker`,
                { name: service.name, location: "us-central1", role: "roles/run.invoker", member: "allUsers" },
                { parent: this },
            );
        }
        this.uri = service.uri;
        this.registerOutputs({ uri: this.uri });
    }
}
