import HelpContent
import HelpCore

/// What `export` writes and `import` reads, whatever the file format: units grouped by page.
public struct ExchangeDocument: Sendable, Equatable {
    public var siteTitle: String
    public var sourceLanguage: String
    public var targetLanguage: String
    public var pages: [ExchangePage]

    public init(siteTitle: String, sourceLanguage: String, targetLanguage: String, pages: [ExchangePage]) {
        self.siteTitle = siteTitle
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.pages = pages
    }
}

public struct ExchangePage: Sendable, Equatable {
    public var id: PageID
    /// `content/nb/arn.md`, as the translator's tool shows it.
    public var sourceFile: String
    public var units: [ExchangeUnit]
}

public struct ExchangeUnit: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case untranslated
        case translated
        /// Pre-filled from the translation because this unit's source text did not change.
        case reused
        /// Pre-filled, but needs the translator's review.
        case fuzzy
        /// Translated by a machine and not reviewed yet: it counts as translated, and makes the page `machine: true`.
        case machine
        /// Pre-filled from the translation memory (an exact match of the source text); needs the translator's review.
        case memory
    }

    /// `arn:3:1a2b3c4d5e6f`: the page, the unit's place in it and its source text's hash.
    public var key: String
    public var source: UnitText
    public var placeholders: [Placeholder]
    public var target: UnitText?
    public var state: State
    /// For a changed unit: its source text and translation at the stamped version.
    public var previousSource: UnitText?
    public var previousTarget: UnitText?
    /// Explanations for the translator: placeholders and glossary terms.
    public var notes: [String]
    /// `content/nb/arn.md:14`.
    public var reference: String
    /// Where the unit was read from in an imported file, for diagnostics: its key (`msgctxt`, `<trans-unit>`) and
    /// its translation (`msgstr`, `<target>`).
    public var line: Int = 0
    public var targetLine: Int = 0

    public init(key: String, source: UnitText, placeholders: [Placeholder] = [], target: UnitText?, state: State,
                previousSource: UnitText? = nil, previousTarget: UnitText? = nil, notes: [String] = [], reference: String = "", line: Int = 0) {
        self.key = key
        self.source = source
        self.placeholders = placeholders
        self.target = target
        self.state = state
        self.previousSource = previousSource
        self.previousTarget = previousTarget
        self.notes = notes
        self.reference = reference
        self.line = line
    }

    /// The line to point at for a problem with the translation: the translation's own, else the unit's.
    var translationLine: Int { targetLine > 0 ? targetLine : line }

    package static func key(page: PageID, slot: UnitSlot, hash: String) -> String { "\(page.path):\(slot):\(hash)" }

    /// The page, slot and hash in a key; page ids may hold `:`, so it is read from the right.
    static func parseKey(_ key: String) -> (page: PageID, slot: UnitSlot, hash: String)? {
        let parts = key.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let slot = UnitSlot(parts[parts.count - 2]) else { return nil }
        let page = parts.dropLast(2).joined(separator: ":")
        guard !page.isEmpty else { return nil }
        return (PageID(page), slot, String(parts[parts.count - 1]))
    }
}

/// Writes an exported file in one step, so a tool never reads half of it.
public enum ExchangeFile {
    public static func write(_ text: String, to path: String) throws(DiagnosticError) {
        do { try AtomicFile.replace(path, with: Array(text.utf8)) } catch {
            throw DiagnosticError(.error(.write, FileLocation(file: path), "\(error)"))
        }
    }
}
