// gcloud commands in a shell script (a command:local/remote:Command's create or update, a Cloud Build
// step's script) or in an argument vector (a Cloud Build step's entrypoint and args) that deploy code
// to Cloud Run without --binary-authorization=default, and the --breakglass justifications they give.
// A small, linear, quote-aware reading of sh/bash (and tolerant of PowerShell and cmd line
// continuations): enough to see the gcloud argv that a script runs, never a full shell. gcloud's
// global flags may stand anywhere; the ones that take a value come from gcloud's reference. Nothing
// here throws.

/** Resources that run shell scripts: `create` on create, `update` (or `create` when unset) on update. */
export const COMMAND_TYPES: ReadonlySet<string> = new Set(["command:local:Command", "command:remote:Command"]);
/** The fields of a Command that hold scripts. */
export const COMMAND_FIELDS = ["create", "update"] as const;

/** What a gcloud command deploys, for the message and the fix. */
export type DeployTarget = "service" | "job" | "worker pool" | "function" | "1st-gen function";

/** One gcloud command that deploys to Cloud Run without the default Binary Authorization policy. */
export interface UnverifiedDeploy {
    /** The start of the command as written (unquoted words), for the message. */
    command: string;
    target: DeployTarget;
    /** What is wrong with it, e.g. "without --binary-authorization=default". */
    problem: string;
    /** Set when the command takes no --binary-authorization flag, so the usual fix does not apply. */
    noFlag?: "compose";
}

/** Scripts nest (bash -c "…", "$(…)"); quoted text that mentions gcloud is read again, this deep at most. */
const MAX_DEPTH = 3;
/** At most this many findings per script. */
const MAX_FINDINGS = 20;
const GCLOUD = /(?:^|[/\\])gcloud(?:\.cmd|\.exe|\.ps1)?$/i;
/** gcloud through a variable that names it: $GCLOUD, ${GCLOUD}, $GCLOUD_BIN, $MY_GCLOUD_CMD, $env:GCLOUD (PowerShell). */
const GCLOUD_VARIABLE = /^\$(?:env:)?\{?(?:[A-Za-z0-9]*_)?gcloud(?:_(?:bin|cmd|cli|exe|path))?\}?$/i;
/**
 * gcloud's global flags that take a value, as the gcloud reference lists them (gcloud --help,
 * "GLOBAL FLAGS"): each may stand anywhere on the line, before or after the command group, as
 * `--flag=value` or `--flag value`.
 */
export const GLOBAL_VALUE_FLAGS: readonly string[] = [
    "--access-token-file",
    "--account",
    "--billing-project",
    "--configuration",
    "--flags-file",
    "--flatten",
    "--format",
    "--impersonate-service-account",
    "--project",
    "--trace-token",
    "--verbosity",
];
/** Flags of gcloud run and gcloud functions commands that take the next word as their value. */
const COMMAND_VALUE_FLAGS = [
    "--region",
    "--platform",
    "--cluster",
    "--cluster-location",
    "--context",
    "--kubeconfig",
    "--namespace",
    "--image",
    "--source",
    "--function",
];
const VALUE_FLAGS: ReadonlySet<string> = new Set([...GLOBAL_VALUE_FLAGS, ...COMMAND_VALUE_FLAGS]);
const RELEASE_TRACKS: ReadonlySet<string> = new Set(["alpha", "beta", "preview"]);
const FLAG = "--binary-authorization";
const CLEAR_FLAG = "--clear-binary-authorization";
const BREAKGLASS_FLAG = "--breakglass";

/** A --breakglass on a gcloud command line: the command as written and the justification it gives. */
export interface BreakglassUse {
    command: string;
    justification: string;
}

/** What a script or an argv runs: gcloud deploys without the default policy, and breakglass uses. */
export interface GcloudReading {
    deploys: UnverifiedDeploy[];
    breakglasses: BreakglassUse[];
}

/**
 * The length of the redirection operator at `i` (`>`, `>>`, `>|`, `>&`, `<`, `<<`, `<<-`, `<<<`, `<>`,
 * `<&`, `&>`, `&>>`), or 0. A `<(` or `>(` is a process substitution, not a redirection.
 */
