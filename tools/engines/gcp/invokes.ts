// What the GCP provider answers to the invokes a program makes during a preview, computed offline.
// Both engines answer with these functions: the built-in engine from its mocks (capture.ts), the
// real CLI's engine through the stand-in provider (tools/engines/pulumi/standins/provider.ts). A
// real preview runs invokes for real, so a program that branches on `getProject()` must see a
// project, not its own arguments echoed back. Tokens whose answer needs the cloud are refused.
//
// Which invokes, and why (a survey of 46 public Cloud Run programs: getProject, getClientConfig
// and getIAMPolicy are the ones they call that need no cloud):
// - gcp:organizations/getProject:getProject: data_source_google_project.go sets the id
//   `projects/<project_id>` locally (project_id from the args, else the provider's project, else
//   "no project value set..."); everything else (number, name, labels...) comes from the Cloud
//   Resource Manager API, so it is a stable placeholder here (a 12-digit number hashed from the id).
// - gcp:organizations/getClientConfig:getClientConfig: the provider's own config (project, region,
//   zone, default labels; empty strings where unset, as the Plugin Framework data source reads
//   them), id `projects/P/regions/R/zones/Z`; the access token (credentials) a secret placeholder.
// - gcp:organizations/getIAMPolicy:getIAMPolicy: a pure function of its arguments
//   (data_source_google_iam_policy.go dataSourceGoogleIamPolicyRead), reproduced exactly below.
// Not answered: getZones/getRegions (the zone and region names come from the Compute API), and every
// function that reads a resource (getDockerImage, getSecretVersion, projects.getProject, ...).
import { crc32 } from "node:zlib";
import { makeSecret } from "./wire";

/** An invoke's answer, or why it cannot be answered offline (one line, with the fix). */
export type InvokeAnswer = { ok: true; result: Record<string, unknown> } | { ok: false; reason: string };

/** Provider config as the provider sees it: `project`, `region`, `zone`, ... (no `gcp:` prefix). */
export type ProviderConfig = Record<string, unknown>;

export const GET_PROJECT = "gcp:organizations/getProject:getProject";
export const GET_CLIENT_CONFIG = "gcp:organizations/getClientConfig:getClientConfig";
export const GET_IAM_POLICY = "gcp:organizations/getIAMPolicy:getIAMPolicy";

