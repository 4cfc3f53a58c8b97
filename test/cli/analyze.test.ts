// Stack exports through the real engine: `check <export> --engine pulumi` runs `pulumi policy analyze
// --file` (the CLI reading the same file: Analyze with inputs, AnalyzeStack with outputs) and must report
// what the built-in driver reports; JSON and SARIF say which engine ran. A passphrase export is
// decrypted with PULUMI_CONFIG_PASSPHRASE in both; without it, `auto` keeps the built-in driver.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCheck } from "../checkCommand";
import { passphraseCrypter } from "../crypter";
import { requireCli, ROOT } from "./harness";

type Report = { engine: { name: string; version?: string }; violations: { policy: string; level: string; name: string }[] };
const findings = (stdout: string) => (JSON.parse(stdout) as Report).violations.map((v) => `${v.policy} ${v.level} ${v.name}`).sort();

describe("real CLI: stack exports through pulumi policy analyze", function () {
    this.timeout(600_000);
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crb-analyze-test-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("gives the built-in driver's findings; JSON and SARIF name the real engine", async function () {
        const cli = requireCli(this);
        const file = path.join(ROOT, "test", "fixtures", "stack-export-outputs.json");
        const real = await runCheck([file, "--engine", "pulumi", "--format", "json"]);
        const builtin = await runCheck([file, "--engine", "builtin", "--format", "json"]);
        assert.equal(real.code, builtin.code, real.stderr);
        assert.deepEqual(findings(real.stdout), findings(builtin.stdout));
        assert.deepEqual((JSON.parse(real.stdout) as Report).engine, { name: "pulumi", version: cli.version });
        // The fixture's ciphertext is not this machine's: the CLI says it analysed with secrets redacted.
        assert.match(real.stderr, /could not decrypt secrets in .*; analyzing with secret values redacted/);
        const sarif = await runCheck([file, "--engine", "pulumi", "--format", "sarif"]);
        const run = (JSON.parse(sarif.stdout) as { runs: { properties: { engine: { name: string } } }[] }).runs[0];
        assert.equal(run.properties.engine.name, "pulumi");
    });

    it("a passphrase export: both engines decrypt it with PULUMI_CONFIG_PASSPHRASE; without it, auto keeps the built-in driver", async function () {
        requireCli(this);
        const crypter = passphraseCrypter("export-passphrase");
        const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "test", "fixtures", "stack-export.json"), "utf8"));
        doc.deployment.secrets_providers = { type: "passphrase", state: { salt: crypter.salt } };
        const admin = doc.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::admin"));
        admin.inputs.binaryAuthorization = {
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            ciphertext: crypter.encrypt(JSON.stringify({ useDefault: true })),
        };
        const file = path.join(tmp, "export.json");
        fs.writeFileSync(file, JSON.stringify(doc));
        const env = { PULUMI_CONFIG_PASSPHRASE: "export-passphrase" };
        const real = await runCheck([file, "--engine", "pulumi", "--format", "json"], ROOT, env);
        const builtin = await runCheck([file, "--engine", "builtin", "--format", "json"], ROOT, env);
        assert.equal(real.code, builtin.code, real.stderr + builtin.stderr);
        assert.deepEqual(findings(real.stdout), findings(builtin.stdout));
        assert.ok(!findings(real.stdout).some((f) => f.endsWith(" admin")), "the decrypted setting passes");
        const auto = await runCheck([file, "--engine", "auto", "--format", "json"]);
        assert.equal((JSON.parse(auto.stdout) as Report).engine.name, "builtin");
        assert.match(auto.stderr, /1 secret value is encrypted in this export/);
    });

    it("preview JSON is not a stack export: --engine pulumi says so", async function () {
        requireCli(this);
        const o = await runCheck([path.join(ROOT, "test", "fixtures", "preview.json"), "--engine", "pulumi"]);
        assert.equal(o.code, 2);
        assert.match(o.stderr, /pulumi policy analyze reads no preview JSON/);
    });
});
