import HelpConfig
import HelpCore
import Yams

/// `content/glossary.yaml`: how each language must render a source-language term, the variants it must not use,
/// and names that are never translated. `check` warns about translations that break it; `export` adds notes.
///
/// ```yaml
/// names: [ARN, Klarna]            # kept as written in every language
/// terms:
///   klageansvarlig:               # as the source language writes it
///     de: {use: Beschwerdemanagement, avoid: [Beschwerdestelle]}
/// ```
public struct Glossary: Sendable, Equatable {
    public static let fileName = "glossary.yaml"

    public struct Rendering: Sendable, Equatable {
        public var use: String?
        public var avoid: [String]
    }

    public struct Term: Sendable, Equatable {
        public var source: String
        public var renderings: [String: Rendering]
    }

    public var names: [String]
    public var terms: [Term]

    /// Notes for a unit whose source text holds glossary terms or names.
    package func notes(for text: UnitText, language: String) -> [String] {
        let plain = text.parts.compactMap { if case .text(let value) = $0 { value } else { nil } }.joined()
        var notes: [String] = []
        for name in names where Self.find(name, in: plain) != nil {
            notes.append("Glossary: keep the name \(name) as it is.")
        }
        for term in terms where Self.find(term.source, in: plain) != nil {
            guard let rendering = term.renderings[language] else { continue }
            var note = "Glossary: \(term.source)"
            if let use = rendering.use { note += " → \(use)" }
            if !rendering.avoid.isEmpty { note += " (not: \(rendering.avoid.joined(separator: ", ")))" }
            notes.append(note)
        }
        return notes
    }

    /// The first place `needle` starts a word in `text`, case-insensitive. Inflected forms count
    /// (`Beschwerdemanagements`, `klageansvarlige`): the word may go on after it.
    package static func find(_ needle: String, in text: String) -> Range<String.Index>? {
        occurrences(of: needle, in: text).first
    }

    static func occurrences(of needle: String, in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var start = text.startIndex
        while let range = text.range(of: needle, options: [.caseInsensitive], range: start..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            if !(before?.isLetter ?? false) { found.append(range) }
            start = range.upperBound
        }
        return found
    }
}

public struct GlossaryLoader {
    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    /// Nil when there is no glossary file.
    public func load() throws(DiagnosticError) -> Glossary? {
        let file = contentDirectory.appending(Glossary.fileName)
        guard FileSystem.kind(of: file.path) == .file else { return nil }
        let text = try TextFile.read(file, stage: .parse).text
        let reader = YAMLReader(file: file.display, lineOffset: 0, stage: .parse)
        var log = DiagnosticLog()
        var glossary = Glossary(names: [], terms: [])
        let root = try reader.compose(text)
        for pair in reader.mapping(root, allowedKeys: ["names", "terms"], what: Glossary.fileName, log: &log) {
            if pair.key == "names" {
                glossary.names = strings(pair.value, reader: reader, key: "names", log: &log)
                continue
            }
            guard let terms = pair.value.mapping else {
                log.append(reader.error(at: pair.value, "'terms' must map each source-language term to its renderings"))
                continue
            }
            for (keyNode, value) in terms {
                guard let key = keyNode.scalar?.string else { continue }
                let term = (key: key, value: value)
                var rendering: [String: Glossary.Rendering] = [:]
                let codes = config.languages.map(\.code)
                for language in reader.mapping(term.value, allowedKeys: codes, what: "term '\(term.key)'", log: &log) {
                    var entry = Glossary.Rendering(use: nil, avoid: [])
                    for field in reader.mapping(language.value, allowedKeys: ["use", "avoid"], what: "\(term.key).\(language.key)", log: &log) {
                        if field.key == "use" { entry.use = reader.string(field.value, key: "use", log: &log) }
                        else { entry.avoid = strings(field.value, reader: reader, key: "avoid", log: &log) }
                    }
                    rendering[language.key] = entry
                }
                glossary.terms.append(Glossary.Term(source: term.key, renderings: rendering))
            }
        }
        if let first = log.diagnostics.first(where: { $0.severity == .error }) { throw DiagnosticError(first) }
        return glossary
    }

    private func strings(_ node: Node, reader: YAMLReader, key: String, log: inout DiagnosticLog) -> [String] {
        guard case .sequence(let items) = node else {
            log.append(.error(.parse, reader.location(of: node), "'\(key)' must be a list, e.g. [ARN, Klarna]"))
            return []
        }
        return items.compactMap { reader.string($0, key: key, log: &log) }
    }
}
