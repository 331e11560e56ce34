import HelpConfig
import HelpCore
import HelpTemplates
import HelpMarkdown

// The typed values templates see. The README's "Templates and their context" documents every name; each
// schema below is that documentation in code, and templates are checked against it when they load.

package final class SiteView: Sendable {
    package let title, brand, baseURL, basePath, assetsURL, rootURL: String
    package let loginURL, contactFormEndpoint, feedbackEndpoint: String?
    package let contactFormIsPreview, feedbackIsPreview: Bool

    package init(config: SiteConfig) {
        title = config.title
        brand = config.brand
        baseURL = config.baseURL
        basePath = config.basePath
        assetsURL = config.basePath + "assets/"
        rootURL = config.basePath
        loginURL = config.loginURL
        contactFormEndpoint = config.contactFormEndpoint
        feedbackEndpoint = config.feedbackEndpoint
        contactFormIsPreview = config.previewOnlyForms.contains(.contact)
        feedbackIsPreview = config.previewOnlyForms.contains(.feedback)
    }

    package static let schema = ViewSchema.of(SiteView.self, name: "site") { f in
        f.text("title") { $0.title }
        f.text("brand") { $0.brand }
        f.text("baseURL") { $0.baseURL }
        f.text("basePath") { $0.basePath }
        f.text("assetsURL") { $0.assetsURL }
        f.text("rootURL") { $0.rootURL }
        f.text("loginURL") { $0.loginURL }
        f.text("contactFormEndpoint") { $0.contactFormEndpoint }
        f.text("feedbackEndpoint") { $0.feedbackEndpoint }
        f.flag("contactFormIsPreview") { $0.contactFormIsPreview }
        f.flag("feedbackIsPreview") { $0.feedbackIsPreview }
    }
}

package final class LanguageView: Sendable {
    package let code, name, listName, direction: String
    package let isDefault: Bool

    package init(_ language: Language, isDefault: Bool) {
        code = language.code
        name = language.name
        listName = language.listName
        direction = language.direction.rawValue
        self.isDefault = isDefault
    }

    package static func addFields<View: AnyObject>(to f: inout ViewSchema.Builder<View>, _ language: @escaping @Sendable (View) -> LanguageView) {
        f.text("code") { language($0).code }
        f.text("name") { language($0).name }
        f.text("listName") { language($0).listName }
        f.text("direction") { language($0).direction }
        f.flag("isDefault") { language($0).isDefault }
    }

    package static let schema = ViewSchema.of(LanguageView.self, name: "language") { f in addFields(to: &f) { $0 } }
}

/// One language's strings (`strings.yaml`, the default language filling gaps), by the schema's slots.
package final class StringsView: Sendable {
    package let values: [String?]

    package init(values: [String?]) { self.values = values }

    /// Every key of the default language's strings; an unknown key renders nothing (a warning names it).
    package static func schema(keys: [String]) -> ViewSchema {
        ViewSchema(name: "strings", fields: keys.enumerated().map { slot, key in
            ViewSchema.Field(name: key, kind: .scalar) { view in
                unsafeDowncast(view, to: StringsView.self).values[slot].map(TemplateValue.text) ?? .absent
            }
        }, isOpen: true)
    }
}

package final class HomeView: Sendable {
    package let title, url: String
    package init(title: String, url: String) { self.title = title; self.url = url }

    package static let schema = ViewSchema.of(HomeView.self, name: "home") { f in
        f.text("title") { $0.title }
        f.text("url") { $0.url }
    }
}

package final class HeadingView: Sendable {
    package let level: Int
    package let text, id: String

    package init(_ heading: Heading) {
        level = heading.level
        text = heading.text
        id = heading.id
    }

    package static let schema = ViewSchema.of(HeadingView.self, name: "heading") { f in
        f.number("level") { $0.level }
        f.text("text") { $0.text }
        f.text("id") { $0.id }
        f.flag("isSubsection") { $0.level == 3 }
    }
}

