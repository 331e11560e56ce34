import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit
import HelpOutput

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

struct PolicyOptions: ParsableArguments {
    @Flag(help: "Treat warnings as errors: exit 1 and leave the output untouched.")
    var strict = false

    @Option(name: .customLong("fail-under"), help: "Fail when any language's up-to-date share is under this percentage.")
    var failUnder: Double?

    @Flag(name: .customLong("reviewed-only"), help: "--fail-under counts only reviewed pages, not machine translations.")
    var reviewedOnly = false
}
