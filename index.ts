// The cloud-run-binauthz policy pack. `pulumi preview --policy-pack <this directory>` runs it.
// Every rule lives in policies/, one file per policy; policies/index.ts lists them, and
// policies/metadata.ts holds what Pulumi Cloud shows about each. The pack-level fields below are
// what GetAnalyzerInfo sends and `pulumi policy publish` uploads.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies, REPOSITORY } from "./policies";

/** The short overview Pulumi Cloud shows on the pack's page. */
const README = `# Cloud Run Binary Authorization

Makes Binary Authorization on Google Cloud Run impossible to forget. Checks every Cloud Run service, job,
worker pool and Cloud Run function, and every Cloud Functions (2nd gen) function:

- **Binary Authorization is on**, with the project's default policy (\`--binary-authorization default\`).
- **Source deploys keep working**: the project's policy exempts exactly \`REGION-docker.pkg.dev/PROJECT/cloud-run-source-deploy/**\`
  and \`REGION-docker.pkg.dev/PROJECT/gcf-artifacts/**\`, nothing broader, and is not hollowed out (no ALWAYS_ALLOW, no dry run).
- **Breakglass carries a real justification.**
- The organization policy \`run.allowedBinaryAuthorizationPolicies\` requires \`default\` (advisory).

Controls: NIST SP 800-53 Rev. 5 CM-14, SI-7, CM-7(5), AC-3(10). Configuration, exemptions and the deploy-time
companion (the same rules for \`gcloud run deploy\`): ${REPOSITORY}#readme`;

new PolicyPack(PACK_NAME, {
    policies,
    displayName: "Cloud Run Binary Authorization",
    description:
        "Binary Authorization for Cloud Run services, jobs, worker pools, Cloud Run functions and Cloud Functions (2nd gen): on with the default policy, source-deploy repositories exempted exactly, breakglass justified.",
    readme: README,
    provider: "gcp",
    tags: ["gcp", "cloud-run", "cloud-functions", "binary-authorization", "supply-chain", "security"],
    repository: REPOSITORY,
});
