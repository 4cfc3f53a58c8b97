// Property values as they travel over the engine's gRPC protocol (google.protobuf.Struct in JSON
// form): a preview-time unknown is a sentinel string, a secret is an object envelope. These are
// the constants of @pulumi/pulumi's runtime/rpc.ts and pulumi/pulumi's sdk/go/common/resource/plugin/rpc.go.

// The constants are the pack's own (policies/model/values.ts), so the tools and the pack cannot drift.
import { SECRET_SIG, SIG_KEY, UNKNOWN_STRING } from "cloud-run-binauthz/dist/policies/model/values";

/** The preview-time unknown sentinel on the wire. */
export const UNKNOWN = UNKNOWN_STRING;
/** The key that marks a special object on the wire, and the value that marks it a secret. */
export { SECRET_SIG, SIG_KEY };

/** A plain JSON object (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN;
}

export function isSecret(v: unknown): v is { value?: unknown } {
    return isPlainObject(v) && v[SIG_KEY] === SECRET_SIG;
}

export function makeSecret(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** The value inside a secret envelope (or the value itself), and whether it was secret. */
export function unwrapSecret(v: unknown): { value: unknown; secret: boolean } {
    return isSecret(v) ? { value: v.value, secret: true } : { value: v, secret: false };
}

/** True if `v` holds an unknown anywhere inside (secret envelopes are looked through). */
export function containsUnknown(v: unknown): boolean {
    const stack: unknown[] = [v];
    while (stack.length > 0) {
        const x = stack.pop();
        if (x === UNKNOWN) return true;
        if (Array.isArray(x)) stack.push(...x);
        else if (isPlainObject(x)) stack.push(...Object.values(x));
    }
    return false;
}
