import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit
import HelpOutput

struct BuildCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Builds the site into the output folder, replacing it only when the build succeeds."
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var policy: PolicyOptions

    @Option(help: "The output folder; replaced as a whole by each successful build.")
    var output: String = "public"

    @Option(name: .customLong("base-url"), help: "The site's absolute URL, overriding baseURL in site.yaml, e.g. https://example.org/help/.")
    var baseURL: String?

    @Option(help: "Keep rendered pages and their fingerprints in this folder; the next build renders only what changed.")
    var cache: String?

    @OptionGroup var display: ProgressOptions

    func execute(output streams: OutputStreams) -> Int32 {
        let started = ContinuousClock.now
        var options = BuildOptions(contentDirectory: SitePath(site.content), templatesDirectory: site.templatesDirectory,
                                   outputDirectory: SitePath(output), baseURL: baseURL, strict: policy.strict, failUnder: policy.failUnder)
        options.reviewedOnly = policy.reviewedOnly
        options.cacheDirectory = cache.map(SitePath.init)
        options.templatesRequired = site.templates != nil
        options.progress = display.progress()
        options.retainer = .process
        let status = reporting(site.diagnostics, streams) {
            defer { display.finish(options.progress) }
            let report = try SiteBuilder(options: options).build()
            display.finish(options.progress)
            for note in report.notes { streams.err("note: " + note) }
            if report.scopedToPageText {
                streams.err("note: only the text of \(report.parsedPages) page file\(report.parsedPages == 1 ? "" : "s") changed since the last build; made again only what reads it")
            }
            if cache != nil { streams.err("note: \(report.cachedPages) of \(report.pageCount) pages from the cache") }
            if cache != nil, !report.reindexedLanguages.isEmpty {
                streams.err("note: search indexes Pagefind built (the others came from the cache): " + report.reindexedLanguages.joined(separator: ", "))
            }
            Summary.print(report, action: "Built", started: started, destination: " → \(output)", style: site.diagnostics,
                          quiet: display.quiet, to: streams)
            return 0
        }
        if status == 1 { streams.err("Build failed; \(output) was left as it was.") }
        return status
    }
}
