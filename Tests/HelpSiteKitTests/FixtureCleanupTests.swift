import HelpCore
import Foundation
import HelpSiteKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Fixtures remove their temporary folders, whatever the test did inside them.
@Suite struct FixtureCleanupTests {
    static let files = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
        "content/en/index.md": "---\ntitle: Home\n---\nWelcome.\n",
    ]

    @Test func noFolderIsLeftOnceItsFixturesAreGone() throws {
        var names: Set<String> = []
        do {
            // Built twice, with a cache folder and a staging folder, and copied: the copy keeps the folder alive.
            let built = try FixtureSite(Self.files)
            try built.build()
            #expect(built.runBuild(["--cache", built.path("cache")]).status == 0)
            let copy = built
            // A folder made unreadable, as the bad-input cases do.
            let locked = try FixtureSite(Self.files)
            try locked.write("content/nb/hemmelig/a.md", "---\ntitle: A\n---\nA.\n")
            chmod(locked.path("content/nb/hemmelig"), 0)
            // A site written by `helpsite init` into a fixture, looked at through a second fixture value.
            let parent = try FixtureSite([:], config: nil)
            #expect(parent.run(["init", parent.path("site")]).status == 0)
            let initialised = FixtureSite(existing: parent.root.appendingPathComponent("site"))
            #expect(initialised.exists("content/site.yaml"))
            names = Set([copy, locked, parent].map(\.root.lastPathComponent))
            #expect(names.count == 3)
            #expect(TemporaryFolder.leftovers().isSuperset(of: names))
        }
        #expect(TemporaryFolder.leftovers().intersection(names) == [])
    }

    @Test func aFixtureThatOnlyLooksAtAFolderLeavesItAlone() throws {
        do {
            let theme = FixtureSite(existing: URL(fileURLWithPath: FixtureSite.shippedTemplates))
            #expect(theme.exists("page.mustache"))
        }
        #expect(FileManager.default.fileExists(atPath: FixtureSite.shippedTemplates + "/page.mustache"))
    }
}
