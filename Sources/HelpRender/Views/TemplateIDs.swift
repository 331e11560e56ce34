import HelpCore
import HelpTemplates

/// The `id="…"` attributes written literally in the templates. A heading in the Markdown must not take one of
/// them: two elements with one id break the skip link (`#main`) and the table of contents' label.
package enum TemplateIDs {
    /// Each id with the first template file that writes it: `page` first, the layout most pages use, then by name.
    package static func find(in library: TemplateLibrary) -> [String: String] {
        var found: [String: String] = [:]
        for (_, source) in library.sources.sorted(by: { ($0.key == "page" ? "" : $0.key) < ($1.key == "page" ? "" : $1.key) }) {
            for id in ids(in: source.nodes) where found[id] == nil { found[id] = source.file }
        }
        return found
    }

    private static func ids(in nodes: [TemplateNode]) -> [String] {
        var result: [String] = []
        for node in nodes {
            switch node {
            case .text(let text): result += ids(in: text)
            case .section(_, _, let body, _): result += ids(in: body)
            case .variable, .partial: break
            }
        }
        return result
    }

    /// `id="x"` or `id='x'` after whitespace, inside one run of template text (an id built from a tag is not literal).
    private static func ids(in text: String) -> [String] {
        var result: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 4 < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "i", scalars[index + 1] == "d", scalars[index + 2] == "=",
                  scalars[index + 3] == "\"" || scalars[index + 3] == "'",
                  index > 0, scalars[index - 1].properties.isWhitespace else { continue }
            let quote = scalars[index + 3]
            guard let end = scalars[(index + 4)...].firstIndex(of: quote) else { continue }
            let id = String(String.UnicodeScalarView(scalars[(index + 4)..<end]))
            if !id.isEmpty { result.append(id) }
            index = end
        }
        return result
    }
}
