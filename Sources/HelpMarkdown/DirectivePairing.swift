import Ccmark

/// Finds the directive lines of a document (top-level paragraphs `::: name args`) and pairs each block
/// directive's opener with its closing `:::`, as both the HTML and the Markdown renderer read them.
struct DirectivePairing {
    struct Found {
        var directive: Directive
        var marker: OpaquePointer
        /// The closing `:::` paragraph of a block directive; nil for a one-line directive.
        var closer: OpaquePointer?
    }

    /// `paragraphs` in document order; a closing `:::` with no opener is told to `strayCloser` and stays as text.
    static func find(in paragraphs: [OpaquePointer], takesBody: (String) -> Bool?, position: (OpaquePointer) -> SourcePosition,
                     strayCloser: (SourcePosition, String?) -> Void) -> [Found] {
        var markers: [(paragraph: OpaquePointer, words: [String])] = []
        for paragraph in paragraphs {
            guard let child = cmark_node_first_child(paragraph),
                  cmark_node_next(child) == nil,
                  cmark_node_get_type(child) == CMARK_NODE_TEXT,
                  cmark_node_get_type(cmark_node_parent(paragraph)) == CMARK_NODE_DOCUMENT,
                  let literal = cmark_node_get_literal(child) else { continue }
            let text = String(cString: literal)
            guard text.hasPrefix(":::") else { continue }
            markers.append((paragraph, text.dropFirst(3).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)))
        }
        var open: [Int] = []
        var closerOf: [Int: Int] = [:]
        var oneLine: String?
        for (index, marker) in markers.enumerated() {
            if let name = marker.words.first {
                if takesBody(name) != false { open.append(index) } else { oneLine = name }
            } else if let opener = open.popLast() {
                closerOf[opener] = index
            } else {
                strayCloser(position(marker.paragraph), oneLine)
            }
        }
        return markers.enumerated().compactMap { index, marker in
            guard let name = marker.words.first else { return nil }
            let closer = closerOf[index].map { markers[$0].paragraph }
            let directive = Directive(name: name, arguments: Array(marker.words.dropFirst()), position: position(marker.paragraph), hasBody: closer != nil)
            return Found(directive: directive, marker: marker.paragraph, closer: closer)
        }
    }
}
