import Foundation

/// Stable, readable heading ids: lowercase, ASCII-folded where a Latin letter has a plain
/// equivalent, other Unicode letters kept (Greek stays Greek), everything else a hyphen.
public enum HeadingID {
    public static func slug(for text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if let folded = fold(scalar) {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result += folded
            } else if scalar.properties.isWhitespace || scalar == "-" || scalar == "_" {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// Splits `Heading text {#custom-id}` into the visible text and the id.
    public static func splitExplicitID(_ text: String) -> (text: String, id: String)? {
        let trimmed = text.trimmingSpaces()
        guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else { return nil }
        let id = String(trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)])
        guard isValidExplicitID(id) else { return nil }
        return (String(trimmed[..<open.lowerBound]).trimmingSpaces(), id)
    }

    public static func isValidExplicitID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    private static let specialFolds: [Unicode.Scalar: String] = [
        "æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ŋ": "n",
    ]

    private static func fold(_ scalar: Unicode.Scalar) -> String? {
        if scalar.isASCII {
            let isAlphanumeric = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            return isAlphanumeric ? String(scalar) : nil
        }
        if let special = specialFolds[scalar] { return special }
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        // Canonical decomposition separates a Latin base letter from its accents: "é" -> "e" + U+0301.
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        if let base = decomposed.first, base.isASCII, ("a"..."z").contains(base) { return String(base) }
        return String(scalar)
    }
}
