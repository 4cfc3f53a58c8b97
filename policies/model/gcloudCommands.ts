// gcloud commands in a shell script (a command:local/remote:Command's create or update) that deploy
// code to Cloud Run without --binary-authorization=default. A small, linear, quote-aware reading of
// sh/bash (and tolerant of PowerShell and cmd line continuations): enough to see the gcloud argv that
// a script runs, never a full shell. Nothing here throws.

/** What a gcloud command deploys, for the message and the fix. */
export type DeployTarget = "service" | "job" | "worker pool" | "function" | "1st-gen function";

/** One gcloud command that deploys to Cloud Run without the default Binary Authorization policy. */
export interface UnverifiedDeploy {
    /** The start of the command as written (unquoted words), for the message. */
    command: string;
    target: DeployTarget;
    /** What is wrong with it, e.g. "without --binary-authorization=default". */
    problem: string;
}

/** Scripts nest (bash -c "…", "$(…)"); quoted text that mentions gcloud is read again, this deep at most. */
const MAX_DEPTH = 3;
/** At most this many findings per script. */
const MAX_FINDINGS = 20;
const GCLOUD = /(?:^|[/\\])gcloud(?:\.cmd|\.exe|\.ps1)?$/i;
/** gcloud flags (global or common to these commands) that take the next word as their value. */
const VALUE_FLAGS: ReadonlySet<string> = new Set([
    "--project",
    "--region",
    "--account",
    "--configuration",
    "--impersonate-service-account",
    "--billing-project",
    "--verbosity",
    "--format",
    "--flags-file",
    "--access-token-file",
    "--trace-token",
    "--platform",
    "--cluster",
    "--cluster-location",
    "--context",
    "--kubeconfig",
    "--namespace",
]);
const RELEASE_TRACKS: ReadonlySet<string> = new Set(["alpha", "beta", "preview"]);
const FLAG = "--binary-authorization";
const CLEAR_FLAG = "--clear-binary-authorization";

/** Splits a script into simple commands (arrays of words), honouring quotes and escapes. Linear in its length. */
export function simpleCommands(script: string): { words: string[]; quoted: string[] }[] {
    // Line continuations: sh `\`, PowerShell backtick, cmd `^`.
    const text = script.replace(/[\\`^]\r?\n/g, " ");
    const out: { words: string[]; quoted: string[] }[] = [];
    let words: string[] = [];
    let quoted: string[] = [];
    let tok = "";
    let inTok = false;
    let hadQuote = false;
    let state: "'" | '"' | null = null;
    const flush = (): void => {
        if (inTok) {
            words.push(tok);
            if (hadQuote && /[\s;&|()`$]/.test(tok) && /gcloud/i.test(tok)) quoted.push(tok);
        }
        tok = "";
        inTok = false;
        hadQuote = false;
    };
    const endCommand = (): void => {
        flush();
        if (words.length || quoted.length) out.push({ words, quoted });
        words = [];
        quoted = [];
    };
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (state === "'") {
            if (ch === "'") state = null;
            else tok += ch;
            continue;
        }
        if (state === '"') {
            const next = text[i + 1];
            if (ch === "\\" && (next === '"' || next === "\\" || next === "$" || next === "`")) {
                tok += next;
                i++;
            } else if (ch === '"') state = null;
            else tok += ch;
            continue;
        }
        if (ch === "'" || ch === '"') {
            state = ch;
            inTok = true;
            hadQuote = true;
        } else if (ch === "\\") {
            if (i + 1 < text.length) tok += text[++i];
            inTok = true;
        } else if (ch === " " || ch === "\t" || ch === "\f" || ch === "\v") {
            flush();
        } else if (ch === "\n" || ch === "\r" || ch === ";" || ch === "&" || ch === "|" || ch === "(" || ch === ")" || ch === "`") {
            endCommand();
        } else if (ch === "$" && text[i + 1] === "(") {
            endCommand();
            i++;
        } else {
            tok += ch;
            inTok = true;
        }
    }
    endCommand();
    return out;
}

