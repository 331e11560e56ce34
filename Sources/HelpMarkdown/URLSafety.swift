/// The schemes cmark's safe mode drops, checked the way a browser reads a URL: leading
/// control characters and spaces ignored, tabs and newlines removed, case folded.
public enum URLSafety {
    private static let dangerousSchemes = ["javascript:", "vbscript:", "file:", "data:"]
    private static let safeDataImages = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]

    public static func isDangerous(_ url: String, kind: LinkReference.Kind = .link) -> Bool {
        dangerousScheme(url, kind: kind) != nil
    }

    /// The scheme (`javascript`) that makes safe mode drop the URL, or nil when it is kept.
    public static func dangerousScheme(_ url: String, kind: LinkReference.Kind = .link) -> String? {
        // Only a short prefix can match a scheme, so only that much is normalized.
        var prefix = String.UnicodeScalarView()
        for scalar in url.unicodeScalars.drop(while: { $0.value <= 0x20 }) where scalar != "\t" && scalar != "\n" && scalar != "\r" {
            prefix.append(scalar)
            if prefix.count == 24 { break }
        }
        let normalized = String(prefix).lowercased()
        guard let scheme = dangerousSchemes.first(where: { normalized.hasPrefix($0) }) else { return nil }
        if scheme == "data:" && kind == .image && safeDataImages.contains(where: { normalized.hasPrefix($0) }) {
            return nil
        }
        return String(scheme.dropLast())
    }
}