/// A notice sentence from the strings, with `{language}` and `{source}` filled in; `{source}` can be a link.
package final class NoticeView: Sendable {
    package let text, before, after, sourceName, sourceLanguage: String
    package let hasSource: Bool
    package let sourceURL: String?

    /// For an outdated translation: the sections that changed in the source since it was stamped.
    package let changedSections: [ChangedSectionView]

    /// `serve` only, on an outdated translation: the translator view of the page.
    package let translatorURL: String?

    package init(_ template: String, language: Language, source: Language, sourceURL: String?, changedSections: [ChangedSectionView] = [],
                 translatorURL: String? = nil) {
        self.changedSections = changedSections
        self.translatorURL = translatorURL
        let filled = template.replacingAll("{language}", with: language.name)
        let parts = filled.components(separatedBy: "{source}")
        text = filled.replacingAll("{source}", with: source.name)
        before = parts.first ?? filled
        after = parts.count > 1 ? parts.dropFirst().joined(separator: source.name) : ""
        hasSource = parts.count > 1
        sourceName = source.name
        sourceLanguage = source.code
        self.sourceURL = sourceURL
    }

    package static let schema = ViewSchema.of(NoticeView.self, name: "notice") { f in
        f.text("text") { $0.text }
        f.text("before") { $0.before }
        f.text("after") { $0.after }
        f.flag("hasSource") { $0.hasSource }
        f.text("sourceName") { $0.sourceName }
        f.text("sourceLanguage") { $0.sourceLanguage }
        f.text("sourceURL") { $0.sourceURL }
        f.flag("hasChangedSections") { !$0.changedSections.isEmpty }
        f.list("changedSections", { ChangedSectionView.schema }) { $0.changedSections }
        f.text("translatorURL") { $0.translatorURL }
    }
}

/// A changed section in an outdated notice: the translation's own heading for it (or the source's, with its
/// language, when the translation has no such section yet), linked to that section of the source page.
package final class ChangedSectionView: Sendable {
    package let text, url, urlLanguage: String
    package let language: String?
    package let isLast: Bool

    package init(text: String, url: String, urlLanguage: String, language: String?, isLast: Bool) {
        self.text = text
        self.url = url
        self.urlLanguage = urlLanguage
        self.language = language
        self.isLast = isLast
    }

    package static let schema = ViewSchema.of(ChangedSectionView.self, name: "changedSection") { f in
        f.text("text") { $0.text }
        f.text("url") { $0.url }
        f.text("urlLanguage") { $0.urlLanguage }
        f.text("language") { $0.language }
        f.flag("isLast") { $0.isLast }
    }
}

package final class PageView: Sendable {
    package let title: String
    package let description, url, canonicalURL, content, id, layout: String?
    package let headings, toc: [HeadingView]
    package let isHome, isFallback: Bool
    package let contentLanguage: LanguageView?
    package let fallbackNotice, outdatedNotice, machineNotice: NoticeView?
    package let reviewed: ReviewedView?
    package let related: [RelatedLinkView]
    /// For the feedback widget: `source`, `up-to-date`, `machine`, `outdated`, `unstamped` or `fallback`, and the source version it follows.
    package let translationState, sourceStamp: String?
    /// The page's Markdown twin, and on a language's home page its Atom feed.
    package let markdownURL, feedURL: String?

    package init(title: String, description: String? = nil, url: String? = nil, canonicalURL: String? = nil, content: String? = nil,
                 id: String? = nil, layout: String? = nil, headings: [HeadingView] = [], isHome: Bool = false, isFallback: Bool = false,
                 contentLanguage: LanguageView? = nil, fallbackNotice: NoticeView? = nil, outdatedNotice: NoticeView? = nil, machineNotice: NoticeView? = nil,
                 reviewed: ReviewedView? = nil, related: [RelatedLinkView] = [], translationState: String? = nil, sourceStamp: String? = nil,
                 markdownURL: String? = nil, feedURL: String? = nil) {
        self.title = title
        self.description = description
        self.url = url
        self.canonicalURL = canonicalURL
        self.content = content
        self.id = id
        self.layout = layout
        self.headings = headings
        self.toc = headings.filter { $0.level == 2 || $0.level == 3 }
        self.isHome = isHome
        self.isFallback = isFallback
        self.contentLanguage = contentLanguage
        self.fallbackNotice = fallbackNotice
        self.outdatedNotice = outdatedNotice
        self.machineNotice = machineNotice
        self.reviewed = reviewed
        self.related = related
        self.translationState = translationState
        self.sourceStamp = sourceStamp
        self.markdownURL = markdownURL
        self.feedURL = feedURL
    }

    package static let schema = ViewSchema.of(PageView.self, name: "page") { f in
        f.text("title") { $0.title }
        f.text("description") { $0.description }
        f.text("url") { $0.url }
        f.text("canonicalURL") { $0.canonicalURL }
        f.text("content") { $0.content }
        f.list("headings", { HeadingView.schema }) { $0.headings }
        f.list("toc", { HeadingView.schema }) { $0.toc }
        f.flag("hasToc") { $0.toc.count > 1 }
        f.text("id") { $0.id }
        f.flag("isHome") { $0.isHome }
        f.text("layout") { $0.layout }
        f.flag("isFallback") { $0.isFallback }
        f.object("contentLanguage", { LanguageView.schema }) { $0.contentLanguage }
        f.object("fallbackNotice", { NoticeView.schema }) { $0.fallbackNotice }
        f.object("outdatedNotice", { NoticeView.schema }) { $0.outdatedNotice }
        f.object("machineNotice", { NoticeView.schema }) { $0.machineNotice }
        f.object("reviewed", { ReviewedView.schema }) { $0.reviewed }
        f.list("related", { RelatedLinkView.schema }) { $0.related }
        f.flag("hasRelated") { !$0.related.isEmpty }
        f.text("translationState") { $0.translationState }
        f.text("sourceStamp") { $0.sourceStamp }
        f.text("markdownURL") { $0.markdownURL }
        f.text("feedURL") { $0.feedURL }
    }
}

