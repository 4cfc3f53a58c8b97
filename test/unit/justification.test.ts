// One rule for every justification (issue 19, classes 6 and 8): breakglass justifications and config
// exemption reasons are judged by policies/model/justification.ts. Every case runs through the policy
// (or validate-config), the path users hit; the corpus is test/adversarial/justifications.ts.
import { strict as assert } from "node:assert";
import { binauthzRequired, breakglassJustified, deployUnverified, functionsGen1, policies } from "../../policies";
import { checkConfigDocument } from "cloud-run-binauthz-tools/dist/commands/validate-config";
import { FAKE_JUSTIFICATIONS, FAKE_REASONS, GENUINE_JUSTIFICATIONS, GENUINE_REASONS } from "../adversarial/justifications";
import { checkResource, fixClock, type Result, T } from "../harness";

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

const UNPROTECTED = {
    type: T.service,
    name: "legacy",
    props: { location: "us-central1", template: { containers: [{ image: "gcr.io/p/a:1" }] } },
};
const exempting = (reason: string, resource = "legacy") => ({ exemptions: [{ resource, reason, expires: "2099-12-31" }] });

async function passes(j: string, config: unknown = {}): Promise<void> {
    const r = await justify(j, config);
    assert.deepEqual(r.violations, [], `${JSON.stringify(j)}: ${r.violations.join(" | ")}`);
}
async function refused(j: string, why: RegExp, config: unknown = {}): Promise<string> {
    const r = await justify(j, config);
    assert.equal(r.violations.length, 1, `${JSON.stringify(j)} passed`);
    assert.match(r.violations[0], /is not a real justification/);
    assert.match(r.violations[0], why, r.violations[0]);
    return r.violations[0];
}

