import Foundation

/// `helpsite status --diff`: what changed in the source page since the version a translation was stamped from,
/// found by hashing the source page's versions in git history.
public struct SourceDiff {
    let stamper: Stamper
    let contentDirectory: SitePath
    let config: SiteConfig

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
        guard let top = git(["rev-parse", "--show-toplevel"], in: located.sourcePath.parent.path)?.trimmingSpacesAndNewlines(), !top.isEmpty else {
            return .unavailable("git is not installed or \(contentDirectory.display) is not in a git repository, so the stamped version cannot be looked up")
        }
        guard let absoluteSource = located.sourcePath.resolved, absoluteSource.hasPrefix(top + "/") else {
            return .unavailable("the source page is outside the git repository at \(top)")
        }
        let inRepository = String(absoluteSource.dropFirst(top.count + 1))
        let commits = git(["log", "--format=%H", "--", inRepository], in: top)?.split(separator: "\n").map(String.init) ?? []
        for commit in commits {
            guard let old = git(["show", "\(commit):\(inRepository)"], in: top) else { continue }
            var ignored = DiagnosticLog()
            guard let page = loader.parsePage(text: old.replacingAll("\r\n", with: "\n"), language: config.defaultLanguage.code,
                                              relativePath: located.relativePath, path: located.sourcePath, log: &ignored),
                  SourceHash.of(page) == stamped else { continue }
            let text = git(["diff", "--no-color", commit, "--", inRepository], in: top) ?? ""
            return .diff(commit: commit, text: text)
        }
        return .unavailable("no committed version of \(located.sourcePath.display) has the stamped hash \(stamped); it may have been stamped from uncommitted text")
    }

    private func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
