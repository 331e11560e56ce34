import HelpConfig
import HelpContent
import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit
import HelpTranslation

enum StatusFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, html
}

struct StatusCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Shows which translations are up to date, outdated, unstamped, missing or extra against the source language."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Only this language.")
    var language: String?

    @Option(help: "text (a table), json (schema in the README) or html (a self-contained dashboard).")
    var format: StatusFormat = .text

    @Option(name: .customLong("stamp"), parsing: .upToNextOption, help: "Record the current source version in these translation files, then report.")
    var stamp: [String] = []

    @Option(help: "Show what changed in the source page since this translation was stamped (needs git).")
    var diff: String?

    @Option(name: .customLong("fail-under"), help: "Exit 1 when any language's up-to-date share is under this percentage.")
    var failUnder: Double?

    @Option(help: "A folder `build --cache` keeps: unchanged pages are taken from its page index instead of parsed.")
    var cache: String?

    @Flag(name: .customLong("reviewed-only"), help: "--fail-under counts only reviewed pages, not machine translations.")
    var reviewedOnly = false

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            if let language, config.language(language) == nil {
                throw UsageError("--language \(language) is not listed in site.yaml")
            }
            try StampCommand.stamp(stamp, content: content, config: config, report: streams.err)
            if let diff {
                switch try SourceDiff(contentDirectory: content, config: config).diff(for: diff) {
                case .unchanged:
                    streams.out("\(diff) is up to date: its source page has not changed since it was stamped.")
                case let .diff(commit, text):
                    streams.out("Changes in the source page since the stamped version (commit \(commit.prefix(10))):\n\(text)")
                case let .unavailable(reason):
                    streams.err("cannot show the changes: \(reason)")
                    return 1
                }
                return 0
            }
            // --fail-under needs the status itself, not its printed report.
            let reportCache = failUnder == nil ? cache.flatMap {
                StatusReportCache(cacheDirectory: SitePath($0), contentDirectory: content, config: config,
                                  request: [format.rawValue, language ?? "", ReviewDate(day: Date()).iso])
            } : nil
            if let stored = reportCache?.stored() {
                streams.out(stored)
                return 0
            }
            let loaded = try cache.map {
                try ContentLoader.loadIndex(contentDirectory: content, config: config, cacheDirectory: SitePath($0), retainer: .process)
            } ?? ContentLoader(contentDirectory: content, config: config).load(releasingBodies: true)
            // 50,000 pages are not freed one by one on the way out.
            Retainer.process.keep(loaded)
            var status = TranslationStatus(config: config, pages: loaded.pages, only: language)
            status.noteMinorEdits(SourceSnapshots(contentDirectory: content, config: config))
            let freshness = PageFreshness(config: config, pages: loaded.pages, today: ReviewDate(day: Date()))
            let report = switch format {
            case .text: StatusFormatter.text(status, freshness: freshness)
            case .json: StatusFormatter.json(status, freshness: freshness)
            case .html: StatusFormatter.html(status, title: config.title, freshness: freshness)
            }
            streams.out(report)
            reportCache?.save(report)
            if let failUnder {
                let failures = status.failures(under: failUnder, reviewedOnly: reviewedOnly, contentDirectory: content)
                if !failures.isEmpty { throw BuildFailure(failures) }
            }
            return 0
        }
    }
}
