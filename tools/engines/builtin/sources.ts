// Where `check` gets resources from: a Pulumi program (run under mocks), a `pulumi stack export`
// file, or the JSON of `pulumi preview --json`.
import * as fs from "node:fs";
import { defaultProvider } from "./capture";
import { type ProgramOptions, runProgram } from "./program";
import type { ComponentEvent } from "../pulumi/standins/events";
import type { StackContext, WireResource } from "./driver";
import { SECRET_SIG, SIG_KEY as SIG, UNKNOWN } from "../gcp/wire";
import { stackSecrets } from "../program/secrets";

/** An input `check` cannot use (exit code 2). */
export class InputError extends Error {}

/** Where resources came from. */
export type SourceKind = "program" | "stack-export" | "preview-json";

/** Resources loaded from a source, with the stack context to run them in. */
export interface Loaded {
    kind: SourceKind;
    resources: WireResource[];
    ctx: StackContext;
    /** What a report should tell the user about the source (e.g. encrypted secrets). */
    notes?: string[];
    /** Multi-language components the program built (their contents unchecked). */
    components?: ComponentEvent[];
}

/** Loads resources from a program directory, a stack export or preview JSON. */
export async function loadSource(target: string, base: StackContext, opts: ProgramOptions = {}): Promise<Loaded> {
    if (!fs.existsSync(target)) throw new InputError(`${target} does not exist`);
    if (fs.statSync(target).isDirectory()) return loadProgramDir(target, base, opts);
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(target, "utf8"));
    } catch (e) {
        throw new InputError(
            `${target} is not JSON (${(e as Error).message}); give a program directory, a pulumi stack export file or pulumi preview --json output`,
        );
    }
    const d = doc as { deployment?: { resources?: unknown; secrets_providers?: unknown }; steps?: unknown };
    if (d && typeof d === "object" && d.deployment && typeof d.deployment === "object") {
        const stats: StateStats = { ciphertexts: 0, decrypt: exportDecrypter(d.deployment.secrets_providers) };
        const resources = fromStackExport(d.deployment.resources, base, stats);
        const ctx = { ...base, ...stackOf(resources), dryRun: false };
        return { kind: "stack-export", resources, ctx, notes: ciphertextNotes(stats) };
    }
    if (d && typeof d === "object" && Array.isArray(d.steps)) {
        const resources = fromPreviewJson(d.steps, base);
        return { kind: "preview-json", resources, ctx: { ...base, ...stackOf(resources) } };
    }
    throw new InputError(`${target} is neither a pulumi stack export (no "deployment") nor pulumi preview --json output (no "steps")`);
}

/** Reads a program directory as the CLI would and runs the program under mocks (see program.ts). */
async function loadProgramDir(dir: string, base: StackContext, opts: ProgramOptions): Promise<Loaded> {
    const { resources, ctx, components } = await runProgram(dir, base, opts);
    return { kind: "program", resources, ctx, components };
}

interface StateResource {
    urn?: unknown;
    type?: unknown;
    inputs?: unknown;
    outputs?: unknown;
    parent?: unknown;
    provider?: unknown;
    dependencies?: unknown;
}

/** What reading state found that the user should know. */
export interface StateStats {
    /** Secrets exported as ciphertext (without --show-secrets) that could not be decrypted: the pack cannot read them. */
    ciphertexts: number;
    /** Decrypts the export's ciphertext where its passphrase is given (PULUMI_CONFIG_PASSPHRASE or _FILE). */
    decrypt?: (ciphertext: string) => string;
}

/** A passphrase export (`secrets_providers: { type: passphrase, state: { salt } }`) is decrypted as the CLI would, given the passphrase. */
function exportDecrypter(providers: unknown, env: NodeJS.ProcessEnv = process.env): ((c: string) => string) | undefined {
    const p = providers as { type?: unknown; state?: { salt?: unknown } } | undefined;
    if (!p || p.type !== "passphrase" || typeof p.state?.salt !== "string") return undefined;
    return stackSecrets({ encryptionsalt: p.state.salt }, env).decrypt;
}

/** The stack and project a state's URNs name (`urn:pulumi:STACK::PROJECT::...`). */
function stackOf(resources: WireResource[]): Partial<Pick<StackContext, "stack" | "project">> {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(resources[0]?.urn ?? "");
    return m ? { stack: m[1], project: m[2] } : {};
}

/** The hint for secrets exported encrypted. */
function ciphertextNotes(stats: StateStats): string[] {
    if (stats.ciphertexts === 0) return [];
    return [
        `${stats.ciphertexts} secret value${stats.ciphertexts === 1 ? " is" : "s are"} encrypted in this export, so the policies cannot read ${stats.ciphertexts === 1 ? "it" : "them"} and treat ${stats.ciphertexts === 1 ? "it" : "them"} as unknown. Re-export with \`pulumi stack export --show-secrets > stack.json\` to check ${stats.ciphertexts === 1 ? "it" : "them"} (the file then holds plaintext secrets: keep it private).`,
    ];
}

