import HelpCore

/// `aliases:` in front matter: a page's former paths in its language folder, each sent on to its URL.
package struct Redirect: Sendable {
    /// Path segments of the old URL under the output root, the language first (`["nb", "gammel-klage"]`).
    package let segments: [String]
    /// The old URL with the base path: `/help/nb/gammel-klage/`.
    package let href: String
    /// The page it leads to, in the alias's language.
    package let target: Page

    package init(segments: [String], href: String, target: Page) {
        self.segments = segments
        self.href = href
        self.target = target
    }

    package var outputPath: String { segments.joined(separator: "/") + "/index.html" }
    /// The old path as a server sees it after decoding: `/help/nb/gammel-klage/`.
    func decodedPath(basePath: String) -> String { basePath + segments.joined(separator: "/") + "/" }
}

package enum Redirects {
    /// `_redirects` for Netlify and Cloudflare Pages: one `from to 301` line per alias.
    package static func netlify(_ redirects: [Redirect]) -> String {
        "# Written by helpsite from the pages' aliases: old URL, new URL, status.\n"
            + redirects.map { "\($0.href) \($0.target.href) 301\n" }.joined()
    }

    /// Exact-match `location` blocks for an nginx `server { include …; }`, with and without the trailing slash.
    package static func nginx(_ redirects: [Redirect], basePath: String) -> String {
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
