import Foundation
import HelpMarkdown

public struct BuildOptions: Sendable {
    public var contentDirectory: SitePath
    public var templatesDirectory: SitePath
    public var outputDirectory: SitePath
    /// Overrides `baseURL` from site.yaml, e.g. for a deploy under a sub-path.
    public var baseURL: String?
    /// Warnings fail the build.
    public var strict: Bool
    /// Fails the build when any language's up-to-date share is under this percentage.
    public var failUnder: Double?

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
    public var filesWritten: Int
    public var pageCount: Int { pagesPerLanguage.reduce(0) { $0 + $1.pages } }
}

/// The build pipeline: load config → discover and parse → index → resolve links and render → write.
/// Each stage reports every problem it finds; the build stops after a stage that found an error.
public struct SiteBuilder {
    let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Everything up to (not including) writing: the site as a value, ready to render.
    public struct LoadedSite: Sendable {
        public var config: SiteConfig
        public var index: SiteIndex
        /// Every page read, drafts excepted, for the translation status.
        public var pages: [SourcePage]
        var strings: [String: StringTable]
        var facts: Facts
        var templates: TemplateLibrary
        public var diagnostics: [Diagnostic]
    }

    public func load() throws -> LoadedSite {
        let config = try SiteConfigLoader(contentDirectory: options.contentDirectory).load(baseURLOverride: options.baseURL)
        let content = try ContentLoader(contentDirectory: options.contentDirectory, config: config).load()
        var log = DiagnosticLog()
        log.append(contentsOf: content.diagnostics)
        let facts = FactsLoader.load(contentDirectory: options.contentDirectory, log: &log)
        let index = SiteIndex(config: config, pages: content.pages, log: &log)
        let strings = StringTable.build(config: config, strings: content.strings, log: &log)
        for language in config.languages where index.home(of: language.code) == nil && !index.pages(in: language.code).isEmpty {
            log.append(.warning(.index, FileLocation(file: options.contentDirectory.appending(language.code).display),
                                "language '\(language.code)' has no index.md home page"))
        }
        try log.checkpoint()
        let templates: TemplateLibrary
        do { templates = try TemplateLibrary.load(from: options.templatesDirectory) } catch let failure as BuildFailure {
            throw BuildFailure(DiagnosticLog.sorted(log.diagnostics + failure.diagnostics))
        }
        for (key, location) in templates.stringReferences where strings[config.defaultLanguage.code]?.values[key] == nil {
            log.append(.warning(.render, location, "template uses strings.\(key), which \(config.defaultLanguage.code)/strings.yaml does not define"))
        }
        return LoadedSite(config: config, index: index, pages: content.pages, strings: strings, facts: facts, templates: templates, diagnostics: log.diagnostics)
    }

