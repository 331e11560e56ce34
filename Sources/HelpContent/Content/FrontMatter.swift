import HelpCore
import Yams

public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var slug: String?
    public var order: Int?
    public var layout: String?
    public var draft: Bool = false
    /// In a translation: the `SourceHash` of the source-language page it was translated from.
    public var source: String?
    /// `reviewed:` the date a writer last checked the page (never the build clock).
    public var reviewed: ReviewDate?
    /// `related:` page ids to suggest after the text, in the writer's order.
    public var related: [LocatedText]?
    /// `machine: true` in a translation: machine translated and not yet reviewed by a person.
    public var machine: Bool = false
    /// `aliases:` former paths of the page in its language folder, each redirected to its URL.
    public var aliases: [LocatedText]?
    /// `contexts:` product URL patterns where the help widget suggests the page; a translation without its own
    /// takes its source page's.
    public var contexts: [LocatedText]?
    /// `owner:` the person or team who keeps the page current; a translation without one has its source page's.
    public var owner: String?

    /// Where each key was written, for diagnostics about its value.
    package var locations: [String: FileLocation] = [:]

    public static let keys = ["title", "description", "slug", "order", "layout", "draft", "source", "reviewed", "related", "aliases", "machine", "contexts", "owner"]

    public init(title: String? = nil, description: String? = nil, slug: String? = nil, order: Int? = nil, layout: String? = nil, draft: Bool = false) {
        self.title = title
        self.description = description
        self.slug = slug
        self.order = order
        self.layout = layout
        self.draft = draft
    }
}

/// A Markdown file split into its YAML front matter and its body.
package struct FrontMatterSplit {
    package var yaml: String?
    /// The body text, and the file line it starts on.
    package var body: Substring
    package var bodyStartLine: Int

    /// Front matter is a first line `---`, YAML, and a closing line `---` (or `...`).
    package static func split(_ text: String, file: String, stage: BuildStage) throws(DiagnosticError) -> FrontMatterSplit {
        guard text.hasPrefix("---\n") || text == "---" || text.hasPrefix("--- \n") else {
            return FrontMatterSplit(yaml: nil, body: text[...], bodyStartLine: 1)
        }
        var line = 2
        var index = text.firstIndex(of: "\n").map(text.index(after:)) ?? text.endIndex
        let yamlStart = index
        while index < text.endIndex {
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            let content = text[index..<lineEnd]
            if content.trimmingTrailingSpaces() == "---" || content.trimmingTrailingSpaces() == "..." {
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
                return FrontMatterSplit(yaml: String(text[yamlStart..<index]), body: text[bodyStart...], bodyStartLine: line + 1)
            }
            index = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
            line += 1
        }
        throw DiagnosticError(.error(stage, FileLocation(file: file, line: 1, column: 1),
                                     "front matter starts here but is never closed; end it with a line '---'"))
    }
}

package struct FrontMatterParser {
    package let file: String

    package init(file: String) {
        self.file = file
    }

    /// Nil when the YAML itself is broken (already reported).
    package func parse(_ yaml: String, log: inout DiagnosticLog) -> FrontMatter? {
        let reader = YAMLReader(file: file, lineOffset: 1, stage: .parse)
        var frontMatter = FrontMatter()
        let root: Node?
        do { root = try reader.compose(yaml) } catch {
            log.append(error.diagnostic)
            return nil
        }
        for pair in reader.mapping(root, allowedKeys: FrontMatter.keys, what: "front matter", log: &log) {
            let value = pair.value
            frontMatter.locations[pair.key] = reader.location(of: value)
            switch pair.key {
            case "title": frontMatter.title = reader.string(value, key: "title", log: &log)?.trimmingSpacesAndNewlines()
            case "description": frontMatter.description = reader.string(value, key: "description", log: &log)?.trimmingSpacesAndNewlines()
            case "slug": frontMatter.slug = reader.string(value, key: "slug", log: &log)
            case "order": frontMatter.order = reader.int(value, key: "order", log: &log)
            case "layout": frontMatter.layout = reader.string(value, key: "layout", log: &log)
            case "source": frontMatter.source = reader.string(value, key: "source", log: &log)
            case "reviewed": frontMatter.reviewed = ReviewDate.read(value, reader: reader, log: &log)
            case "related": frontMatter.related = reader.textList(value, key: "related", log: &log)
            case "aliases": frontMatter.aliases = reader.textList(value, key: "aliases", log: &log)
            case "machine": frontMatter.machine = reader.bool(value, key: "machine", log: &log) ?? false
            case "contexts": frontMatter.contexts = contexts(value, reader: reader, log: &log)
            case "owner": frontMatter.owner = reader.string(value, key: "owner", log: &log)?.trimmingSpacesAndNewlines()
            default: frontMatter.draft = reader.bool(value, key: "draft", log: &log) ?? false
            }
        }
        if let title = frontMatter.title, title.isEmpty {
            log.append(.error(.parse, frontMatter.locations["title"], "title is empty"))
        }
        return frontMatter
    }

    /// The valid patterns; each invalid one is an error at its own line and column.
    private func contexts(_ value: Node, reader: YAMLReader, log: inout DiagnosticLog) -> [LocatedText]? {
        reader.textList(value, key: "contexts", log: &log)?.filter { pattern in
            guard let problem = ContextPattern.problem(in: pattern.text) else { return true }
            log.append(.error(.parse, pattern.location, "context '\(pattern.text)' \(problem)"))
            return false
        }
    }
}

extension StringProtocol {
    package func trimmingTrailingSpaces() -> SubSequence {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[startIndex..<end]
    }

    package func trimmingSpacesAndNewlines() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
