// Cloud Build's inline builds (issue 19, class 9): the steps of a gcp:cloudbuild/trigger:Trigger
// (and google-native's Trigger and Build) read as the gcloud commands they run. A step runs its
// image's entrypoint (or `entrypoint`) with `args`, or a shell `script`; where the image has no
// entrypoint, the first arg is the program. The gcloud images (gcr.io/cloud-builders/gcloud,
// gcr.io/google.com/cloudsdktool/cloud-sdk and google-cloud-cli) run gcloud when args do not name
// a program themselves. A trigger whose build lives in a file (filename, gitFileSource, autodetect)
// cannot be read. User substitutions ($_NAME, ${_NAME}) of the trigger and the build are expanded
// first, so a command cannot hide in one. Nothing here throws.
import { type GcloudReading, readArgv, readScript } from "./gcloudCommands";
import { isPlainObject, items, keysOf, read, readKey, UNKNOWN } from "./values";

/** Trigger types whose build is `build` (inline) or a file in the repository. */
export const CLOUD_BUILD_TRIGGER_TYPES: ReadonlySet<string> = new Set([
    "gcp:cloudbuild/trigger:Trigger",
    "google-native:cloudbuild/v1:Trigger",
]);
/** A build that runs when the resource is created, with its steps at the top level. */
export const CLOUD_BUILD_BUILD_TYPES: ReadonlySet<string> = new Set(["google-native:cloudbuild/v1:Build"]);

/** Whether the type is a Cloud Build trigger or build the pack reads. */
export function isCloudBuildType(type: string): boolean {
    return CLOUD_BUILD_TRIGGER_TYPES.has(type) || CLOUD_BUILD_BUILD_TYPES.has(type);
}

/** One step's reading: where it is, what image runs it, and what it runs. */
export interface StepReading {
    /** The property path of the step, e.g. `build.steps[2]`. */
    path: string;
    /** The step's image (`name`), for the message. */
    image?: string;
    /** `args` (with the entrypoint) or `script`, for the message. */
    field: "args" | "script";
    reading: GcloudReading;
}

/** What a Cloud Build resource runs, as far as the pack can see. */
export interface BuildReading {
    steps: StepReading[];
    /** Property paths whose unknown value hides what a step runs. */
    unknowns: string[];
    /** Why the build cannot be read at all (its config is a file), or undefined when it is inline. */
    unreadable?: string;
}

/** Steps beyond this are not read; Cloud Build itself allows 300 per build. */
const MAX_STEPS = 1000;
const GCLOUD_PROGRAM = /(?:^|[/\\])gcloud(?:\.cmd|\.exe)?$/i;
const SHELL = /(?:^|\/)(?:ba|da|z|k|a)?sh$/;
/**
 * Images whose entrypoint is gcloud, or that carry gcloud and are called with gcloud's args, by the
 * last segment of their repository: gcr.io/cloud-builders/gcloud(-slim),
 * gcr.io/google.com/cloudsdktool/cloud-sdk and google-cloud-cli, google/cloud-sdk, and mirrors of
 * them under any registry (us-docker.pkg.dev/acme/mirror/gcloud).
 */
const GCLOUD_IMAGE = /(?:^|\/)(?:gcloud|gcloud-slim|cloud-sdk|google-cloud-cli|google-cloud-sdk)$/;

