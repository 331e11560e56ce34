import Foundation

/// Renders and writes pages on every core. Output bytes never depend on scheduling: each page's file and
/// diagnostics are a function of that page alone, and diagnostics are merged in page order.
enum ParallelRenderer {
    static func renderAll(_ pages: [Page], with renderer: PageRenderer, into writer: OutputWriter?, workers requested: Int? = nil) throws -> [Diagnostic] {
        let results = ResultSlots(count: pages.count)
        defer { results.free() }
        let workers = max(1, min(requested ?? ProcessInfo.processInfo.activeProcessorCount, pages.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < pages.count {
                var diagnostics: [Diagnostic] = []
                let output = renderer.render(pages[index], log: &diagnostics)
                var failure: Error?
                if let writer, !diagnostics.contains(where: { $0.severity == .error }) {
                    do { try writer.write(output.html.utf8, to: pages[index].outputPath) } catch { failure = error }
                }
                results.slots[index] = PageResult(diagnostics: diagnostics, failure: failure,
                                                  headingIDs: output.headingIDs, fragmentLinks: output.fragmentLinks)
                index += workers
            }
        }
        if let failure = results.slots.lazy.compactMap(\.failure).first { throw failure }
        // A fallback renders its source page's text again, and with it the same findings: report each once.
        var seen: Set<Diagnostic> = []
        var diagnostics = results.slots.flatMap(\.diagnostics).filter { seen.insert($0).inserted }
        var headingIDs: [String: [PageID: Set<String>]] = [:]
        for (page, result) in zip(pages, results.slots) { headingIDs[page.language, default: [:]][page.id] = Set(result.headingIDs) }
        for link in results.slots.lazy.flatMap(\.fragmentLinks) where headingIDs[link.language]?[link.id]?.contains(link.fragment) != true {
            let known = headingIDs[link.language]?[link.id].map { Array($0).sorted() } ?? []
            diagnostics.append(.warning(.resolveLinks, link.location,
                                        "link '\(link.written)' points to #\(link.fragment), which is not a heading id on that page" + (known.isEmpty ? "" : Suggestions.didYouMean(link.fragment, in: known))))
        }
        return diagnostics
    }

    /// One slot per page; unchecked Sendable because each slot is written by exactly one worker
    /// and read only after `concurrentPerform` returns.
    struct ResultSlots: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<PageResult>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: PageResult())
        }

        func free() {
            slots.deinitialize()
            slots.deallocate()
        }
    }

    struct PageResult {
        var diagnostics: [Diagnostic] = []
        var failure: Error?
        var headingIDs: [String] = []
        var fragmentLinks: [FragmentLink] = []
    }
}
