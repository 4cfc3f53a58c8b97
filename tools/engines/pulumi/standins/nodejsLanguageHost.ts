// A stand-in for `pulumi-language-nodejs`, the Node.js language host of the Pulumi CLI.
//
// Why it exists: we build the real CLI from Pulumi's Go modules, but the Go module proxy does not
// serve the host's module. `go list -m -json
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@v3.0.0-20260819165155-0ac56e876614`
// answers: "reading https://proxy.golang.org/github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3/
// @v/v3.0.0-20260819165155-0ac56e876614.info: 403 Forbidden  server response: This module version is not
// available." Without a host, Node.js programs cannot run at all and policy packs run through the
// `pulumi-analyzer-policy-nodejs` fallback, which bypasses the host's policy proxy and its 4 MiB limit.
//
// What it copies, read from sdk/nodejs/cmd/pulumi-language-nodejs/main.go and proxy.go (pulumi/pulumi,
// v3.259-era; our own TypeScript, no code copied):
// - main: flags -version, -runtime, -tracing (glog's -v/--logtostderr accepted); the engine address is
//   the first argument; the engine's health is checked every 5 minutes; the port is printed on the
//   first stdout line.
// - Handshake stores the engine address. GetPluginInfo returns the version. GetRequiredPlugins is
//   Unimplemented, as in the real host. GetRequiredPackages: see nodejsRequiredPackages.ts.
// - Run: a resource-monitor proxy (monitorProxy.ts); `node [nodeargs] <@pulumi/pulumi/cmd/run resolved
//   from the program dir> --monitor --engine --sync --organization --project --root-directory --stack
//   --pwd [--dry-run] --parallel [--tracing] <entry point> [args]` with this process's environment
//   plus PULUMI_CONFIG (keys as `<ns>:config:<name>`), PULUMI_CONFIG_SECRET_KEYS,
//   PULUMI_NODEJS_TYPESCRIPT=true (typescript defaults to true) and PULUMI_NODEJS_TSCONFIG_PATH;
//   PULUMI_LANGUAGE_NODEJS_RUN_PATH overrides the run script. Errors come back in RunResponse.error
//   with the host's wording; exit code 32 means bail. The program's stdout/stderr go to ours.
//   Cancel interrupts the program (SIGINT, SIGKILL 5 s later).
// - RunPlugin: for kind "analyzer", `node <@pulumi/pulumi/cmd/run-policy-pack> [nodeargs] [args]
//   <pack dir>` in the pack dir, with exactly the engine's env list plus the PULUMI_NODEJS_* stack
//   values the policy proxy (policyProxy.ts) received in ConfigureStack; other kinds run
//   @pulumi/pulumi/cmd/run-plugin. Output streamed as RunPluginResponse stdout/stderr.
// - InstallDependencies (npm), GetProgramDependencies (package-lock.json), About.
// Not copied: bun runtime, yarn/pnpm/bun installs, npm workspaces, fnm, pseudo-terminals, debugger
// attach, the synchronous-invoke pipes (the --sync directory is created but its FIFOs are not served:
// @pulumi/pulumi 3.270 never opens them), codegen (GenerateProject/Program/Package), Pack, Link,
// Template, RuntimeOptionsPrompts (Unimplemented here).
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as languageGrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as languagePb from "@pulumi/pulumi/proto/language_pb";
import * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import { PULUMI_SERVER_OPTIONS, addHealthService, goPlainError, startEngineHealthcheck } from "./grpcPassthrough";
import { startMonitorProxy } from "./monitorProxy";
import { incompatibleVersionsWarning, scanRequiredPackages } from "./nodejsRequiredPackages";
import { OOM_MESSAGE, lookPath, locateModule, looksLikeOom, parseOptions, shlexSplit } from "./nodejsRuntimeOptions";
import { listNpmPackages, npmInstall, npmVersion, resolvePackageManager } from "./npmManager";
import { ExitError, PolicyProxy } from "./policyProxy";

/** The CLI version this stand-in accompanies, marked so `pulumi about` shows it is not Pulumi's binary. */
export const STANDIN_VERSION = "v3.274.1-standin";

