import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// Search: Pagefind run inside the build on the staged pages. These tests run the real Pagefind
/// (`make test` installs it) and read the index it wrote.
@Suite struct SearchTests {
    static let config = FixtureSite.minimalConfig + "\nsearch: true\n"

    /// nb has two pages; en has its home only, so `klage` is an en fallback page showing the nb text.
    static func fixture(config: String = SearchTests.config, extra: [String: String] = [:]) throws -> FixtureSite {
        try FixtureSite([
            "content/nb/index.md": "# Hjelp\n\nVelkommen til hjelpesenteret.\n",
            "content/nb/klage.md": "---\nslug: klage\n---\n# Klage\n\nKlagene dine behandles av klageansvarlig innen fjorten dager.\n",
            "content/en/index.md": "# Help\n\nWelcome to the help centre.\n",
            "content/nb/strings.yaml": "searchSlug: sok\nsearchOnlyIn: bare på {source}\nfooter: Bunntekst som ikke skal søkes\n",
        ].merging(extra) { _, new in new }, config: config)
    }

    @Test func indexesEachWrittenPageInItsOwnLanguageAndNothingElse() throws {
        let site = try Self.fixture()
        try site.build()
        let entry = try PagefindBundle(site.path("public/pagefind"))
        #expect(try entry.languages() == ["en", "nb"])
        let fragments = try entry.fragments()
        #expect(fragments.keys.sorted() == ["/en/", "/nb/", "/nb/klage/"])
        let complaint = try #require(fragments["/nb/klage/"])
        #expect(complaint.content.contains("Klagene dine behandles av klageansvarlig"))
        #expect(complaint.title == "Klage")
        // Header, navigation and footer stay out of the index.
        #expect(!complaint.content.contains("Bunntekst"))
        #expect(!complaint.content.contains("Test Help"))
    }

    @Test func fallbackPagesAreIndexedInTheLanguageTheyAreWrittenIn() throws {
        let site = try Self.fixture()
        try site.build()
        let fallback = try PagefindBundle(site.path("public/pagefind-fallback/en"))
        #expect(try fallback.languages() == ["nb"])
        let fragments = try fallback.fragments()
        #expect(fragments.keys.sorted() == ["/en/klage/"])
        #expect(fragments["/en/klage/"]?.filters == ["language": ["en"]])
        #expect(fragments["/en/klage/"]?.content.contains("Klagene dine behandles") == true)
        let page = try site.read("public/en/klage/index.html")
        #expect(page.contains("data-search-fallback"))
        #expect(!page.contains("data-pagefind-body"))
        // The English results page searches the fallback bundle too, and labels what it finds there.
        // en has no strings.yaml: its strings, the results page's URL among them, are helpsite's English.
        let results = try site.read("public/en/search/index.html")
        #expect(results.contains("data-fallback-bundle=\"/pagefind-fallback/en/\""))
        #expect(results.contains("data-only-in=\"only in norsk bokmål\""))
        #expect(!(try site.read("public/nb/sok/index.html")).contains("data-fallback-bundle"))
    }

