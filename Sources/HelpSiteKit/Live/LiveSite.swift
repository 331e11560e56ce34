import HelpConfig
import HelpContent
import HelpCore
import HelpTranslation
import HelpRender
import HelpOutput
import HelpSearch

/// The site as `helpsite serve` keeps it. Every edit runs the build `helpsite build` runs — the same loading,
/// the same output generators, the same writer swapping in a finished tree — with a render cache of serve's own
/// (`BuildOptions.cacheDirectory`), so only pages whose fingerprint changed are rendered again. There is no
/// second pipeline deciding what an edit affects: what serve shows is what a clean build writes.
public final class LiveSite {
    public enum Outcome: Sendable, Equatable {
        /// `paths`: site paths (`/nb/klage/`, `/assets/site.css`) whose files changed, with `*` when a page went
        /// away; `rendered`: pages rendered rather than taken from the cache; the warnings a clean build prints.
        case rebuilt(paths: [String], rendered: Int, warnings: [Diagnostic])
        /// The change broke the build; the previous site is still served.
        case failed([Diagnostic])
    }

    /// How the last build after an edit was made.
    public enum BuildKind: Sendable, Equatable {
        /// The whole pipeline, the render cache deciding what is rendered.
        case full
        /// Only what reads the text of the edited pages (`BuildScope`): the edit changed nothing else.
        case pageText
    }

    public let options: BuildOptions
    private var site: LoadedSite?
    /// What the last build leaves for the next: its engine, cache entries and warnings per output.
    private var memory: BuildMemory?
    public private(set) var lastBuild = BuildKind.full
    /// Files changed since the last build that succeeded: a later edit is built with them, so a page a failed
    /// build could not render is never left out of the next one.
    private var unbuiltChanges: Set<String> = []
    /// The warnings of the last build that succeeded.
    private var lastWarnings: [Diagnostic] = []
    /// The page folders of the last written build, to tell when a page went away.
    private var writtenFolders: Set<String> = []

    public init(options: BuildOptions) {
        self.options = options
    }

    public var config: SiteConfig? { site?.config }

    /// Looked for once, for `searchRefresh`.
    lazy var pagefind: Pagefind? = Pagefind.locate(environment: options.environment)

    /// The current site's pages, for `searchRefresh`.
    var siteIndex: SiteIndex? { site?.index }

    /// Reads the site without writing anything; `preview` then renders any page on request.
    @discardableResult
    public func load() -> Outcome {
        site = nil
        do {
            site = try SiteBuilder(options: options).load()
            return .rebuilt(paths: [], rendered: 0, warnings: [])
        } catch {
            return Self.failure(error)
        }
    }

    /// The full build of the site `load` read (or of the site as it is now, when the last load failed).
    @discardableResult
    public func buildLoaded() -> Outcome {
        guard let site else { return rebuild() }
        return write(site)
    }

    /// Brings the output up to date after `changedFiles` (paths as the file watcher reports them: below the content
    /// and templates folders as `options` name them) changed. When
    /// they changed only the text of pages (`PageTextEdit`), only what reads that text is made again; otherwise the
    /// site is read and built again, and the cache decides what is rendered. Either way the output is a clean build's.
    @discardableResult
    public func apply(changedFiles: [String] = []) -> Outcome {
        unbuiltChanges.formUnion(changedFiles)
        let outcome = build(changedFiles: unbuiltChanges.sorted())
        if case .rebuilt = outcome { unbuiltChanges = [] }
        return outcome
    }

    private func build(changedFiles: [String]) -> Outcome {
        if let site, var memory, let edit = PageTextEdit(site: site, changedFiles: changedFiles, options: options) {
            lastBuild = .pageText
            // Only files the build does not read: nothing to make.
            if edit.pages.isEmpty { return .rebuilt(paths: [], rendered: 0, warnings: lastWarnings) }
            let retainer = Retainer()
            defer { retainer.releaseInBackground() }
            do {
                let report = try SiteBuilder(options: buildOptions(retaining: retainer)).build(edit.site, changingTextOf: edit.pages, memory: &memory)
                self.memory = memory
                return finish(edit.site, report: report, retainer: retainer, pagesMoved: false)
            } catch is BuildScope.Unavailable {
                self.memory = memory
            } catch {
                self.memory = memory
                return Self.failure(error)
            }
        }
        return rebuild()
    }

    @discardableResult
    public func rebuild() -> Outcome {
        let retainer = Retainer()
        defer { retainer.releaseInBackground() }
        lastBuild = .full
        do {
            let (loaded, report) = try SiteBuilder(options: buildOptions(retaining: retainer)).loadAndBuild(remembering: &memory)
            return finish(loaded, report: report, retainer: retainer)
        } catch {
            return Self.failure(error)
        }
    }

    private func write(_ loaded: LoadedSite) -> Outcome {
        let retainer = Retainer()
        defer { retainer.releaseInBackground() }
        do {
            let report = try SiteBuilder(options: buildOptions(retaining: retainer)).build(loaded, remembering: &memory)
            return finish(loaded, report: report, retainer: retainer)
        } catch {
            return Self.failure(error)
        }
    }

    /// The build's options, with what it leaves behind (and the site it replaces) freed on another thread, after
    /// the outcome is known rather than before.
    private func buildOptions(retaining retainer: Retainer) -> BuildOptions {
        var options = self.options
        options.retainer = retainer
        return options
    }

    /// `pagesMoved`: false after a build that cannot add or remove a page (`PageTextEdit`).
    private func finish(_ loaded: LoadedSite, report: BuildReport, retainer: Retainer, pagesMoved: Bool = true) -> Outcome {
        if let site { retainer.keep(site) }
        site = loaded
        var lost = false
        if pagesMoved {
            let folders = loaded.plan.pageFolders
            lost = !writtenFolders.isSubset(of: folders)
            writtenFolders = folders
        }
        let basePath = loaded.config.basePath
        var paths = report.changedFiles.map { file in
            basePath + (file == "index.html" || file.hasSuffix("/index.html") ? String(file.dropLast("index.html".count)) : file)
        }
        if lost { paths.append("*") }
        lastWarnings = report.warnings
        return .rebuilt(paths: paths, rendered: report.pageCount - report.cachedPages, warnings: report.warnings)
    }

    /// The thank-you pages `serve` answers form submissions with, in the loaded site's languages.
    public var formReplies: FormReplies? {
        site.map { FormReplies(config: $0.config, strings: $0.strings) }
    }

    /// The URL of a page of the loaded site, for the translator view's link back to it.
    public func pageURL(of page: PageID, in language: String) -> String? {
        site?.index.page(page, in: language)?.href
    }

    /// Where every translation of the loaded site stands, for serve's translator dashboard.
    public var translationStatus: TranslationStatus? {
        site.map { TranslationStatus(config: $0.config, pages: $0.pages) }
    }

    /// Renders pages of the loaded site on request, with the same bytes the build writes.
    public var preview: PreviewRenderer? {
        guard let site else { return nil }
        let engine = RenderEngine(index: site.index, strings: site.strings, templates: site.compiled, injectedHTML: options.injectedHTML)
        return PreviewRenderer(site: site, engine: engine)
    }

    private static func failure(_ error: any Error) -> Outcome {
        if let failure = error as? BuildFailure { return .failed(failure.diagnostics.filter { $0.severity == .error }) }
        return .failed([.error(.write, nil, "\(error)")])
    }
}
