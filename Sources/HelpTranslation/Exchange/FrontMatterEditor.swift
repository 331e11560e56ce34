import HelpCore

/// Sets one key of a page's YAML front matter in its text, leaving every other line as it was.
enum FrontMatterEditor {
    /// `text` with `key: value`: the key's line (and its indented continuation lines) replaced, or a new line added
    /// before the closing `---`. Text without front matter gets one.
    static func setting(_ key: String, to value: String, in text: String) -> String {
        replacing(key, with: "\(key): \(yamlScalar(value))", in: text)
    }

    /// `text` without the key's line (and its continuation lines); unchanged when the key is not there.
    static func removing(_ key: String, in text: String) -> String {
        replacing(key, with: nil, in: text)
    }

    /// The key's line replaced by `newLine`, added when missing, removed when `newLine` is nil.
    package static func replacing(_ key: String, with newLine: String?, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingTrailingSpaces() == "---",
              let closing = lines.indices.dropFirst().first(where: { ["---", "..."].contains(String(lines[$0].trimmingTrailingSpaces())) }) else {
            return newLine.map { "---\n\($0)\n---\n" + text } ?? text
        }
        guard let start = (1..<closing).first(where: { lines[$0].hasPrefix(key + ":") }) else {
            guard let newLine else { return text }
            lines.insert(newLine, at: closing)
            return lines.joined(separator: "\n")
        }
        var end = start + 1
        while end < closing, lines[end].first == " " || lines[end].first == "\t" || lines[end].isEmpty && end + 1 < closing && (lines[end + 1].first == " " || lines[end + 1].first == "\t") {
            end += 1
        }
        lines.replaceSubrange(start..<end, with: newLine.map { [$0] } ?? [])
        return lines.joined(separator: "\n")
    }

    /// A YAML scalar for `value`: plain when that reads back as the same string, double-quoted otherwise.
    static func yamlScalar(_ value: String) -> String {
        let specialStarts: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", " "]
        let lower = value.lowercased()
        let looksTyped = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(lower)
            || value.first.map { $0.isNumber || $0 == "." || $0 == "+" } ?? true
        let plain = !value.isEmpty && !looksTyped && !specialStarts.contains(value.first!) && value.last != " "
            && !value.contains(": ") && !value.contains(" #") && !value.hasSuffix(":")
            && !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FEFF}" }
        if plain { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
