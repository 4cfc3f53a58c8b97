// npm run bench: this pack against a trivial floor pack, side by side in one run, both driven
// over the analyzer protocol by the end-to-end tests' driver. Every figure is a median of RUNS
// runs and every budget is a ratio, so the verdicts hold on any machine.
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policyResource, resourceArgs, stackArgs } from "../test/harness";
import { buildPolicyConfig } from "cloud-run-binauthz-tools/dist/engines/builtin/policyConfig";
import { DEFAULT_CONTEXT, PackProcess, type WireResource } from "cloud-run-binauthz-tools/dist/engines/builtin/driver";
import { policies } from "../policies";
import { measureCliPreview } from "./cli";
import { costRows, costTable } from "./cost";
import { installTimeRatio, measureInstalls } from "./install";

const ROOT = path.resolve(__dirname, "..", "..");
const FLOOR = path.join(ROOT, "bench", "floor");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Real-CLI previews of 500 resources take seconds each; 3 of each by default. */
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
/** Installs from npm are slow; 3 alternating installs of each pack by default. */
const INSTALL_RUNS = Number(process.env.BENCH_INSTALL_RUNS ?? 3);
const CTX = { ...DEFAULT_CONTEXT, config: { "gcp:project": "proj-0", "gcp:region": "us-central1" } };
const REGIONS = ["us-central1", "europe-west1", "asia-east1", "us-east4", "europe-west4"];

const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Mixed workloads: v2 services, jobs, v1 services, 2nd-gen functions; every other one violates. */
export function workloads(n: number, projects = 20): WireResource[] {
    const out: WireResource[] = [];
    for (let i = 0; i < n; i++) {
        const project = `proj-${i % projects}`;
        const region = REGIONS[i % REGIONS.length];
        const bad = i % 2 === 1;
        const urn = (t: string) => `urn:pulumi:dev::bench::${t}::w${i}`;
        const image =
            i % 3 === 0
                ? `${region}-docker.pkg.dev/${project}/cloud-run-source-deploy/w${i}`
                : `${region}-docker.pkg.dev/${project}/apps/w${i}:v1`;
        switch (i % 4) {
            case 0:
                out.push({
                    type: "gcp:cloudrunv2/service:Service",
                    name: `w${i}`,
                    urn: urn("gcp:cloudrunv2/service:Service"),
                    properties: {
                        project,
                        location: region,
                        binaryAuthorization: bad ? { useDefault: false } : { useDefault: true },
                        template: { containers: [{ image }] },
                    },
                });
                break;
            case 1:
                out.push({
                    type: "gcp:cloudrunv2/job:Job",
                    name: `w${i}`,
                    urn: urn("gcp:cloudrunv2/job:Job"),
                    properties: {
                        project,
                        location: region,
                        binaryAuthorization: { useDefault: true, breakglassJustification: bad ? "n/a" : "" },
                        template: { template: { containers: [{ image }] } },
                    },
                });
                break;
            case 2:
                out.push({
                    type: "gcp:cloudrun/service:Service",
                    name: `w${i}`,
                    urn: urn("gcp:cloudrun/service:Service"),
                    properties: {
                        project,
                        location: region,
                        metadata: { annotations: bad ? {} : { "run.googleapis.com/binary-authorization": "default" } },
                        template: { spec: { containers: [{ image }] } },
                    },
                });
                break;
            default:
                out.push({
                    type: "gcp:cloudfunctionsv2/function:Function",
                    name: `w${i}`,
                    urn: urn("gcp:cloudfunctionsv2/function:Function"),
                    properties: { project, location: region, serviceConfig: bad ? {} : { binaryAuthorizationPolicy: "default" } },
                });
        }
    }
    return out;
}

