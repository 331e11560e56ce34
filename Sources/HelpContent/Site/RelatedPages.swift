import HelpCore

/// `related:` in front matter: the pages suggested after a page's text, checked like links.
package enum RelatedPages {
    /// How many pages of the same folder are suggested when a page names none.
    static let defaultCount = 5

    /// Every `related:` entry must name a page written in some language.
    package static func check(_ index: SiteIndex, log: inout DiagnosticLog) {
        let known = Set(index.ids)
        var names: [String]?
        for language in index.config.languages {
            for page in index.pages(in: language.code) where !page.isFallback {
                for entry in page.source.frontMatter.related ?? [] where !known.contains(PageID(entry.text)) {
                    if names == nil { names = index.ids.map(\.path) }
                    let hint = Suggestions.closest(to: entry.text, in: names!).map { "; did you mean '\($0)'?" } ?? ""
                    log.append(.error(.index, entry.location, "related page '\(entry.text)' does not exist in any language" + hint))
                }
            }
        }
    }

    /// The ids a page suggests: its own `related:`, a translation's source page's, or else the other pages
    /// of its folder in navigation order (none on the language home, which lists them all).
    package static func ids(for page: Page, index: SiteIndex, navigation: Navigation?) -> [PageID] {
        if let own = page.source.frontMatter.related ?? index.page(page.id, in: index.config.defaultLanguage.code)?.source.frontMatter.related {
            return own.map { PageID($0.text) }.filter { $0 != page.id }
        }
        if page.id.path == "index" { return [] }
        let siblings = navigation?.pageIDs(inFolder: page.id.folderPath) ?? []
        return Array(siblings.lazy.filter { $0 != page.id }.prefix(defaultCount))
    }
}