package final class BreadcrumbView: Sendable {
    package let title: String
    package let url: String?
    package let isCurrent: Bool

    package init(title: String, url: String?, isCurrent: Bool) {
        self.title = title
        self.url = url
        self.isCurrent = isCurrent
    }

    package static let schema = ViewSchema.of(BreadcrumbView.self, name: "breadcrumb") { f in
        f.text("title") { $0.title }
        f.text("url") { $0.url }
        f.flag("isCurrent") { $0.isCurrent }
    }
}

/// The context of `page`, `home`, `404` and layouts.
package final class PageContextView: Sendable {
    package let site: SiteView
    package let language: LanguageView
    package let strings: StringsView
    package let home: HomeView?
    package let page: PageView
    package let alternatesHTML, switcherLinksHTML, navigationHTML: String
    package let breadcrumbs: [BreadcrumbView]
    package let noindex: Bool
    package let search: SearchView?
    /// The page's JSON-LD, already safe inside `<script>`; nil on 404 pages.
    package let structuredData: String?

    package init(site: SiteView, language: LanguageView, strings: StringsView, home: HomeView?, page: PageView,
                 alternatesHTML: String, switcherLinksHTML: String, navigationHTML: String, breadcrumbs: [BreadcrumbView], noindex: Bool,
                 search: SearchView? = nil, structuredData: String? = nil) {
        self.site = site
        self.language = language
        self.strings = strings
        self.home = home
        self.page = page
        self.alternatesHTML = alternatesHTML
        self.switcherLinksHTML = switcherLinksHTML
        self.navigationHTML = navigationHTML
        self.breadcrumbs = breadcrumbs
        self.noindex = noindex
        self.search = search
        self.structuredData = structuredData
    }

    package static func schema(strings: ViewSchema) -> ViewSchema {
        ViewSchema.of(PageContextView.self, name: "page context") { f in
            f.object("site", { SiteView.schema }) { $0.site }
            f.object("language", { LanguageView.schema }) { $0.language }
            f.object("strings", { strings }) { $0.strings }
            f.object("home", { HomeView.schema }) { $0.home }
            f.object("page", { PageView.schema }) { $0.page }
            f.text("alternatesHTML") { $0.alternatesHTML }
            f.text("switcherLinksHTML") { $0.switcherLinksHTML }
            f.text("navigationHTML") { $0.navigationHTML }
            f.list("breadcrumbs", { BreadcrumbView.schema }) { $0.breadcrumbs }
            f.flag("hasBreadcrumbs") { $0.breadcrumbs.count > 1 }
            f.flag("noindex") { $0.noindex }
            f.object("search", { SearchView.schema }) { $0.search }
            f.text("structuredData") { $0.structuredData }
        }
    }
}

/// One entry of the topic tree; `isCurrent` is decided per page from the shared fragment.
package final class NavigationItemView: Sendable {
    package let title: String
    package let url: String?
    package let pageKey: String?
    package let isSection, isAncestor: Bool
    package let children: [NavigationItemView]

    package init(title: String, url: String?, pageKey: String?, isSection: Bool, isAncestor: Bool, children: [NavigationItemView]) {
        self.title = title
        self.url = url
        self.pageKey = pageKey
        self.isSection = isSection
        self.isAncestor = isAncestor
        self.children = children
    }

    package static let schema: ViewSchema = ViewSchema.of(NavigationItemView.self, name: "navigation item") { f in
        f.text("title") { $0.title }
        f.text("url") { $0.url }
        f.value("isCurrent") { $0.pageKey.map(TemplateValue.current) ?? .flag(false) }
        f.flag("isSection") { $0.isSection }
        f.flag("isAncestor") { $0.isAncestor }
        f.list("children", { NavigationItemView.schema }) { $0.children }
        f.flag("hasChildren") { !$0.children.isEmpty }
    }
}

