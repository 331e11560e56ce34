import HelpMarkdown

/// The quotation marks each language uses, one table for the whole site. cmark's smart punctuation
/// produces English quotes; pages in these languages get theirs instead. Unlisted languages keep English.
enum LanguageTypography {
    private static func quotes(_ primary: String, _ secondary: String) -> QuoteStyle {
        let p = Array(primary), s = Array(secondary)
        return QuoteStyle(primaryOpen: String(p[0]), primaryClose: String(p[1]), secondaryOpen: String(s[0]), secondaryClose: String(s[1]))
    }

    /// Primary and secondary quotes per primary language subtag.
    static let table: [String: QuoteStyle] = [
        "nb": quotes("«»", "‘’"), "nn": quotes("«»", "‘’"), "no": quotes("«»", "‘’"),
        "en": quotes("“”", "‘’"),
        "sv": quotes("””", "’’"),
        "fi": quotes("””", "’’"),
        "da": quotes("»«", "›‹"),
        "de": quotes("„“", "‚‘"),
        "nl": quotes("“”", "‘’"),
        "fr": quotes("«»", "“”"),
        "es": quotes("«»", "“”"),
        "it": quotes("«»", "“”"),
        "pt": quotes("«»", "“”"),
        "pl": quotes("„”", "«»"),
        "el": quotes("«»", "“”"),
        "cs": quotes("„“", "‚‘"),
        "sk": quotes("„“", "‚‘"),
        "sl": quotes("„“", "‚‘"),
        "hr": quotes("„”", "‘’"),
        "hu": quotes("„”", "»«"),
        "ro": quotes("„”", "«»"),
        "bg": quotes("„“", "‚‘"),
        "et": quotes("„“", "‚‘"),
        "lv": quotes("«»", "„“"),
        "lt": quotes("„“", "‚‘"),
        "ru": quotes("«»", "„“"),
        "uk": quotes("«»", "„“"),
    ]

    static func typography(for code: String) -> Typography {
        let primary = code.split(separator: "-").first.map { String($0).lowercased() } ?? code
        if code == "pt-BR" { return Typography(quotes: quotes("“”", "‘’")) }
        return Typography(quotes: table[primary] ?? .english, frenchSpacing: primary == "fr")
    }
}
