import HelpConfig
import HelpCore
import HelpTemplates
import HelpMarkdown

// The typed values templates see. The README's "Templates and their context" documents every name; each
// schema below is that documentation in code, and templates are checked against it when they load.

final class SiteView: Sendable {
    let title, brand, baseURL, basePath, assetsURL, rootURL: String
    let loginURL, contactFormEndpoint, feedbackEndpoint: String?
    let contactFormIsPreview, feedbackIsPreview: Bool

    init(config: SiteConfig) {
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

    static let schema = ViewSchema.of(SiteView.self, name: "site") { f in
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

final class LanguageView: Sendable {
    let code, name, listName, direction: String
    let isDefault: Bool

    init(_ language: Language, isDefault: Bool) {
        code = language.code
        name = language.name
        listName = language.listName
        direction = language.direction.rawValue
        self.isDefault = isDefault
    }

    static func addFields<View: AnyObject>(to f: inout ViewSchema.Builder<View>, _ language: @escaping @Sendable (View) -> LanguageView) {
        f.text("code") { language($0).code }
        f.text("name") { language($0).name }
        f.text("listName") { language($0).listName }
        f.text("direction") { language($0).direction }
        f.flag("isDefault") { language($0).isDefault }
    }

    static let schema = ViewSchema.of(LanguageView.self, name: "language") { f in addFields(to: &f) { $0 } }
}

/// One language's strings (`strings.yaml`, the default language filling gaps), by the schema's slots.
final class StringsView: Sendable {
    let values: [String?]

    init(values: [String?]) { self.values = values }

    /// Every key of the default language's strings; an unknown key renders nothing (a warning names it).
    static func schema(keys: [String]) -> ViewSchema {
        ViewSchema(name: "strings", fields: keys.enumerated().map { slot, key in
            ViewSchema.Field(name: key, kind: .scalar) { view in
                unsafeDowncast(view, to: StringsView.self).values[slot].map(TemplateValue.text) ?? .absent
            }
        }, isOpen: true)
    }
}

final class HomeView: Sendable {
    let title, url: String
    init(title: String, url: String) { self.title = title; self.url = url }

    static let schema = ViewSchema.of(HomeView.self, name: "home") { f in
        f.text("title") { $0.title }
        f.text("url") { $0.url }
    }
}

final class HeadingView: Sendable {
    let level: Int
    let text, id: String

    init(_ heading: Heading) {
        level = heading.level
        text = heading.text
        id = heading.id
    }

    static let schema = ViewSchema.of(HeadingView.self, name: "heading") { f in
        f.number("level") { $0.level }
        f.text("text") { $0.text }
        f.text("id") { $0.id }
        f.flag("isSubsection") { $0.level == 3 }
    }
}

/// A notice sentence from the strings, with `{language}` and `{source}` filled in; `{source}` can be a link.
final class NoticeView: Sendable {
    let text, before, after, sourceName, sourceLanguage: String
    let hasSource: Bool
    let sourceURL: String?

    /// For an outdated translation: the sections that changed in the source since it was stamped.
    let changedSections: [ChangedSectionView]

    /// `serve` only, on an outdated translation: the translator view of the page.
    let translatorURL: String?

    init(_ template: String, language: Language, source: Language, sourceURL: String?, changedSections: [ChangedSectionView] = [],
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

    static let schema = ViewSchema.of(NoticeView.self, name: "notice") { f in
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
final class ChangedSectionView: Sendable {
    let text, url, urlLanguage: String
    let language: String?
    let isLast: Bool

    init(text: String, url: String, urlLanguage: String, language: String?, isLast: Bool) {
        self.text = text
        self.url = url
        self.urlLanguage = urlLanguage
        self.language = language
        self.isLast = isLast
    }

    static let schema = ViewSchema.of(ChangedSectionView.self, name: "changedSection") { f in
        f.text("text") { $0.text }
        f.text("url") { $0.url }
        f.text("urlLanguage") { $0.urlLanguage }
        f.text("language") { $0.language }
        f.flag("isLast") { $0.isLast }
    }
}

final class PageView: Sendable {
    let title: String
    let description, url, canonicalURL, content, id, layout: String?
    let headings, toc: [HeadingView]
    let isHome, isFallback: Bool
    let contentLanguage: LanguageView?
    let fallbackNotice, outdatedNotice, machineNotice: NoticeView?
    let reviewed: ReviewedView?
    let related: [RelatedLinkView]
    /// For the feedback widget: `source`, `up-to-date`, `machine`, `outdated`, `unstamped` or `fallback`, and the source version it follows.
    let translationState, sourceStamp: String?
    /// The page's Markdown twin, and on a language's home page its Atom feed.
    let markdownURL, feedURL: String?

    init(title: String, description: String? = nil, url: String? = nil, canonicalURL: String? = nil, content: String? = nil,
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

    static let schema = ViewSchema.of(PageView.self, name: "page") { f in
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

final class BreadcrumbView: Sendable {
    let title: String
    let url: String?
    let isCurrent: Bool

    init(title: String, url: String?, isCurrent: Bool) {
        self.title = title
        self.url = url
        self.isCurrent = isCurrent
    }

    static let schema = ViewSchema.of(BreadcrumbView.self, name: "breadcrumb") { f in
        f.text("title") { $0.title }
        f.text("url") { $0.url }
        f.flag("isCurrent") { $0.isCurrent }
    }
}

/// The context of `page`, `home`, `404` and layouts.
final class PageContextView: Sendable {
    let site: SiteView
    let language: LanguageView
    let strings: StringsView
    let home: HomeView?
    let page: PageView
    let alternatesHTML, switcherLinksHTML, navigationHTML: String
    let breadcrumbs: [BreadcrumbView]
    let noindex: Bool
    let search: SearchView?
    /// The page's JSON-LD, already safe inside `<script>`; nil on 404 pages.
    let structuredData: String?

    init(site: SiteView, language: LanguageView, strings: StringsView, home: HomeView?, page: PageView,
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

    static func schema(strings: ViewSchema) -> ViewSchema {
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
final class NavigationItemView: Sendable {
    let title: String
    let url: String?
    let pageKey: String?
    let isSection, isAncestor: Bool
    let children: [NavigationItemView]

    init(title: String, url: String?, pageKey: String?, isSection: Bool, isAncestor: Bool, children: [NavigationItemView]) {
        self.title = title
        self.url = url
        self.pageKey = pageKey
        self.isSection = isSection
        self.isAncestor = isAncestor
        self.children = children
    }

    static let schema: ViewSchema = ViewSchema.of(NavigationItemView.self, name: "navigation item") { f in
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
final class NavigationContextView: Sendable {
    let site: SiteView
    let language: LanguageView
    let strings: StringsView
    let home: HomeView?
    let navigation: [NavigationItemView]

    init(site: SiteView, language: LanguageView, strings: StringsView, home: HomeView?, navigation: [NavigationItemView]) {
        self.site = site
        self.language = language
        self.strings = strings
        self.home = home
        self.navigation = navigation
    }

    static func schema(strings: ViewSchema) -> ViewSchema {
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
final class TranslationLinkView: Sendable {
    let language: LanguageView
    let url: String
    let isAvailable: Bool
    let isCurrent: TemplateValueBox

    init(language: LanguageView, url: String, isAvailable: Bool, isCurrent: TemplateValueBox) {
        self.language = language
        self.url = url
        self.isAvailable = isAvailable
        self.isCurrent = isCurrent
    }

    static let schema = ViewSchema.of(TranslationLinkView.self, name: "translation") { f in
        LanguageView.addFields(to: &f) { $0.language }
        f.text("url") { $0.url }
        f.flag("isAvailable") { $0.isAvailable }
        f.flag("isFallback") { !$0.isAvailable }
        f.value("isCurrent") { $0.isCurrent.value }
    }
}

/// `isCurrent` known now (a flag) or decided per page (a language code).
enum TemplateValueBox: Sendable {
    case known(Bool)
    case perPage(String)

    var value: TemplateValue {
        switch self {
        case .known(let flag): .flag(flag)
        case .perPage(let key): .current(key)
        }
    }
}

final class SwitcherContextView: Sendable {
    let translations: [TranslationLinkView]
    init(translations: [TranslationLinkView]) { self.translations = translations }

    static let schema = ViewSchema.of(SwitcherContextView.self, name: "switcher context") { f in
        f.list("translations", { TranslationLinkView.schema }) { $0.translations }
    }
}

final class AlternateView: Sendable {
    let hreflang, url: String
    init(hreflang: String, url: String) { self.hreflang = hreflang; self.url = url }

    static let schema = ViewSchema.of(AlternateView.self, name: "alternate") { f in
        f.text("hreflang") { $0.hreflang }
        f.text("url") { $0.url }
    }
}

final class AlternatesContextView: Sendable {
    let alternates: [AlternateView]
    init(alternates: [AlternateView]) { self.alternates = alternates }

    static let schema = ViewSchema.of(AlternatesContextView.self, name: "alternates context") { f in
        f.list("alternates", { AlternateView.schema }) { $0.alternates }
    }
}

/// A language offered by the root page's chooser.
final class RootLanguageView: Sendable {
    let language: LanguageView
    let url: String
    let chooseLanguage: String?

    init(language: LanguageView, url: String, chooseLanguage: String?) {
        self.language = language
        self.url = url
        self.chooseLanguage = chooseLanguage
    }

    static let schema = ViewSchema.of(RootLanguageView.self, name: "root language") { f in
        LanguageView.addFields(to: &f) { $0.language }
        f.text("url") { $0.url }
        f.text("chooseLanguage") { $0.chooseLanguage }
    }
}

/// The context of `root` (`public/index.html`).
final class RootContextView: Sendable {
    let site: SiteView
    let defaultLanguage: LanguageView
    let languages: [RootLanguageView]
    let alternates: [AlternateView]
    let canonicalURL, languagesJSON: String
    let strings: StringsView

    init(site: SiteView, defaultLanguage: LanguageView, languages: [RootLanguageView], alternates: [AlternateView],
         canonicalURL: String, languagesJSON: String, strings: StringsView) {
        self.site = site
        self.defaultLanguage = defaultLanguage
        self.languages = languages
        self.alternates = alternates
        self.canonicalURL = canonicalURL
        self.languagesJSON = languagesJSON
        self.strings = strings
    }

    static func schema(strings: ViewSchema) -> ViewSchema {
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
