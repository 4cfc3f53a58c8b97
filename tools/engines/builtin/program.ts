// The built-in engine's program runner, parent side: reads the project and stack as the CLI does
// (project.ts), then runs the program in a fresh Node process (capture.ts) that reports back
// through a result file, so any amount of program output is fine.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CaptureJob, CaptureResult } from "./capture";
import type { StackContext, WireResource } from "./driver";
import { mergeConfig, programLocation, readProject, Refusal } from "./project";
import type { StackOutputs } from "../program/stackOutputs";
import type { ComponentEvent } from "../pulumi/standins/events";

/** What a program run needs beyond the stack context. */
export interface ProgramOptions {
    /** False when --stack was not given (the default stack), see chooseStack. */
    stackGiven?: boolean;
    /** --stack-outputs: what StackReferences read. */
    stackOutputs?: StackOutputs[];
    /** The environment the passphrase comes from (default: this process's). */
    env?: NodeJS.ProcessEnv;
}

/** How long a program may run before the check gives up on it. */
const TIMEOUT_MS = Number(process.env.BINAUTHZ_CHECK_PROGRAM_TIMEOUT_MS) || 300_000;
/** How much of the program's own output is kept to explain a crash. */
const TAIL = 16 * 1024;

function keepTail(buf: string, chunk: Buffer): string {
    const s = buf + chunk.toString("utf8");
    return s.length > TAIL ? s.slice(-TAIL) : s;
}

/** The job for a program directory: where and how to run it, with which config. */
export function programJob(dir: string, base: StackContext, resultFile: string, opts: ProgramOptions = {}): CaptureJob {
    const project = readProject(dir);
    const { pwd, entry } = programLocation(project);
    const merged = mergeConfig(project, base.stack, base.config, { stackGiven: opts.stackGiven, env: opts.env });
    const ts = project.options.typescript;
    const tsconfig = project.options.tsconfig;
    return {
        root: project.root,
        label: dir,
        pwd,
        entry,
        typescript: ts === undefined ? true : ts === true,
        tsconfig: typeof tsconfig === "string" ? tsconfig : undefined,
        ctx: { ...base, project: project.name, config: merged.config },
        secretKeys: merged.secretKeys,
        undecryptable: merged.refusals,
        stackOutputs: opts.stackOutputs ?? [],
        resultFile,
    };
}

/** Runs the program in `dir` under mocks; a program the engine cannot run faithfully is a Refusal. */
export async function runProgram(
    dir: string,
    base: StackContext,
    opts: ProgramOptions = {},
): Promise<{ resources: WireResource[]; ctx: StackContext; components: ComponentEvent[] }> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "binauthz-check-"));
    try {
        const job = programJob(dir, base, path.join(tmp, "result.json"), opts);
        const jobFile = path.join(tmp, "job.json");
        fs.writeFileSync(jobFile, JSON.stringify(job));
        const { code, signal, output } = await runChild(jobFile, job.pwd);
        let result: CaptureResult | undefined;
        try {
            result = JSON.parse(fs.readFileSync(job.resultFile, "utf8")) as CaptureResult;
        } catch {
            result = undefined;
        }
        if (!result) {
            const why = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
            throw new Refusal(`the program in ${dir} ${why} before it finished${lastWords(output)}`);
        }
        if (!result.ok) throw new Refusal(result.refusal);
        return { resources: result.resources, ctx: job.ctx, components: result.components };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** The last meaningful line the program printed, to say why it stopped. */
function lastWords(output: string): string {
    const lines = output
        .split(/\r?\n/)
        .map((l) => l.replace(/\p{Cc}/gu, " ").trim())
        .filter((l) => l && !/^at /.test(l));
    const entry = lines.find((l) => l.startsWith("We failed to locate the entry point"));
    const line = entry ?? lines[lines.length - 1];
    return line ? `: ${line.slice(0, 300)}` : "";
}

function runChild(jobFile: string, cwd: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
    return new Promise((resolve) => {
        // A preview resolves outputs the provider did not give as unknown; the legacy switch would fill them from inputs.
        const env = { ...process.env };
        delete env.PULUMI_ENABLE_LEGACY_APPLY;
        const child = spawn(process.execPath, [path.join(__dirname, "capture.js"), jobFile], {
            cwd,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (c: Buffer) => (output = keepTail(output, c)));
        child.stderr.on("data", (c: Buffer) => (output = keepTail(output, c)));
        const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, output });
        });
    });
}
