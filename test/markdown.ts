// Markdown as GitHub renders it, for the tests that walk the docs: heading anchors and links.
import * as fs from "node:fs";
import * as path from "node:path";

/** GitHub's anchor for a Markdown heading. */
export function anchor(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-");
}

/** The anchors of a Markdown file: its headings (outside code blocks) and explicit `<a id="...">`. */
export function anchorsOf(file: string): Set<string> {
    const out = new Set<string>();
    let fenced = false;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        if (/^\s*```/.test(line)) fenced = !fenced;
        if (fenced) continue;
        if (/^#{1,6}\s/.test(line)) out.add(anchor(line.replace(/^#+\s*/, "")));
        for (const m of line.matchAll(/<a id="([^"]+)">/g)) out.add(m[1]);
    }
    return out;
}

/** Every relative link target of a Markdown text (`[x](target)` outside code blocks), with its line. */
export function relativeLinks(text: string): { target: string; line: number }[] {
    const out: { target: string; line: number }[] = [];
    let fenced = false;
    text.split("\n").forEach((line, i) => {
        if (/^\s*```/.test(line)) fenced = !fenced;
        if (fenced) return;
        for (const m of line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)) {
            if (!/^[a-z]+:/i.test(m[1])) out.push({ target: m[1], line: i + 1 });
        }
    });
    return out;
}

/** What is wrong with each relative link of `file`: a missing file, or an anchor the target lacks. */
export function brokenLinks(file: string): string[] {
    const problems: string[] = [];
    for (const { target, line } of relativeLinks(fs.readFileSync(file, "utf8"))) {
        const [rel, hash] = target.split("#");
        const dest = rel ? path.resolve(path.dirname(file), rel) : file;
        const where = `${path.basename(file)}:${line} → ${target}`;
        if (!fs.existsSync(dest)) problems.push(`${where}: no such file`);
        else if (hash && dest.endsWith(".md") && !anchorsOf(dest).has(hash)) problems.push(`${where}: no heading with that anchor`);
    }
    return problems;
}
