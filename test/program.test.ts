// What both engines share when they read a program as the CLI would (tools/engines/program/ and
// tools/engines/gcp/invokes.ts): which stack, its secrets, StackReference outputs, the packages a
// program needs, the invokes answered offline, and how an error becomes one line.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { answerInvoke, goJsonString } from "cloud-run-binauthz-tools/dist/engines/gcp/invokes";
import { chooseStack } from "cloud-run-binauthz-tools/dist/engines/program/stack";
import {
    decryptValue,
    passphraseKey,
    readPassphrase,
    sourcesMention,
    stackSecrets,
    undecryptableRefusal,
} from "cloud-run-binauthz-tools/dist/engines/program/secrets";
import { findStackOutputs, readStackOutputs, stackReferenceRefusal } from "cloud-run-binauthz-tools/dist/engines/program/stackOutputs";
import {
    byName,
    nodePackages,
    pep440ToSemver,
    pythonPackages,
    tokenPackage,
    yamlPackages,
} from "cloud-run-binauthz-tools/dist/engines/program/packages";
import { firstMeaningfulLine, pipInstallRefusal } from "cloud-run-binauthz-tools/dist/engines/program/errors";
import { previewFailure } from "cloud-run-binauthz-tools/dist/engines/pulumi/run";
import { rewrittenReferences, STACK_REFERENCES_VAR } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins/stackReferences";
import { fileBackendStackName } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";
import { stackReferences } from "cloud-run-binauthz-tools/dist/engines/pulumi/run";
import { passphraseCrypter } from "./crypter";

describe("the stack a check reads (both engines)", () => {
    let tmp: string;
    beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-choice-"))));
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("no stack file: the stack with empty config; the default stack beside others' files is ambiguous", () => {
        assert.deepEqual(chooseStack(tmp, undefined, undefined), { stack: "dev" });
        assert.deepEqual(chooseStack(tmp, undefined, "qa"), { stack: "qa" });
        fs.writeFileSync(path.join(tmp, "Pulumi.prod.yaml"), "config: {}\n");
        const r = chooseStack(tmp, undefined, undefined);
        assert.ok(
            "refusal" in r &&
                /no Pulumi\.dev\.yaml for the default stack "dev", but has stack files for "prod"; name the stack to check with --stack NAME/.test(
                    r.refusal,
                ),
        );
        assert.deepEqual(chooseStack(tmp, undefined, "qa"), { stack: "qa" }, "a named stack is never ambiguous");
        assert.deepEqual(chooseStack(tmp, undefined, "prod"), { stack: "prod", file: path.join(tmp, "Pulumi.prod.yaml") });
        fs.mkdirSync(path.join(tmp, "stacks"));
        fs.writeFileSync(path.join(tmp, "stacks", "Pulumi.dev.yaml"), "config: {}\n");
        assert.deepEqual(chooseStack(tmp, "stacks", undefined), { stack: "dev", file: path.join(tmp, "stacks", "Pulumi.dev.yaml") });
    });
});

