import Ccmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a Markdown document into `TranslatableBlocks`. cmark gives the block structure and each block's start;
/// its inline source positions are unreliable across lines, so the inline markup is found by walking cmark's inline
/// nodes in order and matching each against the raw bytes.
public enum BlockSegmenter {
    public static func segment(_ markdown: String) -> TranslatableBlocks {
        let bytes = Array(markdown.utf8)
        var result = TranslatableBlocks(blocks: [], shapes: [], problems: [])
        let document: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_VALIDATE_UTF8) }
        }
        guard let document else { return result }
        defer { cmark_node_free(document) }

        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == 10 { lineStarts.append(index + 1) }
        func offset(line: Int32, column: Int32) -> Int {
            let lineIndex = max(0, min(Int(line) - 1, lineStarts.count - 1))
            return min(bytes.count, lineStarts[lineIndex] + max(0, Int(column) - 1))
        }

        var entities = EntityDecoder()
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard [CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK].contains(type) else {
                continue
            }
            let path = containerPath(of: node)
            if let directive = directiveLine(node) {
                result.shapes.append(path + "directive " + directive)
                continue
            }
            switch type {
            case CMARK_NODE_PARAGRAPH: result.shapes.append(path + "paragraph")
            case CMARK_NODE_HEADING: result.shapes.append(path + "heading\(cmark_node_get_heading_level(node))")
            case CMARK_NODE_CODE_BLOCK: result.shapes.append(path + "code"); continue
            case CMARK_NODE_HTML_BLOCK: result.shapes.append(path + "html"); continue
            default: result.shapes.append(path + "rule"); continue
            }
            let line = cmark_node_get_start_line(node)
            let column = cmark_node_get_start_column(node)
            let position = SourcePosition(line: Int(line), column: Int(max(1, column)))
            var start = offset(line: line, column: column)
            let isHeading = type == CMARK_NODE_HEADING
            let isATXHeading = isHeading && cmark_node_get_end_line(node) == line
            if isATXHeading {
                while start < bytes.count, bytes[start] == 32 { start += 1 }
                if start < bytes.count, bytes[start] == UInt8(ascii: "#") {
                    while start < bytes.count, bytes[start] == UInt8(ascii: "#") { start += 1 }
                }
            }
            while start < bytes.count, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
            var scanner = InlineScanner(bytes: bytes, cursor: start, entities: entities)
            let events = inlineEvents(of: node)
            guard scanner.scan(events) else {
                result.problems.append((position, "cannot match this block's inline Markdown to its text; simplify the markup here"))
                entities = scanner.entities
                continue
            }
            entities = scanner.entities
            var pieces = scanner.pieces
            if isHeading { splitHeadingID(&pieces) }
            guard !pieces.isEmpty else { continue }
            let kind: TranslatableBlock.Kind = isHeading ? .heading(level: Int(cmark_node_get_heading_level(node))) : .paragraph
            let continuation = Self.continuation(bytes[lineStarts[Int(line) - 1]..<offset(line: line, column: column)])
            result.blocks.append(TranslatableBlock(kind: kind, range: start..<scanner.cursor, position: position,
                                                   pieces: pieces, continuation: continuation))
        }
        return result
    }

    /// `list>item>` for a paragraph in a list item: the containers between the document and the block.
    private static func containerPath(of node: OpaquePointer) -> String {
        var names: [String] = []
        var current = cmark_node_parent(node)
        while let parent = current, cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT {
            switch cmark_node_get_type(parent) {
            case CMARK_NODE_LIST: names.append("list")
            case CMARK_NODE_ITEM: names.append("item")
            case CMARK_NODE_BLOCK_QUOTE: names.append("quote")
            default: names.append("block")
            }
            current = cmark_node_parent(parent)
        }
        return names.reversed().map { $0 + ">" }.joined()
    }

    /// The text of a top-level paragraph that is a directive line (`::: contact arn`) or a closing `:::`,
    /// as `MarkdownRenderer` recognises them.
    private static func directiveLine(_ node: OpaquePointer) -> String? {
        guard cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH,
              cmark_node_get_type(cmark_node_parent(node)) == CMARK_NODE_DOCUMENT,
              let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(child) else { return nil }
        let text = String(cString: literal)
        return text.hasPrefix(":::") ? text : nil
    }

    private static func inlineEvents(of block: OpaquePointer) -> [InlineEvent] {
        var events: [InlineEvent] = []
        let iterator = cmark_iter_new(block)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator), node != block else { continue }
            let literal = { cmark_node_get_literal(node).map { Array(String(cString: $0).utf8) } ?? [] }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT: events.append(.text(literal()))
            case CMARK_NODE_CODE: events.append(.code)
            case CMARK_NODE_HTML_INLINE: events.append(.html(literal()))
            case CMARK_NODE_SOFTBREAK: events.append(.softBreak)
            case CMARK_NODE_LINEBREAK: events.append(.hardBreak)
            case CMARK_NODE_EMPH: events.append(entering ? .enter(.emphasis) : .exit(.emphasis))
            case CMARK_NODE_STRONG: events.append(entering ? .enter(.strong) : .exit(.strong))
            case CMARK_NODE_LINK: events.append(entering ? .enter(.link) : .exit(.link))
            case CMARK_NODE_IMAGE: events.append(entering ? .enter(.image) : .exit(.image))
            default: break
            }
        }
        return events
    }

    /// `## Heading {#id}`: the ` {#id}` becomes a piece of its own that the translator keeps.
    private static func splitHeadingID(_ pieces: inout [InlinePiece]) {
        guard case .text(let text)? = pieces.last, HeadingID.splitExplicitID(text) != nil,
              let open = text.range(of: "{#", options: .backwards) else { return }
        var start = open.lowerBound
        while start > text.startIndex, text[text.index(before: start)] == " " || text[text.index(before: start)] == "\t" {
            start = text.index(before: start)
        }
        pieces.removeLast()
        if start > text.startIndex { pieces.append(.text(String(text[..<start]))) }
        pieces.append(.atom(.headingID, String(text[start...])))
    }

    /// The indentation a continuation line needs: list markers turned into spaces, `>` kept.
    private static func continuation(_ prefix: ArraySlice<UInt8>) -> String {
        String(decoding: prefix.map { $0 == UInt8(ascii: ">") || $0 == 9 ? $0 : 32 }, as: UTF8.self)
    }
}

