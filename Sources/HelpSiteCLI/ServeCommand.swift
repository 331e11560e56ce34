import HelpCore
import ArgumentParser
import Foundation
import HelpSiteKit
import HelpSiteServer

struct ServeCommand: AsyncRunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Builds the site, serves it on 127.0.0.1, rebuilds what changed on every save and reloads the browser."
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Build the preview here instead of a temporary folder (never needed for previews).")
    var output: String?

    @Option(help: "The port; the next free one is used if it is taken.")
    var port: Int = 8080

    @Option(help: "The address to listen on. Anything but loopback exposes your drafts to the network.")
    var host: String = "127.0.0.1"

    @Flag(help: "Open the site in the browser.")
    var open = false

    @Option(help: "Append the contact form's and the feedback widget's submissions here, one JSON line each (default: a new file in the temporary folder).")
    var submissions: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 (any free port) to 65535, not \(port)") }
    }

    func execute(output streams: OutputStreams) async -> Int32 {
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            streams.err("warning: --host \(host) is not a loopback address; anyone who can reach it can read your unpublished pages")
        }
        var options = ServeOptions(contentDirectory: SitePath(site.content), templatesDirectory: site.templatesDirectory,
                                   outputDirectory: output.map(SitePath.init), host: host, port: port)
        options.templatesRequired = site.templates != nil
        options.submissionsFile = submissions.map(SitePath.init)
        options.diagnosticStyle = site.diagnostics
        do {
            let running = try await PreviewServer(options: options).start(log: { streams.err($0) })
            for home in running.languageHomes { streams.out("\(running.baseURL)\(home)") }
            streams.out("Forms post to this preview; submissions are appended to \(running.submissionsFile.display)")
            streams.out("Serving \(running.outputDirectory.display) at \(running.baseURL)/ — press Ctrl-C to stop.")
            if open, let first = running.languageHomes.first { Browser.open(running.baseURL + first) }
            await running.wait()
            return 0
        } catch {
            return FailureReport.status(for: error, style: site.diagnostics, streams: streams)
        }
    }
}

enum Browser {
    static func open(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #if os(macOS)
        process.arguments = ["open", url]
        #else
        process.arguments = ["xdg-open", url]
        #endif
        try? process.run()
    }
}
