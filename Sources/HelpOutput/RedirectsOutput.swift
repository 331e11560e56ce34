import HelpContent
import HelpCore
import HelpRender

/// Every alias's redirect page, `_redirects` and `nginx-redirects.conf`; with `check --previous`, the previous
/// build's URLs that lead nowhere now.
package struct RedirectsOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package static let netlifyFile = "_redirects"
    package static let nginxFile = "nginx-redirects.conf"

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        let redirects = context.site.plan.redirects
        if let previous = context.options.previousSite {
            log.append(contentsOf: PreviousURLs.check(previous, basePath: context.site.config.basePath, current: context.site.plan.pageFolders))
        }
        guard let writer else { return }
        for redirect in redirects {
            try writer.write(context.engine.renderRedirect(redirect), to: redirect.outputPath)
        }
        try writer.write(Array(Redirects.netlify(redirects).utf8), to: Self.netlifyFile)
        try writer.write(Array(Redirects.nginx(redirects, basePath: context.site.config.basePath).utf8), to: Self.nginxFile)
    }
}
