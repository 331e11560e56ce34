import HelpConfig
import HelpContent

/// Where the files that pages link to are written, so views can link to them and the outputs that write them
/// (in `HelpOutput` and `HelpSearch`) use the same paths.
package enum ReaderFileURLs {
    /// A page's Markdown twin: `<page folder>index.md`.
    package static func markdownTwinPath(of page: Page) -> String { String(page.outputPath.dropLast("html".count)) + "md" }
    package static func markdownTwinHref(of page: Page) -> String { page.href + "index.md" }

    /// A language's Atom feed.
    package static func feedPath(language: Language) -> String { "\(language.code)/feed.xml" }
    package static func feedHref(language: Language, basePath: String) -> String { basePath + feedPath(language: language) }
}

/// The results page of each language, at the localized `searchSlug` from its strings: `/nb/sok/`, `/de/suche/`.
package enum SearchPages {
    package static let layout = "search"
    package static let defaultSlug = "search"

    package static func segments(for language: Language, strings: [String: StringTable]) -> [String] {
        [language.code, strings[language.code]?.values["searchSlug"] ?? defaultSlug]
    }
}
