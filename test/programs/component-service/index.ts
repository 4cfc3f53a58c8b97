import { WebService } from "./webService";

const checkout = new WebService("checkout", {
    image: "us-central1-docker.pkg.dev/acme-prod/apps/checkout@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
    enforce: true,
    public: true,
});
const admin = new WebService("admin", { image: "us-central1-docker.pkg.dev/acme-prod/apps/admin:v7", enforce: false });

export const urls = { checkout: checkout.uri, admin: admin.uri };
