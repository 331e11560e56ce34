/// Bounds on the Markdown shapes that cmark 0.30.2 parses in super-linear time, checked in one pass before
/// cmark sees the text. Every inline node cmark appends walks all of its ancestors, so a paragraph of n
/// delimiters inside d nested block quotes or lists costs n × d (a 256 KiB page took 74 s), and each `]`
/// walks back over every `![` still open in its paragraph (`![[]()` repeated took 3.7 s).
public enum MarkdownLimits {
    public static let maxBlockNesting = 100
    public static let maxOpenBrackets = 1000

    public struct Violation: Sendable, Equatable {
        /// Line and column (Unicode scalars) in the text checked.
        public var position: SourcePosition
        public var message: String
    }

    /// The first place the text goes over a limit, or nil.
    public static func check(_ text: String) -> Violation? {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes)
            return scanner.run()
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        /// The most list items any earlier line can be inside: indentation continues at most that many.
        var deepestListsSoFar = 0
        var openBrackets = 0
        var fence: (marker: UInt8, length: Int)?

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func run() -> Violation? {
            var lineNumber = 1
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                if let offset = checkLine(start, end) {
                    return violation(line: lineNumber, lineStart: start, offset: offset.offset, message: offset.message)
                }
                lineNumber += 1
                start = end + 1
            }
            return nil
        }

        private func violation(line: Int, lineStart: Int, offset: Int, message: String) -> Violation {
            var column = 1
            for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
            return Violation(position: SourcePosition(line: line, column: column), message: message)
        }

        private func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

        private mutating func checkLine(_ start: Int, _ end: Int) -> (offset: Int, message: String)? {
            var index = start
            while index < end, isSpace(bytes[index]) { index += 1 }
            if index == end {
                openBrackets = 0
                return nil
            }
            if let open = fence {
                if index - start < 4, let run = fenceRun(at: index, end), run.marker == open.marker, run.length >= open.length {
                    fence = nil
                }
                return nil
            }
            if index - start < 4, let run = fenceRun(at: index, end) {
                fence = run
                return nil
            }
            if let problem = checkNesting(start, end) { return problem }
            return checkBrackets(start, end)
        }

        /// A run of three or more backticks or tildes.
        private func fenceRun(at index: Int, _ end: Int) -> (marker: UInt8, length: Int)? {
            let marker = bytes[index]
            guard marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
            var cursor = index
            while cursor < end, bytes[cursor] == marker { cursor += 1 }
            return cursor - index >= 3 ? (marker, cursor - index) : nil
        }

        /// An upper bound of the line's block nesting: its `>` and list markers, plus the list items its
        /// indentation can continue (two columns each, and no more than any earlier line was inside; a block
        /// quote needs its `>` on every line). Indentation counts at the line start and after a `>`; spaces
        /// after a list marker belong to that item.
        private mutating func checkNesting(_ start: Int, _ end: Int) -> (offset: Int, message: String)? {
            var markers = 0
            var listMarkers = 0
            var indentColumns = 0
            var countsIndentation = true
            var index = start
            let ruleStarts = (dash: ruleStart(of: UInt8(ascii: "-"), start, end), star: ruleStart(of: UInt8(ascii: "*"), start, end))
            func continued() -> Int { min(indentColumns / 2, deepestListsSoFar) }
            func depth() -> Int { continued() + markers }
            while index < end {
                while index < end, isSpace(bytes[index]) {
                    if countsIndentation { indentColumns += bytes[index] == UInt8(ascii: "\t") ? 4 : 1 }
                    index += 1
                }
                guard index < end, let width = markerWidth(at: index, end, ruleStarts: ruleStarts) else { break }
                markers += 1
                if depth() > maxBlockNesting {
                    return (index, "block quotes and lists are nested \(depth()) deep here; the limit is \(maxBlockNesting), which keeps the Markdown parser fast")
                }
                let isQuote = bytes[index] == UInt8(ascii: ">")
                if !isQuote { listMarkers += 1 }
                index += width
                if isQuote, index < end, isSpace(bytes[index]) { index += 1 }
                countsIndentation = isQuote
            }
            deepestListsSoFar = max(deepestListsSoFar, continued() + listMarkers)
            return nil
        }

        /// The length of a container marker at `index`: `>`, or a list marker followed by a space or the line end.
        private func markerWidth(at index: Int, _ end: Int, ruleStarts: (dash: Int, star: Int)) -> Int? {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return 1 }
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*") {
                guard index + 1 == end || isSpace(bytes[index + 1]) else { return nil }
                let ruleStart = byte == UInt8(ascii: "-") ? ruleStarts.dash : byte == UInt8(ascii: "*") ? ruleStarts.star : end
                if index >= ruleStart && isThematicBreak(index, end) { return nil }
                return 1
            }
            var cursor = index
            while cursor < end, cursor - index < 9, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") { cursor += 1 }
            guard cursor > index, cursor < end, bytes[cursor] == UInt8(ascii: ".") || bytes[cursor] == UInt8(ascii: ")"),
                  cursor + 1 == end || isSpace(bytes[cursor + 1]) else { return nil }
            return cursor + 1 - index
        }

        /// Where the line's tail of only `marker` and spaces starts: a rule can start no earlier. Found once per
        /// line, so a line of thousands of `- ` is not scanned again at every marker.
        private func ruleStart(of marker: UInt8, _ start: Int, _ end: Int) -> Int {
            var index = end
            while index > start, bytes[index - 1] == marker || isSpace(bytes[index - 1]) { index -= 1 }
            return index
        }

        /// `* * *` or `- - -`: three or more of one character and spaces, which is a rule, not a list. Called
        /// only inside the line's tail, where it is at most once per line (a rule ends the markers).
        private func isThematicBreak(_ index: Int, _ end: Int) -> Bool {
            let marker = bytes[index]
            var count = 0
            for cursor in index..<end {
                if bytes[cursor] == marker { count += 1 } else if !isSpace(bytes[cursor]) { return false }
            }
            return count >= 3
        }

        /// Brackets still open in the paragraph; a blank line ends it, a backslash escapes one.
        private mutating func checkBrackets(_ start: Int, _ end: Int) -> (offset: Int, message: String)? {
            var index = start
            while index < end {
                switch bytes[index] {
                case UInt8(ascii: "\\"):
                    index += 1
                case UInt8(ascii: "["):
                    openBrackets += 1
                    if openBrackets > maxOpenBrackets {
                        return (index, "\(openBrackets) '[' are open here without a ']' in one paragraph; the limit is \(maxOpenBrackets), which keeps the Markdown parser fast (write a literal bracket as \\[)")
                    }
                case UInt8(ascii: "]"):
                    openBrackets = max(0, openBrackets - 1)
                default:
                    break
                }
                index += 1
            }
            return nil
        }
    }
}
