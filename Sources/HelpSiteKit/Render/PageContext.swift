import Foundation
import HelpMarkdown

/// Builds the values a template sees; the README's "Template context" documents each key.
/// Unchecked Sendable: the cached `Any` values are immutable strings, booleans and collections of them,
/// created in `init` and only read afterwards, from any thread.
struct ContextBuilder: @unchecked Sendable {
    private(set) var index: SiteIndex
    let strings: [String: StringTable]
    private(set) var navigation: [String: Navigation]
    let assetsURL: String
    private let languageValues: [String: [String: Any]]
    private let siteValues: [String: Any]
    /// The `navigation` partial rendered once per language and open folder, keyed `language/folder`.
    private var navigationFragments: [String: String] = [:]
    /// The `switcher-links` and `alternates` partials rendered once per page identity and shared by its translations.
    private var switcherFragments: [PageID: String] = [:]
    private var alternatesFragments: [PageID: String] = [:]
    private var templates: TemplateLibrary?
    /// The current `SourceHash` of every source-language page, for outdated notices.
    private(set) var sourceHashes: [PageID: String]

    init(index: SiteIndex, strings: [String: StringTable]) {
        self.index = index
        self.strings = strings
        var languageValues: [String: [String: Any]] = [:]
        for language in index.config.languages {
            languageValues[language.code] = [
                "code": language.code, "name": language.name, "listName": language.listName,
                "direction": language.direction.rawValue, "isDefault": language == index.config.defaultLanguage,
            ]
        }
        self.languageValues = languageValues
        var hashes: [PageID: String] = [:]
        for page in index.pages(in: index.config.defaultLanguage.code) where !page.isFallback {
            hashes[page.id] = SourceHash.of(page.source)
        }
        self.sourceHashes = hashes
        var navigation: [String: Navigation] = [:]
        for language in index.config.languages {
            navigation[language.code] = Navigation(pages: index.pages(in: language.code))
        }
        self.navigation = navigation
        self.assetsURL = index.config.basePath + "assets/"
        let config = index.config
        var site: [String: Any] = [
            "title": config.title, "brand": config.brand, "baseURL": config.baseURL,
            "basePath": config.basePath, "assetsURL": index.config.basePath + "assets/", "rootURL": config.basePath,
        ]
        if let login = config.loginURL { site["loginURL"] = login }
        if let endpoint = config.contactFormEndpoint { site["contactFormEndpoint"] = endpoint }
        self.siteValues = site
    }

    var config: SiteConfig { index.config }

    /// Renders the `navigation` partial once for each language and folder that holds pages, so a page only
    /// marks its own link instead of rendering the whole tree again. The partial must therefore not use
    /// page-specific values; the current page's link gets `aria-current="page"` added.
    mutating func prepareFragments(with templates: TemplateLibrary) {
        self.templates = templates
        var ids: Set<PageID> = []
        for language in config.languages { for page in index.pages(in: language.code) { ids.insert(page.id) } }
        for id in ids.sorted() { prepareFragments(for: id) }
        prepareNavigation(for: config.languages)
    }

    /// After a title or order change: that language's tree and navigation fragments, built again.
    mutating func refreshNavigation(of languages: [Language]) {
        for language in languages { navigation[language.code] = Navigation(pages: index.pages(in: language.code)) }
        prepareNavigation(for: languages)
    }

    private mutating func prepareNavigation(for languages: [Language]) {
        guard let templates, templates.has("navigation") else { return }
        for language in languages {
            var folders: Set<String> = [""]
            for page in index.pages(in: language.code) { folders.insert(page.id.folders.joined(separator: "/")) }
            for folder in folders.sorted() {
                var context = common(language: language)
                context["navigation"] = navigation[language.code]?.context(openFolder: folder) ?? []
                navigationFragments[language.code + "/" + folder] = templates.render(context, template: "navigation")
            }
        }
    }

    /// Switcher links and hreflang alternates of one page identity, shared by all its translations.
    private mutating func prepareFragments(for id: PageID) {
        guard let templates else { return }
        let entries = switcher(for: id, current: nil)
        switcherFragments[id] = templates.has("switcher-links") ? templates.render(["translations": entries], template: "switcher-links") : ""
        alternatesFragments[id] = templates.has("alternates") ? templates.render(["alternates": alternates(for: id)], template: "alternates") : ""
    }

    /// The cached navigation for a page, its own link marked as current.
    func navigationHTML(for page: Page) -> String {
        Self.markCurrent(page.href, in: navigationFragments[page.language + "/" + page.id.folders.joined(separator: "/")] ?? "")
    }

    /// Adds `aria-current="page"` to the first link to `href` in a shared fragment.
    static func markCurrent(_ href: String, in fragment: String) -> String {
        let link = "href=\"" + HTMLEscaping.escape(href) + "\""
        guard let end = ByteSearch.end(of: link, in: fragment) else { return fragment }
        var marked = fragment
        marked.insert(contentsOf: " aria-current=\"page\"", at: end)
        return marked
    }

