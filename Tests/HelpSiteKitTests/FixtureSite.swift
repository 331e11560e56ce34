import HelpCore
import Foundation
import HelpSiteCLI
import HelpSiteKit
import Testing
import HelpOutput

/// A small site written into a fresh temporary folder, built with the real pipeline and inspected on disk.
/// The folder is removed when the last copy of the fixture goes away.
struct FixtureSite {
    let root: URL
    /// Nil for a folder the fixture only looks at (`init(existing:)`).
    private let folder: TemporaryFolder?

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The built-in theme's source files, for tests that read them.
    static let shippedTemplates = repositoryRoot.appendingPathComponent("theme").path

    static let minimalConfig = """
        title: Test Help
        baseURL: https://help.example.org/
        defaultLanguage: nb
        languages: [nb, en]
        """

    /// `files` maps paths relative to the fixture root (`content/nb/index.md`) to their text.
    /// Without `templates/` entries the built-in theme is used; with some, they override it file by file.
    init(_ files: [String: String], config: String? = FixtureSite.minimalConfig) throws {
        let folder = try TemporaryFolder()
        self.folder = folder
        root = folder.url
        var all = files
        if let config, all["content/site.yaml"] == nil { all["content/site.yaml"] = config }
        for (path, text) in all { try write(path, text) }
    }

    /// A folder that already exists, such as a site `helpsite init` wrote; whoever made it removes it.
    init(existing root: URL) {
        self.root = root
        folder = nil
    }

    /// Runs the CLI outside any fixture.
    static func runCLI(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedOutput()
        let status = HelpSiteCommand.runSynchronously(arguments: arguments, output: captured.streams)
        return (status, captured.out, captured.err)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func writeBytes(_ relative: String, _ bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    var options: BuildOptions {
        BuildOptions(contentDirectory: SitePath(path("content")), templatesDirectory: SitePath(path("templates")),
                     outputDirectory: SitePath(path("public")))
    }

    @discardableResult
    func build(baseURL: String? = nil, output: String = "public") throws -> BuildReport {
        var options = self.options
        options.baseURL = baseURL
        options.outputDirectory = SitePath(path(output))
        return try SiteBuilder(options: options).build()
    }

    /// Builds and returns the failure's diagnostics, rendered as the CLI prints them with paths relative to the fixture.
    func buildErrors() -> [String] {
        do {
            try build()
            Issue.record("expected the build to fail")
            return []
        } catch let failure as BuildFailure {
            return failure.diagnostics.filter { $0.severity == .error }.map { relative($0.description) }
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    func relative(_ text: String) -> String {
        text.replacingOccurrences(of: root.path + "/", with: "")
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Every file below a folder, relative to it, with its bytes.
    func snapshot(_ folder: String = "public") throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [:] }
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = base.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return result
    }

    /// Runs the CLI with the fixture as working directory for `--content`, `--templates` and `--output`.
    func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
        let captured = CapturedOutput()
        let status = HelpSiteCommand.runSynchronously(arguments: arguments, output: captured.streams)
        return (status, relative(captured.out), relative(captured.err))
    }

    func runBuild(_ extra: [String] = []) -> (status: Int32, out: String, err: String) {
        run(["build", "--content", path("content")] + templatesArguments + ["--output", path("public")] + extra)
    }

    /// `--templates` naming the fixture's own templates when it has them; the built-in theme otherwise.
    var templatesArguments: [String] { exists("templates") ? ["--templates", path("templates")] : [] }

    /// Writes the built-in theme into the fixture's `templates/` with `helpsite theme eject`.
    func ejectTheme() throws {
        let result = run(["theme", "eject", path("templates")])
        try #require(result.status == 0, "theme eject failed: \(result.err)")
    }
}

final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outLines: [String] = []
    private var errLines: [String] = []

    var out: String { lock.withLock { outLines.joined(separator: "\n") } }
    var err: String { lock.withLock { errLines.joined(separator: "\n") } }

    var streams: OutputStreams {
        OutputStreams(out: { line in self.lock.withLock { self.outLines.append(line) } },
                      err: { line in self.lock.withLock { self.errLines.append(line) } })
    }
}

/// Hrefs in an HTML document, in order, for following links the way a crawler would.
enum HTMLLinks {
    static func hrefs(in html: String) -> [String] {
        var result: [String] = []
        var rest = Substring(html)
        while let range = rest.range(of: "href=\"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            result.append(String(after[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
            rest = after[end...]
        }
        return result
    }

    /// The file a site-relative href leads to in an output folder, or nil for external links.
    static func file(for href: String, basePath: String = "/", in output: String) -> String? {
        guard href.hasPrefix(basePath), !href.hasPrefix("//") else { return nil }
        var path = String(href.dropFirst(basePath.count))
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        path = path.removingPercentEncoding ?? path
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return output + "/" + path
    }
}

/// The `helpsite` executable SwiftPM builds beside the test bundle, for tests that need separate processes.
enum HelpsiteBinary {
    static var path: String? {
        let folder = Bundle.main.executableURL?.deletingLastPathComponent()
        let candidates: [String] = [folder?.appendingPathComponent("helpsite").path,
                                    FixtureSite.repositoryRoot.appendingPathComponent(".build/debug/helpsite").path].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
