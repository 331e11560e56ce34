import HelpContent
import HelpCore
import Foundation
import HelpSiteKit
import Testing

@Suite struct LiveSiteTests {
    static let files: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
        "content/nb/klage.md": "---\ntitle: Klage\norder: 1\n---\nKlag her.\n\n## Frister\n\nTo måneder.\n",
        "content/nb/arn.md": "---\ntitle: ARN\norder: 2\n---\nARN. Se [klage](klage.md) og [fristene](klage.md#frister).\n\n::: contact arn\n",
        "content/nb/x/a.md": "---\ntitle: Artikkel A\n---\nA.\n",
        "content/nb/y/b.md": "---\ntitle: Artikkel B\nrelated: [x/a]\n---\nB.\n",
        "content/nb/strings.yaml": "searchSlug: sok\nfooter: Bunntekst\n",
        "content/en/index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/en/klage.md": "---\ntitle: Complaints\nsource: 000000000000\n---\nHere.\n",
        "content/de/index.md": "---\ntitle: Start\n---\nWillkommen.\n",
        "content/facts.yaml": "arn:\n  name: ARN\n  phone: +46 8 508 860 00\n",
    ]
    static let config = "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, en, de]\nsearch: true\n"

    func live(_ site: FixtureSite) -> LiveSite {
        var options = site.options
        options.outputDirectory = SitePath(site.path("preview"))
        options.cacheDirectory = SitePath(site.path("serve-cache"))
        options.defersSearchIndex = true
        return LiveSite(options: options)
    }

    /// `serve` answers from `PreviewRenderer` before its first build is written: every file it can render on
    /// request must be the file the build writes, byte for byte.
    @Test func pagesRenderedOnRequestEqualTheBuiltFiles() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let preview = live(site)
        #expect(preview.load() == .rebuilt(paths: [], rendered: 0, warnings: []))
        let renderer = try #require(preview.preview)
        #expect(!site.exists("preview"), "loading writes nothing")
        guard case .rebuilt = preview.buildLoaded() else { Issue.record("the build failed"); return }
        let built = try site.snapshot("preview")
        var answered = 0
        for (file, bytes) in built where (file.hasSuffix(".html") && !String(decoding: bytes, as: UTF8.self).contains("<body class=\"layout-search\"")) || file.hasPrefix("assets/") {
            let requested = file.hasSuffix("/index.html") ? "/" + file.dropLast("index.html".count) : "/" + file
            let served = try #require(renderer.file(at: String(requested)), "\(requested)")
            #expect(Data(served.bytes) == bytes, "\(requested)")
            answered += 1
        }
        #expect(answered > 20)
        #expect(renderer.file(at: "/nb/klage")?.bytes == renderer.file(at: "/nb/klage/")?.bytes)
        #expect(renderer.file(at: "/assets/site.css")?.contentType == "text/css; charset=utf-8")
        #expect(renderer.file(at: "/nb/no-such-page/") == nil)
        #expect(renderer.file(at: "/sitemap.xml") == nil, "left to the built files")
    }

    /// One kind of edit a writer makes while `serve` runs, and how many pages it must render again
    /// (the rest come from serve's cache, unchanged).
    struct Edit: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String?]
        var rendered: Int
        /// Only page text changed, so serve makes again only what reads it (`LiveSite.BuildKind.pageText`).
        var textOnly = false
        var testDescription: String { name }
    }

    /// An alias changes the page's file, so the page and its de fallback render again; en's own translation does
    /// not show its source's aliases.
    /// 15 pages: nb's 5, en's home and complaint page with 3 fallbacks, de's home with 4 fallbacks.
    static let edits: [Edit] = [
        Edit(name: "body", files: ["content/nb/arn.md": "---\ntitle: ARN\norder: 2\n---\nNy tekst om ARN.\n"], rendered: 3, textOnly: true),
        // klage, its de fallback, and en's translation, whose outdated notice follows the source's version.
        Edit(name: "body without a heading another page links to", files: ["content/nb/klage.md": "---\ntitle: Klage\norder: 1\n---\nKlag her.\n"],
             rendered: 3, textOnly: true),
        Edit(name: "body with a link to a missing heading", files: ["content/nb/arn.md": "---\ntitle: ARN\norder: 2\n---\nSe [fristen](klage.md#fristen).\n"],
             rendered: 3, textOnly: true),
        Edit(name: "body of a translation", files: ["content/en/klage.md": "---\ntitle: Complaints\nsource: 000000000000\n---\nComplain here.\n"],
             rendered: 1, textOnly: true),
        Edit(name: "bodies of two pages", files: ["content/nb/x/a.md": "---\ntitle: Artikkel A\n---\nNy A.\n", "content/de/index.md": "---\ntitle: Start\n---\nHallo.\n"],
             rendered: 4, textOnly: true),
        // vim's test file beside the page: the build does not read it, so the edit is still only page text.
        Edit(name: "body saved with an editor's temporary file", files: ["content/nb/arn.md": "---\ntitle: ARN\norder: 2\n---\nLagret i vim.\n",
                                                                        "content/nb/4913": ""], rendered: 3, textOnly: true),
        Edit(name: "a file the build does not read, alone", files: ["content/nb/4913": ""], rendered: 0, textOnly: true),
        Edit(name: "title moved into the body", files: ["content/nb/x/a.md": "# Ny A\n\nA.\n"], rendered: 6),
        Edit(name: "title", files: ["content/nb/arn.md": "---\ntitle: Klagenemnda ARN\norder: 2\n---\nARN.\n"], rendered: 15),
        // x/a, the page that lists it as related (y/b), and their fallbacks in en and de: the other pages' navigation keeps folder x closed.
        Edit(name: "title of a related page", files: ["content/nb/x/a.md": "---\ntitle: Ny A\n---\nA.\n"], rendered: 6),
        Edit(name: "slug", files: ["content/nb/arn.md": "---\ntitle: ARN\nslug: nemnd\norder: 2\n---\nARN.\n"], rendered: 15),
        // en's navigation keeps its order (its own klage has none), so of en only the arn fallback renders again.
        Edit(name: "order", files: ["content/nb/arn.md": "---\ntitle: ARN\norder: 0\n---\nARN.\n"], rendered: 11),
        Edit(name: "related", files: ["content/nb/arn.md": "---\ntitle: ARN\norder: 2\nrelated: [klage]\n---\nARN.\n"], rendered: 3),
        Edit(name: "alias", files: ["content/nb/klage.md": "---\ntitle: Klage\norder: 1\naliases: [gammel-klage]\n---\nKlag her.\n\n## Frister\n\nTo måneder.\n"], rendered: 2),
        Edit(name: "strings", files: ["content/nb/strings.yaml": "searchSlug: finn\nfooter: Ny bunntekst\n"], rendered: 15),
        Edit(name: "template", files: ["templates/partials/footer.mustache": "<footer>Eget bunnfelt</footer>\n"], rendered: 15),
        Edit(name: "facts", files: ["content/facts.yaml": "arn:\n  name: Allmänna reklamationsnämnden\n  phone: +46 8 508 860 00\n"], rendered: 15),
        Edit(name: "new page", files: ["content/nb/ny.md": "---\ntitle: Ny side\n---\nNy.\n"], rendered: 18),
        Edit(name: "deleted page", files: ["content/nb/arn.md": nil], rendered: 12),
        Edit(name: "deleted translation", files: ["content/en/klage.md": nil], rendered: 15),
        Edit(name: "draft", files: ["content/en/klage.md": "---\ntitle: Complaints\nsource: 000000000000\ndraft: true\n---\nHere.\n"], rendered: 15),
    ]

    /// What serve shows is what ships: after each kind of edit, every file serve's output holds equals a clean
    /// build of the edited content (the search index aside: serve re-indexes in the background), and only the
    /// pages the edit affects were rendered again.
    @Test(arguments: edits)
    func afterAnyEditServeEqualsACleanBuild(_ edit: Edit) throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let preview = live(site)
        guard case .rebuilt(_, let first, _) = preview.rebuild() else { Issue.record("the first build failed"); return }
        #expect(first == 15)
        for (path, text) in edit.files {
            if let text { try site.write(path, text) } else { try FileManager.default.removeItem(atPath: site.path(path)) }
        }
        // As the file watcher reports them: paths below the content and templates folders as given to serve.
        let changed = edit.files.keys.map { site.path($0) }
        guard case .rebuilt(let paths, let rendered, let warnings) = preview.apply(changedFiles: changed) else { Issue.record("the rebuild failed"); return }
        #expect(rendered == edit.rendered)
        #expect(preview.lastBuild == (edit.textOnly ? .pageText : .full))
        #expect(paths.isEmpty == (edit.rendered == 0), "files change when pages render, and only then")
        var options = site.options
        options.outputDirectory = SitePath(site.path("clean"))
        let clean = try SiteBuilder(options: options).build()
        #expect(warnings.map(\.description) == clean.warnings.map(\.description))
        let served = try site.snapshot("preview").filter { !$0.key.hasPrefix("pagefind") }
        let built = try site.snapshot("clean").filter { !$0.key.hasPrefix("pagefind") }
        #expect(served.keys.sorted() == built.keys.sorted())
        for (file, bytes) in built where served[file] != bytes {
            Issue.record("\(edit.name): \(file) differs from a clean build")
        }
    }

    /// Body edits that break a page (a translation, so no fallback shares its text): serve keeps its output while
    /// the page is broken, even when a later edit touches only other pages (a clean build would still fail), and
    /// once every page is back as it was the output is a clean build's again. One page edited while the other is
    /// broken gets a text of the same length, so a cached file the failed build replaced would pass for the old
    /// entry if it were taken.
    @Test func brokenBodyEditsAndTheirUndoLeaveTheCleanBuild() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let preview = live(site)
        preview.rebuild()
        let before = try site.snapshot("preview")
        let klage = Self.files["content/en/klage.md"]!, home = Self.files["content/de/index.md"]!, a = Self.files["content/nb/x/a.md"]!
        try site.write("content/en/klage.md", klage + "\n::: contact nobody\n")
        guard case .failed(let diagnostics) = preview.apply(changedFiles: [site.path("content/en/klage.md")]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(preview.lastBuild == .pageText)
        #expect(diagnostics.map { site.relative($0.description) }.contains { $0.hasPrefix("content/en/klage.md:") && $0.contains("unknown contact 'nobody'") })
        try site.write("content/nb/x/a.md", a.replacingOccurrences(of: "A.\n", with: "Ny A.\n"))
        guard case .failed = preview.apply(changedFiles: [site.path("content/nb/x/a.md")]) else {
            Issue.record("an edit elsewhere hid the broken page")
            return
        }
        try site.write("content/de/index.md", home.replacingOccurrences(of: "Willkommen", with: "Willkommer"))
        guard case .failed = preview.apply(changedFiles: [site.path("content/de/index.md")]) else {
            Issue.record("an edit elsewhere hid the broken page")
            return
        }
        #expect(try site.snapshot("preview") == before)
        try site.write("content/de/index.md", home)
        try site.write("content/en/klage.md", klage)
        try site.write("content/nb/x/a.md", a)
        let changed = ["content/de/index.md", "content/en/klage.md", "content/nb/x/a.md"].map(site.path)
        guard case .rebuilt = preview.apply(changedFiles: changed) else { Issue.record("the undo failed"); return }
        #expect(preview.lastBuild == .pageText)
        #expect(try site.snapshot("preview") == before)
    }

    /// A body edit that makes a stamped translation outdated changes more than pages: the help widget's article
    /// list and the status dashboard show translation states. The edit is still scoped, and its output a clean build's.
    @Test func aBodyEditThatOutdatesATranslationUpdatesTheArticleListAndDashboard() throws {
        let body = "Klag her.\n"
        var files = Self.files
        files["content/nb/klage.md"] = "---\ntitle: Klage\ncontexts: [/checkout]\n---\n" + body
        files["content/en/klage.md"] = "---\ntitle: Complaints\nsource: \(SourceHash.of(title: "Klage", description: "", body: body))\n---\nHere.\n"
        let site = try FixtureSite(files, config: Self.config + "statusDashboard: status.html\n")
        defer { try? FileManager.default.removeItem(at: site.root) }
        let preview = live(site)
        let first = preview.rebuild()
        guard case .rebuilt = first else { Issue.record("the first build failed: \(first)"); return }
        let articles = { String(decoding: try site.snapshot("preview")["en/articles.json"] ?? Data(), as: UTF8.self) }
        #expect(try articles().contains("\"state\": \"translated\""))
        try site.write("content/nb/klage.md", "---\ntitle: Klage\ncontexts: [/checkout]\n---\nKlag her, med nye frister.\n")
        guard case .rebuilt(let paths, _, _) = preview.apply(changedFiles: [site.path("content/nb/klage.md")]) else { Issue.record("the rebuild failed"); return }
        #expect(preview.lastBuild == .pageText)
        #expect(try articles().contains("\"state\": \"outdated\""))
        #expect(paths.contains { $0.hasSuffix("en/articles.json") } && paths.contains { $0.hasSuffix("status.html") })
        var options = site.options
        options.outputDirectory = SitePath(site.path("clean"))
        try SiteBuilder(options: options).build()
        let served = try site.snapshot("preview").filter { !$0.key.hasPrefix("pagefind") }
        let built = try site.snapshot("clean").filter { !$0.key.hasPrefix("pagefind") }
        #expect(served.keys.sorted() == built.keys.sorted())
        for (file, bytes) in built where served[file] != bytes { Issue.record("\(file) differs from a clean build") }
    }

    @Test func aBrokenEditKeepsTheLastGoodOutputAndReportsTheError() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let preview = live(site)
        preview.rebuild()
        let before = try site.snapshot("preview")
        try site.write("content/nb/arn.md", "---\ntitle: ARN\nwrong: 1\n---\n")
        guard case .failed(let diagnostics) = preview.apply() else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostics.map { site.relative($0.description) }.first?.hasPrefix("content/nb/arn.md:3:1: error: unknown key 'wrong' in front matter") == true)
        #expect(try site.snapshot("preview") == before)
    }
}
