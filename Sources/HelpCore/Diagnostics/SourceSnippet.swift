/// The source line a diagnostic points at, with a caret under its column, as compilers print it:
///
///     content/nb/a.md:3:7: error: unknown key 'bad' in front matter
///      3 | bad: [1
///        |       ^
///
/// Columns count Unicode scalars. Tabs are shown as four spaces and other control characters as `�`, so
/// the caret lines up and nothing a terminal would act on is printed; long lines are cut around the column.
package struct SourceSnippet {
    package static let widthLimit = 100

    /// The lines to print under a diagnostic or note at this place, or none when its file or line cannot be read.
    package static func lines(file: String?, line lineNumber: Int?, column: Int?, reader: SourceReader) -> [String] {
        guard let file, let lineNumber, lineNumber >= 1, let line = reader.scalars(ofLine: lineNumber, in: file) else { return [] }
        var scalars = line[...]
        var caretColumn = max(1, min(column ?? 1, scalars.count + 1))
        if scalars.count > widthLimit {
            let start = max(0, min(caretColumn - 1 - widthLimit / 2, scalars.count - widthLimit))
            let end = min(scalars.count, start + widthLimit)
            let cut = scalars[start..<end]
            caretColumn = caretColumn - start + (start > 0 ? 1 : 0)
            scalars = ((start > 0 ? ["…"] : []) + cut + (end < scalars.count ? ["…"] : []))[...]
        }
        var shown = ""
        var pad = ""
        for (index, scalar) in scalars.enumerated() {
            let visible: String
            switch scalar {
            case "\t": visible = "    "
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): visible = "\u{FFFD}"
            default: visible = String(scalar)
            }
            shown += visible
            if index < caretColumn - 1 { pad += scalar == "\t" ? "    " : " " }
        }
        let gutter = String(lineNumber)
        let blank = String(repeating: " ", count: gutter.count)
        var result = [" \(gutter) | \(shown)"]
        if column != nil { result.append(" \(blank) | \(pad)^") }
        return result
    }
}

/// The bytes of a file that is compiled into the binary (the built-in theme's `<built-in>/…` paths), or nil
/// for a file to read from disk.
public typealias EmbeddedSources = @Sendable (String) -> [UInt8]?

/// Reads source lines for snippets, each file once.
package final class SourceReader {
    private var files: [String: [Substring]] = [:]
    private let embedded: EmbeddedSources
    /// The last line asked for: diagnostics come sorted, and thousands on one long line must not each
    /// decode it again (32,000 link warnings on one 256 KiB line took 17 s).
    private var lastLine: (file: String, number: Int, scalars: [Unicode.Scalar])?

    package init(embedded: @escaping EmbeddedSources) { self.embedded = embedded }

    private func line(_ number: Int, of file: String) -> String? {
        if files[file] == nil { files[file] = load(file) }
        guard let lines = files[file], number <= lines.count else { return nil }
        return String(lines[number - 1])
    }

    package func scalars(ofLine number: Int, in file: String) -> [Unicode.Scalar]? {
        if let last = lastLine, last.number == number, last.file == file { return last.scalars }
        guard let text = line(number, of: file) else { return nil }
        let scalars = Array(text.unicodeScalars)
        lastLine = (file, number, scalars)
        return scalars
    }

    private func load(_ file: String) -> [Substring] {
        let bytes: [UInt8]
        if let builtIn = embedded(file) {
            bytes = builtIn
        } else {
            guard FileSystem.targetKind(of: file) == .file, let read = try? FileSystem.readBytes(file, limit: 16 << 20) else { return [] }
            bytes = read
        }
        var text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        if text.contains("\r") { text = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n") }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }
}
