// npm run validate-config -- <policy-config.json>
// Checks a --policy-pack-config / `pulumi policy enable --config` file against this pack's own
// schemas, as `pulumi policy validate-config` would, plus the pack's own semantic checks (regular
// expressions compile, no catch-all globs, exemptions dated). Exit 0 valid, 1 invalid, 2 usage.
import * as fs from "node:fs";
import type { AnalyzerInfo } from "../engines/builtin/driver";
import { buildPolicyConfig } from "../engines/builtin/policyConfig";
import { PACK_NAME, policies, type PolicyName, resolveConfig } from "../../policies";

/** This pack's analyzer info, built in process (no server needed). */
export function packInfo(): AnalyzerInfo {
    const version = (JSON.parse(fs.readFileSync(`${__dirname}/../../../package.json`, "utf8")) as { version: string }).version;
    return {
        name: PACK_NAME,
        version,
        initialConfig: {},
        policies: policies.map((p) => ({
            name: p.name,
            description: p.description,
            enforcementLevel: p.enforcementLevel ?? "advisory",
            severity: p.severity ?? "",
            policyType: "validateStack" in p ? "stack" : "resource",
            configSchema: p.configSchema
                ? { properties: p.configSchema.properties as Record<string, unknown>, required: p.configSchema.required ?? [] }
                : undefined,
            remediationSteps: p.remediationSteps ?? "",
            url: p.url ?? "",
        })),
    };
}

/** Every problem with a config document; empty when it is valid. */
export function validateConfigDocument(doc: unknown): string[] {
    const info = packInfo();
    const built = buildPolicyConfig(info, doc);
    // Every error in one run: schema errors, then what the schemas cannot see, for every policy,
    // leaving out what a key the schemas already rejected says again.
    const problems: string[] = [...built.errors];
    for (const [name, c] of Object.entries(built.config)) {
        const resolved = resolveConfig(name as PolicyName, c.properties);
        const rejected = resolved.invalidKeys ?? [];
        const unknownKey = (p: string) => /^unknown config key "((?:[^"\\]|\\.)*)"/.exec(p)?.[1];
        const repeats = (p: string) =>
            rejected.some((k) => p === k || p.startsWith(`${k}:`) || p.startsWith(`${k}.`) || p.startsWith(`${k} `)) ||
            (unknownKey(p) !== undefined &&
                built.errors.some((e) => e.startsWith(`${name}: must NOT have additional properties: "${unknownKey(p)}"`)));
        for (const p of resolved.problems) if (!repeats(p)) problems.push(`${name}: ${p}`);
        for (const ig of resolved.ignoredExemptions) {
            const at = `${name}.exemptions.${ig.index}`;
            if (!built.errors.some((e) => e.startsWith(`${at}:`) || e.startsWith(`${at}.`))) problems.push(`${at}: ${ig.why}`);
        }
    }
    return [...new Set(problems)];
}

/** The validate-config command; returns its exit code. */
export function main(argv: string[]): number {
    if (argv.length !== 1 || argv[0] === "--help") {
        process.stderr.write("usage: npm run validate-config -- <policy-config.json>\n");
        return 2;
    }
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(argv[0], "utf8"));
    } catch (e) {
        process.stderr.write(`error: cannot read ${argv[0]} as JSON: ${(e as Error).message}\n`);
        return 2;
    }
    const problems = validateConfigDocument(doc);
    if (problems.length === 0) {
        process.stdout.write(`${argv[0]}: valid config for ${PACK_NAME}\n`);
        return 0;
    }
    process.stderr.write(`${argv[0]}: invalid config for ${PACK_NAME}:\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
