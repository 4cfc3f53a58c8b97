// `check --engine pulumi`: the program through the real CLI's `pulumi preview --policy-pack`, offline,
// with the result in the same shape as the built-in engine's, so every report format works on both.
//
// Before the preview, check reads the program as the CLI will, and prepares what an offline run needs:
// - the project in a temp dir with `main:` pointing at the program, which runs where it is (files it
//   reads beside or above its directory, its node_modules and imports resolve as in a real preview);
// - the stack config: the stack's file, or none (empty config), as chooseStack decides for both engines;
//   secure values the CLI could not decrypt here (no or another passphrase, a KMS or Pulumi Cloud
//   secrets provider) are taken out, and a program whose sources name one is refused in one line;
// - a stand-in provider on PATH for every package the program needs (program/packages.ts);
// - a checkpoint in the file backend for each --stack-outputs, which StackReferences read.
// After it, engine and program errors become the same one-line refusals the built-in engine gives.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument, parse as parseYaml } from "yaml";
import { DEFAULT_CONTEXT, PackProcess } from "../builtin/driver";
import type { RunResult } from "../builtin/run";
import { InputError } from "../builtin/sources";
import { configKey, type Project, readAnyProject, Refusal } from "../builtin/project";
import { cloudInvokeRefusal, NO_PROJECT } from "../gcp/invokes";
import { SCHEMA_PACKAGES } from "../gcp/schema";
import { withUncheckedComponents } from "../program/components";
import { firstMeaningfulLine, missingVenvRefusal, npmInstallRefusal, pipInstallRefusal } from "../program/errors";
import { byName, nodePackages, type ProgramPackage, pythonPackages, sitePackagesDirs, yamlPackages } from "../program/packages";
import { hasSecure, programSources, sourcesMention, stackSecrets, undecryptableRefusal } from "../program/secrets";
import { chooseStack } from "../program/stack";
import { findStackOutputs, type StackOutputs, stackReferenceRefusal } from "../program/stackOutputs";
import {
    DEFAULT_GENERATION,
    findPulumiCli,
    GENERATIONS,
    type GenerationId,
    generationOf,
    HOW_TO_GET_CLI,
    howToGet,
    type PulumiCli,
    whichAll,
} from "./cli";
import { missingHost, RouteError, routeFor } from "./hosts";
import { TOOLS_ROOT } from "../../paths";
import { type Checkpoint, fileBackendStackName, type PreviewResult, previewPath, pulumiPreview } from "./preview";
import { readStandinEvents, STANDIN_EVENTS_VAR } from "./standins/events";
import { writeHostInterposer, writeLaunchers } from "./standins/launchers";
import { STACK_REFERENCES_VAR } from "./standins/stackReferences";

/** The stand-in providers and language host (tools/engines/pulumi/standins/bin). */
export const STANDINS_BIN = path.join(TOOLS_ROOT, "engines", "pulumi", "standins", "bin");

/** The passphrase of the temp stack when the program's own stack secrets cannot be read here. */
const OFFLINE_PASSPHRASE = "cloud-run-binauthz-offline";

/** What an undecryptable secure key Pulumi.yaml declares without a default holds in the temp stack. */
export const UNDECRYPTABLE_PLACEHOLDER = "[secret not decryptable offline: pass it with --config]";

/** Whether Pulumi.yaml declares the key without a value or default: the CLI refuses a stack without it. */
function requiredByProject(project: Project, full: string): boolean {
    const bare = full.startsWith(`${project.name}:`) ? full.slice(project.name.length + 1) : full;
    const decl = project.config[bare] ?? project.config[full];
    return !!decl && decl.default === undefined && decl.value === undefined;
}

/** What to run through the CLI. */
export interface PulumiRunOptions {
    programDir: string;
    packDir: string;
    stack: string;
    /** False when --stack was not given (the default stack), see chooseStack. */
    stackGiven?: boolean;
    config: Record<string, string>;
    policyPackConfig?: string;
    /** --stack-outputs: what StackReferences read. */
    stackOutputs?: StackOutputs[];
    cli?: PulumiCli;
    /** The environment the passphrase comes from (default: this process's). */
    env?: NodeJS.ProcessEnv;
}

