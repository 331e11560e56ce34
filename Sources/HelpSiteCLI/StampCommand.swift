import HelpConfig
import HelpCore
import ArgumentParser
import HelpSiteKit
import HelpTranslation

struct StampCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Records in each translation which version of its source page it was translated from (same as status --stamp)."
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "The source pages given changed only in ways that need no retranslation (a typo, a link fix): translations up to date with the previous version become up to date with this one.")
    var minor = false

    @Argument(help: "Translation files, e.g. content/de/arn.md; with --minor, source pages, e.g. content/nb/arn.md.")
    var files: [String]

    func execute(output streams: OutputStreams) -> Int32 {
        reporting(site.diagnostics, streams) {
            let content = SitePath(site.content)
            let config = try SiteConfigLoader(contentDirectory: content).load()
            guard minor else {
                try Self.stamp(files, content: content, config: config, report: streams.out)
                return 0
            }
            for file in files {
                let result = try MinorEdit(contentDirectory: content, config: config).apply(file)
                if result.previous == result.current {
                    streams.out("\(file): unchanged since version \(result.current); nothing to do")
                } else {
                    streams.out("\(file): version \(result.current) recorded as a minor edit of \(result.previous); "
                                + "\(result.restamped.count) translation\(result.restamped.count == 1 ? "" : "s") restamped")
                    for translation in result.restamped { streams.out("  \(translation): source: \(result.current)") }
                }
            }
            return 0
        }
    }

    /// Stamps each file and reports one line per file.
    static func stamp(_ files: [String], content: SitePath, config: SiteConfig, report: (String) -> Void) throws {
        let stamper = Stamper(contentDirectory: content, config: config)
        for file in files {
            let result = try stamper.stamp(file)
            report("\(result.file): \(result.changed ? "stamped" : "already stamped") source: \(result.hash)")
        }
    }
}
