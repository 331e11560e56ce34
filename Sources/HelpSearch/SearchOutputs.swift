import HelpConfig
import HelpContent
import HelpCore
import HelpTemplates
import HelpRender
import HelpOutput

extension SearchPages {
    /// With search on: a search layout exists (`OutputPlan` keeps pages off the results pages' URLs).
    package static func validate(_ site: LoadedSite, templatesDirectory: SitePath, log: inout DiagnosticLog) {
        guard site.config.search else { return }
        if !site.compiled.hasLayout(layout) {
            log.append(.error(.render, FileLocation(file: templatesDirectory.display),
                              "search is on in site.yaml, but the templates have no \(layout).mustache for the results page"))
        }
    }
}

/// `<language>/<searchSlug>/index.html` for each language, when search is on.
package struct SearchPageOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package init() {}

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer, context.site.config.search else { return }
        for language in context.site.config.languages {
            guard let path = context.site.plan.searchPages[language.code] else { continue }
            try writer.write(context.engine.renderSearchPage(language), to: path)
        }
    }
}

/// The Pagefind index of the staged pages, written before the staging folder replaces the output,
/// so a Pagefind failure fails the build and leaves the previous output as it was.
package struct SearchIndexOutput: OutputGenerator {
    /// Found before rendering when the site has `search: true`; nil for `check`.
    package let pagefind: Pagefind?

    package init(pagefind: Pagefind?) { self.pagefind = pagefind }

    /// Fails the build before anything is rendered when search is on and Pagefind cannot be found.
    package static func locatePagefind(for config: SiteConfig, environment: [String: String]) throws -> Pagefind? {
        guard config.search else { return nil }
        guard let pagefind = Pagefind.locate(environment: environment) else {
            throw BuildFailure([.error(.loadConfig, config.searchLocation, "search is on, but Pagefind is not installed; " + Pagefind.installHint)])
        }
        return pagefind
    }

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer, let pagefind else { return }
        // A scoped build keeps the files it does not write: the deferred index stays until serve re-indexes.
        if context.options.defersSearchIndex && context.scope != nil { return }
        let indexer = SearchIndexer(pagefind: pagefind, index: context.site.index, workers: context.options.workers)
        if context.options.defersSearchIndex, indexer.carryOver(into: writer) { return }
        // A scoped build writes the bundles whole: fragments of the last index that this one does not write go.
        if context.scope != nil { for folder in SearchIndexer.bundleFolders { writer.regenerated.insert(folder) } }
        let renderCache = context.cache
        let reindexed = try indexer.index(into: writer, cache: context.options.cacheDirectory.map(SearchIndexCache.init(cacheDirectory:)),
                                          pageFingerprints: { renderCache?.recordedFingerprint(of: $0) })
        context.summary.record(reindexedSearchShards: reindexed)
    }
}

extension RenderEngine {
    /// A language's results page: the `search` layout, its switcher leading to the other languages' results pages.
    package func renderSearchPage(_ language: Language) -> [UInt8] {
        guard let template = templates.layouts[SearchPages.layout], let search = views.search(for: language) else { return [] }
        var switcher = ""
        if let links = templates.switcherLinks {
            let translations = config.languages.compactMap { other -> TranslationLinkView? in
                guard let url = views.search(for: other)?.url else { return nil }
                return TranslationLinkView(language: views.language(other), url: url, isAvailable: true, isCurrent: .known(other == language))
            }
            switcher = String(decoding: TemplateRenderer.render(links, view: SwitcherContextView(translations: translations), schema: SwitcherContextView.schema), as: UTF8.self)
        }
        let title = views.string("searchTitle", in: language.code) ?? "Search"
        let context = PageContextView(
            site: views.site, language: views.language(language), strings: views.strings(language.code), home: views.home(of: language.code),
            page: PageView(title: title, url: search.url, layout: SearchPages.layout), alternatesHTML: "", switcherLinksHTML: switcher,
            navigationHTML: fragments.navigationHTML(language: language.code, folder: "", current: nil), breadcrumbs: [], noindex: true, search: search.onResultsPage,
            structuredData: StructuredData.searchPage(url: search.url, title: title, language: language, views: views))
        return finish(TemplateRenderer.render(template, view: context, schema: templates.pageContext))
    }
}
