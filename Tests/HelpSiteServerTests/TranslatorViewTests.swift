import HelpConfig
import HelpContent
import HelpCore
import Foundation
import HelpSiteKit
import HelpSiteServer
import HelpTranslation
import Testing
import HelpOutput

/// serve's translator view of an outdated translation: the word-level diff since the stamp, the stamp POST and
/// its Host/Origin checks, and that no build writes or links any of it.
@Suite(.serialized) struct TranslatorViewTests {
    static let view = "/__helpsite/translate/de/arn/"

    static let files = [
        "content/site.yaml": "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, de]\nstatusDashboard: translation-status.html\n",
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
        "content/de/index.md": "---\ntitle: Start\n---\nWillkommen.\n",
        "content/nb/arn.md": source(price: "Det koster 100 kroner å klage."),
        "content/de/arn.md": "---\ntitle: Beschwerdeausschuss\n---\nÜber den Ausschuss.\n\n## Was kostet das? {#cost}\n\nEs kostet 100 Kronen.\n\n"
            + "## Fristen {#deadlines}\n\nSie müssen innerhalb eines Jahres klagen.\n",
    ]

    static func source(price: String) -> String {
        "---\ntitle: Klagenemnda\n---\nOm nemnda.\n\n## Hva koster det? {#cost}\n\n\(price)\n\n## Frister {#deadlines}\n\nDu må klage innen ett år.\n"
    }

    /// Serves the fixture after stamping the German page and then changing the price in the source.
    static func withOutdatedPage(_ body: (ServedSite) async throws -> Void) async throws {
        let site = try await ServedSite.start(files: files) { options, root in
            let content = SitePath(root.appendingPathComponent("content").path)
            _ = try? Stamper(contentDirectory: content, config: try SiteConfigLoader(contentDirectory: content).load())
                .stamp(content.appending("de/arn.md").path)
            try? Data(source(price: "Det koster 200 kroner å klage, betalt på forhånd.").utf8)
                .write(to: root.appendingPathComponent("content/nb/arn.md"))
        }
        do { try await body(site) } catch {
            await site.stop()
            throw error
        }
        await site.stop()
    }

    static func post(_ site: ServedSite, host: String? = nil, origin: String? = nil) async -> Int {
        let own = "127.0.0.1:\(site.running.port)"
        return await FormEndpointTests.exchange(site, ["POST \(view) HTTP/1.1", "Host: \(host ?? own)", "Origin: \(origin ?? "http://\(own)")",
                                                       "Content-Type: application/x-www-form-urlencoded", "Content-Length: 0", "Connection: close", "", ""]
                                                   .joined(separator: "\r\n")).status
    }

    /// Every file under `folder` with its bytes.
    static func files(in folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        for case let url as URL in enumerator {
            if let data = try? Data(contentsOf: url) { result[url.path] = data }
        }
        return result
    }

    static func state(_ site: ServedSite) throws -> TranslationStatus.State? {
        try arn(site)?.entries["de"]?.state
    }

    static func arn(_ site: ServedSite) throws -> TranslationStatus.Row? {
        let content = SitePath(site.root.appendingPathComponent("content").path)
        let config = try SiteConfigLoader(contentDirectory: content).load()
        let pages = try ContentLoader(contentDirectory: content, config: config).load().pages
        return TranslationStatus(config: config, pages: pages).rows.first { $0.id.path == "arn" }
    }

