import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A path as the user gave it (kept for diagnostics, e.g. `content/de/arn.md`), joined with `/`.
public struct SitePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String

    /// `./content/`, `content//nb` and `content/./nb` are written `content` and `content/nb`: the caches of
    /// `--cache` are keyed by paths, and the same folder written two ways must find them.
    public init(_ path: String) {
        var trimmed = Self.needsTidying(path) ? Self.tidied(path) : path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.path = trimmed.isEmpty ? "." : trimmed
    }

    /// Whether the path has an empty or `.` segment other than a leading `/` (most paths have none).
    private static func needsTidying(_ path: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "/"), beforePrevious: UInt8 = UInt8(ascii: "/"), position = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if position > 0 && previous == UInt8(ascii: "/") { return true }
                if previous == UInt8(ascii: ".") && beforePrevious == UInt8(ascii: "/") { return true }
            }
            beforePrevious = previous
            previous = byte
            position += 1
        }
        return position > 1 && previous == UInt8(ascii: ".") && beforePrevious == UInt8(ascii: "/")
    }

    private static func tidied(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = segments.joined(separator: "/")
        return absolute ? "/" + joined : joined
    }

    public func appending(_ component: String) -> SitePath {
        path == "." ? SitePath(component) : SitePath(path + "/" + component)
    }

    public var display: String { path }
    public var description: String { path }
    public var lastComponent: String { path.split(separator: "/").last.map(String.init) ?? path }
    public var parent: SitePath {
        guard let slash = path.lastIndex(of: "/") else { return SitePath(".") }
        return slash == path.startIndex ? SitePath("/") : SitePath(String(path[..<slash]))
    }

    /// The absolute path with `.`/`..` and symlinks resolved, or nil when it does not exist.
    public var resolved: String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.path < rhs.path }
}

package enum EntryKind: Equatable {
    case file, directory, symlink, other, missing
}

