// The preview model of the GCP providers (tools/engines/gcp/outputs.ts) over its whole table:
// what Check returns and what Create(preview=true) predicts, for every type the pack reads.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    COVERED_TYPES,
    UNKNOWN,
    checkErrors,
    checkFailures,
    checkInputs,
    planProblems,
    predictOutputs,
    type ProviderSettings,
} from "cloud-run-binauthz-tools/dist/engines/gcp/outputs";
import { GCP_SCHEMAS, type FieldSpec, type Fields } from "cloud-run-binauthz-tools/dist/engines/gcp/schemas";
import { SECRET_SIG, SIG_KEY, makeSecret } from "cloud-run-binauthz-tools/dist/engines/gcp/wire";

const PROVIDER: ProviderSettings = { project: "acme-prod", region: "europe-west1" };
const CLOUD_RUN = "gcp:cloudrunv2/service:Service";

const BRIEF_TYPES = [
    "gcp:cloudrunv2/service:Service",
    "gcp:cloudrunv2/job:Job",
    "gcp:cloudrunv2/workerPool:WorkerPool",
    "gcp:cloudrun/service:Service",
    "gcp:cloudfunctionsv2/function:Function",
    "gcp:cloudfunctions/function:Function",
    "gcp:binaryauthorization/policy:Policy",
    "gcp:orgpolicy/policy:Policy",
    "gcp:orgpolicy/customConstraint:CustomConstraint",
    "gcp:organizations/policy:Policy",
    "gcp:folder/organizationPolicy:OrganizationPolicy",
    "gcp:projects/organizationPolicy:OrganizationPolicy",
    "gcp:firebase/appHostingBackend:AppHostingBackend",
    "gcp:firebase/appHostingBuild:AppHostingBuild",
    "gcp:clouddeploy/target:Target",
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    "google-native:run/v2:Service",
    "google-native:run/v2:Job",
    "google-native:run/v1:Service",
    "google-native:cloudfunctions/v2:Function",
    "command:local:Command",
    "command:remote:Command",
];

function flags(spec: FieldSpec): string {
    return typeof spec === "string" ? spec : spec[0];
}
const isComputed = (spec: FieldSpec) => /^(c|oc)(?![a-z])/.test(flags(spec));

/** An input with every nested block present once (objects `{}`, lists `[{}]`), nothing else set. */
function allBlocks(fields: Fields): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(fields)) {
        if (typeof spec === "string") continue;
        const inner = allBlocks(spec[1]);
        out[name] = flags(spec).includes("*") ? [inner] : inner;
    }
    return out;
}

/** Every (path, spec) of the table under blocks present in `allBlocks`. */
function leaves(fields: Fields, prefix: (string | number)[] = []): [(string | number)[], FieldSpec][] {
    const out: [(string | number)[], FieldSpec][] = [];
    for (const [name, spec] of Object.entries(fields)) {
        out.push([[...prefix, name], spec]);
        if (typeof spec !== "string") {
            const p = flags(spec).includes("*") ? [...prefix, name, 0] : [...prefix, name];
            out.push(...leaves(spec[1], p));
        }
    }
    return out;
}

function at(v: unknown, p: (string | number)[]): unknown {
    let x = v;
    for (const k of p) x = (x as Record<string | number, unknown>)?.[k];
    return x;
}

const HOOK_FILLED = new Set(["project", "region", "deletionPolicy", "pulumiLabels", "effectiveLabels", "effectiveAnnotations"]);

describe("GCP preview model: the table", () => {
    it("covers every type the pack reads", () => {
        for (const t of BRIEF_TYPES) assert.ok(COVERED_TYPES.includes(t), t);
    });

    it("names only fields @pulumi/gcp declares on the resource class", () => {
        const gcpDir = path.dirname(require.resolve("@pulumi/gcp/package.json"));
        for (const [type, schema] of Object.entries(GCP_SCHEMAS)) {
            const m = /^gcp:([^/]+)\/([^:]+):/.exec(type);
            assert.ok(m, type);
            const dts = fs.readFileSync(path.join(gcpDir, m[1], `${m[2]}.d.ts`), "utf8");
            for (const name of Object.keys(schema.fields)) {
                assert.match(dts, new RegExp(`readonly ${name}: pulumi\\.Output<`), `${type}.${name}`);
            }
        }
    });

    it("parses every flag string", () => {
        for (const [type, schema] of Object.entries(GCP_SCHEMAS)) {
            for (const [p, spec] of leaves(schema.fields)) {
                assert.match(flags(spec), /^(r|o|c|oc)([1*])?(=.+)?$/, `${type} ${p.join(".")}`);
            }
        }
    });
});

