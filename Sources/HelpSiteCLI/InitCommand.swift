import HelpCore
import ArgumentParser
import HelpSiteKit

struct InitCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Starts a help centre in a new or empty folder: site.yaml, two languages, a home page and an article in each."
    )

    @Argument(help: "The folder to create the site in.")
    var directory: String = "."

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(.plain, streams) {
            let written = try SiteStarter.create(in: SitePath(directory))
            streams.out("Created a help centre with \(written.count) files in \(directory).")
            let enter = directory == "." ? "" : "cd \(directory) && "
            streams.out("Next: \(enter)helpsite serve   (preview with live reload)")
            streams.out("      \(enter)helpsite build   (the site in public/)")
            return 0
        }
    }
}
