// Runs a Pulumi TypeScript program in this process under @pulumi/pulumi's own mocks and captures
// every resource it registers as the engine would see it: type, name, URN, parent, provider and
// inputs in wire form (unknowns stay unknown in preview, secrets stay secret envelopes).
// Run as a script (`node capture.js <dir> <ctx-json>`) it prints the resources as JSON, so each
// program gets a fresh runtime.
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackContext, WireResource } from "./driver";

interface CapturedRequest {
    type: string;
    name: string;
    parent: string;
    provider: string;
    custom: boolean;
    object: Record<string, unknown>;
    dependencies: string[];
}

/** The provider the engine would build from stack config when a resource names none. */
export function defaultProvider(ctx: StackContext): WireResource["provider"] {
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ctx.config)) if (k.startsWith("gcp:")) properties[k.slice(4)] = v;
    return {
        type: "pulumi:providers:gcp",
        name: "default",
        urn: `urn:pulumi:${ctx.stack}::${ctx.project}::pulumi:providers:gcp::default`,
        properties,
    };
}

/** Runs the program in `programDir` under mocks and returns its resources as the engine would send them. */
export async function captureProgram(programDir: string, ctx: StackContext): Promise<WireResource[]> {
    const dir = path.resolve(programDir);
    const entry = programEntry(dir);
    // The program's own @pulumi/pulumi (its node_modules first, else the pack's): mocks must be set on
    // the runtime instance its resources register with. Loaded only here: that runtime is global, so
    // a process captures one program.
    const pulumiRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir, __dirname] }));
    const pulumi = require(pulumiRoot) as typeof import("@pulumi/pulumi");
    const { MockMonitor } = require(path.join(pulumiRoot, "runtime", "mocks")) as typeof import("@pulumi/pulumi/runtime/mocks");
    const settings = require(path.join(pulumiRoot, "runtime", "settings"));
    const state = require(path.join(pulumiRoot, "runtime", "state"));

    const captured: { req: CapturedRequest; urn: string }[] = [];
    class CapturingMonitor extends MockMonitor {
        override async registerResource(req: any, callback: (err: any, res: any) => void): Promise<void> {
            const request: CapturedRequest = {
                type: req.getType(),
                name: req.getName(),
                parent: req.getParent(),
                provider: req.getProvider(),
                custom: req.getCustom(),
                object: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                dependencies: req.getDependenciesList?.() ?? [],
            };
            return super.registerResource(req, (err: any, res: any) => {
                if (!err && res) captured.push({ req: request, urn: res.getUrn() });
                callback(err, res);
            });
        }
    }
    const monitor = new CapturingMonitor({
        newResource: (args) => ({ id: ctx.dryRun ? undefined : `${args.name}-id`, state: args.inputs }),
        call: (args) => args.inputs,
    });
    settings.setMockOptions(monitor, ctx.project, ctx.stack, ctx.dryRun, ctx.organization);
    const store = state.getStore();
    Object.assign(store, {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: true,
        supportsInvokeTransforms: true,
    });
    pulumi.runtime.setAllConfig(ctx.config, []);

    if (entry.endsWith(".ts")) {
        require("ts-node").register({
            transpileOnly: true,
            skipProject: true,
            compilerOptions: { module: "commonjs", target: "ES2020", esModuleInterop: true },
        });
    }
    const exported = require(entry);
    if (exported && typeof exported.default === "function") await exported.default();
    await settings.waitForRPCs?.();
    await new Promise((r) => setTimeout(r, 50));
    await settings.waitForRPCs?.();

    const byUrn = new Map(captured.map((c) => [c.urn, c]));
    return captured
        .filter((c) => c.req.type !== "pulumi:pulumi:Stack")
        .map(({ req, urn }) => {
            const provider =
                providerFor(req.provider, byUrn) ??
                (req.custom && !req.type.startsWith("pulumi:providers:") ? defaultProvider(ctx) : undefined);
            const r: WireResource = { type: req.type, name: req.name, urn, properties: req.object, dependencies: req.dependencies };
            if (req.parent && byUrn.get(req.parent)?.req.type !== "pulumi:pulumi:Stack") r.parent = req.parent;
            if (provider) r.provider = provider;
            return r;
        });
}

function providerFor(ref: string, byUrn: Map<string, { req: CapturedRequest; urn: string }>): WireResource["provider"] | undefined {
    if (!ref) return undefined;
    const urn = ref.slice(0, ref.lastIndexOf("::"));
    const p = byUrn.get(urn);
    return p ? { type: p.req.type, name: p.req.name, urn, properties: p.req.object } : undefined;
}

/** The program's entry file: package.json main, else index.ts, else index.js. */
export function programEntry(dir: string): string {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { main?: string };
        if (pkg.main) return path.join(dir, pkg.main);
    } catch {
        // no package.json: fall through
    }
    for (const f of ["index.ts", "index.js"]) if (fs.existsSync(path.join(dir, f))) return path.join(dir, f);
    throw new Error(`${dir} has no index.ts, index.js or package.json main`);
}

if (require.main === module) {
    const [dir, ctxJson] = process.argv.slice(2);
    captureProgram(dir, JSON.parse(ctxJson) as StackContext).then(
        (resources) => {
            process.stdout.write(JSON.stringify(resources));
            process.exit(0);
        },
        (e: unknown) => {
            process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
            process.exit(3);
        },
    );
}
