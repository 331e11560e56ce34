import HelpCore
import Foundation
import HelpSiteKit
import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
import HelpOutput
#endif

/// `serve`'s two POST routes: the contact form and the feedback widget. Each valid submission becomes one JSON
/// line in the submissions file; the reader gets a thank-you page (or, asked by `fetch`, JSON).
enum FormRoutes {
    static let prefix = "/__helpsite/forms/"
    static let maxBodyBytes = 16 * 1024

    static func path(_ form: FormReplies.Form) -> String { prefix + form.rawValue }
    static var paths: Set<String> { Set(FormReplies.Form.allCases.map(path)) }
    static func endpoints(showingUnconfigured: Bool) -> FormEndpoints {
        FormEndpoints(contact: path(.contact), feedback: path(.feedback), showsUnconfigured: showingUnconfigured)
    }
}

/// The fields each form may send: `required` must be there and not empty, nothing outside `allowed` may be.
struct FormRules {
    let required: Set<String>
    let allowed: Set<String>
    /// Longest value, in characters.
    let maxLength = 4000

    static func of(_ form: FormReplies.Form) -> FormRules {
        switch form {
        case .contact:
            FormRules(required: ["name", "email", "message"], allowed: ["language", "name", "email", "phone", "topic", "message", "consent"])
        case .feedback:
            FormRules(required: ["page", "language", "answer"], allowed: ["page", "language", "translation", "sourceStamp", "answer", "comment"])
        }
    }

    /// The fields, or why they are refused.
    func validate(_ pairs: [(String, String)], form: FormReplies.Form) -> Result<[String: String], FormError> {
        var fields: [String: String] = [:]
        for (name, value) in pairs {
            guard allowed.contains(name) else { return .failure(FormError("unknown field '\(name)'")) }
            guard fields[name] == nil else { return .failure(FormError("field '\(name)' is sent twice")) }
            guard value.count <= maxLength else { return .failure(FormError("field '\(name)' is longer than \(maxLength) characters")) }
            fields[name] = value
        }
        for name in required.sorted() where (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .failure(FormError("field '\(name)' is missing"))
        }
        if form == .feedback, let answer = fields["answer"], answer != "yes" && answer != "no" {
            return .failure(FormError("answer must be yes or no"))
        }
        return .success(fields)
    }
}

struct FormError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}

/// `application/x-www-form-urlencoded`, strictly: bad percent escapes or bytes that are not UTF-8 are refused.
enum URLEncodedForm {
    static func parse(_ body: [UInt8]) -> [(String, String)]? {
        guard !body.isEmpty else { return [] }
        var pairs: [(String, String)] = []
        for part in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let halves = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(halves[0]), !name.isEmpty, let value = decode(halves.count > 1 ? halves[1] : []) else { return nil }
            pairs.append((name, value))
        }
        return pairs
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard bytes.distance(from: index, to: bytes.endIndex) >= 3, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) else { return nil }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self), !text.unicodeScalars.contains(where: { $0.value == 0 }) else { return nil }
        return text
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The submissions file: one JSON object a line, appended whole or not at all.
actor SubmissionLog {
    let path: String

    init(path: String) { self.path = path }

    func append(form: FormReplies.Form, fields: [String: String], received: Date) throws {
        let record: [String: Any] = ["form": form.rawValue, "receivedAt": ISO8601DateFormatter().string(from: received), "fields": fields]
        var line = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])
        line.append(UInt8(ascii: "\n"))
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FormError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        fstat(descriptor, &info)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written != line.count {
            // A short write would leave half a line: take it back.
            _ = ftruncate(descriptor, info.st_size)
            throw FormError("could not write to \(path)")
        }
    }
}

/// Answers one form's POST: 413 over `FormRoutes.maxBodyBytes`, 400 for anything but a well-formed submission
/// of that form's fields, otherwise the line is written and the reader thanked.
struct FormHandler: Sendable {
    let form: FormReplies.Form
    let submissions: SubmissionLog
    let replies: @Sendable () async -> FormReplies?
    let allowedHosts: Set<String>

    func respond(to request: Request) async -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > FormRoutes.maxBodyBytes {
            return RequestGuard<BasicRequestContext>.plain(.contentTooLarge, "The form is larger than \(FormRoutes.maxBodyBytes) bytes.")
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: FormRoutes.maxBodyBytes) } catch {
            return RequestGuard<BasicRequestContext>.plain(.contentTooLarge, "The form is larger than \(FormRoutes.maxBodyBytes) bytes.")
        }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type == "application/x-www-form-urlencoded" || type.hasPrefix("application/x-www-form-urlencoded;") else {
            return RequestGuard<BasicRequestContext>.plain(.badRequest, "Send the form as application/x-www-form-urlencoded.")
        }
        guard let pairs = URLEncodedForm.parse(Array(body.readableBytesView)) else {
            return RequestGuard<BasicRequestContext>.plain(.badRequest, "The form data is not valid URL-encoded UTF-8.")
        }
        let fields: [String: String]
        switch FormRules.of(form).validate(pairs, form: form) {
        case .success(let valid): fields = valid
        case .failure(let error): return RequestGuard<BasicRequestContext>.plain(.badRequest, "The form was not accepted: \(error.message).")
        }
        do { try await submissions.append(form: form, fields: fields, received: Date()) } catch {
            return RequestGuard<BasicRequestContext>.plain(.internalServerError, "The submission could not be saved.")
        }
        guard let replies = await replies() else {
            return RequestGuard<BasicRequestContext>.plain(.ok, "Thank you.")
        }
        let language = replies.language(named: fields["language"])
        if request.headers[.accept]?.contains("application/json") == true {
            let json = (try? JSONSerialization.data(withJSONObject: ["ok": true, "message": replies.message(form, language: language)],
                                                    options: [.sortedKeys])) ?? Data()
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: replies.page(form, language: language, returnTo: returnPath(request)))))
    }

    /// The page the form was sent from, when the `Referer` is this preview.
    private func returnPath(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URL(string: referer), url.scheme == "http",
              let host = url.host, allowedHosts.contains((host.contains(":") ? "[\(host)]" : host) + ":\(url.port ?? 80)"),
              RequestGuard<BasicRequestContext>.safePath(url.path) != nil else { return nil }
        return url.path.isEmpty ? "/" : url.path + (url.path.hasSuffix("/") ? "" : "/")
    }
}
