import HelpCore
import HelpOutput
import Foundation
import HelpSiteKit
import HelpTranslation
import Testing

/// `build --cache`: a rebuild that takes unchanged pages from the cache equals a clean build, byte for byte.
@Suite struct RenderCacheTests {
    static let files: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen. Se [klage](klage.md#frister).\n",
        "content/nb/klage.md": "---\ntitle: Klage\norder: 1\n---\n## Frister {#frister}\n\nTekst.\n\n::: contact arn\n",
        "content/nb/arn.md": "---\ntitle: ARN\norder: 2\n---\nOm ARN.\n",
        "content/en/index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/en/klage.md": "---\ntitle: Complaints\nslug: complaints\n---\n## Deadlines {#frister}\n\nText.\n",
        "content/nb/strings.yaml": "home: Hjelpesenter\n",
        "content/facts.yaml": "arn:\n  name: ARN\n  phone: +46 8 508 860 00\n",
    ]

    static func tree(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            }
        }
        return files
    }

    /// Builds with the cache into `public`, and clean into `clean`, compares output and warnings, and returns how
    /// many pages came from the cache.
    func rebuild(_ site: FixtureSite, parsed: Int? = nil) throws -> Int {
        try rebuildReport(site, parsed: parsed).cachedPages
    }

    /// `rebuild`, returning the cached build's report.
    func rebuildReport(_ site: FixtureSite, parsed: Int? = nil) throws -> BuildReport {
        var options = site.options
        options.cacheDirectory = SitePath(site.path("cache"))
        let report = try SiteBuilder(options: options).build()
        if let parsed { #expect(report.parsedPages == parsed, "page files parsed rather than taken from the cache's index") }
        var clean = site.options
        clean.outputDirectory = SitePath(site.path("clean"))
        try? FileManager.default.removeItem(atPath: site.path("clean"))
        let cleanReport = try SiteBuilder(options: clean).build()
        #expect(report.warnings == cleanReport.warnings, "a cached page reports what it reported when it was rendered")
        let cached = try Self.tree(site.path("public")), fresh = try Self.tree(site.path("clean"))
        #expect(cached.keys.sorted() == fresh.keys.sorted())
        for (path, bytes) in fresh where cached[path] != bytes { Issue.record("\(path) differs from a clean build") }
        return report
    }

    /// Pages of the site as it is now.
    func pageCount(_ site: FixtureSite) throws -> Int {
        try SiteBuilder(options: site.options).check().pageCount
    }

    /// A build that fails after rendering some pages has replaced their cached files; the manifest it leaves must
    /// not describe those files by their old entries. Undoing the edit (a text of the same length) then makes a
    /// clean build's output again, not the failed build's page.
    @Test func aFailedBuildLeavesNoCachedFileUnderAnOldEntry() throws {
        let site = try FixtureSite(Self.files)
        defer { try? FileManager.default.removeItem(at: site.root) }
        #expect(try rebuild(site) == 0)
        let arn = Self.files["content/nb/arn.md"]!, english = Self.files["content/en/klage.md"]!
        try site.write("content/nb/arn.md", arn.replacingOccurrences(of: "Om ARN", with: "Om ARM"))
        try site.write("content/en/klage.md", english + "\n::: contact nobody\n")
        var options = site.options
        options.cacheDirectory = SitePath(site.path("cache"))
        #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
        try site.write("content/nb/arn.md", arn)
        try site.write("content/en/klage.md", english)
        _ = try rebuild(site)
    }

    @Test func everyKindOfEditRebuildsExactlyAsACleanBuild() throws {
        let site = try FixtureSite(Self.files)
        #expect(try rebuild(site) == 0)
        #expect(try rebuild(site) == 6, "nothing changed: every page from the cache")
        // Each edit and how many of the 6 pages come from the cache after it: a body or link edit re-renders the
        // page and what shows its text; a title or order the pages that show it; a new page, a slug, strings,
        // templates or facts re-render all.
        // Only edits of page text alone are built in scope (`BuildReport.scopedToPageText`), and so is a run after
        // which nothing changed.
        let edits: [(String, String?, cached: Int)] = [
            ("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n", 4),           // body
            ("content/nb/klage.md", "---\ntitle: Klager\norder: 1\n---\n## Frister {#frister}\n\nTekst.\n\n::: contact arn\n", 2), // title: en/klage follows its source's version
            ("content/en/klage.md", "---\ntitle: Complaints\nslug: complain\n---\n## Deadlines {#frister}\n\nText.\n", 0), // slug
            ("content/nb/arn.md", "---\ntitle: ARN\norder: 0\n---\nOm ARN, endret.\n", 2),           // order: the English navigation keeps its order
            ("content/nb/strings.yaml", "home: Hjelp\n", 0),                                             // strings
            ("templates/partials/footer.mustache", "<footer>{{site.title}}</footer>\n", 0),              // template
            ("content/facts.yaml", "arn:\n  name: ARN\n  phone: +46 8 508 860 01\n", 0),                // facts
            ("content/nb/ny.md", "---\ntitle: Ny\n---\nNy side.\n", 0),                                  // new page
            ("content/nb/ny.md", nil, 0),                                                                // deleted page
            ("content/nb/index.md", "---\ntitle: Hjem\n---\nVelkommen. Se [klage](klage.md#mangler).\n", 4), // broken fragment (en/index follows its source version)
            ("content/nb/index.md", "---\ntitle: Hjem\n---\nVelkommen. Se [gammel side](/nb/gammel/).\n", 4), // a link only the twin's check reports
            ("content/nb/arn.md", "---\ntitle: ARN\norder: 2\naliases: [gammel]\n---\nOm ARN, endret.\n", -1), // the alias makes that link good
            ("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n", -1),                 // and removing it bad again
        ]
        let textOnly: Set<Int> = [0, 9, 10]
        for (position, (path, text, cached)) in edits.enumerated() {
            if let text { try site.write(path, text) } else { try FileManager.default.removeItem(atPath: site.path(path)) }
            let report = try rebuildReport(site)
            if cached >= 0 { #expect(report.cachedPages == cached, "\(path)") }
            #expect(report.scopedToPageText == textOnly.contains(position), "edit \(position), \(path)")
            let again = try rebuildReport(site, parsed: 0)
            #expect(again.cachedPages == (try pageCount(site)), "\(path) unchanged again: every page from the cache")
            #expect(again.scopedToPageText, "\(path) unchanged again")
        }
    }

    /// The outdated notice names the changed sections from the stamped version's snapshot: a snapshot that
    /// appears or goes away changes the notice, with nothing else changed.
    @Test func sourceSnapshotsAreInputsOfTheOutdatedNotice() throws {
        let site = try FixtureSite(Self.files)
        #expect(site.run(["stamp", "--content", site.path("content"), site.path("content/en/klage.md")]).status == 0)
        try site.write("content/nb/klage.md", "---\ntitle: Klage\norder: 1\n---\n## Frister {#frister}\n\nNy tekst.\n\n::: contact arn\n")
        _ = try rebuild(site)
        try FileManager.default.removeItem(atPath: site.path("content/.helpsite"))
        _ = try rebuild(site)
    }

    /// A page's Markdown twin and its language's llms-full.txt come from the cache with their page, and are made
    /// again when it is. A hit is seen by marking the cached copies (same size, new file): only a build that takes
    /// them from the cache shows the mark.
    @Test func twinsAndFullTextsComeFromTheCacheWithTheirPages() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        func mark(_ path: String) throws {
            let file = site.path("cache/files/" + path)
            let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "Om ARN.", with: "Om ARX.")
            try FileManager.default.removeItem(atPath: file)
            try text.write(toFile: file, atomically: false, encoding: .utf8)
        }
        var options = site.options
        options.cacheDirectory = SitePath(site.path("cache"))
        for path in ["nb/arn/index.md", "nb/llms-full.txt"] { try mark(path) }
        // Without the record of the last build the whole site is built, every page placed from the cache.
        try FileManager.default.removeItem(atPath: site.path("cache/last-build.json"))
        _ = try SiteBuilder(options: options).build()
        #expect(try site.read("public/nb/arn/index.md").contains("Om ARX."), "the twin was made again, not taken from the cache")
        #expect(try site.read("public/nb/llms-full.txt").contains("Om ARX."), "llms-full.txt was made again")

        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n")
        try mark("nb/klage/index.md")
        _ = try SiteBuilder(options: options).build()
        #expect(try site.read("public/nb/arn/index.md").contains("Om ARN, endret."))
        for path in ["nb/llms-full.txt", "en/llms-full.txt"] {
            let text = try site.read("public/" + path)
            #expect(text.contains("Om ARN, endret.") && !text.contains("Om ARX."), "\(path)")
        }
    }

    /// A body edit since the last build is built in scope: only the edited page's outputs and what reads its text
    /// are written, every other file stays as it is (same inode), and the output equals a clean build's.
    @Test func aBodyEditSinceTheLastBuildIsBuiltInScope() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        let klage = try Self.inode(site.path("public/nb/klage/index.html")), sitemap = try Self.inode(site.path("public/sitemap.xml"))
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n")
        let report = try rebuildReport(site, parsed: 1)
        #expect(report.scopedToPageText)
        #expect(report.cachedPages == 4)
        #expect(report.changedFiles.contains("nb/arn/index.html") && report.changedFiles.contains("nb/arn/index.md"))
        #expect(try Self.inode(site.path("public/nb/klage/index.html")) == klage)
        #expect(try Self.inode(site.path("public/sitemap.xml")) == sitemap)
    }

    /// A scoped build writes again only the manifest lines of the entries it changed: the file is the one a fresh
    /// encoding of every entry gives.
    @Test func aScopedBuildWritesTheManifestAFreshEncodingWould() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        let before = try FileSystem.readBytes(site.path("cache/manifest.json"))
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret og lengre.\n")
        #expect(try rebuildReport(site).scopedToPageText)
        let after = try FileSystem.readBytes(site.path("cache/manifest.json"))
        let manifest = try #require(CacheManifest.decode(after))
        #expect(after != before)
        #expect(after == manifest.encoded())
    }

    /// The caches are keyed by paths: the content folder written another way (`./content/`, `a//content`,
    /// `content/.`) is the same folder, and every page comes from the cache.
    @Test func theContentFolderWrittenAnotherWayFindsTheCache() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        for spelling in [site.root.path + "//content/", site.root.path + "/./content/.", site.root.path + "/content//"] {
            var options = site.options
            options.contentDirectory = SitePath(spelling)
            options.cacheDirectory = SitePath(site.path("cache"))
            let report = try SiteBuilder(options: options).build()
            #expect(report.parsedPages == 0 && report.cachedPages == 6, "\(spelling)")
        }
        #expect(SitePath("./") == SitePath(".") && SitePath("/") == SitePath("//") && SitePath("../a/./b") == SitePath("../a/b"))
    }

    /// `status --cache` saves the page index too. A build after it must still see the edits made since the last
    /// build, which the page index no longer shows: it builds in full.
    @Test func statusBetweenTwoBuildsHidesNoEdit() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n")
        #expect(site.run(["status", "--content", site.path("content"), "--cache", site.path("cache")]).status == 0)
        let report = try rebuildReport(site)
        #expect(!report.scopedToPageText)
        #expect(try site.read("public/nb/arn/index.html").contains("Om ARN, endret."))
    }

    /// A build that fails leaves no record of a last build: the next one is built in full, and equals a clean one.
    @Test func aFailedScopedBuildLeavesTheNextOneInFull() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        let english = Self.files["content/en/klage.md"]!
        try site.write("content/en/klage.md", english + "\n::: contact nobody\n")
        var options = site.options
        options.cacheDirectory = SitePath(site.path("cache"))
        #expect(throws: BuildFailure.self) { try SiteBuilder(options: options).build() }
        #expect(!site.exists("cache/last-build.json"))
        try site.write("content/en/klage.md", english.replacingOccurrences(of: "Text.", with: "Tekst."))
        #expect(try !rebuildReport(site).scopedToPageText)
        #expect(try rebuildReport(site).scopedToPageText)
    }

    /// The page index is written again only when a page file changed (a rename gives it a new inode).
    @Test func anUnchangedRunLeavesThePageIndexAlone() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        func inode() throws -> Int { try FileManager.default.attributesOfItem(atPath: site.path("cache/pages.tsv"))[.systemFileNumber] as! Int }
        let first = try inode()
        _ = try rebuild(site, parsed: 0)
        #expect(try inode() == first, "nothing changed, yet the page index was written again")
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n")
        _ = try rebuild(site, parsed: 1)
        #expect(try inode() != first)
        #expect(try rebuild(site, parsed: 0) == pageCount(site))
    }

    @Test func bodyEditRendersOnlyWhatDependsOnIt() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n")
        // nb/arn and its English fallback show the text; the other four pages come from the cache. Only the edited
        // file is parsed again.
        #expect(try rebuild(site, parsed: 1) == 4)
    }

    /// A retitled page re-renders only the pages that show its title: its folder's pages (navigation), a page that
    /// lists it as related, and the same in the language that shows them as fallbacks. Folder `y`'s other page and
    /// the homes, whose navigation keeps folder `x` closed, come from the cache.
    @Test func titleEditRendersOnlyThePagesThatShowTheTitle() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
            "content/nb/x/a.md": "---\ntitle: A\n---\nTekst a.\n",
            "content/nb/x/c.md": "---\ntitle: C\n---\nTekst c.\n",
            "content/nb/y/b.md": "---\ntitle: B\nrelated: [x/a]\n---\nTekst b.\n",
            "content/nb/y/d.md": "---\ntitle: D\nrelated: [y/b]\n---\nTekst d.\n",
            "content/en/index.md": "---\ntitle: Home\n---\nWelcome.\n",
        ])
        _ = try rebuild(site)
        #expect(try rebuild(site) == 10)
        try site.write("content/nb/x/a.md", "---\ntitle: A, ny tittel\n---\nTekst a.\n")
        // Re-rendered: nb/x/a, nb/x/c, nb/y/b and their three English fallbacks.
        #expect(try rebuild(site, parsed: 1) == 4)
        try site.write("content/nb/x/c.md", "---\ntitle: C\norder: 1\n---\nTekst c.\n")
        // An order changes folder x's navigation only (y/d lists y/b, not c).
        #expect(try rebuild(site, parsed: 1) == 6)
    }

    static func inode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as! Int
    }

    /// With the cache, a rebuild updates the output folder in place: the folder and every unchanged file stay
    /// (same inodes), the edited page is a new file, a deleted page's folder goes. `rebuild` checks each result
    /// against a clean build.
    @Test func aCachedRebuildUpdatesTheOutputInPlace() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        _ = try rebuild(site)
        let folder = try Self.inode(site.path("public")), klage = try Self.inode(site.path("public/nb/klage/index.html"))
        let arn = try Self.inode(site.path("public/nb/arn/index.html"))
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n")
        _ = try rebuild(site)
        #expect(try Self.inode(site.path("public")) == folder, "the output folder was replaced, not updated")
        #expect(try Self.inode(site.path("public/nb/klage/index.html")) == klage, "an unchanged page was written again")
        #expect(try Self.inode(site.path("public/nb/arn/index.html")) != arn)
        #expect(try site.read("public/nb/arn/index.html").contains("Om ARN, endret."))
        try site.write("content/nb/ny.md", "---\ntitle: Ny\n---\nNy side.\n")
        _ = try rebuild(site)
        #expect(site.exists("public/nb/ny/index.html"))
        try FileManager.default.removeItem(atPath: site.path("content/nb/ny.md"))
        _ = try rebuild(site)
        #expect(!site.exists("public/nb/ny"), "a deleted page's folder goes")
        #expect(try Self.inode(site.path("public")) == folder)
    }

    /// An in-place update checks every file it writes against the output, so files removed or changed there by
    /// hand (or by an interrupted build) are put right, even when no page changed.
    @Test func anInPlaceUpdateRepairsFilesChangedInTheOutput() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        let folder = try Self.inode(site.path("public"))
        try FileManager.default.removeItem(atPath: site.path("public/nb/klage/index.html"))
        try FileManager.default.removeItem(atPath: site.path("public/sitemap.xml"))
        try FileManager.default.removeItem(atPath: site.path("public/nb/arn/index.html"))
        try site.write("public/nb/arn/index.html", "changed by hand\n")
        #expect(try rebuild(site) == 6)
        #expect(try Self.inode(site.path("public")) == folder)
    }

    /// A build without the cache swaps in a new output folder; the next cached build sees that the folder is not
    /// the one it recorded and stages the whole tree again (it would otherwise miss files it does not know of).
    @Test func aFolderTheCacheDidNotRecordIsStagedWhole() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        _ = try SiteBuilder(options: site.options).build()
        try site.write("public/nb/stray.txt", "not written by this build\n")
        let folder = try Self.inode(site.path("public"))
        _ = try rebuild(site)
        #expect(try Self.inode(site.path("public")) != folder)
        #expect(!site.exists("public/nb/stray.txt"))
    }

    /// A cached rebuild that fails leaves the output exactly as it was, and the next good one updates it in place.
    @Test func aFailedCachedRebuildLeavesTheOutputAlone() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        let before = try Self.tree(site.path("public")), folder = try Self.inode(site.path("public"))
        // An error found while pages are rendered and written, not while the site is read.
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\nlayout: finnes-ikke\n---\nOm ARN, endret.\n")
        var options = site.options
        options.cacheDirectory = SitePath(site.path("cache"))
        #expect(throws: BuildFailure.self) { _ = try SiteBuilder(options: options).build() }
        #expect(try Self.tree(site.path("public")) == before)
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nOm ARN, endret.\n")
        _ = try rebuild(site)
        #expect(try Self.inode(site.path("public")) == folder)
    }

    /// `status --cache` reads the page index `build --cache` keeps: the same report, before and after an edit.
    @Test func statusWithTheCacheReportsWhatStatusWithoutItDoes() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        let content = site.path("content"), cache = site.path("cache")
        for edit in [nil, "---\ntitle: Klage\norder: 1\n---\n## Frister {#frister}\n\nNy tekst.\n", "---\ntitle: Klage!\n---\nKort.\n"] {
            if let edit { try site.write("content/nb/klage.md", edit) }
            let plain = site.run(["status", "--content", content, "--format", "json"])
            let cached = site.run(["status", "--content", content, "--format", "json", "--cache", cache])
            #expect(cached.status == 0 && cached.out == plain.out, "\(cached.err)")
        }
    }

    /// `status --cache` asked again over the same files prints the report it stored: marking the stored report
    /// shows that it was used. Any edit, another format or another language makes the report again, equal to
    /// `status` without the cache.
    @Test func statusWithTheCacheReusesItsReportUntilAFileChanges() throws {
        let site = try FixtureSite(Self.files)
        let content = site.path("content"), cache = site.path("cache")
        func status(_ extra: [String] = []) -> (status: Int32, out: String, err: String) {
            site.run(["status", "--content", content, "--format", "json"] + extra)
        }
        // Replaces the stored report's text, keeping the line that says what it was made from.
        func markStoredReport() throws {
            let stored = try site.read("cache/" + StatusReportCache.fileName)
            let key = try #require(stored.split(separator: "\n", maxSplits: 1).first)
            try site.write("cache/" + StatusReportCache.fileName, key + "\nmarked\n")
        }
        _ = status(["--cache", cache])
        try markStoredReport()
        #expect(status(["--cache", cache]).out == "marked\n", "the stored report was not used")
        #expect(status(["--cache", cache, "--language", "en"]).out == status(["--language", "en"]).out)
        #expect(site.run(["status", "--content", content, "--cache", cache]).out == site.run(["status", "--content", content]).out)
        for edit in ["content/nb/arn.md", "content/en/klage.md"] {
            _ = status(["--cache", cache])
            try markStoredReport()
            try site.write(edit, try site.read(edit) + "\nEndret.\n")
            let cached = status(["--cache", cache])
            #expect(cached.out != "marked\n" && cached.out == status().out, "\(edit)")
        }
        try markStoredReport()
        try site.write("content/.helpsite/sources/arn/0123456789ab.md", "---\ntitle: ARN\n---\nOm ARN.\n")
        let afterSnapshot = status(["--cache", cache])
        #expect(afterSnapshot.out != "marked\n" && afterSnapshot.out == status().out, "a new source snapshot")
    }

    @Test func corruptOrForeignCacheIsIgnoredWithANote() throws {
        let site = try FixtureSite(Self.files)
        _ = try rebuild(site)
        try site.write("cache/manifest.json", "{ not json")
        var options = site.options
        options.cacheDirectory = SitePath(site.path("cache"))
        let report = try SiteBuilder(options: options).build()
        #expect(report.cachedPages == 0)
        #expect(report.notes.count == 1 && report.notes[0].contains("cannot be read"))
        #expect(try rebuild(site) == 6)
    }
}
