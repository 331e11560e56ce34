import HelpCore
import Foundation
import HelpSearch
import HelpOutput
import HelpRender
import HelpSiteKit
import Testing

/// Search at scale: each language of a bundle is indexed by a Pagefind service of its own, side by side, and
/// `build --cache` re-indexes only the languages whose pages changed. These tests run the real Pagefind.
@Suite struct SearchShardTests {
    static let config = "title: Test Help\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, en, de]\nsearch: true\n"

    /// nb has three pages; de translates one of them and shows the third as a fallback; en has its home only.
    static func fixture() throws -> FixtureSite {
        try FixtureSite([
            "content/nb/index.md": "# Hjelp\n\nVelkommen til hjelpesenteret.\n",
            "content/nb/klage.md": "# Klage\n\nKlagene dine behandles av klageansvarlig innen fjorten dager.\n",
            "content/nb/frakt.md": "# Frakt\n\nPakken sendes med posten og kommer fram innen tre dager.\n",
            "content/en/index.md": "# Help\n\nWelcome to the help centre.\n",
            "content/de/index.md": "# Hilfe\n\nWillkommen im Hilfezentrum.\n",
            "content/de/klage.md": "# Beschwerde\n\nIhre Beschwerden werden innerhalb von vierzehn Tagen bearbeitet.\n",
        ], config: config)
    }

    static func bundles(_ site: FixtureSite, _ output: String) throws -> [String: Data] {
        try site.snapshot(output).filter { $0.key.hasPrefix(SearchIndexer.bundleFolder + "/") || $0.key.hasPrefix(SearchIndexer.fallbackFolder + "/") }
    }

    static func expectSame(_ first: [String: Data], _ second: [String: Data], _ what: String) {
        #expect(first.keys.sorted() == second.keys.sorted(), "\(what): the same files")
        for (path, bytes) in first where second[path] != bytes { Issue.record("\(path) differs: \(what)") }
    }

    /// The shards' files, merged, are what one service indexing every language together writes; and the
    /// worker count changes nothing.
    @Test func theMergedBundleIsWhatOneServiceMakesOfEveryLanguageWhateverTheWorkerCount() throws {
        let site = try FixtureSite([:], config: nil)
        try FileManager.default.copyItem(atPath: FixtureSite.repositoryRoot.appendingPathComponent("content").path, toPath: site.path("content"))
        for (output, workers) in [("one", 1), ("three", 3)] {
            var options = site.options
            options.outputDirectory = SitePath(site.path(output))
            options.workers = workers
            let report = try SiteBuilder(options: options).build()
            #expect(report.reindexedLanguages.filter { $0.hasPrefix("pagefind/") }.count == 12)
        }
        let one = try Self.bundles(site, "one"), three = try Self.bundles(site, "three")
        #expect(one.keys.filter { $0.hasPrefix("pagefind/index/") }.count >= 12)
        Self.expectSame(one, three, "1 worker against 3")

        let loaded = try SiteBuilder(options: site.options).load()
        let pagefind = try #require(Pagefind.locate())
        let indexer = SearchIndexer(pagefind: pagefind, index: loaded.index)
        let all = indexer.shards.filter { $0.bundle == SearchIndexer.bundleFolder }.flatMap(\.documents)
        var single: [String: Data] = [:]
        for file in try pagefind.index(all, read: { try FileSystem.readBytes(site.path("one") + "/" + $0) }, name: SearchIndexer.bundleFolder) where !SearchIndexer.unusedFiles.contains(file.path) {
            var bytes = Data(file.bytes)
            if file.path == SearchIndexer.entryFile {
                bytes = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: bytes), options: [.sortedKeys, .withoutEscapingSlashes])
            }
            single[SearchIndexer.bundleFolder + "/" + file.path] = bytes
        }
        Self.expectSame(one.filter { $0.key.hasPrefix(SearchIndexer.bundleFolder + "/") }, single, "12 services against one")
    }

    /// With `--cache`, an edit re-indexes the languages whose indexed pages changed, and the output equals a clean
    /// build's, file for file. An edit of page text alone is built in scope, its bundles written whole: the last
    /// index's fragments that this one no longer has go.
    @Test func aCachedRebuildReindexesOnlyTheLanguagesWhosePagesChanged() throws {
        let site = try Self.fixture()
        var cached = site.options
        cached.cacheDirectory = SitePath(site.path("cache"))
        func rebuild(scoped: Bool) throws -> [String] {
            let report = try SiteBuilder(options: cached).build()
            #expect(report.scopedToPageText == scoped)
            try? FileManager.default.removeItem(atPath: site.path("clean"))
            try site.build(output: "clean")
            Self.expectSame(try site.snapshot("public"), try site.snapshot("clean"), "cached rebuild against a clean build")
            return report.reindexedLanguages
        }
        #expect(try rebuild(scoped: false) == ["pagefind-fallback/de", "pagefind-fallback/en", "pagefind/de", "pagefind/en", "pagefind/nb"])
        #expect(try rebuild(scoped: true) == [], "nothing changed: every language from the cache")
        let before = try Self.bundles(site, "public")
        try site.write("content/de/klage.md", "# Beschwerde\n\nIhre Beschwerden werden binnen zehn Tagen bearbeitet.\n")
        #expect(try rebuild(scoped: true) == ["pagefind/de"])
        let after = try Self.bundles(site, "public")
        #expect(!Set(before.keys).isSubset(of: Set(after.keys)), "the edit gave de new fragment files, and the old ones went")
        // Again: the files the last scoped build added are known (recorded), and go in their turn.
        try site.write("content/de/klage.md", "# Beschwerde\n\nIhre Beschwerden werden binnen neun Tagen bearbeitet.\n")
        #expect(try rebuild(scoped: true) == ["pagefind/de"])
        // frakt's text is nb's own page and the en and de fallbacks.
        try site.write("content/nb/frakt.md", "# Frakt\n\nPakken sendes med budbil og kommer fram innen to dager.\n")
        #expect(try rebuild(scoped: true) == ["pagefind-fallback/de", "pagefind-fallback/en", "pagefind/nb"])
        #expect(try PagefindBundle(site.path("public/pagefind-fallback/de")).fragments()["/de/frakt/"]?.content.contains("budbil") == true)
        #expect(try rebuild(scoped: true) == [])
        // A new page is not an edit of text alone.
        try site.write("content/nb/ny.md", "# Ny\n\nEn ny side.\n")
        _ = try rebuild(scoped: false)
    }
}

extension SearchShardTests {
    /// Fallback pages shown in two languages: one bundle held both under a `language` filter with two values,
    /// which Pagefind writes in a different order on each run.
    @Test func fallbackBundlesAreTheSameOnEveryBuild() throws {
        let site = try Self.fixture()
        let outputs = ["b1", "b2", "b3", "b4", "b5", "b6"]
        for output in outputs { try site.build(output: output) }
        let first = try Self.bundles(site, outputs[0])
        #expect(first.keys.contains { $0.hasPrefix("pagefind-fallback/de/filter/") })
        for output in outputs.dropFirst() { Self.expectSame(first, try Self.bundles(site, output), "\(outputs[0]) against \(output)") }
    }
}