    /// Builds into the output folder, replacing it only when everything succeeded.
    public func build() throws -> BuildReport {
        let site = try load()
        let writer = try OutputWriter.prepare(output: options.outputDirectory,
                                              protecting: [options.contentDirectory, options.templatesDirectory])
        do {
            let report = try render(site, into: writer)
            try enforcePolicies(report, site: site)
            try writer.commit()
            return report
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Everything `build` validates, without writing anything.
    public func check() throws -> BuildReport {
        let site = try load()
        let report = try render(site, into: nil)
        try enforcePolicies(report, site: site)
        return report
    }

    /// `--strict` and `--fail-under`: problems that fail a build only when asked.
    private func enforcePolicies(_ report: BuildReport, site: LoadedSite) throws {
        var failures: [Diagnostic] = []
        if options.strict && !report.warnings.isEmpty {
            failures += report.warnings
            failures.append(.error(.render, nil, "\(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s") with --strict"))
        }
        if let threshold = options.failUnder {
            let status = TranslationStatus(config: site.config, pages: site.pages)
            for summary in status.languages(under: threshold) {
                failures.append(.error(.index, FileLocation(file: options.contentDirectory.appending(summary.language.code).display),
                                       "\(summary.language.code) is \(StatusFormatter.percent(summary.upToDatePercent)) up to date, under --fail-under \(StatusFormatter.percent(threshold))"))
            }
        }
        if !failures.isEmpty { throw BuildFailure(failures) }
    }

    private func render(_ site: LoadedSite, into writer: OutputWriter?) throws -> BuildReport {
        var log = DiagnosticLog()
        log.append(contentsOf: site.diagnostics)
        let contexts = ContextBuilder(index: site.index, strings: site.strings)
        let pageRenderer = PageRenderer(site: site, contexts: contexts)
        let pages = site.config.languages.flatMap { site.index.pages(in: $0.code) }
        log.append(contentsOf: try ParallelRenderer.renderAll(pages, with: pageRenderer, into: writer))
        try log.checkpoint()
        var written = pages.count
        if let writer {
            for language in site.config.languages {
                let notFound = site.templates.render(contexts.notFound(language), template: "404")
                try writer.write(Array(notFound.utf8), to: "\(language.code)/404.html")
            }
            try writer.write(Array(site.templates.render(contexts.root(), template: "root").utf8), to: "index.html")
            try writer.write(Array(site.templates.render(contexts.notFound(site.config.defaultLanguage), template: "404").utf8), to: "404.html")
            try writer.write(Array(Sitemap.xml(index: site.index, alternates: contexts.alternates(for:)).utf8), to: "sitemap.xml")
            try writer.write(Array(Sitemap.robots(baseURL: site.config.baseURL).utf8), to: "robots.txt")
            written += 4 + site.config.languages.count
            if let dashboard = site.config.statusDashboardPath {
                let status = TranslationStatus(config: site.config, pages: site.pages)
                try writer.write(Array(StatusFormatter.html(status, title: site.config.title).utf8), to: dashboard)
                written += 1
            }
            written += try AssetCopier.copy(from: options.templatesDirectory.appending("assets"), to: writer, log: &log)
        }
        try log.checkpoint()
        return BuildReport(
            pagesPerLanguage: site.config.languages.map { ($0.code, site.index.pages(in: $0.code).count) },
            warnings: DiagnosticLog.sorted(log.diagnostics.filter { $0.severity == .warning }),
            filesWritten: written
        )
    }
}

/// Renders one page: Markdown (with links and directives resolved) into its template.
struct PageRenderer: Sendable {
    let site: SiteBuilder.LoadedSite
    let contexts: ContextBuilder

    struct Output {
        var html: String
        var headingIDs: [String]
        var fragmentLinks: [FragmentLink]
    }

    func render(_ page: Page, log: inout [Diagnostic]) -> Output {
        let source = page.source
        // A fallback shows the source language's text, so its typography and card labels follow that language.
        let language = site.config.language(source.language)!
        let strings = site.strings[source.language]?.values ?? [:]
        let resolver = LinkResolver(index: site.index)
        let directives = DirectiveRenderer(facts: site.facts, templates: site.templates)
        let sink = DiagnosticSink()
        func location(_ position: SourcePosition) -> FileLocation {
            FileLocation(file: source.file.display, line: source.bodyStartLine - 1 + position.line, column: position.column)
        }
        let hooks = RenderHooks(
            resolveLink: { link in
                switch resolver.resolve(link.destination, from: page, at: location(link.position), log: &sink.diagnostics, fragments: &sink.fragments) {
                case .keep: return nil
                case .rewrite(let url): return url
                }
            },
            renderDirective: { directive in
                directives.render(directive, language: language, strings: strings, at: location(directive.position), log: &sink.diagnostics)
            }
        )
        let options = MarkdownOptions(allowsUnsafeHTML: site.config.allowsUnsafeHTML,
                                      typography: LanguageTypography.typography(for: source.language),
                                      extractsLeadingTitle: source.titleFromBody)
        let rendered = MarkdownRenderer.render(source.body, options: options, hooks: hooks)
        log.append(contentsOf: sink.diagnostics)
        let template = contexts.templateName(for: page, library: site.templates)
        guard site.templates.has(template) else {
            log.append(.error(.render, source.location("layout"),
                              "layout '\(template)' has no template \(template).mustache" + Suggestions.didYouMean(template, in: site.templates.names.sorted())))
            return Output(html: "", headingIDs: [], fragmentLinks: [])
        }
        let html = site.templates.render(contexts.page(page, rendered: rendered), template: template)
        return Output(html: html, headingIDs: rendered.headings.map(\.id), fragmentLinks: sink.fragments)
    }
}

/// Renders and writes pages on every core. Output bytes never depend on scheduling: each page's file and
/// diagnostics are a function of that page alone, and diagnostics are merged in page order.
enum ParallelRenderer {
    static func renderAll(_ pages: [Page], with renderer: PageRenderer, into writer: OutputWriter?) throws -> [Diagnostic] {
        let results = ResultSlots(count: pages.count)
        defer { results.free() }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, pages.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < pages.count {
                var diagnostics: [Diagnostic] = []
                let output = renderer.render(pages[index], log: &diagnostics)
                var failure: Error?
                if let writer, !diagnostics.contains(where: { $0.severity == .error }) {
                    do { try writer.write(output.html.utf8, to: pages[index].outputPath) } catch { failure = error }
                }
                results.slots[index] = PageResult(diagnostics: diagnostics, failure: failure,
                                                  headingIDs: output.headingIDs, fragmentLinks: output.fragmentLinks)
                index += workers
            }
        }
        if let failure = results.slots.lazy.compactMap(\.failure).first { throw failure }
        var diagnostics = results.slots.flatMap(\.diagnostics)
        var headingIDs: [String: [PageID: Set<String>]] = [:]
        for (page, result) in zip(pages, results.slots) { headingIDs[page.language, default: [:]][page.id] = Set(result.headingIDs) }
        for link in results.slots.lazy.flatMap(\.fragmentLinks) where headingIDs[link.language]?[link.id]?.contains(link.fragment) != true {
            let known = headingIDs[link.language]?[link.id].map { Array($0).sorted() } ?? []
            diagnostics.append(.warning(.resolveLinks, link.location,
                                        "link '\(link.written)' points to #\(link.fragment), which is not a heading id on that page" + (known.isEmpty ? "" : Suggestions.didYouMean(link.fragment, in: known))))
        }
        return diagnostics
    }

    /// One slot per page; unchecked Sendable because each slot is written by exactly one worker
    /// and read only after `concurrentPerform` returns.
    struct ResultSlots: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<PageResult>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: PageResult())
        }

