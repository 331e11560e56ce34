import HelpConfig
import HelpCore
import HelpMarkdown

/// Stages "discover" and "parse": finds every language folder's pages and strings and reads them.
public struct ContentLoader: Sendable {
    public static let stringsFileName = "strings.yaml"
    /// Files at the top of `content/` that are not language folders.
    static let reservedRootFiles = [SiteConfigLoader.fileName, FactsLoader.fileName]

    package let contentDirectory: SitePath
    package let config: SiteConfig
    /// Record each page file's content hash (for `build --cache`).
    package let hashesFiles: Bool
    /// Pages parsed by the last build, taken for files that did not change (`build --cache`).
    package let indexCache: PageIndexCache?

    public init(contentDirectory: SitePath, config: SiteConfig, hashesFiles: Bool = false) {
        self.init(contentDirectory: contentDirectory, config: config, hashesFiles: hashesFiles, indexCache: nil)
    }

    package init(contentDirectory: SitePath, config: SiteConfig, hashesFiles: Bool, indexCache: PageIndexCache?) {
        self.contentDirectory = contentDirectory
        self.config = config
        self.hashesFiles = hashesFiles
        self.indexCache = indexCache
    }

    public struct Result: Sendable {
        public var pages: [SourcePage]
        public var strings: [String: LanguageStrings]
        public var diagnostics: [Diagnostic]
        /// Every page read without a diagnostic, drafts included: what `PageIndexCache` keeps.
        package var cleanPages: [SourcePage] = []
        /// Pages read and parsed rather than taken from the `PageIndexCache`.
        package var parsedCount = 0
        /// The pages of `cleanPages` read and parsed rather than taken from the `PageIndexCache`.
        package var reparsedPages: [SourcePage] = []
    }

    /// Reads every page. With `releasingBodies`, pages keep their front matter, title and hashes but not their
    /// text, which rendering reads again: a 200,000-page site is indexed without holding every body.
    public func load(releasingBodies: Bool = false) throws -> Result {
        var log = DiagnosticLog()
        let (markdownFiles, stringsFiles) = discover(log: &log)
        try log.checkpoint()

        // Reading and parsing are independent per file: use every core, keep the discovery order.
        let cache = releasingBodies ? indexCache : nil
        let parsed = ParallelMap.map(markdownFiles) { file -> (SourcePage?, [Diagnostic], fromCache: Bool) in
            if let cache, let stamp = FileStamp.of(file.path.path), let page = cache.page(at: file.path, stamp: stamp) {
                return (page, [], true)
            }
            var fileLog = DiagnosticLog()
            var page = parsePage(file, log: &fileLog)
            if !releasingBodies || file.language == config.defaultLanguage.code { page?.computeSourceHash() }
            if releasingBodies { page?.releaseBody() }
            return (page, fileLog.diagnostics, false)
        }
        var pages: [SourcePage] = []
        pages.reserveCapacity(markdownFiles.count)
        var clean: [SourcePage] = []
        var reparsed: [SourcePage] = []
        for (page, diagnostics, fromCache) in parsed {
            log.append(contentsOf: diagnostics)
            if let page { pages.append(page) }
            if let page, indexCache != nil, diagnostics.isEmpty {
                clean.append(page)
                if !fromCache { reparsed.append(page) }
            }
        }
        var strings: [String: LanguageStrings] = [:]
        for (language, file) in stringsFiles {
            strings[language] = StringsLoader.load(file, log: &log)
        }
        try log.checkpoint()
        return Result(pages: pages.filter { !$0.frontMatter.draft }, strings: strings, diagnostics: log.diagnostics, cleanPages: clean,
                      parsedCount: parsed.count { !$0.fromCache }, reparsedPages: reparsed)
    }

    /// `status --cache`: the pages with bodies released, taken from the page index `build --cache` keeps in
    /// `directory` where their files did not change; the index is written back for the next run. `retainer`
    /// takes the index as read, to free it later (or never) instead of on the way to the result.
    public static func loadIndex(contentDirectory: SitePath, config: SiteConfig, cacheDirectory: SitePath, retainer: Retainer? = nil) throws -> Result {
        let cache = PageIndexCache(directory: cacheDirectory, config: config)
        retainer?.keep(cache)
        let result = try ContentLoader(contentDirectory: contentDirectory, config: config, hashesFiles: true, indexCache: cache)
            .load(releasingBodies: true)
        try? cache.save(result.cleanPages)
        return result
    }

