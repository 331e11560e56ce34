import HelpConfig
import HelpContent
import HelpCore
import Foundation

/// `helpsite status --diff`: what changed in the source page since the version a translation was stamped from,
/// found by hashing the source page's versions in git history.
public struct SourceDiff {
    package let stamper: Stamper
    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
        self.stamper = Stamper(contentDirectory: contentDirectory, config: config)
    }

    public enum Outcome: Sendable, Equatable {
        case diff(commit: String, text: String)
        case unchanged
        /// Why no diff can be shown, in words for the translator.
        case unavailable(String)
    }

    public func diff(for file: String) throws(DiagnosticError) -> Outcome {
        let located = try stamper.locate(file)
        var log = DiagnosticLog()
        let loader = ContentLoader(contentDirectory: contentDirectory, config: config)
        guard let translation = loader.readPage(located.path, language: located.language, relativePath: located.relativePath, log: &log) else {
            throw DiagnosticError(log.diagnostics.first ?? .error(.parse, FileLocation(file: file), "cannot read the page"))
        }
        guard let stamped = translation.frontMatter.source else {
            return .unavailable("\(file) has no source: stamp, so there is no earlier version to compare with; stamp it once it matches the source page")
        }
        guard let current = loader.readPage(located.sourcePath, language: config.defaultLanguage.code, relativePath: located.relativePath, log: &log) else {
            return .unavailable("the source page \(located.sourcePath.display) does not exist any more")
        }
        if SourceHash.of(current) == stamped { return .unchanged }
        let lookup = GitHistory.version(of: located.sourcePath) { text in
            var ignored = DiagnosticLog()
            return loader.parsePage(text: text, language: config.defaultLanguage.code, relativePath: located.relativePath,
                                    path: located.sourcePath, log: &ignored).map(SourceHash.of) == stamped
        }
        switch lookup {
        case let .found(commit, _, inRepository, top):
            let text = GitHistory.git(["diff", "--no-color", commit, "--", inRepository], in: top) ?? ""
            return .diff(commit: commit, text: text)
        case .unavailable(let reason):
            return .unavailable(reason.replacingAll("the stamped hash", with: "the stamped hash \(stamped)"))
        }
    }
}
