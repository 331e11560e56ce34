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
    /// The bytes it was decoded from: a manifest that differs in a few entries is written as these with their lines replaced.
    package var readBytes: [UInt8]? = nil

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
            let encoder = Self.extrasEncoder()
            var bytes: [UInt8] = []
            bytes.reserveCapacity(run.count * 96)
            for path in paths[run] { Self.appendLine(path, pages[path]!, encoder: encoder, to: &bytes) }
            return bytes
        }
        var result = header
        result.reserveCapacity(result.count + encodedRuns.reduce(0) { $0 + $1.count })
        for run in encodedRuns { result.append(contentsOf: run) }
        return result
    }

    /// The manifest when only the entries at `changed` differ from the one read (`readBytes`), with the same paths:
    /// the bytes read, with those lines encoded again. Encodes every line otherwise.
    package func encoded(changing changed: Set<String>) -> [UInt8] {
        guard let readBytes, readBytes.starts(with: header) else { return encoded() }
        // Changed paths by their length in bytes, so that most lines are passed over without comparing bytes.
        var changedByLength: [Int: [String]] = [:]
        for path in changed { changedByLength[path.utf8.count, default: []].append(path) }
        let encoder = Self.extrasEncoder()
        var result = header
        result.reserveCapacity(readBytes.count + changed.count * 256)
        var start = header.count, found = 0
        while start < readBytes.count {
            guard let end = readBytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return encoded() }
            let tab = readBytes[start..<end].firstIndex(of: UInt8(ascii: "\t")) ?? end
            let pathBytes = readBytes[start..<tab]
            if let candidates = changedByLength[pathBytes.count],
               let path = candidates.first(where: { $0.utf8.elementsEqual(pathBytes) }) {
                guard let entry = pages[path] else { return encoded() }
                Self.appendLine(path, entry, encoder: encoder, to: &result)
                found += 1
            } else {
                result.append(contentsOf: readBytes[start...end])
            }
            start = end + 1
        }
        // A changed path the manifest read did not hold is a new line: the paths differ.
        return found == changed.count ? result : encoded()
    }

    private var header: [UInt8] { Array((format + "\n" + String(site) + "\n").utf8) }

    private static func extrasEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func appendLine(_ path: String, _ entry: RenderCache.Entry, encoder: JSONEncoder, to bytes: inout [UInt8]) {
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
        return CacheManifest(format: String(decoding: formatLine, as: UTF8.self), site: site, pages: pages, readBytes: bytes)
    }
}
