import Ccmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses Markdown with cmark's AST API, adjusts the tree (heading ids, links, directives, typography)
/// and renders HTML. Every cmark object is created and freed inside `render`.
public enum MarkdownRenderer {
    public static func render(
        _ markdown: String,
        options: MarkdownOptions = MarkdownOptions(),
        hooks: RenderHooks = RenderHooks()
    ) -> RenderedMarkdown {
        var cmarkOptions = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART
        if options.allowsUnsafeHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        let document: OpaquePointer? = markdown.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, cmarkOptions) }
        } ?? {
            var copy = markdown
            return copy.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, cmarkOptions) }
            }
        }()
        guard let document else {
            return RenderedMarkdown(html: "", title: nil, headings: [], links: [], directives: [])
        }
        defer { cmark_node_free(document) }

        var tree = TreeEditor(document: document, options: options, hooks: hooks, renderOptions: cmarkOptions, columns: ScalarColumns(markdown))
        tree.apply()

        guard let rendered = cmark_render_html(document, cmarkOptions) else {
            return RenderedMarkdown(html: "", title: tree.title, headings: tree.headings, links: tree.links, directives: tree.directives)
        }
        defer { free(rendered) }
        return RenderedMarkdown(
            html: String(cString: rendered),
            title: tree.title,
            headings: tree.headings,
            links: tree.links,
            directives: tree.directives
        )
    }
}

/// One pass over the tree collecting the nodes to change, then the changes; cmark forbids
/// editing nodes other than the current one while an iterator walks them.
private struct TreeEditor {
    let document: OpaquePointer
    let options: MarkdownOptions
    let hooks: RenderHooks
    let renderOptions: Int32
    let columns: ScalarColumns

    private(set) var title: String?
    private(set) var headings: [Heading] = []
    private(set) var links: [LinkReference] = []
    private(set) var directives: [Directive] = []

    private var headingNodes: [OpaquePointer] = []
    private var linkNodes: [OpaquePointer] = []
    /// Runs of inline content that typography treats as one text: each paragraph and heading, and each image's alt text.
    private var typographyRuns: [[TypographyRun.Item]] = []
    private var paragraphNodes: [OpaquePointer] = []

    init(document: OpaquePointer, options: MarkdownOptions, hooks: RenderHooks, renderOptions: Int32, columns: ScalarColumns) {
        self.document = document
        self.options = options
        self.hooks = hooks
        self.renderOptions = renderOptions
        self.columns = columns
    }

    mutating func apply() {
        if options.extractsLeadingTitle { extractLeadingTitle() }
        collectNodes()
        rewriteLinks()
        applyTypography()
        replaceDirectives()
        identifyHeadings()
    }

    private mutating func extractLeadingTitle() {
        guard let first = cmark_node_first_child(document),
              cmark_node_get_type(first) == CMARK_NODE_HEADING,
              cmark_node_get_heading_level(first) == 1 else { return }
        title = plainText(of: first).trimmingSpaces()
        cmark_node_unlink(first)
        cmark_node_free(first)
    }

