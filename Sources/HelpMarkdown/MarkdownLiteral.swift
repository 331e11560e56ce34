/// Plain text and the Markdown text that shows it: the text a reader sees in a run of Markdown text (escapes and
/// entities decoded), and Markdown that cmark reads back as exactly the given text, whatever characters it holds.
public enum MarkdownLiteral {
    /// What a reader sees for `raw`, a text piece as `BlockSegmenter` cuts it: `\*` is `*`, `&amp;` is `&`.
    public static func decode(_ raw: String) -> String {
        guard raw.contains("\\") || raw.contains("&") else { return raw }
        let bytes = Array(raw.utf8)
        var entities = EntityDecoder()
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, InlineScanner.isASCIIPunctuation(bytes[index + 1]) {
                out.append(bytes[index + 1])
                index += 2
            } else if byte == UInt8(ascii: "&"), let (length, decoded) = entities.reference(in: bytes, at: index) {
                out += decoded
                index += length
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Where a run of text sits among the markup around it, which decides what must be escaped.
    public struct Context: Sendable, Equatable {
        /// The run starts a line: block markers (`#`, `>`, `-`, `1.`, `:::`) would start a block there.
        public var startsLine: Bool
        /// The run ends a line, so trailing spaces would make a hard break.
        public var endsLine: Bool
        /// Markup follows the run (a `!` before `[` would make an image).
        public var beforeMarkup: Bool
        /// Markup precedes the run (a `(` after `]` would make a link destination).
        public var afterMarkup: Bool

        public init(startsLine: Bool, endsLine: Bool, beforeMarkup: Bool, afterMarkup: Bool) {
            self.startsLine = startsLine
            self.endsLine = endsLine
            self.beforeMarkup = beforeMarkup
            self.afterMarkup = afterMarkup
        }
    }

    /// Markdown for one line's run of `text` (no newline in it) that a reader sees as `text`.
    public static func escape(_ text: String, _ context: Context) -> String {
        var characters = Substring(text)
        if context.startsLine { characters = characters.drop { $0 == " " || $0 == "\t" } }
        if context.endsLine { while characters.last == " " || characters.last == "\t" { characters = characters.dropLast() } }
        var out = ""
        if context.startsLine, let first = characters.first, lineStarts.contains(first) {
            out += "\\"
        } else if context.startsLine, let marker = orderedListMarker(characters) {
            out += characters[..<marker] + "\\"
            characters = characters[marker...]
        } else if context.afterMarkup, characters.first == "(" {
            out += "\\"
        }
        for (index, character) in zip(characters.indices, characters) {
            if everywhere.contains(character) {
                out += "\\"
            } else if character == "{", characters[characters.index(after: index)...].first == "#" {
                out += "\\"
            } else if character == "!", context.beforeMarkup, characters.index(after: index) == characters.endIndex {
                out += "\\"
            }
            out.append(character)
        }
        return out
    }

    /// Characters that start markup anywhere in a line: emphasis, code, links, autolinks and HTML, entities,
    /// escapes, and `#` (a heading's closing sequence).
    private static let everywhere: Set<Character> = ["\\", "*", "_", "`", "[", "]", "<", "&", "#"]
    /// Characters that start a block at the beginning of a line: quotes, list items, setext underlines, fences,
    /// directives, tables.
    private static let lineStarts: Set<Character> = [">", "-", "+", "=", "~", ":", "|"]

    /// The `.` or `)` of an ordered list marker (`1.`, `12)`) at the start of `text`.
    private static func orderedListMarker(_ text: Substring) -> Substring.Index? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let after = text[digits.endIndex...].first, after == "." || after == ")" else { return nil }
        return digits.endIndex
    }
}
