import HelpCore
import HelpMarkdown

/// A page's Markdown cut at its headings, as the translator view shows it. The first section (id "") holds the
/// title, the description and the text before the first heading, like the outdated notice's sections.
struct PageSections {
    struct Section: Equatable {
        package var id: String
        package var heading: String
        /// The section's Markdown as written, its heading line included, without trailing whitespace.
        package var text: String

        /// Equal when only whitespace differs, as for `SourceHash`.
        func sameText(as other: Section) -> Bool {
            text.split(whereSeparator: \.isWhitespace) == other.text.split(whereSeparator: \.isWhitespace)
        }
    }

    package let sections: [Section]

    package init(text: String, file: SitePath) throws(DiagnosticError) {
        let document = try PageDocument.parse(text: text, path: file, stage: .render)
        let options = MarkdownOptions(extractsLeadingTitle: document.frontMatter.title == nil)
        let headings = MarkdownRenderer.render(document.body, options: options).headings
        var intro = ""
        if let title = document.frontMatter.title { intro += "title: \(title)\n" }
        if let description = document.frontMatter.description { intro += "description: \(description)\n" }
        var result = [Section(id: "", heading: document.frontMatter.title ?? "", text: intro.isEmpty ? "" : intro + "\n")]
        let startingAt = Dictionary(headings.map { ($0.position.line, $0) }, uniquingKeysWith: { first, _ in first })
        for (offset, line) in document.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let heading = startingAt[offset + 1] {
                result.append(Section(id: heading.id, heading: heading.text, text: ""))
            }
            result[result.count - 1].text += line + "\n"
        }
        sections = result.map { section in
            var trimmed = section
            while trimmed.text.last?.isWhitespace == true { trimmed.text.removeLast() }
            return trimmed
        }
    }

    package func section(_ id: String) -> Section? { sections.first { $0.id == id } }
}
