import HelpCore
import HelpMarkdown

/// A unit's text as a translator sees it: words, plus numbered placeholders standing for Markdown markup.
/// Paired placeholders (`<g1>…</g1>`) wrap translatable text such as a link's words; standalone ones (`<x2/>`)
/// stand for a code span, a heading id, a hard break. The same model is written as PO text and as XLIFF inline
/// elements.
public struct UnitText: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        case open(Int)
        case close(Int)
        case standalone(Int)
    }

    public var parts: [Part]

    public init(_ parts: [Part]) { self.parts = parts }

    public var isEmpty: Bool { parts.allSatisfy { if case .text(let text) = $0 { text.isEmpty } else { false } } }

    /// Only placeholders and spaces or punctuation: nothing for a translator to do.
    var hasWords: Bool {
        parts.contains { if case .text(let text) = $0 { text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil } } else { false } }
    }

    /// The first character a page file cannot hold (`U+0000`), as `U+XXXX`: C0 controls other than tab and
    /// newline, and DEL. A carriage return would start a new line in the page.
    var controlCharacter: String? {
        for case .text(let text) in parts {
            if let scalar = text.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F }) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return nil
    }

    /// The PO form: `<g1>` … `</g1>` and `<x2/>`.
    public var tagged: String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .open(let id): "<g\(id)>"
            case .close(let id): "</g\(id)>"
            case .standalone(let id): "<x\(id)/>"
            }
        }.joined()
    }

    /// Reads the PO form back; any other `<` is text.
    public static func parseTagged(_ text: String) -> UnitText {
        var parts: [Part] = []
        var pending = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            pending += rest[..<open]
            rest = rest[open...]
            if let (part, length) = Self.tag(at: rest) {
                if !pending.isEmpty { parts.append(.text(pending)) }
                pending = ""
                parts.append(part)
                rest = rest.dropFirst(length)
            } else {
                pending += "<"
                rest = rest.dropFirst()
            }
        }
        pending += rest
        if !pending.isEmpty { parts.append(.text(pending)) }
        return UnitText(parts)
    }

    /// `<g12>`, `</g12>` or `<x12/>` at the start of `text`, with its length in characters.
    package static func tag(at text: Substring) -> (Part, Int)? {
        var characters = text.dropFirst()
        var closing = false
        if characters.first == "/" { closing = true; characters = characters.dropFirst() }
        guard let letter = characters.first, letter == "g" || (letter == "x" && !closing) else { return nil }
        let digits = characters.dropFirst().prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count < 6, digits.first != "0", let id = Int(digits) else { return nil }
        let after = characters.dropFirst(1 + digits.count)
        if letter == "x" {
            guard after.hasPrefix("/>") else { return nil }
            return (.standalone(id), 4 + digits.count)
        }
        guard after.hasPrefix(">") else { return nil }
        return (closing ? .close(id) : .open(id), (closing ? 3 : 2) + digits.count + 1)
    }
}

/// What a placeholder stands for in the source unit.
public struct Placeholder: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case paired, standalone }
    public var id: Int
    public var kind: Kind
    public var markup: InlinePiece.Markup?
    /// The Markdown written before the wrapped text (or the whole markup of a standalone placeholder).
    public var opening: String
    public var closing: String

    /// A short description for the translator: `link to complaints.md#how-to-complain`, `code \`x\``.
    public var summary: String {
        switch markup {
        case .link?: "link " + Self.target(closing)
        case .image?: "image " + Self.target(closing)
        case .emphasis?: "emphasis"
        case .strong?: "strong emphasis"
        case .code?: "code " + opening
        case .autolink?: "link " + opening
        case .headingID?: "heading id " + opening.trimmingSpacesAndNewlines()
        case .hardBreak?: "line break"
        case .html?, nil: "markup " + opening
        }
    }

    private static func target(_ closing: String) -> String {
        var text = Substring(closing)
        if text.hasPrefix("](") && text.hasSuffix(")") { text = text.dropFirst(2).dropLast() }
        return String(text)
    }
}

/// A unit's Markdown pieces turned into `UnitText` and the placeholders it uses, and back.
public struct UnitMarkup: Sendable, Equatable {
    public var text: UnitText
    public var placeholders: [Placeholder]
    /// The raw soft line breaks, in order, so unchanged text is written back byte for byte.
    public var softBreaks: [String]

    public init(text: UnitText, placeholders: [Placeholder], softBreaks: [String]) {
        self.text = text
        self.placeholders = placeholders
        self.softBreaks = softBreaks
    }

    /// The source side: every piece of markup becomes a placeholder, numbered in order; text is what the reader
    /// sees (escapes and entities decoded).
    public init(source pieces: [InlinePiece]) {
        self.init(source: pieces, decoding: true)
    }

