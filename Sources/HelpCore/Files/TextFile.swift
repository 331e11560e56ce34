/// A UTF-8 text file read for parsing: BOM removed, CRLF and CR turned into LF (line numbers unchanged).
package struct TextFile {
    package var text: String

    package static func read(_ path: SitePath, stage: BuildStage, limit: Int? = nil) throws(DiagnosticError) -> TextFile {
        let location = FileLocation(file: path.display)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readBytes(path.path, limit: limit)
        } catch let error as FileTooLarge {
            throw DiagnosticError(.error(stage, FileLocation(file: path.display, line: 1, column: 1),
                                         "page is \(error.size) bytes, over the limit of \(error.limit) bytes (maxPageSize in site.yaml)"))
        } catch {
            throw DiagnosticError(.error(stage, location, "\(error)"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let decoded = body.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
        if decoded == nil, let bad = firstInvalidUTF8(body) {
            let position = Self.position(ofByte: bad, in: body)
            throw DiagnosticError(.error(stage, FileLocation(file: path.display, line: position.line, column: position.column),
                                         "file is not valid UTF-8 text; save it as UTF-8"))
        }
        if body.contains(0), let nul = body.firstIndex(of: 0) {
            let position = Self.position(ofByte: nul, in: body)
            throw DiagnosticError(.error(stage, FileLocation(file: path.display, line: position.line, column: position.column),
                                         "file contains a NUL byte"))
        }
        var text = decoded ?? String(decoding: body, as: UTF8.self)
        if body.contains(UInt8(ascii: "\r")) {
            text = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        }
        return TextFile(text: text)
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                index += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return index
            }
        }
    }

    /// 1-based line and column of a byte offset. Columns count Unicode scalars, as editors do: the bytes before
    /// the offset are valid UTF-8 (it is the first bad byte or a NUL), so each scalar has one lead byte.
    package static func position(ofByte offset: Int, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for index in bytes.startIndex..<offset {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