package enum FileSystem {
    package static func kind(of path: String) -> EntryKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Kind after following symlinks.
    package static func targetKind(of path: String) -> EntryKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    package static func exists(_ path: String) -> Bool { kind(of: path) != .missing }

    /// Entry names of a directory, sorted by their UTF-8 bytes so every machine walks in the same order.
    package static func entries(of directory: String) throws -> [String] {
        try rawEntries(of: directory).map(\.name)
    }

    /// Entry names of a directory with their kinds, sorted as `entries(of:)`. The kind comes from the directory
    /// entry itself (no `lstat` per name) where the file system records it, as tmpfs, ext4 and btrfs do.
    package static func entriesWithKinds(of directory: String) throws -> [(name: String, kind: EntryKind)] {
        try rawEntries(of: directory).map { entry in
            switch Int32(entry.type) {
            case Int32(DT_REG): (entry.name, .file)
            case Int32(DT_DIR): (entry.name, .directory)
            case Int32(DT_LNK): (entry.name, .symlink)
            case Int32(DT_UNKNOWN): (entry.name, kind(of: directory + "/" + entry.name))
            default: (entry.name, .other)
            }
        }
    }

    /// `readdir`'s names and `d_type`s, `.` and `..` left out, sorted by name.
    private static func rawEntries(of directory: String) throws -> [(name: String, type: UInt8)] {
        guard let handle = opendir(directory) else { throw POSIXFailure(operation: "open folder", path: directory) }
        defer { closedir(handle) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { entries.append((name, UInt8(entry.pointee.d_type))) }
        }
        return entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Every file below a folder, sorted; none when it does not exist.
    package static func allFiles(in directory: SitePath) -> [SitePath] {
        var files: [SitePath] = []
        var pending = [directory]
        while let folder = pending.popLast() {
            for name in ((try? entries(of: folder.path)) ?? []).sorted() {
                let path = folder.appending(name)
                if kind(of: path.path) == .directory { pending.append(path) } else { files.append(path) }
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    package static func readBytes(_ path: String, limit: Int? = nil) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "read", path: path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw POSIXFailure(operation: "read", path: path) }
        let size = Int(info.st_size)
        if let limit, size > limit { throw FileTooLarge(size: size, limit: limit) }
        guard let bytes = readAll(descriptor: descriptor, size: size) else { throw POSIXFailure(operation: "read", path: path) }
        return bytes
    }

    /// Up to `size` bytes from an open file (fewer if it ends first); nil on a read error.
    package static func readAll(descriptor: Int32, size: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + offset, size - offset)
            }
            if count < 0 { return nil }
            if count == 0 { break }
            offset += count
        }
        return offset == size ? bytes : Array(bytes[..<offset])
    }

    /// `mkdir -p`, safe when several threads create the same folders.
    /// True when a regular file at `path` holds exactly `bytes`.
    package static func hasContents(_ path: String, equalTo bytes: some Collection<UInt8>) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.count,
              let existing = try? readBytes(path, limit: bytes.count) else { return false }
        let same: Bool? = bytes.withContiguousStorageIfAvailable { new in
            existing.withUnsafeBytes { old in memcmp(old.baseAddress!, new.baseAddress!, new.count) == 0 }
        }
        return same ?? existing.elementsEqual(bytes)
    }

    package static func createDirectory(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw POSIXFailure(operation: "create folder", path: path) }
        let parent = SitePath(path).parent.path
        if parent != path { try createDirectory(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw POSIXFailure(operation: "create folder", path: path) }
    }

    package static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "write", path: path) }
        defer { close(descriptor) }
        let written: Int? = bytes.withContiguousStorageIfAvailable { buffer in
            writeAll(descriptor, UnsafeRawBufferPointer(buffer))
        }
        let result = written ?? Array(bytes).withUnsafeBytes { writeAll(descriptor, $0) }
        guard result == bytes.count else { throw POSIXFailure(operation: "write", path: path) }
    }

    /// Replaces the file at `path` with `bytes` in one `rename` from a sibling written first, creating its folder:
    /// a reader (or a build stopped halfway) finds the old file or the new one, never half of one.
    package static func replace(_ path: String, with bytes: some Collection<UInt8>) throws {
        try createDirectory(SitePath(path).parent.path)
        let temporary = path + ".tmp-\(getpid())"
        do {
            try write(bytes, to: temporary)
            try rename(temporary, to: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Creates a file that must not exist yet (O_EXCL): nothing already there is ever replaced.
    package static func createNew(_ bytes: [UInt8], at path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "create", path: path) }
        defer { close(descriptor) }
        guard bytes.withUnsafeBytes({ writeAll(descriptor, $0) }) == bytes.count else { throw POSIXFailure(operation: "write", path: path) }
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 { if errno == EINTR { continue }; return -1 }
            offset += count
        }
        return offset
    }

    package static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw POSIXFailure(operation: "rename", path: from) }
    }

    /// Both paths name one file (hard links of one inode).
    /// A file's device and inode, from `lstat`; nil when there is nothing at `path`.
    package static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    package static func sameFile(_ first: String, _ second: String) -> Bool {
        var one = stat(), two = stat()
        guard lstat(first, &one) == 0, lstat(second, &two) == 0 else { return false }
        return one.st_dev == two.st_dev && one.st_ino == two.st_ino
    }

    /// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`); false where the system cannot.
    package static func exchange(_ first: String, _ second: String) -> Bool {
        guard let renameat2 = renameat2 else { return false }
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// Looked up at run time: Swift's Glibc module does not declare it (it needs `_GNU_SOURCE`), and C libraries
    /// before glibc 2.28 lack it.
    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// Removes `path` and everything below it, never following a symbolic link (a link is removed, not its
    /// target). The folders right below `path` are removed on every core: a build's previous output holds 100,000
    /// files on a large site.
    package static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else { unlink(path); return }
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { try? FileManager.default.removeItem(atPath: path); return }
        let entries = entryNames(of: folder)
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            removeEntry(entries[index].name, isFolder: entries[index].isFolder, in: folder)
        }
        close(folder)
        rmdir(path)
    }

    /// The names in an open folder (without `.` and `..`), and whether each is a folder (not a link to one).
    private static func entryNames(of folder: Int32) -> [(name: String, isFolder: Bool)] {
        let copy = dup(folder)
        guard copy >= 0, let stream = fdopendir(copy) else { return [] }
        defer { closedir(stream) }
        var names: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            names.append((name, isFolder))
        }
        return names
    }

    private static func removeEntry(_ name: String, isFolder: Bool, in parent: Int32) {
        guard isFolder else { unlinkat(parent, name, 0); return }
        let folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if folder >= 0 {
            for entry in entryNames(of: folder) { removeEntry(entry.name, isFolder: entry.isFolder, in: folder) }
            close(folder)
        }
        unlinkat(parent, name, AT_REMOVEDIR)
    }
}

package struct POSIXFailure: Error, CustomStringConvertible {
    package var operation: String
    package var path: String
    package var code: Int32 = errno

    package var description: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
}

package struct FileTooLarge: Error {
    package var size: Int
    package var limit: Int
}

/// Which file a path leads to: two paths with the same identity are hard links of one file.
package struct FileIdentity: Sendable, Hashable {
    package var device: UInt64
    package var inode: UInt64

    package init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}