    /// A number that changes whenever a file the translation status reads changes: each page and strings file's
    /// path and stamp (size, times, inode), and those of every file below `folders` (source snapshots). Nil when
    /// discovery finds a problem, which reading the pages reports.
    package func filesFingerprint(alsoBelow folders: [SitePath]) -> UInt64? {
        var log = DiagnosticLog()
        let (pages, strings) = discover(log: &log)
        guard log.diagnostics.isEmpty else { return nil }
        let paths = pages.map(\.path.path) + strings.map(\.1.path) + folders.flatMap { FileSystem.allFiles(in: $0).map(\.path) }
        let runLength = 2048
        let runs = stride(from: 0, to: paths.count, by: runLength).map { $0..<min($0 + runLength, paths.count) }
        let parts = ParallelMap.map(runs) { run -> UInt64? in
            var fingerprint = Fingerprint()
            for path in paths[run] {
                guard let stamp = FileStamp.of(path) else { return nil }
                fingerprint.add(path)
                for number in [stamp.size, stamp.seconds, stamp.nanoseconds, stamp.changeSeconds, stamp.changeNanoseconds] {
                    fingerprint.add(UInt64(bitPattern: Int64(number)))
                }
                fingerprint.add(stamp.inode)
            }
            return fingerprint.value
        }
        var whole = Fingerprint()
        whole.add(UInt64(paths.count))
        for part in parts {
            guard let part else { return nil }
            whole.add(part)
        }
        return whole.value
    }

    struct MarkdownFile: Sendable {
        package var language: String
        package var relativePath: String
        package var path: SitePath
    }

    private func discover(log: inout DiagnosticLog) -> ([MarkdownFile], [(String, SitePath)]) {
        guard FileSystem.targetKind(of: contentDirectory.path) == .directory else {
            log.append(.error(.discover, FileLocation(file: contentDirectory.display), "content folder not found"))
            return ([], [])
        }
        guard let contentRoot = contentDirectory.resolved else { return ([], []) }
        var files: [MarkdownFile] = []
        var strings: [(String, SitePath)] = []
        let configured = config.languages.map(\.code)
        let entries = (try? FileSystem.entries(of: contentDirectory.path)) ?? []
        for name in entries where !name.hasPrefix(".") {
            let path = contentDirectory.appending(name)
            switch FileSystem.kind(of: path.path) {
            case .directory:
                if !configured.contains(name) {
                    log.append(.error(.discover, FileLocation(file: path.display),
                                      "folder '\(name)' is not a language listed in site.yaml" + Suggestions.didYouMean(name, in: configured)))
                }
            case .symlink:
                log.append(.error(.discover, FileLocation(file: path.display), "symbolic links are not followed at the top of the content folder"))
            default:
                continue
            }
        }
        for language in configured {
            let folder = contentDirectory.appending(language)
            guard FileSystem.kind(of: folder.path) == .directory else {
                // A translation language listed in one line of site.yaml and nothing else is fine: every page falls back.
                if language == config.defaultLanguage.code {
                    log.append(.warning(.discover, FileLocation(file: folder.display), "language '\(language)' has no folder yet"))
                }
                continue
            }
            var pending: [(SitePath, String)] = [(folder, "")]
            while let (directory, relative) = pending.popLast() {
                let entries: [(name: String, kind: EntryKind)]
                do { entries = try FileSystem.entriesWithKinds(of: directory.path) } catch {
                    log.append(.error(.discover, FileLocation(file: directory.display), "\(error)"))
                    continue
                }
                for (name, entryKind) in entries.reversed() where !name.hasPrefix(".") {
                    let path = directory.appending(name)
                    let relativePath = relative.isEmpty ? name : relative + "/" + name
                    if let problem = PathRules.problem(inFileName: name) {
                        log.append(.error(.discover, FileLocation(file: path.display), problem))
                        continue
                    }
                    var kind = entryKind
                    if kind == .symlink {
                        guard let target = path.resolved else {
                            log.append(.error(.discover, FileLocation(file: path.display), "symbolic link is broken or loops"))
                            continue
                        }
                        guard target.hasPrefix(contentRoot + "/") else {
                            log.append(.error(.discover, FileLocation(file: path.display), "symbolic link points outside the content folder (to \(target))"))
                            continue
                        }
                        kind = FileSystem.targetKind(of: path.path)
                        if kind == .directory {
                            log.append(.error(.discover, FileLocation(file: path.display), "symbolic links to folders are not followed"))
                            continue
                        }
                    }
                    switch kind {
                    case .directory:
                        pending.append((path, relativePath))
                    case .file:
                        switch Self.role(ofFile: relativePath) {
                        case .page: files.append(MarkdownFile(language: language, relativePath: relativePath, path: path))
                        case .strings: strings.append((language, path))
                        case .misnamedPage: log.append(.warning(.discover, FileLocation(file: path.display), "ignored: pages must end in .md"))
                        case .unread: continue
                        }
                    default:
                        continue
                    }
                }
            }
        }
        return (files, strings)
    }

