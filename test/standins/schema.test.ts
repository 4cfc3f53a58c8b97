// The package schemas that the stand-in providers return from GetSchema: well-formed, carrying every
// resource type the pack reads and every property the examples set, and accepted by the real Pulumi
// CLI running a YAML program (pulumi-yaml resolves types, checks property names and types
// `${res.prop}` and `fn::invoke` against the schema it loads through GetSchema).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { generate } from "cloud-run-binauthz-tools/dist/engines/gcp/generateSchema";
import { type PackageName, schemaFor, schemaVersion } from "cloud-run-binauthz-tools/dist/engines/gcp/schema";
import { data as committedGcp } from "cloud-run-binauthz-tools/dist/engines/gcp/schemaData/gcp";

const ROOT = path.resolve(__dirname, "..", "..", "..");

interface Spec {
    type?: string;
    $ref?: string;
    items?: Spec;
    additionalProperties?: Spec;
    properties?: Record<string, Spec>;
    secret?: boolean;
}

interface Schema {
    name: string;
    version: string;
    resources: Record<string, { inputProperties: Record<string, Spec>; requiredInputs: string[]; properties: Record<string, Spec> }>;
    functions: Record<string, { inputs: { properties: Record<string, Spec> }; outputs: { properties: Record<string, Spec> } }>;
    types: Record<string, { properties: Record<string, Spec>; required: string[] }>;
}

function schema(pkg: PackageName): Schema {
    return JSON.parse(schemaFor(pkg)) as Schema;
}

