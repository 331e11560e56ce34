import HelpConfig
import HelpCore
import ArgumentParser
import HelpSiteKit

struct NewCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Creates a page with front matter, e.g. helpsite new en/billing/refunds.md."
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "<language>/<path>.md inside the content folder.")
    var page: String

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            let created = try PageStarter(contentDirectory: content, config: config).newPage(page)
            streams.out("Created \(created.display)")
            return 0
        }
    }
}
