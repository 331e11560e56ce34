import HelpCore
import Foundation
import HelpMarkdown
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XLIFF 1.2: one `<file>` per page, one `<trans-unit>` per unit, placeholders as `<g id="1">…</g>` and `<x id="2"/>`.
/// A reused unit's target is `state="translated" state-qualifier="exact-match"`; a changed unit carries its previous
/// source text and translation as `<alt-trans alttranstype="previous-version">`.
public enum XLIFFFormat {
    public static func write(_ document: ExchangeDocument) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">

            """
        for page in document.pages {
            out += "<file original=\"\(attribute(page.sourceFile))\" source-language=\"\(attribute(document.sourceLanguage))\" "
                + "target-language=\"\(attribute(document.targetLanguage))\" datatype=\"x-markdown\" product-name=\"\(attribute(document.siteTitle))\">\n"
            out += "<header><tool tool-id=\"helpsite\" tool-name=\"helpsite\"/></header>\n<body>\n"
            for unit in page.units {
                out += "<trans-unit id=\"\(attribute(unit.key))\" resname=\"\(attribute(unit.key))\" xml:space=\"preserve\">\n"
                out += "<source>\(inline(unit.source, unit.placeholders))</source>\n"
                if let target = unit.target {
                    let state: String
                    switch unit.state {
                    case .reused: state = "state=\"translated\" state-qualifier=\"exact-match\""
                    case .fuzzy: state = "state=\"needs-review-translation\""
                    case .memory: state = "state=\"needs-review-translation\" state-qualifier=\"exact-match\""
                    case .machine: state = "state=\"needs-review-translation\" state-qualifier=\"mt-suggestion\""
                    case .translated, .untranslated: state = "state=\"translated\""
                    }
                    out += "<target \(state)>\(inline(target, unit.placeholders))</target>\n"
                }
                if unit.state == .memory { out += "<note from=\"helpsite\">\(text(TranslationMemoryStore.note))</note>\n" }
                for note in unit.notes { out += "<note from=\"helpsite\">\(text(note))</note>\n" }
                out += "<context-group purpose=\"location\"><context context-type=\"sourcefile\">\(text(unit.reference))</context></context-group>\n"
                if let previous = unit.previousSource {
                    out += "<alt-trans alttranstype=\"previous-version\">\n<source>\(inline(previous, []))</source>\n"
                    if let translated = unit.previousTarget { out += "<target>\(inline(translated, []))</target>\n" }
                    out += "</alt-trans>\n"
                }
                out += "</trans-unit>\n"
            }
            out += "</body>\n</file>\n"
        }
        out += "</xliff>\n"
        return out
    }

    private static func inline(_ unitText: UnitText, _ placeholders: [Placeholder]) -> String {
        unitText.parts.map { part in
            switch part {
            case .text(let value): return text(value)
            case .open(let id):
                let ctype = placeholders.first { $0.id == id }.flatMap { ctypes[$0.markup ?? .html] }.map { " ctype=\"\($0)\"" } ?? ""
                return "<g id=\"\(id)\"\(ctype)>"
            case .close: return "</g>"
            case .standalone(let id):
                let equivalent = placeholders.first { $0.id == id }.map { " equiv-text=\"\(attribute($0.opening))\"" } ?? ""
                return "<x id=\"\(id)\"\(equivalent)/>"
            }
        }.joined()
    }

    private static let ctypes: [InlinePiece.Markup: String] = [.emphasis: "italic", .strong: "bold", .link: "link", .image: "x-image"]

    package static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    package static func attribute(_ value: String) -> String {
        text(value).replacingAll("\"", with: "&quot;").replacingAll("\n", with: "&#10;").replacingAll("\t", with: "&#9;")
    }

    /// Reads an XLIFF 1.2 file; each unit keeps the line its `<trans-unit>` starts on.
    public static func read(_ text: String, file: String) throws(DiagnosticError) -> ExchangeDocument {
        let reader = XLIFFReader(file: file)
        try HardenedXML.parse(text, file: file, format: "XLIFF", with: reader, namespaces: true)
        guard reader.sawXLIFF else {
            throw DiagnosticError(.error(.parse, FileLocation(file: file, line: 1, column: 1), "not an XLIFF file (no <xliff> element)"))
        }
        return ExchangeDocument(siteTitle: "", sourceLanguage: reader.sourceLanguage, targetLanguage: reader.targetLanguage,
                                pages: ExchangeDocument.grouped(reader.units))
    }
}

private final class XLIFFReader: NSObject, TranslationFileReader {
    let file: String
    var failure: DiagnosticError?
    var sawXLIFF = false
    var sourceLanguage = ""
    var targetLanguage = ""
    var units: [ExchangeUnit] = []

    private var unit: ExchangeUnit?
    private var unitLine = 0
    private var targetLine = 0
    private var state: String?
    private var qualifier: String?
    /// The element whose inline content is being read: "source" or "target"; nil elsewhere.
    private var reading: String?
    private var parts: [UnitText.Part] = []
    private var openTags: [Int] = []
    private var skipDepth = 0
    private var target: UnitText?
    private var source: UnitText?

    init(file: String) { self.file = file }

    private func fail(_ parser: XMLParser, _ message: String) {
        guard failure == nil else { return }
        failure = DiagnosticError(.error(.parse, FileLocation(file: file, line: max(1, parser.lineNumber), column: 1), message))
        parser.abortParsing()
    }

    /// libxml2 may report a well-formedness error (a mismatched end tag) here and still let `parse()` succeed.
    func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
        fail(parser, "not well-formed XML: \(error.localizedDescription)")
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if skipDepth > 0 { skipDepth += 1; return }
        switch element {
        case "xliff":
            sawXLIFF = true
            if let version = attributes["version"], !version.hasPrefix("1.") {
                fail(parser, "XLIFF \(version) is not supported; helpsite exports and imports XLIFF 1.2")
            }
        case "file":
            let language = attributes["target-language"] ?? ""
            if !targetLanguage.isEmpty && language != targetLanguage {
                fail(parser, "this <file> is for '\(language)' but an earlier one is for '\(targetLanguage)'; one language per file")
            }
            targetLanguage = language
            sourceLanguage = attributes["source-language"] ?? sourceLanguage
        case "trans-unit":
            unitLine = parser.lineNumber
            unit = ExchangeUnit(key: attributes["id"] ?? "", source: UnitText([]), target: nil, state: .untranslated, line: parser.lineNumber)
            source = nil
            target = nil
            state = nil
            qualifier = nil
            targetLine = 0
        case "alt-trans", "note", "context-group", "header", "seg-source":
            if unit != nil || element == "header" { skipDepth = 1 }
        case "source", "target":
            guard unit != nil else { return }
            reading = element
            parts = []
            openTags = []
            if element == "target" {
                state = attributes["state"]
                qualifier = attributes["state-qualifier"]
                targetLine = parser.lineNumber
            }
        case "g":
            guard reading != nil else { return }
            guard let id = attributes["id"].flatMap(Int.init) else { return fail(parser, "<g> needs a numeric id, as exported") }
            parts.append(.open(id))
            openTags.append(id)
        case "x":
            guard reading != nil else { return }
            guard let id = attributes["id"].flatMap(Int.init) else { return fail(parser, "<x> needs a numeric id, as exported") }
            parts.append(.standalone(id))
        case "mrk":
            break
        default:
            if reading != nil {
                fail(parser, "unit \(unit?.key ?? ""): inline element <\(element)> is not supported; keep the <g> and <x> placeholders as exported")
            }
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if skipDepth > 0 { skipDepth -= 1; return }
        switch element {
        case "g":
            guard reading != nil, let id = openTags.popLast() else { return }
            parts.append(.close(id))
        case "source", "target":
            guard reading == element else { return }
            reading = nil
            if element == "source" { source = UnitText(parts) } else { target = UnitText(parts) }
        case "trans-unit":
            guard var finished = unit else { return }
            finished.source = source ?? UnitText([])
            let translated = target.flatMap { $0.isEmpty ? nil : $0 }
            finished.target = translated
            let needsWork = ["new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
                             "needs-review-l10n", "needs-review-translation"]
            let unreviewed = state.map(needsWork.contains) ?? true
            if translated == nil {
                finished.state = .untranslated
            } else if qualifier == "mt-suggestion" && unreviewed {
                finished.state = .machine
            } else {
                finished.state = state.map(needsWork.contains) == true ? .fuzzy : .translated
            }
            finished.line = unitLine
            finished.targetLine = targetLine
            units.append(finished)
            unit = nil
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipDepth == 0, reading != nil else { return }
        if case .text(let previous)? = parts.last { parts[parts.count - 1] = .text(previous + string) } else { parts.append(.text(string)) }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
    }
}

/// The part of an XML document before its root element. A DOCTYPE can only appear there, and only a DOCTYPE can
/// declare entities or name an external file, so finding it is enough to refuse all three.
enum XMLProlog {
    /// Where `<!DOCTYPE` starts (1-based line and column), if it comes before the root element.
    package static func doctype(in text: String) -> (line: Int, column: Int)? {
        var rest = Substring(text)
        if rest.first == "\u{FEFF}" { rest = rest.dropFirst() }
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("<?") {
                guard let end = rest.range(of: "?>") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.prefix(9).uppercased() == "<!DOCTYPE" {
                let before = text[..<rest.startIndex]
                let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
                return (lines.count, (lines.last?.unicodeScalars.count ?? 0) + 1)
            } else {
                return nil
            }
        }
    }
}
