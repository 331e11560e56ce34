import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// Facts record where they come from and when they were checked; old checks are flagged for re-verification.
@Suite struct FactsProvenanceTests {
    static let files: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\n::: contact arn\n",
        "content/facts.yaml": """
            arn:
              name: ARN
              phone: +46 8 508 860 00
              phoneHours: ["09:00-12:00"]
              source: https://www.arn.se/
              checked: 2025-11-01
            fresh:
              name: Fresh
              checked: 2026-11-30
            """,
    ]

    func warnings(today: String, config: String = FixtureSite.minimalConfig) throws -> [String] {
        let site = try FixtureSite(Self.files, config: config)
        var options = site.options
        options.today = ISO8601DateFormatter().date(from: today + "T12:00:00Z")
        return try SiteBuilder(options: options).build().warnings.map { site.relative($0.description) }.filter { $0.contains("fact '") }
    }

    @Test func factCheckedLongerAgoThanFactsMaxAgeIsAWarningAtItsLine() throws {
        #expect(try warnings(today: "2026-12-02") == [
            "content/facts.yaml:6:12: warning: fact 'arn' was last checked on 2025-11-01, more than 12 months ago (factsMaxAge); verify it against its source and update 'checked'",
        ])
        #expect(try warnings(today: "2026-10-31").isEmpty)
        #expect(try warnings(today: "2026-12-02", config: FixtureSite.minimalConfig + "\nfactsMaxAge: 24\n").isEmpty)
    }

    @Test func provenanceIsNeverShownOnTheCardAndPhoneHoursAre() throws {
        let site = try FixtureSite(Self.files)
        try site.build()
        let html = try site.read("public/nb/index.html")
        #expect(!html.contains("arn.se/\""), "the source URL is not a card field")
        #expect(!html.contains("2025-11-01"))
        #expect(html.contains("<dd>09:00–12:00</dd>"))
    }

    @Test func malformedCheckedDateIsAnError() throws {
        var files = Self.files
        files["content/facts.yaml"] = "arn:\n  name: ARN\n  checked: 1 Dec 2026\n"
        let site = try FixtureSite(files)
        #expect(site.buildErrors() == ["content/facts.yaml:3:12: error: checked must be a date such as 2026-12-02"])
    }
}

/// Amounts in facts are written once (`150 SEK`) and shown as each language writes money.
@Suite struct FactAmountTests {
    @Test func amountIsFormattedPerLanguageOnTheCard() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\n::: contact arn\n",
            "content/en/index.md": "---\ntitle: Home\n---\n::: contact arn\n",
            "content/facts.yaml": "arn:\n  name: ARN\n  applicationFee: 150 SEK\n  registrationNumber: 202100-2742\n",
        ])
        try site.build()
        let norwegian = try site.read("public/nb/index.html"), english = try site.read("public/en/index.html")
        #expect(norwegian.contains("<dd>150\u{a0}SEK</dd>"), "Norwegian writes a foreign currency by its code after the number")
        #expect(english.contains("<dd>SEK\u{a0}150</dd>"), "\(english)")
        #expect(norwegian.contains("<dd>202100-2742</dd>"), "a number that is not an amount stays as written")
    }
}
