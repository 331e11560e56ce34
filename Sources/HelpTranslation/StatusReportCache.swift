import Foundation
import HelpConfig
import HelpContent
import HelpCore

/// `status --cache`: the last report printed and what it was made from. The same request (format, language, the
/// day, which decides review dates) over the same files (site.yaml, every page and strings file, every source
/// snapshot, each by its path and stamp) prints the stored report, without reading 50,000 pages' index entries.
/// Anything else, or a stored report from another helpsite binary, makes the report again.
package struct StatusReportCache: Sendable {
    package static let fileName = "status-report.txt"
    static let format = "helpsite-status-report 1"

    let file: SitePath
    /// The first line of the stored file: the format and a number for the request and its inputs.
    let key: String

    /// Nil when the inputs cannot be told (discovery found a problem): the report is made and not stored.
    package init?(cacheDirectory: SitePath, contentDirectory: SitePath, config: SiteConfig, request: [String]) {
        let loader = ContentLoader(contentDirectory: contentDirectory, config: config)
        guard let files = loader.filesFingerprint(alsoBelow: [contentDirectory.appending(SourceSnapshots.folder)]) else { return nil }
        var fingerprint = Fingerprint()
        if let path = Bundle.main.executablePath, let executable = FileStamp.of(path) { fingerprint.add(executable.encoded) }
        for part in request { fingerprint.add(part) }
        fingerprint.add((try? FileSystem.readBytes(contentDirectory.appending(SiteConfigLoader.fileName).path)) ?? [])
        fingerprint.add(files)
        file = cacheDirectory.appending(Self.fileName)
        key = Self.format + " " + String(fingerprint.value)
    }

    /// The report stored for exactly this request and these files.
    package func stored() -> String? {
        guard let bytes = try? FileSystem.readBytes(file.path), let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
              String(decoding: bytes[..<newline], as: UTF8.self) == key else { return nil }
        return String(decoding: bytes[(newline + 1)...], as: UTF8.self)
    }

    /// Keeps `report` for the next run; a report that cannot be kept costs that run time, not this one its output.
    package func save(_ report: String) {
        try? FileSystem.replace(file.path, with: Array((key + "\n" + report).utf8))
    }
}
