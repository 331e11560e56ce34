/// Rewrites cmark's English smart quotes into a language's quotes, and applies French spacing.
/// Runs on text nodes only, so code spans and code blocks are never touched.
enum TypographyRules {
    private static let noBreakSpace: Character = "\u{00A0}"
    private static let narrowNoBreakSpace: Character = "\u{202F}"

    static func apply(_ typography: Typography, to text: String) -> String {
        // Most text has no curly quote (all start with the UTF-8 bytes E2 80) and, outside French, needs nothing.
        let hasQuote = text.utf8.contains(0xE2)
        if !hasQuote {
            return typography.frenchSpacing && needsFrenchSpacing(text) ? frenchSpacing(text) : text
        }
        let quotes = typography.quotes
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        var openSecondary = 0
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\u{201C}":
                result += quotes.primaryOpen
            case "\u{201D}":
                result += quotes.primaryClose
            case "\u{2018}":
                openSecondary += 1
                result += quotes.secondaryOpen
            case "\u{2019}":
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if openSecondary > 0, !(next?.isLetter ?? false) {
                    openSecondary -= 1
                    result += quotes.secondaryClose
                } else {
                    result.append(character)
                }
            default:
                result.append(character)
            }
        }
        return typography.frenchSpacing ? frenchSpacing(result) : result
    }

    private static func needsFrenchSpacing(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") || $0 == 0xC2 || $0 == 0xE2 }
    }

    /// No-break space before `:` and inside « »; narrow no-break space before `; ! ?`.
    private static func frenchSpacing(_ text: String) -> String {
        var output: [Character] = []
        output.reserveCapacity(text.count)
        for character in text {
            switch character {
            case ":", ";", "!", "?", "»", "›":
                let space = character == ":" || character == "»" || character == "›" ? noBreakSpace : narrowNoBreakSpace
                if let last = output.last, last == " " || last == noBreakSpace || last == narrowNoBreakSpace {
                    output[output.count - 1] = space
                } else if character == "»" || character == "›", let last = output.last, !last.isWhitespace {
                    output.append(space)
                }
                output.append(character)
            default:
                if let last = output.last, last == "«" || last == "‹" {
                    if character == " " { output.append(noBreakSpace); continue }
                    if !character.isWhitespace { output.append(noBreakSpace) }
                }
                output.append(character)
            }
        }
        return String(output)
    }
}
