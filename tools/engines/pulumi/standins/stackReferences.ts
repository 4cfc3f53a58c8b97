// StackReferences answered from check's file backend. Each stack given with --stack-outputs is a
// checkpoint under a name the generation's file backend can read (preview.ts fileBackendStackName): v3.274.1
// knows one organization, `organization`, and refuses any other ("organization name must be
// 'organization'", pkg/backend/diy/store.go); v3.60 takes plain stack names only (pkg/v3@v3.60.0
// backend/filestate/store.go legacyReferenceStore.ParseReference). The monitor proxy (the stand-in
// Node.js host's, or hostInterposer.ts's in front of Pulumi's own hosts) reads a given name as that
// one and gives the program back the name it asked for. Only names check was given are rewritten.
import * as grpc from "@grpc/grpc-js";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";

/** The variable holding the JSON object { "ORG/PROJECT/STACK": file-backend name } of names to rewrite. */
export const STACK_REFERENCES_VAR = "CLOUD_RUN_BINAUTHZ_STACK_REFERENCES";

const STACK_REFERENCE = "pulumi:pulumi:StackReference";

/** The rewrites from the environment (none when unset or not an object of strings). */
export function rewrittenReferences(env: NodeJS.ProcessEnv = process.env): Map<string, string> {
    try {
        const v = JSON.parse(env[STACK_REFERENCES_VAR] ?? "{}") as unknown;
        if (!v || typeof v !== "object" || Array.isArray(v)) return new Map();
        return new Map(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== e[1]));
    } catch {
        return new Map();
    }
}

/**
 * The ReadResource handler of the monitor proxy: a StackReference read of a rewritten name goes to
 * the engine under its file-backend name, and its answer comes back with the program's name; every other
 * call is forwarded as it is.
 */
export function readResourceHandler(
    forward: (request: Buffer, callback: grpc.sendUnaryData<Buffer>) => void,
    rewritten: ReadonlyMap<string, string>,
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
        const target = req.getType() === STACK_REFERENCE ? rewritten.get(name) : undefined;
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
