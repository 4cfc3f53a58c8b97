// Adversarial corpus, issue 19 classes 6 and 8: what counts as a real justification, judged by one
// rule (policies/model/justification.ts) for breakglass justifications and for config exemption
// reasons. Genuine texts are real-world incident language in many languages and registers (terse
// on-call notes, chat, formal change records); fakes are the ways people pad a field until a check
// lets it through. Data only; test/adversarial.test.ts runs the entries, and
// test/unit/justification.test.ts counts false positives and negatives over the whole corpus.
import type { PolicyName } from "../../policies/model/config";
import { type ResourceInput, T } from "../harness";
import type { CorpusEntry } from "./corpus";

/** An entry of this file: the main corpus's shape, in its own category. */
export type JustificationEntry = Omit<CorpusEntry, "category"> & { category: "justification-corpus" };

const BREAKGLASS: PolicyName = "cloud-run-breakglass-justified";
const REQUIRED: PolicyName = "cloud-run-binauthz-required";
const PROJECT = "my-proj";
const REGION = "us-central1";

/** Genuine breakglass justifications: [what, text]. Each passes with the default config (minLength 20). */
export const GENUINE_JUSTIFICATIONS: readonly (readonly [string, string])[] = [
    // English, plain: breakglass vocabulary (temporary, urgent, needed, approved) beside what happened
    ["en plain: outage fix", "Outage fix for login"],
    ["en plain: hotfix", "Hotfix for the checkout outage"],
    ["en plain: signer down", "Signer unavailable during incident"],
    ["en plain: vendor", "Legacy image, vendor does not sign it"],
    ["en plain: ticket only beside one word", "Attestor down, INC-4821"],
    ["en plain: temporary bypass with cause", "Temporary bypass: signer broken since the upgrade"],
    ["en plain: approved with change", "Approved by CAB in CHG-20417 for the outage"],
    ["en plain: urgent with cause", "urgent: customers cannot log in, attestor timeout"],
    ["en plain: needed with cause", "Needed to restore service after region failover"],
    // English, terse on-call notes and SRE shorthand
    ["en terse: versions", "INC-4711 sev1: checkout 5xx after v2.3.1, rollback to v2.3.0 unsigned (attestor down)"],
    ["en terse: micro sign", "p99 900µs→40ms after gRPC pool change; reverting v1.2, approved by on-call (bob)"],
    ["en terse: CVE", "attestor API 503s, prod deploy blocked; hotfix for CVE-2026-1234, owner alice"],
    ["en terse: TLS", "LB 5xx, TLS cert expired on ingress; emergency redeploy v1.4.2, INC-88"],
    ["en terse: k8s", "OOMKilled on k8s after v3.1, revert to v3.0 signed build pending, INC-902"],
    ["en terse: DNS", "DNS TTL misconfig → NXDOMAIN for api.example.com, redeploy w/ fix, SEV2"],
    ["en terse: HTTP/2", "HTTP/2 RST_STREAM storms from upstream, pin grpc-go v1.62, CHG-5521"],
    ["en terse: arrow", "Rollback v1.2→v1.1: 5xx on /pay since 09:40 UTC, ticket INC-4711"],
    ["en terse: bridge", "Sev1 bridge #inc-4711: KMS key rotation broke attestation, deploy unsigned v7"],
    ["en terse: pager", "pager: checkout SLO burn 14x, rolling back unsigned, IC=carol, INC-31337"],
    ["en terse: OpenSSL", "hotfix for CVE-2026-0001 (OpenSSL), signer pipeline down, approved by SecOps"],
    ["en terse: mTLS", "cert-manager renewal failed, mTLS broken between svc-a and svc-b, redeploy"],
    ["en terse: latency", "Redis 6→7 migration rollback, latency p50 2ms→80ms, INC-5120, owner dave"],
    ["en terse: 429s", "CI signer outage (Cloud KMS 429s), shipping fix for data loss bug INC-77"],
    ["en terse: revision", "SRE on call: 502s from GFE, roll back revision api-00042, INC-1001"],
    ["en terse: shorthand only", "SEV1 5xx LB, rollback v1.2"],
    ["en terse: protocols", "gRPC 5xx, HTTP 503, OOM on k8s"],
    ["en terse: SSH and HTTPS", "TLS/SSH keys rotated, HTTPS 5xx, hotfix v11"],
    ["en terse: status code", "HTTP 5xx, gRPC UNAVAILABLE, rollback"],
    ["en terse: p99 and v11", "k8s OOM, 5xx, p99 spike; revert v11, INC-42"],
    ["en terse: SMTP", "SMTP/HTTPS 5xx from MTA, hotfix v22, INC-42"],
    ["en terse: DDoS", "DDoS mitigation rule broke TLS, hotfix v2.1.3"],
    ["en terse: three words", "Payment outage rollback"],
    ["en terse: numbers and dates", "Rollback at 09:40 UTC on 2026-03-10 after 5xx rate 12.5% (SLO 99.9%), INC-4711"],
    ["en terse: CVSS", "CVE-2026-1234 (CVSS 9.8) hotfix 4.2.1, signer down since 08:15, INC-4711"],
    ["en terse: table style", "SEV-2 | 5xx | checkout | rollback v1.2 | IC: bob"],
    ["en terse: symbols", "HTTP 5xx ↑ after v1.2 → rollback ✅ (INC-4711)"],
    ["en micro sign, microseconds", "Latency regressed from 120µs to 9ms, rollback v1.2, INC-4711"],
    ["en Greek mu typed directly", "μs-level jitter in the scheduler after v2, reverting, INC-4711"],
    ["en apostrophes", "can't deploy signed image: attestor's KMS key revoked, INC-4711"],
    ["en Irish name", "O'Brien approved rollback after payments outage, INC-4711"],
    // English, chat
    ["en chat: emoji", "🚨 SEV1 🚨 checkout down, rollback to v1.2 approved by IC 🙏 INC-4711"],
    ["en chat: fire", "🔥 prod is on fire: 5xx on payments, rolling back unsigned, owner bob 🔥"],
    ["en chat: link", "See https://status.example.com/incidents/4711 — attestor down, rollback of checkout approved"],
    ["en chat: go link", "Rollback per runbook go/rb-checkout#rollback, 5xx on LB, INC-4711"],
    // English, formal change records
    [
        "en formal: CAB",
        "Emergency change CHG0012345 approved by the Change Advisory Board chair under the emergency change procedure: the attestation pipeline is unavailable and a security fix must ship.",
    ],
    [
        "en formal: incident commander",
        "Per incident INC-4711 (severity 1), the on-call incident commander authorised deploying an unsigned image until the attestor is restored; review scheduled for 2026-03-12.",
    ],
    [
        "en formal: owner",
        "Break-glass authorised by the service owner for the duration of the payment outage; post-incident review will confirm the image provenance.",
    ],
    [
        "en formal: security",
        "Temporary exception requested by Platform Security: vulnerable base image replaced, signature pending due to signer downtime.",
    ],
    [
        "en formal: YAML block",
        "### Emergency change\n- ticket: CHG-7781\n- reason: attestor outage blocks the security fix\n- approver: alice (SRE lead)\n",
    ],
    ["en formal: key-value lines", "INC-4711\nsummary: checkout 5xx after v2.1\naction: rollback to v2.0 (unsigned)\nowner: @bob"],
    // Other languages
    [
        "de change",
        "Notfall-Change CHG-2201: Attestor ausgefallen, Rollback auf v1.2 nach 5xx im Checkout, freigegeben durch Rufbereitschaft",
    ],
    ["de incident", "Störung INC-4711: Zahlungsdienst liefert HTTP 503, unsignierter Hotfix genehmigt vom Incident Manager"],
    ["de micro sign", "Latenz p99 bei 900µs statt 200µs nach Deployment, Rückrollung auf v3.4, Ticket INC-12"],
    ["de question (wer)", "Wer hat freigegeben? Bereitschaft (Anna), Rollback nach 5xx, INC-4711"],
    ["fr incident", "Incident INC-4711 : erreurs 5xx sur le paiement depuis 9h40, retour à la v1.2 validé par l'astreinte"],
    ["fr security", "Correctif de sécurité urgent (CVE-2026-1234), chaîne de signature indisponible, accord du RSSI"],
    ["es incident", "Incidente INC-4711: errores 5xx en pagos tras desplegar v2.1, reversión a v2.0 aprobada por la guardia"],
    ["es change", "Cambio de emergencia CHG-330: el servicio de atestación no responde, despliegue sin firma autorizado"],
    ["pt incident", "Incidente INC-4711: erros 5xx no checkout após a v2.1, rollback emergencial aprovado pelo plantonista"],
    ["it incident", "Guasto ai pagamenti (INC-4711), errori 5xx dopo il rilascio v2.1, rollback urgente approvato dal reperibile"],
    ["it poi and tre", "Poi il rollback: tre nodi giù per OOM, ticket INC-99, approvato dal responsabile"],
    ["nl incident", "Storing INC-4711: betalingen geven 5xx na release v2.1, terugrol goedgekeurd door de piketdienst"],
    ["pl incident", "Awaria płatności INC-4711: błędy 5xx po wdrożeniu v2.1, pilny rollback zatwierdzony przez dyżurnego"],
    ["cs vowel-poor words", "Výpadek trval čtvrt hodiny, chyby 5xx po nasazení v2.1, rollback schválil vrchní technik, INC-4711"],
    ["sv incident", "Driftstörning INC-4711: betalningar ger 5xx efter v2.1, återställning godkänd av jouren"],
    ["fi incident", "Häiriö INC-4711: maksut palauttavat 5xx-virheitä version 2.1 jälkeen, päivystäjä hyväksyi palautuksen"],
    ["tr incident", "Olay INC-4711: ödeme servisinde 5xx hataları, v2.1 sonrası acil geri alma, nöbetçi onayladı"],
    ["hu incident", "Incidens INC-4711: a fizetési szolgáltatás 5xx hibákat ad a v2.1 után, sürgős visszaállítás jóváhagyva"],
    ["ro incident", "Incident INC-4711: erori 5xx la plăți după v2.1, revenire de urgență aprobată de tura de gardă"],
    ["id incident", "Insiden INC-4711: layanan pembayaran error 5xx setelah rilis v2.1, rollback darurat disetujui petugas jaga"],
    ["vi incident", "Sự cố INC-4711: lỗi 5xx ở dịch vụ thanh toán sau bản v2.1, rollback khẩn cấp đã được trực ca duyệt"],
    ["ru incident", "Инцидент INC-4711: ошибки 5xx в оплате после v2.1, срочный откат согласован с дежурным"],
    ["ru Latin name declined (Run'а)", "Откат релиза из-за падения Cloud Run'а, INC-4711, согласовано дежурным SRE"],
    ["ru micro sign", "Задержка p99 выросла до 900µs, откатываем v1.2, тикет INC-12"],
    ["ru Latin name declined (Kubernetes'е)", "Упал аттестатор в Kubernetes'е, деплой без подписи по INC-4711, ответственный Иванов"],
    ["ru single-letter prepositions", "Откат в проде и у партнёров с v2.1 на v2.0, INC-4711, ок от дежурного"],
    ["ru typographic apostrophe", "Деплой без подписи: аттестатор Kubernetes’а недоступен, INC-4711, согласовано"],
    ["uk Latin name declined (Kubernetes'і)", "Відкат після збою оплати в Kubernetes'і, INC-4711, погоджено черговим інженером"],
    ["uk apostrophe inside Cyrillic", "Інцидент INC-4711: помилки 5xx у платежах після v2.1, терміновий відкат, об'єкт сховища пошкоджено"],
    ["uk Latin name declined (GKE'шного)", "Деплой без підпису через збій GKE'шного атестатора, INC-4711, відповідальна Олена"],
    ["bg incident", "Инцидент INC-4711: грешки 5xx в плащанията след v2.1, спешно връщане одобрено от дежурния"],
    ["el incident", "Συμβάν INC-4711: σφάλματα 5xx στις πληρωμές μετά την v2.1, επείγουσα επαναφορά με έγκριση εφημερεύοντα"],
    ["el micro sign", "Καθυστέρηση 900µs στο API μετά την v1.2, επείγουσα επαναφορά, INC-4711"],
    ["ar incident", "حادث INC-4711: أخطاء 5xx في خدمة الدفع بعد الإصدار v2.1، تراجع عاجل بموافقة المناوب"],
    ["fa incident", "حادثه INC-4711: خطای 5xx در پرداخت پس از نسخه v2.1، بازگشت فوری با تأیید کشیک"],
    ["he incident", "תקלה INC-4711: שגיאות 5xx בתשלומים אחרי v2.1, חזרה דחופה לגרסה קודמת באישור התורן"],
    ["hi incident", "घटना INC-4711: v2.1 के बाद भुगतान सेवा में 5xx त्रुटियाँ, ऑन-कॉल की मंज़ूरी से तत्काल रोलबैक"],
    ["th incident", "เหตุการณ์ INC-4711 ระบบชำระเงินตอบ 5xx หลังปล่อย v2.1 ย้อนกลับด่วนโดยผู้เวรอนุมัติ"],
    ["sw incident", "Tukio INC-4711: hitilafu za 5xx kwenye malipo baada ya v2.1, kurejesha kwa dharura kumeidhinishwa"],
    ["ja incident", "決済APIで5xx多発のため v1.2 へ緊急ロールバック（INC-4711、当番承認済み）"],
    ["ja formal", "署名基盤の障害により未署名イメージを暫定デプロイ。承認者：SRE当番 山田"],
    ["zh-Hans incident", "支付接口5xx激增，紧急回滚到v1.2，INC-4711，值班负责人已批准"],
    ["zh-Hant formal", "簽章服務故障，暫時部署未簽章映像檔，INC-4711，值班主管核准"],
    ["ko incident", "결제 API 5xx 급증, v1.2로 긴급 롤백 (INC-4711, 당직자 승인)"],
    ["ko formal", "서명 파이프라인 장애로 서명되지 않은 이미지 임시 배포, 보안팀 승인"],
    ["mixed scripts in separate words", "INC-4711 決済障害 rollback approved by 当番 alice"],
    ["en terse: node list", "restart node-1 node-2 node-3 node-4 node-5 node-6 (INC-4711)"],
    // Words that are also filler elsewhere (red team F9): metasyntactic words in real names, alphabet runs that are names,
    // instruction words in real sentences, comparisons that look like angle brackets
    ["en bar chart", "rollback behind the bar chart regression on the dashboard, INC-4711"],
    ["en foo-service", "fix foo-service outage after v2.1, INC-4711"],
    ["en foo-service and bar-api", "fix foo-service and bar-api 5xx, rollback approved"],
    ["en name Fred", "Fred (SRE on call) approved the rollback of checkout, INC-4711"],
    ["en KLM", "KLM booking API 5xx after v2.1, rollback, INC-4711"],
    ["en ABC rollout", "ABC rollout paused: canary 5xx, rollback v1.2"],
    ["en reason label", "Reason: attestor outage blocks the security fix, INC-4711"],
    ["en the reason here", "The reason here is a KMS outage, INC-4711"],
    ["en explain why later", "Attestor down, rollback now; postmortem will explain why, INC-4711"],
    ["en insert a verb", "insert missing index; DB CPU 100% after v2.1, rollback, INC-4711"],
    ["en describe root cause", "SRE to describe root cause in the postmortem; rollback approved, INC-4711"],
    ["en comparison", "p50 < 2ms and p99 > 9ms after v2.1, rollback, INC-4711"],
    ["en email in angle brackets", "Approved by Alice <alice@example.com>, rollback v1.2 after 5xx"],
    ["de Grund", "Grund: Attestor ausgefallen, Rollback auf v1.2, INC-4711"],
    ["fr motif", "Motif : panne du signataire, retour à la v1.2, INC-4711"],
    ["es motivo", "Motivo: caída del servicio de firma, reversión a v1.2, INC-4711"],
    [
        "en formal: long change record",
        "Emergency change CHG-20260310-01. Summary: the Binary Authorization attestor in project acme-prod has returned HTTP 503 since 08:12 UTC because the Cloud KMS key used for signing was disabled during a scheduled rotation. Impact: no signed image can be deployed, and the checkout service is running a build with a known data-loss defect (INC-4711). Decision: the incident commander (alice) and the security on-call (bob) approved deploying the unsigned hotfix build 2.3.1 with breakglass until the key is restored; the breakglass is removed and the image re-attested within 24 hours, tracked in SEC-812.",
    ],
];

