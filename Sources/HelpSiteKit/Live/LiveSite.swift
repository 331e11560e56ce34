/// The site as `helpsite serve` keeps it: built once, then brought up to date file by file.
/// An edited page whose title, slug, order, layout and draft flag are unchanged re-renders only the pages
/// that show its text; anything else (new or deleted pages, strings, templates, facts, site.yaml) rebuilds all.
public final class LiveSite {
    public enum Outcome: Sendable, Equatable {
        /// Site paths (`/nb/klage/`) whose HTML changed; `["*"]` after a full rebuild.
        case rebuilt(paths: [String], full: Bool)
        /// The change broke the build; the previous site is still served.
        case failed([Diagnostic])
    }

    public let options: BuildOptions
    private var site: SiteBuilder.LoadedSite?
    private var engine: RenderEngine?

    public init(options: BuildOptions) {
        self.options = options
    }

    public var config: SiteConfig? { site?.config }

    /// Looked for once, for `searchRefresh`.
    lazy var pagefind: Pagefind? = Pagefind.locate(environment: options.environment)

    /// The current site's pages, for `searchRefresh`.
    var siteIndex: SiteIndex? { site?.index }

    /// A full build into the output folder.
    @discardableResult
    public func rebuildAll() -> Outcome {
        if case .failed(let diagnostics) = load() { return .failed(diagnostics) }
        return buildLoaded()
    }

    /// Reads the site without writing anything; `preview` then renders any page on request.
    @discardableResult
    public func load() -> Outcome {
        site = nil
        engine = nil
        return attempt {
            let loaded = try SiteBuilder(options: options).load()
            site = loaded
            engine = RenderEngine(index: loaded.index, strings: loaded.strings, templates: loaded.compiled, injectedHTML: options.injectedHTML)
        }
    }

    /// The full build of the site `load` read.
    @discardableResult
    public func buildLoaded() -> Outcome {
        guard let site else { return rebuildAll() }
        let outcome = attempt { _ = try SiteBuilder(options: options).build(site) }
        if case .failed = outcome { self.site = nil }
        return outcome
    }

    /// The thank-you pages `serve` answers form submissions with, in the loaded site's languages.
    public var formReplies: FormReplies? {
        site.map { FormReplies(config: $0.config, strings: $0.strings) }
    }

    /// Renders pages of the loaded site on request, with the same bytes the build writes.
    public var preview: PreviewRenderer? {
        guard let site, let engine else { return nil }
        return PreviewRenderer(site: site, engine: engine)
    }

    private func attempt(_ body: () throws -> Void) -> Outcome {
        do {
            try body()
            return .rebuilt(paths: ["*"], full: true)
        } catch let failure as BuildFailure {
            return .failed(failure.diagnostics.filter { $0.severity == .error })
        } catch {
            return .failed([.error(.write, nil, "\(error)")])
        }
    }