describe("stack secrets, as Pulumi's secrets managers read them (both engines)", function () {
    this.timeout(60_000);
    const crypter = passphraseCrypter("correct horse");

    it("the right passphrase decrypts (PULUMI_CONFIG_PASSPHRASE, or the trimmed contents of PULUMI_CONFIG_PASSPHRASE_FILE)", () => {
        const doc = { encryptionsalt: crypter.salt, config: { "p:pw": { secure: crypter.encrypt("s3cret") } } };
        const s = stackSecrets(doc, { PULUMI_CONFIG_PASSPHRASE: "correct horse" });
        assert.ok(s.decrypt);
        assert.equal(s.passphrase, "correct horse");
        assert.deepEqual(decryptValue({ a: [{ secure: crypter.encrypt("x") }], b: 1 }, s.decrypt), { a: ["x"], b: 1 });
        const file = path.join(os.tmpdir(), `pp-${process.pid}`);
        fs.writeFileSync(file, "  correct horse\n");
        try {
            assert.equal(readPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: file }).passphrase, "correct horse");
            assert.ok(stackSecrets(doc, { PULUMI_CONFIG_PASSPHRASE_FILE: file }).decrypt);
            // PULUMI_CONFIG_PASSPHRASE wins when set, even empty.
            assert.equal(readPassphrase({ PULUMI_CONFIG_PASSPHRASE: "", PULUMI_CONFIG_PASSPHRASE_FILE: file }).passphrase, "");
        } finally {
            fs.rmSync(file);
        }
    });

    it("unset, wrong, KMS and Pulumi Cloud: why, and the one line that names the variable or --config", () => {
        const doc = { encryptionsalt: crypter.salt };
        const unset = stackSecrets(doc, {});
        assert.equal(unset.decrypt, undefined);
        assert.equal(
            undecryptableRefusal("p:pw", "/x/Pulumi.dev.yaml", unset),
            "the program reads 'p:pw', a secret in Pulumi.dev.yaml that cannot be decrypted (PULUMI_CONFIG_PASSPHRASE is not set (nor PULUMI_CONFIG_PASSPHRASE_FILE)); set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack's passphrase, or pass the value with --config p:pw=VALUE (it stays a secret)",
        );
        assert.equal(passphraseKey(crypter.salt, "wrong"), undefined);
        const wrong = stackSecrets(doc, { PULUMI_CONFIG_PASSPHRASE: "wrong" });
        assert.match(
            undecryptableRefusal("p:pw", "Pulumi.dev.yaml", wrong),
            /\(PULUMI_CONFIG_PASSPHRASE is not this stack's passphrase\); set PULUMI_CONFIG_PASSPHRASE/,
        );
        const kms = stackSecrets(
            { secretsprovider: "gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k", encryptedkey: "abc" },
            { PULUMI_CONFIG_PASSPHRASE: "x" },
        );
        assert.equal(
            undecryptableRefusal("p:pw", "Pulumi.dev.yaml", kms),
            "the program reads 'p:pw', a secret in Pulumi.dev.yaml that cannot be decrypted (its secrets provider gcpkms:// needs the cloud); pass the value with --config p:pw=VALUE (it stays a secret)",
        );
        const cloud = stackSecrets({ config: {} }, { PULUMI_CONFIG_PASSPHRASE: "x" });
        assert.match(undecryptableRefusal("p:pw", "Pulumi.dev.yaml", cloud), /\(Pulumi Cloud encrypted it/);
    });

    it("whether a program's sources name a key: quoted bare or full name, ${name} in YAML", () => {
        const ts = [{ file: "index.ts", text: 'const c = new pulumi.Config();\nc.requireSecret("dbPassword");\n// apiKey in a comment\n' }];
        assert.ok(sourcesMention(ts, "p:dbPassword"));
        assert.ok(!sourcesMention(ts, "p:apiKey"), "a comment is not a read");
        assert.ok(sourcesMention([{ file: "m.py", text: "cfg.get_secret('apiKey')" }], "p:apiKey"));
        assert.ok(sourcesMention([{ file: "Pulumi.yaml", text: "value: ${token}\n" }], "p:token"));
        assert.ok(!sourcesMention([{ file: "Pulumi.yaml", text: "value: ${tokens}\n" }], "p:token"));
    });
});