/** Fake breakglass justifications: [what, text, what the message must say]. Each fails with the default config. */
export const FAKE_JUSTIFICATIONS: readonly (readonly [string, string, RegExp])[] = [
    // says only that there is a breakglass, a reason, a test or urgency: nothing about what happened
    ["vacuous: about itself", "this is a justification text", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: the field name itself", "justification for the breakglass", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: a need, no reason", "we need a breakglass here", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: a reason, no reason", "this is a reason for breakglass", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: because reasons", "because reasons, trust me", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: testing purposes", "temporary breakglass for testing purposes", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: just testing", "just testing something quickly", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: needed to work", "needed for the deploy to work", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: see ticket, no ticket", "see ticket for details please", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: an approval, nothing else", "approved by management already", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: goes here", "some justification goes here ok", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: in the ticket", "the justification is in the ticket", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: said so", "reason: because I said so", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: a test justification", "This is a test justification.", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: placeholder text", "placeholder justification text", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: dummy text", "dummy text for the breakglass field", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: no reason needed", "no reason needed for this one", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: testing only", "for testing only, ignore this", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: urgency only", "urgent!! critical, needed asap, please", /names only the breakglass, a reason, a test or urgency/],
    // one real word padded with punctuation, dashes or emoji
    ["word padded with exclamation marks", "rollback!!!!!!!!!!!!!!!!!", /one word padded/],
    ["word padded with dashes", "— rollback ——————————", /one word padded/],
    ["word padded with emoji", "🔥🔥🔥 rollback 🔥🔥🔥🔥🔥🔥🔥🔥", /one word padded/],
    ["word padded with asterisks", "***hotfix***********", /one word padded/],
    ["word padded with dots", "rollback..............", /one word padded/],
    ["word padded with tildes", "~~~ urgent ~~~~~~~~~~~~~~", /one word padded/],
    ["word padded with sirens", "rollback 🚨🚨🚨🚨🚨🚨🚨🚨🚨🚨🚨🚨", /one word padded/],
    ["German word padded with double exclamation marks", "Notfall‼‼‼‼‼‼‼‼‼‼‼‼‼", /one word padded/],
    ["Korean word padded with exclamation marks", "롤백!!!!!!!!!!!!!!!!!!!", /one word padded/],
    ["word padded with guillemets", "»»» hotfix «««««««««««««««", /one word padded/],
    ["word padded with spaced dashes", "hotfix - - - - - - - - - - - - -", /one word padded/],
    ["ticket padded with dashes", "INC-4711 ------------------------------", /one word padded/],
    ["two words padded with punctuation", "prod rollback !!!!!!!!!!!!!!!!!!!!!!!!", /padding/],
    ["two words padded with emoji", "prod rollback 🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥", /padding/],
    ["word padded with fire emoji", "hotfix 🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥", /one word padded/],
    // keyboard rows and columns, joined or typed with spaces between the keys
    ["two rows", "qwertyuiop asdfghjkl", /keyboard mash/],
    ["columns with digits", "1qaz2wsx3edc4rfv5tgb", /keyboard mash/],
    ["columns upwards", "zaq1xsw2cde3vfr4bgt5", /keyboard mash/],
    ["columns without digits", "qazwsxedcrfvtgbyhnujm", /keyboard mash/],
    ["zigzag digits and top row", "1q2w3e4r5t6y7u8i9o0p", /keyboard mash/],
    ["ЙЦУКЕН rows", "фывапролджэ йцукенгшщз", /keyboard mash/],
    ["AZERTY rows", "azertyuiop qsdfghjklm", /keyboard mash/],
    ["QWERTZ rows", "qwertzuiop asdfghjkl yxcvbnm", /keyboard mash/],
    ["rows backwards", "poiuytrewq lkjhgfdsa mnbvcxz", /keyboard mash/],
    ["home-row mash without vowels", "sldkfj sldkfj alskdj fjdksl", /keyboard mash/],
    ["home-row mash, all different", "jfkdls ksjdhf lskdjf alskdjf", /keyboard mash/],
    ["three-key runs", "asd qwe zxc rty fgh vbn uio", /keyboard mash/],
    ["top row with spaces", "q w e r t y u i o p a s", /single letters|keyboard mash/],
    ["columns with spaces and digits", "1 q a z 2 w s x 3 e d c", /single letters|keyboard mash/],
    ["columns with spaces", "q a z w s x e d c r f v", /single letters|keyboard mash/],
    ["ЙЦУКЕН home row with spaces", "ф ы в а п р о л д ж э я", /single letters|keyboard mash/],
    ["home row with spaces and punctuation", "a s d f g h j k l ; '", /single letters|keyboard mash/],
    ["bottom row twice with spaces", "z x c v b n m z x c v b", /single letters|keyboard mash/],
    ["mash next to a real sentence", "rollback of checkout q w e r t y u i", /single letters|keyboard mash/],
    // a run of single letters
    ["alphabet", "a b c d e f g h i j k l", /single letters/],
    ["alphabet, longer", "a b c d e f g h i j k l m n o p", /single letters/],
    ["a word spelled out", "r o l l b a c k n o w !", /single letters/],
    ["x y z again and again", "x y z x y z x y z x y z", /single letters|repeats/],
    // a phrase repeated
    ["two-word phrase", "rollback now rollback now rollback now", /repeats the phrase "rollback now"/],
    ["two-word phrase, four times", "fix prod fix prod fix prod fix prod", /repeats the phrase "fix prod"/],
    ["phrase with commas", "urgent fix, urgent fix, urgent fix, urgent fix", /repeats the phrase "urgent fix"/],
    ["polite phrase", "please approve please approve please approve", /repeats the phrase/],
    ["Korean phrase", "긴급 롤백 긴급 롤백 긴급 롤백", /repeats the phrase/],
    ["Russian phrase", "срочный откат срочный откат срочный откат", /repeats the phrase/],
    ["phrase then a ticket", "fix prod asap fix prod asap fix prod asap, INC-4711", /repeats the phrase "fix prod asap"/],
    ["sentences repeated", "Rollback. Rollback. Rollback. Rollback.", /repeats one word/],
    ["Japanese word repeated", "緊急対応 緊急対応 緊急対応 緊急対応", /repeats/],
    ["long phrase twice", "attestor down rollback checkout attestor down rollback checkout", /repeats the phrase/],
    ["ticket repeated", "INC-4711 INC-4711 INC-4711 INC-4711", /one word padded|repeats/],
    // lorem ipsum
    ["lorem ipsum", "Lorem ipsum dolor sit amet, consectetur adipiscing elit", /lorem ipsum/],
    ["lorem ipsum, short", "Lorem ipsum dolor sit amet", /lorem ipsum/],
    ["lorem ipsum without lorem", "dolor sit amet consectetur adipiscing elit sed do eiusmod", /lorem ipsum/],
    ["Sed ut perspiciatis", "Sed ut perspiciatis unde omnis iste natus error sit voluptatem", /lorem ipsum/],
    ["Cicero's original", "Neque porro quisquam est qui dolorem ipsum quia dolor sit amet", /lorem ipsum/],
    ["a generator's lorem", "Vestibulum ante ipsum primis in faucibus orci", /lorem ipsum/],
    ["lorem ipsum with a ticket", "Lorem ipsum dolor sit amet, INC-4711", /lorem ipsum/],
    // digits only
    ["a digit run", "12345678901234567890", /placeholders and numbers/],
    ["digit runs", "1234567890 0987654321", /placeholders and numbers/],
    ["a number repeated", "4711 4711 4711 4711 4711", /placeholders and numbers/],
    ["dates only", "2026-03-10 2026-03-11 2026", /placeholders and numbers/],
    // found attacking the new rule (beyond the list)
    ["micro sign before placeholders", "μtbd μnil μna μtba μtbc μwip", /lookalike letters/],
    ["placeholders with Cyrillic endings", "todo'у tbd'а nil'е wip'ы", /placeholders and numbers/],
    ["two-key runs", "qw er ty ui op as df", /keyboard mash/],
    ["home-row hammering", "fjdk slak dfjs kdlf ghsl", /keyboard mash/],
    ["word padded with a letter of another script", "rollback ꓸꓸꓸꓸꓸꓸꓸꓸꓸꓸꓸꓸ", /keyboard mash/],
    ["word padded with two letters of another script", "rollback ꓸꓹꓸꓹꓸꓹꓸꓹꓸꓹꓸꓹ", /keyboard mash/],
    ["accented mash", "àsdf qwér zxcv àsdf jklö", /keyboard mash/],
    ["ticket and word padded with placeholders", "INC-4711 rollback n/a n/a n/a n/a n/a n/a n/a", /mostly padding/],
    ["two words, each said four times", "fix fix fix fix prod prod prod prod", /repeats a few words/],
    ["a phrase with a counter", "fix prod 1, fix prod 2, fix prod 3, fix prod 4", /repeats a few words/],
    // keyboard words with real-looking punctuation
    ["mashes with semicolons", "asdf jkl; asdf jkl; asdf", /keyboard mash/],
    // found by the red team (F9): unrendered templates, a form's instruction text, the alphabet in chunks, metasyntactic words
    ["unrendered Jinja placeholders", "{{ justification }} {{ ticket }}", /template placeholders/],
    ["unrendered placeholders with underscores", "{{ breakglass_reason }} {{ incident_ticket }}", /template placeholders/],
    ["ERB placeholders", "<%= reason %> <%= ticket_number %>", /template placeholders/],
    ["Jinja statement and expression", "{% if reason %}{{ reason }}{% endif %} {{ ticket }}", /template placeholders/],
    ["shell variables in braces", "${BREAKGLASS_REASON} ${INCIDENT_TICKET}", /template placeholders/],
    ["bare shell variables", "$BREAKGLASS_REASON $INCIDENT_TICKET", /template placeholders/],
    ["angle-bracket placeholders", "<your justification> <ticket number>", /template placeholders/],
    ["instruction: insert here", "INSERT JUSTIFICATION HERE", /instruction text/],
    ["instruction: enter reason", "ENTER REASON FOR BREAKGLASS", /instruction text/],
    ["instruction: your justification here", "your justification goes here", /instruction text/],
    ["instruction: describe why", "describe why this is needed", /instruction text|padding/],
    ["instruction after a placeholder", "TODO: write a real reason here", /instruction text/],
    ["instruction: please provide", "Please provide a detailed justification", /instruction text/],
    ["German instruction", "Bitte hier die Begründung eingeben", /instruction text/],
    ["French instruction", "Insérez votre justification ici", /instruction text/],
    ["Spanish instruction", "Escriba aquí el motivo, por favor", /instruction text/],
    ["alphabet in chunks of three", "abc def ghi jkl mno pqr", /alphabet/],
    ["alphabet in chunks of four", "abcd efgh ijkl mnop qrst", /alphabet/],
    ["alphabet backwards in chunks", "xyz uvw rst opq lmn ijk", /alphabet/],
    ["alphabet chunks after a word", "rollback abc def ghi jkl mno", /alphabet/],
    ["metasyntactic words", "foo bar baz qux quux corge", /placeholders/],
    ["more metasyntactic words", "grault garply waldo fred plugh xyzzy thud", /placeholders/],
    ["Japanese metasyntactic words", "hoge fuga piyo hogera hogehoge", /placeholders/],
    ["one word among metasyntactic words", "rollback foo bar baz qux quux", /one word padded/],
];

