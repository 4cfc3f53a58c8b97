// The resource-monitor proxy the Node.js language host runs for each program (monitorProxy in
// sdk/nodejs/cmd/pulumi-language-nodejs/proxy.go, pulumi/pulumi): the program talks to this
// server, which forwards every call unchanged to the engine's monitor, adding only the
// `pulumi-runtime: nodejs` metadata to RegisterResource. Both sides use Pulumi's 400 MiB limit.
// Every method of the ResourceMonitor service in @pulumi/pulumi's proto is forwarded, ExistsResource
// included (the v3.259-era proxy.go we read predates it; the SDK we ship calls it).
import * as grpc from "@grpc/grpc-js";
import * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import { PULUMI_CHANNEL_OPTIONS, PULUMI_SERVER_OPTIONS, addHealthService, passthroughHandlers, rawService } from "./grpcPassthrough";
import { readResourceHandler, rewrittenReferences } from "./stackReferences";

export interface MonitorProxy {
    address: string;
    close(): void;
}

/**
 * `runtimeMetadata: false` for the proxy check puts in front of Pulumi's own hosts (hostInterposer.ts),
 * whose programs talk to the engine's monitor without one.
 */
export async function startMonitorProxy(monitorAddress: string, opts: { runtimeMetadata?: boolean } = {}): Promise<MonitorProxy> {
    const target = new grpc.Client(monitorAddress, grpc.credentials.createInsecure(), PULUMI_CHANNEL_OPTIONS);
    const service = rawService(resourceGrpc.ResourceMonitorService as unknown as grpc.ServiceDefinition);
    const server = new grpc.Server(PULUMI_SERVER_OPTIONS);
    const handlers = passthroughHandlers(service, target, (method) => {
        const md = new grpc.Metadata();
        if (method === "registerResource" && opts.runtimeMetadata !== false) md.set("pulumi-runtime", "nodejs");
        return md;
    });
    // check's offline runs only (not the real host's behaviour): StackReferences check was given.
    const rewritten = rewrittenReferences();
    if (rewritten.size > 0) {
        const readPath = (service as Record<string, grpc.MethodDefinition<Buffer, Buffer>>).readResource.path;
        handlers.readResource = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
            const send = (request: Buffer, cb: grpc.sendUnaryData<Buffer>) => {
                const outgoing = target.makeUnaryRequest(
                    readPath,
                    (b: Buffer) => b,
                    (b: Buffer) => b,
                    request,
                    new grpc.Metadata(),
                    cb,
                );
                call.on("cancelled", () => outgoing.cancel());
            };
            readResourceHandler(send, rewritten)(call, callback);
        };
    }
    server.addService(service, handlers);
    addHealthService(server);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return {
        address: `127.0.0.1:${port}`,
        close: () => {
            server.forceShutdown();
            target.close();
        },
    };
}
