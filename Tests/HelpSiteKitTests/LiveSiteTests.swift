import Foundation
import HelpSiteKit
import Testing

@Suite struct LiveSiteTests {
    static let files: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
        "content/nb/klage.md": "---\ntitle: Klage\norder: 1\n---\nKlag her.\n",
        "content/nb/arn.md": "---\ntitle: ARN\norder: 2\n---\nARN.\n",
        "content/de/index.md": "---\ntitle: Start\n---\nWillkommen.\n",
        "content/de/klage.md": "---\ntitle: Beschwerde\nsource: 000000000000\n---\nHier.\n",
    ]
    static let config = "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, de]\n"

    func live(_ site: FixtureSite) -> LiveSite {
        var options = site.options
        options.outputDirectory = SitePath(site.path("preview"))
        return LiveSite(options: options)
    }

    /// `serve` answers from `PreviewRenderer` before its first build is written: every file it can render on
    /// request must be the file the build writes, byte for byte.
    @Test func pagesRenderedOnRequestEqualTheBuiltFiles() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let preview = live(site)
        #expect(preview.load() == .rebuilt(paths: ["*"], full: true))
        let renderer = try #require(preview.preview)
        #expect(!site.exists("preview"), "loading writes nothing")
        #expect(preview.buildLoaded() == .rebuilt(paths: ["*"], full: true))
        let built = try site.snapshot("preview")
        var answered = 0
        for (file, bytes) in built where file.hasSuffix(".html") || file.hasPrefix("assets/") {
            let requested = file.hasSuffix("/index.html") ? "/" + file.dropLast("index.html".count) : "/" + file
            let served = try #require(renderer.file(at: String(requested)), "\(requested)")
            #expect(Data(served.bytes) == bytes, "\(requested)")
            answered += 1
        }
        #expect(answered == built.keys.filter { $0.hasSuffix(".html") || $0.hasPrefix("assets/") }.count)
        #expect(renderer.file(at: "/nb/klage")?.bytes == renderer.file(at: "/nb/klage/")?.bytes)
        #expect(renderer.file(at: "/assets/site.css")?.contentType == "text/css; charset=utf-8")
        #expect(renderer.file(at: "/nb/no-such-page/") == nil)
        #expect(renderer.file(at: "/sitemap.xml") == nil, "left to the built files")
    }

    @Test func bodyEditRerendersThePageItsFallbacksAndTranslations() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        let preview = live(site)
        #expect(preview.rebuildAll() == .rebuilt(paths: ["*"], full: true))
        try site.write("content/nb/arn.md", "---\ntitle: ARN\norder: 2\n---\nNy tekst om ARN.\n")
        #expect(preview.apply(changedFiles: [site.path("content/nb/arn.md")]) == .rebuilt(paths: ["/nb/arn/", "/de/arn/"], full: false))
        // The German complaint page is stamped from neither version of nb/klage.md: nothing about it changes.
        try site.write("content/nb/klage.md", "---\ntitle: Klage\norder: 1\n---\nKlag her, takk.\n")
        #expect(preview.apply(changedFiles: [site.path("content/nb/klage.md")]) == .rebuilt(paths: ["/nb/klage/"], full: false))
        #expect(try site.read("preview/de/arn/index.html").contains("Ny tekst om ARN."))
        let untouched = try site.read("preview/nb/klage/index.html")
        #expect(!untouched.contains("Ny tekst"))
    }

    @Test func titleChangeUpdatesTheLanguagesNavigationWithoutAFullRebuild() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        let preview = live(site)
        preview.rebuildAll()
        try site.write("content/nb/arn.md", "---\ntitle: Klagenemnda ARN\norder: 0\n---\nARN.\n")
        #expect(preview.apply(changedFiles: [site.path("content/nb/arn.md")]) == .rebuilt(paths: ["/nb/arn/", "/nb/", "/nb/klage/", "/de/arn/", "/de/", "/de/klage/"], full: false))
        let other = try site.read("preview/nb/klage/index.html")
        #expect(other.contains("Klagenemnda ARN"))
        #expect(try site.read("preview/de/index.html").contains("Klagenemnda ARN"), "the German fallback of arn shows the new title in German navigation")
    }

    @Test func slugChangeAndBrokenPagesAreHandled() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        let preview = live(site)
        preview.rebuildAll()
        try site.write("content/nb/arn.md", "---\ntitle: ARN\nslug: nemnd\n---\nARN.\n")
        #expect(preview.apply(changedFiles: [site.path("content/nb/arn.md")]) == .rebuilt(paths: ["*"], full: true))
        #expect(site.exists("preview/nb/nemnd/index.html"))
        try site.write("content/nb/arn.md", "---\ntitle: ARN\nslug: nemnd\nwrong: 1\n---\n")
        guard case .failed(let diagnostics) = preview.apply(changedFiles: [site.path("content/nb/arn.md")]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostics.map { site.relative($0.description) } == ["content/nb/arn.md:4:1: error: unknown key 'wrong' in front matter; expected one of: title, description, slug, order, layout, draft, source, reviewed, related, aliases, machine"])
        #expect(site.exists("preview/nb/nemnd/index.html"))
    }
}
