import ArgumentParser
import Foundation
import HelpSiteKit
import HelpSiteServer

/// The `helpsite` command line. `main.swift` only calls `HelpSiteCommand.run(arguments:)`, so tests run the same code.
public struct HelpSiteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "helpsite",
        abstract: "Builds a static multilingual help centre from content/<language>/*.md.",
        version: HelpSiteVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, StatusCommand.self, StampCommand.self,
                      InitCommand.self, NewCommand.self, TranslateCommand.self, ThemeCommand.self,
                      ExportCommand.self, ImportCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    public init() {}

    /// Exit status: 0 success, 1 content errors, 2 usage errors.
    public static func run(arguments: [String], output: OutputStreams = .standard) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if let runnable = command as? RunnableCommand {
                return runnable.execute(output: output)
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
        out: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
        err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    )
}

struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder: site.yaml and one folder per language.")
    var content: String = "content"

    @Option(help: "Your templates and assets/, laid over the built-in theme file by file (default: templates, when it exists).")
    var templates: String?

    var templatesDirectory: SitePath { SitePath(templates ?? "templates") }

    @Option(help: "How diagnostics are printed: plain (file:line:col: error: …) or github (workflow annotations).")
    var diagnostics: DiagnosticStyle = .plain
}

extension DiagnosticStyle: ExpressibleByArgument {}

