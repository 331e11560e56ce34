import HelpContent
import HelpCore

/// A build that makes again only what reads the text of some pages: `serve` after an edit that changed page
/// bodies and nothing else, so the site's index, settings, strings, facts and templates are the last build's.
///
/// Which pages it considers follows from `CacheFingerprints.page`: a page's fingerprint reads the text (file hash,
/// source version) of pages with its own id only. Among those, the render cache still decides what is rendered.
/// Outputs that read no page's text (`OutputGenerator.readsPageText`) are not run; their files and warnings stay.
package struct BuildScope: Sendable {
    /// The ids of the pages read again.
    package var pageIDs: Set<PageID>
    /// Each output's warnings in the last build, by `OutputGenerators.name(of:)`, for the outputs not run.
    package var previousWarnings: [String: [Diagnostic]]

    package init(pageIDs: Set<PageID>, previousWarnings: [String: [Diagnostic]]) {
        self.pageIDs = pageIDs
        self.previousWarnings = previousWarnings
    }

    /// Something the scoped build takes from the last one is missing (a page's cache entry): build in full instead.
    package struct Unavailable: Error {
        package init() {}
    }
}
