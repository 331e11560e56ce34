import HelpCore
import Foundation
import HelpSiteKit
import Testing

@Suite struct RedirectTests {
    static func site(_ extra: [String: String] = [:]) throws -> FixtureSite {
        var files = [
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/klage.md": "---\ntitle: Klage\nslug: klager\naliases: [klage, gammel/klage-side]\n---\nTekst.\n",
            "content/nb/arn.md": "---\ntitle: ARN\n---\nSe [klage](klage.md).\n",
            "content/en/index.md": "---\ntitle: Home\n---\nHello.\n",
            "content/en/klage.md": "---\ntitle: Complaints\nslug: complaints\naliases: [complain]\n---\nText.\n",
        ]
        files.merge(extra) { _, new in new }
        return try FixtureSite(files)
    }

    @Test func eachAliasGetsARedirectPageAndServerRules() throws {
        let site = try Self.site()
        try site.build()
        let page = try site.read("public/nb/gammel/klage-side/index.html")
        #expect(page.contains(#"<meta http-equiv="refresh" content="0; url=/nb/klager/">"#))
        #expect(page.contains(#"<link rel="canonical" href="https://help.example.org/nb/klager/">"#))
        #expect(page.contains(#"<meta name="robots" content="noindex">"#))
        #expect(page.contains(#"<html lang="nb""#) && page.contains(#"<a href="/nb/klager/">Klage</a>"#))
        #expect(try site.read("public/en/complain/index.html").contains(#"url=/en/complaints/"#))
        #expect(try site.read("public/_redirects").split(separator: "\n").dropFirst() == [
            "/nb/klage/ /nb/klager/ 301", "/nb/gammel/klage-side/ /nb/klager/ 301", "/en/complain/ /en/complaints/ 301",
        ])
        let nginx = try site.read("public/nginx-redirects.conf")
        #expect(nginx.contains(#"location = "/nb/klage/" { return 301 "/nb/klager/"; }"#))
        #expect(nginx.contains(#"location = "/nb/klage" { return 301 "/nb/klager/"; }"#))
        // Links still go to the page itself, and the sitemap lists no alias.
        #expect(try site.read("public/nb/arn/index.html").contains(#"<a href="/nb/klager/">klage</a>"#))
        #expect(try !site.read("public/sitemap.xml").contains("gammel"))
    }

    @Test func aliasesUnderASubPathCarryTheBasePath() throws {
        let site = try Self.site()
        try site.build(baseURL: "https://example.org/help/")
        #expect(try site.read("public/_redirects").contains("/help/nb/klage/ /help/nb/klager/ 301"))
        #expect(try site.read("public/nb/klage/index.html").contains("url=/help/nb/klager/"))
    }

    @Test func anAliasThatCollidesIsAnErrorNamingBoth() throws {
        let site = try Self.site([
            "content/nb/arn.md": "---\ntitle: ARN\naliases: [gammel/klage-side, klager, ../x]\n---\nTekst.\n",
        ])
        #expect(site.buildErrors() == [
            "content/nb/arn.md:3:30: error: alias 'klager' of content/nb/arn.md (/nb/klager/) is the URL of content/nb/klage.md",
            "content/nb/arn.md:3:38: error: alias '../x': segment '..' cannot start with a dot",
            "content/nb/klage.md:4:18: error: alias 'gammel/klage-side' of content/nb/klage.md (/nb/gammel/klage-side/) is an alias of content/nb/arn.md",
        ])
    }

    @Test func checkPreviousWarnsForEveryOldURLThatLeadsNowhere() throws {
        let site = try Self.site()
        try site.build(output: "previous")
        // Renamed without an alias: the old ARN URL breaks. The klage rename keeps its aliases.
        try site.write("content/nb/arn.md", "---\ntitle: ARN\nslug: arn-klage\n---\nTekst.\n")
        let check = site.run(["check", "--content", site.path("content"), "--previous", site.path("previous")])
        #expect(check.status == 0)
        #expect(check.err.contains("previous/nb/arn/index.html: warning: /nb/arn/ of the previous build no longer exists"), "\(check.err)")
        // The untranslated page's English fallback moved with it.
        #expect(check.err.contains("previous/en/arn/index.html: warning: /en/arn/ of the previous build"))
        #expect(check.err.components(separatedBy: "of the previous build").count == 3, "\(check.err)")
        let strict = site.run(["check", "--content", site.path("content"), "--previous", site.path("previous"), "--strict"])
        #expect(strict.status == 1)
        let sitemap = site.run(["check", "--content", site.path("content"), "--previous", site.path("previous/sitemap.xml")])
        #expect(sitemap.err.contains("previous/sitemap.xml:"), "\(sitemap.err)")
        #expect(sitemap.err.contains("warning: /nb/arn/ of the previous build no longer exists"))
        #expect(sitemap.err.components(separatedBy: "of the previous build").count == 2, "\(sitemap.err)")
        // With an alias for it, the old URL is kept.
        try site.write("content/nb/arn.md", "---\ntitle: ARN\nslug: arn-klage\naliases: [arn]\n---\nTekst.\n")
        let fixed = site.run(["check", "--content", site.path("content"), "--previous", site.path("previous"), "--strict"])
        #expect(fixed.status == 0, "\(fixed.err)")
    }
}
