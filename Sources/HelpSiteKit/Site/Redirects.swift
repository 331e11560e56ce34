/// `aliases:` in front matter: a page's former paths in its language folder, each sent on to its URL.
struct Redirect: Sendable {
    /// Path segments of the old URL under the output root, the language first (`["nb", "gammel-klage"]`).
    let segments: [String]
    /// The old URL with the base path: `/help/nb/gammel-klage/`.
    let href: String
    /// The page it leads to, in the alias's language.
    let target: Page

    var outputPath: String { segments.joined(separator: "/") + "/index.html" }
    /// The old path as a server sees it after decoding: `/help/nb/gammel-klage/`.
    func decodedPath(basePath: String) -> String { basePath + segments.joined(separator: "/") + "/" }
}

enum Redirects {
    /// Every alias of every written page, checked: a valid path that no page and no other alias has.
    static func collect(_ index: SiteIndex, log: inout DiagnosticLog) -> [Redirect] {
        var owners: [String: String] = [:]
        for language in index.config.languages {
            for page in index.pages(in: language.code) {
                owners[page.outputPath] = "the URL of \(page.isFallback ? "the fallback of " : "")\(page.source.file.display)"
            }
        }
        var redirects: [Redirect] = []
        for language in index.config.languages {
            // A fallback page's URL follows its source page's slug, so it follows the source's aliases too; only the
            // written page's own aliases are reported (a fallback's clash just leaves that redirect out).
            for page in index.pages(in: language.code) {
                for alias in page.source.frontMatter.aliases ?? [] {
                    let file = page.source.file.display
                    let trimmed = alias.text.split(separator: "/", omittingEmptySubsequences: false)
                    let parts = (alias.text.hasPrefix("/") ? trimmed.dropFirst() : trimmed[...]).map(String.init)
                    let segments = parts.last == "" ? Array(parts.dropLast()) : parts
                    if let problem = segments.isEmpty ? "is empty" : segments.lazy.compactMap(PathRules.problem(inSlug:)).first {
                        if !page.isFallback {
                            log.append(.error(.index, alias.location, "alias '\(alias.text)': \(problem.replacingAll("slug", with: "segment"))"))
                        }
                        continue
                    }
                    let redirect = Redirect(segments: [language.code] + segments,
                                            href: URLPath.href(basePath: index.config.basePath, segments: [language.code] + segments), target: page)
                    if let owner = owners[redirect.outputPath] {
                        if !page.isFallback {
                            let own = owner == "the URL of \(file)"
                            log.append(.error(.index, alias.location, "alias '\(alias.text)' of \(file) (\(redirect.href)) is " + (own ? "the page's own URL" : owner)))
                        }
                        continue
                    }
                    owners[redirect.outputPath] = "an alias of \(page.isFallback ? "the fallback of " : "")\(file)"
                    redirects.append(redirect)
                }
            }
        }
        return redirects
    }

    /// `_redirects` for Netlify and Cloudflare Pages: one `from to 301` line per alias.
    static func netlify(_ redirects: [Redirect]) -> String {
        "# Written by helpsite from the pages' aliases: old URL, new URL, status.\n"
            + redirects.map { "\($0.href) \($0.target.href) 301\n" }.joined()
    }

    /// Exact-match `location` blocks for an nginx `server { include …; }`, with and without the trailing slash.
    static func nginx(_ redirects: [Redirect], basePath: String) -> String {
        "# Written by helpsite from the pages' aliases. Include it inside the site's server block.\n"
            + redirects.map { redirect in
                let path = redirect.decodedPath(basePath: basePath)
                return ["location = \(nginxQuoted(path)) { return 301 \(nginxQuoted(redirect.target.href)); }\n",
                        "location = \(nginxQuoted(String(path.dropLast()))) { return 301 \(nginxQuoted(redirect.target.href)); }\n"].joined()
            }.joined()
    }

    /// Paths passed `PathRules` (letters, digits, `-_.~`, percent escapes), so they hold no quote, `$` or backslash.
    private static func nginxQuoted(_ text: String) -> String { "\"" + text + "\"" }
}