    /// Brings the output up to date after the given files changed (paths as reported by the watcher).
    public func apply(changedFiles: [String]) -> Outcome {
        guard var site, var engine, !changedFiles.isEmpty else { return rebuildAll() }
        var sources: [SourcePage] = []
        /// Language → folders whose listing changed (a title or order), to re-render the pages that show them.
        var movedIn: [String: Set<String>] = [:]
        for file in Set(changedFiles).sorted() {
            switch reread(file, site: site) {
            case .structural: return rebuildAll()
            case .broken(let diagnostics): return .failed(diagnostics)
            case .cosmetic(let page): sources.append(page)
            case .retitled(let page):
                sources.append(page)
                movedIn[page.language, default: []].insert(page.id.folders.joined(separator: "/"))
            }
        }
        var affected: [Page] = []
        for source in sources {
            let oldHash = engine.views.sourceHashes[source.id]
            guard var pages = site.index.replace(source) else { return rebuildAll() }
            // A translation shows something new only when its outdated notice flips: when it was stamped
            // from the previous or the new version of this source page.
            let newHash = SourceHash.of(source)
            pages = pages.filter { page in
                page.language == source.language || page.isFallback
                    || [oldHash, newHash].contains(page.source.frontMatter.source)
            }
            if let position = site.pages.firstIndex(where: { $0.language == source.language && $0.id == source.id }) {
                site.pages[position] = source
            }
            engine.update(index: site.index, changed: source)
            affected += pages
            // Fallbacks show the source page's title in their own language's navigation.
            if let folders = movedIn[source.language] {
                for page in pages where page.isFallback { movedIn[page.language, default: []].formUnion(folders) }
            }
        }
        if !movedIn.isEmpty {
            // The navigation lists a folder's pages only on pages inside that folder (the top level on every page).
            let languages = site.config.languages.filter { movedIn[$0.code] != nil }
            engine.refreshNavigation(of: languages)
            var pages: [Page] = []
            for language in languages {
                let folders = movedIn[language.code] ?? []
                pages += site.index.pages(in: language.code).filter { page in
                    let folder = page.id.folders.joined(separator: "/")
                    return folders.contains { $0.isEmpty || folder == $0 || folder.hasPrefix($0 + "/") }
                }
            }
            let listed = Set(pages.map { $0.language + "/" + $0.id.path })
            pages += affected.filter { !listed.contains($0.language + "/" + $0.id.path) }
            let renderer = PageRenderer(site: site, engine: engine)
            do {
                let diagnostics = try ParallelRenderer.renderAll(pages, with: renderer, into: .updating(options.outputDirectory))
                guard !diagnostics.contains(where: { $0.severity == .error }) else { return rebuildAll() }
            } catch {
                return rebuildAll()
            }
            self.site = site
            self.engine = engine
            return .rebuilt(paths: pages.map(\.href), full: false)
        }
        let renderer = PageRenderer(site: site, engine: engine)
        var paths: [String] = []
        var errors: [Diagnostic] = []
        var rendered: [(Page, [UInt8])] = []
        for page in affected {
            var diagnostics: [Diagnostic] = []
            let output = renderer.render(page, log: &diagnostics)
            errors += diagnostics.filter { $0.severity == .error }
            rendered.append((page, output.html))
        }
        guard errors.isEmpty else { return .failed(errors) }
        do {
            for (page, html) in rendered {
                try OutputWriter.replaceFile(in: options.outputDirectory, at: page.outputPath, with: html)
                paths.append(page.href)
            }
        } catch {
            return .failed([.error(.write, nil, "\(error)")])
        }
        self.site = site
        self.engine = engine
        return .rebuilt(paths: paths, full: false)
    }

    private enum Reread {
        /// The page changed in ways no other page shows.
        case cosmetic(SourcePage)
        case broken([Diagnostic])
        /// A new title or order: the page moves in its language's navigation.
        case retitled(SourcePage)
        /// Slug, layout, draft, a new or deleted page, or not a page at all.
        case structural
    }

    private func reread(_ file: String, site: SiteBuilder.LoadedSite) -> Reread {
        guard file.hasSuffix(".md"), let contentRoot = options.contentDirectory.resolved else { return .structural }
        let path = SitePath(file)
        guard let resolved = path.resolved, resolved.hasPrefix(contentRoot + "/") else { return .structural }
        let inside = resolved.dropFirst(contentRoot.count + 1).split(separator: "/").map(String.init)
        guard inside.count >= 2, site.config.language(inside[0]) != nil else { return .structural }
        let language = inside[0]
        let relative = inside.dropFirst().joined(separator: "/")
        let id = PageID(String(relative.dropLast(3)))
        guard let previous = site.index.page(id, in: language), !previous.isFallback else { return .structural }
        var log = DiagnosticLog()
        let display = options.contentDirectory.appending(language).appending(relative)
        let loader = ContentLoader(contentDirectory: options.contentDirectory, config: site.config)
        guard let page = loader.readPage(display, language: language, relativePath: relative, log: &log), !log.hasErrors else {
            return .broken(log.diagnostics.filter { $0.severity == .error })
        }
        let before = previous.source.frontMatter, after = page.frontMatter
        guard before.slug == after.slug, before.layout == after.layout, before.draft == after.draft,
              page.titleFromBody == previous.source.titleFromBody,
              before.related?.map(\.text) == after.related?.map(\.text),
              before.aliases?.map(\.text) == after.aliases?.map(\.text) else { return .structural }
        // A folder's index page names the folder in breadcrumbs below it: rebuild everything.
        if page.title != previous.title && page.id.isIndex { return .structural }
        return page.title == previous.title && before.order == after.order ? .cosmetic(page) : .retitled(page)
    }
}
