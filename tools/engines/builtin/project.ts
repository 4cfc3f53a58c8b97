// A Pulumi program directory as the CLI reads it before running the program: Pulumi.yaml (runtime,
// main, project config), the stack's Pulumi.<stack>.yaml, and config merged the way
// `pulumi preview` merges it (pkg/workspace/config.go mergeConfig). Anything the built-in engine
// cannot reproduce faithfully is a Refusal: one line naming the cause and the fix.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { chooseStack, stackFilePath } from "../program/stack";
import { decryptValue, hasSecure, stackSecrets, type StackSecrets, undecryptableRefusal } from "../program/secrets";

/** The built-in engine will not give a verdict on this program; the message is one line with the fix. */
export class Refusal extends Error {}

/** Pulumi.yaml, as far as running a program needs it. */
export interface Project {
    root: string;
    name: string;
    runtime: string;
    options: Record<string, unknown>;
    main?: string;
    stackConfigDir?: string;
    config: Record<string, ProjectConfigType>;
}

/** One entry of Pulumi.yaml `config:` (the short form `key: value` becomes `{ value }`). */
export interface ProjectConfigType {
    type?: string;
    items?: { type: string; items?: unknown };
    default?: unknown;
    value?: unknown;
    secret?: boolean;
}

/** Stack config ready for the runtime: plain strings, which keys are secret, and which cannot be decrypted. */
export interface MergedConfig {
    config: Record<string, string>;
    secretKeys: string[];
    /** `secure:` values that cannot be decrypted and no --config supplied: a program that reads one is refused. */
    undecryptable: string[];
    /** The refusal for reading each undecryptable key (one line, naming what to set or pass). */
    refusals: Record<string, string>;
}

/** What the stack config depends on beyond the project: whether --stack was given, and the environment (passphrase). */
export interface StackOptions {
    /** False when the stack is check's default, not one the user named (see chooseStack). */
    stackGiven?: boolean;
    env?: NodeJS.ProcessEnv;
}

/** How to get the real CLI for a program of `runtime`: Python and Go take Pulumi's own hosts from the v3.60.0 build too. */
function fixCli(runtime: string | undefined): string {
    return runtime === "python" || runtime === "go"
        ? `Run \`npm run -s pulumi-cli && npm run -s pulumi-cli -- --generation v3.60.0\` to build the real CLI and Pulumi's own ${runtime} host, then \`check --engine pulumi`
        : "Run `npm run -s pulumi-cli` to build the real CLI, then `check --engine pulumi";
}
const TYPED_KEYS = ["type", "items", "default", "value", "secret", "description"];

