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
    static func parse(_ text: String, file: String, format: String, with reader: some TranslationFileReader,
                      namespaces: Bool = false) throws(DiagnosticError) {
        if let doctype = XMLProlog.doctype(in: text) {
            throw DiagnosticError(.error(.parse, FileLocation(file: file, line: doctype.line, column: doctype.column),
                                         "a DOCTYPE is not allowed: \(format) needs no entity declarations or external references; remove it and write characters as they are"))
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
}