    /// After an edit that kept every title, slug and order: the new index and the page's new source hash.
    mutating func update(index: SiteIndex, changed source: SourcePage) {
        self.index = index
        if source.language == index.config.defaultLanguage.code { sourceHashes[source.id] = SourceHash.of(source) }
        prepareFragments(for: source.id)
    }

    func site() -> [String: Any] { siteValues }

    func language(_ language: Language) -> [String: Any] { languageValues[language.code] ?? [:] }

    func page(_ page: Page, rendered: RenderedMarkdown) -> [String: Any] {
        let language = config.language(page.language)!
        let contentLanguage = config.language(page.source.language) ?? language
        let headings = rendered.headings.map { ["level": $0.level, "text": $0.text, "id": $0.id] as [String: Any] }
        let toc = rendered.headings.filter { $0.level == 2 || $0.level == 3 }.map {
            ["level": $0.level, "text": $0.text, "id": $0.id, "isSubsection": $0.level == 3] as [String: Any]
        }
        let sourcePage = index.page(page.id, in: config.defaultLanguage.code)
        var pageValues: [String: Any] = [
            "title": page.title, "url": page.href, "content": rendered.html,
            "canonicalURL": page.isFallback ? (sourcePage?.absoluteURL ?? page.absoluteURL) : page.absoluteURL,
            "headings": headings, "toc": toc, "hasToc": toc.count > 1, "id": page.id.path,
            "isHome": page.id.path == "index", "layout": layout(for: page),
            "description": page.source.frontMatter.description ?? false,
            "isFallback": page.isFallback, "contentLanguage": self.language(contentLanguage),
            "fallbackNotice": false, "outdatedNotice": false,
        ]
        let table = strings[language.code]?.values ?? [:]
        if page.isFallback {
            pageValues["fallbackNotice"] = Notice.make(table["notTranslated"] ?? "This page is not yet available in {language}. Here it is in {source}.",
                                                       language: language, source: contentLanguage, sourceURL: nil)
        } else if isOutdated(page), let sourcePage {
            pageValues["outdatedNotice"] = Notice.make(table["outdatedTranslation"] ?? "This translation may be out of date. Read the latest version in {source}.",
                                                       language: language, source: config.defaultLanguage, sourceURL: sourcePage.href)
        }
        var context = common(language: language)
        context["page"] = pageValues
        context["switcherLinksHTML"] = Self.markCurrent(page.href, in: switcherFragments[page.id] ?? "")
        context["alternatesHTML"] = alternatesFragments[page.id] ?? ""
        context["navigationHTML"] = navigationHTML(for: page)
        let crumbs = breadcrumbs(for: page)
        context["breadcrumbs"] = crumbs
        context["hasBreadcrumbs"] = crumbs.count > 1
        context["noindex"] = page.isFallback
        return context
    }

    /// True for a translation stamped from a version of its source page that has since changed.
    func isOutdated(_ page: Page) -> Bool {
        guard config.showsOutdatedNotice, !page.isFallback, page.language != config.defaultLanguage.code,
              let stamped = page.source.frontMatter.source, let current = sourceHashes[page.id] else { return false }
        return stamped != current
    }

    func notFound(_ language: Language) -> [String: Any] {
        var context = common(language: language)
        let table = strings[language.code]?.values ?? [:]
        context["page"] = ["title": table["notFoundTitle"] ?? "Page not found", "isHome": false] as [String: Any]
        let homes = config.languages.compactMap { other -> [String: Any]? in
            guard let home = index.home(of: other.code) else { return nil }
            var entry = self.language(other)
            entry["url"] = home.href
            entry["isCurrent"] = other == language
            entry["isAvailable"] = !home.isFallback
            entry["isFallback"] = home.isFallback
            return entry
        }
        let links = templates.map { $0.has("switcher-links") ? $0.render(["translations": homes], template: "switcher-links") : "" } ?? ""
        context["switcherLinksHTML"] = Self.markCurrent(index.home(of: language.code)?.href ?? "", in: links)
        context["navigationHTML"] = navigationFragments[language.code + "/"] ?? ""
        context["noindex"] = true
        return context
    }

    func root() -> [String: Any] {
        let homes = config.languages.compactMap { language -> (Language, Page)? in
            guard let home = index.home(of: language.code), !home.isFallback else { return nil }
            return (language, home)
        }
        let languages = homes.map { language, home -> [String: Any] in
            var entry = self.language(language)
            entry["url"] = home.href
            let table = strings[language.code]?.values ?? [:]
            if let heading = table["chooseLanguage"] { entry["chooseLanguage"] = heading }
            return entry
        }
        var alternates = homes.map { ["hreflang": $0.0.code, "url": $0.1.absoluteURL] }
        alternates.append(["hreflang": "x-default", "url": SiteConfig.origin(ofAbsoluteURL: config.baseURL) + config.basePath])
        let choices = homes.map { "{\"code\":\(JSONText.quote($0.0.code)),\"url\":\(JSONText.quote($0.1.href))}" }
        var context: [String: Any] = [
            "site": site(), "languages": languages, "alternates": alternates,
            "languagesJSON": "[" + choices.joined(separator: ",") + "]",
            "defaultLanguage": language(config.defaultLanguage),
            "canonicalURL": SiteConfig.origin(ofAbsoluteURL: config.baseURL) + config.basePath,
        ]
        context["strings"] = strings[config.defaultLanguage.code]?.values ?? [:]
        return context
    }

