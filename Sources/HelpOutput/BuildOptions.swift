import Foundation
import HelpConfig
import HelpContent
import HelpCore
import HelpRender

public struct BuildOptions: Sendable {
    public var contentDirectory: SitePath
    /// The site's own templates, laid over the built-in theme; may be missing unless `templatesRequired`.
    public var templatesDirectory: SitePath
    /// The user named the templates folder, so a missing one is an error rather than "use the built-in theme".
    public var templatesRequired = false
    public var outputDirectory: SitePath
    /// Overrides `baseURL` from site.yaml, e.g. for a deploy under a sub-path.
    public var baseURL: String?
    /// Warnings fail the build.
    public var strict: Bool
    /// Fails the build when any language's up-to-date share is under this percentage.
    public var failUnder: Double?
    /// `--reviewed-only`: `failUnder` counts only reviewed pages, not machine translations.
    public var reviewedOnly = false
    /// HTML added before `</body>` of every page; only `helpsite serve` sets it, for live reload.
    public var injectedHTML: String?
    /// Rendering threads; nil uses every core. The output is the same whatever the number.
    public var workers: Int?
    /// The date stale facts and `reviewed:` dates are judged against; nil is the clock. It never changes the output, only warnings.
    public var today: Date?
    /// `--cache`: where rendered pages and their fingerprints are kept between builds.
    public var cacheDirectory: SitePath?
    /// Told of every rendered page; the CLI shows it on a terminal.
    public var progress: BuildProgress?
    /// `serve`: a full rebuild keeps the previous search index and leaves re-indexing to the caller, off the reload path.
    public var defersSearchIndex = false
    /// Where Pagefind is looked for (`PATH`, `HELPSITE_PAGEFIND`); tests replace it.
    public var environment = ProcessInfo.processInfo.environment
    /// `check --previous`: a previous build's output folder or its `sitemap.xml`, whose URLs must still lead somewhere.
    public var previousSite: SitePath?
    /// `serve`: where the contact form and the feedback widget post instead of the site's endpoints (and whether
    /// forms the site does not configure are shown, marked as preview-only).
    public var formEndpoints: FormEndpoints?
    /// `serve`: outdated notices and the status dashboard link to serve's translator view.
    public var linksTranslatorViews = false
    /// Takes the loaded site, render engine and caches at the end of the build, to free them off the way to the
    /// result (`Retainer`); nil frees them as the build returns.
    public var retainer: Retainer?

    public init(contentDirectory: SitePath = SitePath("content"), templatesDirectory: SitePath = SitePath("templates"),
                outputDirectory: SitePath = SitePath("public"), baseURL: String? = nil, strict: Bool = false, failUnder: Double? = nil) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
        self.strict = strict
        self.failUnder = failUnder
    }
}

public struct BuildReport: Sendable {
    public var pagesPerLanguage: [(language: String, pages: Int)]
    public var warnings: [Diagnostic]
    /// One-line remarks that are not problems, such as why a cache was not used.
    public var notes: [String] = []
    /// Pages taken from the `--cache` instead of rendered.
    public var cachedPages = 0
    /// `--cache`: page files read and parsed rather than taken from the cache's page index.
    public var parsedPages = 0
    /// The search indexes Pagefind built, one per language and bundle (`pagefind/de`, `pagefind-fallback/de`), sorted;
    /// with `--cache`, the others came from the cache.
    public var reindexedLanguages: [String] = []
    /// `--cache`: only the text of pages changed since the last build, so only what reads it was made again
    /// (`BuildScope`); every other file is the last build's.
    public var scopedToPageText = false
    /// Output files whose bytes differ from the previous output's (all of them for a first build), sorted.
    public var changedFiles: [String] = []

    package init(pagesPerLanguage: [(language: String, pages: Int)], warnings: [Diagnostic]) {
        self.pagesPerLanguage = pagesPerLanguage
        self.warnings = warnings
    }

    public var pageCount: Int { pagesPerLanguage.reduce(0) { $0 + $1.pages } }
}