describe("--stack-outputs for StackReferences (both engines)", () => {
    let tmp: string;
    beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-outputs-"))));
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("reads ORG/PROJECT/STACK=FILE, refuses a file with hidden secrets, and matches names as a backend resolves them", () => {
        const file = path.join(tmp, "net.json");
        fs.writeFileSync(file, JSON.stringify({ vpc: "v", db: { name: "d" } }));
        const entries = readStackOutputs([`acme/network/prod=${file}`, `acme/app/prod=${file}`]);
        assert.deepEqual(entries[0], {
            name: "acme/network/prod",
            org: "acme",
            project: "network",
            stack: "prod",
            outputs: { vpc: "v", db: { name: "d" } },
        });
        assert.equal(findStackOutputs("acme/network/prod", "app", entries)?.name, "acme/network/prod");
        assert.equal(findStackOutputs("acme/prod", "app", entries)?.name, "acme/app/prod");
        assert.equal(findStackOutputs("prod", "app", entries)?.name, "acme/app/prod");
        assert.equal(findStackOutputs("other/network/prod", "app", entries), undefined);
        assert.throws(() => readStackOutputs(["network/prod=x"]), /takes ORG\/PROJECT\/STACK=FILE/);
        fs.writeFileSync(file, JSON.stringify({ pw: "[secret]" }));
        assert.throws(() => readStackOutputs([`acme/network/prod=${file}`]), /hides the secret output 'pw'/);
        fs.writeFileSync(file, "{}");
        assert.throws(() => readStackOutputs([`a/network/prod=${file}`, `b/network/prod=${file}`]), /name the same project and stack/);
        assert.equal(
            stackReferenceRefusal("acme/network/prod", "app"),
            'the program reads the outputs of stack "acme/network/prod" through a StackReference, which needs the Pulumi backend; pass them with --stack-outputs acme/network/prod=FILE (FILE from `pulumi stack output --json --show-secrets --stack acme/network/prod`)',
        );
    });

    it("a given stack is stored and read under the name each generation's file backend takes; only given names are rewritten", () => {
        assert.equal(fileBackendStackName("network", "prod", "project-scoped"), "organization/network/prod");
        assert.equal(fileBackendStackName("network", "prod", "plain"), "network.prod");
        const env = { [STACK_REFERENCES_VAR]: JSON.stringify({ "acme/network/prod": "organization/network/prod", same: "same", bad: 1 }) };
        assert.deepEqual([...rewrittenReferences(env)], [["acme/network/prod", "organization/network/prod"]]);
        assert.deepEqual([...rewrittenReferences({ [STACK_REFERENCES_VAR]: '["acme/network/prod"]' })], []);
        assert.deepEqual([...rewrittenReferences({ [STACK_REFERENCES_VAR]: "{" })], []);
    });

    it("each generation rewrites a given stack's full name, and in the program's own project its short forms, to its file-backend name", () => {
        const entry = (name: string) => {
            const [org, project, stack] = name.split("/");
            return { name, org, project, stack, outputs: {} };
        };
        const entries = [entry("acme/app/prod"), entry("acme/network/prod"), entry("organization/images/prod")];
        assert.deepEqual(stackReferences(entries, { generation: "v3.60.0" }, "app").rewritten, {
            "acme/app/prod": "app.prod",
            "acme/prod": "app.prod",
            prod: "app.prod",
            "acme/network/prod": "network.prod",
            "organization/images/prod": "images.prod",
        });
        assert.deepEqual(stackReferences(entries, { generation: "v3.274.1" }, "app").rewritten, {
            "acme/app/prod": "organization/app/prod",
            "acme/prod": "organization/app/prod",
            prod: "organization/app/prod",
            "acme/network/prod": "organization/network/prod",
        });
        const checkpoints = stackReferences(entries, { generation: "v3.60.0" }, "app").checkpoints;
        assert.deepEqual(
            checkpoints.map((c) => c.names),
            ["plain", "plain", "plain"],
        );
    });
});

describe("the packages a program needs (generic stand-ins)", () => {
    let tmp: string;
    beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "packages-"))));
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const write = (f: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
        fs.writeFileSync(path.join(tmp, f), text);
    };

    it("Node.js: resource packages in node_modules of the program's directory and above, named as the host names them", () => {
        write(
            "node_modules/@pulumi/docker/package.json",
            JSON.stringify({ name: "@pulumi/docker", version: "4.11.2", pulumi: { resource: true, name: "docker" } }),
        );
        write(
            "node_modules/@pulumi/synced-folder/package.json",
            JSON.stringify({ name: "@pulumi/synced-folder", version: "0.12.4", pulumi: { resource: true } }),
        );
        write("node_modules/left-pad/package.json", JSON.stringify({ name: "left-pad", version: "1.0.0" }));
        write(
            "app/node_modules/@pulumi/random/package.json",
            JSON.stringify({ name: "@pulumi/random", version: "4.21.2", pulumi: { resource: true, name: "random", version: "4.21.2" } }),
        );
        const found = byName(nodePackages(path.join(tmp, "app"))).map((p) => `${p.name}@${p.version}`);
        assert.deepEqual(found, ["docker@4.11.2", "random@4.21.2", "synced-folder@0.12.4"]);
    });

    it("Python: pulumi-plugin.json beside an installed package, else a pulumi- name; the SDK and pulumi-policy skipped", () => {
        const site = "venv/lib/python3.11/site-packages";
        const dist = (name: string, version: string) =>
            write(`${site}/${name}-${version}.dist-info/METADATA`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
        dist("pulumi", "3.200.0");
        dist("pulumi_policy", "1.13.0");
        dist("pulumi_docker_build", "0.0.22");
        write(
            `${site}/pulumi_docker_build/pulumi-plugin.json`,
            JSON.stringify({ resource: true, name: "docker-build", version: "0.0.22" }),
        );
        dist("pulumi_random", "4.16.0rc1");
        dist("pulumi_gcp", "9.1.0");
        write(`${site}/pulumi_gcp/pulumi-plugin.json`, JSON.stringify({ resource: true, name: "gcp" }));
        dist("pulumi_helpers", "1.0.0");
        write(`${site}/pulumi_helpers/pulumi-plugin.json`, JSON.stringify({ resource: false }));
        dist("requests", "2.0.0");
        const found = pythonPackages(path.join(tmp, site)).map((p) => `${p.name}@${p.version}`);
        assert.deepEqual(found, ["docker-build@0.0.22", "gcp@9.1.0", "random@4.16.0-rc.1"]);
        assert.equal(pep440ToSemver("1.2"), "1.2.0");
        assert.equal(pep440ToSemver("1.2.3a4"), "1.2.3-alpha.4");
        assert.equal(pep440ToSemver("1.2.3.post1.dev2"), "1.2.3+post1.dev2");
        assert.equal(pep440ToSemver("not a version"), undefined);
        assert.equal(
            pipInstallRefusal("prog", "pulumi_docker", "venv"),
            "the program in prog cannot import 'pulumi_docker': its dependencies are not installed; run `python3 -m venv prog/venv && prog/venv/bin/pip install -r prog/requirements.txt`",
        );
    });

    it("YAML: the package of each resource type and function, with the version packages: or options.version gives", () => {
        write(
            "Pulumi.yaml",
            [
                "name: y",
                "runtime: yaml",
                "packages:",
                "  random: random@4.21.2",
                "resources:",
                "  img:",
                "    type: docker-build:Image",
                "    options:",
                "      version: v0.0.22",
                "  name:",
                "    type: random:RandomString",
                "  p:",
                "    type: pulumi:providers:docker",
                "  ref:",
                "    type: pulumi:pulumi:StackReference",
                "variables:",
                "  policy:",
                "    fn::invoke:",
                "      function: gcp:organizations:getIAMPolicy",
                "      arguments: {}",
                "",
            ].join("\n"),
        );
        const found = byName(yamlPackages([path.join(tmp, "Pulumi.yaml")])).map((p) => `${p.name}@${p.version ?? ""}`);
        assert.deepEqual(found, ["docker@", "docker-build@0.0.22", "gcp@", "random@4.21.2"]);
        assert.equal(tokenPackage("pulumi:pulumi:StackReference"), undefined);
        assert.equal(tokenPackage("pulumi:providers:gcp"), "gcp");
    });
});

