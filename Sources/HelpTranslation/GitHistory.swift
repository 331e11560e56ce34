import HelpCore
import Foundation

/// Older versions of a file from git, when git and a repository are there.
struct GitHistory {
    enum Lookup {
        case found(commit: String, text: String, pathInRepository: String, top: String)
        case unavailable(String)
    }

    /// The newest committed version of `file` for which `matches` is true.
    package static func version(of file: SitePath, matching matches: (String) -> Bool) -> Lookup {
        guard let top = git(["rev-parse", "--show-toplevel"], in: file.parent.path)?.trimmingSpacesAndNewlines(), !top.isEmpty else {
            return .unavailable("git is not installed or \(file.display) is not in a git repository, so the stamped version cannot be looked up")
        }
        guard let absolute = file.resolved, absolute.hasPrefix(top + "/") else {
            return .unavailable("the source page is outside the git repository at \(top)")
        }
        let inRepository = String(absolute.dropFirst(top.count + 1))
        let commits = git(["log", "--format=%H", "--", inRepository], in: top)?.split(separator: "\n").map(String.init) ?? []
        for commit in commits {
            guard let old = git(["show", "\(commit):\(inRepository)"], in: top) else { continue }
            let text = old.replacingAll("\r\n", with: "\n")
            if matches(text) { return .found(commit: commit, text: text, pathInRepository: inRepository, top: top) }
        }
        return .unavailable("no committed version of \(file.display) has the stamped hash; it may have been stamped from uncommitted text")
    }

    package static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
