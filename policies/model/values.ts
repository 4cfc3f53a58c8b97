// Safe reads of resource properties as the Pulumi engine hands them to a policy.
//
// Under the analyzer server every property bag is wrapped in @pulumi/policy's unknown-checking
// proxy, which throws UnknownValueError on a read of an unknown; in Remediate it is also wrapped in a
// secret-preserving proxy. Unit tests and the stack-export audit pass plain objects that may hold
// the raw sentinels and secret envelopes instead. `read` turns all of these into one answer, and
// never throws: a hostile getter or a revoked proxy reads as absent.
import { types as utilTypes } from "node:util";
import * as policySdk from "@pulumi/policy";
import { Secret } from "@pulumi/policy";

/**
 * @pulumi/policy exports UnknownValueError at run time, but marks it @internal, so its type is not
 * published. The server reports a policy that throws one as advisory.
 */
export type UnknownValueErrorType = Error & { props: string[] };
const UnknownValueError = (
    policySdk as unknown as {
        UnknownValueError: new (sentinel: string, props: string[]) => UnknownValueErrorType;
    }
).UnknownValueError;

/** Whether `e` is @pulumi/policy's UnknownValueError (reported as advisory by its server). */
export function isUnknownValueError(e: unknown): e is UnknownValueErrorType {
    return e instanceof UnknownValueError;
}

/** Marker for a value that cannot be known until `pulumi up`. */
export const UNKNOWN: unique symbol = Symbol.for("cloud-run-binauthz.unknown");
/** The type of UNKNOWN. */
export type Unknown = typeof UNKNOWN;

/** The engine's unknown sentinels (string, bool, number, array, asset, archive, object). */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The engine's special-signature key. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret envelope `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The string-typed unknown sentinel, as it travels on the wire. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether `v` is one of the engine's unknown sentinels. */
export function isUnknownSentinel(v: unknown): boolean {
    return typeof v === "string" && v.length === 36 && UNKNOWN_SENTINELS.has(v);
}

