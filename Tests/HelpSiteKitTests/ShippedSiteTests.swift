import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// The help centre in `content/` as shipped, built with the shipped templates into a temporary folder.
@Suite struct ShippedSiteTests {
    static let languages = ["nb", "en", "sv", "da", "fi", "de", "nl", "fr", "es", "it", "pl", "el"]

    func buildShipped(editing edit: (FixtureSite) throws -> Void = { _ in }) throws -> FixtureSite {
        let site = try FixtureSite([:], config: nil)
        try FileManager.default.copyItem(atPath: FixtureSite.repositoryRoot.appendingPathComponent("content").path, toPath: site.path("content"))
        try edit(site)
        let report = try site.build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        return site
    }

    @Test func twelveLanguagesEightPagesAndEverySwitcherLeadsToTheSamePage() throws {
        let site = try buildShipped()
        let all = try site.snapshot().filter { $0.key.hasSuffix("/index.html") && $0.key.contains("/") }
        let pages = all.filter { !String(decoding: $0.value, as: UTF8.self).contains("<body class=\"layout-search\">") }
        #expect(pages.count == 96)
        // Search is on: one results page per language, besides the articles.
        #expect(all.count - pages.count == 12)
        #expect(site.exists("public/pagefind/pagefind-entry.json"))
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            let alternates = Self.alternates(in: html)
            #expect(alternates.count == 13, "\(path) has \(alternates.count) alternates")
            let switcher = Self.switcherLinks(in: html)
            #expect(switcher.count == 12, "\(path)")
            for (language, href) in switcher {
                let target = try #require(HTMLLinks.file(for: href, in: site.path("public")))
                let targetHTML = try String(contentsOfFile: target, encoding: .utf8)
                #expect(targetHTML.contains("<html lang=\"\(language)\""), "\(path) → \(href)")
                #expect(Self.alternates(in: targetHTML) == alternates, "\(path) → \(href) is not the same page")
            }
        }
        try expectInternalLinksResolve(site, basePath: "/")
    }

    @Test func changingAFactChangesEveryLanguage() throws {
        let site = try buildShipped { site in
            let facts = try site.read("content/facts.yaml").replacingOccurrences(of: "+46 8 508 860 00", with: "+46 8 123 456 78")
            try site.write("content/facts.yaml", facts)
        }
        var found = 0
        for (path, data) in try site.snapshot() where path.hasSuffix("/arn/index.html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<a href=\"tel:+46812345678\">+46 8 123 456 78</a>"), "\(path)")
            #expect(!html.contains("508 860 00"), "\(path)")
            found += 1
        }
        #expect(found == 12)
    }

    /// The shipped facts give no ARN phone hours (none could be verified, see content/SOURCES.md); the test adds some.
    @Test func openingHoursFollowTheLocale() throws {
        let site = try buildShipped { site in
            let facts = try site.read("content/facts.yaml")
            try site.write("content/facts.yaml", facts.replacingOccurrences(of: "  phone: +46 8 508 860 00\n",
                                                                               with: "  phone: +46 8 508 860 00\n  phoneHours:\n    - \"09:00-12:00\"\n    - \"13:00-15:00\"\n"))
        }
        #expect(try site.read("public/nb/arn/index.html").contains("09:00–12:00 og 13:00–15:00"))
        #expect(try site.read("public/fi/arn/index.html").contains("9.00–12.00 ja 13.00–15.00"))
    }

    static func alternates(in html: String) -> [String] {
        html.components(separatedBy: "\n").filter { $0.hasPrefix("<link rel=\"alternate\"") }
    }

    /// (language, href) pairs of the language switcher's links.
    static func switcherLinks(in html: String) -> [(String, String)] {
        guard let start = html.range(of: "class=\"language-switcher\""),
              let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else { return [] }
        let block = String(html[start.upperBound..<end.lowerBound])
        return block.components(separatedBy: "<a ").dropFirst().compactMap { tag in
            guard let href = HTMLLinks.hrefs(in: "<a " + tag).first,
                  let langStart = tag.range(of: "lang=\""),
                  let langEnd = tag[langStart.upperBound...].firstIndex(of: "\"") else { return nil }
            return (String(tag[langStart.upperBound..<langEnd]), href)
        }
    }
}

