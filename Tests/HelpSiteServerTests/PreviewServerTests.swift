import HelpCore
import Foundation
import HelpOutput
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HelpSiteKit
import HelpSiteServer
import Testing

/// A fixture site served by a real preview server on a free loopback port.
final class ServedSite: @unchecked Sendable {
    let root: URL
    let running: PreviewServer.Running

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let defaultFiles = [
        "content/site.yaml": "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, en]\n",
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
        "content/nb/klage.md": "---\ntitle: Klage\norder: 1\n---\nKlag her.\n",
        "content/en/index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/en/klage.md": "---\ntitle: Complaints\nslug: complaints\n---\nComplain here.\n",
    ]

    /// Writes `files` (with `extra` lines added to site.yaml) into a new folder and serves its `content/` on a free
    /// port; `configure` adjusts the options.
    static func start(config extra: String = "", files: [String: String] = defaultFiles,
                      log: LogLines? = nil,
                      configure: (inout ServeOptions, URL) -> Void = { _, _ in }) async throws -> ServedSite {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("helpsite-serve-test-\(UUID().uuidString)")
        var files = files
        files["content/site.yaml", default: ""] += extra
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: root.appendingPathComponent("outside/secret.txt"))
        var options = ServeOptions(contentDirectory: SitePath(root.appendingPathComponent("content").path),
                                   templatesDirectory: SitePath(root.appendingPathComponent("templates").path), port: 0)
        configure(&options, root)
        do {
            let running = try await PreviewServer(options: options).start(log: { log?.append($0) })
            await running.firstBuildFinished()
            return ServedSite(root: root, running: running)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    init(root: URL, running: PreviewServer.Running) {
        self.root = root
        self.running = running
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    /// Starts a served fixture, runs `body`, and always stops the server and removes the fixture.
    static func with(config extra: String = "", _ body: (ServedSite) async throws -> Void) async throws {
        let site = try await start(config: extra)
        do {
            try await body(site)
        } catch {
            await site.stop()
            throw error
        }
        await site.stop()
    }

    func stop() async {
        await running.stop()
        try? FileManager.default.removeItem(at: root)
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> (Int, [String: String], String) {
        var request = URLRequest(url: URL(string: running.baseURL + path)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
        return (http.statusCode, fields, String(decoding: data, as: UTF8.self))
    }

    /// A request written byte for byte, for paths and headers an HTTP client would clean up.
    func raw(_ requestLine: String, headers: [String] = []) throws -> (status: Int, text: String) {
        let connection = try RawConnection(port: running.port)
        let host = headers.contains { $0.lowercased().hasPrefix("host:") } ? [] : ["Host: 127.0.0.1:\(running.port)"]
        try connection.send(([requestLine] + host + headers + ["Connection: close", "", ""]).joined(separator: "\r\n"))
        let text = connection.readAll()
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, text)
    }
}

/// What a preview server logged, in order.
final class LogLines: @unchecked Sendable {
    // Unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// A plain TCP connection to the preview server.
final class RawConnection {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    func readAll() -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            data += buffer[..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads until `marker` has arrived or the deadline passes.
    func read(until marker: String, timeout: Duration = .seconds(10)) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 8192)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { data += buffer[..<count] }
            let text = String(decoding: data, as: UTF8.self)
            if text.contains(marker) || count == 0 { return text }
        }
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite(.serialized) struct PreviewServerTests {
    @Test func failedBuildIsPrintedInTheChosenDiagnosticsStyle() async throws {
        var files = ServedSite.defaultFiles
        files["content/nb/klage.md"] = "---\ntitle: Klage\n---\nSe [x](mangler.md).\n"
        let lines = LogLines()
        let site = try await ServedSite.start(files: files, log: lines) { options, _ in
            options.diagnosticStyle = .github
        }
        await site.stop()
        let errors = lines.all.filter { $0.hasPrefix("::error ") }
        #expect(errors.count == 1)
        #expect(errors.first?.hasSuffix("/content/nb/klage.md,line=4,col=4::link target 'mangler.md' does not exist: no page mangler.md in any language") == true,
                "\(lines.all)")
        #expect(!lines.all.contains { $0.contains(": error: ") })
    }

    @Test func stoppingRemovesTheTemporaryOutputAndFreesThePort() async throws {
        let site = try await ServedSite.start()
        let output = site.running.outputDirectory.path
        #expect(FileManager.default.fileExists(atPath: output + "/nb/index.html"))
        #expect(!output.hasPrefix(site.root.path))
        await site.stop()
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect((try? RawConnection(port: site.running.port)) == nil)
    }

    /// `serve` and `build` render through the same engine: a served page is the built page plus the reload script.
    @Test func servedPageEqualsTheBuiltPageApartFromTheLiveReloadScript() async throws {
        try await ServedSite.with { site in
            let output = site.root.appendingPathComponent("built").path
            // serve builds for the address it listens on.
            let base = site.running.baseURL.hasSuffix("/") ? site.running.baseURL : site.running.baseURL + "/"
            var options = BuildOptions(contentDirectory: SitePath(site.root.appendingPathComponent("content").path),
                                       templatesDirectory: SitePath(site.root.appendingPathComponent("templates").path),
                                       outputDirectory: SitePath(output), baseURL: base)
            // serve's forms post to serve itself.
            options.formEndpoints = FormEndpoints(contact: "/__helpsite/forms/contact", feedback: "/__helpsite/forms/feedback")
            _ = try SiteBuilder(options: options).build()
            for (path, file) in [("/nb/klage/", "nb/klage/index.html"), ("/en/complaints/", "en/complaints/index.html"), ("/nb/", "nb/index.html")] {
                let (_, _, served) = try await site.get(path)
                let built = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
                #expect(served.contains("/__helpsite/live.js"))
                #expect(served.replacingOccurrences(of: "<script src=\"/__helpsite/live.js\" defer></script>\n", with: "") == built, "\(path)")
            }
        }
    }

    @Test func servesEveryLanguageWithLiveReloadAndNoCache() async throws {
        try await ServedSite.with { site in
            let (status, headers, body) = try await site.get("/nb/klage/")
            #expect(status == 200)
            #expect(body.contains("<html lang=\"nb\""))
            #expect(body.contains("/__helpsite/live.js"))
            #expect(headers["cache-control"] == "no-cache")
            #expect(headers["access-control-allow-origin"] == nil)
            let etag = try #require(headers["etag"])
            let (english, _, englishBody) = try await site.get("/en/complaints/")
            #expect(english == 200 && englishBody.contains("Complain here."))
            let conditional = try site.raw("GET /nb/klage/ HTTP/1.1", headers: ["If-None-Match: \(etag)"])
            #expect(conditional.status == 304)
            #expect(site.running.languageHomes == ["/nb/", "/en/"])
        }
    }

    @Test func editingAPageSendsReloadAndBreakingItSendsDiagnostics() async throws {
        try await ServedSite.with { site in
            let events = try RawConnection(port: site.running.port)
            try events.send("GET /__helpsite/events HTTP/1.1\r\nHost: 127.0.0.1:\(site.running.port)\r\nAccept: text/event-stream\r\n\r\n")
            #expect(events.read(until: ": connected").contains("text/event-stream"))

            try site.write("content/nb/klage.md", "---\ntitle: Klage\norder: 1\n---\nKlag her, nå.\n")
            let reload = events.read(until: "event: reload")
            #expect(reload.contains("event: reload\ndata: [\"/nb/klage/\""), "\(reload)")
            let (_, _, body) = try await site.get("/nb/klage/")
            #expect(body.contains("Klag her, nå."))

            try site.write("content/nb/klage.md", "---\ntitle: Klage\nbogus: 1\n---\nx\n")
            let failed = events.read(until: "event: failed")
            #expect(failed.contains("klage.md:3:1: error: unknown key \\u0027bogus\\u0027 in front matter"), "\(failed)")
            let (_, _, stillGood) = try await site.get("/nb/klage/")
            #expect(stillGood.contains("Klag her, nå."))

            try site.write("content/nb/klage.md", "---\ntitle: Ny klage\norder: 1\n---\nFikset.\n")
            let recovered = events.read(until: "event: reload")
            #expect(recovered.contains("event: recovered"))
            #expect(recovered.contains("\"/nb/klage/\""))
        }
    }

    @Test(arguments: [
        "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%252e%252e/%252e%252e/etc/passwd",
        "/nb/..\\..\\etc\\passwd", "/nb/%5c..%5c..%5cetc%5cpasswd", "/nb/%00/index.html", "/etc/passwd", "//etc/passwd",
        "/%2e%2e%2foutside%2fsecret.txt",
    ])
    func pathsNeverLeaveTheOutput(path: String) async throws {
        try await ServedSite.with { site in
            let response = try site.raw("GET \(path) HTTP/1.1")
            #expect([400, 403, 404].contains(response.status), "\(path) → \(response.status)")
            #expect(!response.text.contains("root:"))
            #expect(!response.text.contains("secret"))
            let (status, _, _) = try await site.get("/nb/")
            #expect(status == 200)
        }
    }

    @Test func symlinksOutOfTheOutputAreNotFollowed() async throws {
        try await ServedSite.with { site in
            try FileManager.default.createSymbolicLink(atPath: site.running.outputDirectory.appending("leak.txt").path,
                                                       withDestinationPath: site.root.appendingPathComponent("outside/secret.txt").path)
            try FileManager.default.createSymbolicLink(atPath: site.running.outputDirectory.appending("leakdir").path,
                                                       withDestinationPath: site.root.appendingPathComponent("outside").path)
            for path in ["/leak.txt", "/leakdir/secret.txt"] {
                let response = try site.raw("GET \(path) HTTP/1.1")
                #expect(response.status == 404, "\(path)")
                #expect(!response.text.contains("secret\n"))
            }
        }
    }

    @Test func foreignHostsOriginsMethodsAndRedirectsAreRefused() async throws {
        try await ServedSite.with { site in
            #expect(try site.raw("GET /nb/ HTTP/1.1", headers: ["Host: evil.example"]).status == 403)
            #expect(try site.raw("GET /nb/ HTTP/1.1", headers: ["Host: evil.example:\(site.running.port)"]).status == 403)
            #expect(try site.raw("GET /nb/ HTTP/1.1", headers: ["Host: localhost:\(site.running.port)"]).status == 200)
            #expect(try site.raw("GET /__helpsite/events HTTP/1.1", headers: ["Origin: http://evil.example"]).status == 403)
            #expect(try site.raw("POST /nb/ HTTP/1.1", headers: ["Content-Length: 0"]).status == 405)
            #expect(try site.raw("DELETE /nb/ HTTP/1.1").status == 405)
            let redirect = try site.raw("GET //evil.example HTTP/1.1")
            #expect(!redirect.text.lowercased().contains("location: //evil.example"))
            #expect(![301, 302, 307, 308].contains(redirect.status))
            let folder = try site.raw("GET //nb HTTP/1.1")
            #expect(!folder.text.lowercased().contains("location: //"))
            let (_, headers, _) = try await site.get("/nb/")
            #expect(headers["access-control-allow-origin"] == nil)
        }
    }
}
