import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit

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
        } catch {
            return FailureReport.status(for: error, style: style, streams: streams)
        }
    }
}

/// A command that runs until it is stopped (`serve`): it awaits its work instead of blocking a thread on it.
protocol AsyncRunnableCommand: AsyncParsableCommand {
    func execute(output: OutputStreams) async -> Int32
}

extension AsyncRunnableCommand {
    mutating func run() async throws {
        let status = await execute(output: .standard)
        if status != 0 { throw ExitCode(status) }
    }
}

/// How a command's error is printed and which exit status it gives.
enum FailureReport {
    /// Diagnostics in the chosen style and exit 1 for content problems, `error: …` and exit 2 for usage.
    static func status(for error: any Error, style: DiagnosticStyle, streams: OutputStreams) -> Int32 {
        switch error {
        case let failure as BuildFailure:
            for line in DiagnosticFormatter.format(failure.diagnostics, style: style) { streams.err(line) }
            return 1
        case let single as DiagnosticError:
            streams.err(DiagnosticFormatter.format(single.diagnostic, style: style))
            return 1
        case let usage as UsageError:
            streams.err("error: \(usage.description)")
            return 2
        default:
            streams.err("error: \(error)")
            return 1
        }
    }
}
