import HelpCore

/// One Mustache tag or run of text, as parsed from a template file.
package indirect enum TemplateNode: Sendable {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw).
    case variable(name: String, escaped: Bool, at: TemplatePosition)
    /// `{{#name}}…{{/name}}` or, inverted, `{{^name}}…{{/name}}`.
    case section(name: String, inverted: Bool, body: [TemplateNode], at: TemplatePosition)
    /// `{{> name}}`; a partial alone on its line indents every line it renders by the whitespace before it.
    case partial(name: String, indentation: String?, at: TemplatePosition)
}

public struct TemplatePosition: Sendable, Hashable {
    public var line: Int
    public var column: Int
}

package struct TemplateSyntaxError: Error {
    package var message: String
    package var position: TemplatePosition
}

/// Parses Mustache text into nodes. Whitespace handling follows swift-mustache (which helpsite used before it
/// compiled templates itself) tag for tag, so templates render byte for byte as they did: a section, comment or
/// partial tag alone on its line removes that line, and text is split at line ends.
package struct TemplateParser {
    private let characters: [Character]
    private var position = 0
    private var openDelimiter: [Character] = ["{", "{"]
    private var closeDelimiter: [Character] = ["}", "}"]

    package static func parse(_ text: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(characters: Array(text))
        return try parser.parse(section: nil, newLine: true)
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private var atEnd: Bool { position >= characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    private mutating func parse(section: String?, newLine initialNewLine: Bool) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var newLine = initialNewLine
        var whitespaceBefore = ""
        while !atEnd {
            if newLine { whitespaceBefore = read { $0 == " " || $0 == "\t" } }
            let text = readUntilTagOrNewline()
            if current.isNewline {
                nodes.append(.text(whitespaceBefore + text + String(current)))
                newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = ""
                newLine = false
            }
            if atEnd { break }
            var nextNewLine = false
            func flushWhitespace() {
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)); whitespaceBefore = "" }
            }
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, at) = try readName()
                if isStandalone(newLine) { nextNewLine = true } else { flushWhitespace() }
                let body = try parse(section: name, newLine: nextNewLine)
                nodes.append(.section(name: name, inverted: inverted, body: body, at: at))
            case "/":
                position += 1
                let namePosition = position
                let (name, _) = try readName()
                guard name == section else {
                    position = namePosition
                    throw error("section close name incorrect")
                }
                if !isStandalone(newLine) { flushWhitespace() }
                return nodes
            case "!":
                position += 1
                try skipComment()
                nextNewLine = isStandalone(newLine)
            case "{":
                flushWhitespace()
                position += 1
                let (name, at) = try readName()
                guard current == "}" else { throw error("unfinished name") }
                position += 1
                nodes.append(.variable(name: name, escaped: false, at: at))
            case "&":
                flushWhitespace()
                position += 1
                let (name, at) = try readName()
                nodes.append(.variable(name: name, escaped: false, at: at))
            case ">":
                position += 1
                _ = read { $0.isWhitespace }
                if current == "*" { throw error("dynamic partials ({{>*name}}) are not supported") }
                let at = location(of: position)
                let name = read { Self.partialNameCharacters.contains($0) }
                _ = read { $0.isWhitespace }
                guard readDelimiter(closeDelimiter) else { throw error("unfinished name") }
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                if isStandalone(newLine) {
                    nextNewLine = true
                    nodes.append(.partial(name: name, indentation: whitespaceBefore, at: at))
                } else {
                    nodes.append(.partial(name: name, indentation: nil, at: at))
                }
                whitespaceBefore = ""
            case "=":
                position += 1
                try setDelimiters()
                nextNewLine = isStandalone(newLine)
            case "<", "$":
                throw error("template inheritance ({{<name}} and {{$name}}) is not supported; use partials")
            case "%":
                throw error("configuration tags ({{%…}}) are not supported")
            default:
                flushWhitespace()
                let (name, at) = try readName()
                nodes.append(.variable(name: name, escaped: true, at: at))
            }
            newLine = nextNewLine
        }
        guard section == nil else { throw error("expected section end") }
        return nodes
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*()")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private mutating func readName() throws(TemplateSyntaxError) -> (String, TemplatePosition) {
        _ = read { $0.isWhitespace }
        let at = location(of: position)
        let name = read { Self.nameCharacters.contains($0) }
        _ = read { $0.isWhitespace }
        guard readDelimiter(closeDelimiter) else { throw error("unfinished name") }
        if name.contains("(") || name.contains(")") {
            throw TemplateSyntaxError(message: "transforms such as '\(name)' are not supported", position: at)
        }
        return (name, at)
    }

    private mutating func read(while predicate: (Character) -> Bool) -> String {
        let start = position
        while !atEnd && predicate(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func readDelimiter(_ delimiter: [Character]) -> Bool {
        guard position + delimiter.count <= characters.count,
              characters[position..<position + delimiter.count].elementsEqual(delimiter) else { return false }
        position += delimiter.count
        return true
    }

    private mutating func readUntilTagOrNewline() -> String {
        var text = ""
        while !atEnd {
            let character = characters[position]
            if character.isNewline { break }
            if character == openDelimiter[0] {
                if readDelimiter(openDelimiter) { break }
            }
            text.append(character)
            position += 1
        }
        return text
    }

    private mutating func skipComment() throws(TemplateSyntaxError) {
        while !atEnd {
            if readDelimiter(closeDelimiter) { return }
            position += 1
        }
        throw error("unfinished comment")
    }

    private mutating func setDelimiters() throws(TemplateSyntaxError) {
        _ = read { $0.isWhitespace }
        let open = read { !$0.isWhitespace }
        _ = read { $0.isWhitespace }
        let close = read { $0 != "=" && !$0.isWhitespace }
        _ = read { $0.isWhitespace }
        guard current == "=" else { throw error("invalid set delimiter") }
        position += 1
        guard readDelimiter(closeDelimiter), !open.isEmpty, !close.isEmpty else { throw error("invalid set delimiter") }
        openDelimiter = Array(open)
        closeDelimiter = Array(close)
    }

    /// True when only spaces and tabs follow the tag on its line (which started with only whitespace before
    /// the tag); the rest of the line and its newline are then consumed.
    private mutating func isStandalone(_ newLine: Bool) -> Bool {
        guard newLine else { return false }
        if atEnd { return true }
        var cursor = position
        while cursor < characters.count, characters[cursor] == " " || characters[cursor] == "\t" { cursor += 1 }
        guard cursor < characters.count, characters[cursor].isNewline else { return false }
        position = cursor + 1
        return true
    }

    private func location(of offset: Int) -> TemplatePosition {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, characters.count) where characters[index].isNewline {
            line += 1
            lineStart = index + 1
        }
        // Columns count Unicode scalars, as everywhere; a Character may hold several.
        let column = characters[lineStart..<min(max(offset, lineStart), characters.count)].reduce(1) { $0 + $1.unicodeScalars.count }
        return TemplatePosition(line: line, column: column)
    }

    private func error(_ message: String) -> TemplateSyntaxError {
        TemplateSyntaxError(message: message, position: location(of: position))
    }
}
