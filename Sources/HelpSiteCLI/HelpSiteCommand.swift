import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit

/// The `helpsite` command line. `main.swift` only calls `HelpSiteCommand.run(arguments:)`; tests call
/// `runSynchronously(arguments:output:)`, which runs the same commands.
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

    /// Runs any command, `serve` included. Exit status: 0 success, 1 content errors, 2 usage errors.
    public static func run(arguments: [String], output: OutputStreams = .standard) async -> Int32 {
        switch parse(arguments, output: output) {
        case .finished(let status): return status
        case .command(let command as AsyncRunnableCommand): return await command.execute(output: output)
        case .command(let command): return execute(command, output: output)
        }
    }

    /// Runs every command that finishes by itself, without a concurrency context (tests);
    /// `serve` runs until it is stopped, so only through the async `run`.
    public static func runSynchronously(arguments: [String], output: OutputStreams = .standard) -> Int32 {
        switch parse(arguments, output: output) {
        case .finished(let status): return status
        case .command(let command as AsyncRunnableCommand):
            output.err("error: '\(type(of: command).configuration.commandName ?? "")' runs until it is stopped; call it through the async HelpSiteCommand.run")
            return 2
        case .command(let command): return execute(command, output: output)
        }
    }

    private enum Parsed {
        case command(any ParsableCommand)
        /// Help, version or a usage error, already printed.
        case finished(Int32)
    }

    private static func parse(_ arguments: [String], output: OutputStreams) -> Parsed {
        do {
            return .command(try parseAsRoot(arguments))
        } catch {
            return .finished(report(error, output: output))
        }
    }

    private static func execute(_ command: any ParsableCommand, output: OutputStreams) -> Int32 {
        if let runnable = command as? RunnableCommand { return runnable.execute(output: output) }
        var command = command
        do {
            try command.run()
            return 0
        } catch {
            return report(error, output: output)
        }
    }

    private static func report(_ error: any Error, output: OutputStreams) -> Int32 {
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
