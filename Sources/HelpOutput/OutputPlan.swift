import HelpConfig
import HelpContent
import HelpCore
import HelpRender

/// Every path the build writes, each with the one output that owns it, computed once when the site is loaded.
/// Outputs claim their paths here before anything is written; a second claim on a path (or a file where another
/// output needs a folder) is an error naming both owners, so no output silently replaces another.
package struct OutputPlan: Sendable {
    package struct Owner: Sendable {
        package enum Kind: Sendable { case fixed, notFound, searchPage, page, alias, asset, searchIndex, readerText }
        package var kind: Kind
        private var label: Label
        package var location: FileLocation?

        /// A page's owners are named only when two clash, so their names are made then, not for every path.
        private enum Label: Sendable {
            case text(String)
            case ofFile(role: String, file: String, isFallback: Bool)
        }

        package init(kind: Kind, description: String, location: FileLocation? = nil) {
            self.kind = kind
            label = .text(description)
            self.location = location
        }

        /// "the URL of content/nb/klage.md", "an alias of the fallback of content/nb/arn.md".
        package init(kind: Kind, role: String, file: String, isFallback: Bool, location: FileLocation? = nil) {
            self.kind = kind
            label = .ofFile(role: role, file: file, isFallback: isFallback)
            self.location = location
        }

        /// How a message names it: "the URL of content/nb/klage.md", "the nb search results page".
        package var description: String {
            switch label {
            case .text(let text): text
            case .ofFile(let role, let file, let isFallback): "\(role) \(isFallback ? "the fallback of " : "")\(file)"
            }
        }
    }

    /// Output path (lowercased: file systems that ignore case would merge them) → its owner.
    private var files: [String: Owner] = [:]
    /// Every folder some claimed file sits in → the first owner that needed it.
    private var folders: [String: Owner] = [:]
    /// Folders whose files one output names itself (Pagefind's bundle): nothing else may write inside them.
    private var ownedFolders: [String: Owner] = [:]
    /// Pages whose URL another output holds: already reported, so their twins are not reported again.
    private var unplacedPages: Set<String> = []
    /// The redirect pages of every alias that claimed its path.
    package private(set) var redirects: [Redirect] = []
    /// The results page of each language with search on: language code → output path.
    package private(set) var searchPages: [String: String] = [:]
    private var paths = Memo<UInt64> { 0 }
    /// A fingerprint of every path and folder the build claims: what a twin's link check depends on besides its page.
    /// Worked out once per loaded site, and only for builds with a cache.
    package var pathsFingerprint: UInt64 { paths.value }

    package static let fixedFiles = [OutputWriter.marker, "index.html", "404.html", "robots.txt", "sitemap.xml",
                                     RedirectsOutput.netlifyFile, RedirectsOutput.nginxFile,
                                     HeadersOutput.netlifyFile, HeadersOutput.nginxFile, LLMsTextOutput.path]

    package init(index: SiteIndex, strings: [String: StringTable], theme: Theme, log: inout DiagnosticLog) {
        let config = index.config
        // Each page claims its page and its twin, and its folder; growing the tables as they fill cost more than the claims.
        let pageCount = config.languages.reduce(0) { $0 + index.pages(in: $1.code).count }
        files.reserveCapacity(2 * pageCount + 256)
        folders.reserveCapacity(pageCount + 256)
        for path in Self.fixedFiles { claim(path, Owner(kind: .fixed, description: "helpsite's \(path)")) }
        if let dashboard = config.statusDashboardPath {
            claim(dashboard, Owner(kind: .fixed, description: "the status dashboard (statusDashboard in site.yaml)"))
        }
        for language in config.languages {
            claim("\(language.code)/404.html", Owner(kind: .notFound, description: "the \(language.code) not-found page"))
            claim(ArticlesOutput.path(for: language), Owner(kind: .fixed, description: "the \(language.code) article list of the help widget (\(ArticlesOutput.path(for: language)))"))
        }
        if config.search {
            for language in config.languages {
                let path = SearchPages.segments(for: language, strings: strings).joined(separator: "/") + "/index.html"
                if let other = claim(path, Owner(kind: .searchPage, description: "the \(language.code) search results page")) {
                    log.append(.error(.index, FileLocation(file: "\(language.code)/strings.yaml"),
                                      "searchSlug of \(language.code) puts the search results page on \(path), which is \(other.description)"))
                } else {
                    searchPages[language.code] = path
                }
            }
            claimFolder(GeneratedFolders.searchBundle, Owner(kind: .searchIndex, description: "the search index"))
            claimFolder(GeneratedFolders.searchFallbacks, Owner(kind: .searchIndex, description: "the search index"))
        }
        for language in config.languages {
            for page in index.pages(in: language.code) { claimPage(page, log: &log) }
        }
        for language in config.languages {
            for page in index.pages(in: language.code) { claimAliases(of: page, language: language, basePath: config.basePath, log: &log) }
        }
        claimReaderTexts(index: index, log: &log)
        for asset in theme.assets {
            claim(asset.relativePath, Owner(kind: .asset, description: "the theme asset \(asset.relativePath)"))
        }
        let (files, ownedFolders) = (files, ownedFolders)
        paths = Memo {
            var fingerprint = Fingerprint()
            for path in files.keys.sorted() { fingerprint.add(path) }
            for folder in ownedFolders.keys.sorted() { fingerprint.add(folder) }
            return fingerprint.value
        }
    }


    /// Whether a request for `path` (under the site root, %-decoded) finds a file the build writes; a folder finds its index.html.
    package func writes(_ path: String) -> Bool {
        let key = Self.caseFolded(path)
        if key.isEmpty || key.hasSuffix("/") { return files[key + "index.html"] != nil }
        return files[key] != nil || files[key + "/index.html"] != nil || ownedFolders.keys.contains { key.hasPrefix($0 + "/") }
    }

    /// Each page's Markdown twin and each language's llms-full.txt and Atom feed, after the pages, which keep their URLs.
    private mutating func claimReaderTexts(index: SiteIndex, log: inout DiagnosticLog) {
        for language in index.config.languages {
            let code = language.code
            for (path, what) in [(MarkdownTwinsOutput.fullTextPath(language), "the \(code) llms-full.txt"), (ReaderFileURLs.feedPath(language: language), "the \(code) Atom feed")] {
                if let other = claim(path, Owner(kind: .readerText, description: what)) {
                    log.append(.error(.index, other.location ?? FileLocation(file: "\(code)/"), "\(other.description) takes \(path), which is \(what); give it another slug"))
                }
            }
            for page in index.pages(in: code) {
                let path = ReaderFileURLs.markdownTwinPath(of: page)
                let owner = Owner(kind: .readerText, role: "the Markdown twin of", file: page.source.file.display, isFallback: page.isFallback)
                if let other = claim(path, owner), !page.isFallback,
                   !unplacedPages.contains(Self.caseFolded(page.outputPath)) {
                    let what = owner.description
                    log.append(.error(.index, other.location ?? page.source.location("slug"), "\(other.description) takes \(path), which is \(what); give it another slug"))
                }
            }
        }
    }

    /// The folder of every HTML page the build writes (`nb/klage/`, `` for the root), for `check --previous`.
    package var pageFolders: Set<String> {
        Set(files.keys.filter { $0 == "index.html" || $0.hasSuffix("/index.html") }.map { String($0.dropLast("index.html".count)) })
    }

    private mutating func claimPage(_ page: Page, log: inout DiagnosticLog) {
        let file = page.source.file.display
        guard let other = claim(page.outputPath, Owner(kind: .page, role: "the URL of", file: file, isFallback: page.isFallback,
                                                            location: page.source.location("slug"))) else { return }
        unplacedPages.insert(Self.caseFolded(page.outputPath))
        // Two pages on one URL are the index's to report (SiteIndex); here only pages against other outputs.
        guard other.kind != .page else { return }
        let subject = page.isFallback ? "\(page.href), the \(page.language) fallback of \(file)," : page.href
        var message = "\(subject) is \(other.description)"
        if other.kind == .searchPage {
            message += "; give this page another slug, or change searchSlug in \(page.language)/strings.yaml"
        }
        log.append(.error(.index, page.source.location("slug"), message))
    }

    /// A fallback page's URL follows its source page's slug, so it follows the source's aliases too; only the
    /// written page's own aliases are reported (a fallback's clash just leaves that redirect out).
    private mutating func claimAliases(of page: Page, language: Language, basePath: String, log: inout DiagnosticLog) {
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
                                    href: URLPath.href(basePath: basePath, segments: [language.code] + segments), target: page)
            let owner = Owner(kind: .alias, role: "an alias of", file: file, isFallback: page.isFallback, location: alias.location)
            if let other = claim(redirect.outputPath, owner) {
                if !page.isFallback {
                    let own = other.kind == .page && other.description == "the URL of \(file)"
                    log.append(.error(.index, alias.location, "alias '\(alias.text)' of \(file) (\(redirect.href)) is " + (own ? "the page's own URL" : other.description)))
                }
                continue
            }
            redirects.append(redirect)
        }
    }

    /// Claims a file; returns the owner already holding the path (or a file where this needs a folder, or a
    /// folder where this needs a file) and claims nothing then.
    @discardableResult
    private mutating func claim(_ path: String, _ owner: Owner) -> Owner? {
        let key = Self.caseFolded(path)
        if let other = files[key] ?? folders[key] { return other }
        if let owned = ownedFolders.first(where: { key.hasPrefix($0.key + "/") }) { return owned.value }
        // The file's folders from the deepest up to the first already claimed as a folder: those above it were
        // checked when it was, and a path is never both a file and a folder here.
        var newFolders: [String] = []
        var end = key.endIndex
        while let slash = key[..<end].lastIndex(of: "/") {
            let folder = String(key[..<slash])
            if folders[folder] != nil { break }
            if let other = files[folder] { return other }
            newFolders.append(folder)
            end = slash
        }
        files[key] = owner
        for folder in newFolders { folders[folder] = owner }
        return nil
    }

    /// The path lowercased (file systems that ignore case would merge paths that differ only in case); most are
    /// lowercase ASCII already and are taken as they are.
    private static func caseFolded(_ path: String) -> String {
        path.utf8.allSatisfy({ $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) ? path : path.lowercased()
    }

    /// Claims a whole folder (the search index, whose file names Pagefind chooses).
    private mutating func claimFolder(_ path: String, _ owner: Owner) {
        let key = Self.caseFolded(path)
        ownedFolders[key] = owner
        if folders[key] == nil { folders[key] = owner }
    }
}