    /// The shipped site, rendered on one thread and then on three: its files are created in a different order,
    /// which Pagefind's command line would have turned into a different index.
    @Test func twoBuildsOfTheSameInputAreByteIdenticalIndexIncluded() throws {
        let site = try FixtureSite([:], config: nil)
        try FileManager.default.copyItem(atPath: FixtureSite.repositoryRoot.appendingPathComponent("content").path, toPath: site.path("content"))
        for (output, workers) in [("first", 1), ("second", 3)] {
            var options = site.options
            options.outputDirectory = SitePath(site.path(output))
            options.workers = workers
            _ = try SiteBuilder(options: options).build()
        }
        let first = try site.snapshot("first"), second = try site.snapshot("second")
        #expect(first.keys.filter { $0.hasPrefix("pagefind/index/") }.count >= 12)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, bytes) in first where second[path] != bytes {
            Issue.record("\(path) differs between two builds")
        }
    }

    @Test func resultsPageHasTheLocalizedURLAndTheHeaderLeadsThere() throws {
        let site = try Self.fixture()
        try site.build()
        let norwegian = try site.read("public/nb/sok/index.html")
        #expect(norwegian.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(norwegian.contains("data-search-page"))
        #expect(norwegian.contains("data-bundle=\"/pagefind/\""))
        // English has no strings.yaml: helpsite's English searchSlug.
        #expect(site.exists("public/en/search/index.html"))
        let home = try site.read("public/nb/index.html")
        #expect(home.contains("action=\"/nb/sok/\""))
        #expect(home.contains("data-pagefind-body"))
        #expect(!(try site.read("public/nb/404.html")).contains("data-pagefind-body"))
        #expect(!(try site.read("public/index.html")).contains("data-pagefind-body"))
    }

    @Test func searchOffWritesNoIndexNoResultsPageAndNoField() throws {
        let site = try Self.fixture(config: FixtureSite.minimalConfig)
        try site.build()
        #expect(!site.exists("public/pagefind"))
        #expect(!site.exists("public/nb/sok"))
        let home = try site.read("public/nb/index.html")
        #expect(!home.contains("role=\"search\""))
        #expect(!home.contains("data-pagefind"))
    }

    @Test func missingPagefindFailsInOneLineAndLeavesTheOutputAlone() throws {
        let site = try Self.fixture(config: FixtureSite.minimalConfig)
        try site.build()
        let before = try site.snapshot()
        try site.write("content/site.yaml", Self.config)
        var options = site.options
        options.environment = ["PATH": site.path("no-such-folder")]
        #expect(throws: BuildFailure.self) { _ = try SiteBuilder(options: options).build() }
        do { _ = try SiteBuilder(options: options).build() } catch let failure as BuildFailure {
            #expect(failure.diagnostics.map { site.relative($0.description) } == [
                "content/site.yaml:5:9: error: search is on, but Pagefind is not installed; install it with `pip install pagefind-bin` (or set search: false in site.yaml)",
            ])
        }
        #expect(try site.snapshot() == before)
    }

    @Test func aPagefindFailureFailsTheBuildAndLeavesTheOutputAlone() throws {
        let site = try Self.fixture(config: FixtureSite.minimalConfig)
        try site.build()
        let before = try site.snapshot()
        try site.write("content/site.yaml", Self.config)
        try site.write("broken-pagefind", "#!/bin/sh\necho 'Error: the index could not be written' >&2\nexit 3\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: site.path("broken-pagefind"))
        var options = site.options
        options.environment = ["HELPSITE_PAGEFIND": site.path("broken-pagefind")]
        do {
            _ = try SiteBuilder(options: options).build()
            Issue.record("expected the build to fail")
        } catch let failure as BuildFailure {
            #expect(failure.diagnostics.map(\.description) == [
                "error: [write] Pagefind failed (exit 3) indexing pagefind/: Error: the index could not be written",
            ])
        }
        #expect(try site.snapshot() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func aBadSearchSlugIsReportedWhereItIsWritten() throws {
        let site = try Self.fixture(extra: ["content/en/strings.yaml": "home: Help\nsearchSlug: find/me\n"])
        #expect(site.buildErrors() == [
            "content/en/strings.yaml:2:1: error: searchSlug: slug 'find/me' must be a single URL segment without / or \\",
        ])
    }

    @Test func aPageCannotTakeTheResultsPageURL() throws {
        let site = try Self.fixture(extra: ["content/nb/sok.md": "---\nslug: sok\n---\n# Søk\n\nTekst.\n",
                                            "content/en/strings.yaml": "searchSlug: sok\n"])
        #expect(site.buildErrors() == [
            "content/nb/sok.md:2:7: error: /nb/sok/ is the nb search results page; give this page another slug, or change searchSlug in nb/strings.yaml",
            // en's results page is /en/sok/ too, where the page's fallback would go.
            "content/nb/sok.md:2:7: error: /en/sok/, the en fallback of content/nb/sok.md, is the en search results page; give this page another slug, or change searchSlug in en/strings.yaml",
        ])
    }
}

/// A Pagefind bundle as written: its entry file and its fragments (gzip, `pagefind_dcd` + JSON).
struct PagefindBundle {
    struct Fragment: Decodable {
        var url: String
        var content: String
        var filters: [String: [String]]
        var meta: [String: String]
        var title: String? { meta["title"] }
    }

    let folder: String

    init(_ folder: String) throws {
        self.folder = folder
        #expect(FileManager.default.fileExists(atPath: folder + "/pagefind-entry.json"), "no bundle in \(folder)")
    }

    func languages() throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/pagefind-entry.json"))
        let entry = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(entry["languages"] as? [String: Any]).keys.sorted()
    }

    func fragments() throws -> [String: Fragment] {
        var result: [String: Fragment] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder + "/fragment") {
            var bytes = try Self.gunzip(folder + "/fragment/" + name)
            if let brace = bytes.firstIndex(of: UInt8(ascii: "{")) { bytes.removeFirst(brace) }
            let fragment = try JSONDecoder().decode(Fragment.self, from: Data(bytes))
            result[fragment.url] = fragment
        }
        return result
    }

    private static func gunzip(_ file: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", file]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
