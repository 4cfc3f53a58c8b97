// What the GCP provider answers to the invokes a program makes during a preview, computed offline.
// A real preview runs invokes for real, so a program that branches on `getProject()` must see a
// project, not its own arguments echoed back. Tokens we cannot answer faithfully are refused.

/** An invoke's answer, or why it cannot be answered offline (one line, with the fix). */
export type InvokeAnswer = { ok: true; result: Record<string, unknown> } | { ok: false; reason: string };

/** Provider config as the provider sees it: `project`, `region`, `zone`, ... (no `gcp:` prefix). */
export type ProviderConfig = Record<string, unknown>;

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

function needProject(token: string): InvokeAnswer {
    return {
        ok: false,
        reason: `${token} needs a project: set gcp:project (--config gcp:project=PROJECT_ID or in Pulumi.<stack>.yaml) or pass projectId`,
    };
}

function getProject(token: string, args: Record<string, unknown>, provider: ProviderConfig): InvokeAnswer {
    const projectId = str(args.projectId) ?? str(provider.project);
    if (!projectId) return needProject(token);
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
            labels: {},
            effectiveLabels: {},
            pulumiLabels: {},
            terraformLabels: {},
            tags: {},
        },
    };
}

function getClientConfig(token: string, provider: ProviderConfig): InvokeAnswer {
    const project = str(provider.project);
    if (!project) return needProject(token);
    const region = str(provider.region) ?? "";
    const zone = str(provider.zone) ?? "";
    return {
        ok: true,
        result: {
            id: `projects/${project}/regions/${region}/zones/${zone}`,
            project,
            region,
            zone,
            accessToken: "offline-check-access-token",
            defaultLabels: {},
        },
    };
}

/**
 * The provider's answer to invoke `token` with `args`, given the provider's config. Pure.
 * Only tokens whose answer depends on config alone are answered; any other is refused.
 */
export function answerInvoke(token: string, args: Record<string, unknown>, provider: ProviderConfig): InvokeAnswer {
    switch (token) {
        case "gcp:organizations/getProject:getProject":
            return getProject(token, args, provider);
        case "gcp:organizations/getClientConfig:getClientConfig":
            return getClientConfig(token, provider);
        default:
            return {
                ok: false,
                reason: `the program calls ${token}, which needs the cloud to answer; the built-in engine answers only getProject and getClientConfig offline; use \`check --engine pulumi\``,
            };
    }
}
