import HelpCore
import Foundation
import HelpSiteKit
import Testing
import HelpOutput

/// How diagnostics and progress reach a person: source lines with carets, progress only where it helps.
@Suite struct DiagnosticDisplayTests {
    @Test func plainDiagnosticsShowTheSourceLineWithACaretUnderTheColumn() throws {
        let site = try FixtureSite(StartingTests.pages)
        defer { try? FileManager.default.removeItem(at: site.root) }
        try site.write("content/nb/klage.md", "---\ntitle: Klage\n---\nSe [her](mangler.md) og [der](index.md).\n")
        let result = site.runBuild()
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex { $0.hasPrefix("content/nb/klage.md:4:") && $0.contains(": error: ") })
        let column = try #require(Int(lines[at].split(separator: ":")[2]))
        #expect(lines[at + 1] == " 4 | Se [her](mangler.md) og [der](index.md).")
        #expect(lines[at + 2] == "   | " + String(repeating: " ", count: column - 1) + "^")
    }

    @Test func tabsAndControlCharactersKeepTheCaretAligned() throws {
        let site = try FixtureSite(StartingTests.pages)
        defer { try? FileManager.default.removeItem(at: site.root) }
        try site.write("content/nb/klage.md", "---\ntitle: Klage\n\tbad: [x\n---\nx\n")
        let result = site.runBuild()
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex { $0.hasPrefix("content/nb/klage.md:3:") })
        #expect(lines[at + 1] == " 3 |     bad: [x")
        #expect(lines[at + 2].hasPrefix("   | ") && lines[at + 2].hasSuffix("^"))
    }

    @Test func githubDiagnosticsStayOneLinePerProblem() throws {
        let site = try FixtureSite(StartingTests.pages)
        defer { try? FileManager.default.removeItem(at: site.root) }
        try site.write("content/nb/klage.md", "---\ntitle: Klage\nbad: 1\n---\nx\n")
        let result = site.runBuild(["--diagnostics", "github"])
        #expect(result.err.split(separator: "\n").first == "::error file=content/nb/klage.md,line=3,col=1::unknown key 'bad' in front matter; expected one of: title, description, slug, order, layout, draft, source, reviewed, related, aliases, machine, contexts, owner")
        #expect(!result.err.contains(" | "))
    }

    @Test func progressCountsEveryPageOnceTheDelayHasPassed() throws {
        let site = try FixtureSite(StartingTests.pages)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let seen = Seen()
        var options = site.options
        options.progress = BuildProgress(after: .zero) { done, total in seen.add(done, total) }
        _ = try SiteBuilder(options: options).build()
        #expect(seen.values.last?.done == 4)
        #expect(seen.values.allSatisfy { $0.total == 4 })
        let late = Seen()
        options.progress = BuildProgress(after: .seconds(3600)) { done, total in late.add(done, total) }
        _ = try SiteBuilder(options: options).build()
        #expect(late.values.isEmpty, "a build shorter than the delay prints no progress")
    }

    @Test func quietPrintsOnlyProblems() throws {
        let site = try FixtureSite(StartingTests.pages)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let result = site.runBuild(["--quiet"])
        #expect(result.status == 0)
        #expect(result.out.isEmpty)
        #expect(!site.runBuild().out.isEmpty, "the summary without --quiet")
    }
}

final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(done: Int, total: Int)] = []
    var values: [(done: Int, total: Int)] { lock.withLock { stored } }
    func add(_ done: Int, _ total: Int) { lock.withLock { stored.append((done, total)) } }
}