    private init(source pieces: [InlinePiece], decoding: Bool) {
        var parts: [UnitText.Part] = []
        var placeholders: [Placeholder] = []
        var breaks: [String] = []
        var open: [Int] = []
        func addText(_ text: String) {
            for segment in Self.splitTagLookalikes(text) {
                switch segment {
                case .plain(let plain):
                    if case .text(let previous)? = parts.last { parts[parts.count - 1] = .text(previous + plain) } else { parts.append(.text(plain)) }
                case .lookalike(let literal):
                    let opening = decoding ? Self.escapedLookalike(literal) : literal
                    placeholders.append(Placeholder(id: placeholders.count + 1, kind: .standalone, markup: nil, opening: opening, closing: ""))
                    parts.append(.standalone(placeholders.count))
                }
            }
        }
        for piece in pieces {
            switch piece {
            case .text(let text): addText(decoding ? MarkdownLiteral.decode(text) : text)
            case .softBreak(let raw):
                breaks.append(raw)
                addText("\n")
            case .open(let markup, let raw):
                placeholders.append(Placeholder(id: placeholders.count + 1, kind: .paired, markup: markup, opening: raw, closing: ""))
                open.append(placeholders.count)
                parts.append(.open(placeholders.count))
            case .close(_, let raw):
                guard let id = open.popLast() else { addText(raw); continue }
                placeholders[id - 1].closing = raw
                parts.append(.close(id))
            case .atom(let markup, let raw):
                placeholders.append(Placeholder(id: placeholders.count + 1, kind: .standalone, markup: markup, opening: raw, closing: ""))
                parts.append(.standalone(placeholders.count))
            }
        }
        self.text = UnitText(parts)
        self.placeholders = placeholders
        self.softBreaks = breaks
    }

    /// The translation side of a unit, numbered against the source's placeholders: a construct written exactly as in
    /// the source takes its placeholder; markup the source does not have stays as Markdown text the translator sees.
    public init(translation pieces: [InlinePiece], against source: [Placeholder]) {
        self.init(translation: pieces, against: source, decoding: true)
    }

    /// The translation of plain text (a title or description), against the source's `init(plain:)`.
    public init(plainTranslation text: String, against source: [Placeholder]) {
        self.init(translation: [.text(text)], against: source, decoding: false)
    }

