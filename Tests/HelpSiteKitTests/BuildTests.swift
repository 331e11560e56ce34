import HelpConfig
import HelpCore
import Foundation
import HelpSiteKit
import Testing

@Suite struct BuildTests {
    static let twoLanguageSite: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjelp\n---\nSe [klage](complaints.md#hvordan) og [ARN](s/arn.md).\n",
        "content/nb/complaints.md": "---\ntitle: Klage\nslug: klage\norder: 1\n---\n## Hvordan klage? {#hvordan}\n\nTekst. [Tilbake](index.md)\n",
        "content/nb/s/arn.md": "---\ntitle: ARN\n---\n## Kontakt\n\n[Klage](../complaints.md)\n",
        "content/nb/strings.yaml": "language: Språk\nhome: Hjelpesenter\n",
        "content/en/index.md": "---\ntitle: Help\n---\nSee [complaints](complaints.md#hvordan).\n",
        "content/en/complaints.md": "---\ntitle: Complaints\nslug: complaints\norder: 1\n---\n## How to complain {#hvordan}\n",
        "content/en/strings.yaml": "language: Language\nhome: Help centre\n",
    ]

    @Test func linksAreRewrittenToLocalizedURLsWithFragments() throws {
        let site = try FixtureSite(Self.twoLanguageSite)
        let report = try site.build()
        // English lacks s/arn.md, so it gets a fallback page built from the Norwegian one.
        #expect(report.pagesPerLanguage.map(\.pages) == [3, 3])
        let home = try site.read("public/nb/index.html")
        #expect(home.contains("<a href=\"/nb/klage/#hvordan\">klage</a>"))
        #expect(home.contains("<a href=\"/nb/s/arn/\">ARN</a>"))
        #expect(try site.read("public/nb/s/arn/index.html").contains("<a href=\"/nb/klage/\">Klage</a>"))
        #expect(try site.read("public/en/index.html").contains("<a href=\"/en/complaints/#hvordan\">complaints</a>"))
        #expect(try site.read("public/nb/klage/index.html").contains("<h2 id=\"hvordan\">Hvordan klage?</h2>"))
    }

    @Test func everyPageCarriesSwitcherHreflangAndCanonical() throws {
        let site = try FixtureSite(Self.twoLanguageSite)
        try site.build()
        let page = try site.read("public/nb/klage/index.html")
        #expect(page.contains("<html lang=\"nb\" dir=\"ltr\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://help.example.org/nb/klage/\">"))
        #expect(page.contains("<link rel=\"alternate\" hreflang=\"nb\" href=\"https://help.example.org/nb/klage/\">"))
        #expect(page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://help.example.org/en/complaints/\">"))
        #expect(page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://help.example.org/nb/klage/\">"))
        #expect(page.contains("<a href=\"/en/complaints/\" lang=\"en\" hreflang=\"en\">English</a>"))
        #expect(page.contains("<a href=\"/nb/klage/\" aria-current=\"page\" lang=\"nb\" hreflang=\"nb\">Norsk bokmål</a>"))
        // A page missing in English leads to its English fallback, marked as such, and claims no English alternate.
        let arn = try site.read("public/nb/s/arn/index.html")
        #expect(arn.contains("<a href=\"/en/s/arn/\" lang=\"en\" hreflang=\"en\" class=\"is-unavailable\">English</a>"))
        #expect(!arn.contains("hreflang=\"en\" href="))
    }

    @Test func rootSitemapRobotsAnd404sAreWritten() throws {
        let site = try FixtureSite(Self.twoLanguageSite)
        try site.build()
        let root = try site.read("public/index.html")
        #expect(root.contains("<a href=\"/nb/\" hreflang=\"nb\">"))
        #expect(root.contains("<a href=\"/en/\" hreflang=\"en\">"))
        #expect(root.contains("navigator.languages"))
        #expect(root.contains("<li lang=\"en\" dir=\"ltr\">"))
        let sitemap = try site.read("public/sitemap.xml")
        #expect(sitemap.contains("<loc>https://help.example.org/nb/klage/</loc>"))
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://help.example.org/en/complaints/\"/>"))
        #expect(try site.read("public/robots.txt").contains("Sitemap: https://help.example.org/sitemap.xml"))
        #expect(site.exists("public/404.html") && site.exists("public/nb/404.html") && site.exists("public/en/404.html"))
        #expect(site.exists("public/assets/site.css"))
    }

