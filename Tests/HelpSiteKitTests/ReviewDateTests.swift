import HelpContent
import HelpCore
import Foundation
import HelpSiteKit
import Testing

@Suite struct ReviewDateTests {
    static let config = """
        title: Test Help
        baseURL: https://help.example.org/
        defaultLanguage: nb
        languages: [nb, de, en]
        """

    static func site(nbFrontMatter: String = "reviewed: 2026-11-20\n") throws -> FixtureSite {
        let body = "Tekst.\n"
        let stamp = SourceHash.of(title: "Klage", description: "", body: body)
        return try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/klage.md": "---\ntitle: Klage\n\(nbFrontMatter)---\n\(body)",
            "content/nb/strings.yaml": "reviewedOn: \"Sist gjennomgått {date}\"\n",
            "content/de/strings.yaml": "reviewedOn: \"Zuletzt geprüft am {date}\"\n",
            "content/de/index.md": "---\ntitle: Start\n---\nHallo.\n",
            "content/de/klage.md": "---\ntitle: Beschwerde\nsource: \(stamp)\n---\nText.\n",
            "content/en/index.md": "---\ntitle: Home\n---\nHello.\n",
            "content/en/klage.md": "---\ntitle: Complaints\nsource: 000000000000\n---\nText.\n",
        ], config: config)
    }

    @Test func theDateIsShownInEachLanguageAndOnlyOnUpToDateTranslations() throws {
        let site = try Self.site()
        try site.build()
        let nb = try site.read("public/nb/klage/index.html")
        #expect(nb.contains(#"<p class="page-reviewed">Sist gjennomgått <time datetime="2026-11-20">20. november 2026</time></p>"#))
        let de = try site.read("public/de/klage/index.html")
        #expect(de.contains(#"<p class="page-reviewed">Zuletzt geprüft am <time datetime="2026-11-20">20. November 2026</time></p>"#))
        // The English translation is stamped from another version: its text was not reviewed on that date.
        #expect(try !site.read("public/en/klage/index.html").contains("page-reviewed"))
        // Pages without a date say nothing.
        #expect(try !site.read("public/nb/index.html").contains("page-reviewed"))
    }

    @Test func buildsWithReviewDatesAreByteIdentical() throws {
        let site = try Self.site()
        try site.build()
        let first = try site.snapshot()
        try site.build(output: "again")
        #expect(try site.snapshot("again") == first)
    }

    @Test(arguments: [
        ("reviewed: 2026-02-30\n", "content/nb/klage.md:3:11: error: 'reviewed: 2026-02-30' is not a date; write it YYYY-MM-DD, such as 2026-11-20"),
        ("reviewed: 20.11.2026\n", "content/nb/klage.md:3:11: error: 'reviewed: 20.11.2026' is not a date; write it YYYY-MM-DD, such as 2026-11-20"),
        ("reviewed: [2026-11-20]\n", "content/nb/klage.md:3:11: error: 'reviewed' must be a date written YYYY-MM-DD, such as 2026-11-20"),
    ])
    func anInvalidDateIsAnErrorAtItsPosition(frontMatter: String, expected: String) throws {
        let site = try Self.site(nbFrontMatter: frontMatter)
        #expect(site.buildErrors() == [expected])
    }

    @Test func datesAreCheckedStrictly() {
        #expect(ReviewDate(iso: "2028-02-29")?.iso == "2028-02-29")
        #expect(ReviewDate(iso: "2026-02-29") == nil)
        #expect(ReviewDate(iso: "2026-13-01") == nil)
        #expect(ReviewDate(iso: "2026-1-01") == nil)
        #expect(ReviewDate(iso: "+026-01-01") == nil)
    }
}
