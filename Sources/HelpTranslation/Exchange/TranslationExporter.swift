import HelpConfig
import HelpContent
import HelpCore

/// `helpsite export`: the units of one language's pages that need work, pre-filled with what can be reused.
public struct TranslationExporter {
    public enum Selection: String, Sendable, CaseIterable {
        /// Outdated and unstamped translations.
        case outdated
        case missing
        case all
    }

    package let contentDirectory: SitePath
    package let config: SiteConfig
    package let glossary: Glossary?

    public init(contentDirectory: SitePath, config: SiteConfig, glossary: Glossary? = nil) {
        self.contentDirectory = contentDirectory
        self.config = config
        self.glossary = glossary
    }

    public struct Result: Sendable {
        public var document: ExchangeDocument
        /// Pages whose text could not be pre-filled, and why.
        public var notes: [Diagnostic]
    }

    /// With `strings`, the language's interface strings it overrides or has no text for come first, as one more page.
    public func export(language code: String, pages selection: Set<Selection>, strings: Bool = false) throws -> Result {
        guard let language = config.language(code) else { throw UsageError("--language \(code) is not listed in site.yaml") }
        guard language != config.defaultLanguage else {
            throw UsageError("\(code) is the source language; export a translation language")
        }
        let loaded = try ContentLoader(contentDirectory: contentDirectory, config: config).load(releasingBodies: true)
        let status = TranslationStatus(config: config, pages: loaded.pages, only: code)
        var pages: [ExchangePage] = []
        var notes: [Diagnostic] = []
        if strings, let page = StringUnits.export(config: config, contentDirectory: contentDirectory, language: code, strings: loaded.strings) {
            pages.append(page)
        }
        for row in status.rows {
            guard let entry = row.entries[code], let sourceFile = row.sourceFile else { continue }
            let wanted: Bool
            switch entry.state {
            case .outdated, .unstamped: wanted = !selection.isDisjoint(with: [.outdated, .all])
            case .missing: wanted = !selection.isDisjoint(with: [.missing, .all])
            case .upToDate, .machine: wanted = selection.contains(.all)
            case .extra: wanted = false
            }
            guard wanted else { continue }
            let source = try PageDocument.read(sourceFile, stage: .parse)
            let translation = try entry.file.map { file throws(DiagnosticError) in try PageDocument.read(file, stage: .parse) }
            let page = PagePlan(id: row.id, source: source, translation: translation, state: entry.state,
                                previous: entry.state == .outdated ? previousSource(row.id, hash: entry.stampedHash) : nil)
            if let note = page.note { notes.append(note) }
            pages.append(ExchangePage(id: row.id, sourceFile: sourceFile.display, units: page.units.map { unit in
                var unit = unit
                if let glossary { unit.notes += glossary.notes(for: unit.source, language: code) }
                return unit
            }))
        }
        var document = ExchangeDocument(siteTitle: config.title, sourceLanguage: config.defaultLanguage.code, targetLanguage: code, pages: pages)
        try TranslationMemoryStore(contentDirectory: contentDirectory, config: config).prefill(&document)
        return Result(document: document, notes: notes)
    }

    private func previousSource(_ page: PageID, hash: String?) -> PageDocument? {
        guard let hash, let text = SourceSnapshots(contentDirectory: contentDirectory, config: config).text(of: page, hash: hash) else { return nil }
        let path = SourceSnapshots(contentDirectory: contentDirectory, config: config).path(for: page, hash: hash)
        return try? PageDocument.parse(text: text, path: path, stage: .parse)
    }
}

/// The units of one page for export: which can be reused, which changed, which are new.
struct PagePlan {
    package private(set) var units: [ExchangeUnit] = []
    package private(set) var note: Diagnostic?

