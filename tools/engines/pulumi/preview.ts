// Runs `pulumi preview --policy-pack` with the real CLI, fully offline: a copy of the program in a
// temp dir, a file backend and PULUMI_HOME inside it, the offline stand-in providers and language
// host first on PATH, no update check and no plugin downloads. Nothing is written outside the temp dir.
//
// Findings come from the engine's event log (`--event-log`): `pulumi preview --json` leaves policy
// events out ("we don't handle policy events in JSON serialization", pkg/backend/display/json.go
// ShowPreviewDigest), so the event log is the one machine-readable record of what the CLI reported.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Document, isMap, isScalar, parseDocument } from "yaml";
import type { Diagnostic, Level } from "../builtin/driver";
import type { FileBackendNames } from "./cli";

/** What to preview. */
export interface PreviewOptions {
    /** The Pulumi program (a directory with Pulumi.yaml). */
    programDir: string;
    /** The policy pack directory (none: a preview without a pack). */
    packDir?: string;
    /** The directory holding `pulumi` (from tools/engines/pulumi/cli.ts). */
    cliBinDir: string;
    /** Directories put first on PATH (the stand-in providers and language host). */
    pathPrefix: string[];
    stack?: string;
    /** A --policy-pack-config file. */
    policyPackConfig?: string;
    /** Extra stack config, `key=value` (the stack file of the temp copy gets them). */
    config?: Record<string, string>;
    /** Also pass --json (the digest goes to stdout; policy findings still come from the event log). */
    json?: boolean;
    /** More environment (e.g. PATH for a specific Node.js). */
    env?: Record<string, string>;
    /** Entries of the program directory to link into the copy instead of copying (a venv that Pulumi.yaml names). */
    linkDirs?: string[];
    /** The `runtime.options` kept in the run's Pulumi.yaml (undefined: all); see hosts.ts keepHostFlags. */
    runtimeOptions?: readonly string[];
    /** Keep the temp dir (for debugging). */
    keep?: boolean;
    timeoutMs?: number;
    /**
     * Run the program where it is instead of on a copy (inPlaceProject): only Pulumi.yaml and the stack
     * file live in the temp dir. `stackConfig` is the text of that stack file (undefined: none).
     */
    inPlace?: { stackConfig?: string };
    /** Secret stack config (`pulumi config set --secret`). */
    secretConfig?: Record<string, string>;
    /** Stacks whose outputs a StackReference reads: written as checkpoints into the file backend. */
    checkpoints?: Checkpoint[];
}

/** A stack of the file backend with nothing but outputs (what a StackReference reads). */
export interface Checkpoint {
    project: string;
    stack: string;
    outputs: Record<string, unknown>;
    /** How the generation's file backend names stacks. */
    names: FileBackendNames;
}

/** The name under which a file backend of that naming stores and reads the stack PROJECT/STACK of any organization. */
export function fileBackendStackName(project: string, stack: string, names: FileBackendNames): string {
    return names === "plain" ? `${project}.${stack}` : `organization/${project}/${stack}`;
}

/** What the CLI did. */
export interface PreviewResult {
    exitCode: number;
    stdout: string;
    stderr: string;
    /** Every policy violation the engine reported, in event order. */
    diagnostics: Diagnostic[];
    /** The lines of the Policies section of the text output (empty with --json). */
    policiesSection: string[];
    /** Error diagnostics the engine reported (engine, program or provider errors). */
    errors: string[];
    /** The same errors with the URN of the resource each was reported on (empty for the run itself). */
    errorEvents?: { message: string; urn: string }[];
    /** URN → the policies that remediated it. */
    remediated: Record<string, string[]>;
    /** URNs of the program's resources the engine stepped through. */
    resources: string[];
    /** The temp dir (removed unless `keep`). */
    workDir: string;
}

const COLOR_TAG = /<\{%[^%]*%\}>/g;

/** Removes the CLI's raw colour tags (`<{%fg 1%}>`). */
export function stripColors(text: string): string {
    return text.replace(COLOR_TAG, "");
}

const LEVEL_OF_EVENT: Record<string, Level> = {
    advisory: "advisory",
    warning: "advisory",
    mandatory: "mandatory",
    remediate: "remediate",
    disabled: "disabled",
};

interface EngineEvent {
    policyEvent?: {
        resourceUrn?: string;
        message: string;
        policyName: string;
        policyPackName: string;
        policyPackVersion: string;
        enforcementLevel: string;
        severity?: string;
    };
    diagnosticEvent?: { message: string; severity: string; urn?: string };
    policyRemediationEvent?: { resourceUrn?: string; policyName: string };
    resourcePreEvent?: { metadata?: { urn?: string; type?: string } };
}