/** The gcloud commands in `script` that deploy to Cloud Run without the default Binary Authorization policy. */
export function unverifiedDeploys(script: string): UnverifiedDeploy[] {
    const found: UnverifiedDeploy[] = [];
    scan(script, 0, found);
    return found;
}

function scan(script: string, depth: number, found: UnverifiedDeploy[]): void {
    for (const { words, quoted } of simpleCommands(script)) {
        if (found.length >= MAX_FINDINGS) return;
        const finding = readGcloud(words);
        if (finding) found.push(finding);
        if (depth < MAX_DEPTH) for (const q of quoted) scan(q, depth + 1, found);
    }
}

/** The gcloud invocation among `words`, if it deploys without the default policy. */
function readGcloud(words: string[]): UnverifiedDeploy | undefined {
    const at = words.findIndex((w) => GCLOUD.test(w));
    if (at < 0) return undefined;
    const args = words.slice(at + 1);
    const positional: string[] = [];
    let setting: { value: string } | "cleared" | undefined;
    let gen1 = false;
    let newCode = false;
    for (let j = 0; j < args.length; j++) {
        const w = args[j];
        if (!w.startsWith("-")) {
            positional.push(w);
            continue;
        }
        const eq = w.indexOf("=");
        const name = eq < 0 ? w : w.slice(0, eq);
        if (name === FLAG) {
            // gcloud's parser, like argparse, takes the last occurrence.
            setting = { value: eq < 0 ? (args[j + 1] ?? "") : w.slice(eq + 1) };
            if (eq < 0) j++;
        } else if (name === CLEAR_FLAG) setting = "cleared";
        else if (name === "--no-gen2") gen1 = true;
        else if (name === "--gen2") gen1 = false;
        else if (name === "--image" || name === "--source" || name === "--function") newCode = true;
        if (eq < 0 && VALUE_FLAGS.has(name)) j++;
    }
    while (positional.length && RELEASE_TRACKS.has(positional[0])) positional.shift();
    const target = deployTarget(positional, newCode, setting !== undefined);
    if (!target) return undefined;
    const command = words
        .slice(at, at + 1 + Math.min(args.length, 6))
        .join(" ")
        .slice(0, 200);
    if (target === "replace") {
        return {
            command,
            target: positional[1] === "jobs" ? "job" : positional[1] === "worker-pools" ? "worker pool" : "service",
            problem:
                "which applies a YAML file the pack cannot read, so whether it sets the run.googleapis.com/binary-authorization annotation cannot be verified",
        };
    }
    if (target === "function" && gen1) {
        return {
            command,
            target: "1st-gen function",
            problem: "with --no-gen2: a 1st-gen function, which Binary Authorization cannot protect",
        };
    }
    if (setting === undefined) return { command, target, problem: `without ${FLAG}=default` };
    if (setting === "cleared") return { command, target, problem: `with ${CLEAR_FLAG}, which switches Binary Authorization off` };
    if (setting.value === "default") return undefined;
    return {
        command,
        target,
        problem: `with ${FLAG}=${JSON.stringify(setting.value.slice(0, 80))}, not default (a variable or a named policy the pack cannot check)`,
    };
}

/** What `gcloud <positional…>` deploys: a target, "replace" (a YAML file), or nothing that deploys code. */
function deployTarget(p: string[], newCode: boolean, setsBinauthz: boolean): DeployTarget | "replace" | undefined {
    if (p[0] === "functions") return p[1] === "deploy" ? "function" : undefined;
    if (p[0] !== "run") return undefined;
    if (p[1] === "deploy") return "service";
    const group: Readonly<Record<string, DeployTarget>> = { services: "service", jobs: "job", "worker-pools": "worker pool" };
    const target = Object.prototype.hasOwnProperty.call(group, p[1] ?? "") ? group[p[1]] : undefined;
    if (!target) return undefined;
    const verb = p[2];
    if (verb === "replace") return "replace";
    if (verb === "deploy" || (verb === "create" && target !== "service")) return target;
    // An update keeps the setting it had unless it changes the code or the setting itself.
    if (verb === "update" && (newCode || setsBinauthz)) return target;
    return undefined;
}
