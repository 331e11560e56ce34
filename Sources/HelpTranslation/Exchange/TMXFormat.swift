import HelpCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A translation memory: source texts and their translations into one or more languages, as TMX 1.4b holds them.
public struct TranslationMemoryDocument: Sendable, Equatable {
    public var sourceLanguage: String
    public var units: [TranslationMemoryUnit]

    public init(sourceLanguage: String, units: [TranslationMemoryUnit]) {
        self.sourceLanguage = sourceLanguage
        self.units = units
    }
}

public struct TranslationMemoryUnit: Sendable, Equatable {
    public struct Variant: Sendable, Equatable {
        /// As written in the file (`de`, `de-DE`).
        public var language: String
        public var text: UnitText
    }

    /// `tuid`: the unit key of a helpsite export; memories from other tools may have none.
    public var id: String?
    public var variants: [Variant]
    /// The source text's placeholders, whose Markdown is written as the native code of `<bpt>`, `<ept>` and `<ph>`.
    public var placeholders: [Placeholder]
    /// Where the `<tu>` starts in a file read, for diagnostics.
    public var line: Int

    public init(id: String?, variants: [Variant], placeholders: [Placeholder] = [], line: Int = 0) {
        self.id = id
        self.variants = variants
        self.placeholders = placeholders
        self.line = line
    }
}

/// TMX 1.4b: one `<tu>` per unit with a `<tuv xml:lang>` per language; a placeholder is `<bpt i x>`/`<ept i>` around
/// words or `<ph x>` alone, holding the Markdown it stands for. No dates: the same content gives the same file.
public enum TMXFormat {
    public static func write(_ document: TranslationMemoryDocument) -> String {
        let text = XLIFFFormat.text
        let attribute = XLIFFFormat.attribute
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4">
            <header creationtool="helpsite" creationtoolversion="\(attribute(HelpSiteVersion.current))" segtype="paragraph" \
            o-tmf="helpsite" adminlang="en" srclang="\(attribute(document.sourceLanguage))" datatype="plaintext"/>
            <body>

            """
        for unit in document.units {
            out += unit.id.map { "<tu tuid=\"\(attribute($0))\">\n" } ?? "<tu>\n"
            for variant in unit.variants {
                let seg = variant.text.parts.map { part -> String in
                    let placeholder = { (id: Int) in unit.placeholders.first { $0.id == id } }
                    switch part {
                    case .text(let value): return text(value)
                    case .open(let id): return "<bpt i=\"\(id)\" x=\"\(id)\">\(text(placeholder(id)?.opening ?? ""))</bpt>"
                    case .close(let id): return "<ept i=\"\(id)\">\(text(placeholder(id)?.closing ?? ""))</ept>"
                    case .standalone(let id): return "<ph x=\"\(id)\">\(text(placeholder(id)?.opening ?? ""))</ph>"
                    }
                }.joined()
                out += "<tuv xml:lang=\"\(attribute(variant.language))\"><seg>\(seg)</seg></tuv>\n"
            }
            out += "</tu>\n"
        }
        out += "</body>\n</tmx>\n"
        return out
    }

    /// Reads TMX 1.x with the same hardening as XLIFF: a DOCTYPE that declares entities or is more than a name for the
    /// TMX DTD is refused, and so is an entity reference.
    public static func read(_ text: String, file: String) throws(DiagnosticError) -> TranslationMemoryDocument {
        let reader = TMXReader(file: file)
        try HardenedXML.parse(text, file: file, format: "TMX", with: reader, namingDTD: "tmx")
        guard reader.sawTMX else {
            throw DiagnosticError(.error(.parse, FileLocation(file: file, line: 1, column: 1), "not a TMX file (no <tmx> element)"))
        }
        return TranslationMemoryDocument(sourceLanguage: reader.sourceLanguage, units: reader.units)
    }
}

private final class TMXReader: NSObject, TranslationFileReader {
    let file: String
    var failure: DiagnosticError?
    var sawTMX = false
    var sourceLanguage = ""
    var units: [TranslationMemoryUnit] = []

    private var unit: TranslationMemoryUnit?
    private var language: String?
    private var parts: [UnitText.Part]?
    /// `<bpt i>` → the placeholder id it opened, for its `<ept i>`.
    private var paired: [Int: Int] = [:]
    private var nextStandalone = 1
    /// Inside a native code (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`): its text is markup, not words.
    private var codeDepth = 0

    init(file: String) { self.file = file }

    private func fail(_ parser: XMLParser, _ message: String) {
        guard failure == nil else { return }
        failure = DiagnosticError(.error(.parse, FileLocation(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)), message))
        parser.abortParsing()
    }

    private func number(_ attributes: [String: String], _ names: String...) -> Int? {
        names.lazy.compactMap { attributes[$0].flatMap(Int.init) }.first
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if codeDepth > 0 { codeDepth += 1; return }
        switch element {
        case "tmx":
            sawTMX = true
            if let version = attributes["version"], !version.hasPrefix("1.") {
                fail(parser, "TMX \(version) is not supported; helpsite reads TMX 1.4b")
            }
        case "header":
            sourceLanguage = attributes["srclang"] ?? ""
        case "tu":
            unit = TranslationMemoryUnit(id: attributes["tuid"], variants: [], line: parser.lineNumber)
        case "tuv":
            guard unit != nil else { return fail(parser, "<tuv> outside a <tu>") }
            guard let lang = attributes["xml:lang"] ?? attributes["lang"], !lang.isEmpty else {
                return fail(parser, "<tuv> needs an xml:lang attribute naming its language")
            }
            language = lang
        case "seg":
            guard language != nil else { return fail(parser, "<seg> outside a <tuv>") }
            parts = []
            paired = [:]
            nextStandalone = 1
        case "bpt", "ept", "ph", "it", "ut":
            guard parts != nil else { return fail(parser, "<\(element)> outside a <seg>") }
            codeDepth = 1
            switch element {
            case "bpt":
                guard let i = number(attributes, "i") else { return fail(parser, "<bpt> needs a numeric i attribute") }
                let id = number(attributes, "x") ?? i
                paired[i] = id
                parts?.append(.open(id))
            case "ept":
                guard let i = number(attributes, "i"), let id = paired.removeValue(forKey: i) else {
                    return fail(parser, "<ept> needs the i of an open <bpt>")
                }
                parts?.append(.close(id))
            default:
                let id = number(attributes, "x") ?? nextStandalone
                nextStandalone = id + 1
                parts?.append(.standalone(id))
            }
        case "hi", "body", "prop", "note", "map", "ude":
            break
        default:
            if parts != nil { fail(parser, "inline element <\(element)> is not TMX 1.4b") }
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if codeDepth > 0 { codeDepth -= 1; return }
        switch element {
        case "seg":
            guard let finished = parts, let lang = language else { return }
            if !paired.isEmpty { return fail(parser, "a <bpt> in this <seg> has no <ept>") }
            unit?.variants.append(.init(language: lang, text: UnitText(finished)))
            parts = nil
        case "tuv":
            language = nil
        case "tu":
            if let finished = unit { units.append(finished) }
            unit = nil
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard codeDepth == 0, var current = parts else { return }
        if case .text(let previous)? = current.last { current[current.count - 1] = .text(previous + string) } else { current.append(.text(string)) }
        parts = current
    }

    /// libxml2 may report a well-formedness error (a mismatched end tag) here and still let `parse()` succeed.
    func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
        fail(parser, "not well-formed XML: \(error.localizedDescription)")
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
    }
}
