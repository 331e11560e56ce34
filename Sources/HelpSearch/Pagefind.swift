import HelpCore
import Foundation
import HelpRender
import HelpOutput

/// The Pagefind program (pagefind.app) that indexes the built pages: found once per build, run on a folder.
/// helpsite writes no index or stemmer of its own; it only chooses what Pagefind reads and where it writes.
package struct Pagefind: Sendable {
    /// Overrides where Pagefind is looked for.
    package static let environmentVariable = "HELPSITE_PAGEFIND"
    package static let installHint = "install it with `pip install pagefind-bin` (or set search: false in site.yaml)"

    package let executable: String

    /// `$HELPSITE_PAGEFIND`, then `pagefind` on the PATH, then the binary inside PyPI's `pagefind-bin` package.
    package static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Pagefind? {
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? Pagefind(executable: explicit) : nil
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = String(folder) + "/pagefind"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Pagefind(executable: candidate) }
        }
        return fromPythonPackage(environment: environment)
    }

    /// `python3 -m pagefind_bin` would work too, but costs a Python start on every run; ask the package once instead.
    private static func fromPythonPackage(environment: [String: String]) -> Pagefind? {
        let script = "import pagefind_bin; print(pagefind_bin.get_executable())"
        guard let output = try? run("/usr/bin/env", ["python3", "-c", script], environment: environment), output.status == 0 else { return nil }
        let location = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: location) ? Pagefind(executable: location) : nil
    }

    /// Indexes `documents` (each file read with `read`, in this order) and returns the bundle's files, each with its
    /// path inside the bundle. (Pagefind writes through asynchronous file handles that can still be open when it
    /// answers; taking the files in the answer leaves helpsite in charge of writing them.)
    /// A failure carries Pagefind's own words.
    package func index(_ documents: [SearchDocument], read: (String) throws -> [UInt8], name: String,
                       rootSelector: String? = nil, forcedLanguage: String? = nil) throws -> [(path: String, bytes: [UInt8])] {
        do {
            let service = try PagefindService(executable: executable)
            var config: [String: Any] = [:]
            if let rootSelector { config["root_selector"] = rootSelector }
            if let forcedLanguage { config["force_language"] = forcedLanguage }
            let index = try service.request(["type": "NewIndex", "config": config])["index_id"] as? Int ?? 0
            for document in documents {
                try service.addFile(index: index, url: document.url, html: try read(document.file))
            }
            let files = try service.request(["type": "GetFiles", "index_id": index])["files"] as? [[String: Any]] ?? []
            return try files.map { file in
                guard let path = file["path"] as? String, let content = file["content"] as? String,
                      let bytes = Data(base64Encoded: content) else { throw PagefindError(message: "a file helpsite cannot read") }
                return (path, Array(bytes))
            }
        } catch let error as PagefindError {
            let exit = error.status.map { " (exit \($0))" } ?? ""
            throw BuildFailure([.error(.write, nil, "Pagefind failed\(exit) indexing \(name)/: \(error.message)")])
        } catch let failure as BuildFailure {
            throw failure
        } catch {
            throw BuildFailure([.error(.write, nil, "could not run Pagefind (\(executable)): \(error)")])
        }
    }

    private static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A page as Pagefind gets it: its URL below the site root (`/nb/klage/`) and its file below the output.
package struct SearchDocument: Sendable {
    package let url: String
    package let file: String
}
