// A pull-request comment: a heading with the verdict and a table of findings. Everything quoted
// from a run (names, messages, paths) is escaped, so that a `**` in a fix pattern stays text.
import type { RunResult } from "../engines/builtin/run";
import { type FailOn, summary, violations } from "./findings";

/** Markdown-escapes inline text for a table cell: emphasis, code, links, HTML, pipes and line breaks. */
export function mdText(s: string): string {
    return s
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/([\\`*_[\]~|])/g, "\\$1")
        .replace(/\r?\n/g, "<br>");
}

/** A code span for a table cell: a fence longer than any backtick run inside, pipes escaped (GFM), one line. */
export function mdCode(s: string): string {
    const text = s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
    const fence = "`".repeat(longest + 1);
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${fence}${pad}${text}${pad}${fence}`;
}

/** A pull-request comment: a heading with the verdict and a table of violations. */
export function formatMarkdown(result: RunResult, source: string, failOn: FailOn = "mandatory"): string {
    const s = summary(result, failOn);
    const head = `### ${s.passed ? "✅" : "❌"} ${mdText(result.pack.name)}@v${mdText(result.pack.version)}: ${s.mandatory} mandatory, ${s.advisory} advisory`;
    const intro = `Checked ${result.resources} resources of ${mdText(source)}.`;
    const vs = violations(result);
    if (vs.length === 0) return `${head}\n\n${intro} No violations.\n`;
    const rows = vs.map((v) => `| ${v.level} | ${mdCode(v.policy)} | ${mdCode(v.type)} ${mdText(v.name)} | ${mdText(v.message)} |`);
    return [head, "", intro, "", "| Level | Policy | Resource | Message |", "|---|---|---|---|", ...rows, ""].join("\n");
}
