// What makes a breakglass justification real, in any language (issue 12, item 5).
//
// The text is normalised first: NFKC (fullwidth and compatibility forms become plain letters),
// then combining marks, format characters (zero-width, bidi) and other default-ignorable or
// invisible characters are dropped, and tabs and newlines become spaces. Other control characters
// (ESC, NUL, DEL, C1) and the line/paragraph separators U+2028/U+2029 are reported. Words come from
// Intl.Segmenter, so Chinese, Japanese and Thai are split into words as well as spaced scripts.
//
// A text says nothing when its words are keyboard mashes (asdf, qwerty, jkjkjk, hjkl), one word
// repeated, one real word padded with placeholders, or a placeholder written in lookalike letters
// of another script (Cyrillic п/а, Greek ο in nοne): a word that mixes Latin, Greek, Cyrillic,
// Armenian or Cherokee letters is refused outright. Lengths count code points, and a Han, kana or
// Hangul character counts twice: one such character carries about what two Latin letters do.
import { isPlaceholder } from "./text";

/** Word analysis looks at this many code points of the normalised text; the rest adds no meaning. */
const ANALYSED = 4096;

const DROPPED = /[\p{M}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;
const SPACES = /[\t\n\r]/gu;
/**
 * Control characters other than tab, newline and carriage return, and the Unicode line and
 * paragraph separators, which no editor or YAML block writes and which reorder what a terminal shows.
 */
const CONTROL = /(?![\t\n\r])\p{Cc}|[\p{Zl}\p{Zp}]/u;
const ASCII = /^[\x20-\x7e]*$/;
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The text as the checks read it, and whether it held control characters. */
export interface NormalisedText {
    text: string;
    hasControl: boolean;
}

/** NFKC, without marks and invisible characters, with tabs and line breaks as spaces. Never throws. */
export function normaliseJustification(raw: string): NormalisedText {
    if (/^[\t\n\r\x20-\x7e]*$/.test(raw)) return { text: raw.replace(SPACES, " "), hasControl: false };
    const hasControl = CONTROL.test(raw);
    let text: string;
    try {
        text = raw.normalize("NFKC");
    } catch {
        text = raw;
    }
    return { text: text.replace(DROPPED, "").replace(SPACES, " "), hasControl };
}

/** Length in code points, a Han, kana or Hangul character counting twice; stops counting at `stopAt`. */
export function weightedLength(s: string, stopAt: number): number {
    if (ASCII.test(s)) return Math.min(s.length, stopAt);
    let n = 0;
    for (const ch of s) {
        n += WIDE.test(ch) ? 2 : 1;
        if (n >= stopAt) return n;
    }
    return n;
}

let segmenter: Intl.Segmenter | undefined;

/** Words (lower-cased), as the user's language splits them. */
export function wordsOf(s: string): string[] {
    const text = Array.from(s.slice(0, ANALYSED * 2))
        .slice(0, ANALYSED)
        .join("");
    const out: string[] = [];
    // Printable ASCII splits the same way without the segmenter, several times faster.
    if (ASCII.test(text)) {
        for (const m of text.matchAll(/[A-Za-z0-9_]+(?:['.][A-Za-z0-9_]+)*/g)) out.push(m[0].toLowerCase());
        return out;
    }
    try {
        segmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
        for (const seg of segmenter.segment(text)) {
            if (seg.isWordLike) out.push(seg.segment.toLowerCase());
        }
    } catch {
        for (const w of text.split(/[^\p{L}\p{N}]+/u)) if (w) out.push(w.toLowerCase());
    }
    return out;
}

const LOOKALIKE_SCRIPTS = ["Latin", "Greek", "Cyrillic", "Armenian", "Cherokee"] as const;
const SCRIPT_RE = LOOKALIKE_SCRIPTS.map((s) => new RegExp(`\\p{Script=${s}}`, "u"));

/** Whether a word mixes letters of scripts that look alike (Latin with Cyrillic or Greek, …). */
export function mixesScripts(word: string): boolean {
    if (ASCII.test(word)) return false;
    let seen = 0;
    for (const re of SCRIPT_RE) if (re.test(word)) seen++;
    return seen > 1;
}

/** Cyrillic and Greek letters that look like Latin ones, for reading a disguised placeholder. */
const SKELETON: Readonly<Record<string, string>> = {
    а: "a",
    е: "e",
    о: "o",
    р: "p",
    с: "c",
    у: "y",
    х: "x",
    п: "n",
    і: "i",
    ј: "j",
    ѕ: "s",
    к: "k",
    м: "m",
    т: "t",
    н: "h",
    в: "b",
    д: "d",
    ԁ: "d",
    г: "r",
    ո: "n",
    օ: "o",
    α: "a",
    ο: "o",
    ν: "v",
    ι: "i",
    κ: "k",
    τ: "t",
    υ: "u",
    ρ: "p",
    ε: "e",
    η: "n",
    χ: "x",
    β: "b",
};

/** The text without accents, with lookalike letters read as the Latin letters they imitate. */
export function skeleton(s: string): string {
    if (ASCII.test(s)) return s.toLowerCase();
    let out = "";
    for (const ch of s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()) out += SKELETON[ch] ?? ch;
    return out;
}

/** Words that fill space without saying anything, in a few languages. */
const PLACEHOLDER_WORDS = new Set([
    "n",
    "a",
    "na",
    "none",
    "nothing",
    "nil",
    "null",
    "todo",
    "tbd",
    "tba",
    "tbc",
    "test",
    "testing",
    "x",
    "xx",
    "xxx",
    "wip",
    "fixme",
    "placeholder",
    "dummy",
    "foo",
    "bar",
    "baz",
    "lorem",
    "ipsum",
    "blah",
    "asdf",
    "etc",
    "misc",
    "n/a",
    "keine",
    "nichts",
    "rien",
    "aucun",
    "aucune",
    "nada",
    "ninguno",
    "niente",
    "nessuno",
    "нет",
    "ничего",
    "なし",
    "無し",
    "없음",
    "无",
    "無",
    "没有",
]);

const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn", "1234567890"];
const ROWS_BOTH = [...ROWS, ...ROWS.map((r) => [...r].reverse().join(""))];

/** The shortest unit a word repeats (jkjkjk → jk), or the word itself. */
function period(w: string): string {
    for (let len = 1; len <= w.length / 2; len++) {
        if (w.length % len === 0 && w.slice(0, len).repeat(w.length / len) === w) return w.slice(0, len);
    }
    return w;
}

/** Whether a word looks typed without meaning: a run along a keyboard row, a repeated unit, no vowel. */
export function isMash(word: string): boolean {
    if (!/^[a-z0-9]+$/.test(word) || word.length < 3 || /^[0-9]+$/.test(word)) return false;
    const unit = period(word);
    if (unit !== word && unit.length <= 4) return true; // jkjkjk, asdfasdf, lololol
    if (new Set(word).size <= 2) return true;
    if (ROWS_BOTH.some((r) => unit.length >= 3 && r.includes(unit))) return true; // qwerty, asdf, lkjh
    return word.length >= 4 && /^[a-z]+$/.test(word) && !/[aeiouy]/.test(word); // hjkl, sdfg
}

/** Why the words of a (normalised, trimmed) text say nothing; empty when they say something. */
export function wordProblems(text: string): string[] {
    const words = wordsOf(text);
    if (words.length === 0) return [];
    const mixed = words.filter(mixesScripts);
    if (mixed.length) {
        return [
            `mixes lookalike letters of different scripts in ${mixed.length === 1 ? "the word" : "words"} ${mixed
                .slice(0, 3)
                .map((w) => JSON.stringify(w))
                .join(", ")} (for example Cyrillic or Greek letters among Latin ones), which disguises a placeholder`,
        ];
    }
    if (isPlaceholder(skeleton(text).trim())) return ["is a placeholder in disguise (lookalike letters of another script, or accents)"];
    const mashes = words.filter(isMash).length;
    if (mashes * 2 >= words.length) return ["is a keyboard mash, not a reason"];
    const real = words.filter((w) => !PLACEHOLDER_WORDS.has(skeleton(w)) && !/^\p{N}+$/u.test(w));
    const distinct = new Set(real);
    if (distinct.size === 1 && real.length > 1 && real.length === words.length) return ["repeats one word instead of giving a reason"];
    if (distinct.size <= 1 && words.length > 1) {
        return distinct.size === 0
            ? ["is only placeholders and numbers"]
            : ["gives one word padded with placeholders or repeats; say what happened and why the breakglass is needed"];
    }
    return [];
}
