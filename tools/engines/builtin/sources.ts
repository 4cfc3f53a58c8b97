// Where `check` gets resources from: a Pulumi program (run under mocks), a `pulumi stack export`
// file, or the JSON of `pulumi preview --json`.
import * as fs from "node:fs";
import { defaultProvider } from "./capture";
import { runProgram } from "./program";
import type { StackContext, WireResource } from "./driver";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** An input `check` cannot use (exit code 2). */
export class InputError extends Error {}

/** Where resources came from. */
export type SourceKind = "program" | "stack-export" | "preview-json";

/** Resources loaded from a source, with the stack context to run them in. */
export interface Loaded {
    kind: SourceKind;
    resources: WireResource[];
    ctx: StackContext;
}

/** Loads resources from a program directory, a stack export or preview JSON. */
export async function loadSource(target: string, base: StackContext): Promise<Loaded> {
    if (!fs.existsSync(target)) throw new InputError(`${target} does not exist`);
    if (fs.statSync(target).isDirectory()) return loadProgramDir(target, base);
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(target, "utf8"));
    } catch (e) {
        throw new InputError(
            `${target} is not JSON (${(e as Error).message}); give a program directory, a pulumi stack export file or pulumi preview --json output`,
        );
    }
    const d = doc as { deployment?: { resources?: unknown }; steps?: unknown };
    if (d && typeof d === "object" && d.deployment && typeof d.deployment === "object") {
        return { kind: "stack-export", resources: fromStackExport(d.deployment.resources, base), ctx: { ...base, dryRun: false } };
    }
    if (d && typeof d === "object" && Array.isArray(d.steps)) {
        return { kind: "preview-json", resources: fromPreviewJson(d.steps, base), ctx: base };
    }
    throw new InputError(`${target} is neither a pulumi stack export (no "deployment") nor pulumi preview --json output (no "steps")`);
}

/** Reads a program directory as the CLI would and runs the program under mocks (see program.ts). */
async function loadProgramDir(dir: string, base: StackContext): Promise<Loaded> {
    const { resources, ctx } = await runProgram(dir, base);
    return { kind: "program", resources, ctx };
}

interface StateResource {
    urn?: unknown;
    type?: unknown;
    inputs?: unknown;
    parent?: unknown;
    provider?: unknown;
    dependencies?: unknown;
}

/** Export secrets: plaintext becomes a secret envelope of its value; ciphertext, of an unknown. */
function fromStateValue(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(fromStateValue);
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
                return { [SIG]: SECRET_SIG, value: fromStateValue(inner) };
            }
            if ("value" in o) return { [SIG]: SECRET_SIG, value: fromStateValue(o.value) };
            return { [SIG]: SECRET_SIG, value: UNKNOWN };
        }
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(o)) out[k] = fromStateValue(x);
        return out;
    }
    if (v === "[secret]") return { [SIG]: SECRET_SIG, value: UNKNOWN };
    return v;
}

function nameOf(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i >= 0 ? urn.slice(i + 2) : urn;
}

function toWire(states: StateResource[], base: StackContext): WireResource[] {
    const valid = states.filter(
        (s): s is StateResource & { urn: string; type: string } => typeof s?.urn === "string" && typeof s?.type === "string",
    );
    const byUrn = new Map(valid.map((s) => [s.urn, s]));
    return valid
        .filter((s) => s.type !== "pulumi:pulumi:Stack")
        .map((s) => {
            const r: WireResource = {
                type: s.type,
                name: nameOf(s.urn),
                urn: s.urn,
                properties: (fromStateValue(s.inputs ?? {}) ?? {}) as Record<string, unknown>,
                dependencies: Array.isArray(s.dependencies) ? s.dependencies.filter((d): d is string => typeof d === "string") : [],
            };
            if (typeof s.parent === "string" && byUrn.get(s.parent)?.type !== "pulumi:pulumi:Stack") r.parent = s.parent;
            if (typeof s.provider === "string" && s.provider) {
                const urn = s.provider.slice(0, s.provider.lastIndexOf("::"));
                const p = byUrn.get(urn);
                if (p && typeof p.type === "string") {
                    r.provider = {
                        type: p.type,
                        name: nameOf(urn),
                        urn,
                        properties: (fromStateValue(p.inputs ?? {}) ?? {}) as Record<string, unknown>,
                    };
                }
            } else if (s.type.startsWith("gcp:")) {
                r.provider = defaultProvider(base);
            }
            return r;
        });
}

/** A stack export's resources, with their inputs, in wire form. */
export function fromStackExport(resources: unknown, base: StackContext): WireResource[] {
    if (!Array.isArray(resources)) throw new InputError('the stack export has no "deployment.resources" list');
    return toWire(resources as StateResource[], base);
}

/** The resources a `pulumi preview --json` would create or update, with their inputs. */
export function fromPreviewJson(steps: unknown[], base: StackContext): WireResource[] {
    const states: StateResource[] = [];
    for (const step of steps) {
        const s = step as { op?: unknown; newState?: StateResource };
        if (s?.op === "delete" || s?.op === "discard" || !s?.newState) continue;
        states.push(s.newState);
    }
    return toWire(states, base);
}
