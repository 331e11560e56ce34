import HelpMarkdown

/// `sitemap.xml` with `xhtml:link` alternates for every translation, and `robots.txt`.
/// Large sites get a sitemap index (`sitemap.xml`) and one file per language, split further if needed,
/// because a sitemap may hold at most 50,000 URLs and 50 MB.
enum Sitemap {
    static let maxURLs = 50_000
    static let maxBytes = 45 * 1024 * 1024

    /// The sitemap files to write, `sitemap.xml` first.
    static func files(index: SiteIndex, alternates: (PageID) -> [[String: String]]) -> [(path: String, text: String)] {
        var entries: [String: [String]] = [:]
        var total = 0, bytes = 0
        for id in index.ids {
            let links = alternates(id).map {
                "    <xhtml:link rel=\"alternate\" hreflang=\"\(escape($0["hreflang"] ?? ""))\" href=\"\(escape($0["url"] ?? ""))\"/>\n"
            }.joined()
            for page in index.translations(of: id) {
                let entry = "  <url>\n    <loc>\(escape(page.absoluteURL))</loc>\n" + links + "  </url>\n"
                entries[page.language, default: []].append(entry)
                total += 1
                bytes += entry.utf8.count
            }
        }
        let ordered = index.config.languages.flatMap { entries[$0.code] ?? [] }
        if total <= maxURLs && bytes <= maxBytes {
            return [("sitemap.xml", urlset(ordered))]
        }
        var files: [(path: String, text: String)] = []
        for language in index.config.languages {
            var chunk: [String] = [], chunkBytes = 0, part = 1
            func flush() {
                guard !chunk.isEmpty else { return }
                files.append(("sitemap-\(language.code)\(part > 1 ? "-\(part)" : "").xml", urlset(chunk)))
                chunk = []; chunkBytes = 0; part += 1
            }
            for entry in entries[language.code] ?? [] {
                if chunk.count == maxURLs || chunkBytes + entry.utf8.count > maxBytes { flush() }
                chunk.append(entry)
                chunkBytes += entry.utf8.count
            }
            flush()
        }
        var sitemapIndex = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for file in files { sitemapIndex += "  <sitemap><loc>\(escape(index.config.baseURL + file.path))</loc></sitemap>\n" }
        sitemapIndex += "</sitemapindex>\n"
        return [("sitemap.xml", sitemapIndex)] + files
    }

    private static func urlset(_ entries: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
            + entries.joined() + "</urlset>\n"
    }

    static func robots(baseURL: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(baseURL)sitemap.xml\n"
    }

    /// XML escaping is HTML's.
    private static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
