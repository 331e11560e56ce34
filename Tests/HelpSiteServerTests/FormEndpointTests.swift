import HelpCore
import Foundation
import HelpSiteKit
import HelpSiteServer
import Testing

/// serve's two POST routes, driven byte for byte over a socket.
@Suite(.serialized) struct FormEndpointTests {
    static func start() async throws -> (ServedSite, URL) {
        let files = [
            "content/site.yaml": "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, de]\n",
            "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
            "content/nb/kontakt.md": "---\ntitle: Kontakt\nlayout: contact\n---\nSkriv til oss.\n",
            "content/nb/strings.yaml": "thanksTitle: Takk\nfeedbackThanks: Takk for tilbakemeldingen!\ncontactThanks: Takk! Vi har mottatt meldingen din.\n",
            "content/de/strings.yaml": "thanksTitle: Vielen Dank\nfeedbackThanks: Vielen Dank für Ihr Feedback!\n",
        ]
        let site = try await ServedSite.start(files: files) { options, root in
            options.submissionsFile = SitePath(root.appendingPathComponent("submissions.jsonl").path)
        }
        return (site, site.root.appendingPathComponent("submissions.jsonl"))
    }

    static func with(_ body: (ServedSite, URL) async throws -> Void) async throws {
        let (site, submissions) = try await start()
        do { try await body(site, submissions) } catch {
            await site.stop()
            throw error
        }
        await site.stop()
    }

    /// A POST with a body, written as a browser would send it from the preview's own page.
    static func post(_ site: ServedSite, _ path: String, body: String, headers: [String]? = nil) async -> (status: Int, text: String) {
        let own = "http://127.0.0.1:\(site.running.port)"
        let sent = headers ?? ["Host: 127.0.0.1:\(site.running.port)", "Origin: \(own)", "Referer: \(own)/nb/kontakt/",
                               "Content-Type: application/x-www-form-urlencoded"]
        return await exchange(site, (["POST \(path) HTTP/1.1"] + sent + ["Content-Length: \(body.utf8.count)", "Connection: close", "", body]).joined(separator: "\r\n"))
    }

