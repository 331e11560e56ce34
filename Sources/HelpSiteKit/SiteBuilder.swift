import HelpConfig
import HelpContent
import HelpCore
import Foundation
import HelpMarkdown
import HelpOutput
import HelpRender
import HelpSearch
import HelpTranslation

/// The build pipeline: load config → discover and parse → index → resolve links and render → write.
/// Each stage reports every problem it finds; the build stops after a stage that found an error.
public struct SiteBuilder {
    let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public func load() throws -> LoadedSite {
        var config = try SiteConfigLoader(contentDirectory: options.contentDirectory).load(baseURLOverride: options.baseURL)
        options.formEndpoints?.apply(to: &config)
        config.linksTranslatorViews = options.linksTranslatorViews
        let indexCache = options.cacheDirectory.map { PageIndexCache(directory: $0, config: config) }
        let content = try ContentLoader(contentDirectory: options.contentDirectory, config: config, hashesFiles: indexCache != nil,
                                        indexCache: indexCache).load(releasingBodies: true)
        var log = DiagnosticLog()
        log.append(contentsOf: content.diagnostics)
        var facts = FactsLoader.load(contentDirectory: options.contentDirectory, log: &log)
        facts.formatHours(for: config.languages)
        facts.formatAmounts(for: config.languages)
        let today = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: options.today ?? Date())
        log.append(contentsOf: facts.staleFacts(today: today, maxAgeMonths: config.factsMaxAgeMonths))
        log.append(contentsOf: PageFreshness(config: config, pages: content.pages, today: ReviewDate(day: options.today ?? Date())).warnings)
        let index = SiteIndex(config: config, pages: content.pages, log: &log)
        RelatedPages.check(index, log: &log)
        let strings = StringTable.build(config: config, strings: content.strings, contentDirectory: options.contentDirectory, log: &log)
        for language in config.languages where index.home(of: language.code) == nil && !index.pages(in: language.code).isEmpty {
            log.append(.warning(.index, FileLocation(file: options.contentDirectory.appending(language.code).display),
                                "language '\(language.code)' has no index.md home page"))
        }
        try log.checkpoint()
        let theme: Theme
        let templates: TemplateLibrary
        do {
            theme = try Theme.load(overriding: options.templatesDirectory, required: options.templatesRequired)
            templates = try TemplateLibrary.load(from: theme)
        } catch let failure as BuildFailure {
            throw BuildFailure(DiagnosticLog.sorted(log.diagnostics + failure.diagnostics))
        }
        log.append(contentsOf: theme.skipped)
        let sourceStrings = strings[config.defaultLanguage.code]?.values ?? [:]
        for (key, location) in templates.stringReferences where sourceStrings[key] == nil {
            log.append(.warning(.render, location, "template uses strings.\(key), which neither helpsite nor \(config.defaultLanguage.code)/strings.yaml defines"))
        }
        let compiled: CompiledTemplates
        do {
            compiled = try CompiledTemplates.compile(templates, stringKeys: sourceStrings.keys.sorted(), contactFields: ContactView.fieldNames(facts: facts))
        } catch let failure as BuildFailure {
            throw BuildFailure(DiagnosticLog.sorted(log.diagnostics.filter { $0.severity == .error } + failure.diagnostics))
        }
        let plan = OutputPlan(index: index, strings: strings, theme: theme, log: &log)
        var site = LoadedSite(config: config, index: index, pages: content.pages, strings: strings, facts: facts, theme: theme, templates: templates,
                              compiled: compiled, plan: plan, indexCache: indexCache.map { ($0, content.cleanPages, content.reparsedPages) }, parsedPages: content.parsedCount, diagnostics: [])
        SearchPages.validate(site, templatesDirectory: options.templatesDirectory, log: &log)
        try log.checkpoint()
        site.diagnostics = log.diagnostics
        return site
    }

    /// Builds into the output folder, replacing it only when everything succeeded.
    @discardableResult
    public func build() throws -> BuildReport {
        try loadAndBuild().report
    }

    /// Loads and builds the site, and returns it with the report (`serve` keeps it). With `--cache`, the cache's
    /// manifest and output record are read while the site loads.
    public func loadAndBuild() throws -> (site: LoadedSite, report: BuildReport) {
        var memory: BuildMemory?
        return try loadAndBuild(remembering: &memory)
    }

    /// `memory`: what `serve` kept of its last build; its cache entries are used instead of the manifest on disk,
    /// and it is replaced by this build's.
    package func loadAndBuild(remembering memory: inout BuildMemory?) throws -> (site: LoadedSite, report: BuildReport) {
        let preload = options.cacheDirectory.map { CachePreload(cacheDirectory: $0, output: options.outputDirectory, manifest: memory?.manifest) }
        let site = try load()
        options.retainer?.keep(site)
        return (site, try build(site, preload: preload, memory: &memory))
    }

    /// Builds an already loaded site.
    public func build(_ site: LoadedSite) throws -> BuildReport {
        var memory: BuildMemory?
        return try build(site, remembering: &memory)
    }

    package func build(_ site: LoadedSite, remembering memory: inout BuildMemory?) throws -> BuildReport {
        try build(site, preload: nil, memory: &memory)
    }

    /// `serve` after an edit that changed only the text of `pages` (`SourcePage.differsOnlyInText`): `site` holds
    /// them already; only what reads their text is made again (`BuildScope`), and every other file stays.
    /// Throws `BuildScope.Unavailable` when `memory` lacks something this needs: build in full instead.
    package func build(_ site: LoadedSite, changingTextOf pages: [SourcePage], memory: inout BuildMemory) throws -> BuildReport {
        guard let cacheDirectory = options.cacheDirectory else { throw BuildScope.Unavailable() }
        let cache = RenderCache(directory: cacheDirectory, siteFingerprint: memory.manifest.site, stored: .manifest(memory.manifest), carrying: true)
        var engine = memory.engine
        engine.replaceText(of: pages, in: site.index)
        do {
            var (report, warnings, _) = try buildScoped(site, pages: pages, engine: engine, cache: cache, previousWarnings: memory.warningsByOutput)
            // serve keeps the entries in memory; the manifest on disk no longer matches the cached files.
            cache.dropStoredManifest()
            report.parsedPages = pages.count
            memory = BuildMemory(engine: engine, manifest: cache.manifest, warningsByOutput: warnings)
            return report
        } catch {
            memory.forget(cache.replacedPaths)
            throw error
        }
    }

    /// `build --cache` after edits that changed only page text since its last build (`CachedPageTextEdit`).
    private func build(_ site: LoadedSite, changingTextOf edit: CachedPageTextEdit, cacheDirectory: SitePath,
                       memory: inout BuildMemory?) throws -> BuildReport {
        let cache = RenderCache(directory: cacheDirectory, siteFingerprint: edit.manifest.site, stored: .manifest(edit.manifest), carrying: true)
        let engine = RenderEngine(index: site.index, strings: site.strings, templates: site.compiled, injectedHTML: options.injectedHTML)
        options.retainer?.keep([cache as any Sendable, engine])
        LastBuildRecord.remove(cacheDirectory: cacheDirectory)
        do {
            let record = OutputRecord(cacheDirectory: cacheDirectory, output: options.outputDirectory)
            let scoped = try buildScoped(site, pages: edit.pages, engine: engine, cache: cache, previousWarnings: edit.previousWarnings,
                                         record: record, previousFiles: edit.previousFiles)
            var report = scoped.report
            let warnings = scoped.warnings, files = scoped.files
            saveCache(cache, site: site, outputRecord: { if let files { try? record.save(files) } }, warnings: warnings, report: &report)
            report.parsedPages = site.parsedPages
            report.scopedToPageText = true
            memory = BuildMemory(engine: engine, manifest: cache.manifest, warningsByOutput: warnings)
            return report
        } catch {
            cache.forgetReplaced()
            throw error
        }
    }

    /// Runs only the outputs that read page text, for `pages`, into the output folder as the last build left it.
    /// `cache` carries the last build's entries. `record`: the output record and the files it lists, kept true;
    /// the files to record when they changed are returned. Throws `BuildScope.Unavailable` when something it needs is missing.
    private func buildScoped(_ site: LoadedSite, pages: [SourcePage], engine: RenderEngine, cache: RenderCache,
                             previousWarnings: [String: [Diagnostic]], record: OutputRecord? = nil, previousFiles: Set<String>? = nil)
        throws -> (report: BuildReport, warnings: [String: [Diagnostic]], files: Set<String>?) {
        guard cache.note == nil else { throw BuildScope.Unavailable() }
        let scope = BuildScope(pageIDs: Set(pages.map(\.id)), previousWarnings: previousWarnings)
        let pagefind = try SearchIndexOutput.locatePagefind(for: site.config, environment: options.environment)
        let writer = try OutputWriter.prepare(output: options.outputDirectory, protecting: [options.contentDirectory, options.templatesDirectory],
                                              record: record, previousFiles: previousFiles, keepsUnwritten: true)
        do {
            var (report, warnings) = try render(site, into: writer, engine: engine, cache: cache, scope: scope, pagefind: pagefind)
            try enforcePolicies(report, site: site)
            report.changedFiles = writer.changes.sorted
            let files = try writer.commit()
            report.cachedPages = cache.hits
            return (report, warnings, files)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Saves the render cache, the page index and the output record side by side, then the record of this build
    /// (`LastBuildRecord`) when all three were saved. A cache that cannot be saved costs the next build time, not
    /// this one its output.
    private func saveCache(_ cache: RenderCache, site: LoadedSite, outputRecord: (@Sendable () -> Void)?, warnings: [String: [Diagnostic]],
                           report: inout BuildReport) {
        let indexCache = site.indexCache
        let saves: [@Sendable () throws -> Void] = [
            { try cache.save() },
            { if let indexCache { try indexCache.cache.save(indexCache.pages) } },
            { outputRecord?() },
        ]
        let failures = ParallelMap.map(Array(saves.indices)) { position in
            Result { try saves[position]() }
        }
        if let error = failures.lazy.compactMap({ if case .failure(let error) = $0 { error } else { nil } }).first {
            report.notes.append("could not save the cache in \(cache.directory.display): \(error)")
            return
        }
        guard let pageIndex = indexCache?.cache.currentStamp, let manifest = cache.manifestStamp else { return }
        try? LastBuildRecord(pageIndex: pageIndex, manifest: manifest, warningsByOutput: warnings).save(cacheDirectory: cache.directory)
    }

    private func build(_ site: LoadedSite, preload: CachePreload?, memory: inout BuildMemory?) throws -> BuildReport {
        var stored = preload?.manifest.value
        if let preload, let cacheDirectory = options.cacheDirectory, let edit = CachedPageTextEdit(site: site, preload: preload, options: options) {
            do {
                return try build(site, changingTextOf: edit, cacheDirectory: cacheDirectory, memory: &memory)
            } catch is BuildScope.Unavailable {
                // Built in full, without the entries whose cached files the scoped build replaced.
                stored = RenderCache.Stored.read(directory: cacheDirectory)
            }
        }
        let pagefind = try SearchIndexOutput.locatePagefind(for: site.config, environment: options.environment)
        let writer = try OutputWriter.prepare(output: options.outputDirectory,
                                              protecting: [options.contentDirectory, options.templatesDirectory],
                                              record: options.cacheDirectory.map { OutputRecord(cacheDirectory: $0, output: options.outputDirectory) },
                                              previousFiles: preload.map { $0.previousFiles.value })
        let cache = options.cacheDirectory.map {
            RenderCache(directory: $0, siteFingerprint: CacheFingerprints.site(site, options: options), stored: stored)
        }
        do {
            options.retainer?.keep([cache as any Sendable, writer])
            if let cache { LastBuildRecord.remove(cacheDirectory: cache.directory) }
            let engine = RenderEngine(index: site.index, strings: site.strings, templates: site.compiled, injectedHTML: options.injectedHTML)
            options.retainer?.keep(engine)
            var (report, warnings) = try render(site, into: writer, engine: engine, cache: cache, pagefind: pagefind)
            try enforcePolicies(report, site: site)
            report.changedFiles = writer.changes.sorted
            let record = try writer.commit()
            if let cache {
                if let note = cache.note { report.notes.append(note) }
                saveCache(cache, site: site, outputRecord: { writer.saveRecord(record) }, warnings: warnings, report: &report)
                report.cachedPages = cache.hits
                report.parsedPages = site.parsedPages
                memory = BuildMemory(engine: engine, manifest: cache.manifest, warningsByOutput: warnings)
            }
            return report
        } catch {
            writer.discard()
            if let cache {
                // Cached files this build replaced no longer match their entries in the manifest it leaves behind.
                cache.forgetReplaced()
                memory?.forget(cache.replacedPaths)
            }
            throw error
        }
    }

    /// Everything `build` validates, without writing anything.
    public func check() throws -> BuildReport {
        let site = try load()
        let engine = RenderEngine(index: site.index, strings: site.strings, templates: site.compiled, injectedHTML: options.injectedHTML)
        var report = try render(site, into: nil, engine: engine).report
        if let glossary = try GlossaryLoader(contentDirectory: options.contentDirectory, config: site.config).load() {
            report.warnings += GlossaryChecker(glossary: glossary, config: site.config).warnings(for: site.pages)
        }
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
            failures += TranslationStatus(config: site.config, pages: site.pages)
                .failures(under: threshold, reviewedOnly: options.reviewedOnly, contentDirectory: options.contentDirectory)
        }
        if !failures.isEmpty { throw BuildFailure(failures) }
    }

    /// Runs every output generator; returns the report and each output's warnings (`BuildMemory`).
    private func render(_ site: LoadedSite, into writer: OutputWriter?, engine: RenderEngine, cache: RenderCache? = nil, scope: BuildScope? = nil,
                        pagefind: Pagefind? = nil) throws -> (report: BuildReport, warnings: [String: [Diagnostic]]) {
        var log = DiagnosticLog()
        log.append(contentsOf: site.diagnostics)
        let context = OutputContext(site: site, engine: engine, options: options, cache: cache, scope: scope)
        var warnings: [String: [Diagnostic]] = [:]
        func run(_ output: any OutputGenerator, into log: inout DiagnosticLog) throws {
            let name = OutputGenerators.name(of: output)
            if let scope, !output.readsPageText {
                warnings[name] = scope.previousWarnings[name] ?? []
                log.append(contentsOf: warnings[name]!)
                return
            }
            var own = DiagnosticLog()
            defer {
                log.append(contentsOf: own.diagnostics)
                warnings[name] = own.diagnostics.filter { $0.severity == .warning }
            }
            try output.generate(context, into: writer, log: &own)
        }
        try run(OutputGenerators.pages, into: &log)
        // Pagefind reads only the pages: it indexes them while the other outputs are written, on the cores they
        // leave idle. It is waited for before the build goes on or fails, so it never writes into a discarded staging folder.
        let searchIndexOutput = SearchIndexOutput(pagefind: pagefind)
        let searchIndex = Background { () -> Result<DiagnosticLog, any Error> in
            var searchLog = DiagnosticLog()
            return Result {
                try searchIndexOutput.generate(context, into: writer, log: &searchLog)
                return searchLog
            }
        }
        defer { _ = searchIndex.value }
        for output in OutputGenerators.afterPages + [SearchPageOutput()] {
            try run(output, into: &log)
        }
        let searchDiagnostics = try searchIndex.value.get().diagnostics
        log.append(contentsOf: searchDiagnostics)
        warnings[OutputGenerators.name(of: searchIndexOutput)] = searchDiagnostics.filter { $0.severity == .warning }
        try log.checkpoint()
        var report = BuildReport(
            pagesPerLanguage: site.config.languages.map { ($0.code, site.index.pages(in: $0.code).count) },
            warnings: DiagnosticLog.sorted(log.diagnostics.filter { $0.severity == .warning })
        )
        report.reindexedLanguages = context.summary.reindexedSearchShards
        return (report, warnings)
    }
}

/// What `serve` keeps of its last build so that the next can be scoped (`BuildScope`): the render engine, the
/// render cache's entries and each output's warnings.
package struct BuildMemory: Sendable {
    package var engine: RenderEngine
    package var manifest: CacheManifest
    package var warningsByOutput: [String: [Diagnostic]]

    /// Drops the entries whose cached files a failed build replaced.
    mutating func forget(_ paths: [String]) {
        for path in paths { manifest.pages[path] = nil }
    }
}
