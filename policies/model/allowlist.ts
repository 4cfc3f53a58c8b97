// What a stack says about Binary Authorization allowlists: the policies it manages, by project,
// and the source-deploy repositories its workloads need exempted. Shared by
// binauthz-source-deploy-allowlist and binauthz-allowlist-unverified.
import type { PolicyResource } from "@pulumi/policy";
import type { AllowlistConfig, Resolved } from "./config";
import { exemptionCheck, type Subject } from "./kit";
import { PatternSet } from "./patterns";
import { ALL_ITEMS, items, read, UNKNOWN } from "./values";
import { BINAUTHZ_POLICY_TYPE, kindLabel, type Requirement, resolveProject, sourceDeployRequirements, workloadKind } from "./workloads";

/** A gcp:binaryauthorization/policy:Policy of the stack, with its compiled allowlist. */
export interface ManagedPolicy {
    subject: Subject;
    patterns: PatternSet;
    raw: string[];
    /** Some pattern, or the list itself, is unknown during preview. */
    unknownPath?: string;
}

/** The Binary Authorization policies a stack manages. */
export interface StackAllowlists {
    /** Binary Authorization policies in the stack, by project (more than one is a mistake). */
    byProject: Map<string, ManagedPolicy[]>;
    /** Policies whose project is unknown: they might govern any project. */
    unknownProject: Subject[];
    /** Policies whose project the pack cannot tell (not on the resource, its provider or gcp:project). */
    noProject: Subject[];
    /** The same policies as `unknownProject` and `noProject`, with their allowlists, for checks that read every pattern. */
    unplaced: { policy: ManagedPolicy; project: "unknown" | "none" }[];
}

function subjectOf(r: PolicyResource): Subject {
    return { type: r.type, name: r.name, urn: r.urn };
}

/** Indexes the stack's Binary Authorization policies by the project they govern. */
export function collectPolicies(resources: PolicyResource[]): StackAllowlists {
    const byProject = new Map<string, ManagedPolicy[]>();
    const unknownProject: Subject[] = [];
    const noProject: Subject[] = [];
    const unplaced: StackAllowlists["unplaced"] = [];
    for (const r of resources) {
        if (r.type !== BINAUTHZ_POLICY_TYPE) continue;
        const project = resolveProject(r.props, r.provider);
        const managed = managedPolicy(r);
        if (project === UNKNOWN) {
            unknownProject.push(managed.subject);
            unplaced.push({ policy: managed, project: "unknown" });
            continue;
        }
        if (project === undefined) {
            noProject.push(managed.subject);
            unplaced.push({ policy: managed, project: "none" });
            continue;
        }
        const existing = byProject.get(project);
        if (existing) existing.push(managed);
        else byProject.set(project, [managed]);
    }
    return { byProject, unknownProject, noProject, unplaced };
}

/** A policy resource with its allowlist read (every pattern) and compiled. */
function managedPolicy(r: PolicyResource): ManagedPolicy {
    const list = read(r.props, ["admissionWhitelistPatterns"]);
    const raw: string[] = [];
    let unknownPath: string | undefined = list === UNKNOWN ? "admissionWhitelistPatterns" : undefined;
    items(list, ALL_ITEMS).forEach((entry, i) => {
        const p = read(entry, ["namePattern"]);
        if (p === UNKNOWN) unknownPath ??= `admissionWhitelistPatterns[${i}].namePattern`;
        else if (typeof p === "string") raw.push(p);
    });
    let compiled: PatternSet | undefined;
    return {
        subject: subjectOf(r),
        // Compiled on first use: only the cover checks of source-deploy-allowlist need it.
        get patterns(): PatternSet {
            compiled ??= new PatternSet(raw);
            return compiled;
        },
        raw,
        unknownPath,
    };
}

/** One repository one workload needs exempted, with the workload it is for. */
export interface WorkloadNeeds {
    subject: Subject;
    label: string;
    requirement: Requirement;
}

/** Everything the stack's workloads need exempted, and what could not be decided. */
export interface StackNeeds {
    needs: WorkloadNeeds[];
    unknowns: { subject: Subject; path: string }[];
    malformed: { subject: Subject; message: string }[];
    unverifiable: { subject: Subject; label: string; message: string }[];
}

/** Every (project, pattern) the stack's non-exempt workloads need. */
export function collectNeeds(resources: PolicyResource[], cfg: Resolved<AllowlistConfig>): StackNeeds {
    const out: StackNeeds = { needs: [], unknowns: [], malformed: [], unverifiable: [] };
    for (const r of resources) {
        const kind = workloadKind(r.type);
        if (!kind) continue;
        const subject = subjectOf(r);
        if (exemptionCheck(cfg, subject).exempt) continue;
        const result = sourceDeployRequirements(kind, r.props, r.provider);
        if (result.kind === "needs") {
            for (const requirement of result.requirements) out.needs.push({ subject, label: kindLabel(kind, r.props), requirement });
        } else if (result.kind === "unknown") {
            out.unknowns.push({ subject, path: result.path });
        } else if (result.kind === "malformed") {
            out.malformed.push({ subject, message: result.message });
        } else if (result.kind === "unverifiable") {
            out.unverifiable.push({ subject, label: kindLabel(kind, r.props), message: result.message });
        }
    }
    return out;
}

/** Whether a project exempts a repository pattern, and how the pack knows. */
export type Verdict =
    | { kind: "exempted"; by: string }
    | { kind: "missing"; source: "stack" | "external"; policy?: ManagedPolicy }
    | { kind: "unknown"; path: string; subject: Subject }
    | { kind: "noProject"; subject: Subject }
    | { kind: "unverified" };

/** Whether the project's allowlist (stack policy first, then externalAllowlist) exempts a pattern. */
export class AllowlistIndex {
    private readonly external = new Map<string, PatternSet>();

    constructor(
        private readonly stack: StackAllowlists,
        externalAllowlist: Record<string, string[]>,
    ) {
        for (const [project, patterns] of Object.entries(externalAllowlist)) {
            this.external.set(project, new PatternSet(patterns));
        }
    }

    verdict(project: string, pattern: string): Verdict {
        const managed = this.stack.byProject.get(project);
        if (managed) {
            // Google keeps one policy per project, and which of several is applied last is not
            // knowable from the stack: each must exempt the repository (duplicates are reported).
            let by: string | null = null;
            let unknown: ManagedPolicy | undefined;
            for (const m of managed) {
                const covering = m.patterns.coveringPattern(pattern);
                if (covering !== null) by ??= covering;
                else if (m.unknownPath) unknown ??= m;
                else return { kind: "missing", source: "stack", policy: m };
            }
            if (unknown?.unknownPath) return { kind: "unknown", path: unknown.unknownPath, subject: unknown.subject };
            return { kind: "exempted", by: by ?? pattern };
        }
        if (this.stack.unknownProject.length) {
            return { kind: "unknown", path: "project", subject: this.stack.unknownProject[0] };
        }
        if (this.stack.noProject.length) return { kind: "noProject", subject: this.stack.noProject[0] };
        const ext = this.external.get(project);
        if (ext) {
            const by = ext.coveringPattern(pattern);
            return by !== null ? { kind: "exempted", by } : { kind: "missing", source: "external" };
        }
        return { kind: "unverified" };
    }
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
    const out = new Map<string, T[]>();
    for (const t of list) {
        const k = key(t);
        const g = out.get(k);
        if (g) g.push(t);
        else out.set(k, [t]);
    }
    return out;
}
