import Ccmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the caller decides while a page's Markdown twin is written.
public struct MarkdownTwinHooks {
    /// The URL to write for a link or image, or nil to keep the written one.
    public var resolveLink: (LinkReference) -> String?
    /// Markdown that replaces a one-line directive's paragraph ("" leaves it out).
    public var renderDirective: (Directive) -> String
    /// Whether a block directive's body is set off as a block quote (a note) or kept as plain text.
    public var quotesBody: (Directive) -> Bool
    /// As `RenderHooks.takesBody`.
    public var takesBody: (String) -> Bool?

    public init(resolveLink: @escaping (LinkReference) -> String? = { _ in nil }, renderDirective: @escaping (Directive) -> String = { _ in "" },
                quotesBody: @escaping (Directive) -> Bool = { _ in false }, takesBody: @escaping (String) -> Bool? = { _ in nil }) {
        self.resolveLink = resolveLink
        self.renderDirective = renderDirective
        self.quotesBody = quotesBody
        self.takesBody = takesBody
    }
}

/// A page's text as plain CommonMark for readers that are programs (AI assistants): links as the hooks
/// resolve them, directives replaced by ordinary Markdown, `{#id}`s and a leading `# ` title removed.
public enum MarkdownTwinRenderer {
    public struct Link: Sendable, Equatable {
        /// The URL in the twin.
        public var url: String
        /// Where the page's Markdown wrote it; nil for links a directive added.
        public var position: SourcePosition?
        public var written: String?
    }

    public struct Result: Sendable, Equatable {
        public var markdown: String
        public var links: [Link]
    }

    public static func render(_ markdown: String, extractsLeadingTitle: Bool, hooks: MarkdownTwinHooks) -> Result {
        guard let document = parse(markdown) else { return Result(markdown: "", links: []) }
        defer { cmark_node_free(document) }
        let columns = ScalarColumns(markdown)
        // As the HTML renderer finds it: the node's own start, else its nearest ancestor's.
        func position(of node: OpaquePointer) -> SourcePosition {
            var current: OpaquePointer? = node
            while let candidate = current {
                let line = Int(cmark_node_get_start_line(candidate))
                if line > 0 {
                    return SourcePosition(line: line, column: columns.column(line: line, byteColumn: max(1, Int(cmark_node_get_start_column(candidate)))))
                }
                current = cmark_node_parent(candidate)
            }
            return SourcePosition(line: 1, column: 1)
        }
        if extractsLeadingTitle, let first = cmark_node_first_child(document), cmark_node_get_type(first) == CMARK_NODE_HEADING,
           cmark_node_get_heading_level(first) == 1 {
            cmark_node_unlink(first)
            cmark_node_free(first)
        }
        var paragraphs: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var written: [OpaquePointer: (String, SourcePosition)] = [:]
        forEachNode(in: document) { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH: paragraphs.append(node)
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let kind: LinkReference.Kind = cmark_node_get_type(node) == CMARK_NODE_IMAGE ? .image : .link
                let reference = LinkReference(kind: kind, destination: destination, position: position(of: node))
                written[node] = (destination, reference.position)
                if let url = hooks.resolveLink(reference) { cmark_node_set_url(node, url) }
            default: break
            }
        }
        for heading in headings {
            guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
                  let literal = cmark_node_get_literal(last), let split = HeadingID.splitExplicitID(String(cString: literal)) else { continue }
            cmark_node_set_literal(last, split.text)
        }
        let found = DirectivePairing.find(in: paragraphs, takesBody: hooks.takesBody, position: position(of:), strayCloser: { _, _ in })
        let quoted = outermostQuotes(found, in: document, hooks: hooks)
        // Innermost first, as the HTML renderer does, so every body moves once.
        for item in found.reversed() {
            if let closer = item.closer {
                if quoted.contains(item.marker) {
                    let quote = cmark_node_new(CMARK_NODE_BLOCK_QUOTE)!
                    cmark_node_insert_before(item.marker, quote)
                    while let next = cmark_node_next(item.marker), next != closer, cmark_node_append_child(quote, next) == 1 {}
                }
                remove(closer)
            } else if let replacement = parse(hooks.renderDirective(item.directive)) {
                while let child = cmark_node_first_child(replacement) {
                    cmark_node_unlink(child)
                    cmark_node_insert_before(item.marker, child)
                }
                cmark_node_free(replacement)
            }
            remove(item.marker)
        }
        var links: [Link] = []
        forEachNode(in: document) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            links.append(Link(url: url, position: written[node]?.1, written: written[node]?.0))
        }
        flattenDeepInlines(in: document)
        guard let rendered = cmark_render_commonmark(document, CMARK_OPT_DEFAULT, 0) else { return Result(markdown: "", links: links) }
        defer { free(rendered) }
        return Result(markdown: String(cString: rendered), links: links)
    }

    /// The openers of the quoting block directives that are not inside another: a note in a note is part of the
    /// outer quote. Quotes nested n deep would repeat `> ` n times on each line, and directives have no depth limit.
    private static func outermostQuotes(_ found: [DirectivePairing.Found], in document: OpaquePointer, hooks: MarkdownTwinHooks) -> Set<OpaquePointer> {
        let blocks = Dictionary(found.compactMap { item in item.closer.map { (item.marker, (closer: $0, quotes: hooks.quotesBody(item.directive))) } },
                                uniquingKeysWith: { first, _ in first })
        var open: [(closer: OpaquePointer, quotes: Bool)] = []
        var openQuotes = 0
        var outermost: Set<OpaquePointer> = []
        var node = cmark_node_first_child(document)
        while let current = node {
            if let innermost = open.last, innermost.closer == current {
                open.removeLast()
                if innermost.quotes { openQuotes -= 1 }
            } else if let block = blocks[current] {
                if block.quotes {
                    if openQuotes == 0 { outermost.insert(current) }
                    openQuotes += 1
                }
                open.append(block)
            }
            node = cmark_node_next(current)
        }
        return outermost
    }

    /// cmark's CommonMark renderer takes time quadratic in how deeply inlines nest (14.6 s for 36,000 nested
    /// emphasis levels in a 250 KB page, where parsing takes 0.06 s). Nobody nests emphasis or links more than a
    /// few levels, so below `maxInlineDepth` they keep their text and lose their markup.
    public static let maxInlineDepth = 32

    private static func flattenDeepInlines(in document: OpaquePointer) {
        var deep: [OpaquePointer] = []
        var depth = 0
        let iterator = cmark_iter_new(document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            if event == CMARK_EVENT_ENTER {
                depth += 1
                if depth > maxInlineDepth { deep.append(node) }
            } else if event == CMARK_EVENT_EXIT {
                depth -= 1
            }
        }
        cmark_iter_free(iterator)
        for node in deep {
            while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
            remove(node)
        }
    }

    private static func parse(_ markdown: String) -> OpaquePointer? {
        var copy = markdown
        return copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_VALIDATE_UTF8) }
        }
    }

    private static func forEachNode(in document: OpaquePointer, _ body: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
    }

    private static func remove(_ node: OpaquePointer) {
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
