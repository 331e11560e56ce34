import Foundation
import HelpSiteServer
import Testing

/// serve's file provider: what a response says about a file (its length) and the bytes it sends come from one read,
/// even when the build swaps the file between the two.
@Suite struct OutputFilesTests {
    @Test func theBytesServedAreTheBytesMeasuredEvenWhenTheFileIsReplaced() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("output-files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/nb", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("gammel".utf8).write(to: URL(fileURLWithPath: root + "/nb/index.html"))
        let files = OutputFiles(root: root)
        let id = try #require(files.getFileIdentifier("/nb/index.html"))
        let attributes = try #require(try await files.getAttributes(id: id))
        // The next build renames a longer file over it before the body is sent.
        try Data("en ny og lengre side".utf8).write(to: URL(fileURLWithPath: root + "/nb/index.html.new"))
        #expect(rename(root + "/nb/index.html.new", root + "/nb/index.html") == 0)
        let body = files.bytes(of: id)
        #expect(body.count == attributes.size)
        #expect(String(decoding: body, as: UTF8.self) == "gammel")
        #expect(String(decoding: files.bytes(of: id, in: 2...99), as: UTF8.self) == "mmel", "a range past the end is clamped")

        let folderID = try #require(files.getFileIdentifier("/nb"))
        #expect(try await files.getAttributes(id: folderID)?.isFolder == true)
        let missingID = try #require(files.getFileIdentifier("/nb/missing.html"))
        #expect(try await files.getAttributes(id: missingID) == nil)
    }
}