    private mutating func collectNodes() {
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        var openRuns: [[TypographyRun.Item]] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_IMAGE, let run = openRuns.popLast() {
                    typographyRuns.append(run)
                }
                continue
            }
            switch type {
            case CMARK_NODE_HEADING: headingNodes.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: linkNodes.append(node)
            case CMARK_NODE_PARAGRAPH: paragraphNodes.append(node)
            default: break
            }
            switch type {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                openRuns.append([])
            case CMARK_NODE_IMAGE:
                // The alt text is an attribute: a run of its own, and a fixed neighbour in the run around it.
                if !openRuns.isEmpty { openRuns[openRuns.count - 1].append(.fixed(isSpace: false)) }
                openRuns.append([])
            case CMARK_NODE_TEXT:
                if !openRuns.isEmpty { openRuns[openRuns.count - 1].append(.text(node)) }
            case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                if !openRuns.isEmpty { openRuns[openRuns.count - 1].append(.fixed(isSpace: false)) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if !openRuns.isEmpty { openRuns[openRuns.count - 1].append(.fixed(isSpace: true)) }
            default:
                break
            }
        }
    }

    private mutating func rewriteLinks() {
        for node in linkNodes {
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let kind: LinkReference.Kind = cmark_node_get_type(node) == CMARK_NODE_IMAGE ? .image : .link
            let reference = LinkReference(kind: kind, destination: destination, position: position(of: node))
            links.append(reference)
            if !options.allowsUnsafeHTML && URLSafety.isDangerous(destination, kind: kind) {
                cmark_node_set_url(node, "")
            } else if let replacement = hooks.resolveLink(reference) {
                cmark_node_set_url(node, replacement)
            }
        }
    }

    private func applyTypography() {
        let typography = options.typography
        guard typography != Typography() else { return }
        for run in typographyRuns where run.contains(where: \.isText) {
            TypographyRun.apply(typography, to: run)
        }
    }

    /// Top-level paragraphs that are a directive line (`::: name args`) or a closing `:::`. An opener that may
    /// take a body (`hooks.takesBody` is not false) with a later closer (nesting allowed) is a block directive
    /// whose body is the blocks between them; a one-line directive never takes a closer.
    private mutating func replaceDirectives() {
        let found = DirectivePairing.find(in: paragraphNodes, takesBody: hooks.takesBody, position: position(of:), strayCloser: hooks.strayCloser)
        var blocks: [(marker: OpaquePointer, closer: OpaquePointer, html: (opening: String, closing: String))] = []
        for item in found {
            directives.append(item.directive)
            if let closer = item.closer {
                blocks.append((item.marker, closer, hooks.renderBlockDirective(item.directive)))
            } else {
                replace(item.marker, withRawBlock: hooks.renderDirective(item.directive), closing: "")
            }
        }
        // Innermost first: every body is moved once, as a whole, whatever the nesting depth.
        for (marker, closer, html) in blocks.reversed() {
            let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
            cmark_node_set_on_enter(block, html.opening)
            cmark_node_set_on_exit(block, html.closing)
            cmark_node_insert_before(marker, block)
            while let next = cmark_node_next(marker), next != closer, cmark_node_append_child(block, next) == 1 {}
            cmark_node_unlink(marker)
            cmark_node_free(marker)
            cmark_node_unlink(closer)
            cmark_node_free(closer)
        }
        // A closing `:::` with no opener stays as text (and `hooks.strayCloser` hears of it).
    }

    /// Explicit `{#id}`s are claimed first, in order, so an automatic id never takes one; ids the template
    /// itself uses (`options.reservedIDs`) are never given to a heading.
    private mutating func identifyHeadings() {
        var ids = UniqueIDs(reserved: options.reservedIDs)
        let nodes = headingNodes.filter { cmark_node_parent($0) != nil }
        let explicitIDs = nodes.map { removeExplicitID(from: $0) }
        let texts = nodes.map { plainText(of: $0).trimmingSpaces() }
        var assigned = explicitIDs.map { $0.map { ids.claim($0) } }
        for index in nodes.indices where assigned[index] == nil {
            assigned[index] = ids.claim(HeadingID.slug(for: texts[index]))
        }
        for (index, node) in nodes.enumerated() {
            let id = assigned[index]!
            let level = Int(cmark_node_get_heading_level(node))
            headings.append(Heading(level: level, text: texts[index], id: id, isExplicitID: explicitIDs[index] != nil,
                                    position: position(of: node), writtenID: explicitIDs[index]))

            let inner = renderInlines(of: node)
            replace(node, withRawBlock: "<h\(level) id=\"\(HTMLEscaping.escape(id))\">\(inner)</h\(level)>", closing: "")
        }
    }

    /// Renders a block's inline children on their own, so a heading can carry an id attribute
    /// that cmark's HTML renderer cannot emit.
    private func renderInlines(of block: OpaquePointer) -> String {
        let scratch = cmark_node_new(CMARK_NODE_DOCUMENT)!
        defer { cmark_node_free(scratch) }
        let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
        cmark_node_append_child(scratch, paragraph)
        while let child = cmark_node_first_child(block) {
            cmark_node_unlink(child)
            cmark_node_append_child(paragraph, child)
        }
        guard let rendered = cmark_render_html(scratch, renderOptions) else { return "" }
        defer { free(rendered) }
        let html = String(cString: rendered)
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>\n") else { return html }
        return String(html.dropFirst(3).dropLast(5))
    }

    /// Strips a trailing `{#id}` from the heading's last text node and returns the id.
    private func removeExplicitID(from heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading),
              cmark_node_get_type(last) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(last) else { return nil }
        let text = String(cString: literal)
        guard let (remainder, id) = HeadingID.splitExplicitID(text) else { return nil }
        cmark_node_set_literal(last, remainder)
        return id
    }

    private func replace(_ node: OpaquePointer, withRawBlock opening: String, closing: String) {
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(block, opening)
        cmark_node_set_on_exit(block, closing)
        cmark_node_insert_before(node, block)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// The text a reader sees, for titles and ids; walks the subtree iteratively.
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    private func position(of node: OpaquePointer) -> SourcePosition {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 {
                let byteColumn = max(1, Int(cmark_node_get_start_column(candidate)))
                return SourcePosition(line: line, column: columns.column(line: line, byteColumn: byteColumn))
            }
            current = cmark_node_parent(candidate)
        }
        return SourcePosition(line: 1, column: 1)
    }
}

/// A paragraph's, heading's or alt text's inline content for `TypographyRules`: text nodes and their fixed neighbours.
private enum TypographyRun {
    enum Item {
        case text(OpaquePointer)
        case fixed(isSpace: Bool)

        var isText: Bool { if case .text = self { return true } else { return false } }
    }

    static func apply(_ typography: Typography, to items: [Item]) {
        let originals = items.map { item -> String? in
            guard case .text(let node) = item, let literal = cmark_node_get_literal(node) else { return nil }
            return String(cString: literal)
        }
        let pieces = zip(items, originals).map { item, original -> TypographyRules.Piece in
            switch item {
            case .text: return .text(original ?? "")
            case .fixed(let isSpace): return .fixed(isSpace: isSpace)
            }
        }
        for (index, adjusted) in TypographyRules.apply(typography, to: pieces).enumerated() {
            guard case .text(let node) = items[index], let adjusted, adjusted != originals[index] else { continue }
            cmark_node_set_literal(node, adjusted)
        }
    }
}

private struct UniqueIDs {
    private var used: Set<String>
    /// Per candidate, the suffix to try next: every lower one is taken, so n equal headings cost O(n), not O(n²).
    private var nextSuffix: [String: Int] = [:]

    init(reserved: Set<String>) {
        used = reserved
    }

    mutating func claim(_ candidate: String) -> String {
        var id = candidate
        var counter = nextSuffix[candidate] ?? 1
        while used.contains(id) {
            id = "\(candidate)-\(counter)"
            counter += 1
        }
        nextSuffix[candidate] = counter
        used.insert(id)
        return id
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
