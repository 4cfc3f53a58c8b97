import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

interface Workload {
    kind: "service" | "job";
    name: string;
    binauthz: boolean;
}
const config = new pulumi.Config();
const breakglass = config.getObject<Record<string, string>>("breakglass") ?? {};
const image = (name: string) => `us-central1-docker.pkg.dev/acme-prod/apps/${name}:2026.11.1`;

for (const w of config.requireObject<Workload[]>("workloads")) {
    const binaryAuthorization = w.binauthz
        ? { useDefault: true, ...(breakglass[w.name] ? { breakglassJustification: breakglass[w.name] } : {}) }
        : undefined;
    if (w.kind === "service") {
        new gcp.cloudrunv2.Service(w.name, {
            location: "us-central1",
            binaryAuthorization,
            template: { containers: [{ image: image(w.name) }] },
        });
    } else {
        new gcp.cloudrunv2.Job(w.name, {
            location: "us-central1",
            binaryAuthorization,
            template: { template: { containers: [{ image: image(w.name) }] } },
        });
    }
}