/** Every resource token the pack's policies compare against (string literals in policies/). */
function tokensThePackReads(): string[] {
    const found = new Set<string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(file);
            else if (file.endsWith(".ts")) {
                for (const m of fs.readFileSync(file, "utf8").matchAll(/["'`](gcp:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+)["'`]/g))
                    found.add(m[1]);
            }
        }
    };
    walk(path.join(ROOT, "policies"));
    return [...found].sort();
}

/** `new gcp.<module>.<Class>(name, { ... })` calls in an example program, with their argument literals. */
function resourceCalls(file: string, text: string): { module: string; cls: string; args: ts.ObjectLiteralExpression }[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const calls: { module: string; cls: string; args: ts.ObjectLiteralExpression }[] = [];
    const visit = (node: ts.Node) => {
        if (ts.isNewExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
            const parts = node.expression.getText(source).split(".");
            const args = node.arguments?.[1];
            if (parts.length === 3 && parts[0] === "gcp" && args && ts.isObjectLiteralExpression(args)) {
                calls.push({ module: parts[1], cls: parts[2], args });
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return calls;
}

/** Property paths in an object literal that the schema does not declare, following nested object types. */
function undeclared(literal: ts.ObjectLiteralExpression, props: Record<string, Spec>, types: Schema["types"], at: string): string[] {
    const missing: string[] = [];
    for (const element of literal.properties) {
        if (!ts.isPropertyAssignment(element) && !ts.isShorthandPropertyAssignment(element)) continue;
        const name = element.name.getText();
        const spec = props[name];
        if (!spec) {
            missing.push(`${at}${name}`);
            continue;
        }
        if (!ts.isPropertyAssignment(element)) continue;
        missing.push(...undeclaredIn(element.initializer, spec, types, `${at}${name}`));
    }
    return missing;
}

function undeclaredIn(value: ts.Expression, spec: Spec, types: Schema["types"], at: string): string[] {
    if (ts.isArrayLiteralExpression(value) && spec.items) {
        return value.elements.flatMap((e, i) => undeclaredIn(e as ts.Expression, spec.items!, types, `${at}[${i}]`));
    }
    if (ts.isObjectLiteralExpression(value) && spec.$ref?.startsWith("#/types/")) {
        const type = types[spec.$ref.slice("#/types/".length)];
        return type ? undeclared(value, type.properties, types, `${at}.`) : [`${at} (dangling ${spec.$ref})`];
    }
    return [];
}

describe("stand-in package schemas", () => {
    it("are well-formed package schemas whose version is the installed SDK's (gcp) or the pinned release", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
            packages: Record<string, { version: string }>;
        };
        assert.equal(schemaVersion("gcp"), lock.packages["node_modules/@pulumi/gcp"].version);
        for (const pkg of ["gcp", "google-native", "command"] as const) {
            const s = schema(pkg);
            assert.equal(s.name, pkg);
            assert.equal(s.version, schemaVersion(pkg));
            // Every $ref resolves, so the loader's binder never meets a dangling type.
            const refs = [...schemaFor(pkg).matchAll(/"\$ref":"#\/types\/([^"]+)"/g)].map((m) => m[1]);
            assert.deepEqual(
                refs.filter((r) => !(r in s.types)),
                [],
            );
        }
    });

    it("gcp: the committed data is what the generator makes from the installed @pulumi/gcp", function () {
        this.timeout(60_000); // parses @pulumi/gcp's 13 MB of type declarations
        const fresh = generate("gcp", path.dirname(require.resolve("@pulumi/gcp/package.json", { paths: [ROOT] })));
        assert.ok(
            JSON.stringify(fresh) === JSON.stringify(committedGcp),
            "tools/engines/gcp/schemaData/gcp.ts is stale: run `npm run build && node tools/dist/engines/gcp/generateSchema.js gcp`",
        );
    });

    it("declare every resource type the pack reads, with the fields it reads", () => {
        const gcp = schema("gcp");
        const tokens = tokensThePackReads();
        assert.ok(tokens.length >= 10, `found only ${tokens.join(", ")}`);
        assert.deepEqual(
            tokens.filter((t) => !(t in gcp.resources)),
            [],
        );
        const binauthz = gcp.types["gcp:cloudrunv2/ServiceBinaryAuthorization:ServiceBinaryAuthorization"];
        assert.deepEqual(Object.keys(binauthz.properties).sort(), ["breakglassJustification", "policy", "useDefault"]);
        assert.deepEqual(binauthz.properties.useDefault, { type: "boolean" });
        assert.deepEqual(gcp.resources["gcp:cloudrunv2/service:Service"].inputProperties.binaryAuthorization, {
            $ref: "#/types/gcp:cloudrunv2/ServiceBinaryAuthorization:ServiceBinaryAuthorization",
        });
        assert.deepEqual(gcp.resources["gcp:cloudrunv2/service:Service"].requiredInputs, ["location", "template"]);
        assert.ok(gcp.functions["gcp:organizations/getProject:getProject"].outputs.properties.number);
        assert.ok(gcp.functions["gcp:organizations/getClientConfig:getClientConfig"].outputs.properties.project);
        // Secrets copied from the SDK: the real provider marks these, and pulumi-yaml passes them on.
        assert.equal(gcp.resources["gcp:storage/bucket:Bucket"].properties.effectiveLabels.secret, true);
        assert.equal(schema("command").resources["command:remote:Command"].inputProperties.connection.secret, true);
        const native = schema("google-native");
        for (const t of [
            "google-native:run/v2:Service",
            "google-native:run/v2:Job",
            "google-native:run/v1:Service",
            "google-native:cloudfunctions/v2:Function",
        ]) {
            assert.ok(native.resources[t], t);
        }
        assert.ok(schema("command").resources["command:local:Command"].inputProperties.create);
    });

    it("declare every property, nested ones included, that the example programs set", () => {
        const gcp = schema("gcp");
        const examples = fs
            .readdirSync(path.join(ROOT, "examples"))
            .filter((d) => fs.existsSync(path.join(ROOT, "examples", d, "index.ts")));
        assert.ok(examples.length >= 5);
        let checked = 0;
        for (const example of examples) {
            for (const call of resourceCalls(example, fs.readFileSync(path.join(ROOT, "examples", example, "index.ts"), "utf8"))) {
                const token = Object.keys(gcp.resources).find((t) => t.startsWith(`gcp:${call.module}/`) && t.endsWith(`:${call.cls}`));
                assert.ok(token, `${example}: gcp.${call.module}.${call.cls} is not in the schema`);
                assert.deepEqual(undeclared(call.args, gcp.resources[token].inputProperties, gcp.types, `${example} ${token} `), []);
                checked++;
            }
        }
        assert.ok(checked >= 8, `only ${checked} resources found in the examples`);
    });

    it("catches a misspelt nested property (the check above can fail)", () => {
        const gcp = schema("gcp");
        const [call] = resourceCalls("x.ts", `new gcp.cloudrunv2.Service("a", { binaryAuthorization: { useDefalt: true } });`);
        assert.deepEqual(undeclared(call.args, gcp.resources["gcp:cloudrunv2/service:Service"].inputProperties, gcp.types, ""), [
            "binaryAuthorization.useDefalt",
        ]);
    });
});
