import HelpConfig
import HelpContent
import HelpCore

/// A language's interface strings as exchange units, keyed `strings.yaml:<key>`: the ones its `strings.yaml`
/// overrides (pre-filled) and the ones neither helpsite nor the site has (empty). Import writes them back into
/// `content/<language>/strings.yaml`, refusing a text whose `{placeholders}` differ from the source's.
enum StringUnits {
    package static let page = PageID(ContentLoader.stringsFileName)
    private static let keyPrefix = ContentLoader.stringsFileName + ":"

    static func isKey(_ key: String) -> Bool { key.hasPrefix(keyPrefix) }

    /// The `{count}`-style names in a text, sorted, repeats kept.
    package static func placeholders(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found.sorted()
    }

    /// What one language's strings look like next to the source language's.
    private struct Plan {
        var source: [String: String]
        var own: LanguageStrings
        var builtIn: [String: String]
        var known: Set<String>

        init(config: SiteConfig, contentDirectory: SitePath, language: String, strings: [String: LanguageStrings]) {
            let file = contentDirectory.appending(language).appending(ContentLoader.stringsFileName)
            var scratch = DiagnosticLog()
            let tables = StringTable.build(config: config, strings: strings, contentDirectory: contentDirectory, log: &scratch)
            source = tables[config.defaultLanguage.code]?.values ?? [:]
            own = strings[language] ?? LanguageStrings(file: file, values: [:], locations: [:])
            builtIn = BuiltInStrings.values(for: language) ?? [:]
            known = Set(source.keys)
        }

        /// Keys the language overrides or has no text for.
        var wanted: [String] {
            let required = StringTable.requiredKeys(sourceWritten: source)
            return known.filter { key in own.values[key] != nil || (required.contains(key) && builtIn[key] == nil) }.sorted()
        }
    }

    package static func export(config: SiteConfig, contentDirectory: SitePath, language: String, strings: [String: LanguageStrings]) -> ExchangePage? {
        let plan = Plan(config: config, contentDirectory: contentDirectory, language: language, strings: strings)
        let units = plan.wanted.map { key in
            let target = plan.own.values[key]
            let names = placeholders(in: plan.source[key] ?? "")
            return ExchangeUnit(key: keyPrefix + key, source: UnitText([.text(plan.source[key] ?? "")]),
                                target: target.map { UnitText([.text($0)]) }, state: target == nil ? .untranslated : .translated,
                                notes: ["Interface string '\(key)'" + (names.isEmpty ? "." : "; keep " + names.joined(separator: ", ") + " as written.")],
                                reference: plan.own.file.display)
        }
        guard !units.isEmpty else { return nil }
        let sourceFile = contentDirectory.appending(config.defaultLanguage.code).appending(ContentLoader.stringsFileName)
        return ExchangePage(id: page, sourceFile: sourceFile.display, units: units)
    }

    /// The language's strings.yaml with the page's translated units written in, or nil after logging why not.
    static func compose(_ exchange: ExchangePage, config: SiteConfig, contentDirectory: SitePath, language: String, file: String,
                        log: inout DiagnosticLog) -> (path: SitePath, bytes: [UInt8], result: TranslationImporter.PageResult)? {
        var strings: [String: LanguageStrings] = [:]
        for code in Set([config.defaultLanguage.code, language]) {
            let path = contentDirectory.appending(code).appending(ContentLoader.stringsFileName)
            if FileSystem.kind(of: path.path) == .file { strings[code] = StringsLoader.load(path, log: &log) }
        }
        let plan = Plan(config: config, contentDirectory: contentDirectory, language: language, strings: strings)
        let errorsBefore = log.diagnostics.count
        func report(_ line: Int, _ message: String) { log.append(.error(.parse, FileLocation(file: file, line: line, column: 1), message)) }
        var edits: [(key: String, value: String)] = []
        var unfinished = 0
        for unit in exchange.units {
            let key = String(unit.key.dropFirst(keyPrefix.count))
            guard let source = plan.source[key] else {
                report(unit.line, "unknown interface string '\(key)'" + Suggestions.didYouMean(key, in: plan.known.sorted()))
                continue
            }
            guard let target = unit.target?.tagged, !target.isEmpty, unit.state != .fuzzy else {
                unfinished += 1
                continue
            }
            let expected = placeholders(in: source), written = placeholders(in: target)
            if expected != written {
                let missing = expected.filter { !written.contains($0) }, extra = written.filter { !expected.contains($0) }
                report(unit.line, "string '\(key)': " + (missing.isEmpty ? "" : "missing placeholder \(missing.joined(separator: ", "))")
                    + (!missing.isEmpty && !extra.isEmpty ? "; " : "") + (extra.isEmpty ? "" : "unknown placeholder \(extra.joined(separator: ", "))")
                    + "; keep " + (expected.isEmpty ? "no {names}" : expected.joined(separator: ", ")) + " as in the source text")
                continue
            }
            if target.contains("\n") {
                report(unit.line, "string '\(key)': an interface string is one line")
                continue
            }
            // Text the language already shows needs no edit; text equal to the built-in text needs no override.
            if plan.own.values[key] == target || (plan.own.values[key] == nil && plan.builtIn[key] == target) { continue }
            edits.append((key, target))
        }
        guard log.diagnostics.count == errorsBefore else { return nil }

        let path = plan.own.file
        let original = FileSystem.kind(of: path.path) == .file ? (try? TextFile.read(path, stage: .parse).text) ?? "" : ""
        var lines = original.isEmpty ? [] : original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for (key, value) in edits {
            let line = key + ": " + quoted(value)
            if let number = plan.own.locations[key]?.line, number >= 1, number <= lines.count {
                lines[number - 1] = line
            } else {
                lines.append(line)
            }
        }
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        var check = DiagnosticLog()
        let reread = StringsLoader.parse(text, file: path, log: &check)
        guard check.diagnostics.isEmpty, edits.allSatisfy({ reread.values[$0.key] == $0.value }) else {
            report(exchange.units.first?.line ?? 1, "\(path.display) could not be updated line by line (a value over several lines?); write the strings there by hand")
            return nil
        }
        let result = TranslationImporter.PageResult(file: path.display, changed: text != original, stamped: nil, unfinished: unfinished, rebuilt: false, machine: false)
        return (path, Array(text.utf8), result)
    }

    private static func quoted(_ value: String) -> String {
        "\"" + value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
}
