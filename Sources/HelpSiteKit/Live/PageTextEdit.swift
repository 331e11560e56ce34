import HelpContent
import HelpCore
import HelpOutput

/// An edit that changed the text of pages the loaded site has, and nothing else: every changed path is one of its
/// pages' files (or a file the build does not read, such as an editor's temporary file), and each page reads again
/// without an error and with the same front matter and title (`SourcePage.differsOnlyInText`), so the site's index
/// is the one already built. Anything else (a new, deleted or draft page, strings, facts, templates, a title, an
/// order) is built in full.
struct PageTextEdit {
    /// The loaded site with the pages read again.
    let site: LoadedSite
    /// The pages read again.
    let pages: [SourcePage]

    init?(site loaded: LoadedSite, changedFiles: [String], options: BuildOptions) {
        guard !changedFiles.isEmpty, options.cacheDirectory != nil else { return nil }
        // As `SiteBuilder.load` reads pages for a build with a cache folder.
        let loader = ContentLoader(contentDirectory: options.contentDirectory, config: loaded.config, hashesFiles: true)
        var site = loaded
        var pages: [SourcePage] = []
        for path in Set(changedFiles).sorted() {
            guard let position = site.pages.firstIndex(where: { $0.file.path == path }) else {
                if Self.isUnread(path, site: loaded, contentDirectory: options.contentDirectory) { continue }
                return nil
            }
            var log = DiagnosticLog()
            guard let page = loader.reread(site.pages[position], log: &log), !log.diagnostics.contains(where: { $0.severity == .error }),
                  page.differsOnlyInText(from: site.pages[position]) else { return nil }
            site.pages[position] = page
            site.index.replaceText(of: page)
            pages.append(page)
        }
        self.site = site
        self.pages = pages
    }

    /// Whether the build reads nothing at `path`: a file in a language folder that discovery passes over
    /// (`ContentLoader.FileRole.unread`), such as vim's `4913` test file, and not a folder that held pages.
    static func isUnread(_ path: String, site: LoadedSite, contentDirectory: SitePath) -> Bool {
        let prefix = contentDirectory.path + "/"
        guard path.hasPrefix(prefix) else { return false }
        let segments = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 2, site.config.languages.contains(where: { $0.code == segments[0] }),
              let name = segments.last, !name.hasPrefix("."), PathRules.problem(inFileName: name) == nil,
              ContentLoader.role(ofFile: segments.dropFirst().joined(separator: "/")) == .unread else { return false }
        switch FileSystem.kind(of: path) {
        case .file: return true
        case .missing: return !site.pages.contains { $0.file.path.hasPrefix(path + "/") }
        default: return false
        }
    }
}