function readYaml(file: string): unknown {
    try {
        return parseYaml(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Refusal(`${file} is not valid YAML (${(e as Error).message.split("\n")[0]}); fix the file`);
    }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads Pulumi.yaml (or Pulumi.yml) in `dir`; refuses a directory that is not a Node.js Pulumi project. */
export function readProject(dir: string): Project {
    const project = readAnyProject(dir);
    if (project.runtime !== "nodejs") {
        const what = project.runtime ? `a ${project.runtime} program` : "a program with no `runtime:` in Pulumi.yaml";
        throw new Refusal(`${dir} is ${what}; the built-in engine runs only Node.js programs. ${fixCli(project.runtime)} ${dir}\``);
    }
    return project;
}

/** Reads Pulumi.yaml (or Pulumi.yml) in `dir`, whatever the runtime. */
export function readAnyProject(dir: string): Project {
    const root = path.resolve(dir);
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
    if (!file) throw new Refusal(`${dir} has no Pulumi.yaml; give a Pulumi project directory, a stack export or preview JSON`);
    const doc = readYaml(file);
    if (!isObject(doc) || typeof doc.name !== "string" || !doc.name)
        throw new Refusal(`${file} has no project name; add \`name: my-project\``);
    const rt = doc.runtime;
    const runtime = typeof rt === "string" ? rt : isObject(rt) && typeof rt.name === "string" ? rt.name : "";
    const options = isObject(rt) && isObject(rt.options) ? rt.options : {};
    const config: Record<string, ProjectConfigType> = {};
    if (isObject(doc.config)) {
        for (const [k, v] of Object.entries(doc.config)) {
            config[k] = isObject(v) && Object.keys(v).some((x) => TYPED_KEYS.includes(x)) ? (v as ProjectConfigType) : { value: v };
        }
    }
    return {
        root,
        name: doc.name,
        runtime,
        options,
        main: typeof doc.main === "string" && doc.main ? doc.main : undefined,
        stackConfigDir: typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : undefined,
        config,
    };
}

/** The working directory and entry point the engine hands the language host (pkg/engine/project.go getPwdMain). */
export function programLocation(project: Project): { pwd: string; entry: string } {
    if (!project.main) return { pwd: project.root, entry: "." };
    const main = path.resolve(project.root, project.main);
    if (!fs.existsSync(main)) throw new Refusal(`Pulumi.yaml main: ${project.main} does not exist in ${project.root}; fix \`main:\``);
    return fs.statSync(main).isDirectory() ? { pwd: main, entry: "." } : { pwd: path.dirname(main), entry: path.basename(main) };
}

/** Namespaces a bare key with the project name, as `pulumi config set` does. */
export function configKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

type StackValue = { kind: "plain"; text: string; object: boolean } | { kind: "secure"; raw: unknown };

function toStackValue(v: unknown): StackValue {
    if (hasSecure(v)) return { kind: "secure", raw: v };
    if (typeof v === "string") return { kind: "plain", text: v, object: false };
    if (v === null || v === undefined) return { kind: "plain", text: "", object: false };
    if (typeof v === "object") return { kind: "plain", text: JSON.stringify(v), object: true };
    return { kind: "plain", text: String(v), object: false };
}

/** The stack's config file path (honours Pulumi.yaml `stackConfigDir`). */
export function stackFile(project: Project, stack: string): string {
    return stackFilePath(project.root, project.stackConfigDir, stack);
}

/** Pulumi.<stack>.yaml as the CLI reads it: its values, and how its secure ones can be read. */
export interface StackConfig {
    values: Map<string, StackValue>;
    /** The file (which may not exist: a stack without one has empty config). */
    file: string;
    secrets: StackSecrets;
}

/**
 * Reads Pulumi.<stack>.yaml. A stack without a file has empty config, as the CLI previews it; only the
 * default stack without a file, beside files of other stacks, is refused (which one was meant?).
 */
export function readStackConfig(project: Project, stack: string, opts: StackOptions = {}): StackConfig {
    const choice = chooseStack(project.root, project.stackConfigDir, opts.stackGiven === false ? undefined : stack);
    if ("refusal" in choice) throw new Refusal(choice.refusal);
    const file = stackFile(project, stack);
    const out = new Map<string, StackValue>();
    if (!choice.file) return { values: out, file, secrets: { why: "", fix: "" } };
    const doc = readYaml(file);
    if (isObject(doc) && doc.environment !== undefined)
        throw new Refusal(
            `${file} imports a Pulumi ESC environment, which cannot be resolved offline; pass its values with --config KEY=VALUE`,
        );
    const config = isObject(doc) && isObject(doc.config) ? doc.config : {};
    for (const [k, v] of Object.entries(config)) out.set(configKey(project.name, k), toStackValue(v));
    const anySecure = [...out.values()].some((v) => v.kind === "secure");
    return { values: out, file, secrets: anySecure ? stackSecrets(doc, opts.env) : { why: "", fix: "" } };
}

function validType(type: string, items: ProjectConfigType["items"], v: unknown): boolean {
    if (type === "string") return typeof v === "string";
    if (type === "integer")
        return (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^[+-]?\d+$/.test(v.trim()) && v.trim() === v);
    if (type === "boolean") return v === "true" || v === "false" || typeof v === "boolean";
    if (type === "object") return isObject(v);
    return Array.isArray(v) && !!items && v.every((x) => validType(items.type, items.items as ProjectConfigType["items"], x));
}

/**
 * Stack config merged as `pulumi preview` merges it: stack values, then project `config:` values and
 * defaults for keys the stack does not set, then --config overrides. Missing required keys, and values
 * that break a project type or `secret: true`, are refused with Pulumi's own wording and the fix.
 */
export function mergeConfig(project: Project, stack: string, overrides: Record<string, string>, opts: StackOptions = {}): MergedConfig {
    const stackConfig = readStackConfig(project, stack, opts);
    const values = stackConfig.values;
    const overridden = new Map(Object.entries(overrides).map(([k, v]) => [configKey(project.name, k), v]));
    const missing: string[] = [];
    for (const key of Object.keys(project.config).sort()) {
        const t = project.config[key];
        const full = configKey(project.name, key);
        if (values.has(full) || overridden.has(full)) continue;
        const given = t.default !== undefined ? t.default : t.value;
        if (given === undefined) {
            if (full.startsWith(`${project.name}:`)) missing.push(key);
            continue;
        }
        values.set(full, toStackValue(given));
    }
    if (missing.length) {
        const keys = missing.map((k) => `'${k}'`).join(", ");
        const flags = missing.map((k) => `--config ${configKey(project.name, k)}=VALUE`).join(" ");
        throw new Refusal(
            `Stack '${stack}' is missing configuration ${missing.length > 1 ? "values" : "value"} ${keys}; pass ${flags} or add ${missing.length > 1 ? "them" : "it"} to ${path.basename(stackFile(project, stack))}`,
        );
    }
    for (const key of Object.keys(project.config).sort()) {
        const t = project.config[key];
        const full = configKey(project.name, key);
        const v = values.get(full);
        if (!v || overridden.has(full)) continue;
        if (t.secret && v.kind !== "secure")
            throw new Refusal(
                `Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret; run \`pulumi config set --secret ${key}\` or pass --config ${full}=VALUE`,
            );
        if (t.type && v.kind === "plain") {
            const content = v.object ? (JSON.parse(v.text) as unknown) : v.text;
            if (!validType(t.type, t.items, content)) {
                const name = t.type === "array" && t.items ? `array<${t.items.type}>` : t.type;
                throw new Refusal(`Stack '${stack}' with configuration key '${key}' must be of type '${name}'; fix its value`);
            }
        }
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const undecryptable: string[] = [];
    const refusals: Record<string, string> = {};
    const { decrypt } = stackConfig.secrets;
    for (const [k, v] of values) {
        if (overridden.has(k)) continue;
        if (v.kind === "secure") {
            secretKeys.push(k);
            const plain = decrypt ? decryptedText(v.raw, decrypt) : undefined;
            if (plain !== undefined) config[k] = plain;
            else {
                undecryptable.push(k);
                refusals[k] = undecryptableRefusal(
                    k,
                    stackConfig.file,
                    decrypt ? { ...stackConfig.secrets, why: "its ciphertext is not this stack's" } : stackConfig.secrets,
                );
            }
        } else config[k] = v.text;
    }
    for (const [k, v] of overridden) {
        config[k] = v;
        // A --config value for a key that is secret in the project or stack stays a secret.
        const bare = k.startsWith(`${project.name}:`) ? k.slice(project.name.length + 1) : k;
        if (values.get(k)?.kind === "secure" || project.config[bare]?.secret || project.config[k]?.secret) secretKeys.push(k);
    }
    return { config, secretKeys, undecryptable, refusals };
}

/** A secure value decrypted into the string the runtime gets (structured values as JSON), or undefined. */
function decryptedText(raw: unknown, decrypt: (c: string) => string): string | undefined {
    try {
        const v = decryptValue(raw, decrypt);
        return typeof v === "string" ? v : JSON.stringify(v);
    } catch {
        return undefined;
    }
}
