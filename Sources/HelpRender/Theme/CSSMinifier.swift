import HelpCore
/// Theme stylesheets are written with comments and indentation for the people who edit them; readers
/// download them without: comments go (but `/*! … */`, such as licences), whitespace runs become one space,
/// and none is kept next to `{`, `}`, `;` or `,`, where CSS never needs it. Strings are copied as written.
package enum CSSMinifier {
    package static func minified(_ css: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), bang = UInt8(ascii: "!"), backslash = UInt8(ascii: "\\")
        let tight: Set<UInt8> = [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";"), UInt8(ascii: ",")]
        var out: [UInt8] = []
        out.reserveCapacity(css.count)
        var index = 0
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if pendingSpace, let last = out.last, !tight.contains(last), !tight.contains(byte) { out.append(UInt8(ascii: " ")) }
            pendingSpace = false
            out.append(byte)
        }
        while index < css.count {
            let byte = css[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                emit(byte)
                index += 1
                while index < css.count {
                    let inner = css[index]
                    out.append(inner)
                    index += 1
                    if inner == backslash, index < css.count {
                        out.append(css[index])
                        index += 1
                    } else if inner == byte || inner == UInt8(ascii: "\n") {
                        break
                    }
                }
            } else if byte == slash, index + 1 < css.count, css[index + 1] == star {
                var end = index + 2
                while end + 1 < css.count, !(css[end] == star && css[end + 1] == slash) { end += 1 }
                end = min(end + 2, css.count)
                if index + 2 < css.count, css[index + 2] == bang {
                    for kept in css[index..<end] { emit(kept) }
                } else {
                    pendingSpace = pendingSpace || !out.isEmpty
                }
                index = end
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                pendingSpace = !out.isEmpty
                index += 1
            } else {
                emit(byte)
                index += 1
            }
        }
        if !out.isEmpty { out.append(UInt8(ascii: "\n")) }
        return out
    }
}

extension Theme.File {
    /// The bytes the output gets: stylesheets minified, everything else as written.
    package func publishedContents() throws -> [UInt8] {
        let bytes = try contents()
        return relativePath.lowercased().hasSuffix(".css") ? CSSMinifier.minified(bytes) : bytes
    }
}