/** The runtime a Pulumi.yaml names (`runtime: x` or `runtime: { name: x }`). */
export function programRuntime(programDir: string): string | undefined {
    const file = path.join(programDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) return undefined;
    const doc = parseYaml(fs.readFileSync(file, "utf8")) as { runtime?: unknown } | null;
    const rt = doc?.runtime;
    if (typeof rt === "string") return rt;
    if (rt && typeof rt === "object" && typeof (rt as { name?: unknown }).name === "string") return (rt as { name: string }).name;
    return undefined;
}

/** Why this CLI cannot run a program of `runtime` here, or undefined when it can (hosts.ts decides). */
export function unsupportedRuntime(runtime: string, cli: PulumiCli): string | undefined {
    return missingHost(runtime, cli);
}

/** The directory the language host runs the program in (Pulumi.yaml `main:`, a directory or a file's). */
function programPwd(project: Project): string {
    if (!project.main) return project.root;
    const main = path.resolve(project.root, project.main);
    if (!fs.existsSync(main)) throw new Refusal(`Pulumi.yaml main: ${project.main} does not exist in ${project.root}; fix \`main:\``);
    return fs.statSync(main).isDirectory() ? main : path.dirname(main);
}

/** A relative `virtualenv` runtime option, resolved against the project root (where the Python host resolves it). */
function virtualenvOf(project: Project): string | undefined {
    const v = project.options.virtualenv;
    return typeof v === "string" && v ? v : undefined;
}

/** Refuses a program whose dependencies are not installed, before the CLI gives a worse message. */
function checkDependencies(project: Project, pwd: string, label: string): void {
    if (project.runtime === "nodejs") {
        try {
            require.resolve("@pulumi/pulumi/package.json", { paths: [pwd] });
        } catch {
            throw new Refusal(npmInstallRefusal(label, pwd, "@pulumi/pulumi"));
        }
    }
    const venv = virtualenvOf(project);
    if (project.runtime === "python" && venv && !fs.existsSync(path.resolve(project.root, venv)))
        throw new Refusal(missingVenvRefusal(label, venv));
}

/** The packages the program needs, as its language host finds them. */
function programPackages(project: Project, pwd: string): ProgramPackage[] {
    if (project.runtime === "nodejs") return nodePackages(pwd);
    if (project.runtime === "python") {
        const venv = virtualenvOf(project);
        return venv ? sitePackagesDirs(path.resolve(project.root, venv)).flatMap(pythonPackages) : [];
    }
    if (project.runtime === "yaml") {
        const files = [path.join(project.root, "Pulumi.yaml"), path.join(pwd, "Main.yaml"), path.join(pwd, "Pulumi.yaml")];
        return yamlPackages([...new Set(files)].filter((f) => fs.existsSync(f)));
    }
    return [];
}

/** The one line for a YAML program using a package without a schema here (pulumi-yaml needs the schema). */
export function yamlSchemaRefusal(label: string, pkg: string): string {
    return (
        `the YAML program in ${label} uses the package '${pkg}', which check has no schema for ` +
        `(it has ${SCHEMA_PACKAGES.join(", ")}); Pulumi YAML needs a package's schema to run a program`
    );
}

