public enum DiagnosticStyle: String, Sendable, CaseIterable {
    /// `file:line:col: severity: message`
    case plain
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`
    case github
}

public enum DiagnosticFormatter {
    /// Plain diagnostics and their notes, each with a position, are followed by their source line and a caret;
    /// see `SourceSnippet`.
    public static func format(_ diagnostics: [Diagnostic], style: DiagnosticStyle, embedded: @escaping EmbeddedSources) -> [String] {
        let reader = SourceReader(embedded: embedded)
        return diagnostics.map { format($0, style: style, reader: reader) }
    }

    public static func format(_ diagnostic: Diagnostic, style: DiagnosticStyle, embedded: @escaping EmbeddedSources) -> String {
        format(diagnostic, style: style, reader: SourceReader(embedded: embedded))
    }

    static func format(_ diagnostic: Diagnostic, style: DiagnosticStyle, reader: SourceReader) -> String {
        switch style {
        case .plain:
            var lines = [diagnostic.headline]
            lines += SourceSnippet.lines(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column, reader: reader)
            for note in diagnostic.notes {
                lines.append(note.description)
                lines += SourceSnippet.lines(file: note.location.file, line: note.location.line, column: note.location.column, reader: reader)
            }
            return lines.joined(separator: "\n")
        case .github:
            var properties: [String] = []
            if let file = diagnostic.file { properties.append("file=\(escapeProperty(file))") }
            if let line = diagnostic.line { properties.append("line=\(line)") }
            if let column = diagnostic.column { properties.append("col=\(column)") }
            let head = properties.isEmpty ? "" : " " + properties.joined(separator: ",")
            return "::\(diagnostic.severity.rawValue)\(head)::\(escapeData(diagnostic.message))"
        }
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

extension String {
    package func replacingAll(_ target: String, with replacement: String) -> String {
        // Most strings hold no target at all: a byte scan for its first byte answers that without Foundation.
        guard let first = target.utf8.first, utf8.contains(first), contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
