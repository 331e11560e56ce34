import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown
import HelpTranslation

/// Builds the typed views templates see, as pure functions of the site index and strings.
package struct SiteViews: Sendable {
    package private(set) var index: SiteIndex
    package let site: SiteView
    private let languageViews: [String: LanguageView]
    package let strings: [String: StringsView]
    private let stringTables: [String: StringTable]
    package private(set) var navigation: [String: Navigation]
    /// The current `SourceHash` of every source-language page, for outdated notices.
    package private(set) var sourceHashes: [PageID: String]
    /// Each language's search view; empty when search is off.
    private let searchViews: [String: SearchView]

    package init(index: SiteIndex, strings tables: [String: StringTable], stringKeys: [String]) {
        self.index = index
        let config = index.config
        site = SiteView(config: config)
        var languageViews: [String: LanguageView] = [:]
        var strings: [String: StringsView] = [:]
        var navigation: [String: Navigation] = [:]
        for language in config.languages {
            languageViews[language.code] = LanguageView(language, isDefault: language == config.defaultLanguage)
            let table = tables[language.code]?.values ?? [:]
            strings[language.code] = StringsView(values: stringKeys.map { table[$0] })
            navigation[language.code] = Navigation(pages: index.pages(in: language.code))
        }
        self.languageViews = languageViews
        self.strings = strings
        self.stringTables = tables
        self.navigation = navigation
        var hashes: [PageID: String] = [:]
        for page in index.pages(in: config.defaultLanguage.code) where !page.isFallback {
            hashes[page.id] = SourceHash.of(page.source)
        }
        sourceHashes = hashes
        searchViews = SearchView.perLanguage(index: index, strings: tables, languages: languageViews)
    }

    /// The views after pages were read again with only their text changed (`SourcePage.differsOnlyInText`): the
    /// index (already holding them) and the source versions change; navigation, strings and search views cannot.
    package mutating func replaceText(of sources: [SourcePage], in index: SiteIndex) {
        self.index = index
        for source in sources {
            if source.language == config.defaultLanguage.code {
                sourceHashes[source.id] = SourceHash.of(source)
            }
        }
    }

    package func search(for language: Language) -> SearchView? { searchViews[language.code] }

    package var config: SiteConfig { index.config }

    package func language(_ language: Language) -> LanguageView { languageViews[language.code]! }

    package func strings(_ code: String) -> StringsView { strings[code] ?? strings[config.defaultLanguage.code]! }

    package func string(_ key: String, in code: String) -> String? { stringTables[code]?.values[key] }

    package func home(of code: String) -> HomeView? {
        index.home(of: code).map { HomeView(title: $0.title, url: $0.href) }
    }

    package func layout(for page: Page) -> String {
        page.source.frontMatter.layout ?? (page.id.isIndex && page.id.folders.isEmpty ? "home" : "page")
    }

    /// True for a translation stamped from a version of its source page that has since changed.
    package func isOutdated(_ page: Page) -> Bool {
        guard config.showsOutdatedNotice, !page.isFallback, page.language != config.defaultLanguage.code,
              let stamped = page.source.frontMatter.source, let current = sourceHashes[page.id] else { return false }
        return stamped != current
    }

    package func pageView(_ page: Page, rendered: RenderedMarkdown) -> PageView {
        let language = config.language(page.language)!
        let contentLanguage = config.language(page.source.language) ?? language
        let sourcePage = index.page(page.id, in: config.defaultLanguage.code)
        let notices = self.notices(for: page, changedSections: { changedSections(of: page, source: $0, rendered: rendered) })
        return PageView(
            title: page.title, description: page.source.frontMatter.description, url: page.href,
            canonicalURL: page.isFallback ? (sourcePage?.absoluteURL ?? page.absoluteURL) : page.absoluteURL,
            content: rendered.html, id: page.id.path, layout: layout(for: page), headings: rendered.headings.map { HeadingView($0) },
            isHome: page.id.path == "index", isFallback: page.isFallback, contentLanguage: self.language(contentLanguage),
            fallbackNotice: notices.fallback, outdatedNotice: notices.outdated, machineNotice: notices.machine,
            reviewed: reviewDate(of: page).map { ReviewedView(string("reviewedOn", in: language.code) ?? "Last reviewed {date}", date: $0, languageCode: language.code) },
            related: related(for: page, in: language),
            translationState: translationState(of: page), sourceStamp: page.isFallback || page.language == config.defaultLanguage.code
                ? sourceHashes[page.id] : page.source.frontMatter.source,
            markdownURL: ReaderFileURLs.markdownTwinHref(of: page), feedURL: page.id.path == "index" ? ReaderFileURLs.feedHref(language: language, basePath: config.basePath) : nil)
    }

    /// The notices a reader of the page is given: not translated (a fallback), out of date, machine translated.
    package func notices(for page: Page, changedSections: (Page) -> [ChangedSectionView] = { _ in [] })
        -> (fallback: NoticeView?, outdated: NoticeView?, machine: NoticeView?) {
        let language = config.language(page.language)!
        let contentLanguage = config.language(page.source.language) ?? language
        let sourcePage = index.page(page.id, in: config.defaultLanguage.code)
        var notices: (fallback: NoticeView?, outdated: NoticeView?, machine: NoticeView?) = (nil, nil, nil)
        if page.isFallback {
            notices.fallback = NoticeView(string("notTranslated", in: language.code) ?? "This page is not yet available in {language}. Here it is in {source}.",
                                          language: language, source: contentLanguage, sourceURL: nil)
        } else if isOutdated(page), let sourcePage {
            notices.outdated = NoticeView(string("outdatedTranslation", in: language.code) ?? "This translation may be out of date. Read the latest version in {source}.",
                                          language: language, source: config.defaultLanguage, sourceURL: sourcePage.href,
                                          changedSections: changedSections(sourcePage),
                                          translatorURL: config.linksTranslatorViews ? TranslatorView.path(language: language.code, page: page.id) : nil)
        }
        if !page.isFallback, page.language != config.defaultLanguage.code, page.source.frontMatter.machine, let sourcePage {
            notices.machine = NoticeView(string("machineTranslated", in: language.code) ?? "This page was machine translated and has not been reviewed yet. Read the original in {source}.",
                                         language: language, source: config.defaultLanguage, sourceURL: sourcePage.href)
        }
        return notices
    }

    /// What a reader of this page is given, for feedback: the source itself, a translation stamped from the
    /// current source (`up-to-date`, or `machine` while machine translated and not reviewed), from an older one (`outdated`), not stamped, or the source as a fallback.
    package func translationState(of page: Page) -> String {
        if page.isFallback { return "fallback" }
        if page.language == config.defaultLanguage.code { return "source" }
        guard let stamp = page.source.frontMatter.source else { return "unstamped" }
        guard stamp == sourceHashes[page.id] else { return "outdated" }
        return page.source.frontMatter.machine ? "machine" : "up-to-date"
    }

    /// The suggested pages in the page's language; a target missing there (`fallback: omit`) is left out.
    package func related(for page: Page, in language: Language) -> [RelatedLinkView] {
        RelatedPages.ids(for: page, index: index, navigation: navigation[language.code]).compactMap { id in
            guard let target = index.page(id, in: language.code) else { return nil }
            let written = config.language(target.source.language) ?? language
            let note = target.isFallback
                ? (string("relatedInLanguage", in: language.code) ?? "(in {source})").replacingAll("{source}", with: written.name) : nil
            return RelatedLinkView(title: target.title, url: target.href, contentLanguage: written, isFallback: target.isFallback, fallbackNote: note)
        }
    }

    /// The page's own `reviewed` date; a translation without one takes its source page's while it is
    /// stamped from the current version (an outdated or unstamped translation was not reviewed with it).
    package func reviewDate(of page: Page) -> ReviewDate? {
        if let own = page.source.frontMatter.reviewed { return own }
        guard page.language != config.defaultLanguage.code, let stamp = page.source.frontMatter.source,
              stamp == sourceHashes[page.id] else { return nil }
        return index.page(page.id, in: config.defaultLanguage.code)?.source.frontMatter.reviewed
    }

    /// The source's sections changed since the translation's stamp, when the stamped version's snapshot is kept
    /// (`content/.helpsite/sources`; builds do not search git). Each is named by the translation's heading with the
    /// same id, else by the source's.
    package func changedSections(of page: Page, source: Page, rendered: RenderedMarkdown) -> [ChangedSectionView] {
        guard let stamped = page.source.frontMatter.source else { return [] }
        let file = source.source.file
        var content = file
        for _ in 0...page.id.segments.count { content = content.parent }
        let snapshots = SourceSnapshots(contentDirectory: content, config: config)
        guard let previous = snapshots.text(of: page.id, hash: stamped, searchingGit: false),
              let current = try? TextFile.read(file, stage: .render).text else { return [] }
        let sections = ChangedSections.between(previous: previous, current: current, file: file)
        let translated = Dictionary(rendered.headings.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        return sections.enumerated().map { index, section in
            let own = section.id.isEmpty ? page.title : translated[section.id]
            return ChangedSectionView(text: own ?? section.heading, url: source.href + (section.id.isEmpty ? "" : "#" + section.id),
                                      urlLanguage: config.defaultLanguage.code, language: own == nil ? config.defaultLanguage.code : nil, isLast: index == sections.count - 1)
        }
    }

    package func breadcrumbs(for page: Page) -> [BreadcrumbView] {
        var crumbs: [BreadcrumbView] = []
        if let home = index.home(of: page.language) {
            crumbs.append(BreadcrumbView(title: string("home", in: page.language) ?? home.title, url: home.href, isCurrent: page.id == home.id))
        }
        var path = ""
        for folder in page.id.folders {
            path = path.isEmpty ? folder : path + "/" + folder
            let entry = navigation[page.language]?.title(ofFolder: path)
            if page.id.isIndex && path == page.id.folderPath { break }
            crumbs.append(BreadcrumbView(title: entry?.title ?? folder, url: entry?.href, isCurrent: false))
        }
        if page.id.path != "index" {
            crumbs.append(BreadcrumbView(title: page.title, url: page.href, isCurrent: true))
        }
        return crumbs
    }

    /// Every language that has the page, written or as a fallback; the page's own language is marked per page.
    package func switcher(for id: PageID) -> SwitcherContextView {
        SwitcherContextView(translations: config.languages.compactMap { language in
            guard let translation = index.page(id, in: language.code) else { return nil }
            return TranslationLinkView(language: self.language(language), url: translation.href,
                                       isAvailable: !translation.isFallback, isCurrent: .perPage(language.code))
        })
    }

    /// The language homes, for the 404 page's switcher.
    package func homeSwitcher(current: Language) -> SwitcherContextView {
        SwitcherContextView(translations: config.languages.compactMap { language in
            guard let home = index.home(of: language.code) else { return nil }
            return TranslationLinkView(language: self.language(language), url: home.href,
                                       isAvailable: !home.isFallback, isCurrent: .known(language == current))
        })
    }

    package func alternates(for id: PageID) -> [AlternateView] {
        let translations = index.translations(of: id)
        var result = translations.map { AlternateView(hreflang: $0.language, url: $0.absoluteURL) }
        if let fallback = translations.first(where: { $0.language == config.defaultLanguage.code }) ?? translations.first {
            result.append(AlternateView(hreflang: "x-default", url: fallback.absoluteURL))
        }
        return result
    }

    /// The topic tree with the folders on `folder` opened; each page's link knows its page id.
    package func navigationContext(language: Language, openFolder folder: String) -> NavigationContextView {
        func convert(_ entries: [Navigation.Entry]) -> [NavigationItemView] {
            entries.map { entry in
                let isOpen = entry.folder.map { folder == $0 || folder.hasPrefix($0 + "/") } ?? false
                return NavigationItemView(title: entry.title, url: entry.href, pageKey: entry.href == nil ? nil : entry.pageID?.path,
                                          isSection: entry.folder != nil, isAncestor: isOpen,
                                          children: isOpen ? convert(entry.children) : [])
            }
        }
        return NavigationContextView(site: site, language: self.language(language), strings: strings(language.code),
                                     home: home(of: language.code), navigation: convert(navigation[language.code]?.entries ?? []))
    }

    package func root() -> RootContextView {
        let homes = config.languages.compactMap { language -> (Language, Page)? in
            guard let home = index.home(of: language.code), !home.isFallback else { return nil }
            return (language, home)
        }
        let origin = SiteConfig.origin(ofAbsoluteURL: config.baseURL) + config.basePath
        let choices = homes.map { "{\"code\":\(JSONText.quote($0.0.code)),\"url\":\(JSONText.quote($0.1.href))}" }
        return RootContextView(
            site: site, defaultLanguage: language(config.defaultLanguage),
            languages: homes.map { RootLanguageView(language: self.language($0.0), url: $0.1.href, chooseLanguage: string("chooseLanguage", in: $0.0.code)) },
            alternates: homes.map { AlternateView(hreflang: $0.0.code, url: $0.1.absoluteURL) } + [AlternateView(hreflang: "x-default", url: origin)],
            canonicalURL: origin, languagesJSON: "[" + choices.joined(separator: ",") + "]",
            strings: strings(config.defaultLanguage.code))
    }
}
