import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// Every output path has one owner: pages, aliases, search results pages and not-found pages claim their paths
/// before anything is written, and a second claim is an error naming both.
@Suite struct OutputPlanTests {
    @Test func anAliasCannotTakeTheSearchResultsPage() throws {
        let site = try SearchTests.fixture(extra: [
            "content/nb/klage.md": "---\nslug: klage\naliases: [sok]\n---\n# Klage\n\nTekst.\n",
        ])
        #expect(site.buildErrors() == [
            "content/nb/klage.md:3:11: error: alias 'sok' of content/nb/klage.md (/nb/sok/) is the nb search results page",
        ])
        #expect(!site.exists("public"))
    }

    /// A fallback takes its source page's slug in every language, so it can land on another language's results page.
    @Test func aFallbackCannotTakeAnotherLanguagesSearchResultsPage() throws {
        let site = try SearchTests.fixture(extra: [
            "content/en/strings.yaml": "searchSlug: find\n",
            "content/nb/finn.md": "---\nslug: find\n---\n# Finn\n\nTekst.\n",
        ])
        #expect(site.buildErrors() == [
            "content/nb/finn.md:2:7: error: /en/find/, the en fallback of content/nb/finn.md, is the en search results page; give this page another slug, or change searchSlug in en/strings.yaml",
        ])
    }

    /// Knows the outputs, not only the pages: search results pages and redirects of the previous build still exist.
    @Test func checkPreviousReportsOnlyURLsThatVanished() throws {
        let site = try SearchTests.fixture(extra: [
            "content/nb/arn.md": "---\naliases: [gammel-arn]\n---\n# ARN\n\nTekst.\n",
        ])
        try site.build(output: "previous")
        #expect(site.exists("previous/nb/sok/index.html") && site.exists("previous/en/search/index.html"))
        try site.write("content/nb/klage.md", "---\nslug: klager\n---\n# Klage\n\nTekst.\n")
        let check = site.run(["check", "--content", site.path("content"), "--previous", site.path("previous")])
        #expect(check.status == 0, "\(check.err)")
        let warnings = check.err.split(separator: "\n").filter { $0.contains("of the previous build") }
        #expect(warnings.count == 2, "\(check.err)")
        #expect(warnings.contains { $0.contains("previous/nb/klage/index.html: warning: /nb/klage/ of the previous build") })
        #expect(warnings.contains { $0.contains("previous/en/klage/index.html: warning: /en/klage/ of the previous build") })
    }
}
