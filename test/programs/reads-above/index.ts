// Monorepo shape: the service catalogue and the naming helper sit beside the program, not in it.
import * as gcp from "@pulumi/gcp";
import * as fs from "node:fs";
import * as path from "node:path";
import { serviceName } from "../_shared/naming";

interface Catalogue {
    team: string;
    services: { name: string; image: string; binauthz: boolean }[];
}
const catalogue = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "_shared", "services.json"), "utf8")) as Catalogue;

for (const s of catalogue.services) {
    new gcp.cloudrunv2.Service(serviceName(catalogue.team, s.name), {
        location: "us-central1",
        binaryAuthorization: s.binauthz ? { useDefault: true } : undefined,
        template: { containers: [{ image: s.image }] },
    });
}
