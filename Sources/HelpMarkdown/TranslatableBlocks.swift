/// The translatable blocks of a Markdown document, for exporting to translation tools and writing translations back.
/// Every block is given as exact byte ranges and pieces, so putting a block's pieces back together gives its bytes.
public struct TranslatableBlocks: Sendable, Equatable {
    /// Headings and paragraphs (in lists, block quotes and directive bodies too), in document order.
    public var blocks: [TranslatableBlock]
    /// One entry per leaf block, translatable or not (`list>item>paragraph`, `heading2`, `code`, `directive ::: contact arn`).
    /// Two documents with the same shapes have the same structure, block for block.
    public var shapes: [String]
    /// Blocks whose Markdown could not be split into pieces; they are reported, not guessed.
    public var problems: [(position: SourcePosition, message: String)]

    public static func == (lhs: TranslatableBlocks, rhs: TranslatableBlocks) -> Bool {
        lhs.blocks == rhs.blocks && lhs.shapes == rhs.shapes && lhs.problems.map(\.position) == rhs.problems.map(\.position)
    }
}

public struct TranslatableBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case heading(level: Int)
        case paragraph
    }

    public var kind: Kind
    /// UTF-8 byte offsets of the block's inline content in the document (a heading's `## ` and a list's `- ` are outside).
    public var range: Range<Int>
    public var position: SourcePosition
    public var pieces: [InlinePiece]
    /// What a new line inside this block starts with (`  ` in a list item, `> ` in a block quote).
    public var continuation: String
}

/// One piece of a block's inline Markdown. Text is what the translator translates; markup is kept as written.
public enum InlinePiece: Sendable, Equatable {
    public enum Markup: String, Sendable, Equatable {
        case emphasis, strong, link, image, code, autolink, html, hardBreak, headingID
    }

    /// Raw Markdown text (escapes and entities as written).
    case text(String)
    /// A soft line break: trailing spaces, the newline and the next line's indentation or `>` markers.
    case softBreak(String)
    /// The markup before a span whose content is translatable: `**`, `[`, `![`.
    case open(Markup, String)
    /// The markup after it: `**`, `](complaints.md#how-to-complain)`.
    case close(Markup, String)
    /// Markup with nothing to translate inside: a code span, an autolink, inline HTML, a hard break, a heading's `{#id}`.
    case atom(Markup, String)

    public var markdown: String {
        switch self {
        case .text(let text), .softBreak(let text), .open(_, let text), .close(_, let text), .atom(_, let text): return text
        }
    }
}
