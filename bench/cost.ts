// Cost rows of issue 19 (class 10), in process: the catch-all decision for the worst config glob,
// and binauthz-allowlist-exempts-workload over 50,000 allowlist patterns × 5,000 workload images.
// Each row reports its time at the size and its growth when the input doubles, so that the
// verdict holds on any machine: within 100 ms at the size, or linear (doubling ≤ 2.5×).
// `node dist/bench/cost.js` prints the two rows alone.
import { performance } from "node:perf_hooks";
import type { ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { allowlistExemptsWorkload } from "../policies";
import { globProblem } from "../policies/model/config";
import { policyResource, type ResourceInput, resourceArgs, stackArgs } from "../test/harness";

/** A row's figures and verdict. */
export interface CostRow {
    measure: string;
    /** Median time at the size. */
    ms: number;
    /** Median time at half the size. */
    halfMs: number;
    /** ms / halfMs. */
    growth: number;
    ok: boolean;
}

const BUDGET_MS = 100;
const LINEAR = 2.5;
const KEYS = ["exemptions", "allowedStacks", "allowedPolicies", "allowedPatterns"] as const;

const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(runs: number, body: () => void, setup: () => void = () => undefined): number {
    setup();
    body(); // warm the JIT
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        setup();
        const t0 = performance.now();
        body();
        samples.push(performance.now() - t0);
    }
    return median(samples);
}

/** `length` distinct CJK characters: a glob whose literals all differ, as the issue's. */
function distinct(length: number): string[] {
    return Array.from({ length }, (_, i) => String.fromCodePoint(0x4e00 + i));
}

/**
 * The shapes that cost most before issue 19 (a context search over the glob's whole alphabet) and
 * those that stress the sparse sample reads: many distinct literals, wildcards between them, ":"
 * runs that keep the URN context alive, "**\/" skip chains, "*\/" runs for the allowlist slots.
 */
export function worstGlobs(length: number): Record<string, string> {
    const cut = (s: string): string => Array.from(s).slice(0, length).join("");
    const d = distinct(length);
    return {
        "urn: distinct literals, then ::*": cut(`urn:pulumi:${d.join("")}`).slice(0, -3) + "::*",
        "urn: distinct literals between **": cut(`urn:pulumi:${d.join("**")}`),
        "urn: distinct literals between *": cut(`urn:pulumi:${d.join("*")}`),
        "urn: distinct literals between ?": cut(`urn:pulumi:${d.join("?")}`),
        "**, distinct literals, ::*": `**${cut(d.join("")).slice(0, -5)}::*`,
        "*? repeated, then a literal": `${"*?".repeat(Math.floor((length - 1) / 2))}a`,
        "**a repeated": cut("**a".repeat(length)),
        "*: repeated": `${cut("*:".repeat(length)).slice(0, -1)}x`,
        "**/ repeated": `${cut("**/".repeat(length)).slice(0, -1)}x`,
        "*/ repeated after a segment": `a/${cut("*/".repeat(length)).slice(0, -2)}`,
        "?*:: repeated": cut("?*::".repeat(length)),
        "component parents, distinct, ::*": cut(`urn:pulumi:*::*::${d.join("$")}`).slice(0, -3) + "::*",
    };
}

/** The slowest (shape, key) catch-all decision at `length` characters: its median time and name. */
export function worstGlobDecision(length: number, runs: number): { ms: number; shape: string } {
    let worst = { ms: 0, shape: "" };
    for (const [shape, glob] of Object.entries(worstGlobs(length))) {
        for (const key of KEYS) {
            const ms = timed(runs, () => void globProblem(key, glob));
            if (ms > worst.ms) worst = { ms, shape: `${shape} (${key})` };
        }
    }
    return worst;
}

/**
 * One Binary Authorization policy with `patterns` allowlist patterns and `images` services of its
 * project: half the patterns repeat broad ones (each exempting every image), the rest are distinct
 * (image-name prefixes, one-segment patterns, build-repository patterns); a tenth of the images are
 * pre-built images in cloud-run-source-deploy, which the build-repository patterns launder.
 */
