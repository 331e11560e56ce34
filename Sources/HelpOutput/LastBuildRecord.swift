import Foundation
import HelpContent
import HelpCore

/// `build --cache`: what a build that succeeded leaves for the next one beside its cache files: which page index
/// and manifest it saved (by their files' stamps) and each output's warnings. When both files are still the ones
/// it saved, the page index tells exactly which pages changed since that build, and a rebuild after an edit
/// that changed only page text runs only what reads it (`BuildScope`), as `serve` does.
///
/// It is removed before a build starts writing and saved after every other cache file, so a build that fails or
/// is stopped leaves none, and the next build runs in full.
package struct LastBuildRecord: Sendable {
    package static let fileName = "last-build.json"
    package static let format = "helpsite-last-build 1"

    package var pageIndex: FileStamp
    package var manifest: FileStamp
    /// Each output's warnings, by `OutputGenerators.name(of:)`.
    package var warningsByOutput: [String: [Diagnostic]]

    package init(pageIndex: FileStamp, manifest: FileStamp, warningsByOutput: [String: [Diagnostic]]) {
        self.pageIndex = pageIndex
        self.manifest = manifest
        self.warningsByOutput = warningsByOutput
    }

    private struct Stored: Codable {
        var format: String
        var pageIndex: String
        var manifest: String
        var warnings: [String: [CachedDiagnostic]]
    }

    private static func file(in cacheDirectory: SitePath) -> String { cacheDirectory.appending(fileName).path }

    package static func read(cacheDirectory: SitePath) -> LastBuildRecord? {
        guard let bytes = try? FileSystem.readBytes(file(in: cacheDirectory)),
              let stored = try? JSONDecoder().decode(Stored.self, from: Data(bytes)), stored.format == format,
              let pageIndex = FileStamp(encodedBytes: Array(stored.pageIndex.utf8)),
              let manifest = FileStamp(encodedBytes: Array(stored.manifest.utf8)) else { return nil }
        return LastBuildRecord(pageIndex: pageIndex, manifest: manifest,
                               warningsByOutput: stored.warnings.mapValues { $0.map(\.diagnostic) })
    }

    package static func remove(cacheDirectory: SitePath) {
        unlink(file(in: cacheDirectory))
    }

    package func save(cacheDirectory: SitePath) throws {
        let stored = Stored(format: Self.format, pageIndex: pageIndex.encoded, manifest: manifest.encoded,
                            warnings: warningsByOutput.mapValues { $0.map(CachedDiagnostic.init) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileSystem.replace(Self.file(in: cacheDirectory), with: Array(try encoder.encode(stored)))
    }
}
