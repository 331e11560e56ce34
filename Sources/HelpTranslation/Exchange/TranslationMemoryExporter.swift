import HelpConfig
import HelpCore
/// `helpsite export --format tmx`: the translations a person finished and that still match their source text, as a
/// translation memory for CAT tools. A unit of a page that is missing, machine translated, unstamped or outdated is
/// left out, except that an outdated page's units whose source text did not change since the stamp are kept.
public struct TranslationMemoryExporter {
    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    public struct Result: Sendable {
        public var document: TranslationMemoryDocument
        public var notes: [Diagnostic]
    }

    /// One `<tu>` per source unit that at least one of `languages` has finished, in the order of the pages and their units.
    public func export(languages: [String]) throws -> Result {
        let exporter = TranslationExporter(contentDirectory: contentDirectory, config: config)
        var order: [String] = []
        var units: [String: TranslationMemoryUnit] = [:]
        var notes: [Diagnostic] = []
        for language in languages {
            let result = try exporter.export(language: language, pages: [.all])
            notes += result.notes
            for page in result.document.pages {
                for unit in page.units where unit.state == .translated || unit.state == .reused {
                    guard let target = unit.target, !target.isEmpty else { continue }
                    if units[unit.key] == nil {
                        order.append(unit.key)
                        units[unit.key] = TranslationMemoryUnit(id: unit.key, variants: [.init(language: config.defaultLanguage.code, text: unit.source)],
                                                                placeholders: unit.placeholders)
                    }
                    units[unit.key]?.variants.append(.init(language: language, text: target))
                }
            }
        }
        return Result(document: TranslationMemoryDocument(sourceLanguage: config.defaultLanguage.code, units: order.compactMap { units[$0] }),
                      notes: notes)
    }
}
