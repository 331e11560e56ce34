import HelpCore
import ArgumentParser
import HelpSiteKit

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Works with the built-in theme.",
        subcommands: [ThemeEjectCommand.self]
    )
}

struct ThemeEjectCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eject",
        abstract: "Writes the built-in theme's templates and assets into a folder for customising; files already there are kept."
    )

    @Argument(help: "The folder to write the theme into.")
    var directory: String = "templates"

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(.plain, streams) {
            let result = try ThemeEjector.eject(to: SitePath(directory))
            for kept in result.kept { streams.err("kept \(kept) (yours; not replaced)") }
            streams.out("Wrote \(result.written.count) theme files to \(directory). Files there override the built-in theme one by one; delete any you do not change.")
            return 0
        }
    }
}