function isSecretEnvelope(v: unknown): v is { value: unknown } {
    if (v instanceof Secret) return true;
    if (typeof v !== "object" || v === null) return false;
    try {
        return (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
    } catch {
        return false;
    }
}

/**
 * @pulumi/policy's proxies hand out their target under this key (proxy.ts, getSpecialProxyTarget).
 * Reading the target once, instead of every property through a proxy that allocates a new proxy per
 * read, keeps stack policies linear and lean; `settle` applies the same unknown and secret rules.
 */
const PROXY_TARGET = "__getSpecialProxyTarget";
/** The key by which @pulumi/policy's proxies say that they are one (proxy.ts, isSpecialProxy). */
const PROXY_MARK = "__isSpecialProxy";
/** Keys @pulumi/policy reserves for its proxies; on plain data they are the program's own, and mean nothing. */
export const PROXY_KEYS: readonly string[] = [PROXY_TARGET, PROXY_MARK];

/** Whether `v` is a JavaScript Proxy (a program's data never is: the engine sends JSON). */
function isProxy(v: object): boolean {
    try {
        return utilTypes.isProxy(v);
    } catch {
        return false;
    }
}

/**
 * The object behind @pulumi/policy's proxies, or `v` itself. Only a real Proxy is unwrapped: the
 * same key on plain data is the program's own (a program can write `__getSpecialProxyTarget` into
 * its inputs), and following it would judge a value the program chose instead of the real one.
 * Never throws.
 */
export function unproxied(v: unknown): unknown {
    for (let depth = 0; depth < 4 && typeof v === "object" && v !== null && isProxy(v); depth++) {
        let target: unknown;
        try {
            target = (v as Record<string, unknown>)[PROXY_TARGET];
        } catch {
            return v;
        }
        if (typeof target !== "object" || target === null || target === v) return v;
        v = target;
    }
    return v;
}

/** Nesting beyond this is not walked; the engine's protobuf decoding stops far earlier. */
const MAX_WALK_DEPTH = 256;

/**
 * Where the data behind `v` holds one of @pulumi/policy's proxy keys as a key of its own: a path
 * such as `template.containers[0]`, `(top level)`, or undefined when it holds none. The library's
 * serialiser (deserialize.ts, serializeProperty) follows such a key on any object, so props that
 * hold one cannot be handed back to it from a remediation: it would serialise the program's chosen
 * value instead, or nothing, and a Remediate that serialises nothing never answers (@pulumi/policy
 * 1.21 throws outside the RPC's try block). Too deep, or unreadable, counts as holding one.
 * Linear in the size of the data; never throws.
 */
export function proxyKeyPath(v: unknown): string | undefined {
    // Parent links instead of path strings: the path is built only for the one node it names.
    const nodes: { value: unknown; parent: number; step: string | number; depth: number }[] = [
        { value: v, parent: -1, step: "", depth: 0 },
    ];
    const pathOf = (i: number, last?: string): string => {
        const steps: (string | number)[] = last === undefined ? [] : [last];
        for (let j = i; j > 0; j = nodes[j].parent) steps.push(nodes[j].step);
        const path = steps
            .reverse()
            .map((s, k) => (typeof s === "number" ? `[${s}]` : k === 0 ? s : `.${s}`))
            .join("");
        return path === "" ? "(top level)" : path;
    };
    const pending: number[] = [0];
    try {
        while (pending.length) {
            const i = pending.pop() as number;
            const { value, depth } = nodes[i];
            let o = unproxied(value);
            if (o instanceof Secret) o = unproxied(o.value);
            if (typeof o !== "object" || o === null) continue;
            if (depth > MAX_WALK_DEPTH) return pathOf(i);
            if (Array.isArray(o)) {
                for (let k = o.length - 1; k >= 0; k--) {
                    pending.push(nodes.length);
                    nodes.push({ value: o[k], parent: i, step: k, depth: depth + 1 });
                }
                continue;
            }
            for (const key of PROXY_KEYS) if (Object.prototype.hasOwnProperty.call(o, key)) return pathOf(i, key);
            const keys = Object.keys(o);
            for (let k = keys.length - 1; k >= 0; k--) {
                pending.push(nodes.length);
                nodes.push({ value: (o as Record<string, unknown>)[keys[k]], parent: i, step: keys[k], depth: depth + 1 });
            }
        }
    } catch {
        return "(unreadable)";
    }
    return undefined;
}

/** Unwraps secret envelopes and maps sentinels to UNKNOWN. Never throws. */
export function settle(v: unknown): unknown {
    for (let depth = 0; depth < 8; depth++) {
        if (isUnknownSentinel(v)) return UNKNOWN;
        if (!isSecretEnvelope(v)) return v;
        try {
            v = (v as { value: unknown }).value;
        } catch (e) {
            return isUnknownValueError(e) ? UNKNOWN : undefined;
        }
    }
    return undefined;
}

/** One step of a property path: `obj[key]`, safely. */
export function readKey(obj: unknown, key: string | number): unknown {
    const o = settle(obj);
    if (o === UNKNOWN) return UNKNOWN;
    if (typeof o !== "object" || o === null) return undefined;
    try {
        if (!Object.prototype.hasOwnProperty.call(o, key)) return undefined;
        return settle((o as Record<string | number, unknown>)[key]);
    } catch (e) {
        return isUnknownValueError(e) ? UNKNOWN : undefined;
    }
}

/** Reads `obj.a.b.c` for path ["a","b","c"]; UNKNOWN as soon as any step is unknown. */
export function read(obj: unknown, path: readonly (string | number)[]): unknown {
    let cur: unknown = settle(unproxied(obj));
    for (const key of path) {
        if (cur === UNKNOWN) return UNKNOWN;
        cur = readKey(cur, key);
        if (cur === undefined) return undefined;
    }
    return cur;
}

/** A non-null, non-array object; never throws. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
    if (typeof v !== "object" || v === null) return false;
    try {
        return !Array.isArray(v);
    } catch {
        return false;
    }
}

/** Array.isArray that never throws (a revoked proxy reads as not an array). */
export function isArray(v: unknown): v is unknown[] {
    try {
        return Array.isArray(v);
    } catch {
        return false;
    }
}

/** The length of an array read through a proxy, bounded so a hostile value cannot stall a preview. */
export function arrayLength(v: unknown[], max: number = MAX_ITEMS): number {
    try {
        const n = v.length;
        return Number.isSafeInteger(n) && n >= 0 ? Math.min(n, max) : 0;
    } catch {
        return 0;
    }
}

/** Items beyond this in one array are not inspected; real resources stay far below it. */
export const MAX_ITEMS = 10_000;
/** Every item: for lists whose every entry matters (allowlist patterns). */
export const ALL_ITEMS = Number.MAX_SAFE_INTEGER;

/**
 * Array items read safely: each is a settled value or UNKNOWN. Up to `max` items; lists where a
 * skipped item could hide a bypass (allowlist patterns) pass ALL_ITEMS, since what the engine sends
 * is a decoded array whose length is real.
 */
export function items(v: unknown, max: number = MAX_ITEMS): unknown[] {
    if (!isArray(v)) return [];
    const n = arrayLength(v, max);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = readKey(v, i);
    return out;
}

/** Own enumerable keys, safely. */
export function keysOf(v: unknown): string[] {
    if (!isPlainObject(v)) return [];
    try {
        return Object.keys(v);
    } catch {
        return [];
    }
}

/** Builds the UnknownValueError @pulumi/policy reports as advisory, carrying the pack's own message. */
export function unknownError(message: string, path: readonly string[]): UnknownValueErrorType {
    const e = new UnknownValueError(UNKNOWN_STRING, [...path]);
    e.message = message;
    return e;
}
