import Foundation
import HelpCore
import Hummingbird
import NIOCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The files of serve's output, for Hummingbird's `FileMiddleware`. A request's file is read whole through one
/// descriptor when its attributes are asked for, and served from those bytes: every edit swaps the whole output
/// folder while browsers fetch pages and search chunks, and a length taken from one file with the bytes of its
/// replacement (a stat of the path, then a second open, as `LocalFileSystem` does) breaks the connection.
package struct OutputFiles: FileProvider {
    package struct FileAttributes: FileMiddlewareFileAttributes, Sendable {
        package let isFolder: Bool
        package let size: Int
        package let modificationDate: Date
    }

    /// One request's file, holding the bytes read with its attributes.
    package final class FileIdentifier: Sendable {
        let path: String
        let contents = Mutex<[UInt8]>([])

        init(path: String) { self.path = path }
    }

    let root: String

    package init(root: String) { self.root = root }

    package func getFileIdentifier(_ path: String) -> FileIdentifier? {
        FileIdentifier(path: root + "/" + path.drop { $0 == "/" })
    }

    package func getAttributes(id: FileIdentifier) async throws -> FileAttributes? {
        let descriptor = open(id.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return FileAttributes(isFolder: true, size: 0, modificationDate: modified)
        case S_IFREG:
            guard let bytes = FileSystem.readAll(descriptor: descriptor, size: Int(info.st_size)) else { return nil }
            id.contents.withLock { $0 = bytes }
            return FileAttributes(isFolder: false, size: bytes.count, modificationDate: modified)
        default:
            return nil
        }
    }

    package func loadFile(id: FileIdentifier, context: some RequestContext) async throws -> ResponseBody {
        ResponseBody(byteBuffer: ByteBuffer(bytes: bytes(of: id)))
    }

    /// The range as `FileMiddleware` states it in Content-Range: clamped to the bytes (it passes it unclamped).
    package func loadFile(id: FileIdentifier, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        ResponseBody(byteBuffer: ByteBuffer(bytes: bytes(of: id, in: range)))
    }

    /// The bytes read with the file's attributes, all of them or `range` clamped to them.
    package func bytes(of id: FileIdentifier, in range: ClosedRange<Int>? = nil) -> [UInt8] {
        id.contents.withLock { bytes in
            guard let range else { return bytes }
            let lower = max(range.lowerBound, 0), upper = min(range.upperBound, bytes.count - 1)
            return lower <= upper ? Array(bytes[lower...upper]) : []
        }
    }
}
