import HelpConfig
import HelpContent
import HelpCore
import Foundation

/// GNU gettext PO files: one entry per unit, `msgctxt` holding the unit's key, placeholders as `<g1>…</g1>` and `<x2/>`.
/// Reused units carry a note; changed units carry the previous source text as `#| msgid`.
public enum POFormat {
    public static func write(_ document: ExchangeDocument) -> String {
        var out = """
            # \(document.siteTitle): translation from \(document.sourceLanguage) into \(document.targetLanguage), written by helpsite export.
            # Translate the text; keep each placeholder (<g1>…</g1> wraps words, <x2/> stands alone) and move it where the sentence needs it.
            # Bring the file back with: helpsite import FILE
            msgid ""
            msgstr ""
            "Project-Id-Version: \(escape(document.siteTitle))\\n"
            "Language: \(escape(document.targetLanguage))\\n"
            "Language-Team: \(escape(document.targetLanguage))\\n"
            "Last-Translator: \\n"
            "PO-Revision-Date: \(revisionDate())\\n"
            "MIME-Version: 1.0\\n"
            "Content-Type: text/plain; charset=UTF-8\\n"
            "Content-Transfer-Encoding: 8bit\\n"
            "X-Source-Language: \(escape(document.sourceLanguage))\\n"
            "X-Generator: helpsite\\n"

            """
        for page in document.pages {
            for unit in page.units {
                out += "\n"
                if unit.state == .memory { out += "# \(TranslationMemoryStore.note)\n" }
                var notes = unit.notes
                if unit.state == .reused { notes.insert("Reused: this source text did not change since the stamped version.", at: 0) }
                if let previous = unit.previousTarget { notes.append("Previous translation: " + previous.tagged) }
                for note in notes {
                    for line in note.split(separator: "\n", omittingEmptySubsequences: false) { out += "#. \(line)\n" }
                }
                out += "#: \(unit.reference)\n"
                if unit.state == .fuzzy || unit.state == .memory { out += "#, fuzzy\n" }
                if unit.state == .machine { out += "#, fuzzy, machine\n" }
                if let previous = unit.previousSource { out += quoted("#| msgid", previous.tagged) }
                out += quoted("msgctxt", unit.key)
                out += quoted("msgid", unit.source.tagged)
                out += quoted("msgstr", unit.target?.tagged ?? "")
            }
        }
        return out
    }

