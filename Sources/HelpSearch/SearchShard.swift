import HelpCore
import Foundation
import HelpRender
import HelpOutput

/// One Pagefind index of the build, indexed by a service of its own: the pages of one language in `pagefind/`,
/// or one language's fallback pages in its own `pagefind-fallback/<language>/`. Pagefind builds each language's
/// index files from that language's pages alone, so a shard's files are the same whichever shards run beside it,
/// and `pagefind/` is the union of its shards' files.
package struct SearchShard: Sendable {
    /// The bundle's folder below the output: `pagefind`, `pagefind-fallback/de`.
    package let bundle: String
    /// `pagefind/de`, `pagefind-fallback/de`: also its folder in the `--cache`.
    package let name: String
    /// In page order, so the index is the same for the same pages.
    package let documents: [SearchDocument]
    package var rootSelector: String?
    package var forcedLanguage: String?

    /// The bundle files Pagefind wrote for a shard, each with its path inside the bundle.
    package typealias Files = [(path: String, bytes: [UInt8])]
}

/// Joins the shards' files into bundles: the language files side by side, the shared scripts once, and one
/// `pagefind-entry.json` listing every shard's languages, its keys sorted (Pagefind 1.5 lists its languages in
/// a different order on each run).
package struct SearchBundleMerger {
    package private(set) var files: [String: [UInt8]] = [:]
    private var entries: [String: (entry: [String: Any], languages: [String: (shard: String, value: Any)])] = [:]

    package mutating func add(_ shard: SearchShard, files shardFiles: SearchShard.Files) throws {
        for file in shardFiles where !SearchIndexer.unusedFiles.contains(file.path) {
            let path = shard.bundle + "/" + file.path
            if file.path == SearchIndexer.entryFile {
                try addEntry(file.bytes, bundle: shard.bundle, shard: shard.name)
            } else if let existing = files[path], existing != file.bytes {
                throw BuildFailure([.error(.write, nil, "Pagefind wrote two different \(path) for \(shard.name) and another language")])
            } else {
                files[path] = file.bytes
            }
        }
    }

    /// Every file of every bundle, the entry files included, by path below the output folder.
    package func merged() throws -> [String: [UInt8]] {
        var result = files
        for (bundle, merged) in entries {
            var entry = merged.entry
            entry["languages"] = merged.languages.mapValues(\.value)
            let data = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes])
            result[bundle + "/" + SearchIndexer.entryFile] = Array(data)
        }
        return result
    }

    private mutating func addEntry(_ bytes: [UInt8], bundle: String, shard: String) throws {
        guard let entry = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let languages = entry["languages"] as? [String: Any] else {
            throw BuildFailure([.error(.write, nil, "Pagefind wrote a \(SearchIndexer.entryFile) helpsite cannot read for \(shard)")])
        }
        var merged = entries[bundle] ?? (entry, [:])
        for (language, value) in languages {
            if let other = merged.languages[language] {
                throw BuildFailure([.error(.write, nil, "the pages of \(other.shard) and \(shard) both say <html lang=\"\(language)\">; each language's pages must carry its own lang")])
            }
            merged.languages[language] = (shard, value)
        }
        entries[bundle] = merged
    }
}