enum InlineEvent: Equatable {
    case text([UInt8])
    case code
    case html([UInt8])
    case softBreak
    case hardBreak
    case enter(InlinePiece.Markup)
    case exit(InlinePiece.Markup)
}

/// Walks the raw bytes of one block along cmark's inline events, cutting them into pieces.
struct InlineScanner {
    let bytes: [UInt8]
    var cursor: Int
    var entities: EntityDecoder
    private(set) var pieces: [InlinePiece] = []
    private var textStart: Int?
    private var delimiters: [UInt8] = []

    init(bytes: [UInt8], cursor: Int, entities: EntityDecoder) {
        self.bytes = bytes
        self.cursor = cursor
        self.entities = entities
    }

    private func byte(_ offset: Int = 0) -> UInt8? {
        cursor + offset < bytes.count ? bytes[cursor + offset] : nil
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private mutating func flushText(upTo end: Int) {
        if let start = textStart, start < end { pieces.append(.text(string(start..<end))) }
        textStart = nil
    }

    private mutating func emit(_ make: (String) -> InlinePiece, from start: Int) {
        flushText(upTo: start)
        pieces.append(make(string(start..<cursor)))
    }

    mutating func scan(_ events: [InlineEvent]) -> Bool {
        var skippingAutolink = 0
        for event in events {
            if skippingAutolink > 0 {
                if case .enter(.link) = event { skippingAutolink += 1 }
                if case .exit(.link) = event { skippingAutolink -= 1 }
                continue
            }
            let start = cursor
            switch event {
            case .text(let literal):
                if textStart == nil { textStart = cursor }
                guard matchText(literal) else { return false }
            case .code:
                guard scanCodeSpan() else { return false }
                emit({ .atom(.code, $0) }, from: start)
            case .html(let literal):
                guard matchLiteral(literal) else { return false }
                emit({ .atom(.html, $0) }, from: start)
            case .softBreak:
                guard scanLineEnd(hard: false) else { return false }
                emit({ .softBreak($0) }, from: start)
            case .hardBreak:
                guard scanLineEnd(hard: true) else { return false }
                emit({ .atom(.hardBreak, $0) }, from: start)
            case .enter(let markup):
                switch markup {
                case .emphasis, .strong:
                    guard let delimiter = byte(), delimiter == UInt8(ascii: "*") || delimiter == UInt8(ascii: "_") else { return false }
                    let count = markup == .strong ? 2 : 1
                    guard (0..<count).allSatisfy({ byte($0) == delimiter }) else { return false }
                    cursor += count
                    delimiters.append(delimiter)
                case .link where byte() == UInt8(ascii: "<"):
                    guard let end = bytes[cursor...].firstIndex(of: UInt8(ascii: ">")) else { return false }
                    cursor = end + 1
                    emit({ .atom(.autolink, $0) }, from: start)
                    skippingAutolink = 1
                    continue
                case .link:
                    guard byte() == UInt8(ascii: "[") else { return false }
                    cursor += 1
                default:
                    guard byte() == UInt8(ascii: "!"), byte(1) == UInt8(ascii: "[") else { return false }
                    cursor += 2
                }
                emit({ .open(markup, $0) }, from: start)
            case .exit(let markup):
                switch markup {
                case .emphasis, .strong:
                    guard let delimiter = delimiters.popLast() else { return false }
                    let count = markup == .strong ? 2 : 1
                    guard (0..<count).allSatisfy({ byte($0) == delimiter }) else { return false }
                    cursor += count
                default:
                    guard scanLinkEnd() else { return false }
                }
                emit({ .close(markup, $0) }, from: start)
            }
        }
        flushText(upTo: cursor)
        return true
    }

    /// Matches a text node's literal: escapes (`\*`) and entities (`&amp;`) in the raw text stand for one character.
    private mutating func matchText(_ literal: [UInt8]) -> Bool {
        var index = 0
        while index < literal.count {
            guard let current = byte() else { return false }
            if current == UInt8(ascii: "\\"), let next = byte(1), Self.isASCIIPunctuation(next), next == literal[index] {
                cursor += 2
                index += 1
            } else if current == UInt8(ascii: "&"), let (length, decoded) = entity(), literal[index...].starts(with: decoded) {
                cursor += length
                index += decoded.count
            } else if current == literal[index] {
                cursor += 1
                index += 1
            } else {
                return false
            }
        }
        return true
    }

    /// Matches a literal kept as written (inline HTML); a newline in it skips the next line's container prefix.
    private mutating func matchLiteral(_ literal: [UInt8]) -> Bool {
        for expected in literal {
            guard byte() == expected else { return false }
            cursor += 1
            if expected == 10 { skipPrefix() }
        }
        return true
    }

    private mutating func skipPrefix() {
        while let next = byte(), next == 32 || next == 9 || next == UInt8(ascii: ">") { cursor += 1 }
    }

    private mutating func scanLineEnd(hard: Bool) -> Bool {
        if hard, byte() == UInt8(ascii: "\\"), byte(1) == 10 {
            cursor += 2
        } else {
            while let next = byte(), next == 32 || next == 9 { cursor += 1 }
            guard byte() == 10 else { return false }
            cursor += 1
        }
        skipPrefix()
        return true
    }

    private mutating func scanCodeSpan() -> Bool {
        var ticks = 0
        while byte(ticks) == UInt8(ascii: "`") { ticks += 1 }
        guard ticks > 0 else { return false }
        var index = cursor + ticks
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "`") {
                var run = 0
                while index + run < bytes.count, bytes[index + run] == UInt8(ascii: "`") { run += 1 }
                if run == ticks {
                    cursor = index + run
                    return true
                }
                index += run
            } else {
                index += 1
            }
        }
        return false
    }

    /// `]` followed by `(destination "title")`, `[label]`, `[]` or nothing (a shortcut reference).
    private mutating func scanLinkEnd() -> Bool {
        guard byte() == UInt8(ascii: "]") else { return false }
        cursor += 1
        if byte() == UInt8(ascii: "(") {
            cursor += 1
            var depth = 1
            while let current = byte() {
                cursor += 1
                switch current {
                case UInt8(ascii: "\\"): cursor += 1
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    while let inner = byte(), inner != current {
                        cursor += inner == UInt8(ascii: "\\") ? 2 : 1
                    }
                    cursor += 1
                case UInt8(ascii: "<"):
                    while let inner = byte(), inner != UInt8(ascii: ">"), inner != 10 { cursor += 1 }
                    cursor += 1
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"):
                    depth -= 1
                    if depth == 0 { return true }
                default: break
                }
            }
            return false
        }
        if byte() == UInt8(ascii: "[") {
            while let current = byte(), current != UInt8(ascii: "]") {
                cursor += current == UInt8(ascii: "\\") ? 2 : 1
            }
            guard byte() == UInt8(ascii: "]") else { return false }
            cursor += 1
        }
        return true
    }

    /// An entity reference at the cursor: its length in the raw text and the UTF-8 it stands for.
    private mutating func entity() -> (Int, [UInt8])? {
        entities.reference(in: bytes, at: cursor)
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte) || (123...126).contains(byte)
    }
}

