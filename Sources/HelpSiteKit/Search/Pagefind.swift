import Foundation

/// The Pagefind program (pagefind.app) that indexes the built pages: found once per build, run on a folder.
/// helpsite writes no index or stemmer of its own; it only chooses what Pagefind reads and where it writes.
struct Pagefind: Sendable {
    /// Overrides where Pagefind is looked for.
    static let environmentVariable = "HELPSITE_PAGEFIND"
    static let installHint = "install it with `pip install pagefind-bin` (or set search: false in site.yaml)"

    let executable: String

    /// `$HELPSITE_PAGEFIND`, then `pagefind` on the PATH, then the binary inside PyPI's `pagefind-bin` package.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Pagefind? {
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

    /// Indexes the HTML under `site` into `site/<outputFolder>`; a failure carries Pagefind's own words.
    func index(site: String, outputFolder: String, arguments: [String] = []) throws {
        let output: (status: Int32, text: String)
        do {
            output = try Self.run(executable, ["--site", site, "--output-subdir", outputFolder, "--quiet"] + arguments)
        } catch {
            throw BuildFailure([.error(.write, nil, "could not run Pagefind (\(executable)): \(error)")])
        }
        guard output.status == 0 else {
            let said = output.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.suffix(5)
            throw BuildFailure([.error(.write, nil, "Pagefind failed (exit \(output.status)) indexing \(outputFolder)/: " + said.joined(separator: " | "))])
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
