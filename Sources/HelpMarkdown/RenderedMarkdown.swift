/// A 1-based line and column, in Unicode scalars, in the Markdown text that was rendered.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
    /// True when the id was written by the author as `{#id}`.
    public var isExplicitID: Bool
    public var position: SourcePosition
    /// The id written as `{#id}`; `id` differs from it when an earlier heading or the template had it already.
    public var writtenID: String?

    public init(level: Int, text: String, id: String, isExplicitID: Bool, position: SourcePosition, writtenID: String? = nil) {
        self.level = level
        self.text = text
        self.id = id
        self.isExplicitID = isExplicitID
        self.position = position
        self.writtenID = writtenID
    }
}

public struct LinkReference: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case link, image }
    public var kind: Kind
    public var destination: String
    public var position: SourcePosition
}

/// A line such as `::: contact arn`, standing alone in its own paragraph. A block directive (`::: note`)
/// has a body: the blocks up to a paragraph that is only `:::`, rendered as ordinary Markdown.
public struct Directive: Sendable, Equatable {
    public var name: String
    public var arguments: [String]
    public var position: SourcePosition
    public var hasBody: Bool

    public init(name: String, arguments: [String], position: SourcePosition, hasBody: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.position = position
        self.hasBody = hasBody
    }
}

/// Everything later stages need from one Markdown document; no cmark object outlives the render call.
public struct RenderedMarkdown: Sendable, Equatable {
    public var html: String
    /// The text of a leading `# ` heading when `MarkdownOptions.extractsLeadingTitle` is set; it is not in `html`.
    public var title: String?
    public var headings: [Heading]
    public var links: [LinkReference]
    public var directives: [Directive]
}
