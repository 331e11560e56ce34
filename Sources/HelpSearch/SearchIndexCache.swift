import HelpContent
import HelpCore
import Foundation
import HelpRender
import HelpOutput

/// `build --cache`: each search shard's files and a fingerprint of the pages it indexed, so a rebuild runs
/// Pagefind only for the languages whose pages changed. A shard's fingerprint combines its pages' render
/// fingerprints (a page whose fingerprint is unchanged has the same bytes) with their URLs, the shard's
/// settings and the Pagefind binary; a shard with a page the render cache did not record is always indexed.
package struct SearchIndexCache {
    package static let formatVersion = "helpsite-search-cache 1"
    package static let folder = "search-index"

    package struct Entry: Codable {
        package var fingerprint: UInt64
        /// Each file's path inside its bundle and its size.
        package var files: [String: Int]
    }

    package struct Manifest: Codable {
        package var format: String
        package var shards: [String: Entry]
    }

    package let directory: SitePath
    private let previous: [String: Entry]
    private var next: [String: Entry] = [:]

    private var manifestPath: String { directory.appending("manifest.json").path }
    private func folder(of shard: SearchShard) -> String { directory.appending("files").appending(shard.name).path }

    package init(cacheDirectory: SitePath) {
        directory = cacheDirectory.appending(Self.folder)
        let manifest = (try? FileSystem.readBytes(directory.appending("manifest.json").path))
            .flatMap { try? JSONDecoder().decode(Manifest.self, from: Data($0)) }
        previous = manifest?.format == Self.formatVersion ? manifest?.shards ?? [:] : [:]
    }

    package static func fingerprint(of shard: SearchShard, pagefind: Pagefind, pages: (String) -> UInt64?) -> UInt64? {
        var fingerprint = Fingerprint()
        fingerprint.add(formatVersion)
        fingerprint.add(pagefind.executable)
        if let stamp = FileStamp.of(pagefind.executable) {
            fingerprint.add(UInt64(stamp.size))
            fingerprint.add(UInt64(bitPattern: Int64(stamp.seconds)))
            fingerprint.add(UInt64(bitPattern: Int64(stamp.nanoseconds)))
        }
        fingerprint.add(shard.name)
        fingerprint.add(shard.bundle)
        fingerprint.add(shard.rootSelector ?? "")
        fingerprint.add(shard.forcedLanguage ?? "")
        for document in shard.documents {
            guard let page = pages(document.file) else { return nil }
            fingerprint.add(document.url)
            fingerprint.add(page)
        }
        return fingerprint.value
    }

    /// The shard's cached files, when its fingerprint matches and every file is there at its recorded size;
    /// a hit is kept for the next build.
    package mutating func lookup(_ shard: SearchShard, fingerprint: UInt64) -> SearchShard.Files? {
        guard let entry = previous[shard.name], entry.fingerprint == fingerprint else { return nil }
        var files: SearchShard.Files = []
        for (path, size) in entry.files.sorted(by: { $0.key < $1.key }) {
            guard let bytes = try? FileSystem.readBytes(folder(of: shard) + "/" + path), bytes.count == size else { return nil }
            files.append((path, bytes))
        }
        next[shard.name] = entry
        return files
    }

    /// Records a freshly indexed shard in place of what the cache held for it.
    package mutating func store(_ shard: SearchShard, fingerprint: UInt64, files: SearchShard.Files) throws {
        let root = folder(of: shard)
        FileSystem.removeTree(root)
        for file in files {
            let target = root + "/" + file.path
            try FileSystem.createDirectory(SitePath(target).parent.path)
            try FileSystem.write(file.bytes, to: target)
        }
        next[shard.name] = Entry(fingerprint: fingerprint, files: Dictionary(files.map { ($0.path, $0.bytes.count) }, uniquingKeysWith: { $1 }))
    }

    /// Writes the manifest; the files of shards this build did not have are removed.
    package func save() throws {
        for name in previous.keys where next[name] == nil {
            FileSystem.removeTree(directory.appending("files").appending(name).path)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileSystem.replace(manifestPath, with: Array(try encoder.encode(Manifest(format: Self.formatVersion, shards: next))))
    }
}
