// The engine's side of the Analyzer protocol: starts a policy pack the way `pulumi preview
// --policy-pack` does and makes the engine's calls in the engine's order. Used by the end-to-end
// tests, `npm run check` and the benchmark.
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import * as emptyPb from "google-protobuf/google/protobuf/empty_pb";

/** A policy enforcement level. */
export type Level = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: Level[] = ["advisory", "mandatory", "disabled", "remediate"];
const LEVEL_ENUM: Record<Level, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const SEVERITIES = ["", "low", "medium", "high", "critical"];

/** A resource as the engine describes it: properties in wire form (sentinels, secret envelopes). */
export interface WireResource {
    type: string;
    name: string;
    urn: string;
    /** The checked inputs: what Remediate and Analyze get. */
    properties: Record<string, unknown>;
    /**
     * The outputs, where the source knows them (a stack export, preview JSON): what AnalyzeStack
     * gets. Unset for a program run offline: the run predicts them as the provider would.
     */
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    provider?: { type: string; name: string; urn: string; properties: Record<string, unknown> };
}

/** A policy violation as the analyzer returns it. */
export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: Level;
    urn: string;
    severity: string;
}

/** One policy as GetAnalyzerInfo describes it. */
export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: Level;
    severity: string;
    policyType: "resource" | "stack" | "unknown";
    configSchema?: { properties: Record<string, unknown>; required: string[] };
    remediationSteps: string;
    url: string;
}

/** The answer to GetAnalyzerInfo. */
export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
    initialConfig: Record<string, { enforcementLevel?: Level; properties: Record<string, unknown> }>;
}

/** The stack a run pretends to be: what the CLI passes in the environment and ConfigureStack. */
export interface StackContext {
    organization: string;
    project: string;
    stack: string;
    dryRun: boolean;
    /** Stack config, e.g. { "gcp:project": "my-project" }. */
    config: Record<string, string>;
}

/** The Configure request: one entry per policy. */
export type PolicyConfigMap = Record<string, { enforcementLevel: Level; properties: Record<string, unknown> }>;

/** What Remediate returned for one resource. */
export interface RemediationResult {
    properties: Record<string, unknown>;
    remediated: string[];
    diagnostics: string[];
}

/**
 * The receive limit of the Pulumi CLI's client to a policy pack. The CLI reaches a Node.js pack
 * through the Node.js language host's policy proxy, whose gRPC client keeps grpc-go's default
 * (sdk/nodejs/cmd/pulumi-language-nodejs/sdk/policy_proxy.go: grpc.NewClient with no call options;
 * grpc-go defaultClientMaxReceiveMessageSize = 4 MiB). Requests have no such limit.
 */
export const CLI_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const MAX_REQUEST_BYTES = 400 * 1024 * 1024;

/**
 * A failure the Pulumi CLI would report as an error and that fails the whole preview, worded as
 * the CLI prints it.
 */
export class EngineError extends Error {
    constructor(
        message: string,
        /** What the CLI's words mean for this pack, for a report to add. */
        readonly hint = "",
    ) {
        super(message);
    }
}

/**
 * A gRPC error from the pack as the CLI words it. A response over the limit: grpc-go's client
 * fails with ResourceExhausted "grpc: received message larger than max (N vs. 4194304)"
 * (grpc rpc_util.go), the proxy returns it unchanged, and the engine prints err.Error() as an
 * `error:` diagnostic (pkg/resource/deploy/deployment_executor.go, reportError), then fails the
 * update ("failed to analyze resources" for AnalyzeStack).
 */
export function cliError(method: string, err: grpc.ServiceError): Error {
    if (err.code === grpc.status.RESOURCE_EXHAUSTED) {
        const m = /larger than max \((\d+) vs\.? (\d+)\)/.exec(err.details ?? err.message);
        const size = m ? m[1] : "?";
        return new EngineError(
            `grpc: received message larger than max (${size} vs. ${CLI_MAX_RESPONSE_BYTES})`,
            `the policy pack's ${method} response exceeds the 4 MiB the Pulumi CLI accepts from a policy pack, so pulumi preview fails`,
        );
    }
    return err;
}

/** A preview of stack `dev` with no stack config. */
export const DEFAULT_CONTEXT: StackContext = { organization: "organization", project: "project", stack: "dev", dryRun: true, config: {} };

