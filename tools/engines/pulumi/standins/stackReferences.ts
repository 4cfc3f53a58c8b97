// StackReferences to other organizations, for check's file backend. The file backend knows a single
// organization, `organization`, and refuses any other name ("organization name must be
// 'organization'", pkg/backend/diy/store.go). check writes each stack given with --stack-outputs as
// a checkpoint under its project and stack name; for a reference whose name carries another
// organization, the Node.js host's monitor proxy reads that checkpoint as `organization/P/S` and
// gives the program back the name it asked for. Only names check was given are rewritten.
import * as grpc from "@grpc/grpc-js";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";

/** The variable holding the JSON list of ORG/PROJECT/STACK names to rewrite. */
export const STACK_REFERENCES_VAR = "CLOUD_RUN_BINAUTHZ_STACK_REFERENCES";

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

/** The names from the environment (none when unset or not a list of strings). */
export function rewrittenReferences(env: NodeJS.ProcessEnv = process.env): Set<string> {
    try {
        const v = JSON.parse(env[STACK_REFERENCES_VAR] ?? "[]") as unknown;
        return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    } catch {
        return new Set();
    }
}

/** `ORG/P/S` as the file backend can read it, or undefined when it needs no rewrite. */
export function fileBackendName(name: string, rewritten: Set<string>): string | undefined {
    const parts = name.split("/");
    if (parts.length !== 3 || parts[0] === "organization" || !rewritten.has(name)) return undefined;
    return `organization/${parts[1]}/${parts[2]}`;
}

/**
 * The ReadResource handler of the monitor proxy: a StackReference read of a rewritten name goes to
 * the engine as `organization/P/S`, and its answer comes back with the program's name; every other
 * call is forwarded as it is.
 */
export function readResourceHandler(
    forward: (request: Buffer, callback: grpc.sendUnaryData<Buffer>) => void,
    rewritten: Set<string>,
): (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => void {
    return (call, callback) => {
        let req: resourcePb.ReadResourceRequest;
        try {
            req = resourcePb.ReadResourceRequest.deserializeBinary(call.request);
        } catch {
            return forward(call.request, callback);
        }
        const props = (req.getProperties()?.toJavaScript() ?? {}) as Record<string, structPb.JavaScriptValue>;
        const name = typeof props.name === "string" ? props.name : "";
        const target = req.getType() === STACK_REFERENCE ? fileBackendName(name, rewritten) : undefined;
        if (!target) return forward(call.request, callback);
        req.setId(target);
        req.setProperties(structPb.Struct.fromJavaScript({ ...props, name: target }));
        forward(Buffer.from(req.serializeBinary()), (err, res) => {
            if (err || !res) return callback(err, res);
            try {
                const answer = resourcePb.ReadResourceResponse.deserializeBinary(res);
                const out = (answer.getProperties()?.toJavaScript() ?? {}) as Record<string, structPb.JavaScriptValue>;
                answer.setProperties(structPb.Struct.fromJavaScript({ ...out, name }));
                callback(null, Buffer.from(answer.serializeBinary()));
            } catch {
                callback(null, res);
            }
        });
    };
}
