import ArgumentParser
import Foundation
import HelpSiteKit

/// The `helpsite` command line. `main.swift` only calls `HelpSiteCommand.run(arguments:)`, so tests run the same code.
public struct HelpSiteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "helpsite",
        abstract: "Builds a static multilingual help centre from content/<language>/*.md.",
        subcommands: [BuildCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    public init() {}

    /// Exit status: 0 success, 1 content errors, 2 usage errors.
    public static func run(arguments: [String], output: OutputStreams = .standard) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if let build = command as? BuildCommand {
                return build.execute(output: output)
            }
            try command.run()
            return 0
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                output.out(message)
                return 0
            }
            output.err(message)
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}

/// Where the CLI prints; tests capture it.
public struct OutputStreams: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    public static let standard = OutputStreams(
        out: { print($0) },
        err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    )
}

struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder: site.yaml and one folder per language.")
    var content: String = "content"

    @Option(help: "The templates folder: Mustache templates and assets/.")
    var templates: String = "templates"

    @Option(help: "How diagnostics are printed: plain (file:line:col: error: …) or github (workflow annotations).")
    var diagnostics: DiagnosticStyle = .plain
}

extension DiagnosticStyle: ExpressibleByArgument {}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Builds the site into the output folder, replacing it only when the build succeeds."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The output folder; replaced as a whole by each successful build.")
    var output: String = "public"

    @Option(name: .customLong("base-url"), help: "The site's absolute URL, overriding baseURL in site.yaml, e.g. https://example.org/help/.")
    var baseURL: String?

    mutating func run() throws {
        let status = execute(output: .standard)
        if status != 0 { throw ExitCode(status) }
    }

    func execute(output streams: OutputStreams) -> Int32 {
        let started = ContinuousClock.now
        let options = BuildOptions(contentDirectory: SitePath(site.content), templatesDirectory: SitePath(site.templates),
                                   outputDirectory: SitePath(output), baseURL: baseURL)
        do {
            let report = try SiteBuilder(options: options).build()
            for warning in report.warnings { streams.err(DiagnosticFormatter.format(warning, style: site.diagnostics)) }
            let elapsed = ContinuousClock.now - started
            let perLanguage = report.pagesPerLanguage.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            streams.out("Built \(report.pageCount) pages in \(report.pagesPerLanguage.count) languages (\(perLanguage)), "
                        + "\(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s"), in \(milliseconds) ms → \(output)")
            return 0
        } catch let failure as BuildFailure {
            for diagnostic in failure.diagnostics { streams.err(DiagnosticFormatter.format(diagnostic, style: site.diagnostics)) }
            let errors = failure.errors.count
            streams.err("Build failed with \(errors) error\(errors == 1 ? "" : "s"); \(output) was left as it was.")
            return 1
        } catch let usage as UsageError {
            streams.err("error: \(usage.description)")
            return 2
        } catch {
            streams.err("error: \(error)")
            return 1
        }
    }
}