/** Genuine exemption reasons (at least 10 characters): [what, reason]. Each makes its exemption live. */
export const GENUINE_REASONS: readonly (readonly [string, string])[] = [
    ["vendor image with ticket", "vendor image, JIRA-42"],
    ["migration with quarter", "migrating in Q2, JIRA-9"],
    ["signed images", "Legacy batch moves to signed images in SEC-812"],
    ["two words", "legacy app"],
    ["ticket and plan", "PLAT-12 gen2 move"],
    ["verified upstream", "Vendor-signed image, verified in SEC-42"],
    ["short shorthand", "gen1 sunset Q3"],
    ["German", "Ausnahme bis Q3, SEC-9"],
    ["Russian", "Исключение до миграции, PLAT-12"],
    ["Ukrainian with a declined name", "Чекаємо міграцію Cloud Run'у, PLAT-12"],
    ["Japanese", "移行中 PLAT-12"],
    ["Chinese", "供应商镜像，已在 SEC-42 验证"],
    ["formal", "Risk accepted by the CISO until the vendor ships signed images (RISK-2026-014)."],
    ["micro sign", "p99 < 500µs only on gen1, PLAT-77"],
    ["metasyntactic word in a name", "foo-service gen1 until Q3, PLAT-12"],
];

/** Fake exemption reasons (at least 10 characters, not a placeholder word): [what, reason, what the note must say]. */
export const FAKE_REASONS: readonly (readonly [string, string, RegExp])[] = [
    ["vacuous: testing", "temporary exemption for testing", /names only the breakglass, a reason, a test or urgency/],
    ["vacuous: see ticket", "needed for now, see ticket", /names only the breakglass, a reason, a test or urgency/],
    ["keyboard row", "qwertyuiop", /keyboard mash/],
    ["home row with a semicolon", "asdfghjkl;", /keyboard mash/],
    ["bottom row with punctuation", "zxcvbnm,./", /keyboard mash/],
    ["digit run", "1234567890", /placeholders and numbers/],
    ["digit zigzag", "1q2w3e4r5t", /keyboard mash/],
    ["columns", "1qaz2wsx3edc", /keyboard mash/],
    ["ЙЦУКЕН row", "йцукенгшщз", /keyboard mash/],
    ["keys with spaces", "q w e r t y u", /single letters|keyboard mash/],
    ["dots", "..........", /placeholder|repeats a few characters/],
    ["exclamation marks", "!!!!!!!!!!", /repeats a few characters/],
    ["word padded with exclamation marks", "because!!!!!", /one word padded/],
    ["word padded with emoji", "temporary 🔥🔥🔥🔥", /one word padded/],
    ["placeholder then a word", "TODO: later", /one word padded/],
    ["letters", "xxxxxxxxxx", /placeholder|repeats/],
    ["word repeated", "exemption exemption", /repeats one word/],
    ["word repeated three times", "reason reason reason", /repeats one word/],
    ["short word repeated", "fix fix fix fix", /repeats/],
    ["lorem ipsum", "lorem ipsum dolor", /lorem ipsum/],
    ["mash repeated", "asdf asdf asdf", /keyboard mash|repeats/],
    ["word and a number", "ticket 12345678", /one word padded/],
    ["phrase repeated", "ok ok go ok ok go ok ok go", /repeats|single letters|one word/],
    ["alphabet", "a b c d e f g", /single letters/],
    ["template placeholder", "{{ reason }}", /template placeholders/],
    ["instruction text", "ENTER REASON HERE", /instruction text/],
    ["metasyntactic words", "foo bar baz qux", /placeholders/],
    ["alphabet in chunks", "abc def ghi", /alphabet/],
];

