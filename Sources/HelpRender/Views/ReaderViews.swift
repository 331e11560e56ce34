import HelpConfig
import HelpContent
import HelpCore
import HelpTemplates

/// "Last reviewed 20 November 2026": the `reviewed` string with `{date}` filled in, split around the date
/// so a template can wrap it in `<time datetime>`.
package final class ReviewedView: Sendable {
    package let text, before, date, after, datetime: String

    package init(_ template: String, date: ReviewDate, languageCode: String) {
        let shown = date.formatted(languageCode: languageCode)
        let parts = template.components(separatedBy: "{date}")
        text = template.replacingAll("{date}", with: shown)
        before = parts.count > 1 ? parts[0] : template + " "
        after = parts.count > 1 ? parts.dropFirst().joined(separator: shown) : ""
        self.date = shown
        datetime = date.iso
    }

    package static let schema = ViewSchema.of(ReviewedView.self, name: "reviewed") { f in
        f.text("text") { $0.text }
        f.text("before") { $0.before }
        f.text("date") { $0.date }
        f.text("after") { $0.after }
        f.text("datetime") { $0.datetime }
    }
}

/// A suggested page, in the reader's language: its title there, or the source page's on a fallback.
package final class RelatedLinkView: Sendable {
    package let title, url, contentLanguage, contentDirection: String
    package let isFallback: Bool
    /// "(in norsk bokmål)": says the target is not translated yet.
    package let fallbackNote: String?

    package init(title: String, url: String, contentLanguage: Language, isFallback: Bool, fallbackNote: String?) {
        self.title = title
        self.url = url
        self.contentLanguage = contentLanguage.code
        contentDirection = contentLanguage.direction.rawValue
        self.isFallback = isFallback
        self.fallbackNote = fallbackNote
    }

    package static let schema = ViewSchema.of(RelatedLinkView.self, name: "related page") { f in
        f.text("title") { $0.title }
        f.text("url") { $0.url }
        f.flag("isFallback") { $0.isFallback }
        f.text("contentLanguage") { $0.contentLanguage }
        f.text("contentDirection") { $0.contentDirection }
        f.text("fallbackNote") { $0.fallbackNote }
    }
}

/// The context of `redirect`: the page an alias leads to, in the alias's language.
package final class RedirectContextView: Sendable {
    package let site: SiteView
    package let language: LanguageView
    package let strings: StringsView
    package let target: HomeView
    package let canonicalURL, heading: String

    package init(site: SiteView, language: LanguageView, strings: StringsView, target: HomeView, canonicalURL: String, heading: String) {
        self.heading = heading
        self.site = site
        self.language = language
        self.strings = strings
        self.target = target
        self.canonicalURL = canonicalURL
    }

    package static func schema(strings: ViewSchema) -> ViewSchema {
        ViewSchema.of(RedirectContextView.self, name: "redirect context") { f in
            f.object("site", { SiteView.schema }) { $0.site }
            f.object("language", { LanguageView.schema }) { $0.language }
            f.object("strings", { strings }) { $0.strings }
            f.object("target", { HomeView.schema }) { $0.target }
            f.text("canonicalURL") { $0.canonicalURL }
            f.text("heading") { $0.heading }
        }
    }
}