    /// Now, as gettext writes it (`2026-12-02 08:19+0000`); the only line of an export that is not the same every time.
    private static func revisionDate() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mmZ"
        return formatter.string(from: Date())
    }

    private static func quoted(_ keyword: String, _ text: String) -> String {
        let prefix = keyword.hasPrefix("#|") ? "#| " : ""
        guard text.contains("\n"), text.firstIndex(of: "\n") != text.index(before: text.endIndex) else {
            return "\(keyword) \"\(escape(text))\"\n"
        }
        var out = "\(keyword) \"\"\n"
        var line = ""
        for character in text {
            line.append(character)
            if character == "\n" {
                out += "\(prefix)\"\(escape(line))\"\n"
                line = ""
            }
        }
        if !line.isEmpty { out += "\(prefix)\"\(escape(line))\"\n" }
        return out
    }

    package static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\" + String(scalar.value, radix: 8)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Reads a PO file; entries come back with their line numbers. Errors name the file and line.
    public static func read(_ text: String, file: String) throws(DiagnosticError) -> ExchangeDocument {
        var document = ExchangeDocument(siteTitle: "", sourceLanguage: "", targetLanguage: "", pages: [])
        var units: [ExchangeUnit] = []
        var entry = Entry()
        var current: WritableKeyPath<Entry, String?>?
        func error(_ line: Int, _ message: String) -> DiagnosticError {
            DiagnosticError(.error(.parse, FileLocation(file: file, line: line, column: 1), message))
        }
        func finish() throws(DiagnosticError) {
            defer { entry = Entry(); current = nil }
            guard let msgid = entry.msgid else {
                if entry.startLine > 0 && !entry.obsolete && entry.msgstr != nil { throw error(entry.startLine, "msgstr without msgid") }
                return
            }
            if entry.obsolete { return }
            if entry.plural { throw error(entry.startLine, "plural entries (msgid_plural) are not helpsite units") }
            guard let msgstr = entry.msgstr else { throw error(entry.startLine, "entry has no msgstr") }
            if msgid.isEmpty && entry.msgctxt == nil {
                for field in msgstr.split(separator: "\n") {
                    let pair = field.split(separator: ":", maxSplits: 1).map { $0.trimmingSpacesAndNewlines() }
                    guard pair.count == 2 else { continue }
                    if pair[0] == "Language" { document.targetLanguage = pair[1] }
                    if pair[0] == "X-Source-Language" { document.sourceLanguage = pair[1] }
                    if pair[0] == "Project-Id-Version" { document.siteTitle = pair[1] }
                }
                return
            }
            guard let key = entry.msgctxt else { throw error(entry.startLine, "entry has no msgctxt; helpsite needs the unit key it exported (page:unit:hash)") }
            var unit = ExchangeUnit(key: key, source: UnitText.parseTagged(msgid), target: msgstr.isEmpty ? nil : UnitText.parseTagged(msgstr),
                                    state: msgstr.isEmpty ? .untranslated : (entry.fuzzy ? (entry.machine ? .machine : .fuzzy) : .translated), line: entry.msgctxtLine)
            unit.targetLine = entry.msgstrLine
            units.append(unit)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            var line = Substring(raw.hasSuffix("\r") ? raw.dropLast() : raw).trimmingSpacesAndNewlines()[...]
            if line.isEmpty { try finish(); continue }
            if line.hasPrefix("#~") {
                if entry.msgid != nil && !entry.obsolete { try finish() }
                entry.obsolete = true
                if entry.startLine == 0 { entry.startLine = number }
                continue
            }
            if line.hasPrefix("#") {
                if entry.msgstr != nil { try finish() }
                if entry.startLine == 0 { entry.startLine = number }
                if line.hasPrefix("#,") {
                    let flags = line.dropFirst(2).split(separator: ",").map { $0.trimmingSpacesAndNewlines() }
                    if flags.contains("fuzzy") { entry.fuzzy = true }
                    if flags.contains("machine") { entry.machine = true }
                }
                continue
            }
            if line.hasPrefix("\"") {
                guard let path = current else { throw error(number, "a string continues nothing; it must follow msgctxt, msgid or msgstr") }
                entry[keyPath: path] = (entry[keyPath: path] ?? "") + (try unquote(line, line: number, file: file))
                continue
            }
            let keyword = line.prefix(while: { $0 != " " && $0 != "\t" && $0 != "\"" })
            line = line.dropFirst(keyword.count).drop(while: { $0 == " " || $0 == "\t" })
            let value = try unquote(line, line: number, file: file)
            switch keyword {
            case "msgctxt":
                if entry.msgid != nil || entry.msgctxt != nil { try finish() }
                if entry.startLine == 0 { entry.startLine = number }
                entry.msgctxt = value
                entry.msgctxtLine = number
                current = \.msgctxt
            case "msgid":
                if entry.msgid != nil { try finish() }
                if entry.startLine == 0 { entry.startLine = number }
                entry.msgid = value
                current = \.msgid
            case "msgid_plural":
                entry.plural = true
                current = nil
            case "msgstr":
                if entry.msgstr != nil { throw error(number, "a second msgstr in one entry; each entry has one translation") }
                entry.msgstr = value
                entry.msgstrLine = number
                current = \.msgstr
            default:
                if keyword.hasPrefix("msgstr[") {
                    entry.plural = true
                    current = nil
                } else {
                    throw error(number, "unknown keyword '\(keyword)'")
                }
            }
        }
        try finish()
        document.pages = ExchangeDocument.grouped(units)
        return document
    }

    private struct Entry {
        var startLine = 0
        var msgctxtLine = 0
        var msgstrLine = 0
        var msgctxt: String?
        var msgid: String?
        var msgstr: String?
        var fuzzy = false
        /// With `fuzzy`: a machine translation (`#, fuzzy, machine`); clearing fuzzy in a review clears it.
        var machine = false
        var obsolete = false
        var plural = false
    }

    private static func unquote(_ text: Substring, line: Int, file: String) throws(DiagnosticError) -> String {
        func refuse(_ message: String) -> DiagnosticError {
            DiagnosticError(.error(.parse, FileLocation(file: file, line: line, column: 1), message))
        }
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { throw refuse("expected a string in double quotes") }
        var out = ""
        var escaped = false
        var octal = ""
        var hex: String?
        /// gettext's `\ooo` and `\xhh` stand for bytes; only ASCII ones are one character of the UTF-8 text.
        func append(_ digits: String, radix: Int, written: String) throws(DiagnosticError) {
            guard let value = UInt32(digits, radix: radix), value < 0x80, let scalar = Unicode.Scalar(value) else {
                throw refuse("'\\\(written)' is not an ASCII character; write the character itself (the file is UTF-8)")
            }
            out.unicodeScalars.append(scalar)
        }
        func flushOctal() throws(DiagnosticError) {
            if !octal.isEmpty { try append(octal, radix: 8, written: octal) }
            octal = ""
        }
        func flushHex() throws(DiagnosticError) {
            guard let digits = hex else { return }
            hex = nil
            try append(digits, radix: 16, written: "x" + digits)
        }
        for character in text.dropFirst().dropLast() {
            if !octal.isEmpty {
                if ("0"..."7").contains(character) && octal.count < 3 { octal.append(character); continue }
                try flushOctal()
            }
            if let digits = hex {
                if character.isHexDigit && digits.count < 2 { hex = digits + String(character); continue }
                try flushHex()
            }
            if escaped {
                escaped = false
                switch character {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "a": out += "\u{07}"
                case "b": out += "\u{08}"
                case "f": out += "\u{0C}"
                case "v": out += "\u{0B}"
                case "0"..."7": octal = String(character)
                case "x": hex = ""
                case "\\", "\"", "'", "?": out.append(character)
                default: throw refuse("unknown escape '\\\(character)' in a string; write a backslash as \\\\")
                }
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                throw refuse("unescaped '\"' inside a string")
            } else {
                out.append(character)
            }
        }
        if escaped { throw refuse("the string ends with a lone backslash, which escapes its closing quote; write a backslash as \\\\") }
        try flushOctal()
        try flushHex()
        return out
    }
}

extension ExchangeDocument {
    /// Units in file order, grouped into pages by their key's page id (units with unreadable keys form a page of their own).
    static func grouped(_ units: [ExchangeUnit]) -> [ExchangePage] {
        var pages: [ExchangePage] = []
        for unit in units {
            let id = ExchangeUnit.parseKey(unit.key)?.page ?? (StringUnits.isKey(unit.key) ? StringUnits.page : PageID(""))
            if let index = pages.lastIndex(where: { $0.id == id }) {
                pages[index].units.append(unit)
            } else {
                pages.append(ExchangePage(id: id, sourceFile: "", units: [unit]))
            }
        }
        return pages
    }
}
