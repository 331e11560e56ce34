import HelpConfig
import HelpContent
import HelpCore
import Foundation
import HelpRender
import HelpOutput

/// Runs Pagefind over a built site and leaves the bundles beside the pages:
/// - `pagefind/`: every written page, indexed (and stemmed) in its own `<html lang>`;
/// - `pagefind-fallback/<language>/`: that language's fallback pages, indexed in the default language they are
///   written in, so their text is never stemmed as the language whose URL shows them. One bundle per language,
///   as Pagefind writes a filter with several values in a different order on each run.
/// Within a page, the templates' markers (`data-pagefind-body`, `data-search-fallback`) say what is indexed.
/// Each language of a bundle is a `SearchShard` with a Pagefind service of its own, run on every core.
package struct SearchIndexer: Sendable {
    package static let bundleFolder = GeneratedFolders.searchBundle
    package static let fallbackFolder = GeneratedFolders.searchFallbacks
    package static let bundleFolders = [bundleFolder, fallbackFolder]
    package static let entryFile = "pagefind-entry.json"
    /// The element a fallback page's article carries instead of `data-pagefind-body`.
    package static let fallbackSelector = "[data-search-fallback]"
    /// Pagefind's ready-made interfaces; helpsite's own search page uses only its JavaScript API.
    package static let unusedFiles = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                                      "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js"]

    package let pagefind: Pagefind
    /// In language order; the largest are started first.
    package let shards: [SearchShard]
    /// Pagefind services at once; nil is one per core. The bundles are the same whatever the number.
    package let workers: Int?

    package init(pagefind: Pagefind, index: SiteIndex, workers: Int? = nil) {
        self.pagefind = pagefind
        self.workers = workers
        let config = index.config
        var shards: [SearchShard] = [], fallbackShards: [SearchShard] = []
        for language in config.languages {
            var written: [SearchDocument] = [], fallbacks: [SearchDocument] = []
            for page in index.pages(in: language.code) {
                let document = SearchDocument(url: "/" + page.href.dropFirst(config.basePath.count), file: page.outputPath)
                if page.isFallback { fallbacks.append(document) } else { written.append(document) }
            }
            if !written.isEmpty {
                shards.append(SearchShard(bundle: Self.bundleFolder, name: Self.bundleFolder + "/" + language.code, documents: written))
            }
            if !fallbacks.isEmpty {
                let bundle = Self.fallbackFolder + "/" + language.code
                fallbackShards.append(SearchShard(bundle: bundle, name: bundle, documents: fallbacks, rootSelector: Self.fallbackSelector,
                                                  forcedLanguage: config.defaultLanguage.code))
            }
        }
        shards += fallbackShards
        self.shards = shards
    }

    package var indexesFallbacks: Bool { shards.contains { $0.bundle.hasPrefix(Self.fallbackFolder + "/") } }

    /// Writes the bundles into a build's staging folder; with `--cache`, languages whose pages did not change
    /// come from the cache. Returns the shards Pagefind indexed, by name.
    package func index(into writer: OutputWriter, cache: SearchIndexCache? = nil, pageFingerprints: (String) -> UInt64? = { _ in nil }) throws -> [String] {
        try write(read: { try FileSystem.readBytes(writer.writtenPath($0)) }, cache: cache, pageFingerprints: pageFingerprints) { path, bytes in
            try writer.write(bytes, to: path)
        }
    }

    /// For `serve`: indexes a live output beside it, then swaps the new bundles in, so readers never see half an index.
    package func reindex(output: String) throws {
        let scratch = output + "/.search-\(getpid())"
        FileSystem.removeTree(scratch)
        defer { FileSystem.removeTree(scratch) }
        try write(read: { try FileSystem.readBytes(output + "/" + $0) }) { path, bytes in
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

    /// Puts the previous output's bundles into a new build (`serve`, before re-indexing in the background).
    /// False when there is nothing to carry over, and the new build must be indexed now.
    package func carryOver(into writer: OutputWriter) -> Bool {
        let output = writer.output.path
        guard folders.allSatisfy({ FileSystem.kind(of: output + "/" + $0) == .directory }) else { return false }
        for folder in folders {
            guard let files = FileManager.default.enumerator(atPath: output + "/" + folder) else { return false }
            for case let relative as String in files {
                let source = output + "/" + folder + "/" + relative
                if FileSystem.kind(of: source) == .directory { continue }
                do { try writer.place(existing: source, at: folder + "/" + relative) } catch { return false }
            }
        }
        return true
    }

    private var folders: [String] { indexesFallbacks ? Self.bundleFolders : [Self.bundleFolder] }

    /// Indexes the pages (each read with `read`), the shards side by side, and hands over every bundle file, its path below the output folder.
    @discardableResult
    private func write(read: @escaping @Sendable (String) throws -> [UInt8], cache: SearchIndexCache? = nil, pageFingerprints: (String) -> UInt64? = { _ in nil },
                       to save: (String, [UInt8]) throws -> Void) throws -> [String] {
        var cache = cache
        var found: [SearchShard.Files?] = [], fingerprints: [UInt64?] = []
        for shard in shards {
            var files: SearchShard.Files?
            let fingerprint = cache == nil ? nil : SearchIndexCache.fingerprint(of: shard, pagefind: pagefind, pages: pageFingerprints)
            if let fingerprint { files = cache?.lookup(shard, fingerprint: fingerprint) }
            fingerprints.append(fingerprint)
            found.append(files)
        }
        let missing = shards.indices.filter { found[$0] == nil }
        // The largest first, so the last shard to finish is a small one.
        let order = missing.sorted { left, right in
            let (a, b) = (shards[left], shards[right])
            return a.documents.count != b.documents.count ? a.documents.count > b.documents.count : a.name < b.name
        }
        let pagefind = pagefind, all = shards
        let indexed = ParallelMap.map(order, workers: workers) { position in
            let shard = all[position]
            return Result { try pagefind.index(shard.documents, read: read, name: shard.bundle, rootSelector: shard.rootSelector,
                                               forcedLanguage: shard.forcedLanguage) }
        }
        for (position, result) in zip(order, indexed).sorted(by: { $0.0 < $1.0 }) {
            let files = try result.get()
            found[position] = files
            // A cache that cannot be written costs the next build time, not this one its output.
            if let fingerprint = fingerprints[position] { try? cache?.store(shards[position], fingerprint: fingerprint, files: files) }
        }
        try? cache?.save()
        var merger = SearchBundleMerger()
        for (shard, files) in zip(shards, found) { try merger.add(shard, files: files ?? []) }
        for (path, bytes) in try merger.merged().sorted(by: { $0.key < $1.key }) { try save(path, bytes) }
        return missing.map { shards[$0].name }.sorted()
    }
}
