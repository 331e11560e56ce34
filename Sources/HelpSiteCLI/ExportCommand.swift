import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit

enum ExchangeFormat: String, ExpressibleByArgument, CaseIterable {
    case po, xliff
}

extension TranslationExporter.Selection: ExpressibleByArgument {}

/// `helpsite export`: one language's units for a CAT tool (Poedit, Weblate, …), as PO or XLIFF 1.2.
struct ExportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes the units of a language's outdated and missing pages as PO or XLIFF 1.2 for a translation tool."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The translation language, e.g. de.")
    var language: String

    @Option(help: "po (GNU gettext) or xliff (XLIFF 1.2).")
    var format: ExchangeFormat = .po

    @Option(parsing: .upToNextOption, help: "Which pages: outdated (includes unstamped), missing, all. Default: outdated missing.")
    var pages: [TranslationExporter.Selection] = [.outdated, .missing]

    @Flag(help: "Also export the language's interface strings that its strings.yaml overrides or that helpsite has no text for.")
    var strings = false

    @Option(help: "Write here instead of standard output.")
    var output: String?

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            let glossary = try GlossaryLoader(contentDirectory: content, config: config).load()
            let result = try TranslationExporter(contentDirectory: content, config: config, glossary: glossary)
                .export(language: language, pages: Set(pages), strings: strings)
            for note in result.notes { streams.err(DiagnosticFormatter.format(note, style: site.diagnostics)) }
            let text = format == .po ? POFormat.write(result.document) : XLIFFFormat.write(result.document)
            let units = result.document.pages.reduce(0) { $0 + $1.units.count }
            if let output {
                try ExchangeFile.write(text, to: output)
                streams.err("Exported \(units) units of \(result.document.pages.count) pages (\(language)) to \(output)")
            } else {
                streams.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            }
            return 0
        }
    }
}
