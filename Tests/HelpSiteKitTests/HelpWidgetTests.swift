import Foundation
import HelpContent
import HelpSiteKit
import Testing

/// In-product help: `contexts:` front matter, `<language>/articles.json` and the cross-origin headers files.
@Suite struct HelpWidgetTests {
    static let config = """
        title: Test Help
        baseURL: https://help.example.org/
        defaultLanguage: nb
        languages: [nb, en, pl]
        """

    /// nb is the source; en translates `betaling` (current stamp, own contexts) and not `konto`; pl translates `betaling`
    /// without contexts of its own and from an old version of it.
    static func site(config: String = HelpWidgetTests.config, extra: [String: String] = [:]) throws -> FixtureSite {
        let betaling = "---\ntitle: Betaling\ndescription: Slik betaler du.\nreviewed: 2026-10-01\ncontexts: [/checkout/*, /settings/payments]\n---\nBetal.\n"
        let hash = SourceHash.of(title: "Betaling", description: "Slik betaler du.", body: "Betal.\n")
        var files = [
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/betaling.md": betaling,
            "content/nb/konto.md": "---\ntitle: Konto\ncontexts:\n  - /settings/*\n---\nKonto.\n",
            "content/nb/annet.md": "---\ntitle: Annet\n---\nIngen kontekst.\n",
            "content/en/index.md": "---\ntitle: Home\n---\nHello.\n",
            "content/en/betaling.md": "---\ntitle: Paying\nslug: paying\nsource: \(hash)\ncontexts: [/checkout/pay]\n---\nPay.\n",
            "content/pl/index.md": "---\ntitle: Start\n---\nCześć.\n",
            "content/pl/betaling.md": "---\ntitle: Płatność\nsource: 000000000000\n---\nZapłać.\n",
        ]
        files.merge(extra) { _, new in new }
        return try FixtureSite(files, config: config)
    }

