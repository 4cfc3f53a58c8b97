// The output formats of `check`, one file each: text (the CLI's Policies section), json (a stable
// shape), sarif (GitHub code scanning) and markdown (a pull-request comment).
export { type FailOn, FAIL_ON, summary, urnParts, type Violation, violations, stackLocation } from "./findings";
export { formatText } from "./text";
export { formatJson } from "./json";
export { formatSarif, fingerprints, normaliseMessage } from "./sarif";
export { formatMarkdown, mdCode, mdText } from "./markdown";

/** Output formats of `check`. */
export type Format = "text" | "json" | "sarif" | "markdown";
/** Every Format, for argument checking. */
export const FORMATS: Format[] = ["text", "json", "sarif", "markdown"];