    /// Sends a request and reads the whole answer on a thread of its own: a blocking read on one of the few
    /// threads Swift concurrency runs on could keep the server's handlers from running while the tests run in parallel.
    static func exchange(_ site: ServedSite, _ request: String) async -> (status: Int, text: String) {
        let port = site.running.port
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                guard let connection = try? RawConnection(port: port) else { return continuation.resume(returning: (0, "")) }
                try? connection.send(request)
                let text = connection.readAll()
                continuation.resume(returning: (Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0, text))
            }
        }
    }

    static func lines(_ file: URL) -> [[String: Any]] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    static let feedback = "page=kontakt&language=nb&translation=source&sourceStamp=abc123&answer=no&comment=Mangler+%C3%A5pningstider"

    @Test func theServedPagesPostToTheLocalEndpoints() async throws {
        try await Self.with { site, _ in
            let (_, _, page) = try await site.get("/nb/kontakt/")
            #expect(page.contains(#"<form method="post" action="/__helpsite/forms/contact""#))
            #expect(page.contains(#"<form class="feedback" method="post" action="/__helpsite/forms/feedback""#))
        }
    }

    @Test func aFeedbackSubmissionIsOneJSONLineAndALocalizedThankYou() async throws {
        try await Self.with { site, submissions in
            let answer = await Self.post(site, "/__helpsite/forms/feedback", body: Self.feedback)
            #expect(answer.status == 200)
            #expect(answer.text.contains("<html lang=\"nb\"") && answer.text.contains("<p>Takk for tilbakemeldingen!</p>"))
            #expect(answer.text.contains(#"<a href="/nb/kontakt/">"#))
            let lines = Self.lines(submissions)
            try #require(lines.count == 1)
            #expect(lines[0]["form"] as? String == "feedback")
            #expect(lines[0]["receivedAt"] is String)
            #expect(lines[0]["fields"] as? [String: String] == [
                "page": "kontakt", "language": "nb", "translation": "source", "sourceStamp": "abc123", "answer": "no",
                "comment": "Mangler åpningstider",
            ])
        }
    }

    @Test func fetchGetsJSONInTheReadersLanguage() async throws {
        try await Self.with { site, submissions in
            let own = "http://127.0.0.1:\(site.running.port)"
            let answer = await Self.post(site, "/__helpsite/forms/feedback", body: "page=index&language=de&answer=yes",
                                   headers: ["Host: 127.0.0.1:\(site.running.port)", "Origin: \(own)", "Accept: application/json",
                                             "Content-Type: application/x-www-form-urlencoded; charset=UTF-8"])
            #expect(answer.status == 200)
            let json = try #require(answer.text.components(separatedBy: "\r\n\r\n").last)
            #expect(json == #"{"message":"Vielen Dank für Ihr Feedback!","ok":true}"#)
            #expect(Self.lines(submissions).count == 1)
        }
    }

    @Test func aContactSubmissionIsRecorded() async throws {
        try await Self.with { site, submissions in
            let answer = await Self.post(site, "/__helpsite/forms/contact",
                                   body: "language=nb&name=Kari+Nordmann&email=kari%40example.org&phone=&topic=complaint&message=Hei%21&consent=on")
            #expect(answer.status == 200)
            #expect(answer.text.contains("Takk! Vi har mottatt meldingen din."))
            let fields = Self.lines(submissions).first?["fields"] as? [String: String]
            #expect(fields?["email"] == "kari@example.org" && fields?["message"] == "Hei!" && fields?["topic"] == "complaint")
            #expect(Self.lines(submissions).first?["form"] as? String == "contact")
        }
    }

    @Test func tooLargeMalformedAndIncompleteFormsAreRefusedAndNothingIsWritten() async throws {
        try await Self.with { site, submissions in
            let large = Self.feedback + "&comment=" + String(repeating: "x", count: 17 * 1024)
            #expect(await Self.post(site, "/__helpsite/forms/feedback", body: large).status == 413)
            for body in [
                "page=kontakt&language=nb&answer=%ZZ",            // bad percent escape
                "page=kontakt&language=nb&answer=%C3%28",         // not UTF-8
                "page=kontakt&language=nb&answer=maybe",          // not yes or no
                "page=kontakt&language=nb",                       // no answer
                "page=kontakt&language=nb&answer=yes&admin=1",    // unknown field
                "page=a&page=b&language=nb&answer=yes",           // a field twice
            ] {
                #expect(await Self.post(site, "/__helpsite/forms/feedback", body: body).status == 400, "\(body)")
            }
            #expect(await Self.post(site, "/__helpsite/forms/contact", body: "language=nb&name=Kari&email=&message=Hei").status == 400)
            let json = await Self.post(site, "/__helpsite/forms/feedback", body: "{\"answer\":\"yes\"}",
                                 headers: ["Host: 127.0.0.1:\(site.running.port)", "Content-Type: application/json"])
            #expect(json.status == 400)
            #expect(!FileManager.default.fileExists(atPath: submissions.path))
        }
    }

    @Test func foreignOriginsHostsOtherPathsAndMethodsAreRefused() async throws {
        try await Self.with { site, submissions in
            let port = site.running.port
            let form = "Content-Type: application/x-www-form-urlencoded"
            #expect(await Self.post(site, "/__helpsite/forms/feedback", body: Self.feedback,
                              headers: ["Host: 127.0.0.1:\(port)", "Origin: http://evil.example", form]).status == 403)
            #expect(await Self.post(site, "/__helpsite/forms/feedback", body: Self.feedback,
                              headers: ["Host: evil.example:\(port)", form]).status == 403)
            #expect(await Self.post(site, "/__helpsite/forms/other", body: Self.feedback).status == 405)
            #expect(await Self.post(site, "/nb/kontakt/", body: Self.feedback).status == 405)
            let put = await Self.exchange(site, "PUT /__helpsite/forms/feedback HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            #expect(put.status == 405)
            let get = await Self.exchange(site, "GET /__helpsite/forms/feedback HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            #expect(get.status == 404)
            #expect(!FileManager.default.fileExists(atPath: submissions.path))
        }
    }
}
