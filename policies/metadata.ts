// What Pulumi Cloud shows about each policy, in one table: display name, the compliance controls it
// serves, tags, and the README section that documents it. The policy files keep what belongs to
// the check itself (name, description, level, severity, remediation steps, config schema);
// `describePolicies` adds this table's fields to every registered policy. GetAnalyzerInfo sends
// all of it, and `pulumi policy publish` uploads it (@pulumi/policy protoutil makeAnalyzerInfo).
import * as fs from "node:fs";
import * as path from "node:path";
import type { Policy, PolicyComplianceFramework } from "@pulumi/policy";
import type { PolicyName } from "./model/config";
import { repositoryUrl } from "./model/repository";

/** This package's package.json (dist/policies → the package root), or {} when it cannot be read. */
function ownManifest(): unknown {
    for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
        try {
            const manifest: unknown = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
            if ((manifest as { name?: unknown }).name === "cloud-run-binauthz") return manifest;
        } catch {
            // no readable package.json here; look further up
        }
    }
    return {};
}

/**
 * The repository users read, from package.json `repository` (the one place it is set; a fork
 * changes it with `npm pkg set repository.url=...`). Pulumi Cloud shows it, and each policy's
 * documentation link points into its docs/.
 */
export const REPOSITORY = repositoryUrl(ownManifest());

/** The fields of a policy this table owns. */
export interface PolicyMetadata {
    displayName: string;
    framework: PolicyComplianceFramework;
    tags: string[];
    /** The section of docs/policies.md that documents the policy, as GitHub anchors it. */
    url: string;
}

const NIST = "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final";
/** NIST SP 800-53 Rev. 5 controls; `reference` lists the controls, `specification` where they are defined. */
const nist = (reference: string): PolicyComplianceFramework => ({
    name: "NIST SP 800-53",
    version: "Rev. 5",
    reference,
    specification: NIST,
});
const docsSection = (anchor: string): string => `${REPOSITORY}/blob/HEAD/docs/policies.md#${anchor}`;
const COMMON_TAGS = ["gcp", "binary-authorization", "supply-chain"];

/**
 * Every policy's metadata, keyed by policy name. The controls, and why each applies, are listed in
 * the README (Compliance mapping); keep the two in step.
 */
export const POLICY_METADATA: Record<PolicyName, PolicyMetadata> = {
    "cloud-run-binauthz-required": {
        displayName: "Cloud Run enforces Binary Authorization",
        framework: nist("CM-14, SI-7(15), CM-7(5)"),
        tags: [...COMMON_TAGS, "cloud-run", "cloud-functions", "slsa"],
        url: docsSection("cloud-run-binauthz-required"),
    },
    "cloud-run-breakglass-justified": {
        displayName: "Binary Authorization breakglass is justified",
        framework: nist("AC-3(10), AU-3"),
        tags: [...COMMON_TAGS, "cloud-run", "breakglass", "audit"],
        url: docsSection("cloud-run-breakglass-justified"),
    },
    "binauthz-source-deploy-allowlist": {
        displayName: "Source-deploy repositories are exempted exactly",
        framework: nist("CM-7(5), CM-6"),
        tags: [...COMMON_TAGS, "cloud-run", "cloud-functions", "allowlist"],
        url: docsSection("binauthz-source-deploy-allowlist"),
    },
    "binauthz-allowlist-unverified": {
        displayName: "Allowlist of an unmanaged project is declared",
        framework: nist("CM-7(5), CA-7"),
        tags: [...COMMON_TAGS, "allowlist"],
        url: docsSection("binauthz-allowlist-unverified"),
    },
    "binauthz-allowlist-scoped": {
        displayName: "Binary Authorization policy is not hollowed out",
        framework: nist("CM-7(5), CM-14, SI-7"),
        tags: [...COMMON_TAGS, "allowlist", "slsa"],
        url: docsSection("binauthz-allowlist-scoped"),
    },
    "binauthz-allowlist-exempts-workload": {
        displayName: "Allowlist does not exempt the stack's own workloads",
        framework: nist("CM-7(5), CM-14, SI-7"),
        tags: [...COMMON_TAGS, "allowlist", "slsa"],
        url: docsSection("binauthz-allowlist-exempts-workload"),
    },
    "binauthz-org-constraint": {
        displayName: "Organization policy requires the default Binary Authorization policy",
        framework: nist("CM-6, CM-14"),
        tags: [...COMMON_TAGS, "cloud-run", "organization-policy"],
        url: docsSection("binauthz-org-constraint"),
    },
    "cloud-functions-gen1-no-binauthz": {
        displayName: "Cloud Functions (1st gen) cannot use Binary Authorization",
        framework: nist("CM-14, SI-7"),
        tags: [...COMMON_TAGS, "cloud-functions"],
        url: docsSection("cloud-functions-gen1-no-binauthz"),
    },
    "cloud-run-deploy-unverified": {
        displayName: "Deploys to Cloud Run outside the pack's view are named",
        framework: nist("CM-14, CA-7, CM-8"),
        tags: [...COMMON_TAGS, "cloud-run", "cloud-functions", "coverage"],
        url: docsSection("cloud-run-deploy-unverified"),
    },
};

/** The table's entry for a policy; throws for a policy the table does not cover, so none ships without. */
export function metadataFor(name: string): PolicyMetadata {
    const m = (POLICY_METADATA as Record<string, PolicyMetadata | undefined>)[name];
    if (!m) throw new Error(`policies/metadata.ts has no entry for policy ${name}`);
    return m;
}

/** Adds the table's fields to each policy, in place, so the exported policy objects carry them too. */
export function describePolicies<P extends Policy>(list: P[]): P[] {
    for (const p of list) Object.assign(p, metadataFor(p.name));
    return list;
}
