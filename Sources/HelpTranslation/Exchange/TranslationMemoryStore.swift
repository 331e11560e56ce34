import HelpConfig
import HelpCore
/// The translation memory that `helpsite import memory.tmx` keeps: `content/.helpsite/memory/<language>.tmx`, one
/// TMX 1.4b file per translation language, each source text once, sorted, without ids or dates. Kept with the content
/// (the dot folder is not part of the site) so it travels in git with the snapshots, an import shows as a readable
/// diff, and any CAT tool can open the file as it is. Exports prefill a unit that has no translation when its source
/// text matches an entry exactly; importing a memory never changes a page.
public struct TranslationMemoryStore {
    public static let folder = ".helpsite/memory"
    package static let note = "exact match from translation memory"

    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    /// A `.tmx` file is a translation memory to keep, not translations to write into pages.
    public static func isMemoryFile(_ path: String) -> Bool { path.lowercased().hasSuffix(".tmx") }

    public func path(_ language: String) -> SitePath {
        contentDirectory.appending(Self.folder).appending(language + ".tmx")
    }

    /// The stored entries for a language, by source text in its tagged form.
    package func entries(language: String) throws(DiagnosticError) -> [String: (source: UnitText, target: UnitText)] {
        let file = path(language)
        guard FileSystem.exists(file.path) else { return [:] }
        let document = try TMXFormat.read(try TextFile.read(file, stage: .parse).text, file: file.display)
        var entries: [String: (source: UnitText, target: UnitText)] = [:]
        for unit in document.units {
            guard let source = text(of: unit, in: config.defaultLanguage.code), let target = text(of: unit, in: language) else { continue }
            entries[source.tagged] = (source, target)
        }
        return entries
    }

    /// A unit's text in a site language. Placeholders written as text (`<g1>`, as in PO files that other tools turned
    /// into TMX) count as placeholders, so such a memory matches too.
    package func text(of unit: TranslationMemoryUnit, in language: String) -> UnitText? {
        unit.variants.first { siteLanguage($0.language) == language }.map { UnitText.parseTagged($0.text.tagged) }
    }

    /// The site language a TMX language tag stands for: the same code, or a regional variant of it (`de-DE` → `de`).
    func siteLanguage(_ tag: String) -> String? {
        let written = tag.lowercased().replacingAll("_", with: "-")
        if let exact = config.languages.first(where: { $0.code.lowercased() == written }) { return exact.code }
        guard let primary = written.split(separator: "-").first.map(String.init) else { return nil }
        return config.languages.first { $0.code.lowercased() == primary }?.code
    }

    public struct LanguageResult: Sendable, Equatable {
        public var language: String
        public var file: String
        public var entries: Int
        public var added: Int
        public var changed: Int
        public var written: Bool { added + changed > 0 }
    }

    public struct ImportResult: Sendable, Equatable {
        public var languages: [LanguageResult]
        /// Units with no text in the site's source language or no translation into a site language.
        public var skipped: Int
    }

    /// Reads a TMX file whole and merges it into the stored memory; a unit already stored takes the file's translation.
    /// Any error in the file (or in a stored memory) means nothing is written.
    public func importFile(_ file: SitePath, language only: String? = nil) throws(DiagnosticError) -> ImportResult {
        let document = try TMXFormat.read(try TextFile.read(file, stage: .parse).text, file: file.display)
        let source = config.defaultLanguage.code
        var incoming: [String: [String: (source: UnitText, target: UnitText)]] = [:]
        var skipped = 0
        for unit in document.units {
            guard let original = text(of: unit, in: source), original.hasWords else {
                skipped += 1
                continue
            }
            var used = false
            for language in Set(unit.variants.compactMap { siteLanguage($0.language) }) where language != source && (only == nil || only == language) {
                guard let translation = text(of: unit, in: language), !translation.isEmpty else { continue }
                incoming[language, default: [:]][original.tagged] = (original, translation)
                used = true
            }
            if !used { skipped += 1 }
        }
        guard !incoming.isEmpty else {
            throw DiagnosticError(.error(.parse, FileLocation(file: file.display, line: 1, column: 1),
                                         "no unit has text in \(source) (the site's source language) and a translation into "
                                         + (only.map { "\($0)" } ?? "a language of site.yaml") + "; nothing to remember"))
        }
        var writes: [(SitePath, String)] = []
        var results: [LanguageResult] = []
        for language in config.languages.map(\.code) {
            guard let entries = incoming[language] else { continue }
            var merged = try self.entries(language: language)
            var added = 0, changed = 0
            for (key, entry) in entries {
                if let stored = merged[key] {
                    if stored.target.tagged != entry.target.tagged { changed += 1 } else { continue }
                } else {
                    added += 1
                }
                merged[key] = entry
            }
            let result = LanguageResult(language: language, file: path(language).display, entries: merged.count, added: added, changed: changed)
            if result.written { writes.append((path(language), Self.memoryFile(merged, source: source, language: language))) }
            results.append(result)
        }
        for (target, text) in writes {
            do {
                try FileSystem.createDirectory(target.parent.path)
                try AtomicFile.replace(target.path, with: Array(text.utf8))
            } catch {
                throw DiagnosticError(.error(.write, FileLocation(file: target.display), "\(error)"))
            }
        }
        return ImportResult(languages: results, skipped: skipped)
    }

    private static func memoryFile(_ entries: [String: (source: UnitText, target: UnitText)], source: String, language: String) -> String {
        TMXFormat.write(TranslationMemoryDocument(sourceLanguage: source, units: entries.keys.sorted().compactMap { key in
            entries[key].map { TranslationMemoryUnit(id: nil, variants: [.init(language: source, text: $0.source), .init(language: language, text: $0.target)]) }
        }))
    }

    /// Gives every unit without a translation the stored one for its exact source text, marked for review; a stored
    /// translation whose placeholders do not fit the source is left out. Returns how many units were prefilled.
    @discardableResult
    package func prefill(_ document: inout ExchangeDocument) throws(DiagnosticError) -> Int {
        let memory = try entries(language: document.targetLanguage)
        guard !memory.isEmpty else { return 0 }
        var count = 0
        for page in document.pages.indices {
            for index in document.pages[page].units.indices {
                let unit = document.pages[page].units[index]
                guard unit.target == nil, let match = memory[unit.source.tagged],
                      UnitMarkup(text: unit.source, placeholders: unit.placeholders, softBreaks: []).problem(with: match.target) == nil else { continue }
                document.pages[page].units[index].target = match.target
                document.pages[page].units[index].state = .memory
                count += 1
            }
        }
        return count
    }
}
