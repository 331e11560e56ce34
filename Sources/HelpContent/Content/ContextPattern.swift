/// `contexts:` in front matter: product URL paths where an article helps (`/checkout/*`, `/settings/payments`).
/// The help widget matches them against the host page's `location.pathname`; `*` stands for any run of
/// characters, `/` included, and a trailing slash on either side is ignored.
enum ContextPattern {
    /// Why `text` is not a context pattern, or nil when it is one.
    package static func problem(in text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.contains("://") || text.hasPrefix("//") {
            return "is a full URL; write only its path, such as /checkout/*"
        }
        guard text.hasPrefix("/") else { return "must start with '/', the path of a product page (such as /\(text))" }
        if let scalar = text.unicodeScalars.first(where: { !allowed($0) }) {
            switch scalar {
            case "?": return "has a query ('?'); the widget matches the path only"
            case "#": return "has a fragment ('#'); the widget matches the path only"
            default:
                let shown = scalar.properties.isWhitespace || scalar.value < 0x20 ? "U+" + String(scalar.value, radix: 16, uppercase: true) : "'\(scalar)'"
                return "has \(shown), which a URL path cannot hold; percent-encode it"
            }
        }
        if text.contains("**") { return "has '**'; one '*' already matches any run of characters, '/' included" }
        return nil
    }

    /// RFC 3986 path characters (`*` is the wildcard), percent escapes, and letters beyond ASCII as browsers show them.
    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value > 0x7F { return !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control }
        if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return true }
        return "-._~!$&'()*+,;=:@/%".unicodeScalars.contains(scalar)
    }
}
