import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown
import HelpRender

/// Every page's Markdown twin (`<page URL>index.md`) and each language's `llms-full.txt`, every twin concatenated.
/// `check` renders them too: a twin's link into a language folder (which the build owns whole) that leads to nothing
/// the build writes is a warning at the link in the page's file. Links elsewhere on the host (`/files/x.pdf`) may be
/// served by something else.
package struct MarkdownTwinsOutput: OutputGenerator {
    package static func fullTextPath(_ language: Language) -> String { "\(language.code)/llms-full.txt" }

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        let twin = MarkdownTwin(site: context.site, views: context.engine.views)
        let plan = context.site.plan
        let baseURL = context.site.config.baseURL
        let languages = Set(context.site.config.languages.map(\.code))
        let cache = writer == nil ? nil : context.cache.map { TwinCache(store: $0, paths: plan.pathsFingerprint) }
        for language in context.site.config.languages {
            let pages = context.site.index.pages(in: language.code)
            // Rendered, written and stored on every core; only the warnings are merged in page order. By position,
            // so a scoped build's many pages outside its scope are not copied.
            let results = ParallelMap.map(Array(pages.indices), workers: context.options.workers) { position -> Twin in
                if !context.includes(id: pages[position].id) {
                    guard let cache, let carried = cache.carry(twinPath: ReaderFileURLs.markdownTwinPath(of: pages[position])) else {
                        return Twin(text: nil, cachedFile: nil, problems: [], fingerprint: nil, unavailable: true)
                    }
                    return carried
                }
                let page = pages[position]
                let fingerprint = cache?.fingerprint(of: page)
                if let cache, let writer, let fingerprint, let cached = cache.place(page, fingerprint: fingerprint, into: writer) { return cached }
                let output = twin.render(page)
                // A fallback repeats its source page's links, reported with the source page.
                let problems = page.isFallback ? [] : output.links.compactMap {
                    Self.problem(with: $0, page: page, baseURL: baseURL, languages: languages, plan: plan, twin: twin)
                }
                var result = Twin(text: output.text, cachedFile: nil, problems: problems, fingerprint: fingerprint)
                guard let writer else { return result }
                let path = ReaderFileURLs.markdownTwinPath(of: page)
                do {
                    result.changed = try writer.write(Array(output.text.utf8), to: path)
                    if let cache, let fingerprint {
                        try cache.store(path, fingerprint: fingerprint, size: output.text.utf8.count, problems: problems, writer: writer)
                    }
                } catch let failure as BuildFailure {
                    result.failure = failure
                } catch {
                    result.failure = BuildFailure([.error(.write, nil, "\(error)")])
                }
                return result
            }
            if results.contains(where: { $0.unavailable }) { throw BuildScope.Unavailable() }
            for result in results {
                log.append(contentsOf: result.problems)
                if let failure = result.failure { throw failure }
            }
            guard let writer else { continue }
            try writeFullText(of: language, twins: results, writer: writer, cache: cache, scoped: context.scope != nil)
        }
    }

    /// One page's twin: rendered (`text`) or placed from the cache (`cachedFile`), with its link problems.
    package struct Twin: Sendable {
        package var text: String?
        package var cachedFile: String?
        /// A scoped build's twin outside its scope: its output path, whose file the cache holds.
        package var carriedPath: String?
        package var problems: [Diagnostic]
        package var fingerprint: UInt64?
        /// Rendered with bytes other than the previous output's.
        package var changed = false
        package var failure: BuildFailure?
        /// A scoped build found no cache entry for a twin it keeps.
        package var unavailable = false
    }

    /// `llms-full.txt`: every twin of the language; from the cache as a whole when no twin of the language changed.
    /// `scoped`: a scoped build (`BuildScope`), whose output is the last build's: when none of the language's twins
    /// changed its bytes, neither did the file they make, which stays.
    private func writeFullText(of language: Language, twins: [Twin], writer: OutputWriter, cache: TwinCache?, scoped: Bool) throws {
        let path = Self.fullTextPath(language)
        var fingerprint = Fingerprint()
        var complete = cache != nil
        for twin in twins {
            guard let value = twin.fingerprint else { complete = false; break }
            fingerprint.add(value)
        }
        if complete, let cache, cache.reuse(path, fingerprint: fingerprint.value, into: writer) != nil { return }
        if scoped, complete, let cache, !twins.contains(where: { $0.changed }), var entry = cache.store.carry(path, countsAsPage: false) {
            entry.fingerprint = fingerprint.value
            cache.store.keep(path, entry: entry)
            return
        }
        var full: [UInt8] = []
        for twin in twins {
            if !full.isEmpty { full += Array("\n---\n\n".utf8) }
            if let text = twin.text {
                full += Array(text.utf8)
            } else if let file = twin.cachedFile ?? twin.carriedPath.flatMap({ cache?.store.cachedFile($0) }) {
                full += try FileSystem.readBytes(file)
            }
        }
        try writer.write(full, to: path)
        if complete, let cache { try cache.store(path, fingerprint: fingerprint.value, size: full.count, problems: [], writer: writer) }
    }

    /// `build --cache`: a twin is made from what its page is made from, plus the paths the build writes (its link
    /// check asks the output plan), so it is taken from the cache when its page's fingerprint and the plan match.
    package struct TwinCache: Sendable {
        package let store: RenderCache
        package let paths: UInt64

        package func fingerprint(of page: Page) -> UInt64? {
            guard let pageFingerprint = store.recordedFingerprint(of: page.outputPath) else { return nil }
            var fingerprint = Fingerprint()
            fingerprint.add(pageFingerprint)
            fingerprint.add(paths)
            return fingerprint.value
        }

        /// A scoped build's twin outside its scope: the file and entry of the last build.
        package func carry(twinPath path: String) -> Twin? {
            guard let entry = store.carry(path, countsAsPage: false) else { return nil }
            return Twin(text: nil, cachedFile: nil, carriedPath: path, problems: entry.diagnostics.map(\.diagnostic), fingerprint: entry.fingerprint)
        }

        package func place(_ page: Page, fingerprint: UInt64, into writer: OutputWriter) -> Twin? {
            guard let hit = reuse(ReaderFileURLs.markdownTwinPath(of: page), fingerprint: fingerprint, into: writer) else { return nil }
            return Twin(text: nil, cachedFile: hit.file, problems: hit.entry.diagnostics.map(\.diagnostic), fingerprint: fingerprint)
        }

        /// The cached file placed at `path` and kept for the next build, when its fingerprint matches; nil (make it
        /// again) when it does not or cannot be placed.
        package func reuse(_ path: String, fingerprint: UInt64, into writer: OutputWriter) -> RenderCache.Hit? {
            guard let hit = store.lookup(path, fingerprint: fingerprint, countsAsPage: false),
                  (try? writer.place(existing: hit.file, identity: hit.identity, at: path)) != nil else { return nil }
            store.keep(path, entry: hit.entry)
            return hit
        }

        package func store(_ path: String, fingerprint: UInt64, size: Int, problems: [Diagnostic], writer: OutputWriter) throws {
            let entry = RenderCache.Entry(fingerprint: fingerprint, size: size, headingIDs: [], fragmentLinks: [],
                                          diagnostics: problems.map(CachedDiagnostic.init))
            try store.store(path, entry: entry, staged: writer.writtenPath(path))
        }
    }

    private static func problem(with link: MarkdownTwinRenderer.Link, page: Page, baseURL: String, languages: Set<String>,
                                plan: OutputPlan, twin: MarkdownTwin) -> Diagnostic? {
        guard link.url.hasPrefix(baseURL) else { return nil }
        var path = String(link.url.dropFirst(baseURL.count))
        if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<mark]) }
        let decoded = URLPath.percentDecode(path) ?? path
        guard let folder = decoded.split(separator: "/").first, languages.contains(String(folder)), !plan.writes(decoded) else { return nil }
        let location = link.position.map {
            FileLocation(file: page.source.file.display, line: page.source.bodyStartLine - 1 + $0.line, column: $0.column)
        } ?? page.source.fileStart
        return .warning(.resolveLinks, location, "link '\(link.written ?? link.url)' leads to \(link.url), which the build does not write "
                        + "(found in the page's Markdown twin \(twin.absoluteURL(of: page)))")
    }
}

