import HelpContent
import HelpCore
import HelpMarkdown
import HelpTranslation
import Synchronization
import HelpRender

/// What every output generator gets: the loaded site, its render engine and the build's options.
package struct OutputContext: Sendable {
    package let site: LoadedSite
    package let engine: RenderEngine
    package let options: BuildOptions
    package var cache: RenderCache?
    /// Set when only what reads some pages' text is made again (`serve` after a body edit).
    package var scope: BuildScope?
    /// What generators report back to the build's report.
    package let summary = OutputSummary()

    package init(site: LoadedSite, engine: RenderEngine, options: BuildOptions, cache: RenderCache?, scope: BuildScope? = nil) {
        self.site = site
        self.engine = engine
        self.options = options
        self.cache = cache
        self.scope = scope
    }

    /// Whether a page's outputs are made in this build: always, but in a scoped build only for the scope's pages.
    package func includes(id: PageID) -> Bool {
        scope.map { $0.pageIDs.contains(id) } ?? true
    }
}

/// Figures generators hand to the `BuildReport`.
package final class OutputSummary: Sendable {
    private let reindexed = Mutex<[String]>([])

    package func record(reindexedSearchShards names: [String]) { reindexed.withLock { $0 += names } }

    package var reindexedSearchShards: [String] { reindexed.withLock { $0.sorted() } }
}

/// One kind of file the build writes. `build` and `serve` run the same list, in order; a new output is one
/// type conforming to this and one line in `OutputGenerators.afterPages` (or, for search, in `SiteBuilder`). With no
/// writer (`check`), a generator validates what it would write.
package protocol OutputGenerator: Sendable {
    func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws
    /// Whether what it writes can depend on pages' text (bodies, source versions, translation states) rather than
    /// only on the index, settings, strings, facts and templates. A scoped build runs only these.
    var readsPageText: Bool { get }
}

extension OutputGenerator {
    package var readsPageText: Bool { true }
}

package enum OutputGenerators {
    /// The name a generator's warnings are kept under between builds.
    package static func name(of generator: any OutputGenerator) -> String { String(describing: type(of: generator)) }

    /// The pages, written first: what the search index reads.
    package static let pages: any OutputGenerator = PagesOutput()
    /// Every other output of this module, in the order they are written after the pages. The pipeline adds the
    /// search results pages, and runs the search index beside these.
    package static let afterPages: [any OutputGenerator] = [
        NotFoundOutput(), RootPageOutput(), SitemapOutput(), RobotsOutput(), StatusDashboardOutput(), AssetsOutput(),
        RedirectsOutput(), ArticlesOutput(), HeadersOutput(), MarkdownTwinsOutput(), LLMsTextOutput(), AtomFeedsOutput(),
    ]
}

/// Every page in every language, rendered and written on every core; also checks `#fragment` links.
package struct PagesOutput: OutputGenerator {
    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        let renderer = PageRenderer(site: context.site, engine: context.engine)
        let pages = ParallelRenderer.PageList(context.site.config.languages.map { context.site.index.pages(in: $0.code) })
        let cache = context.cache.map { cache in
            ParallelRenderer.Cache(store: cache, fingerprint: CacheFingerprints.page(siteFingerprint: cache.siteFingerprint, engine: context.engine))
        }
        log.append(contentsOf: try ParallelRenderer.renderAll(pages, with: renderer, into: writer, workers: context.options.workers, cache: cache,
                                                           progress: context.options.progress, scope: context.scope?.pageIDs))
        try log.checkpoint()
    }
}

/// `<language>/404.html` for each language, and `404.html` in the default language.
package struct NotFoundOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        for language in context.site.config.languages {
            try writer.write(context.engine.renderNotFound(language), to: "\(language.code)/404.html")
        }
        try writer.write(context.engine.renderNotFound(context.site.config.defaultLanguage), to: "404.html")
    }
}

/// `index.html`: the language chooser that sends readers to their language.
package struct RootPageOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        try writer?.write(context.engine.renderRoot(), to: "index.html")
    }
}

package struct SitemapOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        let views = context.engine.views
        try Sitemap.write(index: context.site.index, alternates: { id in views.alternates(for: id).map { ($0.hreflang, $0.url) } }) { path, bytes in
            try writer.write(bytes, to: path)
        }
    }
}

package struct RobotsOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        try writer?.write(Array(Sitemap.robots(baseURL: context.site.config.baseURL).utf8), to: "robots.txt")
    }
}

/// The translation status dashboard, when `statusDashboard` names a path.
package struct StatusDashboardOutput: OutputGenerator {
    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer, let path = context.site.config.statusDashboardPath else { return }
        let status = TranslationStatus(config: context.site.config, pages: context.site.pages)
        let links = context.site.config.linksTranslatorViews
        try writer.write(Array(StatusFormatter.html(status, title: context.site.config.title, linksTranslatorViews: links).utf8), to: path)
    }
}

/// The theme's `assets/` copied to `assets/`.
package struct AssetsOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        try AssetCopier.copy(context.site.theme, to: writer)
    }
}
