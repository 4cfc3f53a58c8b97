// npm run validate-config -- <policy-config.json>
// Checks a --policy-pack-config / `pulumi policy enable --config` file the way the Pulumi CLI will
// treat it (tools/engines/builtin/policyConfig.ts, from pkg/resource/analyzer/config.go and
// pkg/engine/update.go), plus the pack's own semantic checks (regular expressions compile, no
// catch-all globs, exemptions dated). Every problem is listed in one run:
//   error    the CLI refuses the file or the preview fails (parse, schema, Configure), or the pack
//            would set the value aside (its own checks);
//   warning  the CLI accepts it silently but it changes nothing (a misspelled policy name with a
//            level, an unknown key).
// Exit 0 no errors (warnings allowed), 1 errors, 2 usage.
import * as fs from "node:fs";
import * as path from "node:path";
import { PACK_ROOT } from "../paths";
import type { AnalyzerInfo } from "../engines/builtin/driver";
import { buildPolicyConfig } from "../engines/builtin/policyConfig";
import { PACK_NAME, policies, type PolicyName, resolveConfig } from "cloud-run-binauthz/dist/policies";

/** This pack's analyzer info, built in process (no server needed). */
export function packInfo(): AnalyzerInfo {
    const version = (JSON.parse(fs.readFileSync(path.join(PACK_ROOT, "package.json"), "utf8")) as { version: string }).version;
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

/** Errors and warnings for a config document, as the CLI and the pack will treat it. */
export function checkConfigDocument(doc: unknown, packPath = "."): { errors: string[]; warnings: string[] } {
    const info = packInfo();
    const built = buildPolicyConfig(info, doc, packPath);
    const errors = [...built.errors];
    for (const p of info.policies) {
        const c = built.config[p.name];
        if (!c) continue;
        const resolved = resolveConfig(p.name as PolicyName, c.properties);
        // Every error in one run: what the schemas cannot see too, for every policy, leaving out what
        // a key the CLI already rejected says again in other words.
        const rejected = resolved.invalidKeys ?? [];
        const repeats = (problem: string) =>
            rejected.some(
                (k) => problem === k || problem.startsWith(`${k}:`) || problem.startsWith(`${k}.`) || problem.startsWith(`${k} `),
            );
        // Unknown keys are warnings: the CLI accepts them (see buildPolicyConfig).
        for (const problem of resolved.problems)
            if (!problem.startsWith("unknown config key") && !repeats(problem)) errors.push(`${p.name}: ${problem}`);
        for (const ig of resolved.ignoredExemptions) {
            const at = `${p.name}.exemptions.${ig.index}`;
            const cli = `${p.name}: exemptions.${ig.index}`;
            if (!built.errors.some((e) => [at, cli].some((x) => e.includes(`${x}:`) || e.includes(`${x}.`))))
                errors.push(`${at}: ${ig.why}`);
        }
    }
    return { errors: [...new Set(errors)], warnings: built.warnings };
}

/** Every error in a config document; empty when the CLI and the pack accept it as written. */
export function validateConfigDocument(doc: unknown): string[] {
    return checkConfigDocument(doc).errors;
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
    const { errors, warnings } = checkConfigDocument(doc);
    const lines = [...errors.map((e) => `  - error: ${e}`), ...warnings.map((w) => `  - warning: ${w}`)];
    if (errors.length === 0) {
        process.stdout.write(
            `${argv[0]}: valid config for ${PACK_NAME}${warnings.length ? ", with warnings:" : ""}\n${lines.map((l) => `${l}\n`).join("")}`,
        );
        return 0;
    }
    process.stderr.write(`${argv[0]}: invalid config for ${PACK_NAME}:\n${lines.join("\n")}\n`);
    return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
