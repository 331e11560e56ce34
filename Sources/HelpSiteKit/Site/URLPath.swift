/// Output locations: a page's path segments become both its file under `public/` and its href.
enum URLPath {
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

    static func percentDecode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// `segments` joined under `basePath` with a trailing slash: `/help/nb/klage/`.
    static func href(basePath: String, segments: [String]) -> String {
        guard !segments.isEmpty else { return basePath }
        return basePath + segments.map(encodeSegment).joined(separator: "/") + "/"
    }

    /// Normalizes `a/b/../c` within a root; nil when `..` would leave it.
    static func normalize(_ segments: [String]) -> [String]? {
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
