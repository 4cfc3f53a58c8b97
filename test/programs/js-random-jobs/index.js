// CommonJS with module.exports, as older templates write it: the jobs' Cloud Run names are random.
"use strict";
const gcp = require("@pulumi/gcp");
const random = require("@pulumi/random");

const jobs = [
    { key: "reindex", binauthz: true },
    { key: "backfill", binauthz: false },
];
const created = jobs.map(({ key, binauthz }) => {
    const pet = new random.RandomPet(`${key}-name`, { length: 2, prefix: key });
    return new gcp.cloudrunv2.Job(key, {
        name: pet.id,
        location: "us-central1",
        binaryAuthorization: binauthz ? { useDefault: true } : undefined,
        template: { template: { containers: [{ image: `us-central1-docker.pkg.dev/acme-prod/batch/${key}:v3` }] } },
    });
});

module.exports = { jobNames: created.map((j) => j.name) };
