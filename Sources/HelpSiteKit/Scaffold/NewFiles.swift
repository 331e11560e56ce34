import Foundation

/// Files a command creates for the user. Nothing that exists is ever replaced: every target is checked first,
/// and each file is created with O_EXCL, so a file that appears meanwhile is not overwritten either.
struct NewFiles {
    private(set) var files: [(path: SitePath, bytes: [UInt8])] = []

    mutating func add(_ bytes: [UInt8], at path: SitePath) { files.append((path, bytes)) }

    /// The targets that already exist.
    var existing: [SitePath] { files.map(\.path).filter { FileSystem.exists($0.path) } }

    func write() throws {
        for (path, bytes) in files {
            try FileSystem.createDirectory(path.parent.path)
            let descriptor = open(path.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXFailure(operation: "create", path: path.display) }
            let written = bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if count < 0 { if errno == EINTR { continue }; break }
                    offset += count
                }
                return offset
            }
            close(descriptor)
            guard written == bytes.count else { throw POSIXFailure(operation: "write", path: path.display) }
        }
    }
}

/// Embedded file lists (the built-in theme, the starter site) as bytes.
enum EmbeddedBundle {
    static func files(_ entries: [(path: String, base64: String)]) -> [(path: String, bytes: [UInt8])] {
        entries.map { ($0.path, Array(Data(base64Encoded: $0.base64) ?? Data())) }
    }
}
