// What an enforced pack costs before its first check: the published artefact installed exactly
// as the Pulumi CLI installs it (tools/publish/artefact.ts installAsCli, after the CLI's
// installRequiredPolicy), against the floor pack with only @pulumi/policy and @pulumi/pulumi,
// installed the same way. Both come from the same npm cache, alternating, so network and cache
// state hit both alike.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    buildFloorPack,
    diskUsage,
    installAsCli,
    installComposingPack,
    packDirectory,
} from "cloud-run-binauthz-tools/dist/publish/artefact";

const ROOT = path.resolve(__dirname, "..", "..");

/** Sizes (bytes on disk) and install times (ms) of each run. */
export interface InstallFigures {
    floorBytes: number;
    oursBytes: number;
    /** An organisation's pack that composes this one (dependency on the tarball). */
    composingBytes: number;
    floorMs: number[];
    oursMs: number[];
}

const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The install-time ratio: the median of each run's ours/floor ratio. The two installs of a run
 * are seconds apart, so load from other processes and network drift, which move whole minutes of
 * a shared machine, cancel within a pair; a ratio of separate medians would not cancel them.
 */
export function installTimeRatio(m: InstallFigures): number {
    return median(m.oursMs.map((o, i) => o / m.floorMs[i]));
}

/** Packs both, then installs each `runs` times, alternating, each into a fresh directory. */
export async function measureInstalls(runs: number): Promise<InstallFigures> {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "crb-install-bench-"));
    try {
        const floorTgz = (await packDirectory(buildFloorPack(path.join(base, "floor-src")), base)).tarball;
        // The repository root, packed as `pulumi policy publish` packs it.
        const oursTgz = (await packDirectory(ROOT, base)).tarball;
        const out: InstallFigures = { floorBytes: 0, oursBytes: 0, composingBytes: 0, floorMs: [], oursMs: [] };
        out.composingBytes = diskUsage((await installComposingPack(oursTgz, path.join(base, "composing"))).dir);
        for (let i = 0; i < runs; i++) {
            // Alternate which goes first, so that whatever the first install leaves warm (npm's
            // cache, the page cache) favours each pack equally.
            const first = i % 2 === 0 ? "floor" : "ours";
            const install = (which: "floor" | "ours") =>
                installAsCli(which === "floor" ? floorTgz : oursTgz, path.join(base, `run${i}`, which));
            const a = await install(first);
            const b = await install(first === "floor" ? "ours" : "floor");
            const [f, o] = first === "floor" ? [a, b] : [b, a];
            out.floorMs.push(f.ms);
            out.oursMs.push(o.ms);
            // Same tree every run; the last one is measured.
            out.floorBytes = diskUsage(f.dir);
            out.oursBytes = diskUsage(o.dir);
            fs.rmSync(path.join(base, `run${i}`), { recursive: true, force: true });
        }
        return out;
    } finally {
        fs.rmSync(base, { recursive: true, force: true });
    }
}

/** `npm run bench:install`: this section of `npm run bench` alone. */
if (require.main === module) {
    const runs = Number(process.env.BENCH_INSTALL_RUNS ?? 3);
    measureInstalls(runs)
        .then((m) => {
            const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
            const size = m.oursBytes / m.floorBytes;
            const composing = m.composingBytes / m.floorBytes;
            const time = installTimeRatio(m);
            process.stdout.write(
                [
                    `install size on disk: floor ${mib(m.floorBytes)}, cloud-run-binauthz ${mib(m.oursBytes)}, ${size.toFixed(2)}× (budget ≤ 1.10×)`,
                    `composing pack (depends on cloud-run-binauthz) on disk: ${mib(m.composingBytes)}, ${composing.toFixed(2)}× the floor (budget ≤ 1.10×)`,
                    `install time, ${runs} paired runs: floor median ${median(m.floorMs).toFixed(0)} ms, cloud-run-binauthz median ${median(m.oursMs).toFixed(0)} ms; median of paired ratios ${time.toFixed(2)}× (budget ≤ 1.15×)`,
                    `runs (ms): floor ${m.floorMs.map((x) => x.toFixed(0)).join(", ")}; ours ${m.oursMs.map((x) => x.toFixed(0)).join(", ")}`,
                ].join("\n") + "\n",
            );
            process.exitCode = size <= 1.1 && composing <= 1.1 && time <= 1.15 ? 0 : 1;
        })
        .catch((e: unknown) => {
            process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
            process.exitCode = 2;
        });
}
