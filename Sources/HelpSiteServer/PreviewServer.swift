import HelpContent
import HelpCore
import Foundation
import HelpSiteKit
import HelpTranslation
import Hummingbird
import Logging
import ServiceLifecycle
import NIOCore
import HelpOutput
#if canImport(Glibc)
import Glibc
#endif

public struct ServeOptions: Sendable {
    public var contentDirectory: SitePath
    public var templatesDirectory: SitePath
    /// The user named the templates folder: a missing one is an error, not "use the built-in theme".
    public var templatesRequired = false
    /// Where the preview is built; nil builds into a temporary folder removed on exit.
    public var outputDirectory: SitePath?
    public var host: String
    /// 0 picks any free port.
    public var port: Int
    /// Where form submissions are appended, one JSON line each; nil names a file in the temporary folder.
    public var submissionsFile: SitePath?
    /// `--try-forms`: show the contact form and the feedback widget even where site.yaml sets no endpoint, marked preview-only.
    public var triesForms = false
    /// How a failed rebuild's diagnostics are printed (`--diagnostics`).
    public var diagnosticStyle: DiagnosticStyle = .plain

    public init(contentDirectory: SitePath = SitePath("content"), templatesDirectory: SitePath = SitePath("templates"),
                outputDirectory: SitePath? = nil, host: String = "127.0.0.1", port: Int = 8080) {
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.host = host
        self.port = port
    }
}