    private func common(language: Language) -> [String: Any] {
        var context: [String: Any] = [
            "site": site(), "language": self.language(language),
            "strings": strings[language.code]?.values ?? [:],
        ]
        if let home = index.home(of: language.code) {
            context["home"] = ["title": home.title, "url": home.href]
        }
        return context
    }

    private func layout(for page: Page) -> String {
        page.source.frontMatter.layout ?? (page.id.isIndex && page.id.folders.isEmpty ? "home" : "page")
    }

    func templateName(for page: Page, library: TemplateLibrary) -> String {
        let name = layout(for: page)
        if page.source.frontMatter.layout == nil && !library.has(name) { return "page" }
        return name
    }

    /// Every language that has the page, written or as a fallback; a language without it is left out.
    func switcher(for id: PageID, current: Language?) -> [[String: Any]] {
        config.languages.compactMap { language in
            guard let translation = index.page(id, in: language.code) else { return nil }
            var entry = self.language(language)
            entry["isCurrent"] = language == current
            entry["url"] = translation.href
            entry["isAvailable"] = !translation.isFallback
            entry["isFallback"] = translation.isFallback
            return entry
        }
    }

    func alternates(for id: PageID) -> [[String: String]] {
        let translations = index.translations(of: id)
        var result = translations.map { ["hreflang": $0.language, "url": $0.absoluteURL] }
        if let fallback = translations.first(where: { $0.language == config.defaultLanguage.code }) ?? translations.first {
            result.append(["hreflang": "x-default", "url": fallback.absoluteURL])
        }
        return result
    }

    private func breadcrumbs(for page: Page) -> [[String: Any]] {
        var crumbs: [[String: Any]] = []
        if let home = index.home(of: page.language) {
            crumbs.append(["title": strings[page.language]?.values["home"] ?? home.title, "url": home.href, "isCurrent": page.id == home.id])
        }
        var path = ""
        for folder in page.id.folders {
            path = path.isEmpty ? folder : path + "/" + folder
            let entry = navigation[page.language]?.title(ofFolder: path)
            if page.id.isIndex && path == page.id.folders.joined(separator: "/") { break }
            crumbs.append(["title": entry?.title ?? folder, "isCurrent": false, "url": entry?.href ?? false])
        }
        if page.id.path != "index" {
            crumbs.append(["title": page.title, "url": page.href, "isCurrent": true])
        }
        return crumbs
    }
}

/// A notice sentence from the strings, with `{language}` and `{source}` filled in; `{source}` can be a link.
enum Notice {
    static func make(_ template: String, language: Language, source: Language, sourceURL: String?) -> [String: Any] {
        let text = template.replacingAll("{language}", with: language.name)
        let parts = text.components(separatedBy: "{source}")
        let before = parts.first ?? text
        let after = parts.count > 1 ? parts.dropFirst().joined(separator: source.name) : ""
        return [
            "text": text.replacingAll("{source}", with: source.name),
            "before": before, "after": after, "hasSource": parts.count > 1,
            "sourceName": source.name, "sourceLanguage": source.code, "sourceURL": sourceURL ?? false,
        ]
    }
}

/// Substring search over UTF-8 bytes with `memchr` and `memcmp`, far cheaper than Foundation's `range(of:)`.
enum ByteSearch {
    /// The index just past the first occurrence of `needle`.
    static func end(of needle: String, in haystack: String) -> String.Index? {
        var haystack = haystack
        var needle = needle
        let offset: Int? = haystack.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard let first = pin.first, let base = hay.baseAddress, pin.count <= hay.count else { return nil }
                var position = 0
                while position + pin.count <= hay.count {
                    guard let hit = memchr(base + position, Int32(first), hay.count - position - pin.count + 1) else { return nil }
                    let start = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if memcmp(base + start, pin.baseAddress!, pin.count) == 0 { return start + pin.count }
                    position = start + 1
                }
                return nil
            }
        }
        return offset.map { haystack.utf8.index(haystack.utf8.startIndex, offsetBy: $0) }
    }
}

public enum JSONText {
    /// A JSON string literal that is also safe inside an HTML `<script>` element.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<", ">", "&", "'", "\u{2028}", "\u{2029}":
                result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default:
                if scalar.value < 0x20 {
                    result += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
