// What makes a justification real, in any language. One rule for every text that justifies an
// exception: a breakglass justification (cloud-run-breakglass-justified, in a workload or on a gcloud
// command line) and the reason of a config exemption (every policy). Issue 12 item 5, issue 19
// classes 6 and 8.
//
// The text is normalised first: NFKC (fullwidth and compatibility forms become plain letters),
// then combining marks, format characters (zero-width, bidi) and other default-ignorable or
// invisible characters are dropped, and tabs and newlines become spaces. Other control characters
// (ESC, NUL, DEL, C1) and the line/paragraph separators U+2028/U+2029 are reported. Words come from
// Intl.Segmenter, so Chinese, Japanese and Thai are split into words as well as spaced scripts.
//
// A text says nothing when it is mostly padding (punctuation, symbols, emoji), or when its words
// are: keyboard mashes (asdf, qwerty, qazwsx, фыва, sldkfj, or keys typed one by one with spaces);
// single letters; the alphabet in chunks (abc def ghi); one word or one phrase repeated; lorem ipsum;
// placeholders (metasyntactic words among them), unrendered template placeholders ({{ … }}, ${…}),
// a form's instruction text (insert justification here), numbers and at most one real word, or
// nothing but the field's own vocabulary, testing and urgency (this is a justification text, needed
// for the deploy to work); or a placeholder written in lookalike letters of another script (Cyrillic п/а,
// Greek ο in nοne): a word that mixes Latin, Greek, Cyrillic, Armenian or Cherokee letters is
// refused outright, except a measurement with the micro sign (900µs, which NFKC turns into Greek μ)
// and a Latin name declined with an apostrophe and a Cyrillic ending (Kubernetes'а). Lengths count
// code points, and a Han, kana or Hangul character counts twice: one such character carries about
// what two Latin letters do. Every check is linear and reads a bounded prefix.
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

/** The analysed prefix: at most ANALYSED code points, cut in UTF-16 first so a megabyte costs no more. */
function analysed(s: string): string {
    if (s.length <= ANALYSED) return s; // code points never outnumber UTF-16 units
    const head = s.slice(0, ANALYSED * 2);
    if (ASCII.test(head)) return head.slice(0, ANALYSED);
    return Array.from(head).slice(0, ANALYSED).join("");
}

let segmenter: Intl.Segmenter | undefined;

