import Foundation
import HelpCore
import Testing

/// `FileSystem.removeTree` deletes a build's previous output: every file and folder below it, and no file a
/// symbolic link inside it points to.
@Suite struct RemoveTreeTests {
    @Test func removesEverythingBelowAndNothingALinkPointsTo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("remove-tree-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manager = FileManager.default
        for folder in ["tree/nb/klage", "tree/nb/arn/deep/deeper", "tree/en", "tree/empty", "outside/keep"] {
            try manager.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        for file in ["tree/index.html", "tree/nb/klage/index.html", "tree/nb/arn/deep/deeper/index.md", "tree/en/feed.xml", "outside/keep/file.txt"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: "\(root)/\(file)"))
        }
        try manager.createSymbolicLink(atPath: "\(root)/tree/nb/outside", withDestinationPath: "\(root)/outside/keep")
        try manager.createSymbolicLink(atPath: "\(root)/tree/file-link", withDestinationPath: "\(root)/outside/keep/file.txt")

        FileSystem.removeTree("\(root)/tree")

        #expect(!manager.fileExists(atPath: "\(root)/tree"))
        #expect(manager.fileExists(atPath: "\(root)/outside/keep/file.txt"), "a link's target was removed")
        FileSystem.removeTree("\(root)/outside/keep/file.txt")
        #expect(!manager.fileExists(atPath: "\(root)/outside/keep/file.txt"), "a single file is removed too")
        FileSystem.removeTree("\(root)/missing")
    }
}
