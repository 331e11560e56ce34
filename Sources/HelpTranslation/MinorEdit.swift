import HelpConfig
import HelpContent
import HelpCore

/// `helpsite stamp --minor content/nb/arn.md`: the writer says the source edit since the page's last recorded
/// version (a typo, a link fix) needs no retranslation. Translations stamped with that version are stamped with the
/// new one, and the version is recorded as minor so `status` can show it.
public struct MinorEdit {
    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    public struct Result: Sendable, Equatable {
        public var previous: String
        public var current: String
        /// The translations moved to the new version.
        public var restamped: [String]
    }

    public func apply(_ file: String) throws(DiagnosticError) -> Result {
        let path = SitePath(file)
        let location = FileLocation(file: path.display)
        let sourceFolder = contentDirectory.appending(config.defaultLanguage.code)
        guard let resolved = path.resolved, let root = sourceFolder.resolved, resolved.hasPrefix(root + "/"), resolved.hasSuffix(".md") else {
            throw DiagnosticError(.error(.discover, location, "--minor takes a source page in \(sourceFolder.display)/, e.g. \(sourceFolder.display)/arn.md"))
        }
        let page = PageID(String(resolved.dropFirst(root.count + 1).dropLast(3)))
        let snapshots = SourceSnapshots(contentDirectory: contentDirectory, config: config)
        guard let previous = snapshots.versions(of: page).last?.hash else {
            throw DiagnosticError(.error(.discover, location, "no earlier version of this page is recorded (stamp or import a translation first), so there is nothing to call minor"))
        }
        let current = try snapshots.recordCurrent(page, minorFrom: previous)
        var restamped: [String] = []
        guard current != previous else { return Result(previous: previous, current: current, restamped: []) }
        for language in config.languages where language != config.defaultLanguage {
            let translation = contentDirectory.appending(language.code).appending(page.path + ".md")
            guard FileSystem.kind(of: translation.path) == .file else { continue }
            let document = try PageDocument.read(translation, stage: .parse)
            guard document.frontMatter.source == previous else { continue }
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.readBytes(translation.path)
                try AtomicFile.replace(translation.path, with: Stamper.stamped(bytes, hash: current))
            } catch {
                throw DiagnosticError(.error(.write, FileLocation(file: translation.display), "\(error)"))
            }
            restamped.append(translation.display)
        }
        return Result(previous: previous, current: current, restamped: restamped)
    }
}
