import HelpCore
import Foundation
#if canImport(Glibc)
import Glibc
import HelpRender
import HelpOutput
#endif

/// One `pagefind --service` process: requests and answers are base64-encoded JSON, each followed by a comma.
/// helpsite adds the pages itself, one by one in its own order: Pagefind's command line numbers pages in the
/// order the file system lists them, which differs between two builds of the same site, and so would the index.
package final class PagefindService {
    private let process = Process()
    private let input: FileHandle
    private let output: FileHandle
    private let errors: URL
    private var buffer = Data()
    private var nextID = 0

    package init(executable: String) throws {
        // A Pagefind that dies mid-request must fail the build, not end helpsite with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let stdin = Pipe(), stdout = Pipe()
        errors = FileManager.default.temporaryDirectory.appendingPathComponent("helpsite-pagefind-\(getpid())-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else { throw PagefindError(message: "cannot write \(errors.path)") }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--service"]
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
    }

    deinit {
        try? input.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: errors)
    }

    /// Sends one request and returns the answer's payload; Pagefind's error answer, or its exit, throws.
    @discardableResult
    package func request(_ payload: [String: Any]) throws -> [String: Any] {
        nextID += 1
        return try send(try JSONSerialization.data(withJSONObject: ["message_id": nextID, "payload": payload]))
    }

    /// Adds one page; the message is written by hand, as JSONSerialization takes longer than Pagefind over a page.
    package func addFile(index: Int, url: String, html: [UInt8]) throws {
        nextID += 1
        var message = Array(#"{"message_id":\#(nextID),"payload":{"type":"AddFile","index_id":\#(index),"url":"#.utf8)
        Self.appendJSONString(url.utf8, to: &message)
        message += Array(#","file_contents":"#.utf8)
        Self.appendJSONString(html, to: &message)
        message += Array("}}".utf8)
        _ = try send(Data(message))
    }

    /// A JSON string: quotes, backslashes and control characters escaped; UTF-8 kept as it is.
    package static func appendJSONString(_ text: some Sequence<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdef".utf8)
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0..<0x20:
                output += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private func send(_ message: Data) throws -> [String: Any] {
        do {
            try input.write(contentsOf: Data(message.base64EncodedString().utf8) + Data(",".utf8))
        } catch {
            throw failure()
        }
        guard let answer = try readAnswer() else { throw failure() }
        if answer["type"] as? String == "Error" { throw PagefindError(message: answer["message"] as? String ?? "unknown error") }
        return answer
    }

    private func readAnswer() throws -> [String: Any]? {
        var scanned = 0
        while true {
            if let comma = buffer[scanned...].firstIndex(of: UInt8(ascii: ",")) {
                let encoded = Data(buffer[..<comma])
                buffer.removeSubrange(...comma)
                guard let json = Data(base64Encoded: encoded),
                      let message = try JSONSerialization.jsonObject(with: json) as? [String: Any],
                      let payload = message["payload"] as? [String: Any] else {
                    throw PagefindError(message: "an answer helpsite cannot read")
                }
                return payload
            }
            // `availableData` returns as soon as anything arrives (`read(upToCount:)` waits for the whole count).
            let more = output.availableData
            guard !more.isEmpty else { return nil }
            scanned = buffer.count
            buffer.append(contentsOf: more)
        }
    }

    /// What to report when Pagefind stopped answering: its exit status and the last lines it wrote.
    private func failure() -> PagefindError {
        try? input.close()
        process.waitUntilExit()
        let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let lines = said.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.suffix(5)
        return PagefindError(message: lines.joined(separator: " | "), status: process.terminationStatus)
    }
}

package struct PagefindError: Error, CustomStringConvertible {
    package var message: String
    package var status: Int32?
    package var description: String { message }
}
