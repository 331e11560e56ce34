import HelpCore

/// The digest a translation records in `source:` to say which version of the source page it follows.
/// It covers the title, description and body with every run of whitespace folded into one space,
/// so re-wrapping a paragraph or trailing spaces do not make translations outdated.
/// FNV-1a (64 bit): a change detector, not a security measure.
public enum SourceHash {
    public static func of(_ page: SourcePage) -> String {
        if let hash = page.sourceHash { return hash }
        let body = (try? page.readBody(limit: nil)) ?? page.body
        return of(title: page.frontMatter.title ?? "", description: page.frontMatter.description ?? "", body: body)
    }

    public static func of(title: String, description: String, body: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        func feed(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        for (index, var part) in [title, description, body].enumerated() {
            if index > 0 { feed(0) }
            var pendingSpace = false
            var started = false
            part.withUTF8 { bytes in
                for byte in bytes {
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                        pendingSpace = started
                        continue
                    }
                    if pendingSpace { feed(0x20) }
                    pendingSpace = false
                    started = true
                    feed(byte)
                }
            }
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}
