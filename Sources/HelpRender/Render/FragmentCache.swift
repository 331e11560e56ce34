import HelpConfig
import HelpContent
import HelpCore
import HelpTemplates
import HelpMarkdown

/// The partials every page shows but few pages differ in, rendered once: the `navigation` per language and
/// open folder, `switcher-links` and `alternates` per page identity. A page takes its own branch of a
/// shared fragment (its link marked current) without the fragment being rendered again.
package struct FragmentCache: Sendable {
    /// Each fragment is rendered the first time a page asks for it: a build that renders a few pages (`serve`
    /// after an edit, a scoped `build --cache`) renders a few fragments, not every one of the site's.
    private let navigation: [String: Memo<(fragment: SharedFragment, digest: UInt64)>]
    private let switchers: [PageID: Memo<SharedFragment?>]
    private let alternates: [PageID: Memo<String?>]

    package init(views: SiteViews, templates: CompiledTemplates) {
        var ids: Set<PageID> = []
        var folders: [(Language, String)] = []
        for language in views.config.languages {
            var languageFolders: Set<String> = [""]
            for page in views.index.pages(in: language.code) {
                ids.insert(page.id)
                languageFolders.insert(page.id.folderPath)
            }
            folders += languageFolders.map { (language, $0) }
        }
        var switchers: [PageID: Memo<SharedFragment?>] = [:], alternates: [PageID: Memo<String?>] = [:]
        switchers.reserveCapacity(ids.count)
        alternates.reserveCapacity(ids.count)
        for id in ids {
            switchers[id] = Memo {
                templates.switcherLinks.map { TemplateRenderer.renderShared($0, view: views.switcher(for: id), schema: SwitcherContextView.schema) }
            }
            alternates[id] = Memo {
                templates.alternates.map { template in
                    String(decoding: TemplateRenderer.render(template, view: AlternatesContextView(alternates: views.alternates(for: id)),
                                                             schema: AlternatesContextView.schema), as: UTF8.self)
                }
            }
        }
        var navigation: [String: Memo<(fragment: SharedFragment, digest: UInt64)>] = [:]
        if let template = templates.navigation {
            for (language, folder) in folders {
                navigation[language.code + "/" + folder] = Memo {
                    let fragment = TemplateRenderer.renderShared(
                        template, view: views.navigationContext(language: language, openFolder: folder), schema: templates.navigationContext)
                    return (fragment, Self.digest(fragment))
                }
            }
        }
        self.switchers = switchers
        self.alternates = alternates
        self.navigation = navigation
    }

    package func navigationHTML(language: String, folder: String, current: PageID?) -> String {
        (navigation[language + "/" + folder]?.value.fragment ?? .empty).text(current: current?.path ?? "")
    }

    /// Changes whenever the navigation a page in `folder` shows changes: a title, an order, a page added to the folder.
    package func navigationDigest(language: String, folder: String) -> UInt64 {
        navigation[language + "/" + folder]?.value.digest ?? 0
    }

    private static func digest(_ fragment: SharedFragment) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(fragment.bytes)
        for key in fragment.branches.keys.sorted() {
            let branch = fragment.branches[key]!
            fingerprint.add(key)
            fingerprint.add(UInt64(branch.offset))
            fingerprint.add(UInt64(branch.replacedCount))
            fingerprint.add(branch.bytes)
        }
        return fingerprint.value
    }

    package func switcherHTML(for page: Page) -> String {
        (switchers[page.id]?.value ?? .empty).text(current: page.language)
    }

    package func alternatesHTML(for id: PageID) -> String { alternates[id]?.value ?? "" }
}

