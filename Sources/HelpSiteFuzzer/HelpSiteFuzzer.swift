import HelpCore
import HelpMarkdown
import HelpSiteKit

// Two builds of one file. `scripts/fuzz` compiles it with -D HELPSITE_FUZZING and -sanitize=fuzzer: libFuzzer
// brings `main` and calls `LLVMFuzzerTestOneInput`. The ordinary `swift build` makes a replayer instead:
// `HelpSiteFuzzer <file or folder>...` runs each file through the same entry and checks.

/// Feeds the bytes through `FuzzEntry` and checks what must hold for any input: nothing crashes (sanitizers
/// watch), and HTML rendered in safe mode contains only the tags and attributes cmark and the heading
/// rewrite emit, with no dangerous URL.
func fuzzOne(_ bytes: [UInt8]) {
    let outcome = FuzzEntry.exercise(bytes)
    for render in outcome.renders where !render.allowsUnsafeHTML {
        if let problem = SafeHTMLCheck.problem(in: render.html) {
            fatalError("safe-mode HTML (\(render.language.isEmpty ? "raw render" : render.language)): \(problem)\n--- html ---\n\(render.html)")
        }
    }
}

enum SafeHTMLCheck {
    static let tags: Set<String> = ["p", "blockquote", "ul", "ol", "li", "pre", "code", "hr", "br",
                                    "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "a", "img"]
    static let attributes: Set<String> = ["href", "src", "alt", "title", "start", "class", "id"]
    static let comment = Array("<!-- raw HTML omitted -->".utf8)

    /// The first thing in `html` that the safe renderer should never write, or nil.
    static func problem(in html: String) -> String? {
        let bytes = Array(html.utf8)
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: ">") { return "stray '>' at byte \(i)" }
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if bytes[i...].starts(with: comment) { i += comment.count; continue }
            var j = i + 1
            let closing = j < bytes.count && bytes[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            let name = String(decoding: bytes[nameStart..<j], as: UTF8.self)
            guard tags.contains(name) else { return "tag <\(closing ? "/" : "")\(name)> at byte \(i)" }
            // Attributes: ` name="value"`, then `>` or ` />`.
            while true {
                guard j < bytes.count else { return "unterminated <\(name)> at byte \(i)" }
                if bytes[j] == UInt8(ascii: ">") { j += 1; break }
                if bytes[j...].starts(with: Array(" />".utf8)) { j += 3; break }
                guard !closing, bytes[j] == UInt8(ascii: " ") else { return "malformed <\(name)> at byte \(i)" }
                j += 1
                let attributeStart = j
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                let attribute = String(decoding: bytes[attributeStart..<j], as: UTF8.self)
                guard attributes.contains(attribute) else { return "attribute \(attribute) on <\(name)> at byte \(i)" }
                guard bytes[j...].starts(with: Array("=\"".utf8)) else { return "unquoted \(attribute) on <\(name)> at byte \(i)" }
                j += 2
                let valueStart = j
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
                    if bytes[j] == UInt8(ascii: "<") || bytes[j] == UInt8(ascii: ">") { return "unescaped '<' or '>' in \(attribute) at byte \(j)" }
                    j += 1
                }
                guard j < bytes.count else { return "unterminated \(attribute) on <\(name)> at byte \(i)" }
                if attribute == "href" || attribute == "src" {
                    let value = String(decoding: bytes[valueStart..<j], as: UTF8.self)
                        .replacingAll("&quot;", "\"").replacingAll("&#x27;", "'").replacingAll("&#39;", "'").replacingAll("&amp;", "&")
                    if URLSafety.isDangerous(value, kind: name == "img" ? .image : .link) {
                        return "dangerous \(attribute)=\"\(value)\" at byte \(i)"
                    }
                }
                j += 1
            }
            i = j
        }
        return nil
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

#if HELPSITE_FUZZING

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    fuzzOne(bytes)
    return 0
}

#else

import Foundation

@main
enum Replayer {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard !arguments.isEmpty, !arguments.contains("-h"), !arguments.contains("--help") else {
            print("usage: HelpSiteFuzzer <file or folder>...  (runs each file through FuzzEntry; scripts/fuzz builds the libFuzzer version)")
            exit(arguments.isEmpty ? 2 : 0)
        }
        var count = 0
        for argument in arguments {
            for file in files(at: argument) {
                guard let bytes = read(file) else {
                    print("error: cannot read \(file)")
                    exit(1)
                }
                fuzzOne(bytes)
                count += 1
            }
        }
        print("replayed \(count) input\(count == 1 ? "" : "s"): no crash, safe-mode HTML clean")
    }

    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [path] }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
    }

    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}

#endif