/** Export secrets: plaintext becomes a secret envelope of its value; ciphertext, of an unknown. */
function fromStateValue(v: unknown, stats?: StateStats): unknown {
    if (Array.isArray(v)) return v.map((x) => fromStateValue(x, stats));
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[SIG] === SECRET_SIG) {
            if (typeof o.plaintext === "string") {
                let inner: unknown;
                try {
                    inner = JSON.parse(o.plaintext);
                } catch {
                    inner = o.plaintext;
                }
                return { [SIG]: SECRET_SIG, value: fromStateValue(inner, stats) };
            }
            if ("value" in o) return { [SIG]: SECRET_SIG, value: fromStateValue(o.value, stats) };
            const plain = typeof o.ciphertext === "string" && stats?.decrypt ? tryDecrypt(o.ciphertext, stats.decrypt) : undefined;
            if (plain !== undefined) return { [SIG]: SECRET_SIG, value: fromStateValue(plain, stats) };
            if (stats && "ciphertext" in o) stats.ciphertexts++;
            return { [SIG]: SECRET_SIG, value: UNKNOWN };
        }
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(o)) out[k] = fromStateValue(x, stats);
        return out;
    }
    if (v === "[secret]") return { [SIG]: SECRET_SIG, value: UNKNOWN };
    return v;
}

/** A ciphertext's value (its plaintext is the JSON of the value), or undefined where it is not this export's. */
function tryDecrypt(ciphertext: string, decrypt: (c: string) => string): unknown {
    let text: string;
    try {
        text = decrypt(ciphertext);
    } catch {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function nameOf(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i >= 0 ? urn.slice(i + 2) : urn;
}

/**
 * State resources as the engine hands them to a policy pack: Analyze gets `inputs`, AnalyzeStack
 * `outputs` (where the state has them; else the run predicts them). The root Stack and providers
 * are resources too; a resource's provider is described by the provider's inputs.
 */
function toWire(states: StateResource[], base: StackContext, stats?: StateStats): WireResource[] {
    const valid = states.filter(
        (s): s is StateResource & { urn: string; type: string } => typeof s?.urn === "string" && typeof s?.type === "string",
    );
    const byUrn = new Map(valid.map((s) => [s.urn, s]));
    const props = (v: unknown) => (fromStateValue(v ?? {}, stats) ?? {}) as Record<string, unknown>;
    return valid.map((s) => {
        const r: WireResource = {
            type: s.type,
            name: nameOf(s.urn),
            urn: s.urn,
            properties: props(s.inputs),
            dependencies: Array.isArray(s.dependencies) ? s.dependencies.filter((d): d is string => typeof d === "string") : [],
        };
        if (s.outputs && typeof s.outputs === "object" && !Array.isArray(s.outputs)) r.outputs = props(s.outputs);
        if (typeof s.parent === "string" && s.parent) r.parent = s.parent;
        if (typeof s.provider === "string" && s.provider) {
            const urn = s.provider.slice(0, s.provider.lastIndexOf("::"));
            const p = byUrn.get(urn);
            if (p && typeof p.type === "string") {
                r.provider = { type: p.type, name: nameOf(urn), urn, properties: props(p.inputs) };
            }
        } else if (s.type.startsWith("gcp:")) {
            r.provider = defaultProvider(base);
        }
        return r;
    });
}

/**
 * How many secrets of a stack export cannot be decrypted here (ciphertext without the export's
 * passphrase, or of a cloud secrets manager). The real CLI analyses those as the string "[secret]".
 */
export function undecryptableSecrets(file: string): number {
    try {
        const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { deployment?: { resources?: unknown; secrets_providers?: unknown } };
        if (
            !doc.deployment ||
            !Array.isArray(doc.deployment.resources) ||
            !JSON.stringify(doc.deployment.resources).includes('"ciphertext"')
        )
            return 0;
        const stats: StateStats = { ciphertexts: 0, decrypt: exportDecrypter(doc.deployment.secrets_providers) };
        fromStackExport(doc.deployment.resources, { organization: "", project: "", stack: "", dryRun: false, config: {} }, stats);
        return stats.ciphertexts;
    } catch {
        return 0;
    }
}

/** A stack export's resources: inputs for Analyze, outputs for AnalyzeStack, in wire form. */
export function fromStackExport(resources: unknown, base: StackContext, stats?: StateStats): WireResource[] {
    if (!Array.isArray(resources)) throw new InputError('the stack export has no "deployment.resources" list');
    // AnalyzeStack gets what the state records: a resource the export gives no outputs has none
    // (pulumi policy analyze sends res.Outputs, pkg/resource/deploy/analyze_snapshot.go).
    return toWire(resources as StateResource[], base, stats).map((r) => (r.outputs ? r : { ...r, outputs: {} }));
}

/** Step operations whose newState is not part of the stack after the update. */
const GONE = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "read-discard", "remove-pending-replace"]);

/** The resources of the stack a `pulumi preview --json` describes (one per URN, the last step's newState). */
export function fromPreviewJson(steps: unknown[], base: StackContext): WireResource[] {
    const byUrn = new Map<string, StateResource>();
    for (const step of steps) {
        const s = step as { op?: unknown; newState?: StateResource };
        if (typeof s?.op === "string" && GONE.has(s.op)) continue;
        if (!s?.newState || typeof s.newState.urn !== "string") continue;
        byUrn.delete(s.newState.urn);
        byUrn.set(s.newState.urn, s.newState);
    }
    return toWire([...byUrn.values()], base);
}
