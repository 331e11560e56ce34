import HelpConfig
import HelpCore
import Yams

/// One language's template strings from `content/<language>/strings.yaml`.
public struct LanguageStrings: Sendable {
    public var file: SitePath
    public var values: [String: String]
    package var locations: [String: FileLocation]

    package init(file: SitePath, values: [String: String], locations: [String: FileLocation]) {
        self.file = file
        self.values = values
        self.locations = locations
    }
}

package enum StringsLoader {
    package static func load(_ file: SitePath, log: inout DiagnosticLog) -> LanguageStrings {
        let text: String
        do { text = try TextFile.read(file, stage: .parse).text } catch {
            log.append(error.diagnostic)
            return LanguageStrings(file: file, values: [:], locations: [:])
        }
        return parse(text, file: file, log: &log)
    }

    package static func parse(_ text: String, file: SitePath, log: inout DiagnosticLog) -> LanguageStrings {
        var strings = LanguageStrings(file: file, values: [:], locations: [:])
        let reader = YAMLReader(file: file.display, lineOffset: 0, stage: .parse)
        let root: Node?
        do { root = try reader.compose(text) } catch {
            log.append(error.diagnostic)
            return strings
        }
        guard let root else { return strings }
        guard let mapping = root.mapping else {
            log.append(reader.error(at: root, "strings.yaml must map each key to its text"))
            return strings
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, let text = value.scalar?.string else {
                log.append(reader.error(at: value, "each string must be a key with a plain text value"))
                continue
            }
            strings.values[key] = text
            strings.locations[key] = reader.location(of: keyNode)
        }
        return strings
    }
}

/// The strings a page in one language sees: the site's own (`content/<language>/strings.yaml`) over helpsite's
/// built-in text for that language, with the source language's text filling what neither has.
package struct StringTable: Sendable {
    package let values: [String: String]

    /// Strings that become a URL segment.
    static let slugKeys = ["searchSlug"]
    package static let pluralKeys = ["Zero", "One", "Two", "Few", "Many", "Other"].map { "searchResults" + $0 }
    static let pluralFallbackKey = "searchResultsOther"

    /// A language needs every key the theme uses and every key the source language adds; plural categories
    /// other than `Other` exist only in some languages, so a missing one falls back to the language's `Other`.
    package static func requiredKeys(sourceWritten written: [String: String]) -> Set<String> {
        Set(BuiltInStrings.english.keys).union(written.keys).subtracting(pluralKeys).union([pluralFallbackKey])
    }

    /// Builds every language's table. Warns about keys a language has neither built in nor written (naming the
    /// language and keys), and about keys a site writes that nothing knows.
    package static func build(config: SiteConfig, strings: [String: LanguageStrings], contentDirectory: SitePath,
                      log: inout DiagnosticLog) -> [String: StringTable] {
        let defaultCode = config.defaultLanguage.code
        let written = strings[defaultCode]?.values ?? [:]
        let english = BuiltInStrings.english
        let required = requiredKeys(sourceWritten: written)
        let known = Set(english.keys).union(written.keys).union(pluralKeys)
        for language in config.languages {
            guard let own = strings[language.code] else { continue }
            for key in slugKeys {
                if let slug = own.values[key], let problem = PathRules.problem(inSlug: slug) {
                    log.append(.error(.index, own.locations[key], "\(key): \(problem)"))
                }
            }
            guard language.code != defaultCode else { continue }
            for key in own.values.keys.sorted() where !known.contains(key) {
                log.append(.warning(.index, own.locations[key], "string '\(key)' is not in the \(defaultCode) strings, so templates cannot rely on it" + (Suggestions.closest(to: key, in: known.sorted()).map { "; did you mean '\($0)'?" } ?? "")))
            }
        }
        var source: [String: String] = [:]
        var tables: [String: StringTable] = [:]
        for language in [config.defaultLanguage] + config.languages.filter({ $0.code != defaultCode }) {
            let isDefault = language.code == defaultCode
            let defined = (BuiltInStrings.values(for: language.code) ?? [:]).merging(strings[language.code]?.values ?? [:]) { _, site in site }
            let missing = required.filter { defined[$0] == nil }.sorted()
            if !missing.isEmpty {
                let file = strings[language.code]?.file ?? contentDirectory.appending(language.code).appending(ContentLoader.stringsFileName)
                log.append(.warning(.index, FileLocation(file: file.display),
                                    "\(language.code) has no text for \(missing.count) string(s), shown in \(isDefault ? "English" : config.defaultLanguage.name) instead: \(missing.joined(separator: ", "))"))
            }
            var values = (isDefault ? english : source).merging(defined) { _, own in own }
            for key in pluralKeys where defined[key] == nil {
                values[key] = defined[pluralFallbackKey] ?? source[key] ?? values[pluralFallbackKey]
            }
            if isDefault { source = values }
            let typography = LanguageTypography.typography(for: language.code)
            tables[language.code] = StringTable(values: typography.frenchSpacing ? values.mapValues(typography.apply(to:)) : values)
        }
        return tables
    }
}
