import HelpCore
import Foundation
import Yams

/// Stage "load config": reads `content/site.yaml`.
public struct SiteConfigLoader {
    public static let fileName = "site.yaml"
    static let keys = ["title", "baseURL", "defaultLanguage", "languages", "brand", "loginURL", "unsafeHTML",
                       "maxPageSize", "contactFormEndpoint", "fallback", "outdatedNotice", "statusDashboard", "factsMaxAge", "reviewMaxAge", "search", "feedbackEndpoint"]

    let contentDirectory: SitePath

    public init(contentDirectory: SitePath) {
        self.contentDirectory = contentDirectory
    }

    public func load(baseURLOverride: String? = nil) throws -> SiteConfig {
        let file = contentDirectory.appending(Self.fileName)
        let location = FileLocation(file: file.display, line: nil, column: nil)
        guard FileSystem.targetKind(of: file.path) == .file else {
            throw BuildFailure([.error(.loadConfig, location, "cannot read the site configuration; every site needs content/\(Self.fileName) with title, baseURL, defaultLanguage and languages")])
        }
        let text: String
        do { text = try TextFile.read(file, stage: .loadConfig).text } catch { throw BuildFailure([error.diagnostic]) }
        let reader = YAMLReader(file: file.display, lineOffset: 0, stage: .loadConfig)
        let root: Node?
        do { root = try reader.compose(text) } catch { throw BuildFailure([error.diagnostic]) }
        var log = DiagnosticLog()
        let pairs = reader.mapping(root, allowedKeys: Self.keys, what: "site.yaml", log: &log)
        var values: [String: Node] = [:]
        for pair in pairs { values[pair.key] = pair.value }

        func required(_ key: String) -> Node? {
            if let node = values[key] { return node }
            log.append(.error(.loadConfig, FileLocation(file: file.display, line: 1, column: 1), "missing required key '\(key)'"))
            return nil
        }

        let title = required("title").flatMap { reader.string($0, key: "title", log: &log) } ?? ""
        var baseURL = "https://example.invalid/"
        if let override = baseURLOverride {
            if let normalized = SiteConfig.normalizedBaseURL(override) { baseURL = normalized } else {
                throw UsageError("--base-url must be an absolute http(s) URL without query or fragment, e.g. https://example.org/help/")
            }
        }
        if let node = required("baseURL"), let raw = reader.string(node, key: "baseURL", log: &log), baseURLOverride == nil {
            if let normalized = SiteConfig.normalizedBaseURL(raw) { baseURL = normalized } else {
                log.append(reader.error(at: node, "baseURL must be an absolute http(s) URL without query or fragment, e.g. https://example.org/help/"))
            }
        }
        let languages = required("languages").map { parseLanguages($0, reader: reader, log: &log) } ?? []
        var defaultLanguage = languages.first ?? Language(code: "en")
        if let node = required("defaultLanguage"), let code = reader.string(node, key: "defaultLanguage", log: &log) {
            if let match = languages.first(where: { $0.code == code }) {
                defaultLanguage = match
                if languages.first?.code != code {
                    log.append(reader.error(at: node, "defaultLanguage '\(code)' must be the first entry of languages"))
                }
            } else if !languages.isEmpty {
                log.append(reader.error(at: node, "defaultLanguage '\(code)' is not listed in languages" + Suggestions.didYouMean(code, in: languages.map(\.code))))
            }
        }
        var config = SiteConfig(
            title: title, baseURL: baseURL, languages: languages, defaultLanguage: defaultLanguage,
            brand: title, loginURL: nil, allowsUnsafeHTML: false, maxPageBytes: SiteConfig.defaultMaxPageBytes,
            contactFormEndpoint: nil
        )
        if let node = values["brand"] { config.brand = reader.string(node, key: "brand", log: &log) ?? title }
        if let node = values["loginURL"] { config.loginURL = url(node, key: "loginURL", reader: reader, log: &log) }
        if let node = values["contactFormEndpoint"] { config.contactFormEndpoint = url(node, key: "contactFormEndpoint", reader: reader, log: &log) }
        if let node = values["feedbackEndpoint"] { config.feedbackEndpoint = url(node, key: "feedbackEndpoint", reader: reader, log: &log) }
        if let node = values["unsafeHTML"] { config.allowsUnsafeHTML = reader.bool(node, key: "unsafeHTML", log: &log) ?? false }
        if let node = values["maxPageSize"], let bytes = reader.int(node, key: "maxPageSize", log: &log) {
            if bytes > 0 { config.maxPageBytes = bytes } else { log.append(reader.error(at: node, "maxPageSize must be a positive number of bytes")) }
        }
        if let node = values["fallback"], let raw = reader.string(node, key: "fallback", log: &log) {
            if let mode = FallbackMode(rawValue: raw) { config.fallback = mode } else {
                log.append(reader.error(at: node, "fallback must be 'build' or 'omit'"))
            }
        }
        if let node = values["outdatedNotice"] { config.showsOutdatedNotice = reader.bool(node, key: "outdatedNotice", log: &log) ?? true }
        if let node = values["search"] {
            config.search = reader.bool(node, key: "search", log: &log) ?? false
            config.searchLocation = reader.location(of: node)
        }
        if let node = values["factsMaxAge"], let months = reader.int(node, key: "factsMaxAge", log: &log) {
            if months > 0 { config.factsMaxAgeMonths = months } else { log.append(reader.error(at: node, "factsMaxAge must be a positive number of months")) }
        }
        if let node = values["reviewMaxAge"], let months = reader.int(node, key: "reviewMaxAge", log: &log) {
            if months > 0 { config.reviewMaxAgeMonths = months } else { log.append(reader.error(at: node, "reviewMaxAge must be a positive number of months")) }
        }
        if let node = values["statusDashboard"], let path = reader.string(node, key: "statusDashboard", log: &log) {
            let segments = path.split(separator: "/", omittingEmptySubsequences: false)
            let first = segments.first.map(String.init) ?? ""
            let generated = ["index.html", "404.html"].contains(String(segments.last ?? "")) || GeneratedFolders.all.contains(first)
                || config.languages.contains { $0.code == first }
            if path.hasSuffix(".html"), !path.hasPrefix("/"), !generated,
               !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") || $0.contains("\\") }) {
                config.statusDashboardPath = path
            } else {
                log.append(reader.error(at: node, "statusDashboard must be a relative path ending in .html inside the output, outside the language folders and assets/ and not named index.html or 404.html, e.g. translation-status.html"))
            }
        }
        try log.checkpoint()
        return config
    }

    private func url(_ node: Node, key: String, reader: YAMLReader, log: inout DiagnosticLog) -> String? {
        guard let value = reader.string(node, key: key, log: &log) else { return nil }
        let lowered = value.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || value.hasPrefix("/") else {
            log.append(reader.error(at: node, "'\(key)' must be an http(s) URL or a path starting with /"))
            return nil
        }
        return value
    }

    private func parseLanguages(_ node: Node, reader: YAMLReader, log: inout DiagnosticLog) -> [Language] {
        guard let sequence = node.sequence, !sequence.isEmpty else {
            log.append(reader.error(at: node, "languages must be a non-empty list of language codes, the default language first"))
            return []
        }
        var languages: [Language] = []
        /// Where each code was first listed, by its case-folded form: BCP 47 codes ignore case.
        var firstListed: [String: (code: String, location: FileLocation)] = [:]
        for entry in sequence {
            var code: String?
            var name: String?
            var direction: TextDirection?
            if let scalar = entry.scalar {
                code = scalar.string
            } else {
                for pair in reader.mapping(entry, allowedKeys: ["code", "name", "direction"], what: "a language entry", log: &log) {
                    switch pair.key {
                    case "code": code = reader.string(pair.value, key: "code", log: &log)
                    case "name": name = reader.string(pair.value, key: "name", log: &log)
                    default:
                        let raw = reader.string(pair.value, key: "direction", log: &log)
                        direction = raw.flatMap(TextDirection.init(rawValue:))
                        if raw != nil && direction == nil { log.append(reader.error(at: pair.value, "direction must be ltr or rtl")) }
                    }
                }
                if code == nil { log.append(reader.error(at: entry, "a language entry needs a 'code'")) }
            }
            guard let code else { continue }
            guard Language.isValidCode(code) else {
                log.append(reader.error(at: entry, "'\(code)' is not a BCP 47 language code such as nb, en or pt-BR"))
                continue
            }
            if let first = firstListed[code.lowercased()] {
                let spelling = first.code == code ? "" : " as '\(first.code)'"
                let caseNote = first.code == code ? "" : "; language codes ignore case"
                log.append(reader.error(at: entry, "language '\(code)' is listed twice: first\(spelling) at line \(first.location.line ?? 1), column \(first.location.column ?? 1)\(caseNote)"))
                continue
            }
            firstListed[code.lowercased()] = (code, reader.location(of: entry))
            languages.append(Language(code: code, name: name, direction: direction))
        }
        return languages
    }
}
