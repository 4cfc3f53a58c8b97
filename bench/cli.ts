// The real-CLI figure of `npm run bench`: wall time of `pulumi preview` on a generated program of
// 500 Cloud Run resources with no pack, with the floor pack and with this pack, in one run.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { findPulumiCli, HOW_TO_GET_CLI } from "cloud-run-binauthz-tools/dist/engines/pulumi/cli";
import { pulumiPreview } from "cloud-run-binauthz-tools/dist/engines/pulumi/preview";

const ROOT = path.resolve(__dirname, "..", "..");
const STANDINS_BIN = path.join(ROOT, "tools", "engines", "pulumi", "standins", "bin");

/** A YAML program with `n` Cloud Run v2 services in one project; every other one has Binary Authorization off. */
export function generatedProgram(n: number): string {
    const lines = ["name: bench-cli", "runtime: yaml", "resources:"];
    for (let i = 0; i < n; i++) {
        lines.push(
            `  svc${i}:`,
            "    type: gcp:cloudrunv2:Service",
            "    properties:",
            "      project: acme-bench",
            "      location: us-central1",
            "      binaryAuthorization:",
            `        useDefault: ${i % 2 === 0}`,
            "      template:",
            "        containers:",
            `          - image: us-central1-docker.pkg.dev/acme-bench/apps/svc${i}:v1`,
        );
    }
    return `${lines.join("\n")}\n`;
}

const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Medians in ms of `runs` previews each: no pack, the floor pack, this pack (interleaved). */
export async function measureCliPreview(resources: number, runs: number): Promise<{ none: number; floor: number; ours: number } | string> {
    const cli = findPulumiCli();
    if (!cli) return HOW_TO_GET_CLI;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crb-bench-cli-"));
    try {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), generatedProgram(resources));
        const times: Record<"none" | "floor" | "ours", number[]> = { none: [], floor: [], ours: [] };
        const packs = { none: undefined, floor: path.join(ROOT, "bench", "floor"), ours: ROOT };
        for (let r = 0; r < runs; r++) {
            for (const [which, packDir] of Object.entries(packs) as ["none" | "floor" | "ours", string | undefined][]) {
                const start = performance.now();
                const result = await pulumiPreview({
                    programDir: dir,
                    packDir,
                    cliBinDir: cli.binDir,
                    pathPrefix: [STANDINS_BIN, path.dirname(process.execPath)],
                });
                times[which].push(performance.now() - start);
                const expected = which === "ours" ? 1 : 0;
                if (result.exitCode !== expected)
                    throw new Error(
                        `bench preview (${which}) exited ${result.exitCode}, expected ${expected}:\n${result.stdout}${result.stderr}`,
                    );
            }
        }
        return { none: median(times.none), floor: median(times.floor), ours: median(times.ours) };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
