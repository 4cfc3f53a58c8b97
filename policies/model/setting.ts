// How a workload's Binary Authorization setting reads: the project's default policy, a named
// platform policy, unknown during preview, or off/malformed (with the message that says why).
import { describe, quote } from "./text";
import { isPlainObject, keysOf, read, UNKNOWN } from "./values";
import { SETTING_PATHS, V1_BINAUTHZ_ANNOTATION, type WorkloadKind } from "./workloads";

/** How a workload's Binary Authorization setting reads. */
export type SettingState =
    | { state: "default" }
    | { state: "named"; policy: string; path: string }
    | { state: "unknown"; path: string }
    | { state: "off"; message: string };

/**
 * A named platform policy. Binary Authorization names it projects/P/platforms/cloudRun/policies/NAME;
 * the Cloud Run v2 API reference writes projects/P/platforms/cloudRun/NAME. Both are accepted as a
 * name, and either passes only where config allowedPolicies lists it.
 */
const NAMED_POLICY = /^projects\/[^/]+\/platforms\/cloudRun\/(?:policies\/)?[^/]+$/;

/** Reads the Binary Authorization setting of a workload of `kind`. */
export function binauthzSetting(kind: WorkloadKind, props: unknown): SettingState {
    if (kind.noBinauthzField) return off(kind.noBinauthzField);
    return kind.api === "v2" ? v2Setting(kind, props) : stringSetting(kind, props);
}

function v2Setting(kind: WorkloadKind, props: unknown): SettingState {
    const ba = read(props, ["binaryAuthorization"]);
    if (ba === UNKNOWN) return { state: "unknown", path: "binaryAuthorization" };
    if (ba === undefined) return off("has no binaryAuthorization block, so Binary Authorization is off");
    if (ba === null) return off("sets binaryAuthorization to null, so Binary Authorization is off");
    if (!isPlainObject(ba)) return off(`sets binaryAuthorization to ${describe(ba)}; it must be an object`);

    const useDefault = read(ba, ["useDefault"]);
    // A provider whose schema has no `policy` drops it: only useDefault reaches the API.
    const policy = kind.noNamedPolicy ? undefined : read(ba, ["policy"]);
    if (kind.noNamedPolicy && useDefault !== true && useDefault !== UNKNOWN) {
        const given = read(ba, ["policy"]);
        if (given !== undefined && given !== null && given !== "") {
            return off(
                `sets binaryAuthorization.policy, which ${kind.provider}'s schema for this type does not have, so the provider drops it and Binary Authorization stays off unless useDefault is true`,
            );
        }
    }
    if (useDefault === UNKNOWN) return { state: "unknown", path: "binaryAuthorization.useDefault" };
    const policyState =
        policy === UNKNOWN
            ? "unknown"
            : policy === undefined || policy === null || policy === ""
              ? "unset"
              : typeof policy === "string"
                ? "named"
                : "wrong";
    if (policyState === "wrong") {
        return off(`sets binaryAuthorization.policy to ${describe(policy)}; it must be a policy path string`);
    }
    if (policyState === "named" && !NAMED_POLICY.test(policy as string)) {
        return off(
            `sets binaryAuthorization.policy to ${quote(policy as string)}, which is not a platform policy path projects/PROJECT/platforms/cloudRun/policies/NAME`,
        );
    }

    if (useDefault === true) {
        if (policyState === "named") {
            return off(
                `sets binaryAuthorization.useDefault: true and also policy ${quote(policy as string)}; the API accepts only one of them`,
            );
        }
        if (policyState === "unknown") return { state: "unknown", path: "binaryAuthorization.policy" };
        return { state: "default" };
    }
    if (useDefault === undefined || useDefault === false) {
        if (policyState === "named") return { state: "named", policy: policy as string, path: "binaryAuthorization.policy" };
        if (policyState === "unknown") return { state: "unknown", path: "binaryAuthorization.policy" };
        if (useDefault === false) return off("sets binaryAuthorization.useDefault: false, which switches Binary Authorization off");
        return keysOf(ba).length === 0
            ? off("has an empty binaryAuthorization block, so Binary Authorization is off")
            : off("sets neither binaryAuthorization.useDefault nor binaryAuthorization.policy, so Binary Authorization is off");
    }
    if (useDefault === null) return off("sets binaryAuthorization.useDefault to null, so Binary Authorization is off");
    return off(`sets binaryAuthorization.useDefault to ${describe(useDefault)}; it must be the boolean true`);
}

function stringSetting(kind: WorkloadKind, props: unknown): SettingState {
    const path = SETTING_PATHS[kind.api].binauthz;
    const shown = kind.api === "v1" ? `metadata.annotations["${V1_BINAUTHZ_ANNOTATION}"]` : path.join(".");
    const v = read(props, path);
    if (v === UNKNOWN) return { state: "unknown", path: shown };
    if (v === undefined) {
        if (kind.templateAnnotations && read(props, [...kind.templateAnnotations, V1_BINAUTHZ_ANNOTATION]) !== undefined) {
            const at = kind.templateAnnotations.slice(0, -1).join(".");
            return off(
                `sets the ${V1_BINAUTHZ_ANNOTATION} annotation under ${at}, which Cloud Run ignores for a Service: it reads the Service's own metadata.annotations, so Binary Authorization is off`,
            );
        }
        return off(`does not set ${shown}, so Binary Authorization is off`);
    }
    if (v === null) return off(`sets ${shown} to null, so Binary Authorization is off`);
    if (typeof v !== "string") return off(`sets ${shown} to ${describe(v)}; it must be the string "default"`);
    if (v === "") return off(`sets ${shown} to the empty string, so Binary Authorization is off`);
    if (v === "default") return { state: "default" };
    if (NAMED_POLICY.test(v)) return { state: "named", policy: v, path: shown };
    const near = v.trim().toLowerCase() === "default" ? " (it is matched exactly: no spaces, lower case)" : "";
    return off(
        `sets ${shown} to ${quote(v)}; it must be exactly "default"${near} or a policy path projects/P/platforms/cloudRun/policies/NAME`,
    );
}

function off(message: string): SettingState {
    return { state: "off", message };
}
