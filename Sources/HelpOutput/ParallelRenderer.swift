import HelpContent
import HelpCore
import Foundation
import Synchronization
import HelpRender

/// Renders and writes pages on every core. Output bytes never depend on scheduling: each page's file and
/// diagnostics are a function of that page alone, and diagnostics are merged in page order.
package enum ParallelRenderer {
    /// `build --cache`: the store and how a page's inputs are fingerprinted.
    package struct Cache: Sendable {
        package let store: RenderCache
        package let fingerprint: @Sendable (Page) -> UInt64
    }

    /// `scope`: a scoped build's page ids (`BuildScope`); every other page keeps its file, and its cache entry
    /// gives its diagnostics and headings.
    package static func renderAll(_ pages: PageList, with renderer: PageRenderer, into writer: OutputWriter?, workers requested: Int? = nil,
                                  cache: Cache? = nil, progress: BuildProgress? = nil, scope: Set<PageID>? = nil) throws -> [Diagnostic] {
        if scope != nil && cache == nil { throw BuildScope.Unavailable() }
        progress?.begin(total: pages.count)
        let results = ParallelMap.Slots(count: pages.count, initial: PageResult())
        defer { results.free() }
        let workers = max(1, min(requested ?? ProcessInfo.processInfo.activeProcessorCount, pages.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < pages.count {
                defer { index += workers }
                defer { progress?.advance() }
                let (group, position) = pages.locate(index)
                if let scope, !scope.contains(pages.groups[group][position].id) {
                    guard let entry = cache?.store.carry(pages.groups[group][position].outputPath) else {
                        results.buffer[index] = PageResult(failure: BuildScope.Unavailable())
                        continue
                    }
                    results.buffer[index] = PageResult(diagnostics: entry.diagnostics.map(\.diagnostic), failure: nil,
                                                      headingIDs: entry.headingIDs, fragmentLinks: entry.fragmentLinks.map(\.link))
                    continue
                }
                let page = pages.groups[group][position]
                let fingerprint = cache?.fingerprint(page)
                if let cache, let writer, let fingerprint, let hit = cache.store.lookup(page.outputPath, fingerprint: fingerprint) {
                    do {
                        try writer.place(existing: hit.file, identity: hit.identity, at: page.outputPath)
                        cache.store.keep(page.outputPath, entry: hit.entry)
                        results.buffer[index] = PageResult(diagnostics: hit.entry.diagnostics.map(\.diagnostic), failure: nil,
                                                          headingIDs: hit.entry.headingIDs, fragmentLinks: hit.entry.fragmentLinks.map(\.link))
                        continue
                    } catch {
                        // An unusable cached file: render the page instead.
                    }
                }
                var diagnostics: [Diagnostic] = []
                let output = renderer.render(page, log: &diagnostics)
                var failure: Error?
                if let writer, !diagnostics.contains(where: { $0.severity == .error }) {
                    do {
                        try writer.write(output.html, to: page.outputPath)
                        if let cache, let fingerprint {
                            let entry = RenderCache.Entry(fingerprint: fingerprint, size: output.html.count, headingIDs: output.headingIDs,
                                                          fragmentLinks: output.fragmentLinks.map(CachedFragmentLink.init),
                                                          diagnostics: diagnostics.map(CachedDiagnostic.init))
                            try cache.store.store(page.outputPath, entry: entry, staged: writer.writtenPath(page.outputPath))
                        }
                    } catch { failure = error }
                }
                results.buffer[index] = PageResult(diagnostics: diagnostics, failure: failure,
                                                  headingIDs: output.headingIDs, fragmentLinks: output.fragmentLinks)
            }
        }
        if let failure = results.buffer.lazy.compactMap(\.failure).first { throw failure }
        // A fallback renders its source page's text again, and with it the same findings: report each once.
        var seen: Set<Diagnostic> = []
        var diagnostics = results.buffer.flatMap(\.diagnostics).filter { seen.insert($0).inserted }
        // Heading ids of the pages that `#fragment` links lead to, and only of those.
        let links = results.buffer.flatMap(\.fragmentLinks)
        var linked: [String: Set<PageID>] = [:]
        for link in links { linked[link.language, default: []].insert(link.id) }
        var headingIDs: [String: [PageID: [String]]] = [:]
        if !linked.isEmpty {
            var index = 0
            for group in pages.groups {
                for page in group {
                    defer { index += 1 }
                    guard let ids = linked[page.language], ids.contains(page.id) else { continue }
                    headingIDs[page.language, default: [:]][page.id] = results.buffer[index].headingIDs
                }
            }
        }
        for link in links where headingIDs[link.language]?[link.id]?.contains(link.fragment) != true {
            let known = Array(Set(headingIDs[link.language]?[link.id] ?? [])).sorted()
            diagnostics.append(.warning(.resolveLinks, link.location,
                                        "link '\(link.written)' points to #\(link.fragment), which is not a heading id on that page" + (known.isEmpty ? "" : Suggestions.didYouMean(link.fragment, in: known))))
        }
        return diagnostics
    }

    /// Every language's pages as one sequence, without copying 50,000 pages into one array.
    package struct PageList: Sendable {
        package let groups: [[Page]]
        private let starts: [Int]
        package let count: Int

        package init(_ groups: [[Page]]) {
            self.groups = groups
            var starts: [Int] = []
            var count = 0
            for group in groups {
                starts.append(count)
                count += group.count
            }
            self.starts = starts
            self.count = count
        }

        /// The group and the position in it of the page at `index` of the sequence.
        package func locate(_ index: Int) -> (group: Int, position: Int) {
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= index { low = middle } else { high = middle - 1 }
            }
            return (low, index - starts[low])
        }
    }

    package struct PageResult {
        package var diagnostics: [Diagnostic] = []
        package var failure: Error?
        package var headingIDs: [String] = []
        package var fragmentLinks: [FragmentLink] = []
    }
}