/// The context of the `navigation` partial, rendered once per language and open folder.
package final class NavigationContextView: Sendable {
    package let site: SiteView
    package let language: LanguageView
    package let strings: StringsView
    package let home: HomeView?
    package let navigation: [NavigationItemView]

    package init(site: SiteView, language: LanguageView, strings: StringsView, home: HomeView?, navigation: [NavigationItemView]) {
        self.site = site
        self.language = language
        self.strings = strings
        self.home = home
        self.navigation = navigation
    }

    package static func schema(strings: ViewSchema) -> ViewSchema {
        ViewSchema.of(NavigationContextView.self, name: "navigation context") { f in
            f.object("site", { SiteView.schema }) { $0.site }
            f.object("language", { LanguageView.schema }) { $0.language }
            f.object("strings", { strings }) { $0.strings }
            f.object("home", { HomeView.schema }) { $0.home }
            f.list("navigation", { NavigationItemView.schema }) { $0.navigation }
        }
    }
}

/// A language switcher entry: the language and where the page is in it.
package final class TranslationLinkView: Sendable {
    package let language: LanguageView
    package let url: String
    package let isAvailable: Bool
    package let isCurrent: TemplateValueBox

    package init(language: LanguageView, url: String, isAvailable: Bool, isCurrent: TemplateValueBox) {
        self.language = language
        self.url = url
        self.isAvailable = isAvailable
        self.isCurrent = isCurrent
    }

    package static let schema = ViewSchema.of(TranslationLinkView.self, name: "translation") { f in
        LanguageView.addFields(to: &f) { $0.language }
        f.text("url") { $0.url }
        f.flag("isAvailable") { $0.isAvailable }
        f.flag("isFallback") { !$0.isAvailable }
        f.value("isCurrent") { $0.isCurrent.value }
    }
}

/// `isCurrent` known now (a flag) or decided per page (a language code).
package enum TemplateValueBox: Sendable {
    case known(Bool)
    case perPage(String)

    package var value: TemplateValue {
        switch self {
        case .known(let flag): .flag(flag)
        case .perPage(let key): .current(key)
        }
    }
}

package final class SwitcherContextView: Sendable {
    package let translations: [TranslationLinkView]
    package init(translations: [TranslationLinkView]) { self.translations = translations }

    package static let schema = ViewSchema.of(SwitcherContextView.self, name: "switcher context") { f in
        f.list("translations", { TranslationLinkView.schema }) { $0.translations }
    }
}

package final class AlternateView: Sendable {
    package let hreflang, url: String
    package init(hreflang: String, url: String) { self.hreflang = hreflang; self.url = url }

    package static let schema = ViewSchema.of(AlternateView.self, name: "alternate") { f in
        f.text("hreflang") { $0.hreflang }
        f.text("url") { $0.url }
    }
}

package final class AlternatesContextView: Sendable {
    package let alternates: [AlternateView]
    package init(alternates: [AlternateView]) { self.alternates = alternates }

    package static let schema = ViewSchema.of(AlternatesContextView.self, name: "alternates context") { f in
        f.list("alternates", { AlternateView.schema }) { $0.alternates }
    }
}

/// A language offered by the root page's chooser.
package final class RootLanguageView: Sendable {
    package let language: LanguageView
    package let url: String
    package let chooseLanguage: String?

    package init(language: LanguageView, url: String, chooseLanguage: String?) {
        self.language = language
        self.url = url
        self.chooseLanguage = chooseLanguage
    }

    package static let schema = ViewSchema.of(RootLanguageView.self, name: "root language") { f in
        LanguageView.addFields(to: &f) { $0.language }
        f.text("url") { $0.url }
        f.text("chooseLanguage") { $0.chooseLanguage }
    }
}

/// The context of `root` (`public/index.html`).
package final class RootContextView: Sendable {
    package let site: SiteView
    package let defaultLanguage: LanguageView
    package let languages: [RootLanguageView]
    package let alternates: [AlternateView]
    package let canonicalURL, languagesJSON: String
    package let strings: StringsView

    package init(site: SiteView, defaultLanguage: LanguageView, languages: [RootLanguageView], alternates: [AlternateView],
                 canonicalURL: String, languagesJSON: String, strings: StringsView) {
        self.site = site
        self.defaultLanguage = defaultLanguage
        self.languages = languages
        self.alternates = alternates
        self.canonicalURL = canonicalURL
        self.languagesJSON = languagesJSON
        self.strings = strings
    }

    package static func schema(strings: ViewSchema) -> ViewSchema {
        ViewSchema.of(RootContextView.self, name: "root context") { f in
            f.object("site", { SiteView.schema }) { $0.site }
            f.object("defaultLanguage", { LanguageView.schema }) { $0.defaultLanguage }
            f.list("languages", { RootLanguageView.schema }) { $0.languages }
            f.list("alternates", { AlternateView.schema }) { $0.alternates }
            f.text("canonicalURL") { $0.canonicalURL }
            f.text("languagesJSON") { $0.languagesJSON }
            f.object("strings", { strings }) { $0.strings }
        }
    }
}