/** The image's repository path, without tag or digest. */
function repositoryOf(image: string): string {
    const noDigest = image.split("@")[0];
    const slash = noDigest.lastIndexOf("/");
    const colon = noDigest.lastIndexOf(":");
    return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The argument vector a step runs, from its image, entrypoint and args. */
export function stepArgv(image: string | undefined, entrypoint: string | undefined, args: string[]): string[] {
    if (entrypoint !== undefined && entrypoint !== "") return [entrypoint, ...args];
    const first = args[0] ?? "";
    if (image !== undefined && GCLOUD_IMAGE.test(repositoryOf(image)) && !GCLOUD_PROGRAM.test(first) && !SHELL.test(first)) {
        return ["gcloud", ...args];
    }
    return args;
}

/** Strings of a list; undefined when any item is not a string (UNKNOWN when one is unknown). */
function strings(v: unknown): string[] | typeof UNKNOWN | undefined {
    if (v === UNKNOWN) return UNKNOWN;
    const list = items(v);
    if (list.includes(UNKNOWN)) return UNKNOWN;
    return list.map((x) => (typeof x === "string" ? x : String(x ?? "")));
}

/** User substitutions: `_NAME` to its value, or UNKNOWN, with the property path it came from. */
interface Substitutions {
    values: Map<string, { value: string | typeof UNKNOWN; path: string }>;
    /** Substitution maps that are unknown as a whole: any name may be in them. */
    unknownMaps: string[];
}
const USER_SUBSTITUTION = /\$\$|\$\{(_[A-Z0-9_]+)\}|\$(_[A-Z0-9_]+)/g;

/** The user substitutions of `maps` (later ones win, as a trigger's win over its build's). */
function substitutionsOf(maps: [unknown, string][]): Substitutions {
    const out: Substitutions = { values: new Map(), unknownMaps: [] };
    for (const [map, path] of maps) {
        if (map === UNKNOWN) out.unknownMaps.push(path);
        for (const key of keysOf(map).slice(0, 1000)) {
            if (!/^_[A-Z0-9_]+$/.test(key)) continue;
            const v = readKey(map, key);
            if (v === UNKNOWN) out.values.set(key, { value: UNKNOWN, path: `${path}.${key}` });
            else if (typeof v === "string") out.values.set(key, { value: v, path: `${path}.${key}` });
        }
    }
    return out;
}

/** `text` with user substitutions expanded (`$$` is a literal `$`); unknown ones are recorded. */
function substitute(text: string, subs: Substitutions, out: BuildReading): string {
    if ((subs.values.size === 0 && subs.unknownMaps.length === 0) || !text.includes("$")) return text;
    return text.replace(USER_SUBSTITUTION, (whole: string, braced?: string, bare?: string) => {
        if (whole === "$$") return "$";
        const s = subs.values.get((braced ?? bare) as string);
        if (s === undefined) {
            out.unknowns.push(...subs.unknownMaps);
            return whole;
        }
        if (s.value === UNKNOWN) {
            out.unknowns.push(s.path);
            return whole;
        }
        return s.value;
    });
}

/** Reads the steps at `steps` (a property path prefix for messages). */
function readSteps(steps: unknown, prefix: string, out: BuildReading, subs: Substitutions): void {
    if (steps === UNKNOWN) return void out.unknowns.push(prefix);
    const list = items(steps, MAX_STEPS);
    list.forEach((step, i) => {
        const path = `${prefix}[${i}]`;
        if (step === UNKNOWN) return void out.unknowns.push(path);
        if (!isPlainObject(step)) return;
        const name = read(step, ["name"]);
        const entrypoint = read(step, ["entrypoint"]);
        const rawScript = read(step, ["script"]);
        const script = typeof rawScript === "string" ? substitute(rawScript, subs, out) : rawScript;
        const rawArgs = strings(read(step, ["args"]));
        const args = Array.isArray(rawArgs) ? rawArgs.map((a) => substitute(a, subs, out)) : rawArgs;
        if (script === UNKNOWN) out.unknowns.push(`${path}.script`);
        else if (typeof script === "string" && script !== "") {
            out.steps.push({ path, image: typeof name === "string" ? name : undefined, field: "script", reading: readScript(script) });
        }
        if (args === UNKNOWN) return void out.unknowns.push(`${path}.args`);
        if (entrypoint === UNKNOWN) return void out.unknowns.push(`${path}.entrypoint`);
        if (!args || args.length === 0) return;
        const ownEntrypoint = typeof entrypoint === "string" && entrypoint !== "";
        if (name === UNKNOWN && !ownEntrypoint && !GCLOUD_PROGRAM.test(args[0]) && !SHELL.test(args[0])) {
            // Whether gcloud runs these args depends on the image's entrypoint.
            out.unknowns.push(`${path}.name`);
        }
        const argv = stepArgv(typeof name === "string" ? name : undefined, ownEntrypoint ? (entrypoint as string) : undefined, args);
        out.steps.push({ path, image: typeof name === "string" ? name : undefined, field: "args", reading: readArgv(argv) });
    });
}

/** What a Cloud Build trigger or build resource runs. */
export function readBuild(type: string, props: unknown): BuildReading {
    const out: BuildReading = { steps: [], unknowns: [] };
    if (CLOUD_BUILD_BUILD_TYPES.has(type)) {
        readSteps(read(props, ["steps"]), "steps", out, substitutionsOf([[read(props, ["substitutions"]), "substitutions"]]));
        return out;
    }
    const build = read(props, ["build"]);
    if (build === UNKNOWN) {
        out.unknowns.push("build");
        return out;
    }
    if (isPlainObject(build)) {
        const subs = substitutionsOf([
            [read(build, ["substitutions"]), "build.substitutions"],
            [read(props, ["substitutions"]), "substitutions"],
        ]);
        readSteps(read(build, ["steps"]), "build.steps", out, subs);
        return out;
    }
    out.unreadable = unreadableWhy(props);
    return out;
}

/** Why a trigger without an inline build cannot be read. */
function unreadableWhy(props: unknown): string {
    const filename = read(props, ["filename"]);
    if (typeof filename === "string" && filename !== "")
        return `its build config is the file ${JSON.stringify(filename.slice(0, 200))} in the repository (filename)`;
    if (filename === UNKNOWN) return "its build config is a file in the repository (filename, unknown during preview)";
    const source = read(props, ["gitFileSource"]);
    if (source === UNKNOWN || isPlainObject(source)) {
        const file = source === UNKNOWN ? undefined : read(source, ["path"]);
        return `its build config is ${typeof file === "string" && file !== "" ? `the file ${JSON.stringify(file.slice(0, 200))}` : "a file"} in a repository (gitFileSource)`;
    }
    if (read(props, ["autodetect"]) === true)
        return "Cloud Build detects its build from the repository (autodetect: a Dockerfile or buildpacks)";
    return "it has no inline build (build.steps), so Cloud Build reads the build config from the repository";
}
