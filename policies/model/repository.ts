// The repository URL a package.json `repository` field names, as a browsable https URL.

/** Where the pack's documentation is when package.json names no usable repository. */
export const FALLBACK_REPOSITORY = "https://www.npmjs.com/package/cloud-run-binauthz";

/**
 * `repository` as npm accepts it (a string, `{ type, url }`, `github:owner/repo`, `owner/repo`,
 * `git+https://…/x.git`, `git@github.com:owner/repo.git`) → `https://host/owner/repo`, or
 * FALLBACK_REPOSITORY for anything else.
 */
export function repositoryUrl(manifest: unknown): string {
    const field = typeof manifest === "object" && manifest !== null ? (manifest as { repository?: unknown }).repository : undefined;
    const raw =
        typeof field === "string" ? field : typeof field === "object" && field !== null ? (field as { url?: unknown }).url : undefined;
    if (typeof raw !== "string" || raw.length > 2048) return FALLBACK_REPOSITORY;
    const text = raw.trim();
    const shorthand = /^(?:(github|gitlab|bitbucket):)?([\w.-]+)\/([\w.-]+)$/.exec(text);
    if (shorthand) {
        const host = { github: "github.com", gitlab: "gitlab.com", bitbucket: "bitbucket.org" }[shorthand[1] ?? "github"];
        return `https://${host}/${shorthand[2]}/${shorthand[3].replace(/\.git$/, "")}`;
    }
    const scp = /^git@([\w.-]+):([\w./-]+?)(?:\.git)?$/.exec(text);
    if (scp) return `https://${scp[1]}/${scp[2]}`;
    const url = /^(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?([\w.-]+(?::\d+)?)\/([\w./-]+?)(?:\.git)?\/?$/.exec(text);
    if (url) return `https://${url[1].replace(/:\d+$/, "")}/${url[2]}`;
    return FALLBACK_REPOSITORY;
}
