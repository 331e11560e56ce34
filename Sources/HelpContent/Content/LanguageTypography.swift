import HelpCore
import HelpMarkdown

/// The quotation marks each language uses, one table for the whole site. cmark's smart punctuation
/// produces English quotes; pages in these languages get theirs instead. Unlisted languages keep English.
/// A region subtag counts where its convention differs (`pt-BR`, `de-CH`, `fr-CA`); otherwise the primary subtag's.
package enum LanguageTypography {
    private static func quotes(_ primary: String, _ secondary: String) -> QuoteStyle {
        let p = Array(primary), s = Array(secondary)
        return QuoteStyle(primaryOpen: String(p[0]), primaryClose: String(p[1]), secondaryOpen: String(s[0]), secondaryClose: String(s[1]))
    }

    /// Primary and secondary quotes per primary language subtag.
    package static let table: [String: QuoteStyle] = [
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
        "is": quotes("„“", "‚‘"),
        "ga": quotes("“”", "‘’"),
        "mt": quotes("“”", "‘’"),
        "tr": quotes("“”", "‘’"),
        // Written in logical order: in right-to-left text the guillemets mirror, so they point outwards.
        "ar": quotes("«»", "“”"),
    ]

    /// Regions whose quotes differ from their language's: Brazil; Switzerland and Liechtenstein use guillemets
    /// pointing outwards in German and French alike, with single ones inside.
    static let regional: [String: QuoteStyle] = [
        "pt-br": quotes("“”", "‘’"),
        "de-ch": quotes("«»", "‹›"), "de-li": quotes("«»", "‹›"),
        "fr-ch": quotes("«»", "‹›"),
    ]

    package static func typography(for code: String) -> Typography {
        let subtags = code.lowercased().split(separator: "-").map(String.init)
        let primary = subtags.first ?? code
        let region = subtags.dropFirst().first { $0.count == 2 || $0.allSatisfy(\.isNumber) }
        let regional = region.flatMap { Self.regional[primary + "-" + $0] }
        // Every French region spaces before `:` and inside « »; Canada puts no space before `; ! ?`.
        return Typography(quotes: regional ?? table[primary] ?? .english, frenchSpacing: primary == "fr",
                          spacesBeforeHighPunctuation: region != "ca")
    }
}
