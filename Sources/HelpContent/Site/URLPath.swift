import HelpCore

/// Output locations: a page's path segments become both its file under `public/` and its href.
package enum URLPath {
    private static let unreserved: Set<UInt8> = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@".utf8)

    /// Percent-encodes a path segment (UTF-8), leaving RFC 3986 `pchar`s alone.
    static func encodeSegment(_ segment: String) -> String {
        if segment.utf8.allSatisfy({ unreserved.contains($0) }) { return segment }
        var result = ""
        for byte in segment.utf8 {
            if unreserved.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// Decodes `%XX` escapes as a browser does: a `%` without two hex digits after it is a literal `%`
    /// (`100%.pdf`). Nil when the bytes are not UTF-8.
    package static func percentDecode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        return String(validating: percentDecodedBytes(text), as: UTF8.self)
    }

    static func percentDecodedBytes(_ text: String) -> [UInt8] {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
               let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `segments` joined under `basePath` with a trailing slash: `/help/nb/klage/`.
    package static func href(basePath: String, segments: [String]) -> String {
        guard !segments.isEmpty else { return basePath }
        return basePath + segments.map(encodeSegment).joined(separator: "/") + "/"
    }

    /// Normalizes `a/b/../c` within a root; nil when `..` would leave it.
    package static func normalize(_ segments: [String]) -> [String]? {
        var result: [String] = []
        for segment in segments {
            switch segment {
            case "", ".": continue
            case "..":
                guard !result.isEmpty else { return nil }
                result.removeLast()
            default: result.append(segment)
            }
        }
        return result
    }
}