const HEALTHCHECK_INTERVAL_MS = 5 * 60 * 1000;
/** nodeJSProcessExitedAfterShowingUserActionableMessage */
const EXIT_CODE_BAIL = 32;

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** PULUMI_CONFIG for a program: keys rewritten to the old `<ns>:config:<name>` form (constructConfig). */
export function programConfigJson(config: Map<string, string> | [string, string][]): string | Error {
    const out: Record<string, string> = {};
    for (const [k, v] of config) {
        const parts = k.split(":");
        let ns: string;
        let name: string;
        if (parts.length === 2) [ns, name] = parts;
        else if (parts.length === 3 && parts[1] === "config" && parts[0] !== "" && parts[2] !== "") [ns, , name] = parts;
        else
            return new Error(
                `could not parse ${k} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`,
            );
        out[`${ns}:config:${name}`] = v;
    }
    return JSON.stringify(out);
}

/** constructArguments: the run script's command line. */
export function runArguments(
    req: languagePb.RunRequest,
    runPath: string,
    monitorAddress: string,
    engineAddress: string,
    syncDirectory: string,
    tracing: string,
): string[] {
    const info = req.getInfo() ?? new languagePb.ProgramInfo();
    const args = [runPath];
    const maybe = (k: string, v: string) => {
        if (v !== "") args.push(`--${k}`, v);
    };
    maybe("monitor", monitorAddress);
    maybe("engine", engineAddress);
    maybe("sync", syncDirectory);
    maybe("organization", req.getOrganization());
    maybe("project", req.getProject());
    maybe("root-directory", info.getRootDirectory());
    maybe("stack", req.getStack());
    maybe("pwd", info.getProgramDirectory());
    if (req.getDryrun()) args.push("--dry-run");
    maybe("parallel", String(req.getParallel()));
    maybe("tracing", tracing);
    args.push(info.getEntryPoint());
    args.push(...req.getArgsList());
    return args;
}

/** Go's exec.Cmd.Env semantics: a list of K=V where the last one wins; an empty list means "inherit". */
function envFromList(list: string[]): NodeJS.ProcessEnv {
    if (list.length === 0) return { ...process.env };
    const env: NodeJS.ProcessEnv = {};
    for (const kv of list) {
        const eq = kv.indexOf("=");
        if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return env;
}

function optionsOf(info: languagePb.ProgramInfo | undefined): Record<string, unknown> {
    return (info?.getOptions()?.toJavaScript() as Record<string, unknown> | undefined) ?? {};
}

function unimplemented(method: string): Unary<unknown, unknown> {
    return (_call, callback) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: `method ${method} not implemented by the pulumi-language-nodejs stand-in` });
}

export class NodejsLanguageHost {
    private cancelled = new AbortController();
    /** Programs and plugins still running: the real host's children die with its context when it is stopped. */
    private readonly children = new Set<ChildProcess>();
    private stopHealthcheck: (() => void) | undefined;

    constructor(
        private engineAddress: string,
        private readonly tracing: string,
        private readonly onEngineGone: () => void,
    ) {
        if (engineAddress !== "") this.stopHealthcheck = startEngineHealthcheck(engineAddress, HEALTHCHECK_INTERVAL_MS, onEngineGone);
    }

    close(): void {
        this.stopHealthcheck?.();
        for (const child of this.children) child.kill("SIGKILL");
    }

    private track(child: ChildProcess): ChildProcess {
        this.children.add(child);
        child.on("close", () => this.children.delete(child));
        return child;
    }