struct ProgressOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only warnings and errors: no progress and no summary line.")
    var quiet = false

    /// Pages rendered of the total, on one rewritten line, only when stdout is a terminal and not --quiet.
    func progress() -> BuildProgress? {
        guard !quiet, isatty(STDOUT_FILENO) != 0 else { return nil }
        return BuildProgress { done, total in
            FileHandle.standardOutput.write(Data("\r\u{1B}[2KRendering pages: \(done) of \(total)".utf8))
        }
    }

    /// Clears the progress line before the summary.
    func finish(_ progress: BuildProgress?) {
        if progress?.end() == true { FileHandle.standardOutput.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

/// A command that reports through `OutputStreams` and returns its exit status.
protocol RunnableCommand: ParsableCommand {
    func execute(output: OutputStreams) -> Int32
}

extension RunnableCommand {
    mutating func run() throws {
        let status = execute(output: .standard)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs `body`, printing diagnostics in the chosen style; exit 1 for content problems, 2 for usage.
    func reporting(_ style: DiagnosticStyle, _ streams: OutputStreams, _ body: () throws -> Int32) -> Int32 {
        do {
            return try body()
        } catch let failure as BuildFailure {
            for line in DiagnosticFormatter.format(failure.diagnostics, style: style) { streams.err(line) }
            return 1
        } catch let single as DiagnosticError {
            streams.err(DiagnosticFormatter.format(single.diagnostic, style: style))
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

struct PolicyOptions: ParsableArguments {
    @Flag(help: "Treat warnings as errors: exit 1 and leave the output untouched.")
    var strict = false

    @Option(name: .customLong("fail-under"), help: "Fail when any language's up-to-date share is under this percentage.")
    var failUnder: Double?

    @Flag(name: .customLong("reviewed-only"), help: "--fail-under counts only reviewed pages, not machine translations.")
    var reviewedOnly = false
}

struct BuildCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Builds the site into the output folder, replacing it only when the build succeeds."
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var policy: PolicyOptions

    @Option(help: "The output folder; replaced as a whole by each successful build.")
    var output: String = "public"

    @Option(name: .customLong("base-url"), help: "The site's absolute URL, overriding baseURL in site.yaml, e.g. https://example.org/help/.")
    var baseURL: String?

    @Option(help: "Keep rendered pages and their fingerprints in this folder; the next build renders only what changed.")
    var cache: String?

    @OptionGroup var display: ProgressOptions

    func execute(output streams: OutputStreams) -> Int32 {
        let started = ContinuousClock.now
        var options = BuildOptions(contentDirectory: SitePath(site.content), templatesDirectory: site.templatesDirectory,
                                   outputDirectory: SitePath(output), baseURL: baseURL, strict: policy.strict, failUnder: policy.failUnder)
        options.reviewedOnly = policy.reviewedOnly
        options.cacheDirectory = cache.map(SitePath.init)
        options.templatesRequired = site.templates != nil
        options.progress = display.progress()
        let status = reporting(site.diagnostics, streams) {
            defer { display.finish(options.progress) }
            let report = try SiteBuilder(options: options).build()
            display.finish(options.progress)
            for note in report.notes { streams.err("note: " + note) }
            if cache != nil { streams.err("note: \(report.cachedPages) of \(report.pageCount) pages from the cache") }
            Summary.print(report, action: "Built", started: started, destination: " → \(output)", style: site.diagnostics,
                          quiet: display.quiet, to: streams)
            return 0
        }
        if status == 1 { streams.err("Build failed; \(output) was left as it was.") }
        return status
    }
}

struct CheckCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validates everything a build would (content, links, fragments, templates, strings) without writing output."
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var display: ProgressOptions
    @Option(help: "A previous build's output folder or sitemap.xml: warn for each of its pages that no longer exists and is no page's alias.")
    var previous: String?

    func execute(output streams: OutputStreams) -> Int32 {
        let started = ContinuousClock.now
        var options = BuildOptions(contentDirectory: SitePath(site.content), templatesDirectory: site.templatesDirectory,
                                   strict: policy.strict, failUnder: policy.failUnder)
        options.reviewedOnly = policy.reviewedOnly
        options.templatesRequired = site.templates != nil
        options.previousSite = previous.map(SitePath.init)
        options.progress = display.progress()
        return reporting(site.diagnostics, streams) {
            defer { display.finish(options.progress) }
            let report = try SiteBuilder(options: options).check()
            display.finish(options.progress)
            Summary.print(report, action: "Checked", started: started, destination: "", style: site.diagnostics,
                          quiet: display.quiet, to: streams)
            return 0
        }
    }
}

enum Summary {
    static func print(_ report: BuildReport, action: String, started: ContinuousClock.Instant, destination: String,
                      style: DiagnosticStyle, quiet: Bool = false, to streams: OutputStreams) {
        for line in DiagnosticFormatter.format(report.warnings, style: style) { streams.err(line) }
        if quiet { return }
        let elapsed = ContinuousClock.now - started
        let perLanguage = report.pagesPerLanguage.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        streams.out("\(action) \(report.pageCount) pages in \(report.pagesPerLanguage.count) languages (\(perLanguage)), "
                    + "\(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s"), in \(milliseconds) ms\(destination)")
    }
}

enum StatusFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, html
}

struct StatusCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Shows which translations are up to date, outdated, unstamped, missing or extra against the source language."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Only this language.")
    var language: String?

    @Option(help: "text (a table), json (schema in the README) or html (a self-contained dashboard).")
    var format: StatusFormat = .text

    @Option(name: .customLong("stamp"), parsing: .upToNextOption, help: "Record the current source version in these translation files, then report.")
    var stamp: [String] = []

    @Option(help: "Show what changed in the source page since this translation was stamped (needs git).")
    var diff: String?

    @Option(name: .customLong("fail-under"), help: "Exit 1 when any language's up-to-date share is under this percentage.")
    var failUnder: Double?

    @Flag(name: .customLong("reviewed-only"), help: "--fail-under counts only reviewed pages, not machine translations.")
    var reviewedOnly = false

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            if let language, config.language(language) == nil {
                throw UsageError("--language \(language) is not listed in site.yaml")
            }
            try StampCommand.stamp(stamp, content: content, config: config, report: streams.err)
            if let diff {
                switch try SourceDiff(contentDirectory: content, config: config).diff(for: diff) {
                case .unchanged:
                    streams.out("\(diff) is up to date: its source page has not changed since it was stamped.")
                case let .diff(commit, text):
                    streams.out("Changes in the source page since the stamped version (commit \(commit.prefix(10))):\n\(text)")
                case let .unavailable(reason):
                    streams.err("cannot show the changes: \(reason)")
                    return 1
                }
                return 0
            }
            let loaded = try ContentLoader(contentDirectory: content, config: config).load(releasingBodies: true)
            var status = TranslationStatus(config: config, pages: loaded.pages, only: language)
            status.noteMinorEdits(SourceSnapshots(contentDirectory: content, config: config))
            switch format {
            case .text: streams.out(StatusFormatter.text(status))
            case .json: streams.out(StatusFormatter.json(status))
            case .html: streams.out(StatusFormatter.html(status, title: config.title))
            }
            if let failUnder {
                let failing = status.languages(under: failUnder, reviewedOnly: reviewedOnly)
                for summary in failing { streams.err("error: " + summary.failUnderMessage(failUnder, reviewedOnly: reviewedOnly)) }
                if !failing.isEmpty { return 1 }
            }
            return 0
        }
    }
}

