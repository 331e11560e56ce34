import HelpConfig
import HelpContent
import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// `owner:` and `reviewMaxAge`: stale pages are reported at their `reviewed:` line, naming who should review them.
@Suite struct FreshnessTests {
    static let config = FixtureSite.minimalConfig + "\nreviewMaxAge: 12\n"

    static let files: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\nreviewed: 2026-11-01\n---\nHei.\n",
        "content/nb/klage.md": "---\ntitle: Klage\nowner: Team Betaling\nreviewed: 2025-11-15\n---\nTekst.\n",
        "content/nb/gammel.md": "---\ntitle: Gammel\nreviewed: 2024-01-02\n---\nTekst.\n",
        "content/en/klage.md": "---\ntitle: Complaints\nreviewed: 2025-06-01\n---\nText.\n",
        "content/en/gammel.md": "---\ntitle: Old\nowner: Docs EN\nreviewed: 2025-01-01\n---\nText.\n",
    ]

    static func warnings(_ files: [String: String] = files, config: String = config, today: String = "2026-12-03") throws -> [String] {
        let site = try FixtureSite(files, config: config)
        var options = site.options
        options.today = ISO8601DateFormatter().date(from: today + "T12:00:00Z")
        return try SiteBuilder(options: options).check().warnings.map { site.relative($0.description) }
    }

    @Test func pagesReviewedLongerAgoThanReviewMaxAgeAreWarningsNamingTheOwner() throws {
        #expect(try Self.warnings() == [
            "content/en/gammel.md:4:11: warning: page was last reviewed on 2025-01-01, more than 12 months ago (reviewMaxAge; owner: Docs EN); review it and update 'reviewed'",
            "content/en/klage.md:3:11: warning: page was last reviewed on 2025-06-01, more than 12 months ago (reviewMaxAge; owner: Team Betaling); review it and update 'reviewed'",
            "content/nb/gammel.md:3:11: warning: page was last reviewed on 2024-01-02, more than 12 months ago (reviewMaxAge; no owner; name one with 'owner:'); review it and update 'reviewed'",
            "content/nb/klage.md:4:11: warning: page was last reviewed on 2025-11-15, more than 12 months ago (reviewMaxAge; owner: Team Betaling); review it and update 'reviewed'",
        ])
        // On 2026-11-14 nb/klage.md is a day short of a year old.
        #expect(try Self.warnings(today: "2026-11-14").map { String($0.prefix(20)) } == ["content/en/gammel.md", "content/en/klage.md:", "content/nb/gammel.md"])
    }

    @Test func withoutReviewMaxAgeNoPageIsStale() throws {
        #expect(try Self.warnings(config: FixtureSite.minimalConfig).isEmpty)
    }

    /// en/klage.md sets no owner: it is reported under its source page's owner.
    @Test func aTranslationInheritsItsSourcePagesOwnerUnlessItNamesOne() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        let config = try SiteConfigLoader(contentDirectory: site.options.contentDirectory).load()
        let pages = try ContentLoader(contentDirectory: site.options.contentDirectory, config: config).load().pages
        let freshness = PageFreshness(config: config, pages: pages, today: ReviewDate(iso: "2026-12-03")!)
        let owners: [String: String?] = Dictionary(uniqueKeysWithValues: freshness.stale.map { ("\($0.language)/\($0.id)", $0.owner) })
        #expect(owners == ["en/klage": "Team Betaling", "en/gammel": "Docs EN", "nb/klage": "Team Betaling", "nb/gammel": nil])
    }

    @Test func reviewedAndCheckedDatesInTheFutureAreWarningsAtTheirLine() throws {
        var files = Self.files
        files["content/nb/index.md"] = "---\ntitle: Hjem\nreviewed: 2031-11-01\n---\nHei.\n"
        files["content/facts.yaml"] = "arn:\n  name: ARN\n  checked: 2030-01-01\n"
        let warnings = try Self.warnings(files, config: FixtureSite.minimalConfig)
        #expect(warnings == [
            "content/facts.yaml:3:12: warning: fact 'arn': 'checked: 2030-01-01' is in the future (today is 2026-12-03); write the day it was last verified",
            "content/nb/index.md:3:11: warning: 'reviewed: 2031-11-01' is in the future (today is 2026-12-03); write the day the page was last reviewed",
        ])
    }

    /// The real command: pages reviewed in 2020 are stale whatever today is, listed per owner.
    @Test func statusJSONListsStalePagesPerOwner() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/a.md": "---\ntitle: A\nowner: Team B\nreviewed: 2020-03-01\n---\nA.\n",
            "content/nb/b.md": "---\ntitle: B\nowner: Team A\nreviewed: 2020-01-01\n---\nB.\n",
            "content/nb/c.md": "---\ntitle: C\nreviewed: 2020-02-01\n---\nC.\n",
            "content/en/a.md": "---\ntitle: A\nreviewed: 2020-04-01\n---\nA.\n",
        ], config: Self.config)
        let result = site.run(["status", "--content", site.path("content"), "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let stale = try #require(document["stale"] as? [String: Any])
        #expect(stale["reviewMaxAge"] as? Int == 12)
        let owners = try #require(stale["owners"] as? [[String: Any]])
        #expect(owners.map { $0["owner"] as? String } == ["Team A", "Team B", nil])
        let pages = owners.map { ($0["pages"] as? [[String: String]] ?? []).map { "\($0["language"]!)/\($0["id"]!) \($0["reviewed"]!)" } }
        #expect(pages == [["nb/b 2020-01-01"], ["nb/a 2020-03-01", "en/a 2020-04-01"], ["nb/c 2020-02-01"]])
        let html = site.run(["status", "--content", site.path("content"), "--format", "html"]).out
        #expect(html.contains("<h2>Due for review</h2>") && html.contains("<h3>Team A</h3>") && html.contains("<h3>No owner</h3>"))
        #expect(html.contains("<li><code>content/en/a.md</code>, reviewed <time datetime=\"2020-04-01\">2020-04-01</time></li>"))
    }

    @Test func statusJSONHasNoStaleListWithoutReviewMaxAge() throws {
        let site = try FixtureSite(["content/nb/index.md": "---\ntitle: Hjem\nreviewed: 2020-01-01\n---\nHei.\n"])
        let result = site.run(["status", "--content", site.path("content"), "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(document["stale"] is NSNull)
    }
}

/// Links safe mode removes are reported where they are written.
@Suite struct UnsafeLinkTests {
    @Test func aJavaScriptLinkIsAWarningAtTheLinkNamingTheScheme() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nFørste linje.\n\nSe [her](javascript:alert(1)) og ![bilde](data:text/html;base64,AAAA).\n\n[ok](https://example.org) ![png](data:image/png;base64,AAAA) [v](  VBScript:msgbox)\n",
        ])
        let report = try site.build()
        #expect(report.warnings.map { site.relative($0.description) } == [
            "content/nb/index.md:6:4: warning: link with a javascript: URL is removed (it would render as an empty href); unsafe schemes are kept only with 'unsafeHTML: true' in site.yaml",
            "content/nb/index.md:6:34: warning: image with a data: URL is removed (it would render as an empty src); unsafe schemes are kept only with 'unsafeHTML: true' in site.yaml",
            "content/nb/index.md:8:62: warning: link with a vbscript: URL is removed (it would render as an empty href); unsafe schemes are kept only with 'unsafeHTML: true' in site.yaml",
        ])
        let html = try site.read("public/nb/index.html")
        #expect(!html.contains("javascript:") && html.contains("<a href=\"\">her</a>"))
    }

    @Test func withUnsafeHTMLTheLinkIsKeptAndNotReported() throws {
        let site = try FixtureSite(["content/nb/index.md": "---\ntitle: Hjem\n---\n[her](javascript:alert(1))\n"],
                                   config: FixtureSite.minimalConfig + "\nunsafeHTML: true\n")
        #expect(try site.build().warnings.isEmpty)
    }
}
