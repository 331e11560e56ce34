import HelpCore
import Foundation
import HelpSiteCLI
import HelpSiteKit
import Testing

/// The command line's own rules: one `--fail-under` check for build, check and status; `serve` as an async command.
@Suite struct CommandLineTests {
    static let config = "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, de]\n"
    static let files = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
        "content/de/index.md": "---\ntitle: Start\n---\nWillkommen.\n",
    ]

    @Test(arguments: ["plain", "github"])
    func statusFailUnderReportsExactlyAsBuildAndCheckDo(style: String) throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        let options = ["--fail-under", "90", "--diagnostics", style]
        let build = site.runBuild(options)
        let check = site.run(["check", "--content", site.path("content")] + options)
        let status = site.run(["status", "--content", site.path("content")] + options)
        #expect(build.status == 1 && check.status == 1 && status.status == 1)
        let line = style == "plain" ? "content/de: error: de is 0% up to date, under --fail-under 90%"
                                    : "::error file=content/de::de is 0%25 up to date, under --fail-under 90%25"
        for result in [build, check, status] {
            #expect(result.err.split(separator: "\n").filter { $0.contains("--fail-under") } == [Substring(line)])
        }
        #expect(site.run(["status", "--content", site.path("content"), "--fail-under", "0"]).status == 0)
    }

    @Test func servePortOutOfRangeIsAUsageError() async throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        let captured = CapturedOutput()
        let status = await HelpSiteCommand.run(arguments: ["serve", "--content", site.path("content"), "--port", "70000"],
                                               output: captured.streams)
        #expect(status == 2)
        #expect(captured.err.contains("--port must be from 0 (any free port) to 65535, not 70000"))
    }

    @Test func serveRunsOnlyThroughTheAsyncEntryPoint() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        let result = site.run(["serve", "--content", site.path("content"), "--port", "0"])
        #expect(result.status == 2)
        #expect(result.err.contains("'serve' runs until it is stopped"))
    }
}
