import HelpCore
import HelpMarkdown

/// The sections of a source page (by heading id) whose units differ between two versions: what the outdated notice
/// names. The text before the first heading, the title and the description count as the section with id "".
package enum ChangedSections {
    package struct Section: Equatable {
        package var id: String
        package var heading: String
    }

    package static func between(previous: String, current: String, file: SitePath) -> [Section] {
        guard let old = try? PageDocument.parse(text: previous, path: file, stage: .render),
              let new = try? PageDocument.parse(text: current, path: file, stage: .render) else { return [] }
        let before = Dictionary(sections(of: old).map { ($0.section.id, $0.hashes) }, uniquingKeysWith: { first, _ in first })
        return sections(of: new).filter { before[$0.section.id] != $0.hashes }.map(\.section)
    }

    private static func sections(of document: PageDocument) -> [(section: Section, hashes: [String])] {
        let options = MarkdownOptions(extractsLeadingTitle: document.frontMatter.title == nil)
        let headings = MarkdownRenderer.render(document.body, options: options).headings
        var idAtLine: [Int: Heading] = [:]
        for heading in headings { idAtLine[heading.position.line + document.bodyStartLine - 1] = heading }
        var result: [(section: Section, hashes: [String])] = [(Section(id: "", heading: document.frontMatter.title ?? ""), [])]
        for unit in document.units {
            if unit.range != nil, let heading = idAtLine[unit.line] {
                result.append((Section(id: heading.id, heading: heading.text), []))
            }
            result[result.count - 1].hashes.append(unit.hash)
        }
        return result
    }
}