    implementation(): grpc.UntypedServiceImplementation {
        return {
            handshake: this.handshake,
            getPluginInfo: this.getPluginInfo,
            getRequiredPlugins: (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
                callback({ code: grpc.status.UNIMPLEMENTED, details: "method GetRequiredPlugins not implemented" }),
            getRequiredPackages: this.getRequiredPackages,
            run: this.run,
            installDependencies: this.installDependencies,
            about: this.about,
            getProgramDependencies: this.getProgramDependencies,
            runPlugin: this.runPlugin,
            cancel: this.cancel,
            runtimeOptionsPrompts: unimplemented("RuntimeOptionsPrompts"),
            template: unimplemented("Template"),
            generateProgram: unimplemented("GenerateProgram"),
            generateProject: unimplemented("GenerateProject"),
            generatePackage: unimplemented("GeneratePackage"),
            pack: unimplemented("Pack"),
            link: unimplemented("Link"),
        };
    }

    private handshake: Unary<languagePb.LanguageHandshakeRequest, languagePb.LanguageHandshakeResponse> = (call, callback) => {
        this.engineAddress = call.request.getEngineAddress();
        this.stopHealthcheck?.();
        this.stopHealthcheck = startEngineHealthcheck(this.engineAddress, HEALTHCHECK_INTERVAL_MS, this.onEngineGone);
        callback(null, new languagePb.LanguageHandshakeResponse());
    };

    private getPluginInfo: Unary<emptyPb.Empty, pluginPb.PluginInfo> = (_call, callback) => {
        callback(null, new pluginPb.PluginInfo().setVersion(STANDIN_VERSION));
    };

    private getRequiredPackages: Unary<languagePb.GetRequiredPackagesRequest, languagePb.GetRequiredPackagesResponse> = (
        call,
        callback,
    ) => {
        const scan = scanRequiredPackages(call.request.getInfo()?.getProgramDirectory() ?? "");
        const warning = scan.errors.length === 0 ? incompatibleVersionsWarning(scan.pulumiVersions) : undefined;
        if (warning) process.stderr.write(warning);
        const toPb = (p: { name: string; version: string; value: Buffer }) =>
            new pluginPb.PackageParameterization().setName(p.name).setVersion(p.version).setValue(new Uint8Array(p.value));
        const packages = scan.packages.map((p) => {
            const dep = new pluginPb.PackageDependency().setName(p.name).setKind(p.kind).setVersion(p.version).setServer(p.server);
            if (p.parameterization) dep.setParameterization(toPb(p.parameterization));
            if (p.extension) dep.setExtension$(toPb(p.extension));
            return dep;
        });
        callback(null, new languagePb.GetRequiredPackagesResponse().setPackagesList(packages));
    };

    private run: Unary<languagePb.RunRequest, languagePb.RunResponse> = (call, callback) => {
        if (this.engineAddress === "") {
            callback(goPlainError("when debugging or running explicitly, must call Handshake before Run"));
            return;
        }
        const callDone = new AbortController();
        call.on("cancelled", () => callDone.abort());
        this.runProgram(call.request, callDone.signal).then(
            (res) => callback(null, res),
            (e: Error) => callback(goPlainError(e.message)),
        );
    };

    private async runProgram(req: languagePb.RunRequest, callDone: AbortSignal): Promise<languagePb.RunResponse> {
        const failed = (error: string) => new languagePb.RunResponse().setError(error);
        const monitor = await startMonitorProxy(req.getMonitorAddress());
        const syncDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-node-pipes"));
        try {
            const nodeBin = lookPath("node");
            if (nodeBin instanceof Error) return failed(`could not find node on the $PATH: ${nodeBin.message}`);
            if (req.getAttachDebugger()) return failed("the pulumi-language-nodejs stand-in cannot attach a debugger");
            const info = req.getInfo() ?? new languagePb.ProgramInfo();
            let runPath: string;
            try {
                runPath = await locateModule(
                    process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run",
                    info.getProgramDirectory(),
                    nodeBin,
                    false,
                );
            } catch (e) {
                return failed((e as Error).message);
            }
            const args = runArguments(req, runPath, monitor.address, this.engineAddress, syncDirectory, this.tracing);
            const config = programConfigJson(req.getConfigMap().getEntryList() as [string, string][]);
            if (config instanceof Error) return failed(`failed to serialize configuration: ${config.message}`);
            const env: NodeJS.ProcessEnv = {
                ...process.env,
                PULUMI_CONFIG: config,
                PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
            };
            const opts = parseOptions(optionsOf(info));
            if (opts instanceof Error) return failed(opts.message);
            if (opts.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
            if (opts.tsconfigpath !== "") env.PULUMI_NODEJS_TSCONFIG_PATH = opts.tsconfigpath;
            const nodeArgs = shlexSplit(opts.nodeargs);
            if (nodeArgs instanceof Error) return failed(nodeArgs.message);
            return await this.execProgram(nodeBin, [...nodeArgs, ...args], env, callDone);
        } finally {
            monitor.close();
            fs.rmSync(syncDirectory, { recursive: true, force: true });
        }
    }

    /** Runs the program and words its end as execRuntime does; exit code 32 means "bail": the program already said why. */
    private execProgram(nodeBin: string, args: string[], env: NodeJS.ProcessEnv, callDone: AbortSignal): Promise<languagePb.RunResponse> {
        const response = (error: string, bail = false) => new languagePb.RunResponse().setError(error).setBail(bail);
        return new Promise((resolve) => {
            const child = this.track(spawn(nodeBin, args, { env, stdio: ["ignore", "inherit", "pipe"] }));
            let oom = false;
            let pending = "";
            child.stderr!.on("data", (chunk: Buffer) => {
                process.stderr.write(chunk);
                const lines = (pending + chunk.toString("utf8")).split("\n");
                pending = lines.pop() ?? "";
                if (lines.some(looksLikeOom)) oom = true;
            });
            const interrupt = () => {
                child.kill("SIGINT");
                setTimeout(() => child.kill("SIGKILL"), 5000).unref();
            };
            if (this.cancelled.signal.aborted || callDone.aborted) interrupt();
            this.cancelled.signal.addEventListener("abort", interrupt, { once: true });
            callDone.addEventListener("abort", interrupt, { once: true });
            child.on("error", (e) => resolve(response(`Problem executing program (could not run language executor): ${e.message}`)));
            child.on("close", (code) => {
                this.cancelled.signal.removeEventListener("abort", interrupt);
                if (looksLikeOom(pending)) oom = true;
                if (code === 0) return resolve(response(""));
                if (code === EXIT_CODE_BAIL) return resolve(response("", true));
                resolve(response(`Program exited with non-zero exit code: ${code ?? -1}${oom ? `. ${OOM_MESSAGE}` : ""}`));
            });
        });
    }

    private installDependencies = (
        call: grpc.ServerWritableStream<languagePb.InstallDependenciesRequest, languagePb.InstallDependenciesResponse>,
    ) => {
        const req = call.request;
        const stdout = (b: Buffer | string) =>
            call.write(new languagePb.InstallDependenciesResponse().setStdout(new Uint8Array(Buffer.from(b))));
        const stderr = (b: Buffer | string) =>
            call.write(new languagePb.InstallDependenciesResponse().setStderr(new Uint8Array(Buffer.from(b))));
        const aborted = new AbortController();
        call.on("cancelled", () => aborted.abort());
        const work = async () => {
            stdout("Installing dependencies...\n\n");
            const dir = req.getInfo()?.getProgramDirectory() ?? req.getDirectory();
            const opts = parseOptions(optionsOf(req.getInfo()));
            if (opts instanceof Error) throw new Error(`failed to parse options: ${opts.message}`);
            const npm = resolvePackageManager(opts.packagemanager, dir);
            if (npm instanceof Error) throw npm;
            await npmInstall(npm, dir, opts.production, stdout, stderr, aborted.signal);
            stdout("Finished installing dependencies\n\n");
        };
        work().then(
            () => call.end(),
            (e: Error) => call.emit("error", goPlainError(e.message)),
        );
    };

    private about: Unary<languagePb.AboutRequest, languagePb.AboutResponse> = (call, callback) => {
        const info = call.request.getInfo();
        const opts = parseOptions(optionsOf(info));
        if (opts instanceof Error) return callback(goPlainError(`failed to parse options: ${opts.message}`));
        const npm = resolvePackageManager(opts.packagemanager, info?.getProgramDirectory() ?? ".");
        if (npm instanceof Error) return callback(goPlainError(`could not resolve packagemanager: ${npm.message}`));
        const nodeBin = lookPath("node");
        if (nodeBin instanceof Error) return callback(goPlainError(`could not find executable "node": ${nodeBin.message}`));
        const output = (args: string[], cwd?: string) =>
            new Promise<string>((resolve) => {
                const child = spawn(nodeBin, args, { cwd, stdio: ["ignore", "pipe", "ignore"] });
                let out = "";
                child.stdout.on("data", (b: Buffer) => (out += b.toString()));
                child.on("error", () => resolve(""));
                child.on("close", (code) => resolve(code === 0 ? out.trim() : ""));
            });
        Promise.all([
            output(["--version"]),
            npmVersion(npm),
            output(["-e", "console.log(require('typescript/package.json').version)"], info?.getProgramDirectory() || undefined),
        ]).then(([nodeVersion, pmVersion, tsVersion]) => {
            const res = new languagePb.AboutResponse().setExecutable(nodeBin).setVersion(nodeVersion);
            res.getMetadataMap().set("packagemanager", npm.name);
            res.getMetadataMap().set("packagemanagerVersion", pmVersion ?? "");
            if (tsVersion !== "") res.getMetadataMap().set("typescriptVersion", tsVersion);
            callback(null, res);
        });
    };

    private getProgramDependencies: Unary<languagePb.GetProgramDependenciesRequest, languagePb.GetProgramDependenciesResponse> = (
        call,
        callback,
    ) => {
        const info = call.request.getInfo();
        const opts = parseOptions(optionsOf(info));
        if (opts instanceof Error) return callback(goPlainError(`failed to parse options: ${opts.message}`));
        const dir = info?.getProgramDirectory() ?? call.request.getPwd();
        const npm = resolvePackageManager(opts.packagemanager, dir);
        if (npm instanceof Error) return callback(goPlainError(`failed to determine package manager: ${npm.message}`));
        const deps = listNpmPackages(dir, call.request.getTransitivedependencies());
        if (deps instanceof Error) return callback(goPlainError(`failed to get node dependencies: ${deps.message}`));
        const list = deps.map((d) => new languagePb.DependencyInfo().setName(d.name).setVersion(d.version));
        callback(null, new languagePb.GetProgramDependenciesResponse().setDependenciesList(list));
    };

    private cancel: Unary<emptyPb.Empty, emptyPb.Empty> = (_call, callback) => {
        this.cancelled.abort();
        callback(null, new emptyPb.Empty());
    };

    private runPlugin = (call: grpc.ServerWritableStream<languagePb.RunPluginRequest, languagePb.RunPluginResponse>) => {
        const stdout = (b: Buffer) => call.write(new languagePb.RunPluginResponse().setStdout(new Uint8Array(b)));
        const stderr = (b: Buffer) => call.write(new languagePb.RunPluginResponse().setStderr(new Uint8Array(b)));
        const state: { child?: ChildProcess; proxy?: PolicyProxy; done: boolean } = { done: false };
        call.on("cancelled", () => {
            state.done = true;
            state.child?.kill("SIGKILL");
            state.proxy?.close();
        });
        this.startPlugin(call.request, stdout, stderr, state).then(
            () => {
                state.proxy?.close();
                if (!state.done) call.end();
            },
            (e: Error) => {
                state.proxy?.abort(e);
                state.proxy?.close();
                if (!state.done) call.emit("error", goPlainError(e.message));
            },
        );
    };

    private async startPlugin(
        req: languagePb.RunPluginRequest,
        stdout: (b: Buffer) => void,
        stderr: (b: Buffer) => void,
        state: { child?: ChildProcess; proxy?: PolicyProxy; done: boolean },
    ): Promise<void> {
        if (this.engineAddress === "") throw new Error("when debugging or running explicitly, must call Handshake before Run");
        const nodeBin = lookPath("node");
        if (nodeBin instanceof Error) throw nodeBin;
        const info = req.getInfo() ?? new languagePb.ProgramInfo();
        const opts = parseOptions(optionsOf(info));
        if (opts instanceof Error) throw opts;
        const env = [...req.getEnvList()];
        if (opts.typescript) env.push("PULUMI_NODEJS_TYPESCRIPT=true");
        if (opts.tsconfigpath !== "") env.push(`PULUMI_NODEJS_TSCONFIG_PATH=${opts.tsconfigpath}`);
        const isAnalyzer = req.getKind() === "analyzer";
        const script = isAnalyzer
            ? "@pulumi/pulumi/cmd/run-policy-pack"
            : process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run-plugin";
        const runPath = await locateModule(script, info.getProgramDirectory(), nodeBin, true);
        if (req.getAttachDebugger()) throw new Error("the pulumi-language-nodejs stand-in cannot attach a debugger");
        const nodeArgs = shlexSplit(opts.nodeargs);
        if (nodeArgs instanceof Error) throw nodeArgs;
        const args = isAnalyzer
            ? [runPath, ...nodeArgs, ...req.getArgsList(), info.getProgramDirectory()]
            : [runPath, ...nodeArgs, info.getProgramDirectory(), ...req.getArgsList()];

        let childStdout = stdout;
        if (isAnalyzer) {
            const proxy = await PolicyProxy.start(stdout);
            state.proxy = proxy;
            if (state.done) return; // the engine went away while the proxy started
            const config = await proxy.awaitConfiguration();
            if (config) {
                const maybe = (k: string, v: string) => v !== "" && env.push(`${k}=${v}`);
                maybe("PULUMI_NODEJS_ORGANIZATION", config.getOrganization());
                maybe("PULUMI_NODEJS_PROJECT", config.getProject());
                maybe("PULUMI_NODEJS_STACK", config.getStack());
                maybe("PULUMI_NODEJS_DRY_RUN", String(config.getDryRun()));
                const entries = config.getConfigMap().getEntryList() as [string, string][];
                // An empty proto map decodes to nil in Go, and nil config sets no PULUMI_CONFIG; Go sorts map keys.
                if (entries.length > 0) {
                    maybe(
                        "PULUMI_CONFIG",
                        JSON.stringify(Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
                    );
                }
            }
            childStdout = () => undefined; // the proxy reads the pack's stdout
        }
        if (state.done) return;
        const child = spawn(nodeBin, args, {
            cwd: (isAnalyzer ? info.getProgramDirectory() : req.getPwd()) || undefined, // Go: an empty Dir is ours
            env: envFromList(env),
            stdio: ["ignore", "pipe", "pipe"],
        });
        state.child = this.track(child);
        child.stderr!.on("data", stderr);
        try {
            if (state.proxy) {
                try {
                    await state.proxy.attach(child);
                } catch (e) {
                    if (e instanceof ExitError) throw e;
                    throw new Error(
                        `Problem executing plugin program (could not run language executor): could not attach policy pack proxy: ${(e as Error).message}`,
                        { cause: e },
                    );
                }
                return;
            }
            child.stdout!.on("data", childStdout);
            await new Promise<void>((resolve, reject) => {
                child.on("error", (e) =>
                    reject(new Error(`Problem executing plugin program (could not run language executor): ${e.message}`)),
                );
                child.on("close", (code, signal) => (code === 0 ? resolve() : reject(new ExitError(code ?? -1, signal))));
            });
        } catch (e) {
            if (e instanceof ExitError) throw new Error(`Program exited with non-zero exit code: ${e.exitCode}`, { cause: e });
            throw e;
        }
    }
}

/** Flags as Go's flag package reads them; glog's logging flags are accepted and ignored. */
export function parseFlags(argv: string[]): { version: boolean; runtime: string; tracing: string; args: string[] } | Error {
    const out = { version: false, runtime: "nodejs", tracing: "", args: [] as string[] };
    const ignoredWithValue = new Set(["v", "vmodule", "log_dir", "stderrthreshold", "log_backtrace_at"]);
    const ignoredBool = new Set(["logtostderr", "alsologtostderr"]);
    let i = 0;
    for (; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--") {
            i++;
            break;
        }
        if (!a.startsWith("-") || a === "-") break;
        const body = a.replace(/^--?/, "");
        const eq = body.indexOf("=");
        const name = eq >= 0 ? body.slice(0, eq) : body;
        const inline = eq >= 0 ? body.slice(eq + 1) : undefined;
        const value = () => inline ?? argv[++i];
        if (name === "version") out.version = inline === undefined || inline === "true" || inline === "1";
        else if (name === "runtime") out.runtime = value() ?? "";
        else if (name === "tracing") out.tracing = value() ?? "";
        else if (ignoredBool.has(name)) continue;
        else if (ignoredWithValue.has(name)) {
            if (inline === undefined) i++;
        } else return new Error(`flag provided but not defined: -${name}`);
    }
    out.args = argv.slice(i);
    return out;
}

export async function main(argv: string[]): Promise<void> {
    const flags = parseFlags(argv);
    if (flags instanceof Error) {
        process.stderr.write(`${flags.message}\n`);
        process.exit(2);
    }
    if (flags.version) {
        process.stdout.write(`${STANDIN_VERSION}\n`);
        process.exit(0);
    }
    if (flags.runtime !== "nodejs") {
        const why =
            flags.runtime === "bun"
                ? "the pulumi-language-nodejs stand-in supports only the nodejs runtime"
                : `unsupported runtime: ${flags.runtime}`;
        process.stderr.write(`error: ${why}\n`);
        process.exit(1);
    }
    const server = new grpc.Server(PULUMI_SERVER_OPTIONS);
    const stop = () => {
        host.close();
        server.forceShutdown();
        process.exit(0);
    };
    const host: NodejsLanguageHost = new NodejsLanguageHost(flags.args[0] ?? "", flags.tracing, stop);
    server.addService(languageGrpc.LanguageRuntimeService as unknown as grpc.ServiceDefinition, host.implementation());
    addHealthService(server);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    process.stdout.write(`${port}\n`);
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((e: Error) => {
        process.stderr.write(`error: could not start language host RPC server: ${e.message}\n`);
        process.exit(1);
    });
}