/** One Binary Authorization policy per project, each with `patterns` allowlist patterns. */
export function binauthzPolicies(projects = 20, patterns = 200): WireResource[] {
    const out: WireResource[] = [];
    for (let p = 0; p < projects; p++) {
        const project = `proj-${p}`;
        const list: { namePattern: string }[] = [];
        for (const region of REGIONS) {
            list.push({ namePattern: `${region}-docker.pkg.dev/${project}/cloud-run-source-deploy/**` });
            if (p % 2 === 0) list.push({ namePattern: `${region}-docker.pkg.dev/${project}/gcf-artifacts/**` });
        }
        for (let i = list.length; i < patterns; i++) list.push({ namePattern: `${REGIONS[i % 5]}-docker.pkg.dev/${project}/team-${i}/**` });
        out.push({
            type: "gcp:binaryauthorization/policy:Policy",
            name: `policy-${p}`,
            urn: `urn:pulumi:dev::bench::gcp:binaryauthorization/policy:Policy::policy-${p}`,
            properties: {
                project,
                admissionWhitelistPatterns: list,
                defaultAdmissionRule: { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
            },
        });
    }
    return out;
}

async function startConfigured(dir: string): Promise<PackProcess> {
    const pack = await PackProcess.start(dir, CTX);
    await pack.configureStack(CTX);
    const built = buildPolicyConfig(await pack.getAnalyzerInfo());
    await pack.configure(built.config);
    return pack;
}

async function timeStartup(dir: string): Promise<number> {
    const t0 = performance.now();
    const pack = await PackProcess.start(dir, CTX);
    await pack.getAnalyzerInfo();
    const t = performance.now() - t0;
    await pack.close();
    return t;
}

async function timeAnalyze(pack: PackProcess, resources: WireResource[]): Promise<number> {
    const t0 = performance.now();
    for (const r of resources) await pack.analyze(r);
    return performance.now() - t0;
}

async function timeAnalyzeStack(pack: PackProcess, resources: WireResource[]): Promise<number> {
    const t0 = performance.now();
    await pack.analyzeStack(resources);
    return performance.now() - t0;
}

/** Median µs per resource for each policy, called in process with the server's unknown-checking proxy. */
function inProcess(resources: WireResource[]): Record<string, number> {
    const out: Record<string, number> = {};
    const report: ReportViolation = () => undefined;
    const args = resources.map((r) => resourceArgs({ type: r.type, name: r.name, urn: r.urn, props: structuredClone(r.properties) }, {}));
    const stack = stackArgs(args.map(policyResource), {});
    for (const p of policies) {
        const samples: number[] = [];
        for (let run = 0; run < RUNS; run++) {
            const t0 = performance.now();
            try {
                if ("validateStack" in p) {
                    (p as StackValidationPolicy).validateStack(stack, report);
                } else {
                    const v = (p as ResourceValidationPolicy).validateResource;
                    const fn = Array.isArray(v) ? v[0] : v;
                    // The server skips a validation tagged with another type without calling it (and
                    // reports it not applicable); so does this measure.
                    const tagged = (fn as { __pulumiType?: string } | undefined)?.__pulumiType;
                    for (const a of args) {
                        if (tagged && a.type !== tagged) continue;
                        try {
                            fn?.(a, report);
                        } catch {
                            // args.notApplicable throws for resources a policy does not apply to
                        }
                    }
                }
            } catch {
                // advisory UnknownValueError: none expected with these inputs
            }
            samples.push(((performance.now() - t0) * 1000) / resources.length);
        }
        out[p.name] = median(samples);
    }
    return out;
}

function row(cells: (string | number)[]): string {
    return `| ${cells.join(" | ")} |`;
}

async function main(): Promise<void> {
    const verdicts: { budget: string; measured: string; ok: boolean }[] = [];
    const lines: string[] = [];
    const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
    lines.push(
        `machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; medians of ${RUNS} runs`,
        "",
    );
    lines.push(
        row(["measure", "floor pack", "cloud-run-binauthz", "ratio", "budget", "verdict"]),
        row(["---", "---", "---", "---", "---", "---"]),
    );
    const add = (measure: string, floor: number, ours: number, budget: number, unit = fmt) => {
        const ratio = ours / floor;
        const ok = ratio <= budget;
        verdicts.push({ budget: `${measure} ≤ ${budget}×`, measured: `${ratio.toFixed(2)}×`, ok });
        lines.push(row([measure, unit(floor), unit(ours), `${ratio.toFixed(2)}×`, `≤ ${budget}×`, ok ? "pass" : "FAIL"]));
    };

    // 1. Start-up, alternating the two packs so drift hits both alike.
    const sf: number[] = [];
    const so: number[] = [];
    for (let i = 0; i < RUNS; i++) {
        sf.push(await timeStartup(FLOOR));
        so.push(await timeStartup(ROOT));
    }
    add("start-up (spawn → GetAnalyzerInfo)", median(sf), median(so), 1.3);

    // 2. Analyze throughput: 4,000 mixed workloads, one Analyze call each.
    const mixed = workloads(4000);
    const floor = await startConfigured(FLOOR);
    const ours = await startConfigured(ROOT);
    try {
        await timeAnalyze(floor, mixed.slice(0, 200));
        await timeAnalyze(ours, mixed.slice(0, 200));
        const af: number[] = [];
        const ao: number[] = [];
        for (let i = 0; i < RUNS; i++) {
            af.push(await timeAnalyze(floor, mixed));
            ao.push(await timeAnalyze(ours, mixed));
        }
        add("Analyze, 4,000 workloads (wall)", median(af), median(ao), 1.5);

        // 3. AnalyzeStack at 10,000 and 20,000 workloads, 20 projects × 5 regions, 200-pattern policies.
        const stack10 = [...binauthzPolicies(), ...workloads(10_000)];
        const stack20 = [...binauthzPolicies(), ...workloads(20_000)];
        await timeAnalyzeStack(floor, stack10);
        await timeAnalyzeStack(ours, stack10);
        const f10: number[] = [];
        const o10: number[] = [];
        const f20: number[] = [];
        const o20: number[] = [];
        for (let i = 0; i < RUNS; i++) {
            f10.push(await timeAnalyzeStack(floor, stack10));
            o10.push(await timeAnalyzeStack(ours, stack10));
            f20.push(await timeAnalyzeStack(floor, stack20));
            o20.push(await timeAnalyzeStack(ours, stack20));
        }
        add("AnalyzeStack, 10,000 workloads", median(f10), median(o10), 2);
        const lin = median(o20) / median(o10);
        verdicts.push({ budget: "AnalyzeStack 20,000 / 10,000 ≤ 2.2×", measured: `${lin.toFixed(2)}×`, ok: lin <= 2.2 });
        lines.push(
            row([
                "AnalyzeStack, 20,000 workloads (reported)",
                fmt(median(f20)),
                fmt(median(o20)),
                `${(median(o20) / median(f20)).toFixed(2)}×`,
                "-",
                "-",
            ]),
            row([
                "floor's own 20,000 / 10,000 (reported)",
                fmt(median(f10)),
                fmt(median(f20)),
                `${(median(f20) / median(f10)).toFixed(2)}×`,
                "-",
                "-",
            ]),
        );
        lines.push(
            row([
                "AnalyzeStack, 20,000 vs 10,000 (ours)",
                fmt(median(o10)),
                fmt(median(o20)),
                `${lin.toFixed(2)}×`,
                "≤ 2.2×",
                lin <= 2.2 ? "pass" : "FAIL",
            ]),
        );
        const rf = floor.rssBytes();
        const ro = ours.rssBytes();
        if (rf && ro)
            lines.push(
                row([
                    "peak RSS after item 3 (both ran 10,000 and 20,000)",
                    `${(rf / 2 ** 20).toFixed(0)} MiB`,
                    `${(ro / 2 ** 20).toFixed(0)} MiB`,
                    `${(ro / rf).toFixed(2)}×`,
                    "reported",
                    "-",
                ]),
            );
    } finally {
        await floor.close();
        await ours.close();
    }

    // 4. The published artefact installed as the CLI installs an enforced pack (bench/install.ts).
    const inst = await measureInstalls(INSTALL_RUNS);
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
    add(
        `install size on disk (the root packed and installed as the CLI installs an enforced pack)`,
        inst.floorBytes,
        inst.oursBytes,
        1.1,
        mib,
    );
    add(`install size on disk (a composing pack that depends on cloud-run-binauthz)`, inst.floorBytes, inst.composingBytes, 1.1, mib);
    {
        // The verdict uses the median of paired ratios (bench/install.ts installTimeRatio); the cells show each pack's median.
        const ratio = installTimeRatio(inst);
        const ok = ratio <= 1.15;
        verdicts.push({ budget: "install time ≤ 1.15×", measured: `${ratio.toFixed(2)}×`, ok });
        lines.push(
            row([
                `install time (${INSTALL_RUNS} paired runs, same npm cache; ratio = median of paired ratios)`,
                fmt(median(inst.floorMs)),
                fmt(median(inst.oursMs)),
                `${ratio.toFixed(2)}×`,
                "≤ 1.15×",
                ok ? "pass" : "FAIL",
            ]),
        );
    }

    // 5. The real CLI: `pulumi preview` of a generated 500-resource program, no pack / floor / this pack (bench/cli.ts).
    const cli = await measureCliPreview(500, CLI_RUNS);
    if (typeof cli === "string") lines.push(`real-CLI figure skipped: ${cli}`);
    else {
        add(`pulumi preview, 500 resources (real CLI, median of ${CLI_RUNS})`, cli.floor, cli.ours, 1.15);
        lines.push(
            `  the same preview with no policy pack: ${fmt(cli.none)}; this pack's overhead over no pack: ${fmt(cli.ours - cli.none)} (${((cli.ours / cli.none - 1) * 100).toFixed(0)}%)`,
        );
    }

    // 6. In-process cost per resource per policy.
    lines.push(
        "",
        row(["policy (in process, 4,000 mixed workloads + 20 policies)", "µs per resource", "budget", "verdict"]),
        row(["---", "---", "---", "---"]),
    );
    for (const [name, us] of Object.entries(inProcess([...binauthzPolicies(), ...workloads(4000)]))) {
        const ok = us <= 20;
        verdicts.push({ budget: `${name} ≤ 20 µs/resource`, measured: `${us.toFixed(2)} µs`, ok });
        lines.push(row([name, us.toFixed(2), "≤ 20", ok ? "pass" : "FAIL"]));
    }

    // 7. Cost rows of issue 19 (bench/cost.ts): the worst catch-all decision, and exempts-workload at 50,000 patterns × 5,000 images.
    const cost = costRows(RUNS);
    lines.push(...costTable(cost));
    for (const r of cost)
        verdicts.push({
            budget: `${r.measure} ≤ 100 ms or doubling ≤ 2.5×`,
            measured: `${r.ms.toFixed(1)} ms, ${r.growth.toFixed(2)}×`,
            ok: r.ok,
        });

    const failed = verdicts.filter((v) => !v.ok);
    lines.push(
        "",
        failed.length
            ? `FAIL: ${failed.map((v) => `${v.budget} (measured ${v.measured})`).join("; ")}`
            : `all ${verdicts.length} budgets pass`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
    process.exitCode = failed.length ? 1 : 0;
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
});
