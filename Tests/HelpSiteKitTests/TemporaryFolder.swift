import HelpCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A new folder in the temporary directory, removed with everything in it when the last value holding this
/// object goes away. Fixture structs hold one, so a fixture cleans up after itself however a test ends.
final class TemporaryFolder: Sendable {
    /// Every folder of this test process starts with this, so leftovers can be counted (`FixtureCleanupTests`).
    static let prefix = "helpsite-test-\(getpid())-"

    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(Self.prefix + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        Self.makeRemovable(url.path)
        try? FileManager.default.removeItem(at: url)
    }

    /// Folders and files left unreadable by chmod 000 cases are made accessible again first.
    private static func makeRemovable(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            chmod(path, 0o755)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] { makeRemovable(path + "/" + name) }
        case S_IFREG:
            chmod(path, 0o644)
        default:
            break
        }
    }

    /// This process's temporary folders that still exist.
    static func leftovers() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? []
        return Set(names.filter { $0.hasPrefix(prefix) })
    }
}
