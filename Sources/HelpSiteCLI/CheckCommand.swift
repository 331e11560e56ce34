import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit
import HelpOutput

struct CheckCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validates everything a build would (content, links, fragments, templates, strings) without writing output."
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var display: ProgressOptions
    @Option(help: "A previous build's output folder or sitemap.xml: warn for each of its pages that no longer exists and is no page's alias.")
    var previous: String?

    func execute(output streams: OutputStreams) -> Int32 {
        let started = ContinuousClock.now
        var options = BuildOptions(contentDirectory: SitePath(site.content), templatesDirectory: site.templatesDirectory,
                                   strict: policy.strict, failUnder: policy.failUnder)
        options.reviewedOnly = policy.reviewedOnly
        options.templatesRequired = site.templates != nil
        options.previousSite = previous.map(SitePath.init)
        options.progress = display.progress()
        return reporting(site.diagnostics, streams) {
            defer { display.finish(options.progress) }
            let report = try SiteBuilder(options: options).check()
            display.finish(options.progress)
            Summary.print(report, action: "Checked", started: started, destination: "", style: site.diagnostics,
                          quiet: display.quiet, to: streams)
            return 0
        }
    }
}