struct StampCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Records in each translation which version of its source page it was translated from (same as status --stamp)."
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "The source pages given changed only in ways that need no retranslation (a typo, a link fix): translations up to date with the previous version become up to date with this one.")
    var minor = false

    @Argument(help: "Translation files, e.g. content/de/arn.md; with --minor, source pages, e.g. content/nb/arn.md.")
    var files: [String]

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            guard minor else {
                try Self.stamp(files, content: content, config: config, report: streams.out)
                return 0
            }
            for file in files {
                let result = try MinorEdit(contentDirectory: content, config: config).apply(file)
                if result.previous == result.current {
                    streams.out("\(file): unchanged since version \(result.current); nothing to do")
                } else {
                    streams.out("\(file): version \(result.current) recorded as a minor edit of \(result.previous); "
                                + "\(result.restamped.count) translation\(result.restamped.count == 1 ? "" : "s") restamped")
                    for translation in result.restamped { streams.out("  \(translation): source: \(result.current)") }
                }
            }
            return 0
        }
    }

    /// Stamps each file and reports one line per file.
    static func stamp(_ files: [String], content: SitePath, config: SiteConfig, report: (String) -> Void) throws {
        let stamper = Stamper(contentDirectory: content, config: config)
        for file in files {
            let result = try stamper.stamp(file)
            report("\(result.file): \(result.changed ? "stamped" : "already stamped") source: \(result.hash)")
        }
    }
}

struct ServeCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Builds the site, serves it on 127.0.0.1, rebuilds what changed on every save and reloads the browser."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Build the preview here instead of a temporary folder (never needed for previews).")
    var output: String?

    @Option(help: "The port; the next free one is used if it is taken.")
    var port: Int = 8080

    @Option(help: "The address to listen on. Anything but loopback exposes your drafts to the network.")
    var host: String = "127.0.0.1"

    @Flag(help: "Open the site in the browser.")
    var open = false

    @Option(help: "Append the contact form's and the feedback widget's submissions here, one JSON line each (default: a new file in the temporary folder).")
    var submissions: String?

    func execute(output streams: OutputStreams) -> Int32 {
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            streams.err("warning: --host \(host) is not a loopback address; anyone who can reach it can read your unpublished pages")
        }
        var options = ServeOptions(contentDirectory: SitePath(site.content), templatesDirectory: site.templatesDirectory,
                                   outputDirectory: output.map(SitePath.init), host: host, port: port)
        options.templatesRequired = site.templates != nil
        options.submissionsFile = submissions.map(SitePath.init)
        let done = DispatchSemaphore(value: 0)
        let status = StatusBox()
        let openBrowser = open
        Task {
            do {
                let running = try await PreviewServer(options: options).start(log: { streams.err($0) })
                for home in running.languageHomes { streams.out("\(running.baseURL)\(home)") }
                streams.out("Forms post to this preview; submissions are appended to \(running.submissionsFile.display)")
                streams.out("Serving \(running.outputDirectory.display) at \(running.baseURL)/ — press Ctrl-C to stop.")
                if openBrowser, let first = running.languageHomes.first { Browser.open(running.baseURL + first) }
                await running.wait()
            } catch let usage as UsageError {
                streams.err("error: \(usage.description)")
                status.value = 2
            } catch {
                streams.err("error: \(error)")
                status.value = 1
            }
            done.signal()
        }
        done.wait()
        return status.value
    }
}

final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int32 = 0
    var value: Int32 {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

enum Browser {
    static func open(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #if os(macOS)
        process.arguments = ["open", url]
        #else
        process.arguments = ["xdg-open", url]
        #endif
        try? process.run()
    }
}
