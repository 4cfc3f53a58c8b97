// The policy proxy that pulumi-language-nodejs puts between the engine and a Node.js policy pack
// (our own TypeScript rendering of sdk/policy_proxy.go, NewPolicyProxy, in pulumi/pulumi).
//
// What it copies:
// - The proxy serves the Analyzer service on its own port (400 MiB receive limit, as every
//   rpcutil server) and prints that port on the plugin's stdout before the pack even starts.
// - ConfigureStack and Handshake are answered by the proxy itself. ConfigureStack is held until
//   the pack is attached; any other call first settles the configuration as "none".
// - The pack's first stdout line is its port; everything after it goes on to the plugin's stdout.
// - The proxy dials the pack with no options, so its client keeps gRPC's default 4 MiB receive
//   limit: an answer from the pack above 4 MiB (in practice AnalyzeStack) fails with
//   ResourceExhausted, as it does inside the real host (grpc-go's wording is reproduced).
// - It forwards the held ConfigureStack to the pack; Unimplemented is fine, any other error
//   fails every later call with "policy pack configuration failed: ...".
// - Every other method is forwarded as is; before the pack is up, calls wait for it, and if it
//   never comes up they fail with "policy pack not started: ...".
// - Abort, added in sdk/v3 v3.274.1 (read from the Go module cache; pulumi/pulumi#24492).
import type { ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { PULUMI_SERVER_OPTIONS, addHealthService, forwardUnary, goPlainError, goStatusString, rawService } from "./grpcPassthrough";

/** A promise that can be settled from outside, once; later settlements are ignored (promise.CompletionSource). */
export class CompletionSource<T> {
    readonly promise: Promise<T>;
    private settled = false;
    private resolveFn!: (value: T) => void;
    private rejectFn!: (err: Error) => void;
    constructor() {
        this.promise = new Promise<T>((resolve, reject) => {
            this.resolveFn = resolve;
            this.rejectFn = reject;
        });
        this.promise.catch(() => undefined);
    }
    get isSettled(): boolean {
        return this.settled;
    }
    fulfill(value: T): void {
        if (this.settled) return;
        this.settled = true;
        this.resolveFn(value);
    }
    reject(err: Error): void {
        if (this.settled) return;
        this.settled = true;
        this.rejectFn(err);
    }
}

/** How a child process ended when it did not end well: Go's *exec.ExitError. */
export class ExitError extends Error {
    constructor(
        readonly exitCode: number,
        readonly signal: NodeJS.Signals | null,
    ) {
        super(signal ? `signal: ${signalName(signal)}` : `exit status ${exitCode}`);
    }
}

function signalName(signal: NodeJS.Signals): string {
    const names: Partial<Record<NodeJS.Signals, string>> = { SIGKILL: "killed", SIGINT: "interrupt", SIGTERM: "terminated" };
    return names[signal] ?? signal;
}

/** grpc-go's text for an over-limit message, which the engine shows for the real host. */
function asGrpcGoLimitError(err: grpc.ServiceError): grpc.ServiceError {
    const m = /^Received message larger than max \((\d+) vs (\d+)\)$/.exec(err.details ?? "");
    if (err.code !== grpc.status.RESOURCE_EXHAUSTED || !m) return err;
    const details = `grpc: received message larger than max (${m[1]} vs. ${m[2]})`;
    return Object.assign(new Error(details), { code: err.code, details, metadata: err.metadata });
}

/** Reads the pack's `%d\n` port line and hands back the rest of its stdout. */
function readPortLine(stdout: NodeJS.ReadableStream, rest: (chunk: Buffer) => void): Promise<number> {
    return new Promise((resolve, reject) => {
        let seen = Buffer.alloc(0);
        let done = false;
        const onData = (chunk: Buffer) => {
            if (done) return rest(chunk);
            seen = Buffer.concat([seen, chunk]);
            const nl = seen.indexOf(0x0a);
            if (nl < 0) return;
            done = true;
            const line = seen.subarray(0, nl).toString("utf8");
            const after = seen.subarray(nl + 1);
            const m = /^\s*\+?(\d+)$/.exec(line);
            if (!m) return reject(new Error("expected integer"));
            resolve(Number(m[1]));
            if (after.length > 0) rest(after);
        };
        stdout.on("data", onData);
        stdout.on("end", () => {
            if (!done) reject(new Error(seen.length === 0 ? "EOF" : "unexpected EOF"));
        });
    });
}

export class PolicyProxy {
    private readonly configuration = new CompletionSource<analyzerPb.AnalyzerStackConfigureRequest | null>();
    private readonly client = new CompletionSource<analyzerGrpc.AnalyzerClient>();
    private packClient: analyzerGrpc.AnalyzerClient | undefined;

    private constructor(
        private readonly server: grpc.Server,
        readonly port: number,
        private readonly stdout: (chunk: Buffer) => void,
    ) {}

    /** NewPolicyProxy: serve the Analyzer service on a free loopback port. */
    static async start(stdout: (chunk: Buffer) => void): Promise<PolicyProxy> {
        const server = new grpc.Server(PULUMI_SERVER_OPTIONS);
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
        );
        const proxy = new PolicyProxy(server, port, stdout);
        server.addService(proxy.serviceDefinition(), proxy.handlers());
        addHealthService(server);
        return proxy;
    }

    /** Prints the proxy's port for the engine, then waits for ConfigureStack (null: none, e.g. `policy publish`). */
    awaitConfiguration(): Promise<analyzerPb.AnalyzerStackConfigureRequest | null> {
        this.stdout(Buffer.from(`${this.port}\n`));
        return this.configuration.promise;
    }

    /** Attach: read the pack's port, dial it, forward the configuration; settles when the pack exits. */
    async attach(child: ChildProcess): Promise<void> {
        const exited = new Promise<void>((resolve, reject) => {
            child.on("error", reject);
            child.on("close", (code, signal) => (code === 0 ? resolve() : reject(new ExitError(code ?? -1, signal))));
        });
        exited.catch(() => undefined);
        let port: number;
        try {
            port = await readPortLine(child.stdout!, this.stdout);
        } catch (e) {
            const err = new Error(`could not read policy pack port: ${(e as Error).message}`);
            this.client.reject(err);
            throw err;
        }
        // No options: grpc's default 4 MiB receive limit stays, as in the real proxy's grpc.NewClient.
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        this.packClient = client;
        if (this.configuration.isSettled) {
            const config = (await this.configuration.promise) ?? new analyzerPb.AnalyzerStackConfigureRequest();
            const err = await new Promise<grpc.ServiceError | null>((resolve) => client.configureStack(config, (e) => resolve(e)));
            if (err && err.code !== grpc.status.UNIMPLEMENTED) {
                const configErr = new Error(`policy pack configuration failed: ${goStatusString(err)}`);
                this.client.reject(configErr);
                throw configErr;
            }
        }
        this.client.fulfill(client);
        await exited;
    }

    /**
     * Abort (sdk/v3 v3.274.1, pulumi/pulumi#24492): the pack failed to start after the engine attached to
     * the proxy; calls waiting for the pack get this error instead of hanging.
     */
    abort(err: Error): void {
        this.client.reject(new Error(`policy pack failed to start: ${err.message}`));
    }

    /** Stops serving and drops the connection to the pack. */
    close(): void {
        this.configuration.fulfill(null);
        this.client.reject(new Error("context canceled"));
        this.packClient?.close();
        this.server.forceShutdown();
    }

    private async awaitClient(): Promise<analyzerGrpc.AnalyzerClient> {
        // The engine may call other methods before ConfigureStack (`pulumi policy publish`): no configuration then.
        this.configuration.fulfill(null);
        try {
            return await this.client.promise;
        } catch (e) {
            throw new Error(`policy pack not started: ${(e as Error).message}`, { cause: e });
        }
    }

    private serviceDefinition(): grpc.ServiceDefinition {
        const raw = rawService(analyzerGrpc.AnalyzerService as unknown as grpc.ServiceDefinition);
        const typed = analyzerGrpc.AnalyzerService as unknown as grpc.ServiceDefinition;
        return { ...raw, configureStack: typed.configureStack, handshake: typed.handshake };
    }

    private handlers(): grpc.UntypedServiceImplementation {
        const handlers: grpc.UntypedServiceImplementation = {
            configureStack: (
                call: grpc.ServerUnaryCall<analyzerPb.AnalyzerStackConfigureRequest, analyzerPb.AnalyzerStackConfigureResponse>,
                callback: grpc.sendUnaryData<analyzerPb.AnalyzerStackConfigureResponse>,
            ) => {
                this.configuration.fulfill(call.request);
                callback(null, new analyzerPb.AnalyzerStackConfigureResponse());
            },
            handshake: (
                _call: grpc.ServerUnaryCall<analyzerPb.AnalyzerHandshakeRequest, analyzerPb.AnalyzerHandshakeResponse>,
                callback: grpc.sendUnaryData<analyzerPb.AnalyzerHandshakeResponse>,
            ) => callback(null, new analyzerPb.AnalyzerHandshakeResponse()),
        };
        const service = analyzerGrpc.AnalyzerService as unknown as grpc.ServiceDefinition;
        for (const [name, method] of Object.entries(service)) {
            if (name in handlers) continue;
            handlers[name] = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
                this.awaitClient().then(
                    (client) =>
                        forwardUnary(client, method.path, call, (err, res) =>
                            callback(err ? asGrpcGoLimitError(err as grpc.ServiceError) : null, res),
                        ),
                    (e: Error) => callback(goPlainError(e.message)),
                );
            };
        }
        return handlers;
    }
}