/// `/llms.txt` (llmstxt.org): the site, its languages, and per language its pages' Markdown twins with one-line descriptions.
package struct LLMsTextOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package static let path = "llms.txt"

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        try writer.write(Array(Self.text(context.site, views: context.engine.views).utf8), to: Self.path)
    }

    package static func text(_ site: LoadedSite, views: SiteViews) -> String {
        let config = site.config
        let twin = MarkdownTwin(site: site, views: views)
        let languages = config.languages.map { "\($0.listName) (\($0.code))" }.joined(separator: ", ")
        var text = "# \(config.title)\n\n"
        text += "> The \(config.brand) help centre in \(config.languages.count) language\(config.languages.count == 1 ? "" : "s"): \(languages). "
        text += "Every page below links to its Markdown version (the page's URL followed by index.md); "
        text += "each language's llms-full.txt holds all of its pages in one file.\n\n"
        text += "Pages missing in a language are shown there in \(config.defaultLanguage.listName), with a notice on the first line; "
        text += "each language lists only the pages written in it.\n"
        for language in config.languages {
            text += "\n## \(language.listName) (\(language.code))\n\n"
            text += "- [\(language.listName): all pages in one file](\(config.baseURL)\(MarkdownTwinsOutput.fullTextPath(language))): every page's Markdown, concatenated\n"
            for page in site.index.pages(in: language.code) where !page.isFallback {
                let description = page.source.frontMatter.description.map { ": " + oneLine($0) } ?? ""
                text += "- [\(escape(page.title))](\(twin.absoluteURL(of: page)))\(description)\n"
            }
        }
        return text
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func escape(_ title: String) -> String {
        title.replacingAll("[", with: "\\[").replacingAll("]", with: "\\]")
    }
}

/// `/<language>/feed.xml`: an Atom feed of the language's pages, newest change first.
package struct AtomFeedsOutput: OutputGenerator {
    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        let feed = AtomFeed(site: context.site, views: context.engine.views)
        for language in context.site.config.languages {
            try writer.write(Array(feed.xml(for: language).utf8), to: ReaderFileURLs.feedPath(language: language))
        }
    }
}