    static func articles(_ site: FixtureSite, _ language: String) throws -> (document: [String: Any], articles: [String: [String: Any]]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: site.path("public/\(language)/articles.json")))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let list = try #require(document["articles"] as? [[String: Any]])
        return (document, Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0) }))
    }

    @Test func articlesListTheTranslationOrTheLabelledSourcePage() throws {
        let site = try Self.site()
        try site.build()
        let (document, en) = try Self.articles(site, "en")
        #expect(document["language"] as? String == "en")
        #expect(document["search"] is NSNull, "search is off in this site")
        #expect(document["home"] as? String == "/en/")
        #expect((document["strings"] as? [String: String])?["button"] == "Help")
        // Only pages with contexts; the page without any is left out.
        #expect(Set(en.keys) == ["betaling", "konto"])
        #expect(en["betaling"]?["title"] as? String == "Paying")
        #expect(en["betaling"]?["url"] as? String == "/en/paying/")
        #expect(en["betaling"]?["language"] as? String == "en")
        #expect(en["betaling"]?["contexts"] as? [String] == ["/checkout/pay"], "a translation's own contexts replace its source's")
        #expect(en["betaling"]?["state"] as? String == "translated")
        #expect(en["betaling"]?["reviewed"] as? String == "2026-10-01", "a current translation shows its source's review date")
        #expect(en["betaling"]?["note"] == nil)
        // Missing in English: the nb page, said to be in norsk bokmål, at the en fallback page's URL.
        #expect(en["konto"]?["title"] as? String == "Konto")
        #expect(en["konto"]?["url"] as? String == "/en/konto/")
        #expect(en["konto"]?["language"] as? String == "nb")
        #expect(en["konto"]?["state"] as? String == "fallback")
        #expect(en["konto"]?["note"] as? String == "in norsk bokmål")
        #expect(en["konto"]?["contexts"] as? [String] == ["/settings/*"])
        #expect(en["konto"]?["reviewed"] is NSNull)

        let (_, pl) = try Self.articles(site, "pl")
        #expect(pl["betaling"]?["state"] as? String == "outdated")
        #expect(pl["betaling"]?["contexts"] as? [String] == ["/checkout/*", "/settings/payments"], "a translation without contexts takes its source's")
        #expect(pl["konto"]?["note"] as? String == "w języku: norsk bokmål")

        let (_, nb) = try Self.articles(site, "nb")
        #expect(nb["betaling"]?["state"] as? String == "source")
        #expect(nb["betaling"]?["description"] as? String == "Slik betaler du.")

        // Deterministic: a second build writes the same bytes.
        let first = try site.read("public/en/articles.json")
        try site.build()
        #expect(try site.read("public/en/articles.json") == first)
    }

    /// With `fallback: omit` no en page is built for `konto`: the widget links the nb page itself.
    @Test func withoutFallbackPagesTheSourcePageIsListedAtItsOwnURL() throws {
        let site = try Self.site(config: Self.config + "\nfallback: omit\nsearch: true\n")
        try site.build()
        let (document, en) = try Self.articles(site, "en")
        #expect(document["search"] as? String == "/en/search/")
        #expect(en["konto"]?["url"] as? String == "/nb/konto/")
        #expect(en["konto"]?["language"] as? String == "nb")
        #expect(en["konto"]?["state"] as? String == "fallback")
    }

    @Test func badContextPatternsAreErrorsAtTheirEntry() throws {
        let site = try Self.site(extra: [
            "content/nb/konto.md": "---\ntitle: Konto\ncontexts:\n  - settings/*\n  - https://app.example/x\n  - /a?b=c\n  - /a b\n  - /ok/*\n---\nKonto.\n",
        ])
        #expect(site.buildErrors() == [
            "content/nb/konto.md:4:5: error: context 'settings/*' must start with '/', the path of a product page (such as /settings/*)",
            "content/nb/konto.md:5:5: error: context 'https://app.example/x' is a full URL; write only its path, such as /checkout/*",
            "content/nb/konto.md:6:5: error: context '/a?b=c' has a query ('?'); the widget matches the path only",
            "content/nb/konto.md:7:5: error: context '/a b' has U+20, which a URL path cannot hold; percent-encode it",
        ])
        #expect(!site.exists("public"))
    }

    @Test func headersFilesLetOtherOriginsReadTheArticlesAndTheScript() throws {
        let site = try Self.site()
        try site.build(baseURL: "https://help.example.org/help/")
        #expect(site.exists("public/assets/help-widget.js"))
        #expect(try site.read("public/_headers") == """
            # Written by helpsite: product pages on other origins read these (the help widget).
            /help/nb/articles.json
              Access-Control-Allow-Origin: *
            /help/en/articles.json
              Access-Control-Allow-Origin: *
            /help/pl/articles.json
              Access-Control-Allow-Origin: *
            /help/assets/help-widget.js
              Access-Control-Allow-Origin: *

            """)
        let nginx = try site.read("public/nginx-headers.conf")
        #expect(nginx.contains("location = \"/help/en/articles.json\" { add_header Access-Control-Allow-Origin \"*\" always; }\n"))
        #expect(nginx.contains("location = \"/help/assets/help-widget.js\" { add_header Access-Control-Allow-Origin \"*\" always; }\n"))
    }

    @Test func aPageCannotTakeTheArticlesPath() throws {
        let site = try Self.site(extra: [
            "content/nb/annet.md": "---\ntitle: Annet\naliases: [articles.json]\n---\nTekst.\n",
            "content/en/json.md": "---\ntitle: JSON\nslug: articles.json\n---\nTekst.\n",
        ])
        #expect(site.buildErrors() == [
            "content/en/json.md:3:7: error: /en/articles.json/ is the en article list of the help widget (en/articles.json)",
            "content/nb/annet.md:3:11: error: alias 'articles.json' of content/nb/annet.md (/nb/articles.json/) is the nb article list of the help widget (nb/articles.json)",
        ])
    }

    /// `build --cache` takes unchanged pages from its page index: their contexts must survive it.
    @Test func contextsSurviveThePageIndexCache() throws {
        let site = try Self.site()
        let first = site.runBuild(["--cache", site.path("cache")])
        #expect(first.status == 0, "\(first.err)")
        let before = try site.read("public/en/articles.json")
        try site.write("content/nb/annet.md", "---\ntitle: Annet\n---\nEndret.\n")
        let second = site.runBuild(["--cache", site.path("cache")])
        #expect(second.status == 0, "\(second.err)")
        #expect(try site.read("public/en/articles.json") == before)
    }
}
