import Yams

/// One language's template strings from `content/<language>/strings.yaml`.
public struct LanguageStrings: Sendable {
    public var file: SitePath
    public var values: [String: String]
    var locations: [String: FileLocation]
}

enum StringsLoader {
    static func load(_ file: SitePath, log: inout DiagnosticLog) -> LanguageStrings {
        var strings = LanguageStrings(file: file, values: [:], locations: [:])
        let text: String
        do { text = try TextFile.read(file, stage: .parse).text } catch {
            log.append(error.diagnostic)
            return strings
        }
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

/// The strings a page in one language sees: its own, with the default language's filling the gaps,
/// and helpsite's own English defaults for the keys a site's strings.yaml may not have yet.
struct StringTable: Sendable {
    let values: [String: String]

    /// Strings helpsite's own pages need, so a site without strings.yaml still builds them (in English).
    static let builtIn: [String: String] = [
        "searchSlug": "search",
        "searchTitle": "Search",
        "searchLabel": "Search the help centre",
        "searchPlaceholder": "Search for a topic",
        "searchButton": "Search",
        "searchClear": "Clear",
        "searchLoading": "Searching…",
        "searchResultsOne": "{count} result",
        "searchResultsFew": "{count} results",
        "searchResultsMany": "{count} results",
        "searchResultsOther": "{count} results",
        "searchNoResults": "No results for “{query}”.",
        "searchOnlyIn": "only in {source}",
        "searchNoScript": "Search needs JavaScript, which is turned off in your browser.",
        "searchBrowseTopics": "Browse all help topics",
        "searchUnavailable": "Search is not available right now.",
    ]
    /// Strings that become a URL segment.
    static let slugKeys = ["searchSlug"]

    /// Builds every language's table and reports keys missing from, or unknown to, the default language.
    static func build(config: SiteConfig, strings: [String: LanguageStrings], log: inout DiagnosticLog) -> [String: StringTable] {
        let defaultCode = config.defaultLanguage.code
        let written = strings[defaultCode]?.values ?? [:]
        let source = builtIn.merging(written) { _, site in site }
        for language in config.languages {
            guard let own = strings[language.code] else { continue }
            for key in slugKeys {
                if let slug = own.values[key], let problem = PathRules.problem(inSlug: slug) {
                    log.append(.error(.index, own.locations[key], "\(key): \(problem)"))
                }
            }
        }
        var tables: [String: StringTable] = [:]
        for language in config.languages {
            guard language.code != defaultCode, let own = strings[language.code] else {
                tables[language.code] = StringTable(values: source)
                continue
            }
            let missing = written.keys.filter { own.values[$0] == nil }.sorted()
            if !missing.isEmpty {
                log.append(.warning(.index, FileLocation(file: own.file.display),
                                    "missing \(missing.count) string(s), shown in \(config.defaultLanguage.name) instead: \(missing.joined(separator: ", "))"))
            }
            for key in own.values.keys.sorted() where source[key] == nil {
                log.append(.warning(.index, own.locations[key], "string '\(key)' is not in the \(defaultCode) strings, so templates cannot rely on it" + (Suggestions.closest(to: key, in: source.keys.sorted()).map { "; did you mean '\($0)'?" } ?? "")))
            }
            tables[language.code] = StringTable(values: source.merging(own.values) { _, translated in translated })
        }
        for language in config.languages {
            let typography = LanguageTypography.typography(for: language.code)
            if let table = tables[language.code], typography.frenchSpacing {
                tables[language.code] = StringTable(values: table.values.mapValues(typography.apply(to:)))
            }
        }
        return tables
    }
}
