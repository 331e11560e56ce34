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

    /// Whether the output folder still holds each of `files` as a regular file, at the size `entries` gives for
    /// those the render cache keeps: a file removed or rewritten by hand since the last build is found, so a build
    /// that writes only some files (`BuildScope`) is not taken on a folder that needs repair.
    package func holds(_ files: Set<String>, sizes entries: [String: RenderCache.Entry]) -> Bool {
        let paths = Array(files)
        let runLength = 4096
        let runs = stride(from: 0, to: paths.count, by: runLength).map { $0..<min($0 + runLength, paths.count) }
        let output = output
        return ParallelMap.map(runs) { run in
            paths[run].allSatisfy { path in
                var info = stat()
                guard lstat(output.appending(path).path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
                return entries[path].map { Int(info.st_size) == $0.size } ?? true
            }
        }.allSatisfy { $0 }
    }

    /// Forgets the last build's files: the output is about to change.
    package func invalidate() {
        unlink(file.path)
    }

    package func save(_ files: some Sequence<String>) throws {
        guard let identity = identityLine() else { return }
        var text = Self.format + "\n" + identity + "\n"
        for path in files.sorted() { text += path + "\n" }
        try FileSystem.replace(file.path, with: Array(text.utf8))
    }

    /// The folder's device and inode, and its marker file's inode: a folder removed and made again can get the
    /// same inode number, but then its marker is a new file too.
    private func identityLine() -> String? {
        var folder = stat(), marker = stat()
        guard stat(output.path, &folder) == 0, stat(output.appending(OutputWriter.marker).path, &marker) == 0 else { return nil }
        return "\(folder.st_dev) \(folder.st_ino) \(marker.st_ino)"
    }
}
