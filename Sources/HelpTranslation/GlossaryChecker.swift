import HelpConfig
import HelpContent
import HelpCore

/// `check`'s glossary warnings: a translation unit using a forbidden variant, or lacking the required rendering
/// (or a name) where its source unit has the term. Units are paired when the translation follows the source's
/// blocks; otherwise whole pages are compared.
package struct GlossaryChecker {
    package let glossary: Glossary
    package let config: SiteConfig

    package init(glossary: Glossary, config: SiteConfig) {
        self.glossary = glossary
        self.config = config
    }

    package func warnings(for pages: [SourcePage]) -> [Diagnostic] {
        let sources = Dictionary(pages.filter { $0.language == config.defaultLanguage.code }.map { ($0.id, $0.file) }, uniquingKeysWith: { a, _ in a })
        var warnings: [Diagnostic] = []
        for page in pages where page.language != config.defaultLanguage.code {
            guard let sourceFile = sources[page.id],
                  let source = try? PageDocument.read(sourceFile, stage: .parse),
                  let translation = try? PageDocument.read(page.file, stage: .parse) else { continue }
            let pairs: [(PageUnit?, PageUnit)] = translation.shapes == source.shapes
                ? translation.units.map { (source.unit($0.slot), $0) }
                : translation.units.map { (nil, $0) }
            let wholeSource = source.units.map(\.markdown).joined(separator: "\n")
            for (sourceUnit, unit) in pairs {
                let sourceText = sourceUnit?.markdown ?? wholeSource
                let translatedText = sourceUnit == nil ? translation.units.map(\.markdown).joined(separator: "\n") : unit.markdown
                for term in glossary.terms {
                    guard let rendering = term.renderings[page.language] else { continue }
                    for variant in rendering.avoid {
                        if let range = Glossary.find(variant, in: unit.markdown) {
                            warnings.append(.warning(.parse, location(translation, unit, range),
                                                     "glossary: '\(unit.markdown[range])' is a variant to avoid; write '\(rendering.use ?? term.source)' for '\(term.source)'"))
                        }
                    }
                    if let use = rendering.use, Glossary.find(term.source, in: sourceText) != nil, Glossary.find(use, in: translatedText) == nil,
                       sourceUnit != nil || unit.slot == translation.units.first?.slot,
                       fewer(use, in: translation, than: term.source, in: source) {
                        warnings.append(.warning(.parse, location(translation, unit, nil),
                                                 "glossary: the source has '\(term.source)' here; the translation should write '\(use)'"))
                    }
                }
                for name in glossary.names where Glossary.find(name, in: sourceText) != nil && Glossary.find(name, in: translatedText) == nil {
                    guard sourceUnit != nil || unit.slot == translation.units.first?.slot, fewer(name, in: translation, than: name, in: source) else { continue }
                    warnings.append(.warning(.parse, location(translation, unit, nil), "glossary: the source has the name '\(name)' here; keep it untranslated"))
                }
            }
        }
        return warnings
    }

    /// A unit may miss a term because the translation moved it (a reordered list); the page as a whole must not.
    private func fewer(_ rendering: String, in translation: PageDocument, than term: String, in source: PageDocument) -> Bool {
        let count = { (needle: String, document: PageDocument) in document.units.reduce(0) { $0 + Glossary.occurrences(of: needle, in: $1.markdown).count } }
        return count(rendering, translation) < count(term, source)
    }

    private func location(_ document: PageDocument, _ unit: PageUnit, _ match: Range<String.Index>?) -> FileLocation {
        guard let range = unit.range else { return FileLocation(file: document.path.display, line: unit.line, column: 1) }
        let offset = range.lowerBound + (match.map { unit.markdown.utf8.distance(from: unit.markdown.startIndex, to: $0.lowerBound) } ?? 0)
        let position = TextFile.position(ofByte: offset, in: Array(document.text.utf8)[...])
        return FileLocation(file: document.path.display, line: position.line, column: position.column)
    }
}
