import HelpConfig
import HelpContent
import HelpCore
import HelpTranslation
import HelpRender
import HelpOutput
import HelpSearch

/// `helpsite new` and `helpsite translate`: start a page or a translation with its front matter.
public struct PageStarter {
    let contentDirectory: SitePath
    let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    /// `helpsite new en/billing/refunds.md`: a page titled from its file name.
    public func newPage(_ argument: String) throws -> SitePath {
        let (language, relativePath) = try split(argument)
        let target = contentDirectory.appending(language.code).appending(relativePath)
        let title = Self.title(fromFileName: SitePath(relativePath).lastComponent)
        let quoted = "\"" + title.replacingAll("\"", with: "\\\"") + "\""
        try create(Array("---\ntitle: \(quoted)\n---\n\n".utf8), at: target)
        return target
    }

    /// `helpsite translate de arn`: the source page copied to `content/de/arn.md` with `draft: true` and the
    /// source's stamp, so readers keep the fallback until the translator removes `draft`.
    public func startTranslation(language code: String, page id: String) throws -> SitePath {
        guard let language = config.language(code) else {
            throw UsageError("language '\(code)' is not listed in site.yaml" + Suggestions.didYouMean(code, in: config.languages.map(\.code)))
        }
        guard language != config.defaultLanguage else {
            throw UsageError("\(code) is the source language; pages are written in it with helpsite new")
        }
        let relativePath = try Self.checkedPath(id.hasSuffix(".md") ? id : id + ".md")
        let source = contentDirectory.appending(config.defaultLanguage.code).appending(relativePath)
        guard FileSystem.kind(of: source.path) == .file else {
            throw UsageError("there is no source page \(source.display)")
        }
        let target = contentDirectory.appending(language.code).appending(relativePath)
        try create(try Self.markedAsDraft(try FileSystem.readBytes(source.path), file: source), at: target)
        _ = try Stamper(contentDirectory: contentDirectory, config: config).stamp(target.path)
        return target
    }

    private func create(_ bytes: [UInt8], at target: SitePath) throws {
        if FileSystem.exists(target.path) { throw UsageError("\(target.display) already exists; it was left as it was") }
        var files = NewFiles()
        files.add(bytes, at: target)
        try files.write()
    }

    private func split(_ argument: String) throws -> (Language, String) {
        let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let language = config.language(parts[0]) else {
            throw UsageError("give the page as <language>/<path>.md with a language from site.yaml (\(config.languages.map(\.code).joined(separator: ", "))), e.g. \(config.defaultLanguage.code)/billing.md")
        }
        return (language, try Self.checkedPath(parts[1]))
    }

    static func checkedPath(_ path: String) throws -> String {
        guard path.hasSuffix(".md"), path.count > 3 else { throw UsageError("\(path): a page is a .md file") }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty || segment == "." || segment == ".." || segment.hasPrefix(".") {
                throw UsageError("\(path): not a page path inside a language folder")
            }
            if let problem = PathRules.problem(inFileName: String(segment)) { throw UsageError("\(path): \(problem)") }
        }
        return path
    }

    static func title(fromFileName name: String) -> String {
        let words = name.dropLast(".md".count).split { $0 == "-" || $0 == "_" || $0 == " " }.joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The page's bytes with `draft: true` as the last front matter line (replacing a `draft:` line it has).
    static func markedAsDraft(_ bytes: [UInt8], file: SitePath) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: newline)
        let first = lines.first.map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        guard first == "---", let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) else {
            throw UsageError("\(file.display) has no front matter to copy")
        }
        let frontMatter = lines[1..<close].filter { !$0.hasPrefix("draft:") } + ["draft: true"]
        lines = [lines[0]] + frontMatter + lines[close...]
        return Array(lines.joined(separator: newline).utf8)
    }
}
