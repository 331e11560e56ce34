import HelpConfig
import HelpContent
import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit
import HelpTranslation

/// `helpsite import`: writes translated PO or XLIFF files back into the pages, or keeps a TMX file as translation
/// memory; a file with any error writes nothing.
struct ImportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Writes the translations in PO or XLIFF files into the pages, stamping pages that are fully translated."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Refuse files for any other language.")
    var language: String?

    @Flag(help: "The translations are machine translations: the pages are marked 'machine: true' until a person reviews them.")
    var machine = false

    @Argument(help: "PO (.po) or XLIFF (.xlf, .xliff) files written by helpsite export and translated, or TMX (.tmx) translation memories to prefill later exports.")
    var files: [String]

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            let importer = TranslationImporter(contentDirectory: content, config: config)
            var failed = false
            if machine, let memory = files.first(where: TranslationMemoryStore.isMemoryFile) {
                throw UsageError("--machine does not apply to a translation memory (\(memory)); a memory only prefills later exports")
            }
            for file in files {
                do {
                    if TranslationMemoryStore.isMemoryFile(file) {
                        let result = try TranslationMemoryStore(contentDirectory: content, config: config).importFile(SitePath(file), language: language)
                        for entry in result.languages {
                            streams.out("\(entry.file): \(entry.written ? "written" : "unchanged"), \(entry.entries) entr\(entry.entries == 1 ? "y" : "ies") (\(entry.added) new, \(entry.changed) changed)")
                        }
                        if result.skipped > 0 { streams.out("\(file): \(result.skipped) units skipped (no \(config.defaultLanguage.code) text or no translation into a site language)") }
                        streams.out("\(file): no page changed; exports prefill exact matches for review")
                        continue
                    }
                    let result = try importer.importFile(SitePath(file), language: language, machine: machine)
                    for page in result.pages {
                        var state = page.changed ? "written" : "unchanged"
                        if page.rebuilt { state += ", rebuilt in the source page's layout" }
                        if page.machine { state += ", machine translated (not reviewed)" }
                        if page.file.hasSuffix("/" + ContentLoader.stringsFileName) {
                            if page.unfinished > 0 { state += ", \(page.unfinished) string\(page.unfinished == 1 ? "" : "s") untranslated or fuzzy" }
                        } else {
                            state += page.stamped.map { ", stamped source: \($0)" } ?? ", \(page.unfinished) unit\(page.unfinished == 1 ? "" : "s") untranslated or fuzzy (not stamped)"
                        }
                        streams.out("\(page.file): \(state)")
                    }
                } catch let failure as BuildFailure {
                    for diagnostic in failure.diagnostics { streams.err(DiagnosticFormatter.format(diagnostic, style: site.diagnostics)) }
                    streams.err("\(file): nothing written")
                    failed = true
                } catch let single as DiagnosticError {
                    streams.err(DiagnosticFormatter.format(single.diagnostic, style: site.diagnostics))
                    streams.err("\(file): nothing written")
                    failed = true
                }
            }
            return failed ? 1 : 0
        }
    }
}
