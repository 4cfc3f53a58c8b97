// Runs a Pulumi Node.js program under @pulumi/pulumi's own mocks and captures every resource it
// registers as the engine would see it: type, name, URN, parent, provider and inputs in wire form
// (unknowns stay unknown in preview, secrets stay secret envelopes).
//
// The program is started by the program's own @pulumi/pulumi `cmd/run` (the code the Node.js
// language host runs), so entry points (Pulumi.yaml main, package.json main/exports), CommonJS,
// ES modules, TypeScript through ts-node, default and function exports and the root Stack resource
// behave as in `pulumi preview`. What the engine does on its side, this file does: it applies
// `transforms` and `registerResourceTransform` callbacks (resource's own, then its parents', then
// the stack's), answers invokes like the GCP provider (tools/engines/gcp/invokes.ts), and waits
// until the program's event loop is empty.
//
// Run as a script (`node capture.js <job.json>`), it writes a CaptureResult to the job's result file
// (never to stdout, which belongs to the program), so each program gets a fresh runtime.
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import type { StackContext, WireResource } from "./driver";
import { answerInvoke } from "../gcp/invokes";
import { findStackOutputs, type StackOutputs, stackReferenceRefusal } from "../program/stackOutputs";
import { firstMeaningfulLine, npmInstallRefusal } from "../program/errors";
import type { ComponentEvent } from "../pulumi/standins/events";

/** What the parent asks the child to run. */
export interface CaptureJob {
    /** The project root (where Pulumi.yaml is). */
    root: string;
    /** The program directory as the user named it, for messages. */
    label: string;
    /** Working directory and entry point, as the engine hands them to the language host. */
    pwd: string;
    entry: string;
    typescript: boolean;
    tsconfig?: string;
    ctx: StackContext;
    secretKeys: string[];
    /** `secure:` config that cannot be decrypted offline, with the refusal for reading each. */
    undecryptable: Record<string, string>;
    /** --stack-outputs: the outputs StackReferences read. */
    stackOutputs: StackOutputs[];
    resultFile: string;
}

/** What the child reports back. */
export type CaptureResult = { ok: true; resources: WireResource[]; components: ComponentEvent[] } | { ok: false; refusal: string };

interface CapturedRequest {
    type: string;
    name: string;
    parent: string;
    provider: string;
    custom: boolean;
    object: Record<string, unknown>;
    dependencies: string[];
}

/** The provider the engine would build from stack config when a resource of `pkg` names none. */
export function defaultProvider(ctx: StackContext, pkg = "gcp"): NonNullable<WireResource["provider"]> {
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ctx.config)) if (k.startsWith(`${pkg}:`)) properties[k.slice(pkg.length + 1)] = v;
    return {
        type: `pulumi:providers:${pkg}`,
        name: "default",
        urn: `urn:pulumi:${ctx.stack}::${ctx.project}::pulumi:providers:${pkg}::default`,
        properties,
    };
}

/** The package of a resource type (`docker:index/image:Image` is docker's). */
function packageOf(type: string): string {
    return type.split(":")[0] || "gcp";
}

/** One line, no control characters, bounded: what a refusal quotes from a program's error. */
export function oneLine(text: string, max = 400): string {
    const lines = text
        .split(/\r?\n/)
        .map((l) => l.replace(/\p{Cc}/gu, " ").trim())
        .filter((l) => l && !l.startsWith("⨯"));
    const line = lines[0] ?? "unknown error";
    return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * What the error's stack puts before its message: `TypeError: ` for a TypeError. The Node.js host
 * prints the stack, so a refusal quotes the same words (a plain `Error: ` is dropped by both).
 */
function stackHeader(stack: unknown, message: string): string {
    if (typeof stack !== "string" || message === "") return "";
    const at = stack.indexOf(message);
    const header = at > 0 ? stack.slice(0, at) : "";
    return /^[A-Za-z_$][\w$]*: $/.test(header) ? header : "";
}

/** The refusal for an error the program threw: config, missing modules, or the program's own message. */
export function refusalFor(err: unknown, dir: string, stack: string, pwd?: string): string {
    const e = err as { message?: unknown; code?: unknown; stack?: unknown };
    const message = typeof e?.message === "string" ? `${stackHeader(e.stack, e.message)}${e.message}` : String(err);
    const missingConfig = /Missing required configuration variable '([^']+)'/.exec(message);
    if (missingConfig) {
        const key = missingConfig[1];
        return `the program in ${dir} requires config '${key}'; pass --config ${key}=VALUE or add it to Pulumi.${stack}.yaml`;
    }
    const missingModule = /Cannot find (?:module|package) '([^']+)'/.exec(message);
    if (missingModule && (e.code === "MODULE_NOT_FOUND" || e.code === "ERR_MODULE_NOT_FOUND")) {
        const spec = missingModule[1];
        if (!spec.startsWith(".") && !path.isAbsolute(spec) && !spec.startsWith("file:"))
            return npmInstallRefusal(dir, pwd ?? dir, packageName(spec));
    }
    return `the program in ${dir} failed: ${firstMeaningfulLine(message) ?? oneLine(message)}`;
}