    private init(translation pieces: [InlinePiece], against source: [Placeholder], decoding: Bool) {
        var used = Set<Int>()
        func match(_ kind: Placeholder.Kind, _ markup: InlinePiece.Markup, _ opening: String, _ closing: String) -> Int? {
            let found = source.first { !used.contains($0.id) && $0.kind == kind && $0.markup == markup && $0.opening == opening && $0.closing == closing }
            if let found { used.insert(found.id) }
            return found?.id
        }
        var closingOf: [Int: Int] = [:]
        var stack: [Int] = []
        for (index, piece) in pieces.enumerated() {
            if case .open = piece { stack.append(index) }
            if case .close = piece, let opener = stack.popLast() { closingOf[opener] = index }
        }
        var parts: [UnitText.Part] = []
        var breaks: [String] = []
        var idAt: [Int: Int] = [:]
        var literalAt = Set<Int>()
        func addText(_ text: String) {
            if case .text(let previous)? = parts.last { parts[parts.count - 1] = .text(previous + text) } else { parts.append(.text(text)) }
        }
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .text(let text):
                for segment in Self.splitTagLookalikes(decoding ? MarkdownLiteral.decode(text) : text) {
                    switch segment {
                    case .plain(let plain): addText(plain)
                    case .lookalike(let literal):
                        let opening = decoding ? Self.escapedLookalike(literal) : literal
                        if let found = source.first(where: { !used.contains($0.id) && $0.markup == nil && $0.opening == opening }) {
                            used.insert(found.id)
                            parts.append(.standalone(found.id))
                        } else {
                            addText(literal)
                        }
                    }
                }
            case .softBreak(let raw):
                breaks.append(raw)
                addText("\n")
            case .open(let markup, let raw):
                let closing = closingOf[index].map { pieces[$0].markdown } ?? ""
                if closingOf[index] != nil, let id = match(.paired, markup, raw, closing) {
                    idAt[closingOf[index]!] = id
                    parts.append(.open(id))
                } else {
                    if let closer = closingOf[index] { literalAt.insert(closer) }
                    addText(raw)
                }
            case .close(_, let raw):
                if let id = idAt[index] { parts.append(.close(id)) } else { addText(raw) }
            case .atom(let markup, let raw):
                if let id = match(.standalone, markup, raw, "") { parts.append(.standalone(id)) } else { addText(raw) }
            }
        }
        self.text = UnitText(parts)
        self.placeholders = source
        self.softBreaks = breaks
    }

    /// Plain text (a title or description): no markup, but text that looks like a placeholder is protected.
    public init(plain text: String) {
        self.init(source: [.text(text)], decoding: false)
    }

    /// The Markdown for `text` with this unit's placeholders: soft breaks as they were written where there are as
    /// many, otherwise `continuation` after each newline. Text is escaped, so the reader sees it as written and
    /// markup comes only from placeholders.
    public func markdown(for text: UnitText, continuation: String) -> String {
        var output = ""
        var breakIndex = 0
        for (index, part) in text.parts.enumerated() {
            switch part {
            case .text(let words):
                let lines = words.split(separator: "\n", omittingEmptySubsequences: false)
                for (number, line) in lines.enumerated() {
                    if number > 0 {
                        output += breakIndex < softBreaks.count ? softBreaks[breakIndex] : "\n" + continuation
                        breakIndex += 1
                    }
                    let context = MarkdownLiteral.Context(startsLine: number > 0 || Self.atLineStart(output), endsLine: number < lines.count - 1,
                                                          beforeMarkup: number == lines.count - 1 && index < text.parts.count - 1,
                                                          afterMarkup: number == 0 && index > 0)
                    output += MarkdownLiteral.escape(String(line), context)
                }
            case .open(let id): output += placeholders[id - 1].opening
            case .close(let id): output += placeholders[id - 1].closing
            case .standalone(let id): output += placeholders[id - 1].opening
            }
        }
        return output
    }

    /// Why `text` cannot stand in for this unit's source: a placeholder missing, repeated, unknown, of the wrong
    /// kind, or tags closed out of order. Nil when it is fine.
    public func problem(with text: UnitText) -> String? {
        var seen = Set<Int>()
        var open: [Int] = []
        func name(_ id: Int) -> String { placeholders[id - 1].kind == .paired ? "<g\(id)>" : "<x\(id)/>" }
        for part in text.parts {
            switch part {
            case .text: continue
            case .open(let id), .standalone(let id):
                guard id >= 1, id <= placeholders.count else {
                    return "unknown placeholder \(part == .open(id) ? "<g\(id)>" : "<x\(id)/>"); the source has \(placeholders.isEmpty ? "none" : placeholders.map { name($0.id) }.joined(separator: ", "))"
                }
                let paired = part == .open(id)
                guard (placeholders[id - 1].kind == .paired) == paired else {
                    return "placeholder \(id) is \(name(id)) in the source, not \(paired ? "<g\(id)>" : "<x\(id)/>")"
                }
                guard seen.insert(id).inserted else { return "placeholder \(name(id)) appears more than once" }
                if paired { open.append(id) }
            case .close(let id):
                guard let last = open.last else { return "</g\(id)> closes a tag that is not open" }
                guard last == id else { return "</g\(id)> closes before </g\(last)>: tags must nest" }
                open.removeLast()
            }
        }
        if let unclosed = open.last { return "<g\(unclosed)> is never closed with </g\(unclosed)>" }
        let missing = placeholders.filter { !seen.contains($0.id) }
        if !missing.isEmpty {
            return "missing placeholder" + (missing.count == 1 ? " " : "s ") + missing.map { "\(name($0.id)) (\($0.summary))" }.joined(separator: ", ")
        }
        return nil
    }

    /// Nothing but a line's container prefix (or nothing at all) has been written on the current line.
    private static func atLineStart(_ output: String) -> Bool {
        guard let newline = output.lastIndex(of: "\n") else { return output.isEmpty }
        return output[output.index(after: newline)...].allSatisfy { $0 == " " || $0 == "\t" || $0 == ">" }
    }

    enum Segment { case plain(String), lookalike(String) }

    /// The Markdown for text that reads as a placeholder (`<g1>` is written `\<g1>`, not an HTML tag).
    private static func escapedLookalike(_ literal: String) -> String {
        MarkdownLiteral.escape(literal, MarkdownLiteral.Context(startsLine: false, endsLine: false, beforeMarkup: false, afterMarkup: false))
    }

    /// Text that reads as a placeholder (`<g1>`) is split out, so a translator's tags and the page's text never mix.
    static func splitTagLookalikes(_ text: String) -> [Segment] {
        guard text.contains("<") else { return [.plain(text)] }
        return UnitText.parseTagged(text).parts.map { part in
            if case .text(let plain) = part { return .plain(plain) }
            return .lookalike(UnitText([part]).tagged)
        }
    }
}
