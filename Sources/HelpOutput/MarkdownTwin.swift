import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown
import HelpRender

/// A page's Markdown twin at `<page URL>index.md`, for AI assistants: the notice a reader would see on its first
/// line, the title, the description, the text with directives as plain Markdown and every link absolute.
package struct MarkdownTwin {
    package let site: LoadedSite
    package let views: SiteViews

    package struct Output: Sendable {
        package var text: String
        /// The twin's links, but those the page's own render already warns about.
        package var links: [MarkdownTwinRenderer.Link]
    }

    /// Where the link resolver found something to say: the HTML page reports it, the twin's check leaves it alone.
    private final class ReportedLinks {
        var positions: Set<SourcePosition> = []
    }


    private var origin: String { SiteConfig.origin(ofAbsoluteURL: site.config.baseURL) }

    package func absoluteURL(of page: Page) -> String { origin + ReaderFileURLs.markdownTwinHref(of: page) }

    package func render(_ page: Page) -> Output {
        let notices = views.notices(for: page)
        var lines = [notices.fallback, notices.outdated, notices.machine].compactMap { $0.map { "> " + sentence($0) } }
        if !lines.isEmpty { lines.append("") }
        lines.append("# " + page.title)
        lines.append("")
        if let description = page.source.frontMatter.description, !description.isEmpty {
            lines.append(description)
            lines.append("")
        }
        let body = (try? page.source.readBody(limit: site.config.maxPageBytes)) ?? ""
        let reported = ReportedLinks()
        let rendered = MarkdownTwinRenderer.render(body, extractsLeadingTitle: page.source.titleFromBody, hooks: hooks(for: page, reported: reported))
        var text = lines.joined(separator: "\n") + "\n" + rendered.markdown
        let language = site.config.language(page.language)!
        if let date = views.reviewDate(of: page) {
            text += "\n" + ReviewedView(views.string("reviewedOn", in: language.code) ?? "Last reviewed {date}", date: date, languageCode: language.code).text + "\n"
        }
        return Output(text: text, links: rendered.links.filter { $0.position.map { !reported.positions.contains($0) } ?? true })
    }

    /// The notice sentence with the source language's name linked to the source page.
    private func sentence(_ notice: NoticeView) -> String {
        guard notice.hasSource, let url = notice.sourceURL else { return notice.text }
        return notice.before + "[\(notice.sourceName)](\(absolute(url)))" + notice.after
    }

    private func absolute(_ url: String) -> String {
        url.hasPrefix("/") && !url.hasPrefix("//") ? origin + url : url
    }

    private func hooks(for page: Page, reported: ReportedLinks) -> MarkdownTwinHooks {
        let resolver = LinkResolver(index: site.index)
        let language = site.config.language(page.source.language)!
        return MarkdownTwinHooks(
            resolveLink: { link in
                if !site.config.allowsUnsafeHTML && URLSafety.isDangerous(link.destination, kind: link.kind) { return "" }
                // Findings are the HTML page's to report; the twin needs the URL, and whether there were any.
                var ignored: [Diagnostic] = []
                var fragments: [FragmentLink] = []
                let resolution = resolver.resolve(link.destination, from: page, at: page.source.fileStart, log: &ignored, fragments: &fragments)
                if !ignored.isEmpty { reported.positions.insert(link.position) }
                switch resolution {
                case .rewrite(let url): return url.isEmpty ? url : absolute(url)
                case .keep: return Self.isRelative(link.destination) ? page.absoluteURL + link.destination : nil
                }
            },
            renderDirective: { directive in
                guard directive.name == "contact", directive.arguments.count == 1,
                      let entity = site.facts.entities[directive.arguments[0]] else { return "" }
                return ContactMarkdown.card(entity, facts: site.facts, language: language, views: views)
            },
            quotesBody: { $0.name == "note" },
            takesBody: DirectiveRenderer.takesBody
        )
    }

    /// `#part`, `img/x.png`: written relative to the page, so made absolute against its URL.
    private static func isRelative(_ url: String) -> Bool {
        guard !url.isEmpty, !url.hasPrefix("/") else { return false }
        let head = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !head.contains(":")
    }
}

/// A `::: contact` card as Markdown: the name in bold and one list item per field, labelled in the page's language.
package enum ContactMarkdown {
    /// The fields in the order the built-in card shows them, with their label in the strings.
    package static let fields: [(field: String, label: String)] = [
        ("registrationNumber", "contactRegistrationNumber"), ("website", "contactWebsite"), ("postalAddress", "contactPostalAddress"),
        ("visitingAddress", "contactVisitingAddress"), ("phone", "contactPhone"), ("fax", "contactFax"), ("email", "contactEmail"),
        ("openingHours", "contactOpeningHours"), ("phoneHours", "contactPhoneHours"), ("applicationFee", "contactApplicationFee"),
    ]

    package static func card(_ entity: Facts.Entity, facts: Facts, language: Language, views: SiteViews) -> String {
        var name = entity.name
        if case .text(let written)? = entity.fields["name"] { name = written }
        var lines = ["**\(escape(name))**", ""]
        for (field, label) in fields {
            let key = entity.name + "." + field
            let value: String
            if ContactView.hoursFields.contains(field) {
                guard let hours = facts.formattedHours[key]?[language.code] else { continue }
                value = escape(hours)
            } else {
                guard case .text(let text)? = entity.fields[field] else { continue }
                switch field {
                case "website": value = "[\(escape(DirectiveRenderer.displayURL(text)))](\(text))"
                case "phone": value = "[\(escape(text))](\(DirectiveRenderer.telURI(text)))"
                case "email": value = "[\(escape(text))](mailto:\(text))"
                default: value = escape(facts.formattedAmounts[key]?[language.code] ?? text)
                }
            }
            lines.append("- \(views.string(label, in: language.code) ?? field): \(value)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Backslash-escapes the characters that would start Markdown markup inside a list item.
    private static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
