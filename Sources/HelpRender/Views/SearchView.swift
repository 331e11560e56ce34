import HelpConfig
import HelpContent
import HelpCore
import HelpTemplates

/// What templates know about search in one language (`search` in a page's context; absent with `search: false`).
package final class SearchView: Sendable {
    /// The language's results page: `/nb/sok/`.
    package let url: String
    /// Where `pagefind.js` of each bundle is served from.
    package let bundleURL: String
    /// Set only where the language shows fallback pages, which are indexed in a bundle of the language's own
    /// (`/pagefind-fallback/de/`) in the default language they are written in.
    package let fallbackBundleURL: String?
    /// The language fallback pages are written in, and how their results are labelled ("only in norsk bokmål").
    package let fallbackLanguage: LanguageView
    package let fallbackLabel: String
    /// False when every page of the language is a fallback: its own bundle has no index for it.
    package let hasOwnPages: Bool
    /// The page is the results page itself, which has its own search form.
    package let isResultsPage: Bool
    package let basePath: String

    package init(url: String, bundleURL: String, fallbackBundleURL: String?, fallbackLanguage: LanguageView, fallbackLabel: String,
                 hasOwnPages: Bool, isResultsPage: Bool, basePath: String) {
        self.url = url
        self.bundleURL = bundleURL
        self.fallbackBundleURL = fallbackBundleURL
        self.fallbackLanguage = fallbackLanguage
        self.fallbackLabel = fallbackLabel
        self.hasOwnPages = hasOwnPages
        self.isResultsPage = isResultsPage
        self.basePath = basePath
    }

    /// The same language's view for its results page.
    package var onResultsPage: SearchView {
        SearchView(url: url, bundleURL: bundleURL, fallbackBundleURL: fallbackBundleURL, fallbackLanguage: fallbackLanguage,
                   fallbackLabel: fallbackLabel, hasOwnPages: hasOwnPages, isResultsPage: true, basePath: basePath)
    }

    package static let schema = ViewSchema.of(SearchView.self, name: "search") { f in
        f.text("url") { $0.url }
        f.text("bundleURL") { $0.bundleURL }
        f.text("fallbackBundleURL") { $0.fallbackBundleURL }
        f.object("fallbackLanguage", { LanguageView.schema }) { $0.fallbackLanguage }
        f.text("fallbackLabel") { $0.fallbackLabel }
        f.flag("hasOwnPages") { $0.hasOwnPages }
        f.flag("isResultsPage") { $0.isResultsPage }
        f.text("basePath") { $0.basePath }
    }

    /// One view per language, or none when the site has no search.
    package static func perLanguage(index: SiteIndex, strings: [String: StringTable], languages: [String: LanguageView]) -> [String: SearchView] {
        let config = index.config
        guard config.search else { return [:] }
        let source = config.defaultLanguage
        var views: [String: SearchView] = [:]
        for language in config.languages {
            let pages = index.pages(in: language.code)
            let label = strings[language.code]?.values["searchOnlyIn"] ?? BuiltInStrings.english["searchOnlyIn"] ?? ""
            views[language.code] = SearchView(
                url: URLPath.href(basePath: config.basePath, segments: SearchPages.segments(for: language, strings: strings)),
                bundleURL: config.basePath + GeneratedFolders.searchBundle + "/",
                fallbackBundleURL: pages.contains(where: \.isFallback) ? config.basePath + GeneratedFolders.searchFallbacks + "/" + language.code + "/" : nil,
                fallbackLanguage: languages[source.code]!, fallbackLabel: label.replacingAll("{source}", with: source.name),
                hasOwnPages: pages.contains { !$0.isFallback }, isResultsPage: false, basePath: config.basePath)
        }
        return views
    }
}
