import HelpCore
import Foundation
import HelpRender
import HelpOutput
import HelpSearch

/// Files a command creates for the user. Each is created with O_EXCL, so nothing that exists is ever replaced,
/// not even a file that appears after the command checked for it.
struct NewFiles {
    private(set) var files: [(path: SitePath, bytes: [UInt8])] = []

    mutating func add(_ bytes: [UInt8], at path: SitePath) { files.append((path, bytes)) }

    func write() throws {
        for (path, bytes) in files {
            try FileSystem.createDirectory(path.parent.path)
            try FileSystem.createNew(bytes, at: path.path)
        }
    }
}