/// Renders pages, 404s and the root page from typed views and compiled templates; `build` and `serve` share it.
package struct RenderEngine: Sendable {
    package private(set) var views: SiteViews
    package private(set) var fragments: FragmentCache
    package let templates: CompiledTemplates
    /// HTML added before `</body>`: only `serve` sets it, for live reload.
    package let injectedHTML: String?

    package init(index: SiteIndex, strings: [String: StringTable], templates: CompiledTemplates, injectedHTML: String?) {
        let views = SiteViews(index: index, strings: strings, stringKeys: templates.stringsSchema.fieldNames)
        self.views = views
        self.fragments = FragmentCache(views: views, templates: templates)
        self.templates = templates
        self.injectedHTML = injectedHTML
    }

    package var config: SiteConfig { views.config }

    /// The engine after pages were read again with only their text changed; the shared fragments show titles and
    /// URLs only, so they stay.
    package mutating func replaceText(of sources: [SourcePage], in index: SiteIndex) {
        views.replaceText(of: sources, in: index)
    }

    /// The template a page renders with: its layout, or `page` when the default `home` layout has no template.
    package func templateName(for page: Page) -> String {
        let name = views.layout(for: page)
        if page.source.frontMatter.layout == nil && !templates.hasLayout(name) { return "page" }
        return name
    }

    /// `organizations`: the facts entities whose cards the page shows, for its structured data.
    package func renderPage(_ page: Page, rendered: RenderedMarkdown, organizations: [Facts.Entity] = []) -> [UInt8]? {
        guard let template = templates.layouts[templateName(for: page)] else { return nil }
        let language = config.language(page.language)!
        let breadcrumbs = views.breadcrumbs(for: page)
        let context = PageContextView(
            site: views.site, language: views.language(language), strings: views.strings(language.code), home: views.home(of: language.code),
            page: views.pageView(page, rendered: rendered),
            alternatesHTML: fragments.alternatesHTML(for: page.id), switcherLinksHTML: fragments.switcherHTML(for: page),
            navigationHTML: fragments.navigationHTML(language: page.language, folder: page.id.folderPath, current: page.id),
            breadcrumbs: breadcrumbs, noindex: page.isFallback, search: views.search(for: language),
            structuredData: StructuredData.json(for: page, views: views, breadcrumbs: breadcrumbs, organizations: organizations))
        return finish(TemplateRenderer.render(template, view: context, schema: templates.pageContext))
    }

    package func renderNotFound(_ language: Language) -> [UInt8] {
        guard let template = templates.layouts["404"] else { return [] }
        var switcher = ""
        if let links = templates.switcherLinks {
            switcher = String(decoding: TemplateRenderer.render(links, view: views.homeSwitcher(current: language), schema: SwitcherContextView.schema), as: UTF8.self)
        }
        let strings = views.strings(language.code)
        let title = views.string("notFoundTitle", in: language.code) ?? "Page not found"
        let context = PageContextView(
            site: views.site, language: views.language(language), strings: strings, home: views.home(of: language.code),
            page: PageView(title: title), alternatesHTML: "", switcherLinksHTML: switcher,
            navigationHTML: fragments.navigationHTML(language: language.code, folder: "", current: nil),
            breadcrumbs: [], noindex: true, search: views.search(for: language))
        return finish(TemplateRenderer.render(template, view: context, schema: templates.pageContext))
    }

    /// The page an alias's old URL shows: a meta refresh to the page, canonical to it, `noindex`.
    package func renderRedirect(_ redirect: Redirect) -> [UInt8] {
        guard let template = templates.redirect, let language = config.language(redirect.target.language) else { return [] }
        let view = RedirectContextView(site: views.site, language: views.language(language), strings: views.strings(language.code),
                                       target: HomeView(title: redirect.target.title, url: redirect.target.href),
                                       canonicalURL: redirect.target.absoluteURL,
                                       heading: views.string("pageMoved", in: language.code) ?? "This page has moved")
        return TemplateRenderer.render(template, view: view, schema: templates.redirectContext)
    }

    package func renderRoot() -> [UInt8] {
        guard let template = templates.root else { return [] }
        return finish(TemplateRenderer.render(template, view: views.root(), schema: templates.rootContext))
    }

    /// Adds the serve-only HTML before the first `</body>`.
    package func finish(_ html: [UInt8]) -> [UInt8] {
        guard let injectedHTML, let body = Self.firstBodyEnd(in: html) else { return html }
        var finished = html
        finished.insert(contentsOf: injectedHTML.utf8, at: body)
        return finished
    }

    /// Where the first `</body>` starts. A byte loop: Foundation's generic `firstRange(of:)` took most of the time
    /// of rendering a page in `serve`.
    private static func firstBodyEnd(in html: [UInt8]) -> Int? {
        let tag = Array("</body>".utf8)
        return html.withUnsafeBufferPointer { bytes -> Int? in
            var position = 0
            while position + tag.count <= bytes.count {
                if bytes[position] == tag[0] {
                    var matched = 1
                    while matched < tag.count && bytes[position + matched] == tag[matched] { matched += 1 }
                    if matched == tag.count { return position }
                }
                position += 1
            }
            return nil
        }
    }
}
