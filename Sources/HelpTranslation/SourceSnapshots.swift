import HelpConfig
import HelpContent
import HelpCore
import Foundation

/// The source page's text at each version translations were stamped with, kept in the content folder so the
/// previous source text is known without git: `content/.helpsite/sources/<page id>/<hash>.md`. `stamp` and `import`
/// write them; `export` and the outdated notice read them, falling back to git history when a snapshot is missing.
/// The folder starts with a dot, so the site ignores it; commit it with the content.
public struct SourceSnapshots: Sendable {
    public static let folder = ".helpsite/sources"
    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    package func path(for page: PageID, hash: String) -> SitePath {
        contentDirectory.appending(Self.folder).appending(page.path).appending(hash + ".md")
    }

    /// Keeps the source file's bytes under its hash, once (an existing snapshot is never rewritten), and notes the hash as the page's latest version
    /// (`versions`, one line per version: `<hash>`, or `<hash> minor <previous hash>` after `stamp --minor`).
    package func record(_ bytes: [UInt8], page: PageID, hash: String, minorFrom previous: String? = nil) throws(DiagnosticError) {
        let target = path(for: page, hash: hash)
        do {
            try FileSystem.createDirectory(target.parent.path)
            // A hash names one version: later edits outside what the hash covers (`reviewed:`) leave it as recorded.
            if !FileSystem.exists(target.path) { try AtomicFile.replace(target.path, with: bytes) }
            let log = versions(of: page)
            if log.last?.hash != hash {
                let line = hash + (previous.map { " minor \($0)" } ?? "")
                try AtomicFile.replace(versionsFile(page).path, with: Array((log.map(\.line) + [line]).map { $0 + "\n" }.joined().utf8))
            }
        } catch {
            throw DiagnosticError(.error(.write, FileLocation(file: target.display), "\(error)"))
        }
    }

    private func versionsFile(_ page: PageID) -> SitePath {
        contentDirectory.appending(Self.folder).appending(page.path).appending("versions")
    }

    public struct Version: Sendable, Equatable {
        public var hash: String
        /// Set when `stamp --minor` recorded this version: the version it counts as equal to.
        public var minorFrom: String?
        package var line: String { hash + (minorFrom.map { " minor \($0)" } ?? "") }
    }

    /// The page's recorded versions, oldest first.
    public func versions(of page: PageID) -> [Version] {
        guard let text = try? TextFile.read(versionsFile(page), stage: .parse).text else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").map(String.init)
            guard let hash = words.first else { return nil }
            return Version(hash: hash, minorFrom: words.count == 3 && words[1] == "minor" ? words[2] : nil)
        }
    }

    /// Records the source page as it is now; returns its hash.
    @discardableResult
    func recordCurrent(_ page: PageID, minorFrom previous: String? = nil) throws(DiagnosticError) -> String {
        let file = sourceFile(page)
        let bytes: [UInt8]
        do { bytes = try FileSystem.readBytes(file.path) } catch {
            throw DiagnosticError(.error(.parse, FileLocation(file: file.display), "\(error)"))
        }
        let text = try TextFile.read(file, stage: .parse).text
        guard let hash = Self.hash(ofPageText: text, file: file) else {
            throw DiagnosticError(.error(.parse, FileLocation(file: file.display), "cannot read the source page's front matter"))
        }
        try record(bytes, page: page, hash: hash, minorFrom: previous)
        return hash
    }

    package func sourceFile(_ page: PageID) -> SitePath {
        contentDirectory.appending(config.defaultLanguage.code).appending(page.path + ".md")
    }

    /// The source page's text (LF line endings) at the version with `hash`: the snapshot, else git history.
    package func text(of page: PageID, hash: String, searchingGit: Bool = true) -> String? {
        let snapshot = path(for: page, hash: hash)
        if FileSystem.exists(snapshot.path), let text = try? TextFile.read(snapshot, stage: .parse).text { return text }
        guard searchingGit else { return nil }
        let file = sourceFile(page)
        guard FileSystem.exists(file.path) else { return nil }
        if case .found(_, let text, _, _) = GitHistory.version(of: file, matching: { Self.hash(ofPageText: $0, file: file) == hash }) {
            return text
        }
        return nil
    }

    /// `SourceHash` of a page's text, as `stamp` computes it.
    package static func hash(ofPageText text: String, file: SitePath) -> String? {
        guard let split = try? FrontMatterSplit.split(text, file: file.display, stage: .parse) else { return nil }
        var frontMatter = FrontMatter()
        if let yaml = split.yaml {
            var log = DiagnosticLog()
            guard let parsed = FrontMatterParser(file: file.display).parse(yaml, log: &log) else { return nil }
            frontMatter = parsed
        }
        return SourceHash.of(title: frontMatter.title ?? "", description: frontMatter.description ?? "", body: String(split.body))
    }
}

/// Writes beside the file and renames over it, keeping the file's permissions, so no reader sees half a file.
enum AtomicFile {
    package static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".helpsite-\(getpid())"
        try FileSystem.write(bytes, to: temporary)
        var info = stat()
        if stat(path, &info) == 0 { chmod(temporary, info.st_mode & 0o7777) }
        try FileSystem.rename(temporary, to: path)
    }
}