describe("GCP preview model: Create(preview=true)", () => {
    for (const [type, schema] of Object.entries(GCP_SCHEMAS)) {
        it(`${type}: every computed field the program left unset is unknown, every other one null, [] or its default`, () => {
            const inputs = allBlocks(schema.fields);
            const out = predictOutputs(type, inputs, PROVIDER);
            assert.equal(out.id, UNKNOWN);
            for (const [p, spec] of leaves(schema.fields)) {
                const v = at(out, p);
                const where = `${type} ${p.join(".")}`;
                if (HOOK_FILLED.has(String(p[p.length - 1])) && schema.plan.length > 0) continue;
                if (typeof spec !== "string") {
                    assert.notEqual(v, undefined, where);
                    continue;
                }
                const def = /=(.+)$/.exec(spec);
                if (isComputed(spec)) assert.equal(v, UNKNOWN, where);
                else if (def) assert.deepEqual(v, JSON.parse(def[1]), where);
                else assert.equal(v, null, where);
            }
        });

        it(`${type}: inputs the program set come back unchanged, unknowns and secrets included`, () => {
            const inputs: Record<string, unknown> = {};
            const names = Object.entries(schema.fields).filter(([, s]) => !/^c(?![a-z])/.test(flags(s)));
            names.forEach(([name], i) => {
                inputs[name] = i % 3 === 0 ? UNKNOWN : i % 3 === 1 ? makeSecret(`v${i}`) : `v${i}`;
            });
            const out = predictOutputs(type, inputs, PROVIDER);
            for (const [name] of names) assert.deepEqual(out[name], inputs[name], `${type}.${name}`);
        });
    }

    it("a v2 service: uri, uid, etag, conditions, terminalConditions unknown; project from the provider; labels merged", () => {
        const out = predictOutputs(
            CLOUD_RUN,
            { location: "us-central1", name: "api", labels: { team: "a" }, template: { containers: [{ image: "img" }] } },
            { ...PROVIDER, defaultLabels: { env: "prod", team: "x" } },
        );
        for (const k of ["uri", "uid", "etag", "conditions", "terminalConditions", "latestReadyRevision", "urls"]) {
            assert.equal(out[k], UNKNOWN, k);
        }
        assert.equal(out.project, "acme-prod");
        assert.equal(out.deletionPolicy, "DELETE");
        const labels = { env: "prod", "goog-pulumi-provisioned": "true", team: "a" };
        assert.deepEqual(out.pulumiLabels, labels);
        assert.deepEqual(out.effectiveLabels, labels);
        assert.deepEqual(out.effectiveAnnotations, {});
        assert.equal(out.binaryAuthorization, null);
        assert.equal(at(out, ["template", "serviceAccount"]), UNKNOWN);
        assert.equal(at(out, ["template", "containers", 0, "image"]), "img");
        assert.equal(at(out, ["template", "containers", 0, "resources"]), UNKNOWN);
        assert.deepEqual(at(out, ["template", "volumes"]), []);
    });

    it("project stays unknown without a provider project, and the plan reports the real provider's error", () => {
        const inputs = { location: "us-central1", name: "api", template: {} };
        assert.equal(predictOutputs(CLOUD_RUN, inputs, {}).project, UNKNOWN);
        assert.deepEqual(planProblems(CLOUD_RUN, inputs, {}), [
            "Failed to retrieve project, pid: , err: project: required field is not set",
        ]);
        assert.deepEqual(planProblems(CLOUD_RUN, { ...inputs, project: "p" }, {}), []);
        assert.deepEqual(planProblems(CLOUD_RUN, { ...inputs, project: UNKNOWN }, {}), []);
        assert.equal(predictOutputs(CLOUD_RUN, { ...inputs, project: UNKNOWN }, PROVIDER).project, UNKNOWN);
        // Resources without DefaultProviderProject leave project to the API: unknown.
        assert.equal(predictOutputs("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", { name: "api" }, PROVIDER).project, UNKNOWN);
        assert.deepEqual(planProblems("gcp:orgpolicy/policy:Policy", { name: "n", parent: "p" }, {}), []);
    });

    it("a gen-1 function's region comes from the provider (DefaultProviderRegion)", () => {
        const t = "gcp:cloudfunctions/function:Function";
        assert.equal(predictOutputs(t, { name: "f", runtime: "go122" }, PROVIDER).region, "europe-west1");
        assert.deepEqual(planProblems(t, { name: "f", runtime: "go122" }, { project: "p" }), [
            "Failed to retrieve region, pid: , err: region: required field is not set",
        ]);
    });

    it("a function's buildConfig.dockerRepository and serviceConfig.uri are unknown unless set", () => {
        const t = "gcp:cloudfunctionsv2/function:Function";
        const out = predictOutputs(
            t,
            { name: "f", location: "us-central1", buildConfig: { runtime: "go122" }, serviceConfig: {} },
            PROVIDER,
        );
        assert.equal(at(out, ["buildConfig", "dockerRepository"]), UNKNOWN);
        assert.equal(at(out, ["serviceConfig", "uri"]), UNKNOWN);
        assert.equal(at(out, ["serviceConfig", "binaryAuthorizationPolicy"]), null);
        assert.equal(at(out, ["serviceConfig", "ingressSettings"]), "ALLOW_ALL");
        const repo = "projects/p/locations/us-central1/repositories/r";
        const set = predictOutputs(t, { name: "f", location: "us-central1", buildConfig: { dockerRepository: repo } }, PROVIDER);
        assert.equal(at(set, ["buildConfig", "dockerRepository"]), repo);
        assert.equal(set.serviceConfig, null);
    });

    it("labels with an unknown make pulumiLabels and effectiveLabels unknown; secret labels stay secret", () => {
        const unknown = predictOutputs(CLOUD_RUN, { labels: { a: UNKNOWN } }, PROVIDER);
        assert.equal(unknown.pulumiLabels, UNKNOWN);
        assert.equal(unknown.effectiveLabels, UNKNOWN);
        const secret = predictOutputs(CLOUD_RUN, { labels: makeSecret({ a: "b" }) }, { ...PROVIDER, addPulumiAttributionLabel: false });
        assert.deepEqual(secret.pulumiLabels, makeSecret({ a: "b" }));
    });

    it("a secret block is looked into and stays secret", () => {
        const out = predictOutputs(CLOUD_RUN, { binaryAuthorization: makeSecret({ useDefault: true }) }, PROVIDER);
        assert.deepEqual(out.binaryAuthorization, {
            [SIG_KEY]: SECRET_SIG,
            value: { useDefault: true, breakglassJustification: null, policy: null },
        });
    });

    it("cloudrun v1: metadata unknown when unset; its labels and annotations filled when set", () => {
        const t = "gcp:cloudrun/service:Service";
        assert.equal(predictOutputs(t, { name: "s", location: "l" }, PROVIDER).metadata, UNKNOWN);
        const ann = { "run.googleapis.com/binary-authorization": "default" };
        const out = predictOutputs(t, { name: "s", location: "l", metadata: { annotations: ann, labels: { a: "b" } } }, PROVIDER);
        assert.deepEqual(at(out, ["metadata", "annotations"]), ann);
        assert.deepEqual(at(out, ["metadata", "effectiveAnnotations"]), ann);
        assert.deepEqual(at(out, ["metadata", "pulumiLabels"]), { "goog-pulumi-provisioned": "true", a: "b" });
        assert.equal(at(out, ["metadata", "uid"]), UNKNOWN);
        assert.equal(at(out, ["metadata", "namespace"]), UNKNOWN);
        assert.equal(out.statuses, UNKNOWN);
    });

    it("drops the bridge's __defaults bookkeeping from outputs", () => {
        const out = predictOutputs(CLOUD_RUN, { __defaults: ["name"], name: "x", template: { __defaults: [] } }, PROVIDER);
        assert.equal(out.__defaults, undefined);
        assert.equal(at(out, ["template", "__defaults"]), undefined);
    });

    it("google-native: outputs are the checked inputs (the provider does not preview)", () => {
        const inputs = { location: "us-central1", project: "p", serviceId: "s", binaryAuthorization: { useDefault: true } };
        assert.deepEqual(predictOutputs("google-native:run/v2:Service", inputs, PROVIDER), inputs);
    });

    it("command: stdout and stderr are unknown", () => {
        const out = predictOutputs("command:local:Command", { create: "echo hi" });
        assert.deepEqual(out, { create: "echo hi", stdout: UNKNOWN, stderr: UNKNOWN });
    });

    it("an unknown type gets its inputs and an unknown id", () => {
        assert.deepEqual(predictOutputs("gcp:storage/bucket:Bucket", { name: "b", __defaults: [] }), { name: "b", id: UNKNOWN });
    });
});

