// check's StackReference answers for programs that Pulumi's own language hosts run (Python, Go and
// YAML on every generation, Node.js on v3.60). Started by the CLI as `pulumi-language-<runtime>`
// from the run's launcher directory, it starts the real host (CRB_REAL_HOST) with the same
// arguments, prints its own port, and forwards every call to it byte for byte, except Run: there the
// program's monitor address becomes a monitor proxy (monitorProxy.ts) that reads each StackReference
// check was given from the file backend's checkpoint. The real host still runs the program. check
// puts it on PATH only when --stack-outputs names a stack; any other run has no piece of ours here.
import { spawn } from "node:child_process";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import * as languageGrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as languagePb from "@pulumi/pulumi/proto/language_pb";
import { PULUMI_CHANNEL_OPTIONS, PULUMI_SERVER_OPTIONS, addHealthService, passthroughHandlers, rawService } from "./grpcPassthrough";
import { type MonitorProxy, startMonitorProxy } from "./monitorProxy";

/** The variable naming the real host's executable. */
const REAL_HOST_VAR = "CRB_REAL_HOST"; // written by launchers.ts writeHostInterposer

async function main(): Promise<void> {
    const realHost = process.env[REAL_HOST_VAR];
    if (!realHost) throw new Error(`${REAL_HOST_VAR} is not set`);
    const host = spawn(realHost, process.argv.slice(2), { stdio: ["ignore", "pipe", "inherit"] });
    host.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    const lines = readline.createInterface({ input: host.stdout });
    const port = await new Promise<string>((resolve) => lines.once("line", (l) => resolve(l.trim())));
    lines.on("line", (l) => process.stdout.write(`${l}\n`));

    const target = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), PULUMI_CHANNEL_OPTIONS);
    const service = rawService(languageGrpc.LanguageRuntimeService as unknown as grpc.ServiceDefinition);
    const handlers = passthroughHandlers(service, target);
    const runPath = (service as Record<string, grpc.MethodDefinition<Buffer, Buffer>>).run.path;
    const proxies: MonitorProxy[] = [];
    handlers.run = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        void (async () => {
            const req = languagePb.RunRequest.deserializeBinary(call.request);
            const proxy = await startMonitorProxy(req.getMonitorAddress(), { runtimeMetadata: false });
            proxies.push(proxy);
            req.setMonitorAddress(proxy.address);
            const outgoing = target.makeUnaryRequest(
                runPath,
                (b: Buffer) => b,
                (b: Buffer) => b,
                Buffer.from(req.serializeBinary()),
                new grpc.Metadata(),
                callback,
            );
            call.on("cancelled", () => outgoing.cancel());
        })().catch((e: unknown) => callback(Object.assign(new Error(String(e)), { code: grpc.status.INTERNAL })));
    };
    const server = new grpc.Server(PULUMI_SERVER_OPTIONS);
    server.addService(service, handlers);
    addHealthService(server);
    const own = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    process.stdout.write(`${own}\n`);
    const stop = () => {
        for (const p of proxies) p.close();
        host.kill("SIGTERM");
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

main().catch((e: unknown) => {
    process.stderr.write(`pulumi-language host interposer: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
