import HelpCore
import HelpMarkdown

/// Stage "resolve links": turns `[text](../s3/p4.md#part)` into the target page's URL in the same language.
package struct LinkResolver {
    package let index: SiteIndex

    package init(index: SiteIndex) {
        self.index = index
    }

    package enum Resolution: Equatable {
        /// Not ours to change: external URLs, `mailto:`, fragments on the same page.
        case keep
        case rewrite(String)
    }

    package func resolve(_ destination: String, from page: Page, at location: FileLocation, log: inout [Diagnostic], fragments: inout [FragmentLink]) -> Resolution {
        if destination.hasPrefix("#"), destination.count > 1 {
            fragments.append(FragmentLink(language: page.language, id: page.id, fragment: String(destination.dropFirst()), location: location, written: destination))
            return .keep
        }
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("//") || Self.hasScheme(destination) {
            if let other = otherLanguage(inAbsolute: destination, from: page) {
                log.append(.warning(.resolveLinks, location, "link '\(destination)' leads to the \(other) site; link to the page's .md file so \(page.language) readers stay in \(page.language)"))
            }
            return .keep
        }
        var path = Substring(destination)
        var suffix = ""
        if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            suffix = String(path[mark...])
            path = path[..<mark]
        }
        // Decoded as a browser would; a stray `%` is a literal percent sign (`files/100%.pdf`).
        let lossyPath = String(decoding: URLPath.percentDecodedBytes(String(path)), as: UTF8.self)
        guard lossyPath.hasSuffix(".md") else {
            if path.hasPrefix("/") { return siteRooted(path, suffix: suffix, destination: destination, from: page, at: location, log: &log) }
            log.append(.warning(.resolveLinks, location, "link '\(destination)' is relative but not to a .md page; write links to pages as paths to their .md file"))
            return .keep
        }
        // A link to a page names a file: it must decode to text a file name can hold.
        guard let decodedPath = URLPath.percentDecode(String(path)) else {
            log.append(.error(.resolveLinks, location, "link '\(destination)' has a %-escape that is not UTF-8"))
            return .rewrite("")
        }
        if decodedPath.contains("\\") || decodedPath.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            log.append(.error(.resolveLinks, location, "link '\(destination)' contains a backslash or control character"))
            return .rewrite("")
        }
        let base = decodedPath.hasPrefix("/") ? [] : page.id.folders
        guard let segments = URLPath.normalize(base + decodedPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)),
              !segments.isEmpty else {
            log.append(.error(.resolveLinks, location, "link '\(destination)' leaves the \(page.language) folder"))
            return .rewrite("")
        }
        let target = PageID(String(segments.joined(separator: "/").dropLast(3)))
        if let found = index.page(target, in: page.language) {
            if let hash = suffix.firstIndex(of: "#"), suffix.index(after: hash) < suffix.endIndex {
                let fragment = URLPath.percentDecode(String(suffix[suffix.index(after: hash)...])) ?? ""
                fragments.append(FragmentLink(language: found.language, id: found.id, fragment: fragment, location: location, written: destination))
            }
            return .rewrite(found.href + suffix)
        }
        let elsewhere = index.translations(of: target)
        guard let substitute = elsewhere.first(where: { $0.language == index.config.defaultLanguage.code }) ?? elsewhere.first else {
            log.append(.error(.resolveLinks, location, "link target '\(destination)' does not exist: no page \(target.path).md in any language"))
            return .rewrite("")
        }
        log.append(.warning(.resolveLinks, location, "link target '\(destination)' is not translated into \(page.language) yet; linking to the \(substitute.language) page"))
        return .rewrite(substitute.href + suffix)
    }

    /// `/assets/logo.png`: a site-root path that is not a page gets the base path in front. It is kept as written
    /// (cmark percent-encodes what a URL cannot hold), with `.` and `..` segments resolved; one that climbs above
    /// the root is refused, counting `\\` as a separator too, as browsers and some servers do.
    private func siteRooted(_ path: Substring, suffix: String, destination: String, from page: Page, at location: FileLocation, log: inout [Diagnostic]) -> Resolution {
        let decoded = String(decoding: URLPath.percentDecodedBytes(String(path)), as: UTF8.self)
        let decodedSegments = decoded.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }.map(String.init)
        guard URLPath.normalize(decodedSegments) != nil else {
            log.append(.error(.resolveLinks, location, "link '\(destination)' climbs above the site root"))
            return .rewrite("")
        }
        var segments: [Substring] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch URLPath.percentDecode(String(raw)) {
            case "", ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(raw)
            }
        }
        let first = URLPath.percentDecode(String(segments.first ?? "")) ?? ""
        if first != page.language, index.config.language(first) != nil {
            log.append(.warning(.resolveLinks, location, "link '\(destination)' leads to the \(first) site; link to the page's .md file so \(page.language) readers stay in \(page.language)"))
        }
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        return .rewrite(index.config.basePath + segments.joined(separator: "/") + trailing + suffix)
    }

    /// The language a link written as a full URL into this site leads to, when it is not the page's own.
    private func otherLanguage(inAbsolute url: String, from page: Page) -> String? {
        let base = index.config.baseURL
        guard url.lowercased().hasPrefix(base.lowercased()) else { return nil }
        let rest = url.dropFirst(base.count)
        guard let first = rest.split(separator: "/").first.map(String.init), first != page.language,
              index.config.language(first) != nil else { return nil }
        return first
    }

    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." ) }
    }
}

/// A link to `#fragment` on a page, checked once every page's heading ids are known.
package struct FragmentLink: Sendable {
    package var language: String
    package var id: PageID
    package var fragment: String
    package var location: FileLocation
    package var written: String

    package init(language: String, id: PageID, fragment: String, location: FileLocation, written: String) {
        self.language = language
        self.id = id
        self.fragment = fragment
        self.location = location
        self.written = written
    }
}
