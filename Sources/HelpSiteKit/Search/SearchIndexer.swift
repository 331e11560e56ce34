import Foundation

/// Runs Pagefind over a built site and leaves two bundles beside the pages:
/// - `pagefind/`: every written page, indexed (and stemmed) in its own `<html lang>`;
/// - `pagefind-fallback/`: the fallback pages only, indexed in the default language they are written in,
///   so their text is never stemmed as the language whose URL shows them. Each carries a `language` filter.
/// Within a page, the templates' markers (`data-pagefind-body`, `data-search-fallback`) say what is indexed.
struct SearchIndexer: Sendable {
    static let bundleFolder = "pagefind"
    static let fallbackFolder = "pagefind-fallback"
    static let bundleFolders = [bundleFolder, fallbackFolder]
    /// The element a fallback page's article carries instead of `data-pagefind-body`.
    static let fallbackSelector = "[data-search-fallback]"
    /// Pagefind's ready-made interfaces; helpsite's own search page uses only its JavaScript API.
    static let unusedFiles = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                              "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js"]

    let pagefind: Pagefind
    let defaultLanguage: String
    /// In language and page order, so the index is the same for the same pages.
    let written: [SearchDocument]
    let fallbacks: [SearchDocument]

    init(pagefind: Pagefind, index: SiteIndex) {
        self.pagefind = pagefind
        let config = index.config
        defaultLanguage = config.defaultLanguage.code
        var written: [SearchDocument] = [], fallbacks: [SearchDocument] = []
        for language in config.languages {
            for page in index.pages(in: language.code) {
                let document = SearchDocument(url: "/" + page.href.dropFirst(config.basePath.count), file: page.outputPath)
                if page.isFallback { fallbacks.append(document) } else { written.append(document) }
            }
        }
        self.written = written
        self.fallbacks = fallbacks
    }

    var indexesFallbacks: Bool { !fallbacks.isEmpty }

    /// Writes the bundles into a build's staging folder.
    func index(into writer: OutputWriter) throws {
        try write(site: writer.staging.path) { path, bytes in try writer.write(bytes, to: path) }
    }

    /// For `serve`: indexes a live output beside it, then swaps the new bundles in, so readers never see half an index.
    func reindex(output: String) throws {
        let scratch = output + "/.search-\(getpid())"
        FileSystem.removeTree(scratch)
        defer { FileSystem.removeTree(scratch) }
        try write(site: output) { path, bytes in
            let target = scratch + "/" + path
            try FileSystem.createDirectory((target as NSString).deletingLastPathComponent)
            try FileSystem.write(bytes, to: target)
        }
        for folder in Self.bundleFolders {
            let fresh = scratch + "/" + folder, live = output + "/" + folder, old = scratch + "/old-" + folder
            if FileSystem.exists(live) { try FileSystem.rename(live, to: old) }
            if FileSystem.exists(fresh) { try FileSystem.rename(fresh, to: live) }
        }
    }

    /// Links the previous output's bundles into a new build (`serve`, before re-indexing in the background).
    /// False when there is nothing to carry over, and the new build must be indexed now.
    func carryOver(from output: String, to staging: String) -> Bool {
        guard folders.allSatisfy({ FileSystem.kind(of: output + "/" + $0) == .directory }) else { return false }
        for folder in folders {
            guard let files = FileManager.default.enumerator(atPath: output + "/" + folder) else { return false }
            for case let relative as String in files {
                let source = output + "/" + folder + "/" + relative, target = staging + "/" + folder + "/" + relative
                if FileSystem.kind(of: source) == .directory { continue }
                do { try FileSystem.createDirectory((target as NSString).deletingLastPathComponent) } catch { return false }
                guard link(source, target) == 0 else { return false }
            }
        }
        return true
    }

    private var folders: [String] { indexesFallbacks ? Self.bundleFolders : [Self.bundleFolder] }

    /// Indexes the pages below `site` and hands over every bundle file, its path below the output folder.
    private func write(site: String, to save: (String, [UInt8]) throws -> Void) throws {
        try keep(bundle: Self.bundleFolder, pagefind.index(written, site: site, name: Self.bundleFolder), to: save)
        if indexesFallbacks {
            try keep(bundle: Self.fallbackFolder, pagefind.index(fallbacks, site: site, name: Self.fallbackFolder,
                                                                 rootSelector: Self.fallbackSelector, forcedLanguage: defaultLanguage), to: save)
        }
    }

    /// Leaves out Pagefind's ready-made interfaces, which helpsite's search page does not use, and sorts
    /// `pagefind-entry.json`: Pagefind 1.5 lists its languages in a different order on each run.
    private func keep(bundle: String, _ files: [(path: String, bytes: [UInt8])], to save: (String, [UInt8]) throws -> Void) throws {
        for file in files where !Self.unusedFiles.contains(file.path) {
            var bytes = file.bytes
            if file.path == "pagefind-entry.json" {
                let object = try JSONSerialization.jsonObject(with: Data(bytes))
                bytes = Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            }
            try save(bundle + "/" + file.path, bytes)
        }
    }
}
