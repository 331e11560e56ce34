import HelpConfig
import HelpContent
import HelpCore
import Foundation
import HelpMarkdown

/// `helpsite serve`'s page for a translator: each source section changed since the translation's stamp as a
/// word-level diff beside the translation's section with the same id, the unchanged sections folded. The old
/// source text comes from the snapshots in `content/.helpsite/sources`, never from git. Only `serve` shows it;
/// no build writes it.
public struct TranslatorView: Sendable {
    /// Under serve's own `/__helpsite/` paths, which no site output can take.
    public static let prefix = "/__helpsite/translate/"

    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    public static func path(language: String, page: PageID) -> String {
        prefix + language + "/" + page.path + "/"
    }

    /// A translation the view can show: one of the site's translation languages and an existing page file in it.
    public struct Target: Sendable {
        public var language: Language
        public var page: PageID
        public var file: SitePath
    }

    /// The translation a request path below `prefix` names (`de/arn/`), or nil.
    public func target(requestPath: String) -> Target? {
        guard requestPath.hasPrefix(Self.prefix), requestPath.hasSuffix("/") else { return nil }
        let segments = requestPath.dropFirst(Self.prefix.count).dropLast().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 2, let language = config.language(segments[0]), language != config.defaultLanguage,
              segments.dropFirst().allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("\\") }) else { return nil }
        let page = PageID(segments.dropFirst().joined(separator: "/"))
        let file = contentDirectory.appending(language.code).appending(page.path + ".md")
        guard FileSystem.kind(of: file.path) == .file else { return nil }
        return Target(language: language, page: page, file: file)
    }

    /// What `helpsite stamp` writes for the target's file.
    public func stamp(_ target: Target) throws(DiagnosticError) -> Stamper.Result {
        try Stamper(contentDirectory: contentDirectory, config: config).stamp(target.file.path)
    }

    /// The view of the target; `pageURL` is the translated page in the preview, when the site has it.
    public func html(for target: Target, pageURL: String?) throws(DiagnosticError) -> String {
        let sourceFile = contentDirectory.appending(config.defaultLanguage.code).appending(target.page.path + ".md")
        let translationText = try TextFile.read(target.file, stage: .render).text
        let translation = try PageSections(text: translationText, file: target.file)
        let stamped = try PageDocument.parse(text: translationText, path: target.file, stage: .render).frontMatter.source
        var comparison = TranslatorComparison(source: config.defaultLanguage, translation: target.language)
        if FileSystem.kind(of: sourceFile.path) == .file {
            let currentText = try TextFile.read(sourceFile, stage: .render).text
            let current = try PageSections(text: currentText, file: sourceFile)
            let currentHash = SourceSnapshots.hash(ofPageText: currentText, file: sourceFile)
            let snapshots = SourceSnapshots(contentDirectory: contentDirectory, config: config)
            let previous = stamped.flatMap { snapshots.text(of: target.page, hash: $0, searchingGit: false) }
                .flatMap { try? PageSections(text: $0, file: sourceFile) }
            comparison.state = stamped == nil ? .unstamped : stamped == currentHash ? .upToDate : previous == nil ? .noSnapshot : .outdated
            comparison.compare(previous: previous, current: current, translation: translation)
        } else {
            comparison.state = .noSource
        }
        return TranslatorPage(target: target, comparison: comparison, stamped: stamped, pageURL: pageURL,
                              snapshotFolder: contentDirectory.appending(SourceSnapshots.folder).appending(target.page.path)).html
    }
}

/// The sections of the current source, each with its old version (when it changed) and the translation's section.
struct TranslatorComparison {
    package enum State {
        case upToDate, outdated, unstamped, noSnapshot, noSource
    }

    package struct Row {
        package var id: String
        package var heading: String
        package var old: PageSections.Section?
        package var new: PageSections.Section?
        package var translation: PageSections.Section?
        package var changed: Bool
    }

    package let source: Language
    package let translation: Language
    package var state = State.outdated
    package var rows: [Row] = []

    package init(source: Language, translation: Language) {
        self.source = source
        self.translation = translation
    }

    /// Without `previous` nothing counts as changed: every section is shown as it is now.
    mutating func compare(previous: PageSections?, current: PageSections, translation: PageSections) {
        rows = current.sections.map { section in
            let old = previous?.section(section.id)
            let changed = previous != nil && !(old.map { $0.sameText(as: section) } ?? false)
            return Row(id: section.id, heading: section.heading, old: old, new: section, translation: translation.section(section.id), changed: changed)
        }
        // Sections the source dropped since the stamp: the translation probably still has them.
        for section in previous?.sections ?? [] where current.section(section.id) == nil {
            rows.append(Row(id: section.id, heading: section.heading, old: section, new: nil, translation: translation.section(section.id), changed: true))
        }
    }
}