/** What an event log says: findings, remediations, engine errors and the resources it stepped through. */
export interface EventLogSummary {
    diagnostics: Diagnostic[];
    /** URN → the policies that remediated it. */
    remediated: Record<string, string[]>;
    errors: string[];
    errorEvents: { message: string; urn: string }[];
    /** URNs of the program's resources (not providers, not the root Stack), in step order. */
    resources: string[];
}

/** Reads the policy violations and error diagnostics out of an `--event-log` file. */
export function readEventLog(text: string): EventLogSummary {
    const diagnostics: Diagnostic[] = [];
    const errors: string[] = [];
    const errorEvents: { message: string; urn: string }[] = [];
    const remediated: Record<string, string[]> = {};
    const resources = new Set<string>();
    for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        let event: EngineEvent;
        try {
            event = JSON.parse(line) as EngineEvent;
        } catch {
            continue; // a line cut short by a killed CLI
        }
        const p = event.policyEvent;
        if (p) {
            diagnostics.push({
                policyName: p.policyName,
                policyPackName: p.policyPackName,
                policyPackVersion: p.policyPackVersion,
                description: "",
                message: stripColors(p.message).replace(/\n$/, ""),
                enforcementLevel: LEVEL_OF_EVENT[p.enforcementLevel] ?? "advisory",
                urn: p.resourceUrn ?? "",
                severity: p.severity ?? "",
            });
        }
        const d = event.diagnosticEvent;
        if (d && d.severity === "error") {
            errors.push(stripColors(d.message).trim());
            errorEvents.push({ message: stripColors(d.message).trim(), urn: d.urn ?? "" });
        }
        const rem = event.policyRemediationEvent;
        if (rem?.resourceUrn) (remediated[rem.resourceUrn] ??= []).push(rem.policyName);
        const meta = event.resourcePreEvent?.metadata;
        if (meta?.urn && meta.type && !meta.type.startsWith("pulumi:providers:") && meta.type !== "pulumi:pulumi:Stack")
            resources.add(meta.urn);
    }
    return { diagnostics, remediated, errors, errorEvents, resources: [...resources] };
}

/**
 * The policy section of `pulumi preview`'s text output, line by line: `Policies:` (v3.274.1: one line
 * per pack with ✅/❌, then its findings) or, from CLIs of the v3.60 generation, `Policy Violations:`
 * (printed only when there are findings; no pack line, no severity).
 */
export function policiesSection(stdout: string): string[] {
    const lines = stripColors(stdout).split("\n");
    const start = lines.findIndex((l) => l.trimEnd() === "Policies:" || l.trimEnd() === "Policy Violations:");
    if (start < 0) return [];
    const out: string[] = [];
    for (const line of lines.slice(start)) {
        if (out.length > 0 && line.trim() !== "" && !/^\s/.test(line)) break; // the next section
        out.push(line.trimEnd());
    }
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out;
}

/** One finding as the text output prints it. */
export interface TextEntry {
    level: string;
    /** The `[severity: x]` column (v3.274.1; undefined where the CLI prints none). */
    severity?: string;
    pack: string;
    version: string;
    policy: string;
    /** The resource's type as printed (v3.274.1 `gcp:cloudrunv2:Service`, v3.60 the full token) and name. */
    type: string;
    name: string;
    /** The description and message lines, unindented. */
    lines: string[];
}

// v3.274.1: pack line `    ❌ name@v1.2.3 (local: dir)`, entry `        - [level] [severity: s]  policy  (type: name)`, lines indented 10.
const PACK_LINE = /^ {4}\S+ (\S+)@v(\S+)(?: \(.*\))?$/;
const ENTRY_274 = /^ {8}- \[(\w+)\](?: \[severity: (\w*)\])? {2}(\S+)(?: {2}\((.*): (.*)\))?$/;
// v3.60: entry `    [level]  pack v1.2.3  policy (type: name)`, lines indented 4 (progress.go printPolicyViolations).
const ENTRY_60 = /^ {4}\[(\w+)\] {2}(.*) v(\S+) {2}(\S+) \((.*): (.*)\)$/;