/// Decodes entity references the way cmark does, by letting cmark parse them; remembers what it decoded.
struct EntityDecoder {
    private var cache: [[UInt8]: [UInt8]] = [:]

    /// An entity reference starting at `start` (`&amp;`, `&#35;`): its length and the UTF-8 it stands for.
    mutating func reference(in bytes: [UInt8], at start: Int) -> (Int, [UInt8])? {
        var end = start + 1
        while end < bytes.count, end - start <= 33, bytes[end] != UInt8(ascii: ";") {
            let character = bytes[end]
            guard (48...57).contains(character) || (65...90).contains(character) || (97...122).contains(character) || character == UInt8(ascii: "#") else {
                return nil
            }
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let reference = Array(bytes[start...end])
        guard let decoded = decode(reference), decoded != reference else { return nil }
        return (reference.count, decoded)
    }

    mutating func decode(_ reference: [UInt8]) -> [UInt8]? {
        if let known = cache[reference] { return known }
        let document: OpaquePointer? = reference.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_VALIDATE_UTF8) }
        }
        guard let document else { return nil }
        defer { cmark_node_free(document) }
        var decoded: [UInt8] = []
        var child = cmark_node_first_child(cmark_node_first_child(document))
        while let node = child {
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node) else { return nil }
            decoded += Array(String(cString: literal).utf8)
            child = cmark_node_next(node)
        }
        cache[reference] = decoded
        return decoded
    }
}