describe("getIAMPolicy, computed as the provider computes it (both engines)", () => {
    const policy = (args: Record<string, unknown>) => {
        const a = answerInvoke("gcp:organizations/getIAMPolicy:getIAMPolicy", args, {});
        assert.ok(a.ok, JSON.stringify(a));
        return a.result as { policyData: string; id: string };
    };

    it("the allUsers invoker idiom: policyData exactly, id the CRC-32 of it", () => {
        const p = policy({ bindings: [{ role: "roles/run.invoker", members: ["allUsers"] }] });
        assert.equal(p.policyData, '{"bindings":[{"members":["allUsers"],"role":"roles/run.invoker"}]}');
        assert.equal(p.id, String(crc32(p.policyData)));
        assert.equal(policy({}).policyData, "{}");
    });

    it("blocks with one role and condition merge; bindings sort by role, unconditioned first; members sort; Go escapes < > &", () => {
        const p = policy({
            bindings: [
                { role: "roles/viewer", members: ["user:b@x.com", "user:a@x.com", "user:a@x.com"] },
                {
                    role: "roles/run.invoker",
                    members: ["serviceAccount:z@p.iam.gserviceaccount.com"],
                    condition: { title: "t", expression: 'request.time < timestamp("2030-01-01T00:00:00Z")' },
                },
                { role: "roles/run.invoker", members: ["allUsers"] },
                { role: "roles/viewer", members: ["group:g@x.com"] },
            ],
        });
        assert.equal(
            p.policyData,
            '{"bindings":[{"members":["allUsers"],"role":"roles/run.invoker"},' +
                '{"condition":{"expression":"request.time \\u003c timestamp(\\"2030-01-01T00:00:00Z\\")","title":"t"},"members":["serviceAccount:z@p.iam.gserviceaccount.com"],"role":"roles/run.invoker"},' +
                '{"members":["group:g@x.com","user:a@x.com","user:b@x.com"],"role":"roles/viewer"}]}',
        );
        assert.equal(goJsonString("a&b>c\u2028"), '"a\\u0026b\\u003ec\\u2028"');
    });

    it("one audit config is exact; several, and deleted principals, are refused as the provider would not (or could not) answer", () => {
        const p = policy({
            auditConfigs: [{ service: "allServices", auditLogConfigs: [{ logType: "DATA_READ", exemptedMembers: ["user:a@x.com"] }] }],
        });
        assert.equal(
            p.policyData,
            '{"auditConfigs":[{"auditLogConfigs":[{"exemptedMembers":["user:a@x.com"],"logType":"DATA_READ"}],"service":"allServices"}]}',
        );
        const two = answerInvoke(
            "gcp:organizations/getIAMPolicy:getIAMPolicy",
            {
                auditConfigs: [
                    { service: "a", auditLogConfigs: [] },
                    { service: "b", auditLogConfigs: [] },
                ],
            },
            {},
        );
        assert.ok(!two.ok && /ordered by Terraform's set hashes/.test(two.reason));
        const deleted = answerInvoke(
            "gcp:organizations/getIAMPolicy:getIAMPolicy",
            { bindings: [{ role: "r", members: ["deleted:user:a@x.com"] }] },
            {},
        );
        assert.ok(!deleted.ok && /does not support IAM policies for deleted principals/.test(deleted.reason));
    });
});

describe("a failed preview or program becomes one line (both engines' words)", () => {
    const ctx = {
        label: "prog",
        pwd: "/nowhere/prog",
        project: "app",
        stack: "dev",
        undecryptable: new Map([["app:pw", "the program reads 'app:pw', ..."]]),
    };
    const fail = (errors: string[], stderr = "", urn = "") =>
        previewFailure({ errors, errorEvents: errors.map((message) => ({ message, urn })), stderr, exitCode: 1 }, ctx).message;

    it("the first meaningful line: no header with nothing after its colon, no stack trace", () => {
        assert.equal(
            firstMeaningfulLine(
                "Running program '/p/' failed with an unhandled exception:\nError: boom: the\nprogram failed\n    at x (/p/index.ts:1:1)",
            ),
            "boom: the",
        );
        assert.equal(
            firstMeaningfulLine(
                'Traceback (most recent call last):\n  File "/p/__main__.py", line 3, in <module>\n    raise ValueError("bad")\nValueError: bad',
            ),
            "ValueError: bad",
        );
        assert.equal(
            fail(["Running program '/p/' failed with an unhandled exception:\nError: boom\n    at y"]),
            "the program in prog failed: boom",
        );
        assert.equal(
            fail([
                "Program failed with an unhandled exception:\nTraceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'a'",
            ]),
            "the program in prog failed: KeyError: 'a'",
        );
    });

    it("missing modules, missing and undecryptable config, invokes and stack references in the built-in engine's words", () => {
        assert.match(
            fail([
                "Running program '/p/' failed with an unhandled exception:\nError: Cannot find module '@pulumi/docker/image'\nRequire stack:",
            ]),
            /^the program in prog cannot load '@pulumi\/docker': its dependencies are not installed; run `npm install` in prog$/,
        );
        assert.match(
            fail(["Program failed with an unhandled exception:\nModuleNotFoundError: No module named 'pulumi_docker.image'"]),
            /cannot import 'pulumi_docker'/,
        );
        assert.equal(
            fail(["Missing required configuration variable 'app:team'"]),
            "the program in prog requires config 'app:team'; pass --config app:team=VALUE or add it to Pulumi.dev.yaml",
        );
        assert.equal(fail(["Missing required configuration variable 'app:pw'"]), "the program reads 'app:pw', ...");
        assert.match(
            fail([
                "Error: invoke failed: the program calls gcp:secretmanager/getSecretVersion:getSecretVersion, which needs the cloud to answer; check ...",
            ]),
            /^the program calls gcp:secretmanager\/getSecretVersion:getSecretVersion, which needs the cloud to answer; check answers offline only/,
        );
        assert.match(
            fail(
                ["Preview failed: organization name must be 'organization'"],
                "",
                "urn:pulumi:dev::app::pulumi:pulumi:StackReference::acme/network/prod",
            ),
            /reads the outputs of stack "acme\/network\/prod" through a StackReference/,
        );
        assert.match(fail(["some engine error"]), /^pulumi preview failed: some engine error$/);
        // The CLI's warnings come first on stderr; the line is its error's.
        assert.equal(
            fail(
                [],
                "warning: using pulumi-language-nodejs from $PATH at /x/pulumi-language-nodejs\nerror: validating stack config: Stack 'dev' is missing configuration value 'k'\n",
            ),
            "pulumi preview failed: validating stack config: Stack 'dev' is missing configuration value 'k'",
        );
        // Pulumi YAML prints its errors as messages: they are read from the Diagnostics section.
        const yaml = previewFailure(
            {
                errors: [],
                errorEvents: [],
                stderr: "",
                exitCode: 1,
                stdout: 'Diagnostics:\n  pulumi:pulumi:Stack (y-dev):\n    \u001b[31mError\u001b[0m: unable to find function "x:y:z" in resource provider "x"\n      on Pulumi.yaml line 10:\n\nResources:\n',
            },
            ctx,
        );
        assert.equal(yaml.message, 'the program in prog failed: unable to find function "x:y:z" in resource provider "x"');
    });
});
