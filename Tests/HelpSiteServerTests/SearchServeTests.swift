import HelpCore
import Foundation
import HelpSiteKit
import HelpSiteServer
import Testing

/// `serve` with `search: true`: the index follows edits in the background, and a full rebuild keeps serving the last one.
@Suite struct SearchServeTests {
    /// The served `pagefind-entry.json`'s index hash for a language; it changes when that language's pages do.
    func indexHash(_ site: ServedSite, language: String) async throws -> String? {
        let (status, _, body) = try await site.get("/pagefind/pagefind-entry.json")
        guard status == 200, let entry = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let languages = entry["languages"] as? [String: [String: Any]] else { return nil }
        return languages[language]?["hash"] as? String
    }

    func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test func editsReachTheIndexAfterThePageReloads() async throws {
        try await ServedSite.with(config: "search: true\n") { site in
            let first = try #require(try await indexHash(site, language: "nb"))
            let (status, _, results) = try await site.get("/nb/sok/")
            #expect(status == 200 && results.contains("data-search-page"))

            // Waits by polling over HTTP: a blocking read of the event stream would hold one of the few
            // threads the server's own tasks run on while other tests do the same.
            try site.write("content/nb/klage.md", "---\ntitle: Klage\norder: 1\n---\nKlag her om sjøløver.\n")
            #expect(try await eventually(10) { try await site.get("/nb/klage/").2.contains("sjøløver") })
            #expect(try await eventually(10) { try await indexHash(site, language: "nb").map { $0 != first } ?? false })

            // A new page rebuilds everything: the previous index is served until the new one is in.
            let second = try #require(try await indexHash(site, language: "nb"))
            try site.write("content/nb/ny.md", "---\ntitle: Ny side\n---\nHelt ny tekst.\n")
            #expect(try await eventually(10) { try await site.get("/nb/ny/").0 == 200 })
            #expect(try await indexHash(site, language: "en") != nil)
            #expect(try await eventually(10) { try await indexHash(site, language: "nb").map { $0 != second } ?? false })
        }
    }
}
