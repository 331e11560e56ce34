import Foundation
import HelpCore
import HelpSiteKit
import Testing

/// Issue 22, "For AI assistants" and "What's new": Markdown twins, llms.txt, llms-full.txt and the Atom feeds.
@Suite struct ReaderTextTests {
    static let klage = """
        ---
        title: Klage
        description: Slik klager du.
        reviewed: 2026-12-01
        ---
        Les om [ARN](arn.md#gebyr) og [fristene](#frister).

        ::: contact arn

        ::: note

        Husk **fristen**.

        :::

        ## Frister {#frister}

        Tekst med [en lenke](\(Self.klageLink)).

        """
    static let klageLink = "/nb/arn/"

    static func site(klageLink: String = klageLink) throws -> FixtureSite {
        try FixtureSite([
            "content/facts.yaml": """
                arn:
                  name: Allmänna reklamationsnämnden (ARN)
                  website: https://arn.se/
                  phone: +46 8 508 860 00
                  applicationFee: 150 SEK
                """,
            "content/nb/index.md": "---\ntitle: Hjem\nreviewed: 2026-11-01\n---\nHei. Se [klage](klage.md).\n",
            "content/nb/klage.md": klage.replacingOccurrences(of: Self.klageLink, with: klageLink),
            "content/nb/arn.md": "---\ntitle: ARN\nreviewed: 2026-11-20\n---\n## Gebyr {#gebyr}\n\nTekst.\n",
            "content/en/index.md": "---\ntitle: Home\nreviewed: 2026-10-01\n---\nHello.\n",
        ])
    }

    @Test func aTwinHasTheFactsCardAndTheNoteAsPlainMarkdownAndAbsoluteLinks() throws {
        let site = try Self.site()
        try site.build()
        let twin = try site.read("public/nb/klage/index.md")
        #expect(twin.hasPrefix("# Klage\n\nSlik klager du.\n\nLes om [ARN](https://help.example.org/nb/arn/#gebyr) og [fristene](https://help.example.org/nb/klage/#frister).\n"))
        #expect(twin.contains("""
            **Allmänna reklamationsnämnden (ARN)**

              - Nettsted: [arn.se](https://arn.se/)
              - Telefon: [+46 8 508 860 00](tel:+46850886000)
              - Søknadsavgift: 150\u{A0}SEK

            """))
        #expect(twin.contains("> Husk **fristen**.\n"))
        #expect(twin.contains("## Frister\n"))
        #expect(twin.contains("[en lenke](https://help.example.org/nb/arn/)"))
        #expect(!twin.contains(":::") && !twin.contains("{#") && !twin.contains("<"))
        #expect(twin.hasSuffix("Sist gjennomgått 1. desember 2026\n"))
    }

    @Test func aFallbackTwinStatesItsNoticeOnTheFirstLine() throws {
        let site = try Self.site()
        try site.build()
        let twin = try site.read("public/en/klage/index.md")
        let lines = twin.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "> This page is not yet available in English. Here it is in norsk bokmål.")
        #expect(lines.dropFirst().first == "")
        #expect(lines.dropFirst(2).first == "# Klage")
        // llms-full.txt is every page of the language, fallbacks with their notice.
        let full = try site.read("public/en/llms-full.txt")
        #expect(full.hasPrefix("# ARN") || full.hasPrefix("> This page"))
        #expect(full.contains(twin))
    }

    @Test func everyPageLinksItsTwinAndTheHomePageItsFeed() throws {
        let site = try Self.site()
        try site.build()
        let page = try site.read("public/nb/klage/index.html")
        #expect(page.contains(#"<link rel="alternate" type="text/markdown" href="/nb/klage/index.md">"#))
        #expect(!page.contains("application/atom+xml"))
        let home = try site.read("public/nb/index.html")
        #expect(home.contains(#"<link rel="alternate" type="text/markdown" href="/nb/index.md">"#))
        #expect(home.contains(#"<link rel="alternate" type="application/atom+xml" title="Hva er nytt" href="/nb/feed.xml">"#))
        #expect(home.contains(#"<a href="/nb/feed.xml" type="application/atom+xml">Hva er nytt (Atom)</a>"#))
        #expect(try site.read("public/en/index.html").contains(#"<a href="/en/feed.xml" type="application/atom+xml">What&#39;s new (Atom)</a>"#)
                || site.read("public/en/index.html").contains(#"<a href="/en/feed.xml" type="application/atom+xml">What&apos;s new (Atom)</a>"#))
    }

    @Test func llmsTextListsEveryLanguageAndOnlyURLsTheBuildWrites() throws {
        let site = try Self.site()
        try site.build()
        let text = try site.read("public/llms.txt")
        #expect(text.hasPrefix("# Test Help\n\n> "))
        #expect(text.contains("\n## Norsk bokmål (nb)\n"))
        #expect(text.contains("\n## English (en)\n"))
        #expect(text.contains("- [Klage](https://help.example.org/nb/klage/index.md): Slik klager du.\n"))
        var urls: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            urls.append(String(after[..<close]))
            rest = after[close...]
        }
        #expect(urls.count == 6)
        for url in urls {
            #expect(url.hasPrefix("https://help.example.org/"))
            #expect(site.exists("public/" + url.dropFirst("https://help.example.org/".count)), "\(url)")
        }
    }

    @Test func theFeedListsTheNewestTextFirstAndIsTheSameOnEveryBuild() throws {
        let site = try Self.site()
        try site.build()
        let feed = try site.read("public/nb/feed.xml")
        let titles = feed.components(separatedBy: "<entry>").dropFirst().map { entry in
            entry.components(separatedBy: "<title>")[1].components(separatedBy: "</title>")[0]
        }
        #expect(titles == ["Klage", "ARN", "Hjem"])
        #expect(feed.contains("<updated>2026-12-01T00:00:00Z</updated>\n  <author>"))
        #expect(feed.contains("<title>Test Help – Hva er nytt</title>"))
        #expect(feed.contains(#"<link rel="self" type="application/atom+xml" href="https://help.example.org/nb/feed.xml"/>"#))
        // A fallback is not the language's own update.
        #expect(try site.read("public/en/feed.xml").components(separatedBy: "<entry>").count == 2)
        try site.build(output: "again")
        #expect(try site.snapshot("again") == site.snapshot())
    }

    @Test func checkReportsATwinLinkToNothingTheBuildWrites() throws {
        let site = try Self.site(klageLink: "/nb/finnes-ikke/")
        let report = try SiteBuilder(options: site.options).check()
        let warnings = report.warnings.map { site.relative($0.description) }
        #expect(warnings.contains("content/nb/klage.md:18:11: warning: link '/nb/finnes-ikke/' leads to https://help.example.org/nb/finnes-ikke/, which the build does not write (found in the page's Markdown twin https://help.example.org/nb/klage/index.md)"),
                "\(warnings)")
        let good = try Self.site()
        #expect(try SiteBuilder(options: good.options).check().warnings.isEmpty)
        // Outside the language folders the host may serve other files; a link the page already warns about is not reported twice.
        for link in ["/files/skjema.pdf", "skjema.pdf"] {
            let other = try Self.site(klageLink: link)
            let warnings = try SiteBuilder(options: other.options).check().warnings.map(\.description)
            #expect(!warnings.contains { $0.contains("Markdown twin") }, "\(warnings)")
        }
    }
}
