// A real `pulumi preview` through the stand-in provider: a Pulumi YAML program on a file backend,
// no credentials, no policy pack, on both CLI generations (each with its own YAML host). Part of the
// real-CLI suite (requireCli: skipped without a CLI, an error under CI=true).
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { standinBinDir } from "cloud-run-binauthz-tools/dist/engines/pulumi/standins";
import { generations, requireCli, tagged } from "./harness";

const PROGRAM = `name: standin-yaml
runtime: yaml
resources:
  api:
    type: gcp:cloudrunv2:Service
    properties:
      location: us-central1
      binaryAuthorization:
        useDefault: true
      template:
        containers:
          - image: us-docker.pkg.dev/cloudrun/container/hello
variables:
  proj:
    fn::invoke:
      function: gcp:organizations:getProject
      arguments: {}
outputs:
  number: \${proj.number}
  uri: \${api.uri}
  project: \${api.project}
`;

describe("stand-in provider under the real pulumi CLI", function () {
    this.timeout(180_000);

    for (const gen of generations())
        it(
            tagged(
                gen,
                `previews a YAML program: the invoke answers, computed outputs are unknown (${gen.unknownDisplay}), project comes from config`,
            ),
            function () {
                const cliDir = requireCli(this, gen).binDir;
                const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "standin-cli-"));
                try {
                    const prog = path.join(tmp, "prog");
                    fs.mkdirSync(prog);
                    fs.mkdirSync(path.join(tmp, "state"));
                    fs.writeFileSync(path.join(prog, "Pulumi.yaml"), PROGRAM);
                    const env = {
                        ...process.env,
                        PATH: [standinBinDir(), cliDir, process.env.PATH].join(path.delimiter),
                        PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
                        PULUMI_CONFIG_PASSPHRASE: "x",
                        PULUMI_HOME: path.join(tmp, "home"),
                        PULUMI_SKIP_UPDATE_CHECK: "true",
                        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
                    };
                    const run = (args: string[]) =>
                        execFileSync(path.join(cliDir, "pulumi"), args, {
                            cwd: prog,
                            env,
                            encoding: "utf8",
                            stdio: ["ignore", "pipe", "pipe"],
                        });
                    run(["stack", "init", "dev", "--non-interactive"]);
                    run(["config", "set", "gcp:project", "acme-prod"]);
                    const res = spawnSync(path.join(cliDir, "pulumi"), ["preview", "--non-interactive", "--diff"], {
                        cwd: prog,
                        env,
                        encoding: "utf8",
                    });
                    assert.equal(res.status, 0, res.stdout + res.stderr);
                    assert.match(res.stdout, /number\s*: "\d{12}"/);
                    assert.ok(new RegExp(`uri\\s*: ${gen.unknownDisplay.replace(/[[\]]/g, "\\$&")}`).test(res.stdout), res.stdout);
                    assert.match(res.stdout, /project\s*: "acme-prod"/);
                    assert.match(res.stdout, /name\s*: "api-[0-9a-f]{7}"/);
                    assert.doesNotMatch(res.stdout + res.stderr, /expected to have version/);
                } finally {
                    fs.rmSync(tmp, { recursive: true, force: true });
                }
            },
        );
});
