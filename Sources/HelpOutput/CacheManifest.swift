import HelpCore
import Foundation
import HelpRender

/// The render cache's manifest on disk: one line per page, tab-separated, sorted by output path. A 50,000-page
/// manifest is read and written on every cached build, and JSON through `Codable` cost a sixth of such a build;
/// this format is split on bytes. Only the rare entries with fragment links or diagnostics carry a JSON field.
///
/// ```
/// helpsite-render-cache 2
/// <site fingerprint>
/// <output path>\t<fingerprint>\t<size>\t<heading ids, separated by U+001F>\t<extras JSON or empty>
/// ```
package struct CacheManifest: Sendable {
    package var format: String
    package var site: UInt64
    package var pages: [String: RenderCache.Entry]

    private struct Extras: Codable {
        var fragmentLinks: [CachedFragmentLink]
        var diagnostics: [CachedDiagnostic]
    }

    package func encoded() -> [UInt8] {
        let paths = pages.keys.sorted()
        // Runs of lines encoded on every core, as bytes, then joined in order.
        let runLength = 4096
        let runs = stride(from: 0, to: paths.count, by: runLength).map { $0..<min($0 + runLength, paths.count) }
        let pages = pages
        let encodedRuns = ParallelMap.map(runs) { run -> [UInt8] in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var bytes: [UInt8] = []
            bytes.reserveCapacity(run.count * 96)
            for path in paths[run] {
                let entry = pages[path]!
                bytes.append(contentsOf: path.utf8)
                bytes.append(UInt8(ascii: "\t"))
                bytes.append(contentsOf: String(entry.fingerprint).utf8)
                bytes.append(UInt8(ascii: "\t"))
                bytes.append(contentsOf: String(entry.size).utf8)
                bytes.append(UInt8(ascii: "\t"))
                for (position, id) in entry.headingIDs.enumerated() {
                    if position > 0 { bytes.append(0x1F) }
                    bytes.append(contentsOf: id.utf8)
                }
                bytes.append(UInt8(ascii: "\t"))
                if !entry.fragmentLinks.isEmpty || !entry.diagnostics.isEmpty,
                   let data = try? encoder.encode(Extras(fragmentLinks: entry.fragmentLinks, diagnostics: entry.diagnostics)) {
                    bytes.append(contentsOf: data)
                }
                bytes.append(UInt8(ascii: "\n"))
            }
            return bytes
        }
        var result = Array((format + "\n" + String(site) + "\n").utf8)
        result.reserveCapacity(result.count + encodedRuns.reduce(0) { $0 + $1.count })
        for run in encodedRuns { result.append(contentsOf: run) }
        return result
    }

    /// Nil for anything that is not a whole manifest: the cache is then ignored, never half used.
    package static func decode(_ bytes: [UInt8]) -> CacheManifest? {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        guard lines.last?.isEmpty == true, let formatLine = lines.popFirst(), let siteLine = lines.popFirst(),
              let site = UInt64(String(decoding: siteLine, as: UTF8.self)) else { return nil }
        lines = lines.dropLast()
        // Lines are independent: decoded on every core.
        let decoded = ParallelMap.map(Array(lines)) { line -> (String, RenderCache.Entry)? in
            let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, let fingerprint = UInt64(String(decoding: fields[1], as: UTF8.self)),
                  let size = Int(String(decoding: fields[2], as: UTF8.self)) else { return nil }
            let ids = fields[3].isEmpty ? [] : fields[3].split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            var entry = RenderCache.Entry(fingerprint: fingerprint, size: size, headingIDs: ids, fragmentLinks: [], diagnostics: [])
            if !fields[4].isEmpty {
                guard let extras = try? JSONDecoder().decode(Extras.self, from: Data(fields[4])) else { return nil }
                entry.fragmentLinks = extras.fragmentLinks
                entry.diagnostics = extras.diagnostics
            }
            return (String(decoding: fields[0], as: UTF8.self), entry)
        }
        var pages: [String: RenderCache.Entry] = [:]
        pages.reserveCapacity(decoded.count)
        for item in decoded {
            guard let (path, entry) = item else { return nil }
            pages[path] = entry
        }
        return CacheManifest(format: String(decoding: formatLine, as: UTF8.self), site: site, pages: pages)
    }
}