    package init(id: PageID, source: PageDocument, translation: PageDocument?, state: TranslationStatus.State, previous: PageDocument?) {
        // The translation's unit for each source unit that can be carried over, and whether it needs review.
        var carried: [UnitSlot: (unit: PageUnit, reused: Bool)] = [:]
        var earlier: [UnitSlot: (source: PageUnit, translation: PageUnit?)] = [:]
        let reference = source.path.display
        if let translation {
            switch state {
            case .upToDate, .machine, .unstamped:
                if translation.shapes == source.shapes {
                    for unit in source.units { if let match = translation.unit(unit.slot) { carried[unit.slot] = (match, state != .unstamped) } }
                } else {
                    note = Self.mismatch(translation, "the source page")
                }
            case .outdated:
                if let previous, previous.shapes == translation.shapes {
                    for (current, old) in Self.pairs(source.units, previous.units) {
                        let translated = translation.unit(old.slot)
                        if current.hash == old.hash, let translated {
                            carried[current.slot] = (translated, true)
                        } else {
                            earlier[current.slot] = (old, translated)
                        }
                    }
                } else if translation.shapes == source.shapes {
                    for unit in source.units { if let match = translation.unit(unit.slot) { carried[unit.slot] = (match, false) } }
                    if previous == nil {
                        note = .warning(.parse, FileLocation(file: translation.path.display),
                                        "the source text it was stamped from is not available (no snapshot, no git history); every unit is pre-filled for review")
                    }
                } else {
                    note = Self.mismatch(translation, previous == nil ? "the source page" : "the source version it was stamped from")
                }
            case .missing, .extra:
                break
            }
        }
        for unit in source.units {
            let markup = unit.sourceMarkup
            var exchange = ExchangeUnit(key: ExchangeUnit.key(page: id, slot: unit.slot, hash: unit.hash), source: markup.text,
                                        placeholders: markup.placeholders, target: nil, state: .untranslated,
                                        notes: markup.placeholders.map { placeholder in
                                            (placeholder.kind == .paired ? "<g\(placeholder.id)>" : "<x\(placeholder.id)/>") + ": " + placeholder.summary
                                        },
                                        reference: "\(reference):\(unit.line)")
            if let (translated, reused) = carried[unit.slot] {
                let target = Self.target(translated, against: markup)
                if markup.problem(with: target) != nil {
                    // Markup that differs from the source (a reordered list, a dropped link) cannot be pre-filled
                    // without breaking a placeholder; the translator sees it and translates the unit again.
                    exchange.notes.append("The page's current translation, whose markup does not match this source text: " + target.tagged)
                } else {
                    exchange.target = target
                    // A machine translation's text stays marked as such until a person reviews it.
                    exchange.state = translation?.frontMatter.machine == true ? .machine : reused ? (state == .outdated ? .reused : .translated) : .fuzzy
                }
            } else if let (old, translated) = earlier[unit.slot] {
                exchange.previousSource = old.sourceMarkup.text
                exchange.previousTarget = translated.map { Self.target($0, against: old.sourceMarkup) }
            }
            units.append(exchange)
        }
    }

    package static func target(_ translated: PageUnit, against markup: UnitMarkup) -> UnitText {
        switch translated.slot {
        case .title, .description: UnitMarkup(plainTranslation: translated.markdown, against: markup.placeholders).text
        case .block: UnitMarkup(translation: translated.pieces, against: markup.placeholders).text
        }
    }

    private static func mismatch(_ translation: PageDocument, _ what: String) -> Diagnostic {
        .warning(.parse, FileLocation(file: translation.path.display),
                 "its blocks do not match \(what) one to one, so its text cannot be pre-filled; import rebuilds it in the source page's layout")
    }

    /// Current units paired with the previous version's: equal units by a longest common subsequence of hashes, then
    /// the units left between two equal ones in order (a changed paragraph meets its earlier text). The title and
    /// description pair with their own kind.
    package static func pairs(_ current: [PageUnit], _ previous: [PageUnit]) -> [(PageUnit, PageUnit)] {
        var result: [(PageUnit, PageUnit)] = []
        for slot in [UnitSlot.title, .description] {
            if let now = current.first(where: { $0.slot == slot }), let then = previous.first(where: { $0.slot == slot }) { result.append((now, then)) }
        }
        let a = current.filter { $0.range != nil }
        let b = previous.filter { $0.range != nil }
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i].hash == b[j].hash ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var i = 0, j = 0
        var gapA: [PageUnit] = [], gapB: [PageUnit] = []
        func closeGap() {
            result += zip(gapA, gapB).map { ($0, $1) }
            gapA = []
            gapB = []
        }
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i].hash == b[j].hash {
                closeGap()
                result.append((a[i], b[j]))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                gapB.append(b[j])
                j += 1
            } else {
                gapA.append(a[i])
                i += 1
            }
        }
        closeGap()
        return result
    }
}