    @Test func aChangedSectionIsAWordDiffBesideTheTranslationAndUnchangedOnesAreFolded() async throws {
        try await Self.withOutdatedPage { site in
            let (status, headers, html) = try await site.get(Self.view)
            #expect(status == 200)
            #expect(headers["content-type"] == "text/html; charset=utf-8")
            let changed = try #require(html.range(of: "<section id=\"section-cost\"").map { String(html[$0.lowerBound...]) }?.components(separatedBy: "</section>").first)
            #expect(changed.contains("Det koster <del>100 </del><ins>200 </ins>kroner å <del>klage.</del><ins>klage, betalt på forhånd.</ins>"), "\(changed)")
            #expect(changed.contains("<div class=\"text\" lang=\"nb\">"))
            #expect(changed.contains("<div class=\"text\" lang=\"de\">## Was kostet das? {#cost}\n\nEs kostet 100 Kronen.</div>"))
            let folded = try #require(html.range(of: "<details id=\"section-deadlines\">").map { String(html[$0.lowerBound...]) }?.components(separatedBy: "</details>").first)
            #expect(folded.contains("Du må klage innen ett år.") && folded.contains("Sie müssen innerhalb eines Jahres klagen."))
            #expect(!folded.contains("<del>") && !folded.contains("<ins>"))
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("<form method=\"post\" action=\"\(Self.view)\">"))
            #expect(html.contains("vscode://file" + site.root.appendingPathComponent("content/de/arn.md").standardizedFileURL.path))
            // The outdated notice and serve's dashboards lead there.
            let (_, _, page) = try await site.get("/de/arn/")
            #expect(page.contains("href=\"\(Self.view)\""))
            let (_, _, dashboard) = try await site.get("/translation-status.html")
            #expect(dashboard.contains("<a href=\"\(Self.view)\">outdated"))
            let (_, _, index) = try await site.get("/__helpsite/translate/")
            #expect(index.contains("<a href=\"\(Self.view)\">outdated"))
        }
    }

    @Test func markingUpToDateWritesTheStampAndThePageRebuildsWithoutTheNotice() async throws {
        try await Self.withOutdatedPage { site in
            let expected = try #require(try Self.arn(site)?.sourceHash)
            #expect(try Self.state(site) == .outdated)
            #expect(try await site.get("/de/arn/").2.contains("notice--outdated"))
            #expect(await Self.post(site) == 303)
            let translation = try String(contentsOf: site.root.appendingPathComponent("content/de/arn.md"), encoding: .utf8)
            #expect(translation.contains("source: \(expected)\n"))
            #expect(try Self.state(site) == .upToDate)
            var page = ""
            for _ in 0..<100 {
                page = try await site.get("/de/arn/").2
                if !page.contains("notice--outdated") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(!page.contains("notice--outdated"))
            let (_, _, html) = try await site.get(Self.view)
            #expect(html.contains("Up to date"))
        }
    }

    @Test(arguments: [(host: String?.none, origin: String?.some("http://evil.example")), (host: "evil.example", origin: nil)])
    func aStampFromAForeignOriginOrHostIsRefusedAndWritesNothing(host: String?, origin: String?) async throws {
        try await Self.withOutdatedPage { site in
            let content = site.root.appendingPathComponent("content")
            let before = Self.files(in: content)
            #expect(await Self.post(site, host: host, origin: origin) == 403)
            #expect(Self.files(in: content) == before)
            let state = try Self.state(site)
            #expect(state == .outdated)
        }
    }

    @Test func servesLinksToTheViewButNoBuildWritesOrLinksIt() async throws {
        try await Self.withOutdatedPage { site in
            let (_, _, served) = try await site.get("/de/arn/")
            #expect(served.contains(Self.view))
            let output = site.root.appendingPathComponent("built")
            var options = BuildOptions(contentDirectory: SitePath(site.root.appendingPathComponent("content").path),
                                       templatesDirectory: SitePath(site.root.appendingPathComponent("templates").path),
                                       outputDirectory: SitePath(output.path))
            options.workers = 1
            _ = try SiteBuilder(options: options).build()
            let built = Self.files(in: output)
            #expect(String(decoding: try #require(built[output.appendingPathComponent("de/arn/index.html").path]), as: UTF8.self).contains("notice--outdated"))
            #expect(built.keys.allSatisfy { !$0.contains("__helpsite") })
            #expect(built.values.allSatisfy { String(decoding: $0, as: UTF8.self).range(of: "__helpsite") == nil })
        }
    }
}