        func free() {
            slots.deinitialize()
            slots.deallocate()
        }
    }

    struct PageResult {
        var diagnostics: [Diagnostic] = []
        var failure: Error?
        var headingIDs: [String] = []
        var fragmentLinks: [FragmentLink] = []
    }
}

/// Collects diagnostics from inside render callbacks.
final class DiagnosticSink {
    var diagnostics: [Diagnostic] = []
    var fragments: [FragmentLink] = []
}

enum AssetCopier {
    static func copy(from folder: SitePath, to writer: OutputWriter, log: inout DiagnosticLog) throws -> Int {
        guard FileSystem.kind(of: folder.path) == .directory else { return 0 }
        var copied = 0
        var pending: [(SitePath, String)] = [(folder, "assets")]
        while let (directory, relative) = pending.popLast() {
            for name in try FileSystem.entries(of: directory.path) where !name.hasPrefix(".") {
                let path = directory.appending(name)
                switch FileSystem.kind(of: path.path) {
                case .directory: pending.append((path, relative + "/" + name))
                case .file:
                    if PathRules.problem(inFileName: name) != nil { continue }
                    try writer.write(try FileSystem.readBytes(path.path), to: relative + "/" + name)
                    copied += 1
                default:
                    log.append(.warning(.write, FileLocation(file: path.display), "not a regular file; not copied"))
                }
            }
        }
        return copied
    }
}
