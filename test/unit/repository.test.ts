// The repository URL comes from package.json alone, in any form npm accepts.
import { strict as assert } from "node:assert";
import { FALLBACK_REPOSITORY, repositoryUrl } from "../../policies/model/repository";

describe("repositoryUrl (package.json repository → the URL Pulumi Cloud links to)", () => {
    const cases: [unknown, string][] = [
        [
            { repository: { type: "git", url: "https://github.com/acme/cloud-run-binauthz.git" } },
            "https://github.com/acme/cloud-run-binauthz",
        ],
        [{ repository: { type: "git", url: "git+https://github.com/acme/crb.git" } }, "https://github.com/acme/crb"],
        [{ repository: "github:acme/crb" }, "https://github.com/acme/crb"],
        [{ repository: "acme/crb" }, "https://github.com/acme/crb"],
        [{ repository: "gitlab:acme/crb" }, "https://gitlab.com/acme/crb"],
        [{ repository: "git@github.com:acme/crb.git" }, "https://github.com/acme/crb"],
        [{ repository: { url: "ssh://git@git.acme.example:2222/platform/crb.git" } }, "https://git.acme.example/platform/crb"],
        [{ repository: { url: "https://github.com/acme/crb/" } }, "https://github.com/acme/crb"],
    ];
    for (const [manifest, url] of cases) it(`${JSON.stringify(manifest)} → ${url}`, () => assert.equal(repositoryUrl(manifest), url));

    it("anything else falls back to the package's npm page, never throws", () => {
        for (const m of [
            undefined,
            null,
            42,
            {},
            { repository: 7 },
            { repository: { url: ["x"] } },
            { repository: "not a url at all" },
            { repository: "javascript:alert(1)" },
            { repository: `https://github.com/${"a".repeat(5000)}` },
        ])
            assert.equal(repositoryUrl(m), FALLBACK_REPOSITORY, JSON.stringify(m)?.slice(0, 60));
    });
});
