/// Every alias's redirect page, `_redirects` and `nginx-redirects.conf`; with `check --previous`, the previous
/// build's URLs that lead nowhere now.
struct RedirectsOutput: OutputGenerator {
    static let netlifyFile = "_redirects"
    static let nginxFile = "nginx-redirects.conf"

    func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        var ignored = DiagnosticLog()  // `load` already reported every problem with an alias
        let redirects = Redirects.collect(context.site.index, log: &ignored)
        if let previous = context.options.previousSite {
            log.append(contentsOf: PreviousURLs.check(previous, index: context.site.index, redirects: redirects))
        }
        guard let writer else { return }
        for redirect in redirects {
            try writer.write(context.engine.renderRedirect(redirect), to: redirect.outputPath)
        }
        try writer.write(Array(Redirects.netlify(redirects).utf8), to: Self.netlifyFile)
        try writer.write(Array(Redirects.nginx(redirects, basePath: context.site.config.basePath).utf8), to: Self.nginxFile)
    }
}
