/// Rewrites cmark's English smart quotes into a language's quotes, and applies French spacing.
///
/// The rules see a whole run of inline text at once (a paragraph or heading, across emphasis, strong and
/// links), so a quote pair around `*markup*` pairs up and gets its spaces. Only text is changed: code spans,
/// inline HTML and line breaks take part as neighbours but are never edited.
enum TypographyRules {
    /// One part of a run, in document order.
    enum Piece {
        /// Text the rules may change.
        case text(String)
        /// Something that stays as it is: a code span or inline HTML (not a space), or a line break (a space).
        case fixed(isSpace: Bool)
    }

    private static let noBreakSpace: Character = "\u{00A0}"
    private static let narrowNoBreakSpace: Character = "\u{202F}"
    /// Stand-ins for fixed pieces while the rules run; they are never written out.
    private static let fixedSpace: Character = "\n"
    private static let fixedContent: Character = "x"

    private struct Unit {
        var character: Character
        var piece: Int
        var isFixed = false
    }

    /// Applies the rules to a single text, such as a template string.
    static func apply(_ typography: Typography, to text: String) -> String {
        apply(typography, to: [.text(text)])[0] ?? text
    }

    /// The new text of every `.text` piece (nil for fixed pieces), in order.
    static func apply(_ typography: Typography, to pieces: [Piece]) -> [String?] {
        let texts = pieces.map { piece -> String? in if case .text(let text) = piece { return text } else { return nil } }
        // Curly quotes all start with the UTF-8 byte E2; most text has none and, outside French, needs nothing.
        let hasQuote = texts.contains { $0?.utf8.contains(0xE2) ?? false }
        let needsSpacing = typography.frenchSpacing && texts.contains { $0.map(needsFrenchSpacing) ?? false }
        guard hasQuote || needsSpacing else { return texts }

        var units: [Unit] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .text(let text): units += text.map { Unit(character: $0, piece: index) }
            case .fixed(let isSpace): units.append(Unit(character: isSpace ? fixedSpace : fixedContent, piece: index, isFixed: true))
            }
        }
        if hasQuote { replaceQuotes(&units, quotes: typography.quotes) }
        if typography.frenchSpacing { units = frenchSpacing(units, highPunctuation: typography.spacesBeforeHighPunctuation) }

        var output = texts.map { $0.map { _ in "" } }
        for unit in units where !unit.isFixed { output[unit.piece]!.append(unit.character) }
        return output
    }

    private static func replaceQuotes(_ units: inout [Unit], quotes: QuoteStyle) {
        var openSecondary = 0
        // A typed low opening quote („) leaves the next “ to close it, as German, Czech or Icelandic writers type
        // „so“; cmark's smart quotes give “ only as an opener.
        var openPrimary = false
        for index in units.indices where !units[index].isFixed {
            switch units[index].character {
            case "\u{201E}":
                openPrimary = true
            case "\u{201C}":
                units[index].character = Character(openPrimary ? quotes.primaryClose : quotes.primaryOpen)
                openPrimary.toggle()
            case "\u{201D}":
                units[index].character = Character(quotes.primaryClose)
                openPrimary = false
            case "\u{2018}":
                openSecondary += 1
                units[index].character = Character(quotes.secondaryOpen)
            case "\u{2019}":
                // An apostrophe (l’ARN) is followed by a letter and stays; a closing quote is not.
                let next = index + 1 < units.count ? units[index + 1].character : nil
                if openSecondary > 0, !(next?.isLetter ?? false) {
                    openSecondary -= 1
                    units[index].character = Character(quotes.secondaryClose)
                }
            default:
                break
            }
        }
    }

    private static func needsFrenchSpacing(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") || $0 == 0xC2 || $0 == 0xE2 }
    }

    /// No-break space before `:` and inside « »; narrow no-break space before `; ! ?` (with `highPunctuation`).
    /// A space the rules add goes into the text next to the punctuation it belongs to, so it never lands inside
    /// other markup.
    private static func frenchSpacing(_ units: [Unit], highPunctuation: Bool) -> [Unit] {
        var output: [Unit] = []
        output.reserveCapacity(units.count + 8)
        for unit in units {
            let character = unit.character
            if unit.isFixed {
                if character == fixedContent, let last = output.last, !last.isFixed, last.character == "«" || last.character == "‹" {
                    output.append(Unit(character: noBreakSpace, piece: last.piece))
                }
                output.append(unit)
                continue
            }
            switch character {
            case ";" where !highPunctuation, "!" where !highPunctuation, "?" where !highPunctuation:
                output.append(unit)
            case ":", ";", "!", "?", "»", "›":
                let space = character == ":" || character == "»" || character == "›" ? noBreakSpace : narrowNoBreakSpace
                if let last = output.last, !last.isFixed, last.character == " " || last.character == noBreakSpace || last.character == narrowNoBreakSpace {
                    output[output.count - 1].character = space
                } else if character == "»" || character == "›", let last = output.last, !last.character.isWhitespace {
                    output.append(Unit(character: space, piece: unit.piece))
                }
                output.append(unit)
            default:
                if let last = output.last, !last.isFixed, last.character == "«" || last.character == "‹" {
                    if character == " " { output.append(Unit(character: noBreakSpace, piece: unit.piece)); continue }
                    if !character.isWhitespace { output.append(Unit(character: noBreakSpace, piece: last.piece)) }
                }
                output.append(unit)
            }
        }
        return output
    }
}
