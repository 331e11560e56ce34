import HelpCore
import HelpResources

/// helpsite's own interface text in every language it ships, from `theme/strings/<code>.yaml`, embedded at build time.
package enum BuiltInStrings {
    package static let all: [String: [String: String]] = {
        var all: [String: [String: String]] = [:]
        for file in EmbeddedResources.strings where file.path.hasSuffix(".yaml") {
            let code = String(file.path.dropLast(".yaml".count))
            var log = DiagnosticLog()
            all[code] = StringsLoader.parse(String(decoding: file.bytes, as: UTF8.self), file: SitePath(EmbeddedResources.displayPrefix + "/strings/" + file.path), log: &log).values
        }
        return all
    }()

    /// Every key the built-in theme uses, in English.
    package static var english: [String: String] { all["en"] ?? [:] }

    /// The text for a language: its own code, else its primary subtag (`fr-CH` → `fr`); `no` is written `nb`.
    package static func values(for code: String) -> [String: String]? {
        if let exact = all[code] ?? all[code.lowercased()] { return exact }
        let primary = code.split(separator: "-").first.map { $0.lowercased() } ?? code
        return all[primary == "no" ? "nb" : primary]
    }

    /// A strings.yaml for a new site: the built-in text, every line commented out, to uncomment and reword.
    package static func commentedOverrides(for code: String) -> String {
        let file = EmbeddedResources.strings.first { $0.path == code + ".yaml" }
            ?? EmbeddedResources.strings.first { $0.path == "en.yaml" }
        let lines = String(decoding: file?.bytes ?? [], as: UTF8.self).split(separator: "\n").map { "# " + $0 }
        return """
            # Interface text: helpsite has all of it built in for this language. To word a string your own way,
            # remove the "# " before its line and change the text; keep {placeholders} as they are.

            """ + lines.joined(separator: "\n") + "\n"
    }
}