describe("GCP preview model: Check", () => {
    it("autonames `name` the way pulumi-gcp configures it, lists it under __defaults, and applies non-falsy defaults", () => {
        const long = `Svc-${"A".repeat(38)}`; // 42 characters: with "-" and 7 random ones, exactly 50
        const v2 = checkInputs(CLOUD_RUN, { location: "l" }, { name: long, randomSeed: "seed" });
        assert.match(v2.name as string, /^svc-a{38}-[0-9a-f]{7}$/);
        assert.equal((v2.name as string).length, 50);
        assert.deepEqual(checkErrors(CLOUD_RUN, { location: "l" }, { name: long }), []);
        assert.deepEqual(v2.__defaults, ["deletionProtection", "name"]);
        assert.equal(v2.deletionProtection, true);
        // One character more and resource.NewUniqueName fails, as the bridge's Check does.
        assert.deepEqual(checkErrors(CLOUD_RUN, {}, { name: `${long}x` }), [
            `name 'svc-${"a".repeat(38)}x-' plus 7 random chars is longer than maximum length 50`,
        ]);
        assert.equal(checkInputs(CLOUD_RUN, {}, { name: `${long}x` }).name, undefined);
        assert.deepEqual(checkErrors(CLOUD_RUN, { name: "given" }, { name: `${long}x` }), []);
        const again = checkInputs(CLOUD_RUN, { location: "l" }, { name: long, randomSeed: "seed" });
        assert.equal(again.name, v2.name, "same seed, same name");
        const job = checkInputs("gcp:cloudrunv2/job:Job", { location: "l" }, { name: "Nightly", randomSeed: "s" });
        assert.match(job.name as string, /^Nightly-[0-9a-f]{7}$/);
        // A falsy default (cloudrun v1 autogenerateRevisionName=false) is not written at Check.
        const v1 = checkInputs("gcp:cloudrun/service:Service", { location: "l", name: "given" }, { name: "x" });
        assert.equal(v1.autogenerateRevisionName, undefined);
        assert.equal(v1.name, "given");
        // No name field, no autoname.
        assert.equal(checkInputs("gcp:binaryauthorization/policy:Policy", {}, { name: "p" }).name, undefined);
    });

    it("drops nulls and keeps unknowns and secrets", () => {
        const secret = makeSecret("INC-1: reason");
        const out = checkInputs(
            CLOUD_RUN,
            { name: "a", description: null, binaryAuthorization: { useDefault: UNKNOWN, breakglassJustification: secret, policy: null } },
            { name: "a" },
        );
        assert.equal("description" in out, false);
        assert.deepEqual(out.binaryAuthorization, { useDefault: UNKNOWN, breakglassJustification: secret, __defaults: [] });
    });

    it("reports missing required properties as the bridge does, at the top and inside the blocks a program sets", () => {
        const checked = checkInputs(CLOUD_RUN, { template: { containers: [{ name: "app" }] } }, { name: "api" });
        assert.deepEqual(checkFailures(CLOUD_RUN, checked, PROVIDER), [
            "Missing required property 'location'",
            "Missing required property 'template.containers[0].image'",
        ]);
        const ok = checkInputs(CLOUD_RUN, { location: UNKNOWN, template: makeSecret({ containers: [{ image: "i" }] }) }, { name: "api" });
        assert.deepEqual(checkFailures(CLOUD_RUN, ok, PROVIDER), [], "unknowns and secrets count as set");
        for (const [type, schema] of Object.entries(GCP_SCHEMAS)) {
            const required = Object.entries(schema.fields)
                .filter(([name, spec]) => flags(spec).startsWith("r") && name !== "name")
                .map(([name]) => `Missing required property '${name}'`);
            assert.deepEqual(checkFailures(type, checkInputs(type, {}, { name: "x" }), PROVIDER), required, type);
        }
    });

    it("google-native fills project and location from config, and fails like the real provider without them", () => {
        const t = "google-native:run/v2:Service";
        assert.deepEqual(checkInputs(t, { serviceId: "s" }, { name: "s", provider: PROVIDER }), {
            serviceId: "s",
            project: "acme-prod",
            location: "europe-west1",
        });
        assert.deepEqual(checkFailures(t, { serviceId: "s" }, {}), [
            "missing required property 'project'. Either set it explicitly or configure it with 'pulumi config set google-native:project <value>'.",
            "missing required property 'location'. Either set it explicitly or configure it with 'pulumi config set google-native:region <value>'.",
        ]);
        assert.deepEqual(checkFailures(t, { project: "p", location: "l" }, {}), []);
    });
});
