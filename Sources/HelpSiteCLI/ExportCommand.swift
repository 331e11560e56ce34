import HelpConfig
import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit
import HelpTranslation

enum ExchangeFormat: String, ExpressibleByArgument, CaseIterable {
    case po, xliff, tmx
}

extension TranslationExporter.Selection: ExpressibleByArgument {}

/// `helpsite export`: one language's units for a CAT tool (Poedit, Weblate, …), as PO or XLIFF 1.2, or the finished
/// translations of one or every language as a TMX 1.4b translation memory.
struct ExportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes the units of a language's outdated and missing pages as PO or XLIFF 1.2 for a translation tool, or its finished translations as TMX."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The translation language, e.g. de. Without it, every translation language: one TMX for --format tmx, one file each with --directory.")
    var language: String?

    @Option(help: "po (GNU gettext), xliff (XLIFF 1.2) or tmx (TMX 1.4b translation memory: the up-to-date units, --pages does not apply).")
    var format: ExchangeFormat = .po

    @Option(parsing: .upToNextOption, help: "Which pages: outdated (includes unstamped), missing, all. Default: outdated missing.")
    var pages: [TranslationExporter.Selection] = [.outdated, .missing]

    @Flag(help: "Also export the language's interface strings that its strings.yaml overrides or that helpsite has no text for.")
    var strings = false

    @Option(help: "Write here instead of standard output.")
    var output: String?

    @Option(help: "Write <language>.<format> into this folder for the language, or for every translation language; a file that would only get a new PO-Revision-Date is left as it is.")
    var directory: String?

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            let every = config.languages.map(\.code).filter { $0 != config.defaultLanguage.code }
            if let directory {
                guard output == nil else { throw UsageError("--output and --directory exclude each other") }
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for code in language.map({ [$0] }) ?? every {
                    let file = (directory as NSString).appendingPathComponent("\(code).\(format.rawValue)")
                    let export = try exported([code], content: content, config: config, streams: streams)
                    let written = try ExchangeFile.update(export.text, at: file)
                    streams.err("\(file): \(export.summary)" + (written ? "" : ", unchanged"))
                }
                return 0
            }
            guard let languages = language.map({ [$0] }) ?? (format == .tmx ? every : nil) else {
                throw UsageError("--language is needed for --format \(format.rawValue); or give --directory to export every language")
            }
            let export = try exported(languages, content: content, config: config, streams: streams)
            if let output {
                let written = try ExchangeFile.update(export.text, at: output)
                streams.err("Exported \(export.summary) (\(languages.joined(separator: ", "))) to \(output)" + (written ? "" : ", unchanged"))
            } else {
                streams.out(export.text.hasSuffix("\n") ? String(export.text.dropLast()) : export.text)
            }
            return 0
        }
    }

    private func exported(_ languages: [String], content: SitePath, config: SiteConfig, streams: OutputStreams) throws -> (text: String, summary: String) {
        if format == .tmx {
            if let code = languages.first(where: { config.language($0) == nil }) { throw UsageError("--language \(code) is not listed in site.yaml") }
            let result = try TranslationMemoryExporter(contentDirectory: content, config: config).export(languages: languages)
            for note in result.notes { streams.err(DiagnosticFormatter.format(note, style: site.diagnostics)) }
            return (TMXFormat.write(result.document), "\(result.document.units.count) translation units")
        }
        let glossary = try GlossaryLoader(contentDirectory: content, config: config).load()
        let result = try TranslationExporter(contentDirectory: content, config: config, glossary: glossary)
            .export(language: languages[0], pages: Set(pages), strings: strings)
        for note in result.notes { streams.err(DiagnosticFormatter.format(note, style: site.diagnostics)) }
        let units = result.document.pages.reduce(0) { $0 + $1.units.count }
        return (format == .po ? POFormat.write(result.document) : XLIFFFormat.write(result.document),
                "\(units) units of \(result.document.pages.count) pages")
    }
}
