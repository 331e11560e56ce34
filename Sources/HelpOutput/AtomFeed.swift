import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown
import HelpRender

/// A language's "what's new" feed (Atom, RFC 4287): its written pages by the date their text was last checked
/// (`reviewed:`, a translation's own date or, while it follows the current source, its source page's), newest
/// first. Each entry's id names the text version (its `SourceHash`), so a changed text is a new entry. Nothing
/// comes from the build clock, so the feed is the same on every build of the same content.
package struct AtomFeed {
    package static let maxEntries = 20

    package let site: LoadedSite
    package let views: SiteViews


    package struct Entry {
        package var page: Page
        package var date: ReviewDate
    }

    /// The entries of the feed, newest first; pages of one date in id order.
    package func entries(for language: Language) -> [Entry] {
        let dated = site.index.pages(in: language.code).compactMap { page -> Entry? in
            guard !page.isFallback, let date = views.reviewDate(of: page) else { return nil }
            return Entry(page: page, date: date)
        }
        return Array(dated.sorted { $0.date != $1.date ? $0.date > $1.date : $0.page.id < $1.page.id }.prefix(Self.maxEntries))
    }

    package func xml(for language: Language) -> String {
        let config = site.config
        let origin = SiteConfig.origin(ofAbsoluteURL: config.baseURL)
        let entries = entries(for: language)
        let title = config.title + " – " + (views.string("whatsNew", in: language.code) ?? "What's new")
        let selfURL = origin + ReaderFileURLs.feedHref(language: language, basePath: config.basePath)
        let home = site.index.home(of: language.code)?.absoluteURL ?? config.baseURL + language.code + "/"
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(escape(language.code))\">\n"
        xml += "  <title>\(escape(title))</title>\n"
        xml += "  <id>\(escape(selfURL))</id>\n"
        xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(escape(selfURL))\"/>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(home))\"/>\n"
        // An empty feed still needs an `updated`; the epoch keeps it independent of the clock.
        xml += "  <updated>\(entries.first.map { Self.timestamp($0.date) } ?? "1970-01-01T00:00:00Z")</updated>\n"
        xml += "  <author><name>\(escape(config.brand))</name></author>\n"
        for entry in entries {
            let page = entry.page
            let version = page.language == config.defaultLanguage.code ? views.sourceHashes[page.id] ?? SourceHash.of(page.source) : SourceHash.of(page.source)
            xml += "  <entry>\n"
            xml += "    <title>\(escape(page.title))</title>\n"
            xml += "    <id>\(escape(page.absoluteURL))#version-\(version)</id>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(page.absoluteURL))\"/>\n"
            xml += "    <link rel=\"alternate\" type=\"text/markdown\" href=\"\(escape(origin + ReaderFileURLs.markdownTwinHref(of: page)))\"/>\n"
            xml += "    <updated>\(Self.timestamp(entry.date))</updated>\n"
            if let description = page.source.frontMatter.description, !description.isEmpty {
                xml += "    <summary>\(escape(description))</summary>\n"
            }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    package static func timestamp(_ date: ReviewDate) -> String { date.iso + "T00:00:00Z" }

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