/** The findings of a policy section (either format), in printed order. */
export function textEntries(section: string[]): TextEntry[] {
    const out: TextEntry[] = [];
    let pack = { name: "", version: "" };
    let indent = 0;
    for (const line of section.slice(1)) {
        let m: RegExpExecArray | null;
        if ((m = ENTRY_274.exec(line))) {
            out.push({ level: m[1], severity: m[2], ...packOf(pack), policy: m[3], type: m[4] ?? "", name: m[5] ?? "", lines: [] });
            indent = 10;
        } else if ((m = ENTRY_60.exec(line))) {
            out.push({ level: m[1], pack: m[2], version: m[3], policy: m[4], type: m[5], name: m[6], lines: [] });
            indent = 4;
        } else if (indent !== 4 && (m = PACK_LINE.exec(line))) {
            pack = { name: m[1], version: m[2] };
            indent = 0;
        } else if (out.length && line.trim() !== "") {
            out[out.length - 1].lines.push(line.slice(Math.min(indent, line.length - line.trimStart().length)));
        }
    }
    return out;
}

function packOf(p: { name: string; version: string }): { pack: string; version: string } {
    return { pack: p.name, version: p.version };
}

/**
 * An engine error's first line; when that line only introduces what follows (`... failed with an
 * unhandled exception:`), the exception's own line too, without Node's `<ref *1>` marker.
 */
function firstLine(error: string): string {
    const [first, ...rest] = error.split("\n");
    if (!first.endsWith(":")) return first;
    const own = rest.map((l) => l.trim().replace(/^<ref \*\d+> /, "")).find((l) => l && !l.startsWith("at "));
    return own ? `${first} ${own}` : first;
}

/**
 * Why a preview failed, in one line: the first engine error that says something, else the first
 * `error:` line of the text output. When a v3.60-generation host exits (no SDK, no node), the event
 * log holds only `error reading from server: EOF` and the host's own words are in stdout.
 */
export function failureReason(r: Pick<PreviewResult, "errors" | "stdout" | "stderr" | "exitCode">): string {
    const uninformative = (e: string) => !e.trim() || e === "preview failed" || /^error reading from server: EOF$/.test(e.trim());
    const fromLog = r.errors.find((e) => !uninformative(e));
    if (fromLog) return firstLine(fromLog);
    const printed = stripColors(r.stdout)
        .split("\n")
        .map((l) => l.trim())
        .find((l) => l.startsWith("error: ") && !uninformative(l.slice(7)));
    if (printed) return printed.slice(7);
    const panic = r.stdout.split("\n").find((l) => l.startsWith("panic: "));
    if (panic) return panic;
    const said = r.stderr
        .trim()
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("warning: "))
        .pop();
    return said || `exit code ${r.exitCode}`;
}

/** The PATH of an offline CLI run: `pathPrefix`, then the CLI's directory, then `basePath` (the caller's PATH). */
export function previewPath(pathPrefix: readonly string[], cliBinDir: string, basePath = process.env.PATH ?? ""): string {
    return [...pathPrefix, cliBinDir, basePath].join(path.delimiter);
}

/** The environment of an offline CLI run rooted at `workDir`. */
export function offlineEnv(workDir: string, opts: Pick<PreviewOptions, "cliBinDir" | "pathPrefix" | "env">): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) {
        // Never reach a real backend or cloud from here.
        if (key.startsWith("PULUMI_") || key.startsWith("GOOGLE_") || key === "CLOUDSDK_CORE_PROJECT") delete env[key];
    }
    Object.assign(env, {
        PULUMI_BACKEND_URL: `file://${path.join(workDir, "state")}`,
        PULUMI_HOME: path.join(workDir, "home"),
        PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "cloud-run-binauthz-offline",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        NO_COLOR: "1",
        // --event-log is a hidden flag in v3.274: without this the CLI answers "unknown flag: --event-log".
        PULUMI_DEBUG_COMMANDS: "true",
        // The file backend otherwise serialises the whole deployment after every step, even in a preview
        // (SnapshotManager.saveSnapshot was 60% of the CPU in a profile): O(n^2), 22 s for 500 resources
        // instead of 4 s. It skips state checkpoints only (sdk/go/common/env/env.go SkipCheckpoints).
        PULUMI_SKIP_CHECKPOINTS: "true",
    });
    Object.assign(env, opts.env ?? {});
    env.PATH = previewPath(opts.pathPrefix, opts.cliBinDir, opts.env?.PATH);
    return env;
}