    /// What discovery makes of a file (not hidden, with a name `PathRules` accepts) in a language folder.
    package enum FileRole: Equatable {
        case page, strings
        /// `.markdown`: reported, not read.
        case misnamedPage
        /// Passed over without a word, such as an editor's temporary file.
        case unread
    }

    /// `relativePath`: the file's path inside its language folder (`s3/p4.md`).
    package static func role(ofFile relativePath: String) -> FileRole {
        if relativePath.hasSuffix(".md") { return .page }
        if relativePath == stringsFileName { return .strings }
        if relativePath.hasSuffix(".markdown") { return .misnamedPage }
        return .unread
    }

    /// Reads one page file; `relativePath` is its path inside the language folder (`s3/p4.md`).
    package func readPage(_ path: SitePath, language: String, relativePath: String, log: inout DiagnosticLog) -> SourcePage? {
        parsePage(MarkdownFile(language: language, relativePath: relativePath, path: path), log: &log)
    }

    /// Reads a page's file again after it changed, as `load(releasingBodies: true)` reads it.
    package func reread(_ page: SourcePage, log: inout DiagnosticLog) -> SourcePage? {
        let relativePath = page.id.path + page.file.lastComponent.suffix(3)
        var reread = parsePage(MarkdownFile(language: page.language, relativePath: relativePath, path: page.file), log: &log)
        if page.language == config.defaultLanguage.code { reread?.computeSourceHash() }
        reread?.releaseBody()
        return reread
    }

    private func parsePage(_ file: MarkdownFile, log: inout DiagnosticLog) -> SourcePage? {
        let text: String
        do { text = try TextFile.read(file.path, stage: .parse, limit: config.maxPageBytes).text } catch {
            log.append(error.diagnostic)
            return nil
        }
        var page = parsePage(text: text, file: file, log: &log)
        page?.fileStamp = FileStamp.of(file.path.path)
        if hashesFiles {
            var fingerprint = Fingerprint()
            fingerprint.add(text)
            page?.fileHash = fingerprint.value
        }
        return page
    }

    /// Parses page text, e.g. an older version of a page read from git.
    package func parsePage(text: String, language: String, relativePath: String, path: SitePath, log: inout DiagnosticLog) -> SourcePage? {
        parsePage(text: text, file: MarkdownFile(language: language, relativePath: relativePath, path: path), log: &log)
    }

    private func parsePage(text: String, file: MarkdownFile, log: inout DiagnosticLog) -> SourcePage? {
        let split: FrontMatterSplit
        do { split = try FrontMatterSplit.split(text, file: file.path.display, stage: .parse) } catch {
            log.append(error.diagnostic)
            return nil
        }
        var frontMatter = FrontMatter()
        if let yaml = split.yaml {
            guard let parsed = FrontMatterParser(file: file.path.display).parse(yaml, log: &log) else { return nil }
            frontMatter = parsed
        }
        if let violation = MarkdownLimits.check(String(split.body)) {
            log.append(.error(.parse, FileLocation(file: file.path.display, line: split.bodyStartLine - 1 + violation.position.line,
                                                   column: violation.position.column), violation.message))
        }
        let id = PageID(String(file.relativePath.dropLast(3)))
        var page = SourcePage(language: file.language, id: id, file: file.path, frontMatter: frontMatter,
                              body: String(split.body), bodyStartLine: split.bodyStartLine, title: "", titleFromBody: false)
        if let title = frontMatter.title {
            page.title = title
        } else if let title = Self.leadingHeading(in: split.body) {
            page.title = title
            page.titleFromBody = true
        } else if frontMatter.locations["title"] == nil {
            log.append(.error(.parse, page.fileStart, "page has no title; add 'title:' to the front matter or start the text with '# Title'"))
        }
        if let slug = frontMatter.slug {
            if id.isIndex && id.folders.isEmpty {
                log.append(.error(.parse, page.location("slug"), "the language home (index.md) cannot have a slug"))
            } else if let problem = PathRules.problem(inSlug: slug) {
                log.append(.error(.parse, page.location("slug"), problem))
            }
        }
        if let layout = frontMatter.layout, !PathRules.isTemplateName(layout) {
            log.append(.error(.parse, page.location("layout"), "layout '\(layout)' is not a template name (letters, digits, - and _)"))
        }
        return page
    }

    /// The text of an ATX level-1 heading on the body's first non-blank line.
    static func leadingHeading(in body: Substring) -> String? {
        guard let line = body.split(separator: "\n", omittingEmptySubsequences: true)
            .first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let trimmed = line.drop(while: { $0 == " " })
        guard line.count - trimmed.count < 4, trimmed.hasPrefix("# ") || trimmed == "#" else { return nil }
        var text = trimmed.dropFirst(1).trimmingSpacesAndNewlines()
        while text.hasSuffix("#") { text.removeLast() }
        text = text.trimmingSpacesAndNewlines()
        return text.isEmpty ? nil : text
    }
}
