// Multi-language (remote) components: their provider builds their resources (Construct), and check
// never runs a real provider. Both engines build such a component with no children, so the preview
// goes on and the rest of the program is checked; the report then carries one advisory per component
// saying its contents were not checked. An advisory, not a refusal: most such components hold
// buckets and files (synced-folder), but one may hold Cloud Run services (gcp-global-cloudrun), so
// it is never silent, and `--fail-on advisory` fails on it.
import type { Diagnostic, PolicyInfo } from "../builtin/driver";
import type { RunResult } from "../builtin/run";
import type { ComponentEvent } from "../pulumi/standins/events";

/** The name check reports these advisories under (not a policy of the pack). */
export const UNCHECKED_COMPONENT = "check-remote-component-unchecked";

/** How the advisory appears among the policies (SARIF rules, reports). */
export const UNCHECKED_COMPONENT_INFO: PolicyInfo = {
    name: UNCHECKED_COMPONENT,
    description:
        "A multi-language (remote) component's resources are built by its provider, which the offline check does not run: the policies never saw them.",
    enforcementLevel: "advisory",
    severity: "medium",
    policyType: "stack",
    remediationSteps:
        "Run a real `pulumi preview --policy-pack` with the component's provider and credentials to check the resources it creates.",
    url: "",
};

/** The advisory for one component. */
export function uncheckedComponentMessage(c: Pick<ComponentEvent, "type" | "name">): string {
    return (
        `multi-language component ${c.type} "${c.name}" is built by its provider, which check does not run, ` +
        `so the resources inside it were not checked; a real pulumi preview with the provider checks them`
    );
}

/** The run's result with one advisory per unchecked component (each component once, in order). */
export function withUncheckedComponents(result: RunResult, components: ComponentEvent[]): RunResult {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const c of components) {
        if (seen.has(c.urn)) continue;
        seen.add(c.urn);
        diagnostics.push({
            policyName: UNCHECKED_COMPONENT,
            policyPackName: "cloud-run-binauthz check",
            policyPackVersion: result.pack.version,
            description: UNCHECKED_COMPONENT_INFO.description,
            message: uncheckedComponentMessage(c),
            enforcementLevel: "advisory",
            urn: c.urn,
            severity: "medium",
        });
    }
    if (diagnostics.length === 0) return result;
    return { ...result, diagnostics: [...result.diagnostics, ...diagnostics], policies: [...result.policies, UNCHECKED_COMPONENT_INFO] };
}
