import HelpCore
import Foundation
import HelpSiteKit
import Testing

@Suite struct RelatedPagesTests {
    static let config = """
        title: Test Help
        baseURL: https://help.example.org/
        defaultLanguage: nb
        languages: [nb, en]
        """

    static func site(_ extra: [String: String] = [:]) throws -> FixtureSite {
        var files = [
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/a.md": "---\ntitle: Alfa\norder: 3\n---\nA.\n",
            "content/nb/b.md": "---\ntitle: Beta\norder: 1\n---\nB.\n",
            "content/nb/c.md": "---\ntitle: Gamma\norder: 2\n---\nC.\n",
            "content/nb/mappe/d.md": "---\ntitle: Delta\n---\nD.\n",
            "content/nb/strings.yaml": "relatedTitle: Relaterte artikler\nrelatedInLanguage: \"(på {source})\"\n",
            "content/en/strings.yaml": "relatedTitle: Related articles\nrelatedInLanguage: \"(in {source})\"\n",
            "content/en/index.md": "---\ntitle: Home\n---\nHello.\n",
            "content/en/a.md": "---\ntitle: Alpha\norder: 3\n---\nA.\n",
            "content/en/b.md": "---\ntitle: Bravo\norder: 1\n---\nB.\n",
        ]
        files.merge(extra) { _, new in new }
        return try FixtureSite(files, config: config)
    }

    /// The related links of a built page, as (href, text) in order.
    static func related(_ html: String) -> [String] {
        guard let start = html.range(of: "<nav class=\"related\""), let end = html[start.upperBound...].range(of: "</nav>") else { return [] }
        return html[start.lowerBound..<end.lowerBound].components(separatedBy: "<li>").dropFirst().map {
            $0.components(separatedBy: "</li>")[0]
        }
    }

    @Test func withoutRelatedAPageSuggestsTheOtherPagesOfItsFolderByOrder() throws {
        let site = try Self.site()
        try site.build()
        #expect(Self.related(try site.read("public/nb/a/index.html")) == [
            #"<a href="/nb/b/">Beta</a>"#, #"<a href="/nb/c/">Gamma</a>"#,
        ])
        // In English: English titles, and the untranslated Gamma is labelled, with its language and no hreflang.
        #expect(Self.related(try site.read("public/en/a/index.html")) == [
            #"<a href="/en/b/">Bravo</a>"#, #"<a href="/en/c/" lang="nb" dir="ltr">Gamma</a> <span class="related__note">(in norsk bokmål)</span>"#,
        ])
        #expect(try !site.read("public/en/a/index.html").contains("hreflang=\"nb\" href=\"https://help.example.org/en/c/"))
        // Alone in its folder, and the language home: nothing to suggest, no empty heading.
        #expect(try !site.read("public/nb/mappe/d/index.html").contains("class=\"related\""))
        #expect(try !site.read("public/nb/index.html").contains("class=\"related\""))
    }

    @Test func relatedKeepsTheWritersOrderAndTranslationsFollowTheirSource() throws {
        let site = try Self.site(["content/nb/b.md": "---\ntitle: Beta\nrelated: [mappe/d, a]\n---\nB.\n"])
        try site.build()
        #expect(Self.related(try site.read("public/nb/b/index.html")) == [#"<a href="/nb/mappe/d/">Delta</a>"#, #"<a href="/nb/a/">Alfa</a>"#])
        #expect(Self.related(try site.read("public/en/b/index.html")) == [
            #"<a href="/en/mappe/d/" lang="nb" dir="ltr">Delta</a> <span class="related__note">(in norsk bokmål)</span>"#,
            #"<a href="/en/a/">Alpha</a>"#,
        ])
    }

    @Test func anUnknownRelatedPageIsAnErrorWithASuggestion() throws {
        let site = try Self.site(["content/nb/b.md": "---\ntitle: Beta\nrelated:\n  - a\n  - mappe/dd\n  - zzzzzz\n---\nB.\n"])
        #expect(site.buildErrors() == [
            "content/nb/b.md:5:5: error: related page 'mappe/dd' does not exist in any language; did you mean 'mappe/d'?",
            "content/nb/b.md:6:5: error: related page 'zzzzzz' does not exist in any language",
        ])
    }
}