/** The stack file the temp stack gets, and what could not be carried over. */
interface StackPlan {
    stack: string;
    text?: string;
    passphrase: string;
    /** Secure keys taken out (no --config gave them), with the refusal for a program that reads one. */
    undecryptable: Map<string, string>;
    /** --config values of keys that are secret in the stack file or the project. */
    secretConfig: Record<string, string>;
    config: Record<string, string>;
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads the stack's file and decides what the temp stack holds (see the header). */
function planStack(project: Project, opts: PulumiRunOptions, env: NodeJS.ProcessEnv): StackPlan {
    const choice = chooseStack(project.root, project.stackConfigDir, opts.stackGiven === false ? undefined : opts.stack);
    if ("refusal" in choice) throw new Refusal(choice.refusal);
    const overrides = new Map(Object.entries(opts.config).map(([k, v]) => [configKey(project.name, k), v]));
    const projectSecret = (full: string) => {
        const bare = full.startsWith(`${project.name}:`) ? full.slice(project.name.length + 1) : full;
        return !!(project.config[bare]?.secret || project.config[full]?.secret);
    };
    const plan: StackPlan = { stack: choice.stack, passphrase: OFFLINE_PASSPHRASE, undecryptable: new Map(), secretConfig: {}, config: {} };
    const secureInFile = new Set<string>();
    if (choice.file) {
        const text = fs.readFileSync(choice.file, "utf8");
        const doc = parseDocument(text);
        const raw = doc.toJS() as unknown;
        if (isObject(raw) && raw.environment !== undefined)
            throw new Refusal(
                `${choice.file} imports a Pulumi ESC environment, which cannot be resolved offline; pass its values with --config KEY=VALUE`,
            );
        const config = isObject(raw) && isObject(raw.config) ? raw.config : {};
        const secure = Object.keys(config).filter((k) => hasSecure(config[k]));
        for (const k of secure) secureInFile.add(configKey(project.name, k));
        const secrets = stackSecrets(raw, env);
        if (secrets.decrypt && secrets.passphrase !== undefined) {
            plan.text = text;
            plan.passphrase = secrets.passphrase;
        } else {
            // The CLI would fail on the secrets manager; the temp stack gets a fresh one, without these keys.
            for (const k of ["encryptionsalt", "encryptedkey", "secretsprovider"]) doc.delete(k);
            for (const k of secure) {
                doc.deleteIn(["config", k]);
                const full = configKey(project.name, k);
                if (overrides.has(full)) continue;
                plan.undecryptable.set(full, undecryptableRefusal(full, choice.file, secrets));
                // Without it the CLI stops at "Stack 'dev' is missing configuration value"; a program whose
                // sources read it is refused before the preview (refuseUndecryptableReads).
                if (requiredByProject(project, full)) plan.secretConfig[full] = UNDECRYPTABLE_PLACEHOLDER;
            }
            plan.text = doc.toString();
        }
    }
    for (const [k, v] of overrides) {
        if (secureInFile.has(k) || projectSecret(k)) plan.secretConfig[k] = v;
        else plan.config[k] = v;
    }
    return plan;
}

/** Refuses a program whose sources read a secure value the temp stack does not have. */
function refuseUndecryptableReads(plan: StackPlan, dirs: string[]): void {
    if (plan.undecryptable.size === 0) return;
    const sources = [...new Set(dirs)].flatMap((d) => programSources(d));
    for (const [key, refusal] of plan.undecryptable) if (sourcesMention(sources, key)) throw new Refusal(refusal);
}

/**
 * The checkpoints StackReferences read, named as the generation's file backend names stacks, and the
 * names a monitor proxy rewrites to them (standins/stackReferences.ts): each given ORG/PROJECT/STACK,
 * and for a stack of the program's own project its short forms ORG/STACK and STACK, which
 * findStackOutputs resolves the same way.
 */
export function stackReferences(
    entries: StackOutputs[],
    cli: Pick<PulumiCli, "generation">,
    currentProject: string,
): { checkpoints: Checkpoint[]; rewritten: Record<string, string> } {
    const names = GENERATIONS[cli.generation].fileBackendNames;
    const rewritten: Record<string, string> = {};
    for (const e of entries) {
        const target = fileBackendStackName(e.project, e.stack, names);
        const asked = e.project === currentProject ? [e.name, `${e.org}/${e.stack}`, e.stack] : [e.name];
        for (const name of asked) if (name !== target && findStackOutputs(name, currentProject, entries) === e) rewritten[name] = target;
    }
    return { checkpoints: entries.map((e) => ({ project: e.project, stack: e.stack, outputs: e.outputs, names })), rewritten };
}

/**
 * The PATH entry that puts hostInterposer.ts in front of the language host the run's PATH gives, when a
 * StackReference is rewritten and that host is Pulumi's own (the stand-in's own monitor proxy
 * rewrites it); else none.
 */
function interposerDir(work: string, runtime: string, cli: PulumiCli, rewrites: number, pathPrefix: string[]): string[] {
    if (rewrites === 0) return [];
    const real = whichAll(`pulumi-language-${runtime}`, previewPath(pathPrefix, cli.binDir))[0];
    if (!real || path.dirname(real) === STANDINS_BIN) return [];
    const dir = path.join(work, "interpose");
    writeHostInterposer(dir, runtime, real);
    return [dir];
}

/** The refusal for a failed preview, in the built-in engine's words where the cause is the same. */
export function previewFailure(
    result: Pick<PreviewResult, "errors" | "errorEvents" | "stderr" | "exitCode"> & { stdout?: string },
    ctx: FailureContext,
): Refusal | InputError {
    const events = result.errorEvents ?? result.errors.map((message) => ({ message, urn: "" }));
    // Pulumi YAML reports its own errors as messages, not error diagnostics: they are in the Diagnostics section.
    const printed = diagnosticErrors(result.stdout ?? "");
    const text = [...result.errors, ...printed, result.stderr].join("\n");
    const invoke = /the program calls (\S+), which needs the cloud to answer/.exec(text);
    if (invoke) return new Refusal(cloudInvokeRefusal(invoke[1]));
    if (text.includes(NO_PROJECT)) return new Refusal(NO_PROJECT);
    const ref = events.find((e) => e.urn.split("::")[2]?.split("$").pop() === "pulumi:pulumi:StackReference");
    if (ref) {
        const name = ref.urn.split("::").slice(3).join("::");
        return new Refusal(stackReferenceRefusal(name, ctx.project));
    }
    const missingConfig = /Missing required configuration variable '([^']+)'/.exec(text);
    if (missingConfig) {
        const key = missingConfig[1];
        const secret = ctx.undecryptable.get(key);
        if (secret) return new Refusal(secret);
        return new Refusal(
            `the program in ${ctx.label} requires config '${key}'; pass --config ${key}=VALUE or add it to Pulumi.${ctx.stack}.yaml`,
        );
    }
    const module = /Cannot find (?:module|package) '([^'./][^']*)'/.exec(text);
    if (module && !path.isAbsolute(module[1])) {
        const parts = module[1].split("/");
        return new Refusal(npmInstallRefusal(ctx.label, ctx.pwd, module[1].startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]));
    }
    const pyModule = /No module named '([^']+)'/.exec(text);
    if (pyModule) return new Refusal(pipInstallRefusal(ctx.label, pyModule[1].split(".")[0], ctx.venv));
    const program = events.find((e) =>
        /^Running program '.*' failed|^Program failed with an unhandled exception|Traceback \(most recent call last\)/m.test(e.message),
    );
    if (program)
        return new Refusal(`the program in ${ctx.label} failed: ${firstMeaningfulLine(program.message) ?? "it exited with an error"}`);
    const exited = events.find((e) => /Program exited with non-zero exit code/.test(e.message));
    if (exited) {
        const line = firstMeaningfulLine(result.stderr) ?? firstMeaningfulLine(exited.message);
        return new Refusal(`the program in ${ctx.label} failed: ${line ?? exited.message}`);
    }
    if (printed.length) return new Refusal(`the program in ${ctx.label} failed: ${printed[0]}`);
    const reason =
        events.map((e) => firstMeaningfulLine(e.message)).find((l) => l) ??
        firstMeaningfulLine(result.stderr) ??
        `exit code ${result.exitCode}`;
    return new InputError(`pulumi preview failed: ${reason}`);
}

