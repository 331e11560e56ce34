import HelpCore
import HelpSiteKit
import HelpOutput

enum Summary {
    static func print(_ report: BuildReport, action: String, started: ContinuousClock.Instant, destination: String,
                      style: DiagnosticStyle, quiet: Bool = false, to streams: OutputStreams) {
        for line in DiagnosticFormatter.format(report.warnings, style: style) { streams.err(line) }
        if quiet { return }
        let elapsed = ContinuousClock.now - started
        let perLanguage = report.pagesPerLanguage.map { "\($0.language) \($0.pages)" }.joined(separator: ", ")
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        streams.out("\(action) \(report.pageCount) pages in \(report.pagesPerLanguage.count) languages (\(perLanguage)), "
                    + "\(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s"), in \(milliseconds) ms\(destination)")
    }
}
