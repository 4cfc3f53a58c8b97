// What the GCP provider returns from Create during a preview: the checked inputs, plus an unknown
// for every computed output the program did not set. Shared by the offline stand-in provider
// (tools/engines/pulumi/standins) and the built-in engine, so that both hand AnalyzeStack the
// same outputs that a real `pulumi preview` does.
// PLACEHOLDER: the table of computed fields is filled in by the stand-in provider work.

/** The preview-time unknown sentinel on the wire. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The outputs the provider predicts in a preview for a create of `type` with checked `inputs`
 * (wire form: unknown sentinels and secret envelopes pass through unchanged).
 */
export function predictOutputs(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
    void type;
    return { ...inputs };
}