/** `Error: ...` lines of the text output's Diagnostics section (colours stripped), as Pulumi YAML prints them. */
export function diagnosticErrors(stdout: string): string[] {
    const lines = stdout.split("\n");
    const start = lines.findIndex((l) => l.trimEnd() === "Diagnostics:");
    if (start < 0) return [];
    const out: string[] = [];
    for (const raw of lines.slice(start + 1)) {
        // eslint-disable-next-line no-control-regex -- the CLI's colour codes
        const line = raw.replace(/\u001b\[[0-9;]*m/g, "");
        if (line.trim() !== "" && !/^\s/.test(line)) break; // the next section
        const m = /^\s+Error: (.+)$/.exec(line);
        if (m) out.push(m[1].trim());
    }
    return out;
}

/** What previewFailure needs to word a refusal. */
export interface FailureContext {
    label: string;
    pwd: string;
    project: string;
    stack: string;
    venv?: string;
    undecryptable: Map<string, string>;
}

/** Runs the program through the real CLI and reports it like the built-in engine does. */
export async function runWithPulumi(opts: PulumiRunOptions): Promise<RunResult> {
    const generation = cliGeneration();
    const cli = opts.cli ?? findPulumiCli(generation);
    if (!cli) throw new InputError(generation === DEFAULT_GENERATION ? HOW_TO_GET_CLI : howToGet(generation));
    const runtime = programRuntime(opts.programDir);
    if (!runtime) throw new InputError(`${opts.programDir} has no Pulumi.yaml with a runtime: is it a Pulumi program?`);
    const why = unsupportedRuntime(runtime, cli);
    if (why) throw new InputError(why);
    // The language host's route (hosts.ts): Pulumi's own hosts, a Python program's venv set up or reused.
    const route = runtimeRoute(opts.programDir, runtime, cli);
    const env = opts.env ?? process.env;
    const project = readAnyProject(opts.programDir);
    const label = opts.programDir;
    const pwd = programPwd(project);
    checkDependencies(project, pwd, label);
    const plan = planStack(project, opts, env);
    refuseUndecryptableReads(plan, [project.root, pwd]);
    const packages = byName(programPackages(project, pwd));
    if (runtime === "yaml") {
        const missing = packages.find((p) => !(SCHEMA_PACKAGES as readonly string[]).includes(p.name));
        if (missing) throw new Refusal(yamlSchemaRefusal(label, missing.name));
    }
    const refs = stackReferences(opts.stackOutputs ?? [], cli, project.name);
    const packDir = path.resolve(opts.packDir);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "crb-check-"));
    try {
        const binDir = path.join(work, "bin");
        writeLaunchers(binDir, packages);
        const pathPrefix = [...route.pathPrefix, binDir];
        const rewrites = Object.keys(refs.rewritten).length;
        const eventsFile = path.join(work, "standin-events.jsonl");
        const result = await pulumiPreview({
            programDir: opts.programDir,
            packDir,
            cliBinDir: cli.binDir,
            pathPrefix: [...interposerDir(work, runtime, cli, rewrites, pathPrefix), ...pathPrefix],
            stack: plan.stack,
            config: plan.config,
            secretConfig: plan.secretConfig,
            policyPackConfig: opts.policyPackConfig,
            inPlace: { stackConfig: plan.text },
            runtimeOptions: route.runtimeOptions,
            checkpoints: refs.checkpoints,
            env: {
                ...route.env,
                PULUMI_CONFIG_PASSPHRASE: plan.passphrase,
                [STANDIN_EVENTS_VAR]: eventsFile,
                ...(rewrites ? { [STACK_REFERENCES_VAR]: JSON.stringify(refs.rewritten) } : {}),
            },
        });
        const failed = result.exitCode !== 0 && !result.diagnostics.some((d) => d.enforcementLevel === "mandatory");
        if (failed) {
            throw previewFailure(result, {
                label,
                pwd,
                project: project.name,
                stack: plan.stack,
                venv: virtualenvOf(project),
                undecryptable: plan.undecryptable,
            });
        }
        const info = await analyzerInfo(packDir);
        const run: RunResult = {
            engine: { name: "pulumi", version: cli.version },
            pack: { name: info.name, version: info.version, dir: packDir },
            policies: info.policies,
            resources: result.resources.length,
            diagnostics: result.diagnostics,
            remediated: result.remediated,
            analyzed: [],
            output: [],
        };
        return withUncheckedComponents(run, readStandinEvents(eventsFile));
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

/**
 * The CLI generation check runs: the default (v3.274.1), or the one CLOUD_RUN_BINAUTHZ_CLI_GENERATION
 * names (v3.60.0: the oldest supported CLI, with Pulumi's own language hosts).
 */
export function cliGeneration(env: NodeJS.ProcessEnv = process.env): GenerationId {
    const asked = env.CLOUD_RUN_BINAUTHZ_CLI_GENERATION;
    if (!asked) return DEFAULT_GENERATION;
    const gen = generationOf(asked);
    if (!gen)
        throw new InputError(`CLOUD_RUN_BINAUTHZ_CLI_GENERATION=${asked}: not a CLI generation this repository builds (v3.274.1, v3.60.0)`);
    return gen.id;
}

/** The program's route (hosts.ts), with what was set up said on stderr; a refusal is an InputError. */
function runtimeRoute(programDir: string, runtime: string, cli: PulumiCli) {
    try {
        const route = routeFor(programDir, runtime, cli);
        for (const note of route.notes) process.stderr.write(`check: ${note}\n`);
        return route;
    } catch (e) {
        if (e instanceof RouteError) throw new InputError(e.message);
        throw e;
    }
}

/** Whether a StackReference name has --stack-outputs (exported for tests of the matching rule). */
export { findStackOutputs };

/** The pack's name, version and policies, from its GetAnalyzerInfo. */
export async function analyzerInfo(packDir: string) {
    const pack = await PackProcess.start(packDir, DEFAULT_CONTEXT);
    try {
        return await pack.getAnalyzerInfo();
    } finally {
        await pack.close();
    }
}