/** Copies the program into `dest`, linking (not copying) node_modules and venvs and skipping VCS dirs. */
export function copyProgram(src: string, dest: string, linkDirs: readonly string[] = []): void {
    fs.mkdirSync(dest, { recursive: true });
    for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
        if (entry.name === ".git" || entry.name === ".pulumi") continue;
        const from = path.join(src, entry.name);
        const to = path.join(dest, entry.name);
        if (entry.name === "node_modules" || entry.name === "venv" || entry.name === ".venv" || linkDirs.includes(entry.name))
            fs.symlinkSync(fs.realpathSync(from), to);
        else if (entry.isDirectory()) copyProgram(from, to);
        else if (entry.isFile()) fs.copyFileSync(from, to);
        else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    }
}

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/**
 * The project for a run in place, in `dest`: the program's Pulumi.yaml with `main:` made absolute (the
 * CLI accepts an absolute main, pkg/engine/project.go getPwdMain), so the language host runs the
 * program in its own directory, and files it reads beside or above it, its node_modules and its
 * imports resolve as in a real preview; `stackConfigDir` dropped, so the stack file is the one in
 * `dest`; a relative `virtualenv` option made absolute. The root's other entries are linked into
 * `dest`, so paths relative to pulumi.getRootDirectory() resolve too. Nothing is written in `src`.
 */
export function inPlaceProject(src: string, dest: string, runtimeOptions?: readonly string[]): void {
    const root = path.resolve(src);
    const file = PROJECT_FILES.map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
    if (!file) throw new Error(`${src} has no Pulumi.yaml`);
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    const main = doc.get("main");
    doc.set("main", path.resolve(root, typeof main === "string" && main ? main : "."));
    doc.delete("stackConfigDir");
    const venv = doc.getIn(["runtime", "options", "virtualenv"]);
    if (typeof venv === "string" && venv && !path.isAbsolute(venv))
        doc.setIn(["runtime", "options", "virtualenv"], path.resolve(root, venv));
    if (runtimeOptions) keepRuntimeOptions(doc, runtimeOptions);
    fs.mkdirSync(dest, { recursive: true });
    fs.writeFileSync(path.join(dest, "Pulumi.yaml"), doc.toString());
    for (const entry of fs.readdirSync(root)) {
        if (PROJECT_FILES.includes(entry) || /^Pulumi\..+\.ya?ml$/.test(entry) || entry === ".pulumi") continue;
        fs.symlinkSync(path.join(root, entry), path.join(dest, entry));
    }
}

/** Leaves out of a Pulumi.yaml every `runtime.options` entry but those in `keep`. */
function keepRuntimeOptions(doc: Document, keep: readonly string[]): void {
    const options = doc.getIn(["runtime", "options"]);
    if (!isMap(options)) return;
    for (const item of [...options.items]) {
        const key = isScalar(item.key) ? item.key.value : item.key;
        if (typeof key !== "string" || !keep.includes(key)) options.delete(item.key);
    }
}

/** The copy's Pulumi.yaml with only the `runtime.options` in `keep`. */
function keepCopiedRuntimeOptions(programDir: string, keep: readonly string[]): void {
    const file = PROJECT_FILES.map((f) => path.join(programDir, f)).find((f) => fs.existsSync(f));
    if (!file) return;
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    keepRuntimeOptions(doc, keep);
    fs.rmSync(file); // a link copied as a link: write the copy's own file, never the program's
    fs.writeFileSync(file, doc.toString());
}

/** Writes a checkpoint holding only the root Stack's outputs, as the file backend stores a stack. */
export function writeCheckpoint(stateDir: string, c: Checkpoint): void {
    const name = fileBackendStackName(c.project, c.stack, c.names);
    // Project-scoped: .pulumi/stacks/PROJECT/STACK.json; plain (v3.60): .pulumi/stacks/NAME.json.
    const file = path.join(stateDir, ".pulumi", "stacks", ...(c.names === "plain" ? [name] : [c.project, c.stack])) + ".json";
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const urn = `urn:pulumi:${c.stack}::${c.project}::pulumi:pulumi:Stack::${c.project}-${c.stack}`;
    const checkpoint = {
        version: 3,
        checkpoint: {
            stack: name,
            latest: {
                manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "" },
                resources: [{ urn, custom: false, type: "pulumi:pulumi:Stack", outputs: c.outputs }],
            },
        },
    };
    fs.writeFileSync(file, JSON.stringify(checkpoint));
}

/**
 * A program without its own node_modules resolves packages from the nearest ancestor's, as Node does;
 * the copy gets a link to that one so that it resolves the same packages from the temp dir.
 */
