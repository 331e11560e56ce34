import HelpContent
import HelpCore
import HelpOutput

/// `build --cache` after edits that changed only the text of pages its last build had, as `PageTextEdit` is for
/// `serve`: the cache folder still holds what that build saved (`LastBuildRecord`), so the pages the page index
/// could not take as they were are exactly the files changed since; each of them reads with the same front
/// matter and title as before (`SourcePage.differsOnlyInText`); no page came or went; the site's fingerprint
/// (settings, strings, facts, templates, the index's pages and URLs) is the manifest's; and the output folder is
/// the one the last build recorded, holding what it recorded (`OutputRecord.holds`). Then only what reads those pages' text is made again (`BuildScope`).
/// With search on, the search index is made again as in any cached build (languages whose pages did not change
/// come from the cache), and its bundle folders are written whole.
struct CachedPageTextEdit {
    /// The pages changed since the last build, drafts left out.
    let pages: [SourcePage]
    let manifest: CacheManifest
    let previousWarnings: [String: [Diagnostic]]
    /// The files the last build left in the output folder (`OutputRecord`).
    let previousFiles: Set<String>

    init?(site: LoadedSite, preload: CachePreload, options: BuildOptions) {
        guard let index = site.indexCache, let readStamp = index.cache.readStamp,
              let manifestStamp = preload.manifestStamp, let record = preload.lastBuild.value,
              record.pageIndex == readStamp, record.manifest == manifestStamp,
              // Every page read again read cleanly, and the index holds as many pages as were found.
              site.parsedPages == index.reparsed.count, index.pages.count == index.cache.previousCount,
              case .manifest(let manifest) = preload.manifest.value, preload.outputIntact.value,
              let previousFiles = preload.previousFiles.value else { return nil }
        for page in index.reparsed {
            guard let previous = index.cache.previousPage(at: page.file), page.differsOnlyInText(from: previous) else { return nil }
        }
        guard manifest.site == CacheFingerprints.site(site, options: options) else { return nil }
        pages = index.reparsed.filter { !$0.frontMatter.draft }
        self.manifest = manifest
        previousWarnings = record.warningsByOutput
        self.previousFiles = previousFiles
    }
}
