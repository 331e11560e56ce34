/// `sitemap.xml` with `xhtml:link` alternates for every translation, and `robots.txt`.
enum Sitemap {
    static func xml(index: SiteIndex, alternates: (PageID) -> [[String: String]]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for id in index.ids {
            let links = alternates(id).map {
                "    <xhtml:link rel=\"alternate\" hreflang=\"\(escape($0["hreflang"] ?? ""))\" href=\"\(escape($0["url"] ?? ""))\"/>\n"
            }.joined()
            for page in index.translations(of: id) {
                xml += "  <url>\n    <loc>\(escape(page.absoluteURL))</loc>\n" + links + "  </url>\n"
            }
        }
        return xml + "</urlset>\n"
    }

    static func robots(baseURL: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(baseURL)sitemap.xml\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;").replacingAll("\"", with: "&quot;")
    }
}
