import HelpContent
import HelpCore
import HelpOutput

/// An edit that changed the text of pages the loaded site has, and nothing else: every changed path is one of its
/// pages' files, and each reads again without an error and with the same front matter and title
/// (`SourcePage.differsOnlyInText`), so the site's index is the one already built. Anything else (a new, deleted
/// or draft file, strings, facts, templates, a title, an order) is built in full.
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
            guard let position = site.pages.firstIndex(where: { $0.file.path == path }) else { return nil }
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
}