@Suite struct LanguageFeatureTests {
    @Test func quotesFollowEachLanguageAndCodeIsUntouched() throws {
        let body = "Han sa \"hei\" og `\"kode\"`.\n"
        var files: [String: String] = [:]
        for language in ["nb", "de", "sv", "fr", "pl", "en"] {
            files["content/\(language)/index.md"] = "---\ntitle: T\n---\n" + body
        }
        let site = try FixtureSite(files, config: "title: T\nbaseURL: https://x.org/\ndefaultLanguage: nb\nlanguages: [nb, de, sv, fr, pl, en]\n")
        try site.build()
        let expected = [
            "nb": "«hei»", "de": "„hei“", "sv": "”hei”", "fr": "«\u{00A0}hei\u{00A0}»", "pl": "„hei”", "en": "“hei”",
        ]
        for (language, quoted) in expected {
            let html = try site.read("public/\(language)/index.html")
            #expect(html.contains("Han sa \(quoted) og <code>&quot;kode&quot;</code>."), "\(language)")
        }
    }

    /// Quotes a writer types in the language's own style stay as typed: in „Hallo“ the “ closes.
    @Test func typedLowOpeningQuotesAreClosedByTheNextQuote() throws {
        var files: [String: String] = [:]
        for language in ["nb", "de", "cs"] {
            files["content/\(language)/index.md"] = "---\ntitle: T\n---\nEr sagte „Hallo“ und \"Tschüss\".\n"
        }
        let site = try FixtureSite(files, config: "title: T\nbaseURL: https://x.org/\ndefaultLanguage: nb\nlanguages: [nb, de, cs]\n")
        try site.build()
        for language in ["de", "cs"] {
            #expect(try site.read("public/\(language)/index.html").contains("Er sagte „Hallo“ und „Tschüss“."), "\(language)")
        }
    }

    @Test func frenchSpacingBeforePunctuation() throws {
        let site = try FixtureSite([
            "content/fr/index.md": "---\ntitle: Aide\n---\nAttention : lisez ceci ! Pourquoi ? Voilà ; `a ? b`\n",
        ], config: "title: T\nbaseURL: https://x.org/\ndefaultLanguage: fr\nlanguages: [fr]\n")
        try site.build()
        let html = try site.read("public/fr/index.html")
        #expect(html.contains("Attention\u{00A0}: lisez ceci\u{202F}! Pourquoi\u{202F}? Voilà\u{202F}; <code>a ? b</code>"))
    }

    @Test func rightToLeftLanguagesGetDirRTL() throws {
        let site = try FixtureSite([
            "content/en/index.md": "---\ntitle: Help\n---\nx\n",
            "content/ar/index.md": "---\ntitle: مساعدة\n---\nنص\n",
        ], config: "title: T\nbaseURL: https://x.org/\ndefaultLanguage: en\nlanguages: [en, ar]\n")
        try site.build()
        #expect(try site.read("public/ar/index.html").contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(try site.read("public/en/index.html").contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(try site.read("public/index.html").contains("<li lang=\"ar\" dir=\"rtl\">"))
        let css = try site.read("public/assets/site.css")
        for physical in ["margin-left", "margin-right", "padding-left", "padding-right", "text-align: left", "text-align: right", "float: left", "float: right"] {
            #expect(!css.contains(physical), "site.css uses \(physical); use logical properties so RTL mirrors")
        }
    }

    static let contactPage = "---\ntitle: Kontakt\nlayout: contact\n---\nSkriv til oss.\n"

    /// Without an endpoint the page says nothing of a form: the text around it must not promise one.
    @Test func contactPageWithoutEndpointShowsNoFormAndNoFormHeading() throws {
        let site = try FixtureSite(["content/nb/index.md": "---\ntitle: Hjem\n---\n", "content/nb/contact.md": Self.contactPage],
                                   config: "title: T\nbaseURL: https://x.org/\ndefaultLanguage: nb\nlanguages: [nb]\nloginURL: https://x.org/login\n")
        try site.build()
        let html = try site.read("public/nb/contact/index.html")
        #expect(!html.contains("<form"))
        #expect(!html.contains("contact-unavailable"))
        #expect(!html.contains("id=\"form-title\""))
        #expect(html.contains("href=\"https://x.org/login\""))
    }

    @Test func contactFormWithEndpointIsAnAccessibleForm() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\n", "content/nb/contact.md": Self.contactPage,
            "content/nb/strings.yaml": "formName: Navn\nformErrorRequired: Fyll ut dette feltet.\n",
        ], config: "title: T\nbaseURL: https://x.org/\ndefaultLanguage: nb\nlanguages: [nb]\ncontactFormEndpoint: https://forms.example.org/contact\n")
        try site.build()
        let html = try site.read("public/nb/contact/index.html")
        #expect(html.contains("action=\"https://forms.example.org/contact\""))
        #expect(html.contains("<label for=\"contact-name\">Navn"))
        #expect(html.contains("autocomplete=\"name\" required"))
        #expect(html.contains("autocomplete=\"email\""))
        #expect(html.contains("data-error-required=\"Fyll ut dette feltet.\""))
    }
}
