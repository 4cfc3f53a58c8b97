// StackReference, offline: `--stack-outputs ORG/PROJECT/STACK=FILE` gives the outputs of a stack a
// program reads, FILE being what `pulumi stack output --json --show-secrets --stack ORG/PROJECT/STACK`
// prints (one JSON object, secrets in plaintext). The built-in engine answers the StackReference
// read from it; the real CLI reads it from a checkpoint check writes into its file backend. A
// reference with no --stack-outputs is refused in one line that names it and the option.
import * as fs from "node:fs";

/** The outputs of one referenced stack. */
export interface StackOutputs {
    /** ORG/PROJECT/STACK as given. */
    name: string;
    org: string;
    project: string;
    stack: string;
    outputs: Record<string, unknown>;
}

/** A --stack-outputs option check cannot use. */
export class StackOutputsError extends Error {}

const NAME = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** Parses each `ORG/PROJECT/STACK=FILE` and reads its file. */
export function readStackOutputs(values: string[] | undefined): StackOutputs[] {
    const out: StackOutputs[] = [];
    for (const v of values ?? []) {
        const eq = v.indexOf("=");
        const name = eq > 0 ? v.slice(0, eq) : "";
        const m = NAME.exec(name);
        if (!m) throw new StackOutputsError(`--stack-outputs takes ORG/PROJECT/STACK=FILE, got ${JSON.stringify(v)}`);
        const file = v.slice(eq + 1);
        let doc: unknown;
        try {
            doc = JSON.parse(fs.readFileSync(file, "utf8"));
        } catch (e) {
            throw new StackOutputsError(`--stack-outputs ${name}: ${file} is not readable JSON (${(e as Error).message.split("\n")[0]})`);
        }
        if (typeof doc !== "object" || doc === null || Array.isArray(doc))
            throw new StackOutputsError(`--stack-outputs ${name}: ${file} is not a JSON object (pulumi stack output --json prints one)`);
        const outputs = doc as Record<string, unknown>;
        const hidden = Object.keys(outputs).filter((k) => JSON.stringify(outputs[k]).includes('"[secret]"'));
        if (hidden.length)
            throw new StackOutputsError(
                `--stack-outputs ${name}: ${file} hides the secret output '${hidden[0]}' as "[secret]"; export it with \`pulumi stack output --json --show-secrets --stack ${name}\``,
            );
        if (out.some((o) => o.name === name)) throw new StackOutputsError(`--stack-outputs ${name} is given twice`);
        out.push({ name, org: m[1], project: m[2], stack: m[3], outputs });
    }
    const seen = new Map<string, string>();
    for (const o of out) {
        const key = `${o.project}/${o.stack}`;
        const other = seen.get(key);
        // The file backend keeps one stack per project and name, whatever the organization.
        if (other)
            throw new StackOutputsError(
                `--stack-outputs ${other} and ${o.name} name the same project and stack; check can hold only one of them`,
            );
        seen.set(key, o.name);
    }
    return out;
}

/**
 * The entry a StackReference name reads, as a backend resolves it: `ORG/PROJECT/STACK` exactly;
 * `ORG/STACK` and `STACK` in the current project (any organization for `STACK`).
 */
export function findStackOutputs(reference: string, currentProject: string, entries: StackOutputs[]): StackOutputs | undefined {
    const parts = reference.split("/");
    if (parts.length === 3) return entries.find((e) => e.name === reference);
    if (parts.length === 2) return entries.find((e) => e.org === parts[0] && e.project === currentProject && e.stack === parts[1]);
    if (parts.length === 1) return entries.find((e) => e.project === currentProject && e.stack === parts[0]);
    return undefined;
}

/** The full name a reference would need in --stack-outputs. */
function fullName(reference: string, currentProject: string): string {
    const parts = reference.split("/");
    if (parts.length === 2) return `${parts[0]}/${currentProject}/${parts[1]}`;
    if (parts.length === 1) return `ORG/${currentProject}/${parts[0]}`;
    return reference;
}

/** The one line for a StackReference with no --stack-outputs (both engines refuse with it). */
export function stackReferenceRefusal(reference: string, currentProject: string): string {
    const name = fullName(reference, currentProject);
    return (
        `the program reads the outputs of stack "${reference}" through a StackReference, which needs the Pulumi backend; ` +
        `pass them with --stack-outputs ${name}=FILE (FILE from \`pulumi stack output --json --show-secrets --stack ${name}\`)`
    );
}
