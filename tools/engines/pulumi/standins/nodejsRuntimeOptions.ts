// How the language-host stand-in finds and starts Node.js: runtime options from Pulumi.yaml,
// PATH lookup, module resolution from the program directory, `nodeargs` splitting and the
// out-of-memory hint. Copied in behaviour from parseOptions, locateModule and oomSniffer in
// sdk/nodejs/cmd/pulumi-language-nodejs/main.go (pulumi/pulumi), and exec.LookPath / shlex.Split.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export type PackageManagerType = "auto" | "npm" | "yarn" | "pnpm" | "bun";

/** The runtime options a Node.js project may set under `runtime.options`. */
export interface NodeOptions {
    typescript: boolean;
    tsconfigpath: string;
    nodeargs: string;
    packagemanager: PackageManagerType;
    production: boolean;
}

const PACKAGE_MANAGERS: PackageManagerType[] = ["auto", "npm", "yarn", "pnpm", "bun"];

/** parseOptions for the nodejs runtime: typescript defaults to true; a wrong type is an error with the host's wording. */
export function parseOptions(options: Record<string, unknown>): NodeOptions | Error {
    const opts: NodeOptions = { typescript: true, tsconfigpath: "", nodeargs: "", packagemanager: "auto", production: false };
    if ("typescript" in options) {
        if (typeof options.typescript !== "boolean") return new Error("typescript option must be a boolean");
        opts.typescript = options.typescript;
    }
    if ("tsconfig" in options) {
        if (typeof options.tsconfig !== "string") return new Error("tsconfigpath option must be a string");
        opts.tsconfigpath = options.tsconfig;
    }
    if ("nodeargs" in options) {
        if (typeof options.nodeargs !== "string") return new Error("nodeargs option must be a string");
        opts.nodeargs = options.nodeargs;
    }
    if ("production" in options) {
        if (typeof options.production !== "boolean") return new Error("production option must be a boolean");
        opts.production = options.production;
    }
    if ("packagemanager" in options) {
        const pm = options.packagemanager;
        if (typeof pm !== "string") return new Error("packagemanager option must be a string");
        if (!PACKAGE_MANAGERS.includes(pm as PackageManagerType)) {
            return new Error(`packagemanager option must be one of auto, npm, yarn, pnpm or bun, got ${JSON.stringify(pm)}`);
        }
        opts.packagemanager = pm as PackageManagerType;
    }
    return opts;
}

/** exec.LookPath over this process's PATH; the error reads as Go's. */
export function lookPath(file: string): string | Error {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        const candidate = path.join(dir === "" ? "." : dir, file);
        try {
            if (fs.statSync(candidate).isFile()) {
                fs.accessSync(candidate, fs.constants.X_OK);
                return candidate;
            }
        } catch {
            // not here
        }
    }
    return new Error(`exec: "${file}": executable file not found in $PATH`);
}

/** locateModule: resolve `mod` with node from `programDir`; on failure the error is node's stderr, as the host returns it. */
export function locateModule(mod: string, programDir: string, nodeBin: string, isPlugin: boolean): Promise<string> {
    const installCommand = isPlugin ? `npm install in ${programDir}` : "pulumi install";
    const script =
        `try {console.log(require.resolve('${mod}'));} catch (error) {` +
        `if (error.code === 'MODULE_NOT_FOUND') {` +
        `console.error("It looks like the Pulumi SDK has not been installed. Have you run ${installCommand}?")` +
        `} else {console.error(error.message);}process.exit(1);}`;
    return new Promise((resolve, reject) => {
        execFile(nodeBin, ["-e", script], { cwd: programDir }, (err, stdout, stderr) => {
            if (err) reject(new Error(typeof err.code === "number" ? stderr : err.message));
            else resolve(stdout.trim());
        });
    });
}

/** google/shlex's Split: whitespace-separated words, quotes, backslash escapes and # comments. */
export function shlexSplit(input: string): string[] | Error {
    const words: string[] = [];
    let word: string | undefined;
    let i = 0;
    while (i < input.length) {
        const c = input[i];
        if (/\s/.test(c)) {
            if (word !== undefined) words.push(word);
            word = undefined;
            i++;
        } else if (c === "#" && word === undefined) {
            while (i < input.length && input[i] !== "\n") i++;
        } else if (c === "\\") {
            if (i + 1 >= input.length) return new Error("EOF found after escape character");
            word = (word ?? "") + input[i + 1];
            i += 2;
        } else if (c === "'") {
            const end = input.indexOf("'", i + 1);
            if (end < 0) return new Error("EOF found when expecting closing quote");
            word = (word ?? "") + input.slice(i + 1, end);
            i = end + 1;
        } else if (c === '"') {
            let j = i + 1;
            let text = "";
            for (; j < input.length && input[j] !== '"'; j++) {
                if (input[j] === "\\" && j + 1 < input.length && '"\\$`\n'.includes(input[j + 1])) j++;
                text += input[j];
            }
            if (j >= input.length) return new Error("EOF found when expecting closing quote");
            word = (word ?? "") + text;
            i = j + 1;
        } else {
            word = (word ?? "") + c;
            i++;
        }
    }
    if (word !== undefined) words.push(word);
    return words;
}

/** oomSniffer.Message: appended to the exit-code error when node's stderr shows an out-of-memory crash. */
export const OOM_MESSAGE =
    "Detected a possible out of memory error. Consider increasing the memory available to the nodejs process " +
    "by setting the `nodeargs` runtime option in Pulumi.yaml to `nodeargs: --max-old-space-size=<size>` where " +
    "`<size>` is the maximum memory in megabytes that can be allocated to nodejs. " +
    "See https://www.pulumi.com/docs/concepts/projects/project-file/#runtime-options";

/** oomSniffer.Scan's test for one stderr line. */
export function looksLikeOom(line: string): boolean {
    return line.includes("<--- Last few GCs --->") || line.includes("Check failed: needs_context && current_scope_ == closure_scope_");
}