/** The run-policy-pack entry point of the @pulumi/pulumi the pack itself depends on. */
export function runPolicyPackScript(packDir: string): string {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack/index.js", { paths: [packDir] });
}

/** A running policy pack, started as the CLI starts it, and a gRPC client to it. */
export class PackProcess {
    readonly output: string[] = [];
    private closed = false;

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: InstanceType<typeof analyzerGrpc.AnalyzerClient>,
        readonly port: number,
    ) {}

    /** Spawns `node run-policy-pack <engine> <packDir>` with cwd = packDir, and waits for its port. */
    static async start(packDir: string, ctx: StackContext = DEFAULT_CONTEXT, timeoutMs = 60_000): Promise<PackProcess> {
        const dir = path.resolve(packDir);
        const env: NodeJS.ProcessEnv = { ...process.env };
        const vars: Record<string, string> = {
            ORGANIZATION: ctx.organization,
            PROJECT: ctx.project,
            STACK: ctx.stack,
            DRY_RUN: String(ctx.dryRun),
        };
        for (const [k, v] of Object.entries(vars)) {
            env[`PULUMI_NODEJS_${k}`] = v;
            env[`PULUMI_${k}`] = v;
        }
        env.PULUMI_CONFIG = JSON.stringify(ctx.config);
        const child = spawn(process.execPath, [runPolicyPackScript(dir), "127.0.0.1:0", dir], {
            cwd: dir,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        const output: string[] = [];
        const port = await new Promise<number>((resolve, reject) => {
            let buf = "";
            const timer = setTimeout(() => fail(new Error(`policy pack did not print a port within ${timeoutMs} ms`)), timeoutMs);
            const fail = (e: Error) => {
                clearTimeout(timer);
                child.kill();
                reject(new Error(`${e.message}\n${output.join("\n")}${buf}`));
            };
            child.stdout?.on("data", (d: Buffer) => {
                buf += d.toString();
                const nl = buf.indexOf("\n");
                if (nl < 0) return;
                const first = buf.slice(0, nl).trim();
                clearTimeout(timer);
                const p = Number(first);
                if (!Number.isInteger(p) || p <= 0)
                    return fail(new Error(`policy pack printed ${JSON.stringify(first)} instead of a port`));
                output.push(buf.slice(nl + 1));
                resolve(p);
            });
            child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
            child.on("exit", (code) => fail(new Error(`policy pack exited with code ${code} before printing a port`)));
            child.on("error", (e) => fail(e));
        });
        child.removeAllListeners("exit");
        child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": CLI_MAX_RESPONSE_BYTES,
            "grpc.max_send_message_length": MAX_REQUEST_BYTES,
        });
        const pack = new PackProcess(child, client, port);
        pack.output.push(...output);
        return pack;
    }

    private call<Req, Res>(method: string, req: Req): Promise<Res> {
        return new Promise((resolve, reject) => {
            const fn = (this.client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>)[
                method
            ];
            fn.call(this.client, req, (err, res) => (err ? reject(cliError(method, err)) : resolve(res)));
        });
    }

    async configureStack(ctx: StackContext): Promise<void> {
        const req = new analyzerPb.AnalyzerStackConfigureRequest();
        req.setStack(ctx.stack);
        req.setProject(ctx.project);
        req.setOrganization(ctx.organization);
        req.setDryRun(ctx.dryRun);
        const cfg = req.getConfigMap();
        for (const [k, v] of Object.entries(ctx.config)) cfg.set(k, v);
        await this.call("configureStack", req);
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const res = await this.call<emptyPb.Empty, analyzerPb.AnalyzerInfo>("getAnalyzerInfo", new emptyPb.Empty());
        const initialConfig: AnalyzerInfo["initialConfig"] = {};
        res.getInitialconfigMap().forEach((v: analyzerPb.PolicyConfig, k: string) => {
            initialConfig[k] = {
                enforcementLevel: LEVELS[v.getEnforcementlevel()],
                properties: (v.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
            };
        });
        return {
            name: res.getName(),
            version: res.getVersion(),
            initialConfig,
            policies: res.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                return {
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()],
                    severity: SEVERITIES[p.getSeverity()] ?? "",
                    policyType: (["unknown", "resource", "stack"] as const)[p.getPolicyType()] ?? "unknown",
                    configSchema: schema
                        ? {
                              properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
                              required: schema.getRequiredList(),
                          }
                        : undefined,
                    remediationSteps: p.getRemediationSteps(),
                    url: p.getUrl(),
                };
            }),
        };
    }

    async configure(config: PolicyConfigMap): Promise<void> {
        const req = new analyzerPb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(config)) {
            const pc = new analyzerPb.PolicyConfig();
            pc.setEnforcementlevel(LEVEL_ENUM[c.enforcementLevel] as analyzerPb.EnforcementLevel);
            pc.setProperties(structPb.Struct.fromJavaScript(c.properties as Record<string, structPb.JavaScriptValue>));
            map.set(name, pc);
        }
        await this.call("configure", req);
    }

    async remediate(r: WireResource): Promise<RemediationResult> {
        const req = fillResource(new analyzerPb.AnalyzeRequest(), r);
        const res = await this.call<analyzerPb.AnalyzeRequest, analyzerPb.RemediateResponse>("remediate", req);
        let properties = r.properties;
        const remediated: string[] = [];
        const diagnostics: string[] = [];
        for (const rem of res.getRemediationsList()) {
            const props = rem.getProperties();
            if (props) {
                properties = props.toJavaScript() as Record<string, unknown>;
                remediated.push(rem.getPolicyname());
            }
            if (rem.getDiagnostic()) diagnostics.push(rem.getDiagnostic());
        }
        return { properties, remediated, diagnostics };
    }

    async analyze(r: WireResource): Promise<Diagnostic[]> {
        const req = fillResource(new analyzerPb.AnalyzeRequest(), r);
        const res = await this.call<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>("analyze", req);
        return res.getDiagnosticsList().map((d) => toDiagnostic(d, r.urn));
    }

    /** AnalyzeStack over the resources' outputs (`outputs`, else `properties`). */
    async analyzeStack(resources: WireResource[]): Promise<Diagnostic[]> {
        const req = new analyzerPb.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((r) => {
                const ar = fillResource(new analyzerPb.AnalyzerResource(), { ...r, properties: r.outputs ?? r.properties });
                if (r.parent) ar.setParent(r.parent);
                ar.setDependenciesList(r.dependencies ?? []);
                return ar;
            }),
        );
        const res = await this.call<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>("analyzeStack", req);
        return res.getDiagnosticsList().map((d) => toDiagnostic(d, ""));
    }

    async close(): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        this.client.close();
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        if (this.child.exitCode === null) this.child.kill("SIGKILL");
    }

    /** Resident set size of the pack process in bytes, from /proc (Linux). */
    rssBytes(): number | undefined {
        try {
            const status = require("node:fs").readFileSync(`/proc/${this.child.pid}/status`, "utf8") as string;
            const m = /VmHWM:\s+(\d+) kB/.exec(status);
            return m ? Number(m[1]) * 1024 : undefined;
        } catch {
            return undefined;
        }
    }
}

function fillResource<T extends analyzerPb.AnalyzeRequest | analyzerPb.AnalyzerResource>(msg: T, r: WireResource): T {
    msg.setType(r.type);
    msg.setName(r.name);
    msg.setUrn(r.urn);
    msg.setProperties(structPb.Struct.fromJavaScript(r.properties as Record<string, structPb.JavaScriptValue>));
    const opts = new analyzerPb.AnalyzerResourceOptions();
    if (r.parent) opts.setParent(r.parent);
    msg.setOptions(opts);
    if (r.provider) {
        const p = new analyzerPb.AnalyzerProviderResource();
        p.setType(r.provider.type);
        p.setName(r.provider.name);
        p.setUrn(r.provider.urn);
        p.setProperties(structPb.Struct.fromJavaScript(r.provider.properties as Record<string, structPb.JavaScriptValue>));
        msg.setProvider(p);
    }
    return msg;
}

function toDiagnostic(d: analyzerPb.AnalyzeDiagnostic, urn: string): Diagnostic {
    return {
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
        urn: d.getUrn() || urn,
        severity: SEVERITIES[d.getSeverity()] ?? "",
    };
}