function linkNearestNodeModules(src: string, copy: string): void {
    if (fs.existsSync(path.join(copy, "node_modules"))) return;
    for (let dir = path.dirname(src); ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules");
        if (fs.existsSync(candidate)) {
            fs.symlinkSync(fs.realpathSync(candidate), path.join(copy, "node_modules"));
            return;
        }
        if (path.dirname(dir) === dir) return;
    }
}

/** Runs a command to its end and collects its output; killed after `timeoutMs` when one is given. */
export function runCommand(
    cmd: string,
    args: string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
    timeoutMs?: number,
): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (b: Buffer) => out.push(b));
        child.stderr.on("data", (b: Buffer) => err.push(b));
        const timer = timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.on("error", (e) => {
            clearTimeout(timer);
            reject(e);
        });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            const stderr =
                Buffer.concat(err).toString("utf8") +
                (signal ? `\n${cmd} killed by ${signal}${timeoutMs === undefined ? "" : ` after ${timeoutMs} ms`}` : "");
            resolve({ code: code ?? 128, stdout: Buffer.concat(out).toString("utf8"), stderr });
        });
    });
}

/** Runs one offline `pulumi preview --policy-pack` and collects what the CLI reported. */
export async function pulumiPreview(opts: PreviewOptions): Promise<PreviewResult> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "crb-pulumi-"));
    const stack = opts.stack ?? "dev";
    const timeoutMs = opts.timeoutMs ?? 600_000;
    try {
        const programDir = path.join(workDir, "program");
        if (opts.inPlace) {
            inPlaceProject(opts.programDir, programDir, opts.runtimeOptions);
            if (opts.inPlace.stackConfig !== undefined)
                fs.writeFileSync(path.join(programDir, `Pulumi.${stack}.yaml`), opts.inPlace.stackConfig);
        } else {
            copyProgram(path.resolve(opts.programDir), programDir, opts.linkDirs);
            linkNearestNodeModules(path.resolve(opts.programDir), programDir);
            if (opts.runtimeOptions) keepCopiedRuntimeOptions(programDir, opts.runtimeOptions);
        }
        fs.mkdirSync(path.join(workDir, "state"));
        const env = offlineEnv(workDir, opts);
        const init = await runCommand("pulumi", ["stack", "init", stack, "--non-interactive"], programDir, env, timeoutMs);
        if (init.code !== 0) {
            return {
                exitCode: init.code,
                stdout: init.stdout,
                stderr: init.stderr,
                diagnostics: [],
                policiesSection: [],
                errors: [init.stderr.trim()],
                remediated: {},
                resources: [],
                workDir,
            };
        }
        // After stack init, so that the backend has its project layout (meta.yaml) before other stacks appear.
        for (const c of opts.checkpoints ?? []) writeCheckpoint(path.join(workDir, "state"), c);
        const settings = [
            ...Object.entries(opts.config ?? {}).map(([k, v]) => [k, v, false] as const),
            ...Object.entries(opts.secretConfig ?? {}).map(([k, v]) => [k, v, true] as const),
        ];
        for (const [key, value, secret] of settings) {
            const flags = secret ? ["--secret"] : [];
            const set = await runCommand(
                "pulumi",
                ["config", "set", ...flags, "--stack", stack, "--", key, value],
                programDir,
                env,
                timeoutMs,
            );
            if (set.code !== 0)
                return {
                    exitCode: set.code,
                    stdout: set.stdout,
                    stderr: set.stderr,
                    diagnostics: [],
                    policiesSection: [],
                    errors: [set.stderr.trim()],
                    remediated: {},
                    resources: [],
                    workDir,
                };
        }
        const eventLog = path.join(workDir, "events.jsonl");
        const args = ["preview", "--non-interactive", "--stack", stack, "--event-log", eventLog];
        if (opts.packDir) args.push("--policy-pack", path.resolve(opts.packDir));
        if (opts.policyPackConfig) args.push("--policy-pack-config", path.resolve(opts.policyPackConfig));
        if (opts.json) args.push("--json");
        const preview = await runCommand("pulumi", args, programDir, env, timeoutMs);
        const events = readEventLog(fs.existsSync(eventLog) ? fs.readFileSync(eventLog, "utf8") : "");
        return {
            exitCode: preview.code,
            stdout: preview.stdout,
            stderr: preview.stderr,
            ...events,
            policiesSection: opts.json ? [] : policiesSection(preview.stdout),
            workDir,
        };
    } finally {
        if (!opts.keep) fs.rmSync(workDir, { recursive: true, force: true });
    }
}
