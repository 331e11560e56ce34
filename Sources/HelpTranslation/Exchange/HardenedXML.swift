import HelpCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parser delegate that reads a translation file and keeps the first problem it found.
protocol TranslationFileReader: XMLParserDelegate {
    var failure: DiagnosticError? { get }
}

/// XML as translation files (XLIFF, TMX) are read: a DOCTYPE, the only way to declare entities or name external
/// files, is refused at its line and column, and so is XML that is not well formed.
enum HardenedXML {
    /// `namingDTD`: the root element name of a DOCTYPE that only names a DTD, as TMX tools write
    /// (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`), which is then let through: the DTD is never loaded, and since it could
    /// declare entities, any entity reference beyond XML's five is refused instead of being read as nothing.
    package static func parse(_ text: String, file: String, format: String, with reader: some TranslationFileReader,
                      namespaces: Bool = false, namingDTD root: String? = nil) throws(DiagnosticError) {
        if let doctype = XMLProlog.doctype(in: text) {
            let location = FileLocation(file: file, line: doctype.line, column: doctype.column)
            guard let root, namesOnlyADTD(text, at: doctype, root: root) else {
                throw DiagnosticError(.error(.parse, location,
                                             "a DOCTYPE is not allowed: \(format) needs no entity declarations or external references; remove it and write characters as they are"))
            }
            if let reference = entityReference(in: text) {
                throw DiagnosticError(.error(.parse, FileLocation(file: file, line: reference.line, column: reference.column),
                                             "the entity reference \(reference.name) is not allowed: write the character itself (only &amp; &lt; &gt; &quot; &apos; and &#…; are read)"))
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        parser.shouldProcessNamespaces = namespaces
        let parsed = parser.parse()
        if let failure = reader.failure { throw failure }
        guard parsed else {
            throw DiagnosticError(.error(.parse, FileLocation(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)),
                                         "not well-formed XML: \(parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error")"))
        }
    }

    private static func namesOnlyADTD(_ text: String, at doctype: (line: Int, column: Int), root: String) -> Bool {
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)[doctype.line - 1]
        guard let declaration = line.unicodeScalars.dropFirst(doctype.column - 1).split(separator: ">", maxSplits: 1).first else { return false }
        let literal = #"("[^"<>\[\]]*"|'[^'<>\[\]]*')"#
        let pattern = #"^<!DOCTYPE\s+"# + root + #"\s+(SYSTEM\s+"# + literal + #"|PUBLIC\s+"# + literal + #"\s+"# + literal + #")\s*$"#
        return String(String.UnicodeScalarView(declaration)).range(of: pattern, options: .regularExpression) != nil
    }

    /// The first `&name;` that is not one of XML's predefined entities, with its 1-based line and column.
    private static func entityReference(in text: String) -> (name: String, line: Int, column: Int)? {
        let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line.unicodeScalars[...]
            while let ampersand = rest.firstIndex(of: "&") {
                let name = rest[rest.index(after: ampersand)...].prefix { $0 != ";" && !$0.properties.isWhitespace && $0 != "&" && $0 != "<" }
                let word = String(String.UnicodeScalarView(name))
                if !word.hasPrefix("#"), !predefined.contains(word) {
                    return ("&" + word + ";", index + 1, line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: ampersand) + 1)
                }
                rest = rest[rest.index(after: ampersand)...]
            }
        }
        return nil
    }
}