/** A v2 service with Binary Authorization on and this breakglass justification. */
function breakglass(j: string): ResourceInput {
    return {
        type: T.service,
        name: "api",
        props: {
            project: PROJECT,
            location: REGION,
            binaryAuthorization: { useDefault: true, breakglassJustification: j },
            template: { containers: [{ image: `${REGION}-docker.pkg.dev/${PROJECT}/app/api:1` }] },
        },
    };
}

/** A service without Binary Authorization, which cloud-run-binauthz-required fails unless an exemption is live. */
const UNPROTECTED: ResourceInput = {
    type: T.service,
    name: "legacy",
    props: {
        project: PROJECT,
        location: REGION,
        template: { containers: [{ image: `${REGION}-docker.pkg.dev/${PROJECT}/app/legacy:1` }] },
    },
};

const slug = (s: string): string =>
    s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");

const entries: JustificationEntry[] = [];
for (const [what, j] of GENUINE_JUSTIFICATIONS) {
    entries.push({
        id: `justification-corpus/genuine/${slug(what)}`,
        category: "justification-corpus",
        policy: BREAKGLASS,
        input: { resources: [breakglass(j)] },
        expect: "pass",
        why: `control: a genuine justification (${what}) passes`,
    });
}
for (const [what, j, why] of FAKE_JUSTIFICATIONS) {
    entries.push({
        id: `justification-corpus/fake/${slug(what)}`,
        category: "justification-corpus",
        policy: BREAKGLASS,
        input: { resources: [breakglass(j)] },
        expect: "fail",
        why: `a fake justification (${what}) says nothing`,
        mentions: ["is not a real justification", why],
    });
}
const exemption = (reason: string) => ({ exemptions: [{ resource: "legacy", reason, expires: "2026-12-31" }] });
for (const [what, reason] of GENUINE_REASONS) {
    entries.push({
        id: `justification-corpus/reason/genuine/${slug(what)}`,
        category: "justification-corpus",
        policy: REQUIRED,
        input: { resources: [UNPROTECTED], config: exemption(reason) },
        expect: "pass",
        why: `control: an exemption with a genuine reason (${what}) is live`,
    });
}
for (const [what, reason, why] of FAKE_REASONS) {
    entries.push({
        id: `justification-corpus/reason/fake/${slug(what)}`,
        category: "justification-corpus",
        policy: REQUIRED,
        input: { resources: [UNPROTECTED], config: exemption(reason) },
        expect: "fail",
        why: `an exemption whose reason (${what}) says nothing is ignored, and the violation says why`,
        mentions: ['exemption "legacy" is ignored', "is not a real justification", why, "exemptions[0] of cloud-run-binauthz-required"],
    });
}

export const JUSTIFICATION_CORPUS: readonly JustificationEntry[] = entries;
