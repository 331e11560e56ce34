import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown

/// Every page's Markdown twin (`<page URL>index.md`) and each language's `llms-full.txt`, every twin concatenated.
/// `check` renders them too: a twin's link into a language folder (which the build owns whole) that leads to nothing
/// the build writes is a warning at the link in the page's file. Links elsewhere on the host (`/files/x.pdf`) may be
/// served by something else.
struct MarkdownTwinsOutput: OutputGenerator {
    static func fullTextPath(_ language: Language) -> String { "\(language.code)/llms-full.txt" }

    func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        let twin = MarkdownTwin(site: context.site, views: context.engine.views)
        let plan = context.site.plan
        let baseURL = context.site.config.baseURL
        let languages = Set(context.site.config.languages.map(\.code))
        for language in context.site.config.languages {
            let pages = context.site.index.pages(in: language.code)
            let results = ParallelMap.map(pages, workers: context.options.workers) { page -> (MarkdownTwin.Output, [Diagnostic]) in
                let output = twin.render(page)
                // A fallback repeats its source page's links, reported with the source page.
                guard !page.isFallback else { return (output, []) }
                return (output, output.links.compactMap { Self.problem(with: $0, page: page, baseURL: baseURL, languages: languages, plan: plan, twin: twin) })
            }
            var full: [UInt8] = []
            for (page, (output, problems)) in zip(pages, results) {
                log.append(contentsOf: problems)
                guard let writer else { continue }
                let bytes = Array(output.text.utf8)
                try writer.write(bytes, to: MarkdownTwin.path(of: page))
                if !full.isEmpty { full += Array("\n---\n\n".utf8) }
                full += bytes
            }
            try writer?.write(full, to: Self.fullTextPath(language))
        }
    }

    private static func problem(with link: MarkdownTwinRenderer.Link, page: Page, baseURL: String, languages: Set<String>,
                                plan: OutputPlan, twin: MarkdownTwin) -> Diagnostic? {
        guard link.url.hasPrefix(baseURL) else { return nil }
        var path = String(link.url.dropFirst(baseURL.count))
        if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<mark]) }
        let decoded = URLPath.percentDecode(path) ?? path
        guard let folder = decoded.split(separator: "/").first, languages.contains(String(folder)), !plan.writes(decoded) else { return nil }
        let location = link.position.map {
            FileLocation(file: page.source.file.display, line: page.source.bodyStartLine - 1 + $0.line, column: $0.column)
        } ?? page.source.fileStart
        return .warning(.resolveLinks, location, "link '\(link.written ?? link.url)' leads to \(link.url), which the build does not write "
                        + "(found in the page's Markdown twin \(twin.absoluteURL(of: page)))")
    }
}

/// `/llms.txt` (llmstxt.org): the site, its languages, and per language its pages' Markdown twins with one-line descriptions.
struct LLMsTextOutput: OutputGenerator {
    static let path = "llms.txt"

    func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        try writer.write(Array(Self.text(context.site, views: context.engine.views).utf8), to: Self.path)
    }

    static func text(_ site: SiteBuilder.LoadedSite, views: SiteViews) -> String {
        let config = site.config
        let twin = MarkdownTwin(site: site, views: views)
        let languages = config.languages.map { "\($0.listName) (\($0.code))" }.joined(separator: ", ")
        var text = "# \(config.title)\n\n"
        text += "> The \(config.brand) help centre in \(config.languages.count) language\(config.languages.count == 1 ? "" : "s"): \(languages). "
        text += "Every page below links to its Markdown version (the page's URL followed by index.md); "
        text += "each language's llms-full.txt holds all of its pages in one file.\n\n"
        text += "Pages missing in a language are shown there in \(config.defaultLanguage.listName), with a notice on the first line; "
        text += "each language lists only the pages written in it.\n"
        for language in config.languages {
            text += "\n## \(language.listName) (\(language.code))\n\n"
            text += "- [\(language.listName): all pages in one file](\(config.baseURL)\(MarkdownTwinsOutput.fullTextPath(language))): every page's Markdown, concatenated\n"
            for page in site.index.pages(in: language.code) where !page.isFallback {
                let description = page.source.frontMatter.description.map { ": " + oneLine($0) } ?? ""
                text += "- [\(escape(page.title))](\(twin.absoluteURL(of: page)))\(description)\n"
            }
        }
        return text
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func escape(_ title: String) -> String {
        title.replacingAll("[", with: "\\[").replacingAll("]", with: "\\]")
    }
}

/// `/<language>/feed.xml`: an Atom feed of the language's pages, newest change first.
struct AtomFeedsOutput: OutputGenerator {
    func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        let feed = AtomFeed(site: context.site, views: context.engine.views)
        for language in context.site.config.languages {
            try writer.write(Array(feed.xml(for: language).utf8), to: AtomFeed.path(language: language))
        }
    }
}