describe("one rule for every justification", () => {
    fixClock("2026-03-10T12:00:00Z");

    describe("the corpus (test/adversarial/justifications.ts)", () => {
        it("no false positive: every genuine justification passes, every genuine reason makes its exemption live", async () => {
            const falsePositives: string[] = [];
            for (const [what, j] of GENUINE_JUSTIFICATIONS) {
                const r = await justify(j);
                if (r.violations.length) falsePositives.push(`${what}: ${r.violations[0]}`);
            }
            for (const [what, reason] of GENUINE_REASONS) {
                const r = await checkResource(binauthzRequired, UNPROTECTED, exempting(reason));
                if (r.violations.length) falsePositives.push(`reason ${what}: ${r.violations[0]}`);
            }
            assert.deepEqual(falsePositives, []);
        });

        it("no false negative: every fake justification fails, every fake reason leaves its exemption ignored", async () => {
            const falseNegatives: string[] = [];
            for (const [what, j, why] of FAKE_JUSTIFICATIONS) {
                const r = await justify(j);
                if (r.violations.length !== 1 || !why.test(r.violations[0]))
                    falseNegatives.push(`${what}: ${r.violations.join(" | ") || "passed"}`);
            }
            for (const [what, reason, why] of FAKE_REASONS) {
                const r = await checkResource(binauthzRequired, UNPROTECTED, exempting(reason));
                if (r.violations.length !== 1 || !why.test(r.violations[0]))
                    falseNegatives.push(`reason ${what}: ${r.violations.join(" | ") || "passed"}`);
            }
            assert.deepEqual(falseNegatives, []);
            console.log(
                `      justification corpus: ${GENUINE_JUSTIFICATIONS.length} genuine and ${FAKE_JUSTIFICATIONS.length} fake justifications, ${GENUINE_REASONS.length} genuine and ${FAKE_REASONS.length} fake exemption reasons; 0 false positives, 0 false negatives`,
            );
        });
    });

    describe("genuine texts that 0.2.0 refused", () => {
        it("a unit with the micro sign (µs, which NFKC turns into Greek μ) or the ohm sign is a measurement, not a mixed-script word", async () => {
            await passes("p99 900\u00b5s after v1.2 rollout, rolling back");
            await passes("\u00b5s jitter in the scheduler after v2, reverting INC-4711");
            await passes("p99 900\u03bcs after v1.2 rollout, rolling back");
            await passes("Sensor bus at 10k\u2126 after the hotfix, rollback INC-4711");
        });

        it("a Latin name declined with an apostrophe and a Cyrillic ending (Kubernetes'а, Run’у, GKE'шного) is one word, not a disguise", async () => {
            await passes("Откат релиза из-за падения Kubernetes'а, INC-4711");
            await passes("Откат релиза из-за падения Cloud Run\u2019у, INC-4711");
            await passes("Откат релиза из-за падения Cloud Run\u02bcу, INC-4711");
            await passes("Збій GKE'шного атестатора, відкат, INC-4711");
        });

        it("terse SRE shorthand: protocol names, status classes, percentiles and short version strings are words", async () => {
            await passes("gRPC 5xx, HTTP 503, OOM on k8s");
            await passes("TLS/SSH keys rotated, HTTPS 5xx, hotfix v11");
            await passes("SMTP/HTTPS 5xx from MTA, hotfix v22, INC-42");
            await passes("k8s OOM, 5xx, p99 spike; revert v11, INC-42");
            await passes("DNS TTL 4xx, p99 spike, revert v1.2");
        });
    });

    describe("disguises stay refused next to the new exceptions", () => {
        it("a Greek μ or Ω is a unit only in a measurement: inside a word it is a lookalike", async () => {
            await refused("nμll nμll nμll nμll nμll", /lookalike letters/);
            await refused("tμdμ: rollback of the checkout service", /lookalike letters/);
            await refused("Ωk rollback of the checkout service", /lookalike letters/);
        });

        it("an apostrophe allows one Latin-to-Cyrillic ending after two Latin letters or more, nothing else", async () => {
            await refused("Т'оdо Т'оdо Т'оdо Т'оdо", /lookalike letters/); // Cyrillic, then Latin
            await refused("d'ело rollback of checkout", /lookalike letters/); // one Latin letter
            await refused("run'е'x rollback of checkout", /lookalike letters/); // two switches
            await refused("Тоdо Тоdо Тоdо Тоdо Тоdо", /lookalike letters/);
            await refused("non'е non'е non'е non'е", /repeats one word|placeholder/);
        });

        it("codes are not mashes, but mashes with digits still are", async () => {
            await refused("1qaz2wsx 1qaz2wsx 3edc4rfv", /keyboard mash/);
            await refused("q1w2e3r4 1q2w3e4r q1w2e3r4t5", /keyboard mash|placeholders/);
            await refused("aaaa bbbb cccc dddd eeee", /keyboard mash/);
        });
    });

    describe("fakes that 0.2.0 passed", () => {
        it("one real word padded with punctuation, dashes, symbols or emoji", async () => {
            for (const pad of ["!", "-", "—", ".", "*", "~", "🔥", "🚨", "‼", "»", "_", "=", "#"]) {
                await refused(`rollback ${pad.repeat(20)}`, /one word padded/);
                await refused(`${pad.repeat(10)}hotfix${pad.repeat(10)}`, /one word padded/);
            }
        });

        it("more padding than words, whatever the words", async () => {
            await refused(`prod rollback ${"!".repeat(30)}`, /padding/);
            await refused(`checkout rollback ${"🔥".repeat(30)}`, /padding/);
            await passes("Outage fix 🔥 in prod, rollback now");
        });

        it("keyboard rows and columns typed with spaces between the keys, in any layout", async () => {
            for (const keys of [
                "qwertyuiop",
                "asdfghjkl",
                "zxcvbnm",
                "qazwsxedc",
                "1qaz2wsx",
                "azertyuiop",
                "qwertzuiop",
                "йцукенгшщз",
                "фывапролд",
            ]) {
                await refused([...keys].join(" "), /single letters|keyboard mash/);
                await refused([...keys].join("  "), /single letters|keyboard mash/);
            }
        });

        it("a run of single letters", async () => {
            await refused("a b c d e f g h i j k l m", /single letters/);
            await refused("r o l l b a c k   o f   c h e c k o u t", /single letters/);
            await refused("Rollback INC-4711 x y z w v u t s r q p", /single letters/);
        });

        it("a phrase repeated, not only a word", async () => {
            await refused("rollback now rollback now rollback now", /repeats the phrase "rollback now"/);
            await refused("fix prod asap, fix prod asap; fix prod asap!", /repeats the phrase "fix prod asap"/);
            await refused("the service is down the service is down", /repeats the phrase "the service is down"/);
            await refused("INC-4711 urgent fix urgent fix urgent fix urgent fix", /repeats the phrase "urgent fix"/);
            await passes("rollback api, then rollback web, then rollback worker (INC-4711)");
        });

        it("lorem ipsum, whose words are the pack's placeholders", async () => {
            await refused("Lorem ipsum dolor sit amet, consectetur adipiscing elit", /lorem ipsum/);
            await refused("Dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor", /lorem ipsum/);
            await passes("Retour arrière: le service de paiement est en panne, INC-4711"); // French est, en
        });

        it("digits only", async () => {
            await refused("12345678901234567890", /placeholders and numbers/);
            await refused("4711-4711-4711-4711-4711", /placeholders and numbers/);
        });
    });

    describe("filler the red team passed (F9)", () => {
        it("unrendered template placeholders are no words, like ${…} and <reason>", async () => {
            await refused("{{ justification }} {{ ticket }}", /template placeholders/);
            await refused("{{ breakglass_reason }} {{ incident_ticket }} {{ approver }}", /template placeholders/);
            await refused("<%= reason %> for <%= ticket %>", /template placeholders|padding/);
            await refused("#{reason} %{ticket_reference} ${approver_name}", /template placeholders/);
            await refused("<breakglass reason> <incident ticket> <approver>", /template placeholders/);
            await passes("INC-4711 checkout 5xx, rollback to v1.2 approved, owner {{ owner }}");
        });

        it("a form's instruction text says nothing, in English, German, French and Spanish", async () => {
            for (const text of [
                "INSERT JUSTIFICATION HERE",
                "ENTER REASON",
                "enter the reason for the breakglass here",
                "your justification here",
                "Describe why",
                "explain why the breakglass is needed here",
                "Begründung hier eingeben",
                "Saisissez la raison ici",
                "Introduzca el motivo aquí",
            ])
                await refused(text.length < 20 ? `${text} ${"-".repeat(20)}` : text, /instruction text|padding/);
            await passes("The reason here is a KMS outage, INC-4711");
            await passes("Attestor down, rollback now; postmortem will explain why, INC-4711");
        });

        it("the alphabet in chunks is no words, either direction, but a single run can be a name", async () => {
            await refused("abc def ghi jkl mno pqr", /alphabet/);
            await refused("abcd efgh ijkl mnopq", /alphabet/);
            await refused("zyx wvu tsr qpo", /alphabet/);
            await refused("абв где жзи клм", /alphabet/);
            await passes("KLM booking API 5xx after v2.1, rollback, INC-4711");
            await passes("ABC rollout paused: canary 5xx, rollback v1.2");
        });

        it("metasyntactic words are placeholders; in a real service name with other words the text passes", async () => {
            await refused("foo bar baz qux quux corge", /placeholders/);
            await refused("garply waldo plugh xyzzy thud grault", /placeholders/);
            await refused("hoge fuga piyo hoge fuga", /placeholders|repeats/);
            await refused("quux rollback corge grault", /one word padded|padding/);
            await passes("fix foo-service outage after v2.1, INC-4711");
            await passes("rollback behind the bar chart regression, INC-4711");
        });
    });

    describe("exemption reasons are justifications", () => {
        it("a reason that is a keyboard row, a digit run or a padded word leaves the exemption ignored, and says where and how to fix it", async () => {
            for (const [reason, why] of [
                ["qwertyuiop", /keyboard mash/],
                ["1234567890", /placeholders and numbers/],
                ["because!!!!!!!!", /one word padded/],
                ["q w e r t y", /single letters/],
            ] as const) {
                const r = await checkResource(binauthzRequired, UNPROTECTED, exempting(reason));
                assert.equal(r.violations.length, 1, `${reason}: the exemption applied`);
                const m = r.violations[0];
                assert.match(m, /binaryAuthorization/, "the violation itself is still reported");
                assert.ok(m.includes(`exemption "legacy" is ignored: its reason "${reason}" is not a real justification: it `), m);
                assert.match(m, why);
                assert.ok(m.includes('Fix: in exemptions[0] of cloud-run-binauthz-required (resource "legacy"), write why'), m);
            }
        });

        it("every policy judges its exemptions' reasons the same way", async () => {
            const reason = "asdfghjkl;";
            const r = await checkResource(
                functionsGen1,
                { type: T.fn1, name: "legacy", props: { runtime: "nodejs20" } },
                exempting(reason),
            );
            assert.match(
                r.violations[0] ?? "",
                /exemptions\[0\] of cloud-functions-gen1-no-binauthz .*keyboard mash|keyboard mash.*exemptions\[0\] of cloud-functions-gen1-no-binauthz/s,
            );
            const d = await checkResource(
                deployUnverified,
                { type: "command:local:Command", name: "legacy", props: { create: "gcloud run deploy a --image x" } },
                exempting(reason),
            );
            assert.match(d.violations[0] ?? "", /exemptions\[0\] of cloud-run-deploy-unverified/);
            for (const p of policies) assert.ok(p.configSchema?.properties?.exemptions, `${p.name} takes exemptions`);
        });

        it("a genuine reason still exempts, in any language", async () => {
            for (const reason of [
                "vendor image, JIRA-42",
                "Исключение до миграции, PLAT-12",
                "移行中 PLAT-12",
                "p99 < 500µs only on gen1, PLAT-77",
            ]) {
                const r = await checkResource(binauthzRequired, UNPROTECTED, exempting(reason));
                assert.deepEqual(r.violations, [], reason);
            }
        });

        it("validate-config reports a fake reason as an error with the policy, the exemption's index and why", () => {
            const { errors } = checkConfigDocument({
                "cloud-run-binauthz-required": { exemptions: [{ resource: "legacy", reason: "1q2w3e4r5t6y", expires: "2099-12-31" }] },
            });
            const e = errors.find((x) => x.startsWith("cloud-run-binauthz-required.exemptions.0: "));
            assert.ok(e, JSON.stringify(errors));
            assert.match(e, /its reason "1q2w3e4r5t6y" is not a real justification: it is a keyboard mash/);
        });
    });

    describe("cost", () => {
        it("1 MB texts of every new kind are judged without error, with a short message", async () => {
            for (const big of [
                "q w e r t y ".repeat(90_000),
                "rollback now ".repeat(80_000),
                "Lorem ipsum dolor sit amet ".repeat(40_000),
                `rollback ${"🔥".repeat(500_000)}`,
                `Откат Kubernetes'а ${"µs ".repeat(300_000)}`,
                "a ".repeat(500_000),
            ]) {
                const r = await justify(big);
                assert.equal(r.violations.length, 1);
                assert.ok(r.violations[0].length < 2000, `message of ${r.violations[0].length} characters`);
            }
        });
    });
});