function redirectionAt(text: string, i: number): number {
    const a = text[i];
    const b = text[i + 1];
    if (a === "&") return b === ">" ? (text[i + 2] === ">" ? 3 : 2) : 0;
    if (a === ">") return b === ">" || b === "|" || b === "&" ? 2 : b === "(" ? 0 : 1;
    if (a !== "<") return 0;
    if (b === "<") return text[i + 2] === "<" || text[i + 2] === "-" ? 3 : 2;
    return b === ">" || b === "&" ? 2 : b === "(" ? 0 : 1;
}

/**
 * Splits a script into simple commands (arrays of words), honouring quotes and escapes. A
 * redirection (its operator, an fd number written before it, and its target word) is no word of
 * the command: the shell opens the target as a file (`> --binary-authorization=default` creates a
 * file of that name) and never passes it as an argument. Linear in its length.
 */
export function simpleCommands(script: string): { words: string[]; quoted: string[] }[] {
    const text = script;
    // A line continuation (sh `\`, PowerShell backtick, cmd `^` before a line break): its length, or 0.
    const continuation = (i: number): number => {
        if (text[i] !== "\\" && text[i] !== "`" && text[i] !== "^") return 0;
        if (text[i + 1] === "\n") return 2;
        return text[i + 1] === "\r" && text[i + 2] === "\n" ? 3 : 0;
    };
    const out: { words: string[]; quoted: string[] }[] = [];
    let words: string[] = [];
    let quoted: string[] = [];
    let tok = "";
    let inTok = false;
    let hadQuote = false;
    /** The next word is a redirection's target (a file name, a here-document's delimiter, an fd). */
    let target = false;
    let state: "'" | '"' | null = null;
    const flush = (): void => {
        if (inTok) {
            if (!target) words.push(tok);
            target = false;
            // A word that holds spaces or operators (quoted, or escaped: gcloud\ run\ deploy) may be a nested
            // script (sh -c '…', "$(…)"); it is read again even as a redirection's target, where a substitution still runs.
            if (/[\s;&|()`$<>]/.test(tok) && /gcloud/i.test(tok)) quoted.push(tok);
        }
        tok = "";
        inTok = false;
        hadQuote = false;
    };
    const endCommand = (): void => {
        flush();
        target = false;
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
        const joined = continuation(i);
        if (joined) {
            // Outside quotes the line goes on after a space; inside double quotes, with nothing.
            if (state === null) flush();
            i += joined - 1;
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
        if (ch === "#" && !inTok) {
            // A comment, as sh and PowerShell read one: from a word's start to the end of the line,
            // which no continuation extends. Reading it as words would let
            // "# --binary-authorization=default" count as the flag.
            const end = text.indexOf("\n", i);
            i = (end < 0 ? text.length : end) - 1;
        } else if (ch === "'" || ch === '"') {
            state = ch;
            inTok = true;
            hadQuote = true;
        } else if (ch === "\\") {
            if (i + 1 < text.length) tok += text[++i];
            inTok = true;
        } else if (ch === " " || ch === "\t" || ch === "\f" || ch === "\v") {
            flush();
        } else if (redirectionAt(text, i) > 0) {
            // Digits written right before the operator name the fd it redirects (2>, 1>>): part of the redirection.
            if (inTok && !hadQuote && /^[0-9]+$/.test(tok)) {
                tok = "";
                inTok = false;
            }
            flush();
            target = true;
            i += redirectionAt(text, i) - 1;
        } else if (ch === "&" && text[i + 1] === "&") {
            endCommand();
            i++;
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
    return readScript(script).deploys;
}

const readings = new Map<string, GcloudReading>();
const READINGS_MAX = 64;

/**
 * What a shell script runs (a Command's create or update, a Cloud Build step's script). Two
 * policies read the same scripts, so the last few readings are kept.
 */
export function readScript(script: string): GcloudReading {
    const hit = readings.get(script);
    if (hit) return hit;
    const found: GcloudReading = { deploys: [], breakglasses: [] };
    scan(script, 0, found);
    if (readings.size >= READINGS_MAX) readings.clear();
    readings.set(script, found);
    return found;
}

const SHELL_PROGRAM = /(?:^|[/\\])(?:(?:ba|da|z|k|a)?sh|pwsh|powershell)(?:\.exe)?$/i;
const POWERSHELL = /(?:^|[/\\])(?:pwsh|powershell)(?:\.exe)?$/i;
/** PowerShell's -Command by any prefix (-c, -com, -command), -CommandWithArgs and -cwa, with - or /. */
const POWERSHELL_COMMAND = /^[-/](?:c(?:o(?:m(?:m(?:a(?:n(?:d(?:withargs)?)?)?)?)?)?)?|cwa)$/i;
/** bash's long options that take the next word as their value. */
const SHELL_VALUE_OPTIONS: ReadonlySet<string> = new Set(["--rcfile", "--init-file"]);

/**
 * The script a POSIX shell is given with -c, as sh and bash read their options: long options first
 * (--rcfile and --init-file take a value), then clusters of short ones (`-eo pipefail`, `+o posix`,
 * `-euxc`), where each o or O takes the next word as an option name, until the first word that is
 * no option, or after `--` or `-`. When a c stands in any cluster, that first operand is the script.
 */
function shellScript(args: readonly string[]): string | undefined {
    let command = false;
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === "--" || arg === "-") return command ? args[i + 1] : undefined;
        if (arg.startsWith("--")) {
            if (SHELL_VALUE_OPTIONS.has(arg)) i++;
            continue;
        }
        if (!/^[-+]./.test(arg)) return command ? arg : undefined;
        for (const ch of arg.slice(1)) {
            if (ch === "c") command = true;
            else if (ch === "o" || ch === "O") i++;
        }
    }
    return undefined;
}

/** The script PowerShell is given: the words after -Command (or -c), joined as pwsh joins them. */
function powershellScript(args: readonly string[]): string | undefined {
    const at = args.findIndex((a) => POWERSHELL_COMMAND.test(a));
    return at < 0 ? undefined : args.slice(at + 1).join(" ");
}

/**
 * What a program's argument vector runs (a Cloud Build step: its entrypoint and args): the argv
 * itself when it calls gcloud (directly or through a wrapper such as timeout), and the script a
 * shell is given with -c (bash -c "…", sh -ec "…", bash -eo pipefail -c "…", pwsh -Command "…").
 */
export function readArgv(argv: readonly string[]): GcloudReading {
    const found: GcloudReading = { deploys: [], breakglasses: [] };
    const shell = argv.findIndex((w) => SHELL_PROGRAM.test(w));
    const gcloud = argv.findIndex((w) => GCLOUD.test(w));
    if (gcloud >= 0 && (shell < 0 || gcloud < shell)) record(readGcloud(argv), found);
    if (shell < 0) return found;
    const rest = argv.slice(shell + 1);
    const script = POWERSHELL.test(argv[shell]) ? powershellScript(rest) : shellScript(rest);
    if (script !== undefined) scan(script, 1, found);
    return found;
}

function record(call: GcloudCall | undefined, found: GcloudReading): void {
    if (!call) return;
    if (call.deploy && found.deploys.length < MAX_FINDINGS) found.deploys.push(call.deploy);
    if (call.breakglass !== undefined && found.breakglasses.length < MAX_FINDINGS) {
        found.breakglasses.push({ command: call.command, justification: call.breakglass });
    }
}

function scan(script: string, depth: number, found: GcloudReading): void {
    for (const { words, quoted } of simpleCommands(script)) {
        if (found.deploys.length >= MAX_FINDINGS) return;
        record(readGcloud(words), found);
        if (depth < MAX_DEPTH) for (const q of quoted) scan(q, depth + 1, found);
    }
}

/** One gcloud invocation: the command as written, what it deploys without the default policy, its breakglass. */
interface GcloudCall {
    command: string;
    deploy?: UnverifiedDeploy;
    breakglass?: string;
}

/** A positional word of a gcloud command line, and whether it follows a flag the reader does not know. */
interface Positional {
    word: string;
    /** It follows a flag without `=value` that is not in VALUE_FLAGS: it may be that flag's value. */
    maybeValue: boolean;
}

/** The gcloud invocation among `words`, if any: what it deploys without the default policy, and its breakglass. */
function readGcloud(words: readonly string[]): GcloudCall | undefined {
    const at = words.findIndex((w) => GCLOUD.test(w) || GCLOUD_VARIABLE.test(w));
    if (at < 0) return undefined;
    const args = words.slice(at + 1);
    const positional: Positional[] = [];
    let setting: { value: string } | "cleared" | undefined;
    let breakglass: string | undefined;
    let gen1 = false;
    let newCode = false;
    for (let j = 0; j < args.length; j++) {
        const w = args[j];
        if (w === "--") {
            for (const rest of args.slice(j + 1)) positional.push({ word: rest, maybeValue: false });
            break;
        }
        if (!w.startsWith("-") || w === "-") {
            positional.push({ word: w, maybeValue: j > 0 && isBareFlag(args[j - 1]) });
            continue;
        }
        const eq = w.indexOf("=");
        const name = eq < 0 ? w : w.slice(0, eq);
        const value = eq < 0 ? (args[j + 1] ?? "") : w.slice(eq + 1);
        // gcloud's parser, like argparse, takes the last occurrence.
        if (name === FLAG) setting = { value };
        else if (name === CLEAR_FLAG) setting = "cleared";
        else if (name === BREAKGLASS_FLAG) breakglass = value;
        else if (name === "--no-gen2") gen1 = true;
        else if (name === "--gen2") gen1 = false;
        if (name === "--image" || name === "--source" || name === "--function") newCode = true;
        if (eq < 0 && (name === FLAG || name === BREAKGLASS_FLAG || VALUE_FLAGS.has(name))) j++;
    }
    const command = words
        .slice(at, at + 1 + Math.min(args.length, 6))
        .join(" ")
        .slice(0, 200);
    const path = commandPath(positional);
    const target = deployTarget(path, newCode, setting !== undefined);
    return { command, deploy: target ? deployFinding(command, target, path, gen1, setting) : undefined, breakglass };
}

/**
 * Whether `w` is a flag without `=value`. Whether such a flag takes the next word as its value is
 * known only for the flags in VALUE_FLAGS; for any other (a hidden global flag such as
 * --http-timeout, a switch that once took a value such as --user-output-enabled) both readings are tried.
 */
function isBareFlag(w: string): boolean {
    return w.startsWith("-") && w !== "-" && w !== "--" && !w.includes("=");
}

/** The words each level of the command path may continue with (the groups and verbs deployTarget reads). */
const PATH_WORDS: readonly ReadonlySet<string>[] = [
    new Set(["run", "functions"]),
    new Set(["deploy", "services", "jobs", "worker-pools", "compose"]),
    new Set(["deploy", "create", "update", "replace", "up"]),
];

/**
 * The command path (`run jobs deploy`, `functions deploy`, …) among the positional words, after
 * any release track. A word that may be a flag's value (it follows a flag the reader does not know)
 * is part of the path only where the path expects it, so neither a flag's value nor a flag before
 * the group hides the group. Any other word ends the path: the command is something else.
 */
function commandPath(positional: Positional[]): string[] {
    const path: string[] = [];
    for (const { word, maybeValue } of positional) {
        if (path.length === 0 && RELEASE_TRACKS.has(word)) continue;
        const level = path.length === 1 && path[0] === "functions" ? PATH_WORDS[2] : PATH_WORDS[path.length];
        if (level?.has(word)) {
            path.push(word);
            if (path.length === 3 || (path.length === 2 && (path[1] === "deploy" || path[0] === "functions"))) break;
        } else if (!maybeValue) break;
    }
    return path;
}

function deployFinding(
    command: string,
    target: DeployTarget | "replace" | "compose",
    positional: string[],
    gen1: boolean,
    setting: { value: string } | "cleared" | undefined,
): UnverifiedDeploy | undefined {
    if (target === "replace") {
        return {
            command,
            target: positional[1] === "jobs" ? "job" : positional[1] === "worker-pools" ? "worker pool" : "service",
            problem:
                "which applies a YAML file the pack cannot read, so whether it sets the run.googleapis.com/binary-authorization annotation cannot be verified",
        };
    }
    if (target === "compose") {
        return {
            command,
            target: "service",
            problem: "which deploys the services of a Compose file the pack cannot read and takes no --binary-authorization flag",
            noFlag: "compose",
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

/**
 * What `gcloud <positional…>` deploys: a target, "replace" (a YAML file), "compose" (`gcloud run
 * compose up`: the services of a Compose file, and no --binary-authorization flag), or nothing that deploys code.
 */
function deployTarget(p: string[], newCode: boolean, setsBinauthz: boolean): DeployTarget | "replace" | "compose" | undefined {
    if (p[0] === "functions") return p[1] === "deploy" ? "function" : undefined;
    if (p[0] !== "run") return undefined;
    if (p[1] === "deploy") return "service";
    if (p[1] === "compose") return p[2] === "up" ? "compose" : undefined;
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
