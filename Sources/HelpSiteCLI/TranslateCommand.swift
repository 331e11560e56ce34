import HelpConfig
import HelpCore
import ArgumentParser
import HelpSiteKit

struct TranslateCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Starts a translation: copies the source page to the language with its stamp and draft: true."
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "The language to translate into, e.g. de.")
    var language: String

    @Argument(help: "The page id: its path inside the source language folder, e.g. arn or billing/refunds.")
    var page: String

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            let created = try PageStarter(contentDirectory: content, config: config).startTranslation(language: language, page: page)
            streams.out("Created \(created.display) from the source page, stamped and marked draft: true.")
            streams.out("Readers see the source page with a notice until you translate it and remove the draft line.")
            return 0
        }
    }
}
