import HelpContent
import HelpCore
import Foundation
import Synchronization
import HelpRender

/// The files of a build whose bytes differ from the previous output's, as the writer found them.
package final class OutputChanges: Sendable {
    private let files = Mutex<[String]>([])

    package func record(_ relativePath: String) { files.withLock { $0.append(relativePath) } }

    package var sorted: [String] { files.withLock { $0.sorted() } }
}

/// The relative paths a build wrote, kept when `--cache` records them for the next build.
package final class ProducedFiles: Sendable {
    private let files = Mutex<Set<String>>([])

    package func insert(_ relativePath: String) { _ = files.withLock { $0.insert(relativePath) } }

    package var all: Set<String> { files.withLock { $0 } }
}

/// Folders a scoped build (`BuildScope`) writes whole, such as the search bundles: the files the last build left in
/// them that this one did not write go.
package final class RegeneratedFolders: Sendable {
    private let folders = Mutex<Set<String>>([])

    package func insert(_ relativePath: String) { _ = folders.withLock { $0.insert(relativePath) } }

    package var all: Set<String> { folders.withLock { $0 } }
}

/// Stage "write": builds into a hidden sibling folder and swaps it in only when the whole build succeeded,
/// so a failed build leaves the previous output exactly as it was.
///
/// With `--cache` and an output folder that is still as the previous build recorded it (`OutputRecord`), the
/// staging folder holds only the files whose bytes change; when the build has succeeded they are moved into the
/// output one by one (each `rename` is atomic, so a reader never sees half a file) and files no longer written are
/// removed. A one-page edit then moves a few files instead of a tree of every page.
package struct OutputWriter: Sendable {
    package static let marker = ".helpsite-output"

    package let output: SitePath
    package let staging: SitePath
    /// `--cache`: the files the previous build left in `output` when it is updated in place; nil when the whole
    /// tree is staged and swapped in.
    package let previousFiles: Set<String>?
    /// `--cache`: where the files this build leaves are recorded for the next.
    package let record: OutputRecord?
    /// A scoped build (`BuildScope`): the files it does not write are the last build's and stay.
    package let keepsUnwritten: Bool
    package let changes = OutputChanges()
    package let produced = ProducedFiles()
    package let regenerated = RegeneratedFolders()

    package var updatesInPlace: Bool { previousFiles != nil }

    /// Refuses outputs that would replace something the user wrote.
    /// `previousFiles`: the record's files when they were read ahead (`CachePreload`); read now otherwise.
    /// `keepsUnwritten`: update the output in place, leaving every file the build does not write (`BuildScope`);
    /// with a `record`, `previousFiles` are the files the last build left, and the record is kept true.
    package static func prepare(output: SitePath, protecting protected: [SitePath], record: OutputRecord? = nil,
                                previousFiles: Set<String>?? = nil, keepsUnwritten: Bool = false) throws -> OutputWriter {
        let absolute = absolutePath(output.path)
        for folder in protected {
            let other = absolutePath(folder.resolved ?? folder.path)
            if absolute == other || other.hasPrefix(absolute + "/") || absolute.hasPrefix(other + "/") {
                throw UsageError("output folder \(output.display) overlaps \(folder.display); choose a folder of its own, such as public")
            }
        }
        if absolute == "/" || absolute == absolutePath(FileManager.default.homeDirectoryForCurrentUser.path) || absolute == absolutePath(FileManager.default.currentDirectoryPath) {
            throw UsageError("output folder \(output.display) would replace \(absolute); choose a folder of its own, such as public")
        }
        switch FileSystem.kind(of: output.path) {
        case .missing: break
        case .directory:
            let entries = (try? FileSystem.entries(of: output.path)) ?? []
            if !entries.isEmpty && !entries.contains(marker) {
                throw UsageError("output folder \(output.display) holds files helpsite did not write; remove it or choose another --output")
            }
        default:
            throw UsageError("output \(output.display) exists and is not a folder")
        }
        let parent = output.parent
        try FileSystem.createDirectory(parent.path)
        let staging = parent.appending(".\(output.lastComponent).tmp-\(getpid())")
        FileSystem.removeTree(staging.path)
        try FileSystem.createDirectory(staging.path)
        let writer = keepsUnwritten
            ? OutputWriter(output: output, staging: staging, previousFiles: (previousFiles ?? nil) ?? [], record: record, keepsUnwritten: true)
            : OutputWriter(output: output, staging: staging, previousFiles: previousFiles ?? record?.previousFiles(), record: record, keepsUnwritten: false)
        try writer.write(Array("Generated by helpsite. Each build replaces or updates the whole folder.\n".utf8), to: marker)
        return writer
    }

    /// Writes one file below the staging folder; `relativePath` comes from validated segments, and is checked again here.
    /// Returns whether its bytes differ from the previous output's.
    @discardableResult
    package func write(_ bytes: some Collection<UInt8>, to relativePath: String) throws -> Bool {
        let segments = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        // Byte tests: Foundation's `contains` on a string costs more than the write itself, 100,000 times a build.
        guard !relativePath.hasPrefix("/"), !segments.contains(where: { segment in
            segment.isEmpty || segment == "." || segment == ".." || segment.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 })
        }) else {
            throw BuildFailure([.error(.write, nil, "refusing to write outside the output folder: \(relativePath)")])
        }
        if record != nil { produced.insert(relativePath) }
        let previous = output.appending(relativePath).path
        let unchanged = FileSystem.hasContents(previous, equalTo: bytes)
        if unchanged && updatesInPlace { return false }
        if segments.count > 1 {
            try FileSystem.createDirectory(staging.appending(segments.dropLast().joined(separator: "/")).path)
        }
        let target = staging.appending(relativePath).path
        // An unchanged file keeps the previous build's inode, and so its mtime: rsync and CDN uploads skip it.
        if unchanged, link(previous, target) == 0 { return false }
        changes.record(relativePath)
        try FileSystem.write(bytes, to: target)
        return true
    }

    /// Where the file last written at `relativePath` is now: staged, or (updating in place, unchanged) in the output.
    package func writtenPath(_ relativePath: String) -> String {
        let staged = staging.appending(relativePath).path
        return updatesInPlace && !FileSystem.exists(staged) ? output.appending(relativePath).path : staged
    }

    /// Puts an already rendered file (from the `--cache`) at `relativePath`: a hard link, or a copy across file systems.
    /// `identity`: the file's, when the caller has just looked at it.
    package func place(existing file: String, identity: FileIdentity? = nil, at relativePath: String) throws {
        if record != nil { produced.insert(relativePath) }
        let previous = output.appending(relativePath).path
        let unchanged = identity.map { FileSystem.identity(of: previous) == $0 } ?? FileSystem.sameFile(file, previous)
        if unchanged && updatesInPlace { return }
        let segments = relativePath.split(separator: "/")
        if segments.count > 1 { try FileSystem.createDirectory(staging.appending(segments.dropLast().joined(separator: "/")).path) }
        if link(file, staging.appending(relativePath).path) == 0 {
            if !unchanged { changes.record(relativePath) }
            return
        }
        _ = try write(try FileSystem.readBytes(file), to: relativePath)
    }

    /// Puts the finished build in place of the previous output. Returns the files to record for the next build
    /// (`saveRecord`), or nil when there is no record or it is still true.
    package func commit() throws -> Set<String>? {
        if keepsUnwritten {
            let previous = previousFiles ?? [], written = produced.all, folders = regenerated.all
            let gone: Set<String> = folders.isEmpty ? [] : previous.filter { path in
                !written.contains(path) && folders.contains { path.hasPrefix($0 + "/") }
            }
            let added = written.subtracting(previous)
            let filesChange = !gone.isEmpty || !added.isEmpty
            if filesChange { record?.invalidate() }
            try moveChangesIn(removing: gone)
            FileSystem.removeTree(staging.path)
            return record != nil && filesChange ? previous.subtracting(gone).union(added) : nil
        }
        let written = record == nil ? [] : produced.all
        // The same files as last time: the record stays true whatever happens below, since an in-place build
        // checks every file's bytes anyway; only which files exist needs the record.
        let sameFiles = previousFiles == written
        if updatesInPlace {
            if !sameFiles { record?.invalidate() }
            try moveChangesIn(removing: previousFiles?.subtracting(written) ?? [])
        } else {
            try swapIn()
        }
        FileSystem.removeTree(staging.path)
        return record == nil || (updatesInPlace && sameFiles) ? nil : written
    }

    /// Records the files `commit` returned. A record that cannot be written costs the next build time, not this
    /// one its output.
    package func saveRecord(_ files: Set<String>?) {
        if let files { try? record?.save(files) }
    }

    /// Swaps the whole staged tree in.
    private func swapIn() throws {
        record?.invalidate()
        // Where the system can swap two folders in one step, readers of the output (serve) never see it missing.
        if FileSystem.kind(of: output.path) == .directory, FileSystem.exchange(staging.path, output.path) { return }
        let previous = output.parent.appending(".\(output.lastComponent).old-\(getpid())")
        FileSystem.removeTree(previous.path)
        if FileSystem.exists(output.path) { try FileSystem.rename(output.path, to: previous.path) }
        do {
            try FileSystem.rename(staging.path, to: output.path)
        } catch {
            try? FileSystem.rename(previous.path, to: output.path)
            throw error
        }
        FileSystem.removeTree(previous.path)
    }

    /// Removes the files this build no longer writes, then moves each changed file in.
    private func moveChangesIn(removing gone: Set<String>) throws {
        for path in gone.sorted(by: >) {
            unlink(output.appending(path).path)
            removeEmptyFolders(above: path)
        }
        for path in changes.sorted {
            let target = output.appending(path).path
            try makeWay(for: path)
            try FileSystem.rename(staging.appending(path).path, to: target)
        }
    }

    /// Creates the folders above `path` in the output, clearing what stands in their way or in the file's: an old
    /// file where a folder now goes, or an old folder where a file now goes (never a written file: those paths
    /// cannot hold one another).
    private func makeWay(for path: String) throws {
        let segments = path.split(separator: "/").map(String.init)
        var folder = output
        for segment in segments.dropLast() {
            folder = folder.appending(segment)
            switch FileSystem.kind(of: folder.path) {
            case .directory: continue
            case .missing: break
            default: unlink(folder.path)
            }
            try FileSystem.createDirectory(folder.path)
        }
        if FileSystem.kind(of: output.appending(path).path) == .directory { FileSystem.removeTree(output.appending(path).path) }
    }

    /// Removes the folders that `path`'s removal left empty, up to the output folder.
    private func removeEmptyFolders(above path: String) {
        var segments = path.split(separator: "/").dropLast()
        while !segments.isEmpty, rmdir(output.appending(segments.joined(separator: "/")).path) == 0 {
            segments = segments.dropLast()
        }
    }

    package func discard() {
        FileSystem.removeTree(staging.path)
    }

    private static func absolutePath(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "/" + (URLPath.normalize(joined.split(separator: "/").map(String.init)) ?? []).joined(separator: "/")
    }
}