/// Owns the live site: rebuilds after each batch of changes and tells the open pages.
actor PreviewSession {
    private let site: LiveSite
    let hub: LiveReloadHub
    let search: SearchReindexer
    private let log: @Sendable (String) -> Void
    private let diagnosticStyle: DiagnosticStyle

    init(options: BuildOptions, diagnosticStyle: DiagnosticStyle, hub: LiveReloadHub, log: @escaping @Sendable (String) -> Void) {
        self.site = LiveSite(options: options)
        self.hub = hub
        self.search = SearchReindexer(log: log)
        self.log = log
        self.diagnosticStyle = diagnosticStyle
    }

    /// Reads the site, so pages can be rendered on request before the first full build is written.
    func initialLoad() async -> PreviewRenderer? {
        if case .failed = site.load() { return nil }
        return site.preview
    }

    /// The first full build, after `initialLoad`; prints how long it took.
    func initialBuild() async {
        let started = ContinuousClock.now
        let outcome = site.buildLoaded()
        switch outcome {
        case .rebuilt:
            // No reload: the pages open so far were rendered on request with the same bytes the build wrote,
            // and a reload would throw away what a reader is typing into a form.
            log("Built the whole site in \(Self.milliseconds(since: started)) ms.")
        case .failed:
            await report(outcome, started: started, files: [])
        }
    }

    static func milliseconds(since started: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - started
        return String(format: "%.1f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }

    func formReplies() -> FormReplies? { site.formReplies }

    func pageURL(of page: PageID, in language: String) -> String? { site.pageURL(of: page, in: language) }

    func translationStatus() -> TranslationStatus? { site.translationStatus }

    func languageHomes() -> [String] {
        site.config?.languages.map { "/\($0.code)/" } ?? []
    }

    func apply(_ files: [String]) async {
        let started = ContinuousClock.now
        let outcome = site.apply(changedFiles: files)
        await report(outcome, started: started, files: files)
    }

    private func report(_ outcome: LiveSite.Outcome, started: ContinuousClock.Instant, files: [String]) async {
        let milliseconds = Self.milliseconds(since: started)
        switch outcome {
        case let .rebuilt(paths, rendered, warnings):
            await hub.publish(.reload(paths))
            if !files.isEmpty {
                for warning in warnings { log(warning.description) }
                log("Rebuilt in \(milliseconds) ms: \(rendered) page\(rendered == 1 ? "" : "s") rendered, \(paths.count) file\(paths.count == 1 ? "" : "s") changed"
                    + (warnings.isEmpty ? "" : ", \(warnings.count) warning\(warnings.count == 1 ? "" : "s")"))
                // The first build indexed the site itself; after an edit the index follows in the background.
                if let refresh = site.searchRefresh { await search.schedule(refresh) }
            }
        case let .failed(diagnostics):
            for line in DiagnosticFormatter.format(diagnostics, style: diagnosticStyle) { log(line) }
            log("Build failed; still serving the last good version.")
            await hub.publish(.failed(diagnostics))
        }
    }
}

/// `helpsite serve`: builds the site, serves it on loopback with Hummingbird, watches the sources and
/// reloads open pages after each rebuild.
public struct PreviewServer: Sendable {
    public let options: ServeOptions

    public init(options: ServeOptions) {
        self.options = options
    }

    /// A started preview; `stop()` shuts it down and removes the temporary output.
    public final class Running: Sendable {
        public let port: Int
        public let host: String
        public let outputDirectory: SitePath
        public let languageHomes: [String]
        /// The file every form submission is appended to.
        public let submissionsFile: SitePath
        let task: Task<Void, Error>
        /// The first full build; stopping waits for it, so it never writes into a folder being removed.
        let firstBuild: Task<Void, Never>
        let watcher: FileWatcher
        let hub: LiveReloadHub
        let removesOutput: Bool
        /// serve's render cache, removed when it stops.
        let scratch: SitePath

        init(port: Int, host: String, outputDirectory: SitePath, languageHomes: [String], submissionsFile: SitePath, task: Task<Void, Error>,
             firstBuild: Task<Void, Never>, watcher: FileWatcher, hub: LiveReloadHub, removesOutput: Bool, scratch: SitePath) {
            self.scratch = scratch
            self.submissionsFile = submissionsFile
            self.firstBuild = firstBuild
            self.port = port
            self.host = host
            self.outputDirectory = outputDirectory
            self.languageHomes = languageHomes
            self.task = task
            self.watcher = watcher
            self.hub = hub
            self.removesOutput = removesOutput
        }

        public var baseURL: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

        /// Waits until the first full build is in the output folder.
        public func firstBuildFinished() async { await firstBuild.value }

        public func stop() async {
            await firstBuild.value
            watcher.stop()
            await hub.finishAll()
            task.cancel()
            _ = try? await task.value
            if removesOutput { try? FileManager.default.removeItem(atPath: outputDirectory.parent.path) }
            try? FileManager.default.removeItem(atPath: scratch.path)
        }

        /// Waits until the server stops (Ctrl-C), then cleans up.
        public func wait() async {
            _ = try? await task.value
            await firstBuild.value
            watcher.stop()
            if removesOutput { try? FileManager.default.removeItem(atPath: outputDirectory.parent.path) }
            try? FileManager.default.removeItem(atPath: scratch.path)
        }
    }

    public func start(log: @escaping @Sendable (String) -> Void) async throws -> Running {
        let port = try Self.freePort(host: options.host, from: options.port, log: log)
        let temporary = options.outputDirectory == nil
        let output = options.outputDirectory ?? SitePath(FileManager.default.temporaryDirectory.path)
            .appending("helpsite-serve-\(getpid())-\(port)").appending("public")
        let displayHost = options.host.contains(":") ? "[\(options.host)]" : options.host
        var build = BuildOptions(contentDirectory: options.contentDirectory, templatesDirectory: options.templatesDirectory,
                                 outputDirectory: output, baseURL: "http://\(displayHost):\(port)/")
        build.injectedHTML = LiveScript.tag
        build.templatesRequired = options.templatesRequired
        build.defersSearchIndex = true
        // serve's own render cache: each edit is a full build in which only pages whose inputs changed are rendered.
        let scratch = SitePath(FileManager.default.temporaryDirectory.path).appending("helpsite-serve-cache-\(getpid())-\(port)")
        build.cacheDirectory = scratch
        build.formEndpoints = FormRoutes.endpoints(showingUnconfigured: options.triesForms)
        build.linksTranslatorViews = true
        let submissionsFile = options.submissionsFile ?? SitePath(FileManager.default.temporaryDirectory.path)
            .appending("helpsite-submissions-\(getpid())-\(port).jsonl")
        let submissions = SubmissionLog(path: submissionsFile.path)
        let hub = LiveReloadHub()
        let session = PreviewSession(options: build, diagnosticStyle: options.diagnosticStyle, hub: hub, log: log)
        // Pages are rendered on request until the first full build is written, then served from the output.
        let onDemand = OnDemandPages(await session.initialLoad())
        let homes = await session.languageHomes()

        let hosts = Self.allowedHosts(host: options.host, port: port)
        let router = Router()
        router.add(middleware: RequestGuard(root: output.path, hosts: hosts, postPaths: FormRoutes.paths, postPrefix: TranslatorView.prefix))
        router.add(middleware: TranslatorPages(contentDirectory: options.contentDirectory, session: session, log: log))
        for form in FormReplies.Form.allCases {
            let handler = FormHandler(form: form, submissions: submissions, replies: { await session.formReplies() },
                                      allowedHosts: Set(hosts.map { $0.lowercased() }))
            router.post(RouterPath(FormRoutes.path(form))) { request, _ in await handler.respond(to: request) }
        }
        router.get("/__helpsite/live.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: LiveScript.source)))
        }
        router.get("/__helpsite/events") { _, _ in
            let stream = await hub.subscribe()
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody { writer in
                                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                                // Open event streams never end by themselves; they must not hold up Ctrl-C.
                                for await event in stream.cancelOnGracefulShutdown() {
                                    try await writer.write(ByteBuffer(string: LiveReloadHub.encode(event)))
                                }
                                try await writer.finish(nil)
                            })
        }
        router.add(middleware: onDemand)
        router.add(middleware: FileMiddleware(fileProvider: OutputFiles(root: output.path), cacheControl: CacheControl([(MediaType.textHtml, [.noCache])]),
                                              searchForIndexHtml: true))
        let application = Application(router: router, configuration: .init(address: .hostname(options.host, port: port), serverName: "helpsite"),
                                      logger: Self.quietLogger)
        let task = Task { try await application.runService() }
        let firstBuild = Task {
            await session.initialBuild()
            onDemand.stop()
        }

        let watcher = FileWatcher(roots: [options.contentDirectory.path, options.templatesDirectory.path])
        let changes = watcher.changes()
        Task {
            await firstBuild.value
            for await files in changes { await session.apply(files) }
        }
        try await Self.waitUntilListening(host: options.host, port: port)
        return Running(port: port, host: options.host, outputDirectory: output, languageHomes: homes, submissionsFile: submissionsFile, task: task,
                       firstBuild: firstBuild, watcher: watcher, hub: hub, removesOutput: temporary, scratch: scratch)
    }

    static func allowedHosts(host: String, port: Int) -> [String] {
        var names = [host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"]
        if ["127.0.0.1", "::1", "localhost"].contains(host) {
            names += ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
        }
        return names
    }

    private static let quietLogger: Logger = {
        var logger = Logger(label: "helpsite.serve")
        logger.logLevel = .critical
        return logger
    }()

    /// The first port from `start` that can be bound (0 asks the system for one).
    static func freePort(host: String, from start: Int, log: @Sendable (String) -> Void) throws -> Int {
        let last = start == 0 ? 0 : min(start + 50, 65_535)
        for candidate in start...last {
            if let bound = probe(host: host, port: candidate) {
                if candidate != start && start != 0 { log("Port \(start) is taken; using \(bound).") }
                return bound
            }
        }
        throw UsageError("no free port from \(start) to \(last) on \(host)")
    }

    private static func probe(host: String, port: Int) -> Int? {
        let family = host.contains(":") ? AF_INET6 : AF_INET
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if family == AF_INET {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr) == 1 else { return nil }
            let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard result == 0 else { return nil }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
            return Int(UInt16(bigEndian: address.sin_port))
        }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return nil }
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        guard result == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin6_port))
    }

    private static func waitUntilListening(host: String, port: Int) async throws {
        for _ in 0..<200 {
            if probe(host: host, port: port) == nil { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
