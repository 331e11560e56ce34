import HelpCore

/// What may become part of an output path. Everything that names a file under `public/` passes here.
package enum PathRules {
    /// Page URLs are folders; a segment named like a generated file (404.html, index.html, sitemap.xml) would clash.
    static let generatedSuffixes = [".html", ".htm", ".xml"]

    package static func problem(inFileName name: String) -> String? {
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "file name contains a control character"
        }
        if name.contains("\\") { return "file name contains a backslash" }
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        if generatedSuffixes.contains(where: { stem.lowercased().hasSuffix($0) }) {
            return "name '\(stem)' cannot end in .html or .xml; those names belong to files helpsite writes"
        }
        return nil
    }

    package static func problem(inSlug slug: String) -> String? {
        if slug.isEmpty { return "slug is empty" }
        if slug == "." || slug == ".." || slug.hasPrefix(".") { return "slug '\(slug)' cannot start with a dot" }
        if slug.contains("/") || slug.contains("\\") { return "slug '\(slug)' must be a single URL segment without / or \\" }
        if slug.contains("%") { return "slug '\(slug)' cannot contain %; write the characters themselves" }
        if slug.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.properties.isWhitespace }) {
            return "slug '\(slug)' contains spaces or control characters; use hyphens"
        }
        if generatedSuffixes.contains(where: { slug.lowercased().hasSuffix($0) }) {
            return "slug '\(slug)' cannot end in .html or .xml; those names belong to files helpsite writes"
        }
        let allowed = slug.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.~".unicodeScalars.contains($0) }
        return allowed ? nil : "slug '\(slug)' may contain only letters, digits, '-', '_', '.' and '~'"
    }

    static func isTemplateName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
