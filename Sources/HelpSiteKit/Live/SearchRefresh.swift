import HelpCore
import HelpRender
import HelpOutput
import HelpSearch

/// `serve`'s re-indexing after an edit: Pagefind over the live output, the new bundles swapped in when done.
/// It holds no reference to the live site, so it can run off the reload path while pages keep being served.
public struct SearchRefresh: Sendable {
    let indexer: SearchIndexer
    let output: String

    public func run() throws {
        try indexer.reindex(output: output)
    }
}

extension LiveSite {
    /// What re-indexes the current site, or nil when it has no search.
    public var searchRefresh: SearchRefresh? {
        guard let index = siteIndex, index.config.search, let pagefind else { return nil }
        let indexer = SearchIndexer(pagefind: pagefind, index: index, workers: options.workers)
        return SearchRefresh(indexer: indexer, output: options.outputDirectory.path)
    }
}
