// Calls policies in process the way @pulumi/policy's analyzer server does: props wrapped in the
// unknown-checking proxy (so the engine's unknown sentinels throw on read), getConfig returning
// exactly the given config (no schema defaults: the policies must apply their own), and an
// UnknownValueError turned into an advisory result.
import {
    type Policy,
    type PolicyResource,
    type ReportViolation,
    type ResourceValidationArgs,
    type ResourceValidationPolicy,
    type StackValidationArgs,
    type StackValidationPolicy,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { setClock } from "../policies/model/exemptions";
import { isUnknownValueError } from "../policies/model/values";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

export interface Result {
    /** Messages of definite violations, at the policy's level. */
    violations: string[];
    /** URNs the violations were reported against (undefined: the resource itself). */
    urns: (string | undefined)[];
    /** The pack's advisory message, when an unknown deciding value deferred the check. */
    advisory?: string;
    /** The reason given to args.notApplicable, when the policy deliberately did not apply. */
    notApplicable?: string;
}

/** What @pulumi/policy's args.notApplicable throws (the server matches it by class; the pack by name). */
export class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}
const throwNotApplicable = (reason?: string): never => {
    throw new NotApplicableError(reason);
};

export interface ResourceInput {
    type: string;
    name?: string;
    props: unknown;
    stack?: string;
    urn?: string;
    /** The resource's provider: a default one ("default") unless `name` says otherwise. */
    provider?: { props: Record<string, unknown>; name?: string; type?: string };
}

export function urnOf(type: string, name: string, stack = "dev", project = "proj"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

function collector(): { report: ReportViolation; result: Result } {
    const result: Result = { violations: [], urns: [] };
    const report: ReportViolation = (message: string, urn?: string) => {
        result.violations.push(message);
        result.urns.push(urn);
    };
    return { report, result };
}

/** What validateResource receives for `r`, with props behind the server's unknown-checking proxy. */
export function resourceArgs(r: ResourceInput, config: unknown): ResourceValidationArgs {
    const name = r.name ?? "res";
    const props = unknownCheckingProxy(r.props as Record<string, unknown>) as Record<string, unknown>;
    return {
        type: r.type,
        name,
        urn: r.urn ?? urnOf(r.type, name, r.stack),
        props,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        provider: r.provider
            ? {
                  type: r.provider.type ?? "pulumi:providers:gcp",
                  name: r.provider.name ?? "default",
                  urn: "urn:provider",
                  props: unknownCheckingProxy(r.provider.props),
              }
            : undefined,
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => config as T,
        notApplicable: throwNotApplicable,
    };
}

/** Runs a resource policy's validateResource against one resource. */
export async function checkResource(policy: Policy, r: ResourceInput, config: unknown = {}): Promise<Result> {
    const { report, result } = collector();
    const validate = (policy as ResourceValidationPolicy).validateResource;
    const fns = Array.isArray(validate) ? validate : validate ? [validate] : [];
    try {
        for (const fn of fns) await fn(resourceArgs(r, config), report);
    } catch (e) {
        if (e instanceof NotApplicableError) result.notApplicable = e.reason;
        else if (!isUnknownValueError(e)) throw e;
        else result.advisory = e.message;
    }
    return result;
}

/** Runs a resource policy's remediateResource; returns the new props (or undefined). */
export async function remediate(policy: Policy, r: ResourceInput, config: unknown = {}): Promise<Record<string, unknown> | undefined> {
    const fn = (policy as ResourceValidationPolicy).remediateResource;
    if (!fn) return undefined;
    const out = await fn(resourceArgs(r, config));
    return out ? (JSON.parse(JSON.stringify(out)) as Record<string, unknown>) : undefined;
}

/** The stack's view of a resource, as AnalyzeStack hands it to a stack policy. */
export function policyResource(a: ResourceValidationArgs): PolicyResource {
    return {
        type: a.type,
        name: a.name,
        urn: a.urn,
        props: a.props,
        opts: a.opts,
        provider: a.provider,
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    };
}

/** What validateStack receives. */
export function stackArgs(resources: PolicyResource[], config: unknown): StackValidationArgs {
    return {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: throwNotApplicable,
    };
}

/** Runs a stack policy over resources. */
export async function checkStack(policy: Policy, resources: ResourceInput[], config: unknown = {}): Promise<Result> {
    const { report, result } = collector();
    const prs = resources.map((r) => policyResource(resourceArgs(r, config)));
    try {
        await (policy as StackValidationPolicy).validateStack(stackArgs(prs, config), report);
    } catch (e) {
        if (e instanceof NotApplicableError) result.notApplicable = e.reason;
        else if (!isUnknownValueError(e)) throw e;
        else result.advisory = e.message;
    }
    return result;
}

/** Runs `body` with the stack config (PULUMI_CONFIG) set to `config` (undefined: unset), then restores it. */
export function withStackConfig(config: Record<string, unknown> | undefined, body: () => Promise<void>): () => Promise<void> {
    return async () => {
        const saved = process.env.PULUMI_CONFIG;
        if (config === undefined) delete process.env.PULUMI_CONFIG;
        else process.env.PULUMI_CONFIG = JSON.stringify(config);
        try {
            await body();
        } finally {
            if (saved === undefined) delete process.env.PULUMI_CONFIG;
            else process.env.PULUMI_CONFIG = saved;
        }
    };
}

/** Pins the pack's clock to `at` for every test of the enclosing describe (mocha hooks). */
export function fixClock(at: Date | string): void {
    let restore: (() => void) | undefined;
    beforeEach(() => {
        restore = setClock(() => new Date(at));
    });
    afterEach(() => restore?.());
}

/** Shorthands for workload types. */
export const T = {
    service: "gcp:cloudrunv2/service:Service",
    job: "gcp:cloudrunv2/job:Job",
    workerPool: "gcp:cloudrunv2/workerPool:WorkerPool",
    v1: "gcp:cloudrun/service:Service",
    fn2: "gcp:cloudfunctionsv2/function:Function",
    fn1: "gcp:cloudfunctions/function:Function",
    binauthz: "gcp:binaryauthorization/policy:Policy",
    orgpolicy: "gcp:orgpolicy/policy:Policy",
} as const;

/** The template of a workload of `type` that runs `image`: a job's nests one more level, a v1 service's is a spec. */
export function templateRunning(type: string, image: unknown): Record<string, unknown> {
    const containers = [{ image }];
    return type === T.job ? { template: { containers } } : type === T.v1 ? { spec: { containers } } : { containers };
}

/** The arguments that put a workload of `type` on the project's default Binary Authorization policy. */
export function onDefaultPolicy(type: string): Record<string, unknown> {
    return type === T.v1
        ? { metadata: { annotations: { "run.googleapis.com/binary-authorization": "default" } } }
        : { binaryAuthorization: { useDefault: true } };
}
