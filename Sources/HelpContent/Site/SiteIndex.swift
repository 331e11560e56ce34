import HelpConfig
import HelpCore

/// A page placed in the site: its source, its URL and its place among its translations.
public struct Page: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Written in this language (the source language's own pages included).
        case written
        /// Missing in this language: built from the source-language page, with a notice.
        case fallback
    }

    public var language: String
    public var kind: Kind
    /// The Markdown behind the page: this language's file, or the source language's for a fallback.
    public var source: SourcePage
    /// Path segments under the output root, e.g. `["nb", "klage"]`; the file is `<segments>/index.html`.
    public private(set) var segments: [String]
    /// `<segments>/index.html`, made once: builds look it up for every page several times.
    public private(set) var outputPath: String
    /// Site-relative href with the base path: `/help/nb/klage/`.
    public var href: String
    /// Absolute URL for canonical links, hreflang and the sitemap.
    public var absoluteURL: String

    package init(language: String, kind: Kind, source: SourcePage, segments: [String], href: String, absoluteURL: String) {
        self.language = language
        self.kind = kind
        self.source = source
        self.segments = segments
        outputPath = segments.isEmpty ? "index.html" : segments.joined(separator: "/") + "/index.html"
        self.href = href
        self.absoluteURL = absoluteURL
    }

    public var id: PageID { source.id }
    public var title: String { source.title }
    public var isFallback: Bool { kind == .fallback }
}

/// Stage "index": every page's URL computed once, translations grouped by identity, collisions reported,
/// and, unless the site says `fallback: omit`, a fallback page wherever a translation is missing.
public struct SiteIndex: Sendable {
    public let config: SiteConfig
    /// Pages of each language (fallbacks included), sorted by identity.
    public private(set) var pagesByLanguage: [String: [Page]] = [:]
    private var lookup: [String: [PageID: Int]] = [:]
    /// Every identity written in at least one language, sorted.
    public private(set) var ids: [PageID] = []

    public init(config: SiteConfig, pages: [SourcePage], log: inout DiagnosticLog) {
        self.config = config
        let origin = SiteConfig.origin(ofAbsoluteURL: config.baseURL)
        let byLanguage = Dictionary(grouping: pages, by: \.language).mapValues { $0.sorted { $0.id < $1.id } }
        let sourcePages = byLanguage[config.defaultLanguage.code] ?? []
        var allIDs: Set<PageID> = []
        for language in config.languages {
            let written = byLanguage[language.code] ?? []
            let folderSlugs = Self.folderSlugs(written)
            var placed: [Page] = []
            var taken: [String: Page] = [:]
            func place(_ source: SourcePage, kind: Page.Kind) {
                var segments = [language.code]
                var folderPath = ""
                for folder in source.id.folders {
                    folderPath = folderPath.isEmpty ? folder : folderPath + "/" + folder
                    segments.append(folderSlugs[folderPath] ?? folder)
                }
                if !source.id.isIndex { segments.append(source.frontMatter.slug ?? source.id.name) }
                let href = URLPath.href(basePath: config.basePath, segments: segments)
                let page = Page(language: language.code, kind: kind, source: source, segments: segments, href: href, absoluteURL: origin + href)
                // One dictionary, by the lower-case path: case-insensitive file systems and many CDNs see one file.
                if let other = taken[page.outputPath.lowercased()] {
                    let sameURL = other.outputPath == page.outputPath
                    if kind == .written {
                        log.append(.error(.index, source.frontMatter.slug != nil ? source.location("slug") : source.fileStart, sameURL
                                          ? "\(source.file.display) and \(other.source.file.display) both become \(href)"
                                          : "\(source.file.display) becomes \(href) and \(other.source.file.display) becomes \(other.href): URLs that differ only in letter case are one file on case-insensitive file systems and many CDNs"))
                    } else {
                        let clash = sameURL ? "," : ", which differs only in letter case from \(href),"
                        log.append(.warning(.index, other.source.fileStart,
                                            "\(other.source.file.display) takes \(other.href)\(clash) where the untranslated \(source.file.display) would be shown; no fallback is built for it"))
                    }
                    return
                }
                taken[page.outputPath.lowercased()] = page
                placed.append(page)
            }
            for source in written {
                place(source, kind: .written)
                allIDs.insert(source.id)
            }
            if config.fallback == .build && language != config.defaultLanguage {
                let present = Set(written.map(\.id))
                for source in sourcePages where !present.contains(source.id) { place(source, kind: .fallback) }
                placed.sort { $0.id < $1.id }
            }
            pagesByLanguage[language.code] = placed
            lookup[language.code] = Dictionary(uniqueKeysWithValues: placed.enumerated().map { ($1.id, $0) })
        }
        ids = allIDs.sorted()
    }

    /// Puts a page read again in place of the one it replaces, wherever that is shown: its own page and its
    /// fallbacks. Only its text may differ (`SourcePage.differsOnlyInText`), so nothing else in the index moves.
    package mutating func replaceText(of source: SourcePage) {
        for language in config.languages {
            guard let position = lookup[language.code]?[source.id], pagesByLanguage[language.code]?[position].source.file == source.file else { continue }
            pagesByLanguage[language.code]![position].source = source
        }
    }

    /// The page for `id` in a language: written there, or its fallback.
    public func page(_ id: PageID, in language: String) -> Page? {
        guard let index = lookup[language]?[id] else { return nil }
        return pagesByLanguage[language]?[index]
    }

    public func pages(in language: String) -> [Page] { pagesByLanguage[language] ?? [] }

    /// The page in every language where it is really written, in the order of `site.yaml`.
    public func translations(of id: PageID) -> [Page] {
        config.languages.compactMap { language in page(id, in: language.code).flatMap { $0.isFallback ? nil : $0 } }
    }

    public func home(of language: String) -> Page? { page(PageID("index"), in: language) }

    /// A folder's `index.md` slug renames that folder in the URLs of every page below it.
    private static func folderSlugs(_ sources: [SourcePage]) -> [String: String] {
        var slugs: [String: String] = [:]
        for source in sources where source.id.isIndex && !source.id.folders.isEmpty {
            if let slug = source.frontMatter.slug { slugs[source.id.folderPath] = slug }
        }
        return slugs
    }
}

extension SiteConfig {
    /// `https://example.org` from `https://example.org/help/`.
    package static func origin(ofAbsoluteURL url: String) -> String {
        let path = path(ofAbsoluteURL: url)
        return path == "/" && !url.hasSuffix("/") ? url : String(url.dropLast(path.count))
    }
}
