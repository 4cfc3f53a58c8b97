"use strict";
const fs = require("node:fs");
const path = require("node:path");
const gcp = require("@pulumi/gcp");

const { services } = JSON.parse(fs.readFileSync(path.join(__dirname, "catalogue.json"), "utf8"));
if (services.length === 0) throw new Error("the service catalogue is empty: add services to catalogue.json");
for (const s of services) new gcp.cloudrunv2.Service(s, { location: "us-central1", template: { containers: [{ image: s }] } });