    @Test func subPathBaseURLPrefixesEveryLink() throws {
        let site = try FixtureSite(Self.twoLanguageSite)
        try site.build(baseURL: "https://example.org/help")
        let page = try site.read("public/nb/index.html")
        #expect(page.contains("<a href=\"/help/nb/klage/#hvordan\">klage</a>"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/help/nb/\">"))
        #expect(page.contains("href=\"/help/assets/site.css\""))
        try expectInternalLinksResolve(site, basePath: "/help/")
    }

    @Test func allInternalLinksResolveToFiles() throws {
        let site = try FixtureSite(Self.twoLanguageSite)
        try site.build()
        try expectInternalLinksResolve(site, basePath: "/")
    }

    /// Two `helpsite build` processes (each with its own hash seed, so any dictionary order that leaks into the
    /// output shows) write the same bytes for the shipped site, search index included.
    @Test func buildsInTwoProcessesAreByteIdentical() throws {
        let binary = try #require(HelpsiteBinary.path, "the helpsite executable is built beside the tests (swift build --build-tests)")
        let site = try FixtureSite([:], config: nil)
        defer { try? FileManager.default.removeItem(at: site.root) }
        for output in ["first", "second"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["build", "--quiet", "--content", FixtureSite.repositoryRoot.appendingPathComponent("content").path,
                                 "--output", site.path(output)]
            process.currentDirectoryURL = site.root
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0)
        }
        let first = try site.snapshot("first")
        #expect(first.count > 200)
        #expect(first.keys.contains { $0.hasPrefix("pagefind/") })
        let second = try site.snapshot("second")
        #expect(second.keys.sorted() == first.keys.sorted())
        for (file, bytes) in first where second[file] != bytes { Issue.record("\(file) differs between two processes") }
    }

    @Test func outputDoesNotDependOnTheNumberOfThreads() throws {
        let site = try FixtureSite(Self.twoLanguageSite)
        for (workers, folder) in [(1, "one"), (4, "four")] {
            var options = site.options
            options.outputDirectory = SitePath(site.path(folder))
            options.workers = workers
            _ = try SiteBuilder(options: options).build()
        }
        let one = try site.snapshot("one")
        #expect(one.count > 10)
        #expect(try site.snapshot("four") == one)
    }

    @Test func unchangedFilesKeepTheirInodeAndModificationTime() throws {
        let site = try FixtureSite(Self.twoLanguageSite)
        try site.build()
        func identity(_ path: String) throws -> (Int, Date) {
            let attributes = try FileManager.default.attributesOfItem(atPath: site.path(path))
            return ((attributes[.systemFileNumber] as? Int) ?? -1, attributes[.modificationDate] as! Date)
        }
        let unchanged = try identity("public/en/index.html")
        let changed = try identity("public/nb/klage/index.html")
        Thread.sleep(forTimeInterval: 0.02)
        try site.write("content/nb/complaints.md", "---\ntitle: Klage\nslug: klage\norder: 1\n---\n## Hvordan klage? {#hvordan}\n\nNy tekst.\n")
        try site.build()
        #expect(try identity("public/en/index.html") == unchanged)
        #expect(try identity("public/nb/klage/index.html").0 != changed.0)
    }

    @Test func failedBuildLeavesPreviousOutputUntouched() throws {
        let site = try FixtureSite(Self.twoLanguageSite)
        try site.build()
        let before = try site.snapshot()
        try site.write("content/nb/complaints.md", "---\ntitle: Klage\nslug: klage\n---\n[broken](missing.md)\n")
        #expect(site.buildErrors() == ["content/nb/complaints.md:5:1: error: link target 'missing.md' does not exist: no page missing.md in any language"])
        #expect(try site.snapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty)
    }

    @Test func titlesAndDescriptionsAreEscaped() throws {
        var files = Self.twoLanguageSite
        files["content/nb/complaints.md"] = "---\ntitle: \"</title><script>alert(1)</script>\"\ndescription: '\" onfocus=\"alert(1)'\n---\nx\n"
        let site = try FixtureSite(files)
        try site.build()
        let page = try site.read("public/nb/complaints/index.html")
        #expect(!page.contains("<script>alert(1)"))
        #expect(page.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("content=\"&quot; onfocus=&quot;alert(1)\""))
    }

    @Test func safeModeDropsScriptsAndJavascriptLinks() throws {
        var files = Self.twoLanguageSite
        files["content/nb/complaints.md"] = "---\ntitle: Klage\n---\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n"
        let site = try FixtureSite(files)
        try site.build()
        let page = try site.read("public/nb/complaints/index.html")
        #expect(!page.contains("alert(1)"))
        #expect(page.contains("<a href=\"\">x</a>"))
    }

    @Test func unsafeHTMLIsKeptOnlyWhenTheSiteOptsIn() throws {
        var files = Self.twoLanguageSite
        files["content/nb/complaints.md"] = "---\ntitle: Klage\n---\n<div class=\"note\">Hei</div>\n"
        let site = try FixtureSite(files, config: FixtureSite.minimalConfig + "\nunsafeHTML: true\n")
        try site.build()
        #expect(try site.read("public/nb/complaints/index.html").contains("<div class=\"note\">Hei</div>"))
    }

    @Test func titleFromLeadingHeadingIsNotRepeatedInTheBody() throws {
        var files = Self.twoLanguageSite
        files["content/nb/complaints.md"] = "# Klage nå\n\nTekst\n"
        let site = try FixtureSite(files)
        try site.build()
        let page = try site.read("public/nb/complaints/index.html")
        #expect(page.contains("<h1>Klage nå</h1>"))
        #expect(page.components(separatedBy: "<h1").count == 2)
    }

    @Test func draftsAreNotPublished() throws {
        var files = Self.twoLanguageSite
        files["content/nb/draft.md"] = "---\ntitle: Utkast\ndraft: true\n---\nx\n"
        let site = try FixtureSite(files)
        try site.build()
        #expect(!site.exists("public/nb/draft/index.html"))
    }

    @Test func corpusLayoutWithSectionsWithoutIndexBuilds() throws {
        var files: [String: String] = ["content/nb/index.md": "---\ntitle: Hjem\n---\nx\n", "content/en/index.md": "---\ntitle: Home\n---\nx\n"]
        for language in ["nb", "en"] {
            for section in 0..<2 {
                for page in 0..<3 {
                    files["content/\(language)/s\(section)/p\(page).md"] = "---\ntitle: \"P \(page)\"\norder: \(page)\n---\n\n## Part\n\n- [other](../s\(1 - section)/p\(page).md)\n"
                }
            }
        }
        let site = try FixtureSite(files)
        let report = try site.build()
        #expect(report.pageCount == 14)
        let page = try site.read("public/en/s1/p2/index.html")
        #expect(page.contains("<a href=\"/en/s0/p2/\">other</a>"))
        #expect(page.components(separatedBy: "rel=\"alternate\" hreflang=").count - 1 == 3)
        try expectInternalLinksResolve(site, basePath: "/")
    }
}

/// Follows every site-relative href in every HTML file and checks a file answers it.
func expectInternalLinksResolve(_ site: FixtureSite, basePath: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let output = site.path("public")
    var checked = 0
    for (relative, data) in try site.snapshot() where relative.hasSuffix(".html") {
        let html = String(decoding: data, as: UTF8.self)
        for href in HTMLLinks.hrefs(in: html) {
            guard let file = HTMLLinks.file(for: href, basePath: basePath, in: output) else { continue }
            #expect(FileManager.default.fileExists(atPath: file), "\(relative) links to \(href)", sourceLocation: sourceLocation)
            checked += 1
        }
    }
    #expect(checked > 0, sourceLocation: sourceLocation)
}
