import HelpCore

extension DiagnosticFormatter {
    /// Diagnostics with source snippets, where a `[built-in]/…` file is read from the theme compiled into the binary.
    public static func format(_ diagnostics: [Diagnostic], style: DiagnosticStyle) -> [String] {
        format(diagnostics, style: style, embedded: Theme.embeddedSource)
    }

    public static func format(_ diagnostic: Diagnostic, style: DiagnosticStyle) -> String {
        format(diagnostic, style: style, embedded: Theme.embeddedSource)
    }
}

extension Theme {
    package static let embeddedSource: EmbeddedSources = { file in
        guard file.hasPrefix(builtInPrefix + "/") else { return nil }
        let path = String(file.dropFirst(builtInPrefix.count + 1))
        return builtIn.first(where: { $0.relativePath == path })?.bytes ?? []
    }
}
