import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown
import HelpRender

/// `sitemap.xml` with `xhtml:link` alternates for every translation, and `robots.txt`.
/// Large sites get a sitemap index (`sitemap.xml`) and one file per language, split further if needed,
/// because a sitemap may hold at most 50,000 URLs and 50 MB.
package enum Sitemap {
    package static let maxURLs = 50_000
    package static let maxBytes = 45 * 1024 * 1024

    /// Writes the sitemap files, `sitemap.xml` last, holding one file's text per core at a time (a 50,000-page site's
    /// sitemaps are larger than everything else the build keeps in memory).
    package static func write(index: SiteIndex, alternates: (PageID) -> [(hreflang: String, url: String)],
                              to write: @Sendable (_ path: String, _ bytes: [UInt8]) throws -> Void) throws {
        var links: [PageID: String] = [:]
        var total = 0, bytes = 0
        for id in index.ids {
            let text = alternates(id).map {
                "    <xhtml:link rel=\"alternate\" hreflang=\"\(escape($0.hreflang))\" href=\"\(escape($0.url))\"/>\n"
            }.joined()
            links[id] = text
            for page in index.translations(of: id) {
                total += 1
                bytes += entry(for: page, links: "").utf8.count + text.utf8.count
            }
        }
        // A language's written pages in id order, as `index.ids` orders them.
        func entries(in language: Language, _ body: (String) throws -> Void) rethrows {
            for page in index.pages(in: language.code) where !page.isFallback {
                try body(entry(for: page, links: links[page.id] ?? ""))
            }
        }
        if total <= maxURLs && bytes <= maxBytes {
            var text = urlsetStart
            for language in index.config.languages { entries(in: language) { text += $0 } }
            try write("sitemap.xml", Array((text + urlsetEnd).utf8))
            return
        }
        // Each language's files on every core: they are the largest files a large site writes.
        let linksByID = links
        let perLanguage = ParallelMap.map(index.config.languages) { language in
            Result { () throws -> [String] in
                var paths: [String] = []
                var chunk = urlsetStart, count = 0, chunkBytes = 0, part = 1
                func flush() throws {
                    guard count > 0 else { return }
                    let path = "sitemap-\(language.code)\(part > 1 ? "-\(part)" : "").xml"
                    try write(path, Array((chunk + urlsetEnd).utf8))
                    paths.append(path)
                    chunk = urlsetStart; count = 0; chunkBytes = 0; part += 1
                }
                for page in index.pages(in: language.code) where !page.isFallback {
                    let entry = entry(for: page, links: linksByID[page.id] ?? "")
                    let size = entry.utf8.count
                    if count == maxURLs || chunkBytes + size > maxBytes { try flush() }
                    chunk += entry
                    count += 1
                    chunkBytes += size
                }
                try flush()
                return paths
            }
        }
        let paths = try perLanguage.flatMap { try $0.get() }
        var sitemapIndex = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { sitemapIndex += "  <sitemap><loc>\(escape(index.config.baseURL + path))</loc></sitemap>\n" }
        sitemapIndex += "</sitemapindex>\n"
        try write("sitemap.xml", Array(sitemapIndex.utf8))
    }

    private static func entry(for page: Page, links: String) -> String {
        "  <url>\n    <loc>\(escape(page.absoluteURL))</loc>\n" + links + "  </url>\n"
    }

    private static let urlsetStart = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    private static let urlsetEnd = "</urlset>\n"

    package static func robots(baseURL: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(baseURL)sitemap.xml\n"
    }

    /// XML escaping is HTML's.
    private static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
