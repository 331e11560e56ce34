/// Turns cmark's byte columns into Unicode-scalar columns, the unit every helpsite diagnostic uses.
/// Positions arrive in document order, so each line is scanned once from the previous query onwards.
final class ScalarColumns {
    private let bytes: [UInt8]
    private var lineStarts: [Int]?
    private var last = (line: 0, byteColumn: 1, scalarColumn: 1)

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The scalar column of a 1-based byte column on a 1-based line.
    func column(line: Int, byteColumn: Int) -> Int {
        let starts = lineStarts ?? computeLineStarts()
        guard line >= 1, line <= starts.count else { return byteColumn }
        let lineStart = starts[line - 1]
        var (from, scalars) = (1, 1)
        if last.line == line, last.byteColumn <= byteColumn { (from, scalars) = (last.byteColumn, last.scalarColumn) }
        var offset = lineStart + from - 1
        let end = min(lineStart + byteColumn - 1, bytes.count)
        while offset < end {
            if bytes[offset] & 0xC0 != 0x80 { scalars += 1 }
            offset += 1
        }
        last = (line, byteColumn, scalars)
        return scalars
    }

    private func computeLineStarts() -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        lineStarts = starts
        return starts
    }
}
