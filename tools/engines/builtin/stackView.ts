// The resources the engine itself adds to what a program registers, as the Pulumi CLI sends them
// to a policy pack: the root `pulumi:pulumi:Stack` (parent of every top-level resource) and one
// default provider per package and version, `pulumi:providers:gcp::default_9_37_0`, whose inputs
// are the package's stack config plus `version` (pkg/resource/deploy/default_providers.go;
// ProviderRequest.DefaultName in pkg/resource/deploy/providers/provider.go). Default providers
// have no parent.
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackContext, WireResource } from "./driver";

/** The type of the root stack resource. */
export const STACK_TYPE = "pulumi:pulumi:Stack";
const PROVIDER_PREFIX = "pulumi:providers:";

/** The root stack resource's URN: `urn:pulumi:<stack>::<project>::pulumi:pulumi:Stack::<project>-<stack>`. */
export function stackUrn(ctx: Pick<StackContext, "stack" | "project">): string {
    return `urn:pulumi:${ctx.stack}::${ctx.project}::${STACK_TYPE}::${ctx.project}-${ctx.stack}`;
}

/** The root stack resource as a preview registers it (no outputs yet). */
export function stackResource(ctx: Pick<StackContext, "stack" | "project">): WireResource {
    return { type: STACK_TYPE, name: `${ctx.project}-${ctx.stack}`, urn: stackUrn(ctx), properties: {}, dependencies: [] };
}

/**
 * A default provider's name for a plugin version, as the engine builds it: `default`, then
 * `_MAJOR_MINOR_PATCH`, then `_` and each dot-separated prerelease and build part.
 */
export function defaultProviderName(version: string | undefined): string {
    if (!version) return "default";
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version.trim());
    if (!m) return "default";
    const parts = [m[1], m[2], m[3], ...(m[4] ? m[4].split(".") : []), ...(m[5] ? m[5].split(".") : [])];
    return `default_${parts.join("_")}`;
}

/** The version of `@pulumi/<pkg>` a program (else this pack) resolves, e.g. { gcp: "9.37.0" }. */
export function providerVersion(pkg: string, dirs: string[]): string | undefined {
    for (const dir of dirs) {
        try {
            const file = require.resolve(`@pulumi/${pkg}/package.json`, { paths: [path.resolve(dir)] });
            const v = (JSON.parse(fs.readFileSync(file, "utf8")) as { version?: unknown }).version;
            if (typeof v === "string") return v;
        } catch {
            // not installed there: try the next directory
        }
    }
    return undefined;
}

/** A provider that a resource names but the list does not hold: the engine's default provider. */
function isPlaceholderDefault(p: WireResource["provider"]): p is NonNullable<WireResource["provider"]> {
    return !!p && p.type.startsWith(PROVIDER_PREFIX) && p.name === "default";
}

/**
 * The resources in the order and shape the engine registers them: the Stack first; each default
 * provider, with its real name and `version` input, just before the first resource that uses it;
 * top-level resources parented by the Stack. `version(pkg)` gives the plugin version of a package.
 */
export function engineResources(
    resources: WireResource[],
    ctx: StackContext,
    version: (pkg: string) => string | undefined,
): WireResource[] {
    const existingStack = resources.find((r) => r.type === STACK_TYPE);
    const stack = existingStack ?? stackResource(ctx);
    const present = new Set(resources.map((r) => r.urn));
    const out: WireResource[] = [stack];
    const added = new Set<string>();
    const renamed = new Map<string, NonNullable<WireResource["provider"]>>();
    const defaultFor = (p: NonNullable<WireResource["provider"]>): NonNullable<WireResource["provider"]> => {
        const hit = renamed.get(p.urn);
        if (hit) return hit;
        const pkg = p.type.slice(PROVIDER_PREFIX.length);
        const v = version(pkg);
        const name = defaultProviderName(v);
        const urn = `urn:pulumi:${ctx.stack}::${ctx.project}::${p.type}::${name}`;
        const real = { type: p.type, name, urn, properties: { ...p.properties, ...(v ? { version: v } : {}) } };
        renamed.set(p.urn, real);
        return real;
    };
    for (const r of resources) {
        if (r === existingStack) continue;
        let res = r;
        if (isPlaceholderDefault(r.provider)) res = { ...res, provider: defaultFor(r.provider) };
        const p = res.provider;
        if (p && !present.has(p.urn) && !added.has(p.urn)) {
            added.add(p.urn);
            out.push({ type: p.type, name: p.name, urn: p.urn, properties: p.properties, dependencies: [] });
        }
        const isDefaultProvider = res.type.startsWith(PROVIDER_PREFIX) && res.name.startsWith("default");
        if (!res.parent && !isDefaultProvider) res = { ...res, parent: stack.urn };
        out.push(res);
    }
    return out;
}
