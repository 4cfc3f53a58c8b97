// What Analyze saw, by URN, so that stack policies judge a resource by the inputs the program gave.
//
// The engine calls Analyze with each resource's checked INPUTS, and AnalyzeStack with its OUTPUTS.
// In a preview of a create, the outputs are the provider's prediction: the inputs plus an unknown for
// every computed field the program did not set (`project`, a function's
// `buildConfig.dockerRepository`, ...). Read as outputs, a workload whose project comes from its
// provider or from `gcp:project` would have an unknown project, and every stack policy would drop
// to advisory. Read as the inputs Analyze saw, an absent `project` stays absent, so the documented
// fallback (provider, then stack config) applies, and the verdict is the one the inputs give.
//
// A record is used only where it agrees with the outputs: every input value equals the output value
// at the same path, or the output is unknown there; outputs may hold more (computed) fields. So a
// stale record (a resource changed since it was recorded) is never used, and the record can only
// stand in for what the outputs leave unknown or add.
//
// Lifetime: one pack process serves one preview (the engine calls Analyze for every resource, then
// AnalyzeStack once). To stay right if a process ever serves several, the first record after a stack
// read starts a new preview and forgets the previous one. Memory is one reference per recorded
// resource to the property object @pulumi/policy already built for that Analyze: bounded by the stack.
import { isUnknownSentinel, unproxied } from "./values";

/** Nesting beyond this is not compared (the record is then not used); real resources stay far below it. */
const MAX_DEPTH = 64;

const inputsByUrn = new Map<string, unknown>();
/** Set once a stack policy has read the record; the next record belongs to a new preview. */
let stackRead = false;

/** Records the properties Analyze handed a resource policy for `urn` (its checked inputs). */
export function recordInputs(urn: unknown, props: unknown): void {
    if (typeof urn !== "string" || urn === "") return;
    if (stackRead) {
        inputsByUrn.clear();
        stackRead = false;
    }
    inputsByUrn.set(urn, unproxied(props));
}

/** The inputs Analyze saw for `urn` in this preview, if any. */
export function recordedInputs(urn: unknown): unknown {
    return typeof urn === "string" ? inputsByUrn.get(urn) : undefined;
}

/** How many resources are recorded (for tests and diagnostics). */
export function recordedCount(): number {
    return inputsByUrn.size;
}

/** Forgets everything recorded (tests; a new preview does this by itself). */
export function forgetRecorded(): void {
    inputsByUrn.clear();
    stackRead = false;
}

/** A resource as a stack policy reads it. */
interface StackResourceLike {
    urn: string;
    props: unknown;
}

/** null, undefined, [] or {}: what a provider may drop or return as null. */
function isEmpty(v: unknown): boolean {
    if (v === null || v === undefined) return true;
    if (Array.isArray(v)) return v.length === 0;
    return typeof v === "object" && Object.keys(v).length === 0;
}

/**
 * Whether recorded inputs describe the same resource as its outputs: each input value equals the
 * output at the same path, or the output is unknown there (an unknown input must meet an unknown
 * output). Keys only in the outputs are computed fields. Linear in the size of the inputs.
 */
export function agreesWithOutputs(inputs: unknown, outputs: unknown, depth = 0): boolean {
    if (isUnknownSentinel(outputs)) return true;
    if (depth > MAX_DEPTH) return false;
    if (inputs === outputs) return true;
    if (isEmpty(inputs) && (outputs === null || outputs === undefined || isEmpty(outputs))) return true;
    if (typeof inputs !== "object" || inputs === null || typeof outputs !== "object" || outputs === null) return false;
    if (Array.isArray(inputs)) {
        if (!Array.isArray(outputs) || inputs.length !== outputs.length) return false;
        for (let i = 0; i < inputs.length; i++) if (!agreesWithOutputs(inputs[i], outputs[i], depth + 1)) return false;
        return true;
    }
    if (Array.isArray(outputs)) return false;
    const out = outputs as Record<string, unknown>;
    for (const [k, v] of Object.entries(inputs as Record<string, unknown>)) {
        if (!Object.prototype.hasOwnProperty.call(out, k)) {
            // An input the provider drops from its outputs because it is null or empty agrees.
            if (isEmpty(v)) continue;
            return false;
        }
        if (!agreesWithOutputs(v, out[k], depth + 1)) return false;
    }
    return true;
}

/**
 * Replaces each resource's outputs with the inputs Analyze saw for it, where Analyze saw it and
 * they agree with the outputs; any other resource (another type, all resource policies disabled, a
 * stale record) keeps its outputs. Each AnalyzeStack call builds fresh resource objects per policy,
 * so replacing in place touches nothing another policy sees. Never throws.
 */
export function withRecordedInputs<R extends StackResourceLike>(resources: readonly R[]): void {
    stackRead = true;
    if (inputsByUrn.size === 0) return;
    for (const r of resources) {
        try {
            const inputs = inputsByUrn.get(r.urn);
            if (inputs !== undefined && agreesWithOutputs(inputs, unproxied(r.props))) r.props = inputs;
        } catch {
            // a hostile or frozen resource object keeps its outputs
        }
    }
}
