import HelpCore
import HelpMarkdown

/// Problems with the `{#id}`s written on a page's headings, found after rendering.
package enum HeadingIDCheck {
    /// An explicit id the template already uses is an error: renaming it silently would break every link to it.
    /// An explicit id used twice on the page is a warning at the second heading, which gets a suffix.
    package static func diagnostics(_ headings: [Heading], templateIDs: [String: String], location: (SourcePosition) -> FileLocation) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstLine: [String: Int] = [:]
        for heading in headings {
            guard let written = heading.writtenID else { continue }
            if let template = templateIDs[written] {
                diagnostics.append(.error(.render, location(heading.position),
                                          "heading id '\(written)' is already the id of an element in \(template); choose another {#id}"))
            } else if let line = firstLine[written] {
                diagnostics.append(.warning(.render, location(heading.position),
                                            "heading id '\(written)' is also set on line \(line); this heading gets '\(heading.id)', so links to #\(written) go to line \(line)"))
            } else {
                firstLine[written] = location(heading.position).line
            }
        }
        return diagnostics
    }
}