export function patternsByImages(patterns: number, images: number): ResourceInput[] {
    const ar = "us-central1-docker.pkg.dev/proj-0";
    const broad = [`${ar}/apps/**`, `${ar}/apps/*`, `${ar}/cloud-run-source-deploy/**`, `${ar}/**`];
    const list: { namePattern: string }[] = [];
    for (let i = 0; i < patterns; i++) {
        const k = i >> 1;
        const namePattern =
            i % 2 === 0
                ? broad[k % broad.length]
                : k % 5 === 0
                  ? `${ar}/cloud-run-source-deploy/w${k}**`
                  : k % 5 === 1
                    ? `${ar}/apps/w${k}*`
                    : `${ar}/apps/w${k}**`;
        list.push({ namePattern });
    }
    const out: ResourceInput[] = [
        {
            type: "gcp:binaryauthorization/policy:Policy",
            name: "policy",
            props: {
                project: "proj-0",
                admissionWhitelistPatterns: list,
                defaultAdmissionRule: { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
            },
        },
    ];
    for (let i = 0; i < images; i++) {
        out.push({
            type: "gcp:cloudrunv2/service:Service",
            name: `w${i}`,
            props: {
                project: "proj-0",
                location: "us-central1",
                binaryAuthorization: { useDefault: true },
                template: { containers: [{ image: i % 10 === 0 ? `${ar}/cloud-run-source-deploy/w${i}` : `${ar}/apps/w${i}:v1` }] },
            },
        });
    }
    return out;
}

/** Median ms of one validateStack of binauthz-allowlist-exempts-workload over `resources`, as the analyzer server calls it. */
function timeExemptsWorkload(resources: ResourceInput[], runs: number): number {
    const report: ReportViolation = () => undefined;
    let args: StackValidationArgs | undefined;
    // The server builds the resources (and their proxies) before it calls the policy: so does this.
    const setup = (): void => {
        args = stackArgs(
            resources.map((r) => policyResource(resourceArgs(r, {}))),
            {},
        );
    };
    return timed(runs, () => void allowlistExemptsWorkload.validateStack(args as StackValidationArgs, report), setup);
}

/** The two rows at the sizes: a 4,096-character glob, and 50,000 patterns × 5,000 images. */
export function costRows(runs: number): CostRow[] {
    // Half sizes first, after a warm-up of every shape, so that neither size pays for the JIT.
    worstGlobDecision(256, 1);
    const globHalf = worstGlobDecision(2048, runs);
    const glob = worstGlobDecision(4096, runs);
    const half = timeExemptsWorkload(patternsByImages(25_000, 2_500), runs);
    const full = timeExemptsWorkload(patternsByImages(50_000, 5_000), runs);
    const row = (measure: string, ms: number, halfMs: number): CostRow => {
        const growth = ms / halfMs;
        return { measure, ms, halfMs, growth, ok: ms <= BUDGET_MS || growth <= LINEAR };
    };
    return [
        row(`catch-all decision, worst glob of 4,096 characters: ${glob.shape}`, glob.ms, globHalf.ms),
        row("binauthz-allowlist-exempts-workload, 50,000 patterns × 5,000 images (one validateStack)", full, half),
    ];
}

/** The rows as the bench's table prints them. */
export function costTable(rows: CostRow[]): string[] {
    const lines = [
        "",
        row(["cost (issue 19, in process)", "at half size", "at the issue's size", "doubling", "budget", "verdict"]),
        row(["---", "---", "---", "---", "---", "---"]),
    ];
    for (const r of rows) {
        lines.push(
            row([
                r.measure,
                `${r.halfMs.toFixed(1)} ms`,
                `${r.ms.toFixed(1)} ms`,
                `${r.growth.toFixed(2)}×`,
                `≤ ${BUDGET_MS} ms, or doubling ≤ ${LINEAR}×`,
                r.ok ? "pass" : "FAIL",
            ]),
        );
    }
    return lines;
}

function row(cells: (string | number)[]): string {
    return `| ${cells.join(" | ")} |`;
}

if (require.main === module) {
    const rows = costRows(Number(process.env.BENCH_RUNS ?? 5));
    process.stdout.write(`${costTable(rows).join("\n")}\n`);
    process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}
