// gRPC plumbing shared by the language-host stand-in: byte-for-byte forwarding of unary calls
// (so a proxy never re-encodes a message), the health service every Pulumi plugin server
// registers, and the engine health check the real host runs. Behaviour copied from
// sdk/go/common/util/rpcutil/serve.go and health.go in pulumi/pulumi.
import * as grpc from "@grpc/grpc-js";

/** rpcutil.maxRPCMessageSize: the 400 MiB receive limit of Pulumi's servers and of GrpcChannelOptions() clients. */
export const MAX_RPC_MESSAGE_SIZE = 1024 * 1024 * 400;

/** Client options equal to rpcutil.GrpcChannelOptions(). */
export const PULUMI_CHANNEL_OPTIONS: grpc.ChannelOptions = { "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE };

/** Server options equal to rpcutil.ServeWithOptions (MaxRecvMsgSize 400 MiB; the send limit stays unbounded). */
export const PULUMI_SERVER_OPTIONS: grpc.ServerOptions = { "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE };

const identity = (b: Buffer): Buffer => b;

/** The same service with every message kept as raw bytes. */
export function rawService(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
    const raw: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
    for (const [name, method] of Object.entries(service)) {
        raw[name] = {
            path: method.path,
            requestStream: method.requestStream,
            responseStream: method.responseStream,
            requestSerialize: identity,
            requestDeserialize: identity,
            responseSerialize: identity,
            responseDeserialize: identity,
        };
    }
    return raw as grpc.ServiceDefinition;
}

/** Forwards one unary call's bytes to `client` and hands back its answer or its status unchanged. */
export function forwardUnary(
    client: grpc.Client,
    methodPath: string,
    call: grpc.ServerUnaryCall<Buffer, Buffer>,
    callback: grpc.sendUnaryData<Buffer>,
    metadata: grpc.Metadata = new grpc.Metadata(),
): void {
    const outgoing = client.makeUnaryRequest(methodPath, identity, identity, call.request, metadata, (err, res) => {
        if (err) callback(err);
        else callback(null, res);
    });
    call.on("cancelled", () => outgoing.cancel());
}

/** Handlers that forward every unary method of `service` to `client`; `metadataFor` adds outgoing metadata per method. */
export function passthroughHandlers(
    service: grpc.ServiceDefinition,
    client: grpc.Client,
    metadataFor: (methodName: string) => grpc.Metadata = () => new grpc.Metadata(),
): grpc.UntypedServiceImplementation {
    const handlers: grpc.UntypedServiceImplementation = {};
    for (const [name, method] of Object.entries(service)) {
        if (method.requestStream || method.responseStream) continue;
        handlers[name] = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) =>
            forwardUnary(client, method.path, call, callback, metadataFor(name));
    }
    return handlers;
}

const HEALTH_CHECK_PATH = "/grpc.health.v1.Health/Check";
// HealthCheckResponse{status: SERVING}: field 1, varint 1.
const SERVING = Buffer.from([0x08, 0x01]);

/** Registers grpc.health.v1.Health/Check answering SERVING, as rpcutil.ServeWithOptions does for every server. */
export function addHealthService(server: grpc.Server): void {
    const service = rawService({
        Check: {
            path: HEALTH_CHECK_PATH,
            requestStream: false,
            responseStream: false,
        } as grpc.MethodDefinition<unknown, unknown>,
    });
    server.addService(service, {
        Check: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, SERVING),
    });
}

/**
 * rpcutil.Healthcheck: every `intervalMs`, ask the engine's health service; any error except
 * Unimplemented means the engine is gone, and `onUnhealthy` runs once.
 */
export function startEngineHealthcheck(engineAddress: string, intervalMs: number, onUnhealthy: () => void): () => void {
    const client = new grpc.Client(engineAddress, grpc.credentials.createInsecure(), PULUMI_CHANNEL_OPTIONS);
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
        timer = setTimeout(() => {
            client.makeUnaryRequest(HEALTH_CHECK_PATH, identity, identity, Buffer.alloc(0), (err) => {
                if (err && err.code !== grpc.status.UNIMPLEMENTED) onUnhealthy();
                else schedule();
            });
        }, intervalMs);
        timer.unref();
    };
    schedule();
    return () => {
        if (timer) clearTimeout(timer);
        client.close();
    };
}

const GO_CODE_NAMES: Record<number, string> = {
    0: "OK",
    1: "Canceled",
    2: "Unknown",
    3: "InvalidArgument",
    4: "DeadlineExceeded",
    5: "NotFound",
    6: "AlreadyExists",
    7: "PermissionDenied",
    8: "ResourceExhausted",
    9: "FailedPrecondition",
    10: "Aborted",
    11: "OutOfRange",
    12: "Unimplemented",
    13: "Internal",
    14: "Unavailable",
    15: "DataLoss",
    16: "Unauthenticated",
};

/** How grpc-go prints a status error with %v: `rpc error: code = X desc = Y`. */
export function goStatusString(err: { code?: number; details?: string; message?: string }): string {
    const code = err.code ?? grpc.status.UNKNOWN;
    return `rpc error: code = ${GO_CODE_NAMES[code] ?? `Code(${code})`} desc = ${err.details ?? err.message ?? ""}`;
}

/** A gRPC error the way a Go server sends a plain (non-status) error: code Unknown, the text as details. */
export function goPlainError(message: string): grpc.ServiceError {
    return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata: new grpc.Metadata() });
}