/** The package a module specifier loads (`@pulumi/gcp/cloudrunv2` is `@pulumi/gcp`). */
function packageName(spec: string): string {
    const parts = spec.split("/");
    return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Resolves the program's own @pulumi/pulumi, which its resources register with. */
function pulumiRootFor(pwd: string, label: string): string {
    try {
        return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [pwd] }));
    } catch {
        throw new RefusalSignal(npmInstallRefusal(label, pwd, "@pulumi/pulumi"));
    }
}

class RefusalSignal extends Error {}

/** Runs the job in this process and returns its resources (the process's runtime is used up). */
export async function captureProgram(job: CaptureJob): Promise<{ resources: WireResource[]; components: ComponentEvent[] }> {
    const { ctx } = job;
    process.chdir(job.pwd);
    if (job.typescript) process.env.PULUMI_NODEJS_TYPESCRIPT = "true";
    else delete process.env.PULUMI_NODEJS_TYPESCRIPT;
    if (job.tsconfig) process.env.PULUMI_NODEJS_TSCONFIG_PATH = job.tsconfig;
    // Type-checking @pulumi/gcp on every check costs tens of seconds; type errors are tsc's job.
    process.env.PULUMI_NODEJS_TRANSPILE_ONLY ??= "true";
    // ESM TypeScript: @pulumi/pulumi's hooks build ts-node before they get their options, so ts-node
    // reads its own environment (and the program's tsconfig.json) there.
    process.env.TS_NODE_TRANSPILE_ONLY ??= process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    process.env.PULUMI_NODEJS_PROJECT = ctx.project;
    process.env.PULUMI_NODEJS_STACK = ctx.stack;
    process.env.PULUMI_NODEJS_ORGANIZATION = ctx.organization;
    process.env.PULUMI_NODEJS_ROOT_DIRECTORY = job.root;
    process.env.PULUMI_NODEJS_DRY_RUN = String(ctx.dryRun);

    const pulumiRoot = pulumiRootFor(job.pwd, job.label);
    const load = (p: string): any => require(path.join(pulumiRoot, p));
    const runScript = path.join(pulumiRoot, "cmd", "run", "run.js");
    if (!fs.existsSync(runScript))
        throw new RefusalSignal(
            `${job.label} uses an @pulumi/pulumi without cmd/run; upgrade it with \`npm install @pulumi/pulumi@latest\``,
        );
    const { MockMonitor } = load("runtime/mocks") as typeof import("@pulumi/pulumi/runtime/mocks");
    const settings = load("runtime/settings");
    const state = load("runtime/state");
    const runtimeConfig = load("runtime/config");
    const resproto = load("proto/resource_pb");
    const callbackPb = load("proto/callback_pb");
    const callbackGrpc = load("proto/callback_grpc_pb");
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiRoot] }));

    // A refusal is final: report it and stop at once, before the program's error handling turns it
    // into an error that prints (and inspects) whole resource graphs.
    const refuse = (reason: string): never => {
        writeResult(job.resultFile, { ok: false, refusal: reason });
        process.exit(0);
    };
    const captured: { req: CapturedRequest; urn: string }[] = [];
    const components: ComponentEvent[] = [];
    const remoteKeys = new Set<string>();
    const byUrn = new Map<string, { req: CapturedRequest; urn: string }>();
    const parents = new Map<string, string>();
    const ownTransforms = new Map<string, any[]>();
    const stackTransforms: any[] = [];
    const clients = new Map<string, any>();

    // The engine's side of a transform: call the program's callback server with a TransformRequest.
    const invokeCallback = (cb: any, request: Uint8Array): Promise<Uint8Array> => {
        let client = clients.get(cb.getTarget());
        if (!client)
            clients.set(cb.getTarget(), (client = new callbackGrpc.CallbacksClient(cb.getTarget(), grpc.credentials.createInsecure())));
        const req = new callbackPb.CallbackInvokeRequest();
        req.setToken(cb.getToken());
        req.setRequest(request);
        return new Promise((resolve, reject) =>
            client.invoke(req, (err: Error | null, res: any) => (err ? reject(err) : resolve(res.getResponse_asU8()))),
        );
    };

    const applyTransforms = async (req: any, chain: any[]): Promise<void> => {
        const opts = new resproto.TransformResourceOptions();
        opts.setProvider(req.getProvider());
        opts.setDependsOnList(req.getDependenciesList());
        opts.setProtect(req.getProtect());
        opts.setIgnoreChangesList(req.getIgnorechangesList());
        opts.setReplaceOnChangesList(req.getReplaceonchangesList());
        opts.setVersion(req.getVersion());
        opts.setPluginDownloadUrl(req.getPlugindownloadurl());
        opts.setRetainOnDelete(req.getRetainondelete());
        opts.setDeleteBeforeReplace(req.getDeletebeforereplace());
        opts.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
        opts.setImport(req.getImportid());
        opts.setDeletedWith(req.getDeletedwith());
        for (const [k, v] of req.getProvidersMap().entries()) opts.getProvidersMap().set(k, v);
        const treq = new resproto.TransformRequest();
        treq.setType(req.getType());
        treq.setName(req.getName());
        treq.setCustom(req.getCustom());
        treq.setParent(req.getParent());
        treq.setProperties(req.getObject());
        treq.setOptions(opts);
        for (const cb of chain) {
            const res = resproto.TransformResponse.deserializeBinary(await invokeCallback(cb, treq.serializeBinary()));
            treq.setProperties(res.getProperties());
            treq.setOptions(res.getOptions());
        }
        req.setObject(treq.getProperties());
        const out = treq.getOptions();
        if (out) {
            req.setProvider(out.getProvider());
            req.setDependenciesList(out.getDependsOnList());
        }
    };

    // The engine leaves the root Stack out of its children's URNs (pkg/resource/deploy/deployment.go);
    // the mock monitor does not.
    const mockNewUrn = (MockMonitor.prototype as any).newUrn as (parent: string, type: string, name: string) => string;
    (MockMonitor.prototype as any).newUrn = function (parent: string, type: string, name: string): string {
        const rootStack = parent && parent.split("::")[2] === "pulumi:pulumi:Stack";
        return mockNewUrn.call(this, rootStack ? "" : parent, type, name);
    };
    class CapturingMonitor extends MockMonitor {
        override async registerResource(req: any, callback: (err: any, res: any) => void): Promise<void> {
            // A multi-language component's children are built by its provider (Construct), which
            // check does not run: like the real engine's stand-in, mocks register the component alone
            // (its outputs unknown) and the report says its contents are unchecked.
            const remote = !!req.getRemote?.();
            if (remote) remoteKeys.add(`${req.getType()}::${req.getName()}`);
            const parent: string = req.getParent();
            const own: any[] = req.getTransformsList();
            const chain = [...own];
            for (let p = parent; p; p = parents.get(p) ?? "") chain.push(...(ownTransforms.get(p) ?? []));
            chain.push(...stackTransforms);
            try {
                if (chain.length) await applyTransforms(req, chain);
            } catch (e) {
                return callback(new Error(`transform failed: ${(e as Error).message}`), undefined);
            }
            const request: CapturedRequest = {
                type: req.getType(),
                name: req.getName(),
                parent,
                provider: req.getProvider(),
                custom: req.getCustom(),
                object: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                dependencies: req.getDependenciesList?.() ?? [],
            };
            return super.registerResource(req, (err: any, res: any) => {
                if (!err && res) {
                    const c = { req: request, urn: res.getUrn() as string };
                    if (remote) components.push({ kind: "component", type: request.type, name: request.name, urn: c.urn });
                    captured.push(c);
                    byUrn.set(c.urn, c);
                    parents.set(c.urn, parent);
                    ownTransforms.set(c.urn, own);
                }
                callback(err, res);
            });
        }
        override registerStackTransform(req: any, callback: (err: any, res: any) => void): void {
            stackTransforms.push(req);
            callback(null, {});
        }
        override registerStackInvokeTransform(_req: any, callback: (err: any, res: any) => void): void {
            void callback;
            refuse("the program registers an invoke transform, which the built-in engine does not apply; use `check --engine pulumi`");
        }
    }

    const providerConfig = (ref: string): Record<string, unknown> => {
        const p = ref ? byUrn.get(ref.slice(0, ref.lastIndexOf("::"))) : undefined;
        return p ? p.req.object : defaultProvider(ctx).properties;
    };
    const monitor = new CapturingMonitor({
        newResource: (args) => {
            if (args.type === "pulumi:pulumi:StackReference") {
                const name = typeof args.inputs?.name === "string" ? (args.inputs.name as string) : args.name;
                const found = findStackOutputs(name, ctx.project, job.stackOutputs);
                if (!found) return refuse(stackReferenceRefusal(name, ctx.project));
                // What the engine's builtin provider reads (pkg/resource/deploy/builtins.go readStackReference).
                return { id: name, state: { name, outputs: found.outputs, secretOutputNames: [] } };
            }
            // A multi-language component the stand-in constructs empty: no state, so its outputs are unknown.
            if (args.custom === false && remoteKeys.has(`${args.type}::${args.name}`)) return { id: undefined, state: {} };
            return { id: ctx.dryRun ? undefined : `${args.name}-id`, state: args.inputs };
        },
        call: (args) => {
            const answer = answerInvoke(args.token, args.inputs as Record<string, unknown>, providerConfig(args.provider ?? ""));
            if (answer.ok) return answer.result;
            return refuse(answer.reason);
        },
    });
    settings.setMockOptions(monitor, ctx.project, ctx.stack, ctx.dryRun, ctx.organization);
    state.getStore().settings.options.rootDirectory = job.root;
    Object.assign(state.getStore(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: true,
        supportsInvokeTransforms: true,
    });
    runtimeConfig.setAllConfig(ctx.config, job.secretKeys);
    // A `secure:` value cannot be decrypted offline. Handing the program a made-up value could flip
    // its branches, so reading one refuses the program instead; programs that never read it run.
    const getConfig = runtimeConfig.getConfig as (k: string) => string | undefined;
    runtimeConfig.getConfig = (k: string) => {
        const refusal = job.undecryptable[k];
        if (refusal) refuse(refusal);
        return getConfig(k);
    };

    // The first uncaught error ends the run, as it fails a preview; handled here before
    // @pulumi/pulumi's own handler would log (and inspect) it.
    const onUncaught = (e: unknown) => refuse(refusalFor(e, job.label, ctx.stack, job.pwd));
    process.on("uncaughtException", onUncaught);
    process.on("unhandledRejection", onUncaught);
    const errors: unknown[] = [];
    let failed: (e: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    // cmd/run/index.js starts a run from process.argv as soon as it is loaded, and run.js loads it
    // for one constant: give run.js that constant without starting anything.
    const indexPath = path.join(pulumiRoot, "cmd", "run", "index.js");
    const stub = new Module(indexPath);
    stub.filename = indexPath;
    stub.loaded = true;
    stub.exports = { nodeJSProcessExitedAfterLoggingUserActionableMessage: 32 };
    require.cache[indexPath] = stub;
    const { run } = require(runScript) as {
        run: (argv: unknown, started: () => void, report: (e: unknown) => void, reported: (e: unknown) => boolean) => Promise<unknown>;
    };
    const program = run(
        { _: [job.entry], pwd: job.pwd },
        () => undefined,
        (e) => {
            errors.push(e);
            failed(e);
        },
        (e) => errors.includes(e),
    );
    // Like the language host, the run ends when the program's event loop is empty, not when its
    // module has loaded: resources registered on later turns count too.
    const drained = program.then(
        () =>
            new Promise<void>((resolve) => {
                let done = false;
                const onEmpty = () => {
                    if (done) return;
                    settings.waitForRPCs().then(() => {
                        if (done) return;
                        done = true;
                        process.off("beforeExit", onEmpty);
                        resolve();
                    });
                };
                process.on("beforeExit", onEmpty);
            }),
    );
    try {
        await Promise.race([drained, failure]);
    } catch (e) {
        if (e instanceof RefusalSignal) throw e;
        throw new RefusalSignal(refusalFor(e, job.label, ctx.stack, job.pwd));
    } finally {
        for (const c of clients.values()) c.close();
    }

    const resources = captured
        .filter((c) => c.req.type !== "pulumi:pulumi:Stack")
        .map(({ req, urn }) => {
            const provider =
                providerFor(req.provider, byUrn) ??
                (req.custom && !req.type.startsWith("pulumi:") ? defaultProvider(ctx, packageOf(req.type)) : undefined);
            const r: WireResource = { type: req.type, name: req.name, urn, properties: req.object, dependencies: req.dependencies };
            if (req.parent && byUrn.get(req.parent)?.req.type !== "pulumi:pulumi:Stack") r.parent = req.parent;
            if (provider) r.provider = provider;
            return r;
        });
    return { resources, components };
}

function providerFor(ref: string, byUrn: Map<string, { req: CapturedRequest; urn: string }>): WireResource["provider"] | undefined {
    if (!ref) return undefined;
    const urn = ref.slice(0, ref.lastIndexOf("::"));
    const p = byUrn.get(urn);
    return p ? { type: p.req.type, name: p.req.name, urn, properties: p.req.object } : undefined;
}

function writeResult(file: string, result: CaptureResult): void {
    fs.writeFileSync(file, JSON.stringify(result));
}

if (require.main === module) {
    const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as CaptureJob;
    captureProgram(job).then(
        ({ resources, components }) => {
            writeResult(job.resultFile, { ok: true, resources, components });
            process.exit(0);
        },
        (e: unknown) => {
            const refusal = e instanceof RefusalSignal ? e.message : refusalFor(e, job.label, job.ctx.stack, job.pwd);
            writeResult(job.resultFile, { ok: false, refusal });
            process.exit(0);
        },
    );
}
