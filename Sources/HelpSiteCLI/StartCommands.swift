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
