import HelpCore
import Foundation
import HelpRender

/// `--cache`: every file the last build left in the output folder, and which folder that was (a build without the
/// cache swaps in a new folder, and the record stops matching). With a matching record
/// the next build updates the folder in place instead of staging and swapping a whole new tree.
///
/// When the set of files changes, the record is removed before files are moved into the output and written again
/// after, so a build interrupted in between leaves no record, and the next build stages the whole tree again. When
/// it does not, the record stays: an in-place build compares every file it writes with the output's anyway.
package struct OutputRecord: Sendable {
    package static let format = "helpsite-output-record 1"

    package let file: SitePath
    package let output: SitePath

    package init(cacheDirectory: SitePath, output: SitePath) {
        file = cacheDirectory.appending("output-files.txt")
        self.output = output
    }

    /// The files the last build left in the output folder, when the folder is still the one it left them in.
    package func previousFiles() -> Set<String>? {
        guard FileSystem.exists(output.appending(OutputWriter.marker).path),
              let bytes = try? FileSystem.readBytes(file.path) else { return nil }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).makeIterator()
        guard let format = lines.next(), String(decoding: format, as: UTF8.self) == Self.format,
              let identity = lines.next(), String(decoding: identity, as: UTF8.self) == identityLine() else { return nil }
        var files: Set<String> = []
        while let line = lines.next() {
            if !line.isEmpty { files.insert(String(decoding: line, as: UTF8.self)) }
        }
        return files
    }

    /// Forgets the last build's files: the output is about to change.
    package func invalidate() {
        unlink(file.path)
    }

    package func save(_ files: some Sequence<String>) throws {
        guard let identity = identityLine() else { return }
        var text = Self.format + "\n" + identity + "\n"
        for path in files.sorted() { text += path + "\n" }
        try FileSystem.createDirectory(file.parent.path)
        let temporary = file.path + ".tmp-\(getpid())"
        try FileSystem.write(Array(text.utf8), to: temporary)
        try FileSystem.rename(temporary, to: file.path)
    }

    /// The folder's device and inode, and its marker file's inode: a folder removed and made again can get the
    /// same inode number, but then its marker is a new file too.
    private func identityLine() -> String? {
        var folder = stat(), marker = stat()
        guard stat(output.path, &folder) == 0, stat(output.appending(OutputWriter.marker).path, &marker) == 0 else { return nil }
        return "\(folder.st_dev) \(folder.st_ino) \(marker.st_ino)"
    }
}
