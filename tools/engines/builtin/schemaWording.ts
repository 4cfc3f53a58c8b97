// Schema errors worded as the Pulumi CLI prints them. The CLI validates policy config with
// gojsonschema (pkg/resource/analyzer/config.go, validatePolicyConfig): each error is
// "FIELD: DESCRIPTION" (FIELD dotted from the root, "(root): " trimmed), with the descriptions of
// gojsonschema's English locale (locales.go). We validate with Ajv and translate its errors; a
// keyword not listed keeps Ajv's own words.
import type { ErrorObject } from "ajv";

/** gojsonschema's name for a value's JSON type (a whole number is "integer"). */
function jsonType(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

/** Reads the value at an Ajv instance path. */
function at(doc: unknown, instancePath: string): unknown {
    let cur = doc;
    for (const raw of instancePath.split("/").slice(1)) {
        const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (typeof cur !== "object" || cur === null) return undefined;
        cur = (cur as Record<string, unknown>)[key];
    }
    return cur;
}

/** One Ajv error as the CLI words it, e.g. `minLength: Invalid type. Expected: integer, given: string`. */
export function cliSchemaError(e: ErrorObject, doc: unknown): string {
    const field = e.instancePath ? e.instancePath.slice(1).split("/").join(".") : "(root)";
    const p = e.params as Record<string, unknown>;
    let description: string;
    switch (e.keyword) {
        case "required":
            description = `${String(p.missingProperty)} is required`;
            break;
        case "type":
            description = `Invalid type. Expected: ${Array.isArray(p.type) ? p.type.join(",") : String(p.type)}, given: ${jsonType(at(doc, e.instancePath))}`;
            break;
        case "enum":
            description = `${field} must be one of the following: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
            break;
        case "minLength":
            description = `String length must be greater than or equal to ${String(p.limit)}`;
            break;
        case "maxLength":
            description = `String length must be less than or equal to ${String(p.limit)}`;
            break;
        case "minimum":
            description = `Must be greater than or equal to ${String(p.limit)}`;
            break;
        case "maximum":
            description = `Must be less than or equal to ${String(p.limit)}`;
            break;
        case "exclusiveMinimum":
            description = `Must be greater than ${String(p.limit)}`;
            break;
        case "exclusiveMaximum":
            description = `Must be less than ${String(p.limit)}`;
            break;
        case "minItems":
            description = `Array must have at least ${String(p.limit)} items`;
            break;
        case "maxItems":
            description = `Array must have at most ${String(p.limit)} items`;
            break;
        case "pattern":
            description = `Does not match pattern '${String(p.pattern)}'`;
            break;
        case "format":
            description = `Does not match format '${String(p.format)}'`;
            break;
        case "additionalProperties":
            description = `Additional property ${String(p.additionalProperty)} is not allowed`;
            break;
        default:
            description = e.message ?? "is invalid";
    }
    return field === "(root)" ? description : `${field}: ${description}`;
}
