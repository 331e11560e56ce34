import Foundation

/// Runs Pagefind over a built site and leaves two bundles beside the pages:
/// - `pagefind/`: every written page, indexed (and stemmed) in its own `<html lang>`;
/// - `pagefind-fallback/`: the fallback pages only, indexed in the default language they are written in,
///   so their text is never stemmed as the language whose URL shows them. Each carries a `language` filter.
/// Which pages go where is decided by the templates' markers (`data-pagefind-body` and `data-search-fallback`).
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
    let indexesFallbacks: Bool

    /// Writes the bundles into `site`, which must not hold them yet.
    func index(site: String) throws {
        try pagefind.index(site: site, outputFolder: Self.bundleFolder)
        if indexesFallbacks {
            try pagefind.index(site: site, outputFolder: Self.fallbackFolder,
                               arguments: ["--root-selector", Self.fallbackSelector, "--force-language", defaultLanguage])
        }
        for folder in folders { try Self.tidy(bundle: site + "/" + folder) }
    }

    /// For `serve`: indexes a live output beside it, then swaps the new bundles in, so readers never see half an index.
    func reindex(output: String) throws {
        let scratchName = ".search-\(getpid())"
        let scratch = output + "/" + scratchName
        FileSystem.removeTree(scratch)
        defer { FileSystem.removeTree(scratch) }
        try pagefind.index(site: output, outputFolder: scratchName + "/" + Self.bundleFolder)
        if indexesFallbacks {
            try pagefind.index(site: output, outputFolder: scratchName + "/" + Self.fallbackFolder,
                               arguments: ["--root-selector", Self.fallbackSelector, "--force-language", defaultLanguage])
        }
        for folder in Self.bundleFolders {
            let fresh = scratch + "/" + folder, live = output + "/" + folder, old = scratch + "/old-" + folder
            if FileSystem.exists(fresh) { try Self.tidy(bundle: fresh) }
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

    /// Pagefind 1.5 lists the languages in `pagefind-entry.json` in a different order on each run: sorted here,
    /// so two builds of the same input are byte-identical. The unused ready-made interfaces are removed.
    static func tidy(bundle: String) throws {
        for name in unusedFiles { FileSystem.removeTree(bundle + "/" + name) }
        let entry = bundle + "/pagefind-entry.json"
        let object = try JSONSerialization.jsonObject(with: Data(FileSystem.readBytes(entry)))
        let sorted = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        try FileSystem.write(Array(sorted), to: entry)
    }
}