/** The gcp functions both engines answer offline. */
export const GCP_OFFLINE_INVOKES: readonly string[] = [GET_PROJECT, GET_CLIENT_CONFIG, GET_IAM_POLICY];

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** A stable, plausible 12-digit project number for a project id (GCP numbers are opaque; this is not a real one). */
export function projectNumber(projectId: string): string {
    // FNV-1a over the id, folded into 11 digits after a non-zero leading digit.
    let h = 0x811c9dc5;
    for (let i = 0; i < projectId.length; i++) {
        h ^= projectId.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    const tail = String((h * 97) % 100_000_000_000).padStart(11, "0");
    return `${(h % 9) + 1}${tail}`;
}

/** getProject with no project anywhere: the real provider's "no project value set", and the fix. */
export const NO_PROJECT = `${GET_PROJECT}: no project value set; set gcp:project (--config gcp:project=PROJECT_ID or in Pulumi.<stack>.yaml) or pass projectId`;

/** The one line for an invoke whose answer needs the cloud (both engines refuse with it). */
export function cloudInvokeRefusal(token: string): string {
    return (
        `the program calls ${token}, which needs the cloud to answer; check answers offline only ` +
        `gcp getProject, getClientConfig and getIAMPolicy (pass what the program looks up with --config instead)`
    );
}

function getProject(args: Record<string, unknown>, provider: ProviderConfig): InvokeAnswer {
    const projectId = str(args.projectId) ?? str(provider.project);
    if (!projectId) {
        return {
            ok: false,
            reason: NO_PROJECT,
        };
    }
    const labels = {};
    return {
        ok: true,
        result: {
            id: `projects/${projectId}`,
            projectId,
            name: projectId,
            number: projectNumber(projectId),
            autoCreateNetwork: true,
            billingAccount: "",
            deletionPolicy: "PREVENT",
            folderId: "",
            orgId: "",
            labels,
            effectiveLabels: labels,
            pulumiLabels: labels,
            tags: {},
        },
    };
}

function getClientConfig(provider: ProviderConfig): InvokeAnswer {
    const project = str(provider.project) ?? "";
    const region = str(provider.region) ?? "";
    const zone = str(provider.zone) ?? "";
    const labels = provider.defaultLabels;
    return {
        ok: true,
        result: {
            id: `projects/${project}/regions/${region}/zones/${zone}`,
            project,
            region,
            zone,
            defaultLabels: labels && typeof labels === "object" && !Array.isArray(labels) ? labels : {},
            accessToken: makeSecret("offline-check-has-no-access-token"),
        },
    };
}

interface Condition {
    description?: string;
    expression: string;
    title: string;
}

interface Binding {
    condition?: Condition;
    members: string[];
    role: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Go's `<` on strings: byte order of the UTF-8 encoding. */
function goLess(a: string, b: string): boolean {
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")) < 0;
}

function goCompare(a: string, b: string): number {
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** iamPolicyBindingsLessFunction: role, then no condition first, then expression, title, description. */
function bindingLess(a: Binding, b: Binding): boolean {
    if (a.role !== b.role) return goLess(a.role, b.role);
    if (!a.condition && !b.condition) return false;
    if (!a.condition) return true;
    if (!b.condition) return false;
    if (a.condition.expression !== b.condition.expression) return goLess(a.condition.expression, b.condition.expression);
    if (a.condition.title !== b.condition.title) return goLess(a.condition.title, b.condition.title);
    return goLess(a.condition.description ?? "", b.condition.description ?? "");
}

/** Go's encoding/json string escaping (HTML-safe: <, >, & and U+2028/U+2029 as \u escapes). */
export function goJsonString(s: string): string {
    return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function stringList(v: unknown, what: string): string[] | string {
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) return `${what} must be a list of strings`;
    return v as string[];
}

/** The arguments as the provider's schema reads them, or what is wrong with them (the provider's own complaint). */
function readBindings(raw: unknown): Binding[] | string {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) return "bindings must be a list";
    const out: Binding[] = [];
    for (const b of raw) {
        if (!isObj(b) || typeof b.role !== "string") return "each binding needs a role";
        const members = stringList(b.members, "members");
        if (typeof members === "string") return members;
        if (members.some((m) => m.startsWith("deleted:"))) return "Terraform does not support IAM policies for deleted principals";
        let condition: Condition | undefined;
        if (b.condition !== undefined && b.condition !== null) {
            const c = b.condition;
            if (!isObj(c) || typeof c.expression !== "string" || typeof c.title !== "string")
                return "a binding's condition needs an expression and a title";
            condition = {
                expression: c.expression,
                title: c.title,
                ...(typeof c.description === "string" ? { description: c.description } : {}),
            };
        }
        // `members` is a Terraform set: duplicates within one binding collapse.
        out.push({ role: b.role, members: [...new Set(members)], ...(condition ? { condition } : {}) });
    }
    return out;
}

interface AuditLogConfig {
    exemptedMembers?: string[];
    logType: string;
}

/**
 * Audit configs and their log configs are Terraform sets of blocks, serialised in the order of their
 * hash codes (helper/schema set.go). That order is reproduced only where it cannot matter: one audit
 * config with one log config and at most one exempted member. Anything more is refused, not guessed.
 */
function readAuditConfigs(raw: unknown): { service: string; auditLogConfigs: AuditLogConfig[] }[] | string {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) return "auditConfigs must be a list";
    const tooMany =
        `${GET_IAM_POLICY} with more than one audit config, log config or exempted member is ordered by Terraform's set hashes, ` +
        "which check does not reproduce; pass the policy data with --config instead";
    if (raw.length > 1) return tooMany;
    const out = [];
    for (const a of raw) {
        if (!isObj(a) || typeof a.service !== "string" || !Array.isArray(a.auditLogConfigs))
            return "each audit config needs a service and auditLogConfigs";
        if (a.auditLogConfigs.length > 1) return tooMany;
        const logs: AuditLogConfig[] = [];
        for (const l of a.auditLogConfigs) {
            if (!isObj(l) || typeof l.logType !== "string") return "each audit log config needs a logType";
            const exempted =
                l.exemptedMembers === undefined || l.exemptedMembers === null ? [] : stringList(l.exemptedMembers, "exemptedMembers");
            if (typeof exempted === "string") return exempted;
            if (new Set(exempted).size > 1) return tooMany;
            logs.push({ ...(exempted.length ? { exemptedMembers: [exempted[0]] } : {}), logType: l.logType });
        }
        out.push({ service: a.service, auditLogConfigs: logs });
    }
    return out;
}

/** json.Marshal of cloudresourcemanager.Policy: fields in declaration (alphabetical) order, empty ones omitted. */
function marshalPolicy(bindings: Binding[], auditConfigs: { service: string; auditLogConfigs: AuditLogConfig[] }[]): string {
    const list = (items: string[]) => `[${items.join(",")}]`;
    const parts: string[] = [];
    if (auditConfigs.length) {
        const configs = auditConfigs.map((a) => {
            const fields: string[] = [];
            if (a.auditLogConfigs.length) {
                const logs = a.auditLogConfigs.map((l) => {
                    const f: string[] = [];
                    if (l.exemptedMembers?.length) f.push(`"exemptedMembers":${list(l.exemptedMembers.map(goJsonString))}`);
                    if (l.logType) f.push(`"logType":${goJsonString(l.logType)}`);
                    return `{${f.join(",")}}`;
                });
                fields.push(`"auditLogConfigs":${list(logs)}`);
            }
            if (a.service) fields.push(`"service":${goJsonString(a.service)}`);
            return `{${fields.join(",")}}`;
        });
        parts.push(`"auditConfigs":${list(configs)}`);
    }
    if (bindings.length) {
        const encoded = bindings.map((b) => {
            const fields: string[] = [];
            if (b.condition) {
                const c: string[] = [];
                if (b.condition.description) c.push(`"description":${goJsonString(b.condition.description)}`);
                if (b.condition.expression) c.push(`"expression":${goJsonString(b.condition.expression)}`);
                if (b.condition.title) c.push(`"title":${goJsonString(b.condition.title)}`);
                fields.push(`"condition":{${c.join(",")}}`);
            }
            if (b.members.length) fields.push(`"members":${list(b.members.map(goJsonString))}`);
            if (b.role) fields.push(`"role":${goJsonString(b.role)}`);
            return `{${fields.join(",")}}`;
        });
        parts.push(`"bindings":${list(encoded)}`);
    }
    return `{${parts.join(",")}}`;
}

/**
 * getIAMPolicy as the provider computes it: binding blocks with the same role and condition merged
 * (their members appended), bindings sorted by role then condition, members sorted, the policy
 * marshalled as Go does, and the id the CRC-32 of the JSON.
 */
export function iamPolicy(args: Record<string, unknown>): InvokeAnswer {
    const bindings = readBindings(args.bindings);
    if (typeof bindings === "string") return { ok: false, reason: `${GET_IAM_POLICY}: ${bindings}` };
    const auditConfigs = readAuditConfigs(args.auditConfigs);
    if (typeof auditConfigs === "string")
        return { ok: false, reason: auditConfigs.startsWith(GET_IAM_POLICY) ? auditConfigs : `${GET_IAM_POLICY}: ${auditConfigs}` };
    const merged = new Map<string, Binding>();
    for (const b of bindings) {
        const c = b.condition;
        const key = c ? `${b.role}-[${c.expression}]-[${c.title}]-[${c.description ?? ""}]-[]` : b.role;
        const hit = merged.get(key);
        if (hit) hit.members = [...hit.members, ...b.members];
        else merged.set(key, { ...b, members: [...b.members] });
    }
    const sorted = [...merged.values()].sort((a, b) => (bindingLess(a, b) ? -1 : bindingLess(b, a) ? 1 : 0));
    for (const b of sorted) b.members.sort(goCompare);
    const policyData = marshalPolicy(sorted, auditConfigs);
    return {
        ok: true,
        result: {
            id: String(crc32(Buffer.from(policyData, "utf8"))),
            policyData,
            // Terraform state's sets, given back as the program wrote them (their set order is not modelled).
            bindings: bindings.map((b) => ({ ...b })),
            auditConfigs,
        },
    };
}

/**
 * The provider's answer to invoke `token` with `args`, given the provider's config. Pure.
 * Only tokens whose answer depends on config and arguments alone are answered; any other is refused.
 */
export function answerInvoke(token: string, args: Record<string, unknown>, provider: ProviderConfig): InvokeAnswer {
    switch (token) {
        case GET_PROJECT:
            return getProject(args, provider);
        case GET_CLIENT_CONFIG:
            return getClientConfig(provider);
        case GET_IAM_POLICY:
            return iamPolicy(args);
        default:
            return { ok: false, reason: cloudInvokeRefusal(token) };
    }
}
