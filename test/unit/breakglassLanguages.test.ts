// cloud-run-breakglass-justified in any language (issue 12, item 5): a corpus of genuine and fake
// justifications in several languages and scripts, each through the policy.
import { strict as assert } from "node:assert";
import { breakglassJustified } from "../../policies";
import { checkResource, T, type Result } from "../harness";

const justify = (j: string, config: unknown = {}): Promise<Result> =>
    checkResource(
        breakglassJustified,
        {
            type: T.service,
            name: "api",
            props: {
                location: "us-central1",
                binaryAuthorization: { useDefault: true, breakglassJustification: j },
                template: { containers: [{ image: "us-docker.pkg.dev/p/app/api:1" }] },
            },
        },
        config,
    );

/** Genuine justifications: each passes with the default config. */
const GENUINE: [string, string][] = [
    ["English", "INC-4211: prod outage, unsigned hotfix image, approved by alice (SRE on call)"],
    ["English, YAML block with trailing newline", "INC-4211: attestor outage blocks the checkout hotfix\napproved by the on-call lead\n"],
    ["English, tab separated", "INC-4211\tattestor outage blocks the checkout hotfix"],
    ["German", "Notfall-Rollback nach Zahlungsausfall, INC-4711, freigegeben von der Bereitschaft"],
    ["French", "Retour arrière urgent après la panne de paiement, INC-4711, validé par l'astreinte"],
    ["Spanish", "Reversión urgente tras la caída de pagos, INC-4711, aprobada por la guardia"],
    ["Russian", "Откат после сбоя оплаты, INC-4711, согласовано дежурным инженером"],
    ["Greek", "Επείγουσα επαναφορά μετά από διακοπή πληρωμών, INC-4711"],
    ["Korean", "결제 장애로 인한 긴급 롤백, 당직자 승인"],
    ["Japanese", "決済障害のため緊急ロールバック、当番承認済み"],
    ["Chinese (simplified)", "支付故障紧急回滚，值班负责人已批准"],
    ["Chinese (traditional)", "支付故障緊急回滾，值班負責人已批准"],
    ["Arabic", "تراجع عاجل بعد انقطاع خدمة الدفع، بموافقة المناوب INC-4711"],
    ["Hebrew", "החזרה דחופה לאחר תקלה במערכת התשלומים, אושר על ידי התורן"],
    ["Hindi", "भुगतान सेवा में रुकावट के बाद तत्काल रोलबैक, INC-4711"],
    ["Thai", "ย้อนกลับเร่งด่วนหลังระบบชำระเงินล่ม INC-4711"],
    ["Vietnamese", "Khôi phục khẩn cấp sau sự cố thanh toán, INC-4711, đã được phê duyệt"],
    ["mixed languages in separate words", "INC-4711 決済障害 rollback approved by 当番 alice"],
    ["fullwidth Latin (NFKC makes it plain)", "ＩＮＣ－４７１１ ｒｏｌｌｂａｃｋ ａｆｔｅｒ ｐａｙｍｅｎｔ ｏｕｔａｇｅ"],
    ["decomposed accents (combining marks dropped, letters kept)", "Re\u0301tablissement urgent apre\u0300s la panne, INC-4711"],
];

/** Fake justifications: each fails, with what the message must say. */
const FAKE: [string, string, RegExp][] = [
    ["keyboard mash asdf", "asdf asdf asdf asdf asdf asdf", /keyboard mash/],
    ["keyboard mash qwerty", "qwerty qwerty qwerty qwerty", /keyboard mash/],
    ["keyboard mash jkjk", "jkjkjk jkjkjk jkjkjk jkjkjk", /keyboard mash/],
    ["keyboard mash home row", "sdfg hjkl asdfgh lkjhg fdsa", /keyboard mash/],
    ["keyboard mash azerty", "azerty azerty qsdfgh wxcvbn", /keyboard mash/],
    ["one word repeated", "rollback rollback rollback rollback", /repeats one word/],
    ["one word repeated, German", "Notfall Notfall Notfall Notfall Notfall", /repeats one word/],
    ["one word repeated, Korean", "롤백 롤백 롤백 롤백 롤백 롤백", /repeats one word/],
    ["one word padded with placeholders", "hotfix n/a n/a n/a n/a n/a n/a", /one word padded/],
    ["one word padded with TODO", "urgent TODO TODO TODO TODO TODO", /one word padded/],
    ["one word padded with numbers", "hotfix 1234 5678 9012 3456 7890", /one word padded/],
    ["German placeholder padding", "Hotfix keine keine keine keine keine", /one word padded/],
    ["Cyrillic п/а", "п/а п/а п/а п/а п/а п/а п/а", /placeholder/],
    ["Cyrillic-o in Todo", "Тоdо Тоdо Тоdо Тоdо Тоdо", /lookalike letters/],
    ["Greek omicron in none", "nοne nοne nοne nοne nοne nοne", /lookalike letters/],
    ["mixed script inside a real-looking word", "Rоllback after the outage, approved", /lookalike letters/],
    ["combining marks padding", `n/a${"\u0301".repeat(40)}`, /placeholder/],
    ["Hangul filler padding", `hotfix${"\u3164".repeat(30)}`, /characters long/],
    ["braille blank padding", `hotfix${"\u2800".repeat(30)}`, /characters long/],
    ["escape sequence", "\u001b[2J INC-4211: prod outage, unsigned hotfix image", /control characters/],
    ["Japanese too short", "障害対応", /characters long/],
    ["only numbers", "1234 5678 9012 3456 7890 1234", /placeholder|numbers/],
];

describe("cloud-run-breakglass-justified: genuine and fake justifications in many languages", () => {
    for (const [what, j] of GENUINE) {
        it(`passes: ${what}`, async () => {
            const r = await justify(j);
            assert.deepEqual(r.violations, [], `${what}: ${r.violations.join(" | ")}`);
        });
    }
    for (const [what, j, why] of FAKE) {
        it(`fails: ${what}`, async () => {
            const r = await justify(j);
            assert.equal(r.violations.length, 1, `${what}: expected one violation`);
            assert.match(r.violations[0], why);
        });
    }

    it("CJK text is counted by weight: a Han, kana or Hangul character counts as two towards minLength", async () => {
        const j = "決済障害のため緊急ロールバック"; // 15 code points; all but "ー" (Common script) weigh two: 29
        assert.deepEqual((await justify(j)).violations, []);
        assert.match((await justify(j, { minLength: 30 })).violations[0] ?? "", /is 29 characters long; at least 30/);
    });

    it("never throws and stays fast enough on 1 MB texts of every kind", async () => {
        for (const big of [
            "asdf ".repeat(200_000),
            `INC-1 ${"決済障害".repeat(250_000)}`,
            `${"\u0301".repeat(1_000_000)}`,
            `rollback ${"n/a ".repeat(250_000)}`,
            `${"Тоdо ".repeat(200_000)}`,
        ]) {
            const r = await justify(big);
            assert.ok(r.violations.every((v) => !v.includes("could not evaluate")));
        }
    });
});
