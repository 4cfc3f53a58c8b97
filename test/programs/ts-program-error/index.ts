// A frequent real failure: services come from a structured config key, and a stack without it makes
// the program throw a TypeError deep in its own code. check reports that TypeError's line, never the
// host's "failed with an unhandled exception:" header with nothing after it, and no stack trace.
import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";

interface ServiceSpec {
    name: string;
    image: string;
}

const config = new pulumi.Config();
const services = config.getObject<ServiceSpec[]>("services");

for (const s of services!.map((x) => x)) {
    new gcp.cloudrunv2.Service(s.name, { location: "us-central1", template: { containers: [{ image: s.image }] } });
}
