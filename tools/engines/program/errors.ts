// One line for why a program did not get a verdict, the same under both engines: missing
// dependencies name the command that installs them; any other program error is its first
// meaningful line (never an empty line after a colon, never a stack trace).
import * as fs from "node:fs";
import * as path from "node:path";

/** The directory `npm install` must run in for a program in `dir`: the nearest one with a package.json. */
export function npmDir(dir: string): string {
    if (!fs.existsSync(dir)) return path.resolve(dir);
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, "package.json"))) return d;
        if (path.dirname(d) === d) return path.resolve(dir);
    }
}

/** A user-facing name for `abs` relative to how the user named the program (`label` is `dir` as given). */
function shown(abs: string, dir: string, label: string): string {
    const rel = path.relative(path.resolve(dir), abs);
    return rel === "" ? label : path.join(label, rel);
}

/** The line for a Node.js package the program cannot load. */
export function npmInstallRefusal(label: string, dir: string, spec: string): string {
    const where = shown(npmDir(dir), dir, label);
    return `the program in ${label} cannot load '${spec}': its dependencies are not installed; run \`npm install\` in ${where}`;
}

/** The command that installs a Python program's requirements into its virtualenv (or the interpreter it runs with). */
export function pipInstallCommand(label: string, venv: string | undefined): string {
    const req = path.join(label, "requirements.txt");
    if (!venv) return `pip install -r ${req}`;
    const v = path.isAbsolute(venv) ? venv : path.join(label, venv);
    return `python3 -m venv ${v} && ${path.join(v, "bin", "pip")} install -r ${req}`;
}

/** The line for a Python module the program cannot import. */
export function pipInstallRefusal(label: string, module: string, venv: string | undefined): string {
    return `the program in ${label} cannot import '${module}': its dependencies are not installed; run \`${pipInstallCommand(label, venv)}\``;
}

/** The line for a Python program whose Pulumi.yaml names a virtualenv that does not exist. */
export function missingVenvRefusal(label: string, venv: string): string {
    return `the program in ${label} runs in the virtualenv ${venv}, which does not exist; run \`${pipInstallCommand(label, venv)}\``;
}

const HEADERS = [
    /^Running program '.*' failed with an unhandled exception:$/,
    /^an unhandled error occurred:/,
    /^Program exited with non-zero exit code: -?\d+$/,
    /^Program failed with an unhandled exception:$/,
    /^Traceback \(most recent call last\):$/,
    /^Require stack:$/,
    /^Diagnostics:$/,
    // The CLI's own warnings (`warning: using pulumi-language-nodejs from $PATH ...`) come before its error.
    /^warning: /,
];

function clean(line: string): string {
    return (
        line
            // eslint-disable-next-line no-control-regex -- ANSI colour codes in a program's output
            .replace(/\u001b\[[0-9;]*m/g, "")
            .replace(/\p{Cc}/gu, " ")
            .trim()
            .replace(/^error: /, "")
    );
}

function isFrame(line: string): boolean {
    return (
        /^at\s/.test(line) ||
        /^File ".*", line \d+/.test(line) ||
        /^- \//.test(line) ||
        /^[{}[\]]/.test(line) ||
        /^[a-z]\w*: ['[]/.test(line)
    );
}

/**
 * The first line of an error text that says something: headers such as "Running program ... failed
 * with an unhandled exception:" and stack frames are skipped. A Python traceback's message is its last
 * line. `Error: ` prefixes go, so a thrown Error reads the same under both engines.
 */
export function firstMeaningfulLine(text: string, max = 400): string | undefined {
    const lines = text.split(/\r?\n/).map(clean).filter(Boolean);
    const traceback = lines.findIndex((l) => l === "Traceback (most recent call last):");
    let line: string | undefined;
    if (traceback >= 0) {
        const rest = lines.slice(traceback + 1).filter((l, i, all) => !/^File "/.test(l) && !(i > 0 && /^File "/.test(all[i - 1])));
        line = rest.filter((l) => /^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b|^[A-Za-z_][\w.]*:/.test(l)).pop() ?? rest.pop();
    }
    line ??= lines.find((l) => !HEADERS.some((h) => h.test(l)) && !isFrame(l) && !l.startsWith("⨯"));
    if (!line) return undefined;
    line = line.replace(/^(?:Uncaught )?Error: /, "");
    return line.length > max ? `${line.slice(0, max)}…` : line;
}