/** Words (lower-cased), as the user's language splits them. */
export function wordsOf(s: string): string[] {
    const text = analysed(s);
    const out: string[] = [];
    // Printable ASCII splits the same way without the segmenter, several times faster.
    if (ASCII.test(text)) {
        for (const m of text.matchAll(/[A-Za-z0-9]+(?:[_'.][A-Za-z0-9]+)*/g)) out.push(m[0].toLowerCase());
        return out;
    }
    try {
        segmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
        for (const seg of segmenter.segment(text)) {
            // A run of underscores is word-like to the segmenter, but says nothing.
            if (seg.isWordLike && /[\p{L}\p{N}]/u.test(seg.segment)) out.push(seg.segment.toLowerCase());
        }
    } catch {
        for (const w of text.split(/[^\p{L}\p{N}]+/u)) if (w) out.push(w.toLowerCase());
    }
    return out;
}

const LOOKALIKE_SCRIPTS = ["Latin", "Greek", "Cyrillic", "Armenian", "Cherokee"] as const;
const SCRIPT_RE = LOOKALIKE_SCRIPTS.map((s) => new RegExp(`\\p{Script=${s}}`, "u"));
const LATIN = 0;
const CYRILLIC = 2;
/**
 * A measurement whose unit has a Greek letter: the micro sign (µs, µm, 900µs; NFKC makes it Greek
 * μ) before an SI unit, or the ohm sign (kΩ, MΩ; NFKC makes it Greek Ω).
 */
const MEASUREMENT = /^[\p{N}.,]*(?:μ(?:s|sec|secs|m|g|l|a|v|w|f|h|hz|mol|j|t|ω)?|[kmg]?ω)$/u;
const APOSTROPHES = /['\u2019\u02bc]/u;

/** The one lookalike script of `part`, -1 when it has none (digits), -2 when it mixes several. */
function scriptOf(part: string): number {
    let found = -1;
    for (let i = 0; i < SCRIPT_RE.length; i++) {
        if (!SCRIPT_RE[i].test(part)) continue;
        if (found !== -1) return -2;
        found = i;
    }
    return found;
}

/**
 * Whether a word mixes letters of scripts that look alike (Latin with Cyrillic or Greek, …). Not a
 * mix: a measurement with the micro or ohm sign (900μs, 10kω), and a Latin name of two letters or
 * more with a Cyrillic ending after an apostrophe, the way Ukrainian and Russian decline foreign
 * names (kubernetes'а, run'е, gke'шний).
 */
export function mixesScripts(word: string): boolean {
    if (ASCII.test(word)) return false;
    const whole = scriptOf(word);
    if (whole !== -2) return false;
    if (MEASUREMENT.test(word)) return false;
    if (!APOSTROPHES.test(word)) return true;
    const parts = word.split(APOSTROPHES);
    let previous = -1;
    let switched = false;
    for (const part of parts) {
        const script = scriptOf(part);
        if (script === -2) return true;
        if (script === -1) continue;
        if (previous !== -1 && script !== previous) {
            const declined = !switched && previous === LATIN && script === CYRILLIC && (parts[0].match(/\p{L}/gu)?.length ?? 0) >= 2;
            if (!declined) return true;
            switched = true;
        }
        previous = script;
    }
    return false;
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
    // metasyntactic variables (the Jargon File's list, and Japanese hoge/fuga/piyo)
    "foobar",
    "qux",
    "quux",
    "quuz",
    "corge",
    "grault",
    "garply",
    "waldo",
    "fred",
    "plugh",
    "xyzzy",
    "thud",
    "hoge",
    "fuga",
    "piyo",
    "hogera",
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

/**
 * The words of lorem ipsum filler text (Cicero's passage as typesetters cut it, and the words its
 * generators add). Several are also words of living languages (in, est, non, qui, et), so a text is
 * lorem ipsum only when such words make up half of it and one of LOREM_ONLY is among them.
 */
const LOREM_ONLY = new Set([
    "lorem",
    "ipsum",
    "dolor",
    "dolorem",
    "amet",
    "consectetur",
    "consectetuer",
    "adipiscing",
    "adipisci",
    "eiusmod",
    "incididunt",
    "labore",
    "dolore",
    "aliqua",
    "veniam",
    "nostrud",
    "exercitation",
    "ullamco",
    "laboris",
    "aliquip",
    "commodo",
    "consequat",
    "reprehenderit",
    "voluptate",
    "voluptatem",
    "cillum",
    "fugiat",
    "pariatur",
    "excepteur",
    "occaecat",
    "cupidatat",
    "proident",
    "deserunt",
    "mollit",
    "laborum",
    "perspiciatis",
    "quisquam",
    "porro",
    "vestibulum",
    "pellentesque",
    "viverra",
    "tincidunt",
    "suspendisse",
    "maecenas",
    "phasellus",
    "aenean",
    "curabitur",
    "fermentum",
    "ullamcorper",
    "sollicitudin",
    "malesuada",
    "vulputate",
    "elementum",
    "sagittis",
    "egestas",
    "faucibus",
    "primis",
    "cubilia",
    "curae",
    "ultrices",
    "posuere",
    "rhoncus",
    "pharetra",
    "porttitor",
    "dignissim",
    "lacinia",
    "tristique",
    "placerat",
    "euismod",
    "feugiat",
    "bibendum",
    "condimentum",
    "hendrerit",
    "accumsan",
    "convallis",
    "dapibus",
    "efficitur",
    "facilisis",
    "imperdiet",
    "lobortis",
    "molestie",
    "pulvinar",
    "scelerisque",
    "ultricies",
    "venenatis",
    "vehicula",
    "volutpat",
    "iaculis",
]);
const LOREM = new Set([
    ...LOREM_ONLY,
    "sit",
    "elit",
    "sed",
    "do",
    "tempor",
    "ut",
    "et",
    "magna",
    "enim",
    "ad",
    "minim",
    "quis",
    "nisi",
    "ex",
    "ea",
    "duis",
    "aute",
    "irure",
    "in",
    "velit",
    "esse",
    "eu",
    "nulla",
    "sint",
    "non",
    "sunt",
    "culpa",
    "qui",
    "officia",
    "anim",
    "id",
    "est",
    "unde",
    "omnis",
    "iste",
    "natus",
    "error",
    "neque",
    "quia",
    "integer",
    "donec",
    "nunc",
    "nibh",
    "eget",
    "vel",
    "ac",
    "at",
    "vitae",
    "aliquam",
    "mauris",
    "tellus",
    "ligula",
    "tortor",
    "lectus",
    "odio",
    "massa",
    "purus",
    "felis",
    "diam",
    "risus",
    "sapien",
    "turpis",
    "arcu",
    "augue",
    "urna",
    "justo",
    "lacus",
    "quam",
    "nec",
    "morbi",
    "etiam",
    "proin",
    "nullam",
    "cras",
    "quisque",
    "ante",
    "orci",
    "luctus",
    "mi",
    "semper",
    "mattis",
    "varius",
    "gravida",
    "pretium",
    "blandit",
    "interdum",
    "ornare",
    "auctor",
    "rutrum",
    "congue",
    "cursus",
    "sem",
    "leo",
    "eros",
    "nisl",
    "primis",
]);

/**
 * Unrendered template placeholders: Jinja, Go, Handlebars and Mustache `{{ … }}`, `{% … %}` and
 * `{# … #}`, ERB and EJS `<% … %>`, shell, JavaScript and Terraform `${…}`, Ruby `#{…}`, HCL `%{…}`,
 * a shell variable `$NAME`, and a form's `<reason>` (letters, digits, spaces, `_` and `-` between
 * angle brackets: `<alice@example.com>` and `p50 < 2ms and p99 > 9ms` are none). Bounded, so linear.
 */
const TEMPLATE =
    /\{\{[^{}]{0,200}\}\}|\{%[^{}]{0,200}%\}|\{#[^{}]{0,200}#\}|<%[^<>]{0,200}%>|[$#%]\{[^{}]{0,200}\}|\$[A-Za-z_][A-Za-z0-9_]*|<[\p{L}_][\p{L}\p{N}_ -]{0,80}>/gu;

/** The words inside template placeholders, with how often each occurs there. */
function templateWords(text: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of text.matchAll(TEMPLATE)) for (const w of wordsOf(m[0])) out.set(w, (out.get(w) ?? 0) + 1);
    return out;
}

/**
 * The words of a form's instruction text ("insert justification here", "enter reason", "describe
 * why", "Begründung hier eingeben", "saisissez la raison ici", "escriba aquí el motivo"), by role.
 * A run of such words is instruction text when it names what to write (a subject) and either says
 * to write it (a verb) or ends the text with "here": "the reason here is a KMS outage" is none.
 */
const INSTRUCTION_VERBS: ReadonlySet<string> = new Set([
    ..."insert enter add put type write fill provide give specify describe explain state say justify supply include".split(" "),
    ..."eingeben eintragen einfügen angeben hinzufügen beschreiben begründen ausfüllen erklären schreiben ergänzen einsetzen gib trage füge beschreibe erkläre schreibe".split(
        " ",
    ),
    ..."insérer insérez insère saisir saisissez saisis entrer entrez ajouter ajoutez indiquer indiquez écrire écrivez décrire décrivez expliquer expliquez fournir fournissez préciser précisez remplir remplissez justifiez".split(
        " ",
    ),
    ..."insertar inserte inserta introducir introduzca introduce ingresar ingrese ingresa escribir escriba escribe agregar agregue agrega añadir añada añade indicar indique indica describir describa explicar explique explica proporcionar proporcione justifique rellenar rellene completar complete".split(
        " ",
    ),
]);
const INSTRUCTION_SUBJECTS: ReadonlySet<string> = new Set([
    ..."justification justifications reason reasons reasoning explanation description rationale why details detail text comment message ticket".split(
        " ",
    ),
    ..."begründung grund rechtfertigung erklärung beschreibung warum kommentar".split(" "),
    ..."raison motif explication texte pourquoi détails commentaire".split(" "),
    ..."justificación razón motivo explicación descripción texto porqué qué detalles comentario".split(" "),
]);
const INSTRUCTION_HERE: ReadonlySet<string> = new Set(["here", "below", "hier", "unten", "ici", "aquí", "aqui"]);
const INSTRUCTION_FILLER: ReadonlySet<string> = new Set([
    ..."a an the your my our this some real valid short brief detailed proper good please goes go in and or of for breakglass break glass exemption sample example".split(
        " ",
    ),
    ..."die der den das eine einen ein ihre ihren deine deinen bitte sie kurze kurz".split(" "),
    ..."la le les l votre ta ton une un du de des s'il vous plaît svp brève courte".split(" "),
    ..."el los las su tu una del por favor breve".split(" "),
]);

/** Which words are a form's instruction text (see INSTRUCTION_VERBS). Linear. */
function instructionMask(words: string[]): boolean[] {
    const mask = new Array<boolean>(words.length).fill(false);
    const role = (w: string): boolean =>
        INSTRUCTION_VERBS.has(w) || INSTRUCTION_SUBJECTS.has(w) || INSTRUCTION_HERE.has(w) || INSTRUCTION_FILLER.has(w);
    for (let i = 0; i < words.length;) {
        if (!role(words[i])) {
            i++;
            continue;
        }
        let j = i;
        let verb = false;
        let subject = false;
        while (j < words.length && role(words[j])) {
            verb ||= INSTRUCTION_VERBS.has(words[j]);
            subject ||= INSTRUCTION_SUBJECTS.has(words[j]);
            j++;
        }
        const hereAtEnd = j === words.length && INSTRUCTION_HERE.has(words[j - 1]);
        if (subject && (verb || hereAtEnd)) for (let k = i; k < j; k++) mask[k] = true;
        i = j;
    }
    return mask;
}

/**
 * English words that carry no account of what happened: function words, and the vocabulary of the
 * breakglass itself, of testing and of urgency (the placeholders, which `real` never holds, are not repeated here) ("this is a justification text", "temporary
 * breakglass for testing purposes", "urgent fix needed, see ticket"). A text needs two words outside
 * these (or a ticket reference such as INC-4821 for one of them) to say what happened and why.
 */
const SAYS_NOTHING_ALONE: ReadonlySet<string> = new Set(
    [
        "an the this that these those it its is are was were be been being am do does did done have has had will would should could",
        "can cannot may might must shall i me my we us our you your he him his she her they them their there here then than so such",
        "very really just only also too even still already yet now soon later again as at by for from in into of off on onto out over",
        "to up with within without about and or but nor if because since while when where why how what which who all any some one",
        "no not anything something everything ok okay please yes yeah thanks",
        "justification justifications justify justified reason reasons reasoning breakglass breakglasses break glass bypass exemption",
        "exempt exception override text field value string comment description note sample example tests",
        "tested temp temporary temporarily later need needs needed required require requires want",
        "wanted stuff thing things whatever trust said say says quick quickly ignore valid real proper good fine purpose purposes",
        "deploy deploys deployed deploying deployment work works working go get make let see ticket tickets details detail info",
        "approved approval authorized management urgent urgently emergency critical important asap immediately",
    ].flatMap((line) => line.split(" ")),
);
/** A ticket, change or advisory reference (INC-4821, OPS-77, CVE-2026-1234, #5123). */
const TICKET_REFERENCE = /\b[A-Za-z]{2,10}-\d+\b|(?:^|\s)#\d{2,}\b/g;

/** How many things the text says beyond SAYS_NOTHING_ALONE: its other distinct words, and a ticket reference. */
function accountWords(text: string, real: readonly string[]): number {
    const content = new Set(real.map(stem).filter((w) => !SAYS_NOTHING_ALONE.has(w)));
    const references = analysed(text).match(TICKET_REFERENCE)?.length ?? 0;
    return content.size + Math.min(references, 1);
}

/** Alphabets, forwards and backwards, for runs of consecutive letters (abc, wxyz, zyx, абв). */
const ALPHABETS: readonly string[] = (() => {
    const forwards = ["abcdefghijklmnopqrstuvwxyz", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "αβγδεζηθικλμνξοπρστυφχψω"];
    return [...forwards, ...forwards.map((a) => [...a].reverse().join(""))];
})();

/** Whether a word is three or more consecutive letters of an alphabet, either direction. */
function isAlphabetRun(w: string): boolean {
    if (w.length < 3 || w.length > 33) return false;
    return ALPHABETS.some((a) => {
        const at = a.indexOf(w[0]);
        return at >= 0 && a.startsWith(w, at);
    });
}

/**
 * Which words are the alphabet typed in chunks (abc def ghi, abcd efgh, xyz uvw): a run of four
 * letters or more, or of three next to another such run. A lone three-letter run is a name (KLM, ABC).
 */
function alphabetMask(words: string[]): boolean[] {
    const run = words.map(isAlphabetRun);
    return words.map((w, i) => run[i] && (w.length >= 4 || run[i - 1] === true || run[i + 1] === true));
}

/** Keyboard rows of the QWERTY, QWERTZ, AZERTY and ЙЦУКЕН layouts, digits first. */
const LAYOUTS: readonly (readonly string[])[] = [
    ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"],
    ["1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm"],
    ["1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn"],
    ["1234567890", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"],
];

/** The columns of a layout, top to bottom (1qaz, 2wsx, …). */
function columns(rows: readonly string[]): string[] {
    const width = Math.max(...rows.map((r) => r.length));
    const out: string[] = [];
    for (let i = 0; i < width; i++) out.push(rows.map((r) => r[i] ?? "").join(""));
    return out;
}

/**
 * Runs a finger can type without looking: each row, the columns one after another (1qaz2wsx, and
 * without the digits), and the zigzags between two rows (1q2w3e, q1w2e3, qawsed). Reversed too.
 */
const WALKS: readonly string[] = (() => {
    const out: string[] = [];
    for (const rows of LAYOUTS) {
        out.push(...rows);
        const cols = columns(rows);
        out.push(cols.join(""), cols.map((c) => c.slice(1)).join(""), cols.map((c) => [...c].reverse().join("")).join(""));
        for (let r = 0; r + 1 < rows.length; r++) {
            let zig = "";
            let zag = "";
            for (let i = 0; i < Math.min(rows[r].length, rows[r + 1].length); i++) {
                zig += rows[r][i] + rows[r + 1][i];
                zag += rows[r + 1][i] + rows[r][i];
            }
            out.push(zig, zag);
        }
    }
    return [...out, ...out.map((w) => [...w].reverse().join(""))];
})();

/** The walks that contain each run of three keys, so a word is looked up in the few that can hold it. */
const WALKS_BY_TRIGRAM: ReadonlyMap<string, readonly string[]> = (() => {
    const out = new Map<string, string[]>();
    for (const w of WALKS) {
        const keys = [...w];
        for (let i = 0; i + 3 <= keys.length; i++) {
            const t = keys.slice(i, i + 3).join("");
            const list = out.get(t) ?? [];
            if (!list.includes(w)) list.push(w);
            out.set(t, list);
        }
    }
    return out;
})();

/** Whether `unit` (three keys or more) lies along a walk. */
function onWalk(unit: string): boolean {
    const head = unit.slice(0, 3); // MASH_WORD letters are all in the Basic Multilingual Plane
    return (WALKS_BY_TRIGRAM.get(head) ?? []).some((w) => w.includes(unit));
}

/** Letter keys by character code (all below CODE_LIMIT): an index into ADJACENT, or -1. */
const CODE_LIMIT = 0x460;
const KEY_INDEX: Int16Array = (() => {
    const out = new Int16Array(CODE_LIMIT).fill(-1);
    let next = 0;
    for (const rows of LAYOUTS)
        for (const r of rows.slice(1)) for (const ch of r) if (out[ch.charCodeAt(0)] < 0) out[ch.charCodeAt(0)] = next++;
    return out;
})();
const KEY_COUNT = Math.max(...KEY_INDEX) + 1;

/** Whether two letter keys sit next to each other in a row or a column of a layout, by KEY_INDEX. */
const ADJACENT: Uint8Array = (() => {
    const out = new Uint8Array(KEY_COUNT * KEY_COUNT);
    const add = (s: string): void => {
        for (let i = 0; i + 1 < s.length; i++) {
            const a = KEY_INDEX[s.charCodeAt(i)] ?? -1;
            const b = KEY_INDEX[s.charCodeAt(i + 1)] ?? -1;
            if (a < 0 || b < 0) continue;
            out[a * KEY_COUNT + b] = 1;
            out[b * KEY_COUNT + a] = 1;
        }
    };
    for (const rows of LAYOUTS) {
        rows.forEach(add);
        columns(rows).forEach(add);
    }
    return out;
})();

/** QWERTY's and AZERTY's home rows (asdfghjkl, qsdfghjklm), where a hand rests and mashes. */
const QWERTY_HOME: Uint8Array = new Uint8Array(128).map((_, c) => ("asdfghjkl".includes(String.fromCharCode(c)) ? 1 : 0));
const AZERTY_HOME: Uint8Array = new Uint8Array(128).map((_, c) => ("qsdfghjklm".includes(String.fromCharCode(c)) ? 1 : 0));

const ROW_SETS: readonly ReadonlySet<string>[] = LAYOUTS.flatMap((rows) => rows.slice(1).map((r) => new Set(r)));
const VOWELS = /[aeiouyаеёиоуыэюяєіїäöüéèêàâîôûœæøå]/u;
const MASH_WORD = /^[a-z0-9а-яёєії]+$/u;
const LATIN_ACCENTED = /[\u00c0-\u024f]/u;
/** The longest placeholder word; a longer word is none, so its skeleton is not needed. */
const PLACEHOLDER_MAX = Math.max(...[...PLACEHOLDER_WORDS].map((w) => w.length));

/** The shortest unit a word repeats (jkjkjk → jk), or the word itself. */
function period(w: string): string {
    next: for (let len = 1; len <= w.length / 2; len++) {
        if (w.length % len !== 0) continue;
        for (let i = len; i < w.length; i++) if (w.charCodeAt(i) !== w.charCodeAt(i - len)) continue next;
        return w.slice(0, len);
    }
    return w;
}

/**
 * Whether a word looks typed without meaning: a repeated unit (jkjkjk), a run along a keyboard row,
 * column or zigzag (qwerty, lkjh, qazwsx, 1q2w3e, фыва), one or two letters over and over (aaaa,
 * jjkk), or five or more keys of one row with no vowel (sldkfj). Codes with digits (5xx, p99, k8s,
 * v11) and three-letter words (ssh, ttl, oom, dns) are not mashes unless they repeat a unit.
 */
export function isMash(word: string): boolean {
    if (word.length < 3 || /^[0-9]+$/.test(word)) return false;
    const unit = period(word);
    if (unit !== word && unit.length <= 4) return true; // jkjkjk, asdfasdf, lololo, ꓸꓹꓸꓹ in any script
    if (!MASH_WORD.test(word)) {
        // Accented Latin letters: the same keys (àsdf, qwér).
        const plain = LATIN_ACCENTED.test(word) ? word.normalize("NFKD").replace(/\p{M}/gu, "") : word;
        if (plain !== word) return isMash(plain);
        // One character over and over, in any script (ꓸꓸꓸ, 哈哈哈); digits aside.
        return [...word].length >= 3 && new Set(word).size === 1;
    }
    if (word.length >= 4 && unit.length >= 3 && onWalk(unit)) return true; // qwerty, qazwsx, 1q2w3e
    if (/[0-9]/.test(word)) return false; // 5xx, p99, k8s, v11: codes, not mashes
    const distinct = new Set(word).size;
    if (distinct === 1 || (distinct === 2 && word.length >= 4)) return true; // aaa, jjkk
    if (word.length < 5 || VOWELS.test(word)) return false;
    return ROW_SETS.some((row) => [...word].every((ch) => row.has(ch))); // sldkfj, jfkdls
}

/** Whether a word is one letter of an alphabet (not a Han, kana or Hangul character, which are words). */
function isSingleLetter(word: string): boolean {
    return word.length <= 2 && [...word].length === 1 && /\p{L}/u.test(word) && !WIDE.test(word);
}

/**
 * The words with every run of single letters and digits joined into one (q w e r t y → qwerty,
 * 1 q a z → 1qaz), since keys typed one by one with spaces between them are still a mash.
 */
function joinSingleLetters(words: string[]): { tokens: string[]; longestRun: number; singles: number } {
    const tokens: string[] = [];
    let run = "";
    let runLength = 0;
    let longestRun = 0;
    let singles = 0;
    const flush = (): void => {
        if (runLength) tokens.push(run);
        longestRun = Math.max(longestRun, runLength);
        run = "";
        runLength = 0;
    };
    for (let i = 0; i < words.length; i++) {
        const w = words[i];
        // n/a splits into the words n and a: a placeholder, not keys typed one by one.
        const na = (w === "n" && words[i + 1] === "a") || (w === "a" && words[i - 1] === "n");
        if ((isSingleLetter(w) || /^[0-9]$/.test(w)) && !na) {
            singles++;
            run += w;
            runLength++;
        } else {
            flush();
            tokens.push(w);
        }
    }
    flush();
    return { tokens, longestRun, singles };
}

/**
 * Whether the tokens walk over the keyboard: four in five of their letter pairs (six or more) are
 * neighbouring keys (qw er ty ui), or nine in ten of their Latin letters (twelve or more) lie on
 * one home row (fjdk slak dfjs: typed without moving, no language writes that way; other rows hold
 * real words, peer to peer error). One pass over the letters, by character code.
 */
function walksKeyboard(tokens: string[]): boolean {
    let pairs = 0;
    let adjacent = 0;
    let latin = 0;
    let qwerty = 0;
    let azerty = 0;
    for (const t of tokens) {
        // Keys are in the Basic Multilingual Plane, so UTF-16 units are enough to find them.
        let previous = -1;
        for (let i = 0; i < t.length; i++) {
            const c = t.charCodeAt(i);
            if (c >= 0x61 && c <= 0x7a) {
                latin++;
                qwerty += QWERTY_HOME[c];
                azerty += AZERTY_HOME[c];
            }
            const key = c < CODE_LIMIT ? KEY_INDEX[c] : -1;
            if (key >= 0 && previous >= 0) {
                pairs++;
                adjacent += ADJACENT[previous * KEY_COUNT + key];
            }
            previous = key;
        }
    }
    if (pairs >= 6 && adjacent * 5 >= pairs * 4) return true;
    return latin >= 12 && Math.max(qwerty, azerty) * 10 >= latin * 9;
}

/**
 * The phrase the words repeat, if they are mostly one phrase said again and again: the whole text
 * periodic (at least two full repetitions, any length), or a phrase of up to eight words said at
 * least three times in a row, covering at least 60% of the words. Linear in the number of words.
 */
function repeatedPhrase(words: string[]): string[] | undefined {
    const n = words.length;
    if (n < 2) return undefined;
    // KMP failure function: the text's shortest period.
    const fail = new Array<number>(n).fill(0);
    for (let i = 1, k = 0; i < n; i++) {
        while (k > 0 && words[i] !== words[k]) k = fail[k - 1];
        if (words[i] === words[k]) k++;
        fail[i] = k;
    }
    const p = n - fail[n - 1];
    if (p < n && n >= 2 * p) return words.slice(0, p);
    for (let q = 1; q <= 8 && 3 * q <= n; q++) {
        let run = 0;
        for (let i = 0; i + q < n; i++) {
            run = words[i] === words[i + q] ? run + 1 : 0;
            // `run` positions agree with the ones q later: the phrase spans run + q words.
            if (run >= 2 * q && (run + q) * 5 >= n * 3) return words.slice(i + 1 - run, i + 1 - run + q);
        }
    }
    return undefined;
}

const NUMBER = /^[\p{N}.,:]+$/u;

/**
 * The part of a word before an apostrophe, which carries its meaning: todo'у is todo with a Cyrillic
 * ending, attestor's is attestor. The whole word when nothing comes before the apostrophe.
 */
function stem(word: string): string {
    const cut = word.search(APOSTROPHES);
    return cut > 0 ? word.slice(0, cut) : word;
}

/** Whether a word that is not a mash says something: not a placeholder, lorem ipsum, a number or a single letter. */
function isMeaningful(word: string): boolean {
    const w = stem(word);
    if (w.length <= PLACEHOLDER_MAX && PLACEHOLDER_WORDS.has(skeleton(w))) return false;
    return !LOREM.has(w) && !NUMBER.test(w) && !isSingleLetter(w);
}

function quoteWords(ws: string[]): string {
    return JSON.stringify(ws.join(" ").slice(0, 60));
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
    const bare = skeleton(analysed(text)).trim();
    if (isPlaceholder(bare) || isPlaceholder(bare.replace(/['\u2019\u02bc]/gu, ""))) {
        return ["is a placeholder in disguise (lookalike letters of another script, or accents)"];
    }
    const textual = words.filter((w) => !NUMBER.test(w));
    const lorem = textual.filter((w) => LOREM.has(w));
    if (lorem.length * 2 >= textual.length && lorem.some((w) => LOREM_ONLY.has(w))) return ["is lorem ipsum filler text, not a reason"];
    const { tokens, longestRun, singles } = joinSingleLetters(words);
    if (longestRun >= 4 && singles * 2 >= textual.length) {
        return ["is a run of single letters (keys typed one by one), not words"];
    }
    const alphabet = alphabetMask(words);
    const alphabetWords = alphabet.filter(Boolean).length;
    if (alphabetWords * 2 >= textual.length && alphabetWords >= 2) return ["is the alphabet typed in chunks (abc def ghi), not words"];
    const mash = new Set(tokens.filter((t) => isMash(stem(t))));
    const mashes = tokens.filter((t) => mash.has(t)).length;
    if (mashes * 2 >= tokens.length || walksKeyboard(tokens)) return ["is a keyboard mash, not a reason"];
    // Words inside template placeholders and a form's instruction text are no more meaningful than placeholders.
    const templated = templateWords(analysed(text));
    const hasTemplate = templated.size > 0;
    const instruction = instructionMask(words);
    const real = words.filter((w, i) => {
        if (mash.has(w) || !isMeaningful(w) || alphabet[i] || instruction[i]) return false;
        const inTemplate = templated.get(w) ?? 0;
        if (inTemplate > 0) templated.set(w, inTemplate - 1);
        return inTemplate === 0;
    });
    const distinct = new Set(real);
    if (distinct.size === 1 && real.length > 1 && real.length === words.length) return ["repeats one word instead of giving a reason"];
    if (distinct.size <= 1 && hasTemplate) {
        return ["is unrendered template placeholders ({{ … }}, ${…}, <%= … %>, <reason>), not a reason; write the text itself"];
    }
    if (distinct.size <= 1 && instruction.includes(true)) {
        return ['is a form\'s instruction text ("insert justification here", "enter reason"), not a reason; write the reason itself'];
    }
    if (distinct.size === 0) return ["is only placeholders and numbers"];
    if (distinct.size === 1) {
        return [
            `gives one word padded with placeholders, numbers, punctuation or repeats (${quoteWords([...distinct])}); say what happened and why`,
        ];
    }
    if (paddingOutweighs(text, words, real)) {
        return [
            "is mostly padding (placeholders, mashes, single letters, punctuation, symbols or emoji) around a few words; say what happened and why",
        ];
    }
    const phrase = repeatedPhrase(words);
    if (phrase) return [`repeats the phrase ${quoteWords(phrase)} instead of giving a reason`];
    if (real.length >= 8 && distinct.size * 4 <= real.length) {
        return [`repeats a few words (${quoteWords([...distinct])}) over and over instead of giving a reason`];
    }
    if (accountWords(text, real) < 2) {
        return [
            "names only the breakglass, a reason, a test or urgency (justification, reason, breakglass, test, temporary, urgent, see ticket), not what happened; say what happened and why",
        ];
    }
    return [];
}

/** Code points, a Han, kana or Hangul character counting twice. */
function weight(s: string): number {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x1100) n++;
        // The second half of a surrogate pair was counted with the first.
        else if (c < 0xdc00 || c > 0xdfff) n += WIDE.test(c >= 0xd800 && c <= 0xdbff ? s.slice(i, i + 2) : s[i]) ? 2 : 1;
    }
    return n;
}

/**
 * Whether padding outweighs what the text says: the words that say nothing (placeholders, mashes,
 * single letters, lorem ipsum) and the punctuation, symbols and emoji weigh more than the meaningful
 * words. Numbers weigh on neither side: incident texts are full of them (times, versions, tickets).
 */
function paddingOutweighs(text: string, words: string[], meaningful: string[]): boolean {
    const said = meaningful.reduce((n, w) => n + weight(w), 0);
    const empty = words.reduce((n, w) => n + (NUMBER.test(w) ? 0 : weight(w)), 0) - said;
    const s = analysed(text);
    const filler = ASCII.test(s) ? s.replace(/[A-Za-z0-9\s]/g, "").length : weight(s.replace(/[\p{L}\p{N}\s]/gu, ""));
    return empty + filler > said;
}

function distinctWordCharacters(s: string): number {
    const seen = new Set<string>();
    for (const ch of s.slice(0, ANALYSED).toLowerCase()) {
        if (/[\p{L}\p{N}]/u.test(ch)) seen.add(ch);
        if (seen.size >= 4) break;
    }
    return seen.size;
}

/** A text judged as a justification: what is wrong with it, and the normalised, trimmed text. */
export interface JudgedText {
    problems: string[];
    /** The text as the checks read it (normalised, trimmed). */
    text: string;
    /** False when the text is blank or a placeholder: nothing else about it is worth checking. */
    saysAnything: boolean;
}

/**
 * The one rule for every justification (breakglass justifications and exemption reasons):
 * `minLength` counts code points after normalising and trimming, a Han, kana or Hangul character
 * twice; `lengthKey` names where that minimum comes from, for the message.
 */
export function judgeJustification(raw: string, minLength: number, lengthKey = "config minLength"): JudgedText {
    const { text, hasControl } = normaliseJustification(raw);
    const problems: string[] = [];
    if (hasControl)
        problems.push("contains control characters (escape sequences, NUL, DEL, line or paragraph separators; tabs and newlines are fine)");
    const trimmed = text.trim();
    if (trimmed === "") return { problems: [...problems, "is blank"], text: trimmed, saysAnything: false };
    if (isPlaceholder(trimmed)) return { problems: [...problems, "is a placeholder, not a reason"], text: trimmed, saysAnything: false };
    const length = weightedLength(trimmed, minLength + 1);
    if (length < minLength) {
        problems.push(
            `is ${length} characters long; at least ${minLength} are required (${lengthKey}; a Han, kana or Hangul character counts as two)`,
        );
    }
    if (distinctWordCharacters(trimmed) < 4) problems.push("repeats a few characters instead of saying anything");
    problems.push(...wordProblems(trimmed));
    return { problems, text: trimmed, saysAnything: true };
}

/** Why a text is not a real justification; empty when it is (see judgeJustification). */
export function justificationProblems(raw: string, minLength: number, lengthKey?: string): string[] {
    return judgeJustification(raw, minLength, lengthKey).problems;
}
