import HelpCore
import Foundation
import HelpSiteKit
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hostile and malformed input, run through the real CLI.
///
/// Every case builds a small site once (so `public/` exists), then introduces one bad input and builds
/// again with `helpsite build`. A rejected input must give the exact exit status and diagnostics and leave
/// `public/` byte for byte as it was; an input that must be accepted (a BOM, CRLF, deep nesting, a
/// `javascript:` link that is only dropped) must build and render correctly.
@Suite(.serialized) struct BadInputTests {
    // MARK: - The table

    @Test(arguments: BadInputTests.cases)
    func badInput(_ input: BadInput) throws {
        try Self.check(input)
    }

    /// chmod 000 only blocks reads for ordinary users; as root (common in containers) it cannot be tested.
    @Test(.enabled(if: BadInputTests.permissionsBlockReads,
                   "running as root: chmod 000 does not block reads, so no unreadable file can be made"),
          arguments: BadInputTests.unreadableCases)
    func unreadable(_ input: BadInput) throws {
        try Self.check(input)
    }

    /// cmark 0.30's known super-linear inputs, and the worst found against helpsite's own limits, each just
    /// under the default page limit of 256 KiB. Each must build or be refused before cmark parses it (one error
    /// naming the limit), well inside a generous bound. Without the limits (`MarkdownLimits`) the worst of
    /// them took 74 s in libcmark 0.30.2 itself; with them the slowest takes well under a second in a release build.
    @Test func pathologicalMarkdownAtTheSizeLimit() throws {
        // Idle, the worst input takes about 3 s here; CI machines and sanitizer runs are slower, and a
        // red CI over machine speed helps nobody. A hang or a quadratic regression still blows this bound.
        let bound: Duration = .seconds(30)
        var timings: [(name: String, worst: Duration)] = []
        for (name, body) in Self.pathologicalBodies() {
            let text = Self.pathologicalHeader + body + "\n"
            #expect(text.utf8.count < Self.pathologicalLimit, "\(name) is \(text.utf8.count) bytes")
            let site = try FixtureSite(Self.base, config: FixtureSite.minimalConfig + "\nmaxPageSize: \(Self.pathologicalLimit)\n")
            try #require(site.runBuild().status == 0)
            try site.write("content/nb/p.md", text)
            var worst: Duration = .zero
            for run in 1...3 {
                let started = ContinuousClock.now
                let result = Self.withDeadline(seconds: 120) { site.runBuild() }
                let elapsed = ContinuousClock.now - started
                worst = max(worst, elapsed)
                guard let result else {
                    Issue.record("\(name): the build did not finish within 120 s")
                    break
                }
                // Either it builds, or it is refused before cmark parses it, with one error naming the limit.
                let errors = Self.errorLines(result.err)
                let refused = result.status == 1 && errors.count == 1 && errors[0].contains("which keeps the Markdown parser fast")
                #expect(result.status == 0 || refused, "\(name) run \(run): \(result.err.suffix(500))")
                if run == 1, result.status == 0 {
                    let html = (try? site.read("public/nb/p/index.html")) ?? ""
                    #expect(html.contains("<article>"), "\(name): no rendered page")
                }
                if elapsed > bound { break }
            }
            print("pathological input '\(name)': worst build \(Self.format(worst))")
            #expect(worst < bound, "'\(name)' took \(Self.format(worst)), over the \(Self.format(bound)) bound")
            timings.append((name, worst))
        }
        if let slowest = timings.max(by: { $0.worst < $1.worst }) {
            print("pathological inputs: worst of all is '\(slowest.name)' at \(Self.format(slowest.worst))")
        }
    }

    /// Kept apart from the table: a build that hangs here keeps a core busy after the test gives up on it.
    @Test(arguments: BadInputTests.aliasBombCases)
    func yamlAliasBomb(_ input: BadInput) throws {
        try Self.check(input)
    }

    // MARK: - Running one case

    static let base: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nx\n",
        "content/en/index.md": "---\ntitle: Home\n---\nx\n",
        "content/nb/a.md": "---\ntitle: A\n---\nx\n",
        "content/en/a.md": "---\ntitle: A\n---\nx\n",
    ]

    static func check(_ input: BadInput) throws {
        let site = try FixtureSite(base)
        // The theme as files, so that cases can break a template; it renders the same as the built-in one.
        try site.ejectTheme()
        let first = site.runBuild()
        try #require(first.status == 0, "the fixture must build before the bad input: \(first.err)")
        let before = try site.snapshot()
        try input.change(site)

        let arguments = input.arguments(site)
        let started = ContinuousClock.now
        let finished = withDeadline(seconds: input.timeLimit.inSeconds) { site.run(arguments) }
        let elapsed = ContinuousClock.now - started
        guard let result = finished else {
            Issue.record("\(input.name): the build did not finish within \(format(input.timeLimit))")
            return
        }
        #expect(elapsed < input.timeLimit, "\(input.name) took \(format(elapsed))")
        let errors = errorLines(result.err)

        switch input.expected {
        case let .fails(status, expected):
            #expect(result.status == status, "exit status; stderr without warnings:\n\(withoutWarnings(result.err))")
            let matches = errors.count == expected.count && zip(expected, errors).allSatisfy { $0.matches($1) }
            #expect(matches, "diagnostics\nexpected:\n\(expected.map(\.description).joined(separator: "\n"))\nactual:\n\(errors.joined(separator: "\n"))")
            if status == 1 {
                #expect(result.err.hasSuffix("Build failed; public was left as it was."), "\(withoutWarnings(result.err).suffix(300))")
            }
            // One diagnostic per line, with nothing a terminal would act on.
            let control = result.err.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
            #expect(control.isEmpty, "stderr carries raw control characters \(control.map { String($0.value, radix: 16) }):\n\(withoutWarnings(result.err))")
            let after = try site.snapshot()
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            #expect(changed.isEmpty, "public/ changed: \(changed.prefix(10))")
            let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: site.root.path)) ?? []).filter { $0.hasPrefix(".public.tmp") }
            #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")

        case let .builds(verify):
            #expect(result.status == 0, "stderr without warnings:\n\(withoutWarnings(result.err))")
            #expect(errors.isEmpty, "\(errors)")
            if result.status == 0 { try verify(site) }
        }
    }

    /// The lines of stderr that report an error: `file:line:col: error: …`, `error: …` and ArgumentParser's `Error: …`.
    static func errorLines(_ err: String) -> [String] {
        err.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
            if line.hasPrefix("error: ") || line.hasPrefix("Error: ") || line.hasPrefix("::error ") { return true }
            guard let marker = line.range(of: ": error: ") else { return false }
            return !line[..<marker.lowerBound].contains(" ")
        }
    }

    /// Stderr without warnings, for failure messages.
    static func withoutWarnings(_ err: String) -> String {
        err.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(": warning: ") }.joined(separator: "\n")
    }

    /// Runs `body` on its own thread, with the 8 MiB of stack the CLI's main thread gets on Linux, and waits
    /// at most `seconds`. Nil when it did not finish; the thread is then left to run on.
    static func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
        let box = DeadlineBox<T>()
        let thread = Thread {
            let value = body()
            box.lock.withLock { box.value = value }
            box.done.signal()
        }
        thread.stackSize = 8 * 1024 * 1024
        thread.start()
        guard box.done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.lock.withLock { box.value }
    }

    static func format(_ duration: Duration) -> String {
        String(format: "%.3f s", duration.inSeconds)
    }

    static let permissionsBlockReads: Bool = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("helpsite-perm-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: Data("x".utf8)) else { return false }
        defer { try? FileManager.default.removeItem(atPath: path) }
        chmod(path, 0)
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 { close(descriptor); return false }
        return true
    }()
}

/// The result slot of `BadInputTests.withDeadline`.
final class DeadlineBox<T: Sendable>: @unchecked Sendable {
    let lock = NSLock()
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

// MARK: - Case model

struct BadInput: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        /// Exit status and every error line, in order.
        case fails(Int32, [ErrorLine])
        /// Builds; the closure checks the output.
        case builds(@Sendable (FixtureSite) throws -> Void)
    }

    enum ErrorLine: Sendable, CustomStringConvertible {
        case exact(String)
        /// A location (`file:line:col: error: `) and words the message must contain, for problems whose
        /// wording is free because the generator does not report them yet, or whose payload is escaped text.
        case located(String, mentioning: [String])

        func matches(_ line: String) -> Bool {
            switch self {
            case let .exact(text): return line == text
            case let .located(prefix, words): return line.hasPrefix(prefix) && words.allSatisfy { line.contains($0) }
            }
        }

        var description: String {
            switch self {
            case let .exact(text): return text
            case let .located(prefix, words): return "\(prefix)… (mentioning \(words.map { "'\($0)'" }.joined(separator: ", ")))"
            }
        }
    }

    var name: String
    var change: @Sendable (FixtureSite) throws -> Void
    var expected: Expected
    var arguments: @Sendable (FixtureSite) -> [String] = BadInput.build()
    var timeLimit: Duration = .seconds(60)

    var testDescription: String { name }

    static func build(_ extra: [String] = []) -> @Sendable (FixtureSite) -> [String] {
        { site in ["build", "--content", site.path("content")] + site.templatesArguments + ["--output", site.path("public")] + extra }
    }

    /// Content errors: exit status 1 and exactly these lines.
    static func error(_ name: String, _ change: @escaping @Sendable (FixtureSite) throws -> Void, _ lines: String...) -> BadInput {
        BadInput(name: name, change: change, expected: .fails(1, lines.map { .exact($0) }))
    }

    static func error(_ name: String, _ change: @escaping @Sendable (FixtureSite) throws -> Void, matching lines: [ErrorLine], timeLimit: Duration = .seconds(60)) -> BadInput {
        BadInput(name: name, change: change, expected: .fails(1, lines), timeLimit: timeLimit)
    }

    static func usage(_ name: String, _ change: @escaping @Sendable (FixtureSite) throws -> Void = { _ in },
                      arguments: @escaping @Sendable (FixtureSite) -> [String], _ line: String) -> BadInput {
        BadInput(name: name, change: change, expected: .fails(2, [.exact(line)]), arguments: arguments)
    }

    static func accepted(_ name: String, _ change: @escaping @Sendable (FixtureSite) throws -> Void,
                         verify: @escaping @Sendable (FixtureSite) throws -> Void) -> BadInput {
        BadInput(name: name, change: change, expected: .builds(verify))
    }
}

extension Duration {
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

// MARK: - Small helpers for cases

extension BadInputTests {
    static func page(_ path: String, _ text: String) -> @Sendable (FixtureSite) throws -> Void {
        { site in try site.write(path, text) }
    }

    static func bytes(_ path: String, _ bytes: [UInt8]) -> @Sendable (FixtureSite) throws -> Void {
        { site in try site.writeBytes(path, bytes) }
    }

    static func config(_ text: String) -> @Sendable (FixtureSite) throws -> Void {
        page("content/site.yaml", text)
    }

    static let header = "title: Test Help\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, en]\n"

    static func link(_ destination: String) -> @Sendable (FixtureSite) throws -> Void {
        page("content/nb/b.md", "---\ntitle: B\n---\n[x](\(destination))\n")
    }

    static func symlink(_ relative: String, to destination: String) -> @Sendable (FixtureSite) throws -> Void {
        { site in
            try FileManager.default.createSymbolicLink(atPath: site.path(relative), withDestinationPath: destination)
        }
    }

    /// The text between `<article>` and `</article>`: the rendered page body.
    static func article(_ html: String) -> String {
        guard let start = html.range(of: "<article>"), let end = html.range(of: "</article>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The href of the first `<a href="…">text</a>`, or nil.
    static func href(ofLinkWithText text: String, in html: String) -> String? {
        var rest = Substring(html)
        while let range = rest.range(of: "<a href=\"") {
            let after = rest[range.upperBound...]
            guard let quote = after.firstIndex(of: "\"") else { return nil }
            let value = String(after[..<quote])
            if after[quote...].hasPrefix("\">\(text)</a>") { return value }
            rest = after[quote...]
        }
        return nil
    }

    /// Decodes the character references a browser decodes in an attribute value.
    static func decodeEntities(_ text: String) -> String {
        var result = ""
        var scalars = Array(text.unicodeScalars)[...]
        let named: [String: String] = ["amp": "&", "quot": "\"", "lt": "<", "gt": ">", "apos": "'", "colon": ":", "Tab": "\t", "NewLine": "\n", "nbsp": "\u{A0}"]
        while let first = scalars.first {
            scalars = scalars.dropFirst()
            guard first == "&" else { result.unicodeScalars.append(first); continue }
            if scalars.first == "#" {
                var digits = scalars.dropFirst()
                var radix = 10
                if digits.first == "x" || digits.first == "X" { radix = 16; digits = digits.dropFirst() }
                let number = digits.prefix { $0.properties.numericType != nil || (radix == 16 && "abcdefABCDEF".unicodeScalars.contains($0)) }
                if !number.isEmpty, let value = UInt32(String(String.UnicodeScalarView(number)), radix: radix) {
                    result.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    scalars = digits.dropFirst(number.count)
                    if scalars.first == ";" { scalars = scalars.dropFirst() }
                    continue
                }
            } else {
                let name = String(String.UnicodeScalarView(scalars.prefix { $0.properties.isAlphabetic }))
                if let value = named[name] {
                    result += value
                    scalars = scalars.dropFirst(name.unicodeScalars.count)
                    if scalars.first == ";" { scalars = scalars.dropFirst() }
                    continue
                }
            }
            result.unicodeScalars.append(first)
        }
        return result
    }

    /// URL attributes that a browser would run as script or open as an HTML document.
    static func dangerousURLs(in html: String) -> [String] {
        var found: [String] = []
        for attribute in ["href=\"", "src=\"", "action=\"", "formaction=\""] {
            var rest = Substring(html)
            while let range = rest.range(of: attribute) {
                let after = rest[range.upperBound...]
                guard let quote = after.firstIndex(of: "\"") else { break }
                let value = decodeEntities(String(after[..<quote]))
                let normalized = String(String.UnicodeScalarView(value.unicodeScalars.drop { $0.value <= 0x20 }.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })).lowercased()
                let imageData = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { normalized.hasPrefix($0) }
                if normalized.hasPrefix("javascript:") || normalized.hasPrefix("vbscript:") || (normalized.hasPrefix("data:") && !imageData) {
                    found.append(value)
                }
                rest = after[quote...]
            }
        }
        return found
    }

    /// Every HTML file of the output, for checks that must hold everywhere.
    static func allHTML(_ site: FixtureSite) throws -> [String: String] {
        try site.snapshot().filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    static func isWellFormedXML(_ text: String) -> Bool {
        #if canImport(FoundationXML) || canImport(Darwin)
        return XMLParser(data: Data(text.utf8)).parse()
        #else
        return true
        #endif
    }

    /// A page with a dangerous link: it must build and keep the link text, with nothing left in the href.
    static func droppedLink(_ name: String, _ destination: String, text: String = "x", markdown: String? = nil) -> BadInput {
        BadInput.accepted("dangerous link dropped: \(name)", page("content/nb/b.md", "---\ntitle: B\n---\n" + (markdown ?? "[\(text)](\(destination))") + "\n")) { site in
            let html = try site.read("public/nb/b/index.html")
            let body = article(html)
            #expect(href(ofLinkWithText: text, in: body) == "", "the link must stay, with an empty href:\n\(body)")
            #expect(dangerousURLs(in: html).isEmpty, "\(dangerousURLs(in: html))")
        }
    }

    static func droppedImage(_ name: String, _ destination: String) -> BadInput {
        BadInput.accepted("dangerous image dropped: \(name)", page("content/nb/b.md", "---\ntitle: B\n---\n![pic](\(destination))\n")) { site in
            let html = try site.read("public/nb/b/index.html")
            #expect(article(html).contains("<img src=\"\" alt=\"pic\" />"), "\(article(html))")
            #expect(dangerousURLs(in: html).isEmpty, "\(dangerousURLs(in: html))")
        }
    }

    /// Line and column (1-based) of the first occurrence of `needle` in a shipped template.
    static func position(of needle: String, inShippedTemplate relative: String) -> (line: Int, column: Int) {
        let text = (try? String(contentsOfFile: FixtureSite.shippedTemplates + "/" + relative, encoding: .utf8)) ?? ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) { return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1) }
        }
        return (0, 0)
    }
}

// MARK: - The cases

extension BadInputTests {
    static let b = "content/nb/b.md"

    static let cases: [BadInput] = frontMatterCases + encodingCases + sizeAndNestingCases + escapeCases
        + collisionCases + symlinkCases + configCases + templateCases + usageCases + injectionCases + factCases + dangerousLinkCases

    // Front matter and YAML: positions are counted in the whole file.
    static let frontMatterCases: [BadInput] = [
        .error("YAML: unclosed flow mapping", page(b, "---\ntitle: A\ndescription: {a: 1\n---\nx\n"),
               "content/nb/b.md:3:14: error: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping)"),
        .error("YAML: mapping value inside a plain scalar, five lines down", page(b, "---\ntitle: A\norder: 2\n\ndescription: x: y\n---\nx\n"),
               "content/nb/b.md:5:15: error: invalid YAML: mapping values are not allowed in this context"),
        .error("YAML: tab indentation", page(b, "---\ntitle: A\n\tdescription: x\n---\nx\n"),
               "content/nb/b.md:3:1: error: invalid YAML: found a tab character that violates indentation (while scanning a plain scalar)"),
        .error("YAML: unclosed double quote", page(b, "---\ntitle: A\ndescription: \"abc\n---\nx\n"),
               "content/nb/b.md:3:14: error: invalid YAML: found unexpected end of stream (while scanning a quoted scalar)"),
        .error("YAML: duplicate key reported where the duplicate is", page(b, "---\ntitle: A\nslug: b\norder: 1\nslug: c\n---\nx\n"),
               "content/nb/b.md:5:1: error: duplicate key 'slug'"),
        .error("YAML anchors and aliases are refused where they are written", page(b, "---\ntitle: &t [a]\ndescription: *t\n---\nx\n"),
               "content/nb/b.md:2:8: error: YAML anchors and aliases (&name, *name) are not allowed here; write the value out"),
        .error("front matter closed by four dashes is never closed", page(b, "---\ntitle: A\n----\nx\n"),
               "content/nb/b.md:1:1: error: front matter starts here but is never closed; end it with a line '---'"),
        .error("front matter cut off at the end of the file", page(b, "---\ntitle: A"),
               "content/nb/b.md:1:1: error: front matter starts here but is never closed; end it with a line '---'"),
        .error("front matter is a list", page(b, "---\n- a\n- b\n---\nx\n"),
               "content/nb/b.md:1:1: error: page has no title; add 'title:' to the front matter or start the text with '# Title'",
               "content/nb/b.md:2:1: error: front matter must be a mapping of keys to values"),
        .error("title is a list", page(b, "---\ntitle: [a, b]\n---\nx\n"),
               "content/nb/b.md:2:8: error: 'title' must be text"),
        .error("YAML nested 10,000 deep", page(b, "---\ntitle: A\ndescription: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n---\nx\n"),
               "content/nb/b.md:3:15: error: invalid YAML: Maximum nesting level reached, set with yaml_set_max_nest_level()) (while parsing)"),
        .error("YAML nested 999 deep, just inside libyaml's limit", page(b, "---\ntitle: A\ndescription: " + String(repeating: "[", count: 999) + String(repeating: "]", count: 999) + "\n---\nx\n"),
               "content/nb/b.md:3:14: error: 'description' must be text"),
        .error("empty file: no title", page(b, ""),
               "content/nb/b.md:1:1: error: page has no title; add 'title:' to the front matter or start the text with '# Title'"),
        .error("empty front matter and no body: no title", page(b, "---\n---\n"),
               "content/nb/b.md:1:1: error: page has no title; add 'title:' to the front matter or start the text with '# Title'"),
        BadInput(name: "GitHub annotation for a file name with a comma and a colon",
                 change: page("content/nb/a,b:c.md", "---\ntitle: A\nbad: 1\n---\nx\n"),
                 expected: .fails(1, [.exact("::error file=content/nb/a%2Cb%3Ac.md,line=3,col=1::unknown key 'bad' in front matter; expected one of: title, description, slug, order, layout, draft, source, reviewed, related, aliases, machine")]),
                 arguments: BadInput.build(["--diagnostics", "github"])),
    ]

    // Encodings and line endings.
    static let encodingCases: [BadInput] = [
        .accepted("UTF-8 byte-order mark is removed", bytes(b, [0xEF, 0xBB, 0xBF] + Array("---\ntitle: Bom\n---\nHei\n".utf8))) { site in
            let html = try site.read("public/nb/b/index.html")
            #expect(html.contains("<title>Bom – Test Help</title>"))
            #expect(html.contains("<h1>Bom</h1>"))
            #expect(!html.contains("\u{FEFF}"))
        },
        .error("byte-order mark does not shift later positions", bytes(b, [0xEF, 0xBB, 0xBF] + Array("---\ntitle: Bom\nbad: 1\n---\nHei\n".utf8)),
               "content/nb/b.md:3:1: error: unknown key 'bad' in front matter; expected one of: title, description, slug, order, layout, draft, source, reviewed, related, aliases, machine"),
        .accepted("CRLF line endings", page(b, "---\r\ntitle: Crlf\r\ndescription: D\r\n---\r\n\r\nHei\r\n\r\n## Del\r\n")) { site in
            let html = try site.read("public/nb/b/index.html")
            #expect(html.contains("<h1>Crlf</h1>"))
            #expect(html.contains("<meta name=\"description\" content=\"D\">"))
            #expect(article(html).contains("<h2 id=\"del\">Del</h2>"))
            #expect(!html.contains("\r"))
        },
        .error("CRLF: a later error still has the right line", page(b, "---\r\ntitle: Crlf\r\n---\r\n\r\nHei [x](missing.md)\r\n"),
               "content/nb/b.md:5:5: error: link target 'missing.md' does not exist: no page missing.md in any language"),
        .error("mixed CRLF, CR and LF: a later error still has the right line", page(b, "---\r\ntitle: A\rdescription: B\n---\r\n\rx\n[y](missing.md)\r\n"),
               "content/nb/b.md:7:1: error: link target 'missing.md' does not exist: no page missing.md in any language"),
        .accepted("CR-only line endings", page(b, "---\rtitle: Cr\r---\rHei\r\r## Del\r")) { site in
            let html = try site.read("public/nb/b/index.html")
            #expect(html.contains("<h1>Cr</h1>"))
            #expect(article(html).contains("<h2 id=\"del\">Del</h2>"))
        },
        .error("invalid UTF-8 byte in the body", bytes(b, Array("---\ntitle: A\n---\nabcd".utf8) + [0xFF] + Array("x\n".utf8)),
               "content/nb/b.md:4:5: error: file is not valid UTF-8 text; save it as UTF-8"),
        .error("Latin-1 text in the front matter", bytes(b, Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\nx\n".utf8)),
               "content/nb/b.md:2:11: error: file is not valid UTF-8 text; save it as UTF-8"),
        .error("overlong UTF-8 encoding of '/'", bytes(b, Array("---\ntitle: A\n---\nab".utf8) + [0xC0, 0xAF] + Array("x\n".utf8)),
               "content/nb/b.md:4:3: error: file is not valid UTF-8 text; save it as UTF-8"),
        .error("UTF-8-encoded surrogate", bytes(b, Array("---\ntitle: A\n---\nab".utf8) + [0xED, 0xA0, 0x80] + Array("x\n".utf8)),
               "content/nb/b.md:4:3: error: file is not valid UTF-8 text; save it as UTF-8"),
        .error("UTF-8 sequence cut off at the end of the file", bytes(b, Array("---\ntitle: A\n---\nabc".utf8) + [0xC3]),
               "content/nb/b.md:4:4: error: file is not valid UTF-8 text; save it as UTF-8"),
        .error("NUL byte", bytes(b, Array("---\ntitle: A\n---\nabc\nde".utf8) + [0] + Array("f\n".utf8)),
               "content/nb/b.md:5:3: error: file contains a NUL byte"),
        .error("invalid UTF-8 in site.yaml", bytes("content/site.yaml", Array("title: Test ".utf8) + [0xE9] + Array("\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, en]\n".utf8)),
               "content/site.yaml:1:13: error: file is not valid UTF-8 text; save it as UTF-8"),
        .error("NUL byte in site.yaml", bytes("content/site.yaml", Array("title: Test".utf8) + [0] + Array("\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, en]\n".utf8)),
               "content/site.yaml:1:12: error: file contains a NUL byte"),
        .error("invalid UTF-8 in strings.yaml", bytes("content/nb/strings.yaml", Array("home: Hjem\nlogIn: Logg p".utf8) + [0xE5] + Array("\n".utf8)),
               "content/nb/strings.yaml:2:14: error: file is not valid UTF-8 text; save it as UTF-8"),
        .error("invalid UTF-8 in a partial template", bytes("templates/partials/footer.mustache", Array("<footer>\n  ".utf8) + [0xFE] + Array("\n</footer>\n".utf8)),
               "templates/partials/footer.mustache:2:3: error: file is not valid UTF-8 text; save it as UTF-8"),
    ]

    // Size limits and deep nesting.
    static let sizeAndNestingCases: [BadInput] = [
        .error("10 MB page", { site in
            var bytes = Array("---\ntitle: Big\n---\n".utf8)
            bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024 - bytes.count - 1) + [UInt8(ascii: "\n")]
            try site.writeBytes(b, bytes)
        }, "content/nb/b.md:1:1: error: page is 10485760 bytes, over the limit of 262144 bytes (maxPageSize in site.yaml)"),
        .error("page one byte over a lowered maxPageSize", { site in
            try site.write("content/site.yaml", header + "maxPageSize: 100\n")
            try site.write(b, "---\ntitle: B\n---\n" + String(repeating: "b", count: 100 - 17) + "\n")
        }, "content/nb/b.md:1:1: error: page is 101 bytes, over the limit of 100 bytes (maxPageSize in site.yaml)"),
        // cmark 0.30.2 is quadratic in nesting depth times inline nodes: nesting over 100 is refused before it parses.
        .error("25,000 nested block quotes", page(b, "---\ntitle: Deep\n---\n" + String(repeating: "> ", count: 25_000) + "deep\n"),
               "content/nb/b.md:4:201: error: block quotes and lists are nested 101 deep here; the limit is 100, which keeps the Markdown parser fast"),
        .error("25,000 nested bullet lists", page(b, "---\ntitle: Deep\n---\n" + String(repeating: "- ", count: 25_000) + "deep\n"),
               "content/nb/b.md:4:201: error: block quotes and lists are nested 101 deep here; the limit is 100, which keeps the Markdown parser fast"),
        .error("25,000 nested ordered lists", page(b, "---\ntitle: Deep\n---\n" + String(repeating: "1. ", count: 25_000) + "deep\n"),
               "content/nb/b.md:4:301: error: block quotes and lists are nested 101 deep here; the limit is 100, which keeps the Markdown parser fast"),
        .error("25,000 alternating block quotes and lists", page(b, "---\ntitle: Deep\n---\n" + String(repeating: "> - ", count: 12_500) + "deep\n"),
               "content/nb/b.md:4:201: error: block quotes and lists are nested 101 deep here; the limit is 100, which keeps the Markdown parser fast"),
        .accepted("100 nested block quotes and lists, the limit", page(b, "---\ntitle: Deep\n---\n" + String(repeating: "> - ", count: 50) + "deep\n")) { site in
            let body = article(try site.read("public/nb/b/index.html"))
            #expect(count("<blockquote>", in: body) == 50)
            #expect(count("<ul>", in: body) == 50)
        },
    ]

    // Slugs and links that try to leave public/ or the language folder.
    static let escapeCases: [BadInput] = [
        .error("slug with a newline", matching: [.located("content/nb/b.md:3:7: error: slug ", mentioning: ["spaces or control characters"])])
            .with(page(b, "---\ntitle: B\nslug: \"a\\nb\"\n---\nx\n")),
        .error("slug with a terminal escape sequence", matching: [.located("content/nb/b.md:3:7: error: slug ", mentioning: ["spaces or control characters"])])
            .with(page(b, "---\ntitle: B\nslug: \"\\e[2Jx\"\n---\nx\n")),
        .error("slug with an encoded slash", page(b, "---\ntitle: B\nslug: '%2F'\n---\nx\n"),
               "content/nb/b.md:3:7: error: slug '%2F' cannot contain %; write the characters themselves"),
        .error("slug with a division slash lookalike", page(b, "---\ntitle: B\nslug: a\u{2215}b\n---\nx\n"),
               "content/nb/b.md:3:7: error: slug 'a\u{2215}b' may contain only letters, digits, '-', '_', '.' and '~'"),
        .error("absolute slug", page(b, "---\ntitle: B\nslug: '/etc/passwd'\n---\nx\n"),
               "content/nb/b.md:3:7: error: slug '/etc/passwd' must be a single URL segment without / or \\"),
        .error("slug with backslashes", page(b, "---\ntitle: B\nslug: 'x\\..\\..\\y'\n---\nx\n"),
               "content/nb/b.md:3:7: error: slug 'x\\..\\..\\y' must be a single URL segment without / or \\"),
        .error("slug of three dots", page(b, "---\ntitle: B\nslug: '...'\n---\nx\n"),
               "content/nb/b.md:3:7: error: slug '...' cannot start with a dot"),
        .error("slug with a right-to-left override", page(b, "---\ntitle: B\nslug: \"ab\\u202Ecod.exe\"\n---\nx\n"),
               "content/nb/b.md:3:7: error: slug 'ab\u{202E}cod.exe' may contain only letters, digits, '-', '_', '.' and '~'"),
        .error("link climbing out of the language folder", link("../../a.md"),
               "content/nb/b.md:4:1: error: link '../../a.md' leaves the nb folder"),
        .error("link with upper-case %2E%2E", link("%2E%2E/%2e%2E/x.md"),
               "content/nb/b.md:4:1: error: link '%2E%2E/%2e%2E/x.md' leaves the nb folder"),
        .error("link with encoded slashes", link("..%2f..%2fx.md"),
               "content/nb/b.md:4:1: error: link '..%2f..%2fx.md' leaves the nb folder"),
        .error("link with encoded backslashes", link("..%5c..%5cx.md"),
               "content/nb/b.md:4:1: error: link '..%5c..%5cx.md' contains a backslash or control character"),
        .error("language-rooted link that climbs out", link("/nb/../../x.md"),
               "content/nb/b.md:4:1: error: link '/nb/../../x.md' leaves the nb folder"),
        .error("absolute file-system path stays inside the language folder", link("/etc/passwd.md"),
               "content/nb/b.md:4:1: error: link target '/etc/passwd.md' does not exist: no page etc/passwd.md in any language"),
        .error("site-rooted link above the site root", link("/../../etc/passwd"),
               "content/nb/b.md:4:1: error: link '/../../etc/passwd' climbs above the site root"),
        .error("link with an encoded NUL", link("a%00.md"),
               "content/nb/b.md:4:1: error: link 'a%00.md' contains a backslash or control character"),
        .error("link with a percent sign that is no escape: a literal %, as in a browser", link("a%zz.md"),
               "content/nb/b.md:4:1: error: link target 'a%zz.md' does not exist: no page a%zz.md in any language"),
        .error("link to a page with a %-escape that is not UTF-8", link("a%FF.md"),
               "content/nb/b.md:4:1: error: link 'a%FF.md' has a %-escape that is not UTF-8"),
        .error("site-rooted link that climbs with encoded backslashes", link("/a%5C..%5C..%5Cetc/passwd"),
               "content/nb/b.md:4:1: error: link '/a%5C..%5C..%5Cetc/passwd' climbs above the site root"),
        .error("reference definition that climbs out", page(b, "---\ntitle: B\n---\n[x][r]\n\n[r]: ../../../x.md\n"),
               "content/nb/b.md:4:1: error: link '../../../x.md' leaves the nb folder"),
        .error("image that climbs out", page(b, "---\ntitle: B\n---\n![x](../../../etc/passwd.md)\n"),
               "content/nb/b.md:4:1: error: link '../../../etc/passwd.md' leaves the nb folder"),
        .error("link with an escape character from a character reference", matching: [
            .located("content/nb/b.md:4:1: error: link '", mentioning: ["contains a backslash or control character"]),
        ]).with(link("<a&#27;[2J.md>")),
    ]

    // Two sources for one output path.
    static let collisionCases: [BadInput] = [
        .error("page and folder index both become /nb/guide/", { site in
            try site.write("content/nb/guide.md", "---\ntitle: G\n---\nx\n")
            try site.write("content/nb/guide/index.md", "---\ntitle: GI\n---\nx\n")
        }, "content/nb/guide/index.md:1:1: error: content/nb/guide/index.md and content/nb/guide.md both become /nb/guide/"),
        .error("folder slug renamed onto a page", { site in
            try site.write("content/nb/x/index.md", "---\ntitle: X\nslug: y\n---\nx\n")
            try site.write("content/nb/y.md", "---\ntitle: Y\n---\nx\n")
        }, "content/nb/y.md:1:1: error: content/nb/y.md and content/nb/x/index.md both become /nb/y/"),
        .error("NFC and NFD spellings of one file name", { site in
            try site.write("content/nb/caf\u{E9}.md", "---\ntitle: NFC\n---\nx\n")
            try site.write("content/nb/cafe\u{301}.md", "---\ntitle: NFD\n---\nx\n")
        }, "content/nb/café.md:1:1: error: content/nb/café.md and content/nb/café.md both become /nb/caf%C3%A9/"),
        .error("slug 404.html collides with the language's 404 page", matching: [
            .located("content/nb/b.md:", mentioning: [": error: ", "404.html"]),
        ]).with(page(b, "---\ntitle: B\nslug: 404.html\n---\nx\n")),
        .error("slug index.html collides with the language home", matching: [
            .located("content/nb/b.md:", mentioning: [": error: ", "index.html"]),
        ]).with(page(b, "---\ntitle: B\nslug: index.html\n---\nx\n")),
        .error("statusDashboard written over a page", matching: [
            .located("content/site.yaml:5:18: error: ", mentioning: ["statusDashboard"]),
        ]).with(config(header + "statusDashboard: nb/a/index.html\n")),
        .error("statusDashboard written over the root language chooser", matching: [
            .located("content/site.yaml:5:18: error: ", mentioning: ["statusDashboard"]),
        ]).with(config(header + "statusDashboard: index.html\n")),
    ]

    // Symbolic links.
    static let symlinkCases: [BadInput] = [
        .error("symlink to /etc/passwd", symlink("content/nb/pw.md", to: "/etc/passwd"),
               "content/nb/pw.md: error: symbolic link points outside the content folder (to /etc/passwd)"),
        .error("symlinked folder outside the content folder", { site in
            try site.write("outside/o.md", "---\ntitle: O\n---\nx\n")
            try FileManager.default.createSymbolicLink(atPath: site.path("content/nb/ext"), withDestinationPath: "../../outside")
        }, "content/nb/ext: error: symbolic link points outside the content folder (to outside)"),
        .error("symlink into a sibling folder whose name starts like content", { site in
            try site.write("content2/o.md", "---\ntitle: O\n---\nx\n")
            try FileManager.default.createSymbolicLink(atPath: site.path("content/nb/o.md"), withDestinationPath: "../../content2/o.md")
        }, "content/nb/o.md: error: symbolic link points outside the content folder (to content2/o.md)"),
        .error("two symlinks pointing at each other", { site in
            try FileManager.default.createSymbolicLink(atPath: site.path("content/nb/b.md"), withDestinationPath: "c.md")
            try FileManager.default.createSymbolicLink(atPath: site.path("content/nb/c.md"), withDestinationPath: "b.md")
        }, "content/nb/b.md: error: symbolic link is broken or loops",
           "content/nb/c.md: error: symbolic link is broken or loops"),
        .error("dangling symlink", symlink("content/nb/gone.md", to: "missing.md"),
               "content/nb/gone.md: error: symbolic link is broken or loops"),
        .error("symlinked language folder at the top of content", symlink("content/no", to: "nb"),
               "content/no: error: symbolic links are not followed at the top of the content folder"),
        .accepted("symlink to a page inside content is followed", symlink("content/nb/shared.md", to: "../en/a.md")) { site in
            let html = try site.read("public/nb/shared/index.html")
            #expect(html.contains("<h1>A</h1>"))
        },
    ]

    // Language folders and site.yaml.
    static let configCases: [BadInput] = [
        .error("language folder in the wrong case", page("content/EN/index.md", "---\ntitle: X\n---\n"),
               "content/EN: error: folder 'EN' is not a language listed in site.yaml; did you mean 'en'?"),
        .error("language folder with an underscore region", page("content/nb_NO/index.md", "---\ntitle: X\n---\n"),
               "content/nb_NO: error: folder 'nb_NO' is not a language listed in site.yaml; expected one of: nb, en"),
        .error("missing site.yaml", { site in try FileManager.default.removeItem(atPath: site.path("content/site.yaml")) },
               "content/site.yaml: error: cannot read the site configuration; every site needs content/site.yaml with title, baseURL, defaultLanguage and languages"),
        .error("site.yaml is a list", config("- a\n- b\n"),
               "content/site.yaml:1:1: error: site.yaml must be a mapping of keys to values",
               "content/site.yaml:1:1: error: missing required key 'title'",
               "content/site.yaml:1:1: error: missing required key 'baseURL'",
               "content/site.yaml:1:1: error: missing required key 'languages'",
               "content/site.yaml:1:1: error: missing required key 'defaultLanguage'"),
        .error("site.yaml is empty", config(""),
               "content/site.yaml:1:1: error: missing required key 'title'",
               "content/site.yaml:1:1: error: missing required key 'baseURL'",
               "content/site.yaml:1:1: error: missing required key 'languages'",
               "content/site.yaml:1:1: error: missing required key 'defaultLanguage'"),
        .error("site.yaml: empty languages", config("title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages: []\n"),
               "content/site.yaml:4:12: error: languages must be a non-empty list of language codes, the default language first"),
        .error("site.yaml: language code with a space", config("title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages: [nb, \"en us\"]\n"),
               "content/site.yaml:4:17: error: 'en us' is not a BCP 47 language code such as nb, en or pt-BR"),
        .error("site.yaml: language listed twice", config("title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages: [nb, en, nb]\n"),
               "content/site.yaml:4:21: error: language 'nb' is listed twice: first at line 4, column 13"),
        .error("site.yaml: default language not first", config("title: T\nbaseURL: https://h.example/\ndefaultLanguage: en\nlanguages: [nb, en]\n"),
               "content/site.yaml:3:18: error: defaultLanguage 'en' must be the first entry of languages"),
        .error("site.yaml: baseURL with a query", config("title: T\nbaseURL: https://h.example/?a=1\ndefaultLanguage: nb\nlanguages: [nb, en]\n"),
               "content/site.yaml:2:10: error: baseURL must be an absolute http(s) URL without query or fragment, e.g. https://example.org/help/"),
        .error("site.yaml: loginURL with javascript:", config(header + "loginURL: javascript:alert(1)\n"),
               "content/site.yaml:5:11: error: 'loginURL' must be an http(s) URL or a path starting with /"),
        .error("site.yaml: contactFormEndpoint with spaces and javascript:", config(header + "contactFormEndpoint: \"  javascript:alert(1)\"\n"),
               "content/site.yaml:5:22: error: 'contactFormEndpoint' must be an http(s) URL or a path starting with /"),
        .error("site.yaml: unsafeHTML is not a boolean", config(header + "unsafeHTML: yes please\n"),
               "content/site.yaml:5:13: error: 'unsafeHTML' must be true or false"),
        .error("site.yaml: negative maxPageSize", config(header + "maxPageSize: -1\n"),
               "content/site.yaml:5:14: error: maxPageSize must be a positive number of bytes"),
        .error("site.yaml: tab-indented list", config("title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages:\n\t- nb\n"),
               "content/site.yaml:5:1: error: invalid YAML: found character that cannot start any token (while scanning for the next token)"),
        .error("site.yaml: language entries without code and with a bad direction", config("title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages: [nb, {name: English}, {code: en, direction: sideways}]\n"),
               "content/site.yaml:4:17: error: a language entry needs a 'code'",
               "content/site.yaml:4:56: error: direction must be ltr or rtl"),
        .error("site.yaml: statusDashboard outside the output", config(header + "statusDashboard: ../../x.html\n"),
               "content/site.yaml:5:18: error: statusDashboard must be a relative path ending in .html inside the output, outside the language folders and assets/ and not named index.html or 404.html, e.g. translation-status.html"),
    ]

    static let headerInclude = position(of: "{{> header}}", inShippedTemplate: "page.mustache")

    // Templates.
    static let templateCases: [BadInput] = [
        .error("partial with a mismatched section close", page("templates/partials/footer.mustache", "<footer>\n{{#site}}\n  {{/page}}\n</footer>\n"),
               "templates/partials/footer.mustache:3:6: error: template syntax error: section close name incorrect"),
        .error("template with an unfinished triple mustache", page("templates/404.mustache", "a\n {{{page.title}}\n"),
               "templates/404.mustache:2:17: error: template syntax error: unfinished name"),
        .error("include of a misspelt partial", { site in
            let path = site.path("templates/page.mustache")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "{{> header}}", with: "{{> heder}}").utf8).write(to: URL(fileURLWithPath: path))
        }, "templates/page.mustache:\(headerInclude.line):\(headerInclude.column): error: template 'page' includes partial 'heder', which does not exist; did you mean 'header'?"),
    ]

    // Bad command lines: exit status 2.
    static let usageCases: [BadInput] = [
        .usage("unknown diagnostics style", arguments: BadInput.build(["--diagnostics", "xml"]),
               "Error: The value 'xml' is invalid for '--diagnostics <diagnostics>'. Please provide one of 'plain' and 'github'."),
        .usage("misspelt option", arguments: BadInput.build(["--outptu", "x"]),
               "Error: Unknown option '--outptu'. Did you mean '--output'?"),
        .usage("--base-url with javascript:", arguments: BadInput.build(["--base-url", "javascript:alert(1)"]),
               "error: --base-url must be an absolute http(s) URL without query or fragment, e.g. https://example.org/help/"),
        .usage("--base-url that climbs with ..", arguments: BadInput.build(["--base-url", "https://h.example/a/../../"]),
               "error: --base-url must be an absolute http(s) URL without query or fragment, e.g. https://example.org/help/"),
        .usage("--output inside the content folder", arguments: { site in
            ["build", "--content", site.path("content"), "--templates", site.path("templates"), "--output", site.path("content/public")]
        }, "error: output folder content/public overlaps content; choose a folder of its own, such as public"),
        .usage("--output inside the templates' assets", arguments: { site in
            ["build", "--content", site.path("content"), "--templates", site.path("templates"), "--output", site.path("templates/assets")]
        }, "error: output folder templates/assets overlaps templates; choose a folder of its own, such as public"),
        .usage("--output is a regular file", page("notes.txt", "keep me"), arguments: { site in
            ["build", "--content", site.path("content"), "--templates", site.path("templates"), "--output", site.path("notes.txt")]
        }, "error: output notes.txt exists and is not a folder"),
    ]

    static let scriptTitle = "</title><script>alert(2)</script>"
    static let escapedScriptTitle = "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;"

    // Markup in titles, descriptions, names and URLs: escaped in every context.
    static let injectionCases: [BadInput] = [
        .accepted("markup in titles, descriptions, brand and language names", { site in
            try site.write("content/site.yaml", """
                title: "</title><script>alert(1)</script>"
                baseURL: https://help.example.org/
                defaultLanguage: nb
                languages: [{code: nb, name: "</script><b onmouseover=alert(5)>"}, en]
                brand: "\\" onfocus=\\"alert(7)"

                """)
            try site.write("content/nb/a.md", "---\ntitle: \"\(scriptTitle)\"\ndescription: \"\\\" onfocus=\\\"alert(3)\\\" x=\\\"</script>\"\n---\n## </h2><script>alert(8)</script>\n")
        }) { site in
            let html = try site.read("public/nb/a/index.html")
            #expect(html.contains("<title>\(escapedScriptTitle) – &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
            #expect(html.contains("<meta name=\"description\" content=\"&quot; onfocus=&quot;alert(3)&quot; x=&quot;&lt;/script&gt;\">"))
            #expect(html.contains("<h1>\(escapedScriptTitle)</h1>"))
            let root = try site.read("public/index.html")
            #expect(root.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
            #expect(count("</script", in: root.lowercased()) == 1, "the root page's only </script> must close its own script")
            #expect(isWellFormedXML(try site.read("public/sitemap.xml")))
            for (file, text) in try allHTML(site) {
                #expect(!text.contains("<script>alert"), "\(file)")
                #expect(!text.contains("\" onfocus=\"alert"), "\(file)")
                #expect(!text.contains("<b onmouseover"), "\(file)")
            }
        },
        .accepted("</script> in the baseURL path: root JSON, canonical and sitemap", config("""
            title: T
            baseURL: "https://help.example.org/x</script><script>alert(6)<!--/"
            defaultLanguage: nb
            languages: [nb, en]

            """)) { site in
            let root = try site.read("public/index.html")
            #expect(count("</script", in: root.lowercased()) == 1, "the root page's only </script> must close its own script")
            let script = root.components(separatedBy: "<script>").dropFirst().first?.components(separatedBy: "</script>").first ?? ""
            #expect(script.contains("\"url\":\"/x\\u003c/script\\u003e\\u003cscript\\u003ealert(6)\\u003c!--/nb/\""), "\(script)")
            #expect(!script.contains("<!--"))
            let sitemap = try site.read("public/sitemap.xml")
            #expect(sitemap.contains("<loc>https://help.example.org/x&lt;/script&gt;&lt;script&gt;alert(6)&lt;!--/nb/a/</loc>"))
            #expect(isWellFormedXML(sitemap))
            let page = try site.read("public/nb/a/index.html")
            #expect(page.contains("<link rel=\"canonical\" href=\"https://help.example.org/x&lt;/script&gt;&lt;script&gt;alert(6)&lt;!--/nb/a/\">"))
            for (file, text) in try allHTML(site) {
                #expect(!text.contains("<script>alert"), "\(file)")
            }
        },
        .accepted("markup and ampersands in a file name: sitemap and links", { site in
            try site.write("content/nb/x&y'\"<z>.md", "---\ntitle: Q\n---\nq\n")
            try site.write("content/nb/a.md", "---\ntitle: A\n---\n[q](x%26y'%22%3Cz%3E.md)\n")
        }) { site in
            let sitemap = try site.read("public/sitemap.xml")
            #expect(isWellFormedXML(sitemap), "\(sitemap)")
            #expect(!sitemap.contains("<z>"))
            let html = try site.read("public/nb/a/index.html")
            let target = href(ofLinkWithText: "q", in: article(html))
            #expect(target != nil && !(target ?? "").contains("<") && !(target ?? "").contains("\""), "\(target ?? "nil")")
            for (file, text) in try allHTML(site) {
                #expect(!text.contains("<z>"), "\(file)")
            }
        },
        .accepted("attribute injection through a {#custom-id}", page(b, "---\ntitle: B\n---\n## Hi {#x\" onfocus=\"alert(9)}\n")) { site in
            let body = article(try site.read("public/nb/b/index.html"))
            #expect(!body.contains("\" onfocus"), "\(body)")
            #expect(!body.contains(" onfocus=\""), "\(body)")
        },
        .accepted("markup in strings.yaml", page("content/nb/strings.yaml", "backToHome: \"</a><script>alert(10)</script>\"\n")) { site in
            let html = try site.read("public/nb/a/index.html")
            #expect(html.contains("&lt;/a&gt;&lt;script&gt;alert(10)&lt;/script&gt;"))
            #expect(!html.contains("<script>alert(10)"))
        },
    ]

    // A fact is written once and shown in every language: a script URL there is refused, not dropped.
    static let factCases: [BadInput] = [
        .error("javascript: website in facts.yaml", { site in
            try site.write("content/facts.yaml", "arn:\n  name: ARN\n  website: javascript:alert(1)\n")
            try site.write("content/nb/a.md", "---\ntitle: A\n---\nx\n\n::: contact arn\n")
        }, "content/facts.yaml:3:12: error: website must be an http(s) URL"),
    ]

    // javascript:, vbscript: and data: in every spelling: the link stays, the href is empty.
    static let dangerousLinkCases: [BadInput] = [
        droppedLink("plain javascript:", "javascript:alert(1)"),
        droppedLink("mixed case", "JaVaScRiPt:alert(1)"),
        droppedLink("leading spaces", "< javascript:alert(1)>"),
        droppedLink("tab character reference inside", "jav&#x09;ascript:alert(1)"),
        droppedLink("&Tab; inside", "java&Tab;script:alert(1)"),
        droppedLink("newline character reference inside", "java&#10;script:alert(1)"),
        droppedLink("carriage return character reference inside", "jav&#x0D;ascript:alert(1)"),
        droppedLink("leading tab character reference", "&#9;javascript:alert(1)"),
        droppedLink("leading control character reference", "&#1;javascript:alert(1)"),
        droppedLink("leading space character reference", "&#x20;javascript:alert(1)"),
        droppedLink("decimal character reference for j", "&#106;avascript:alert(1)"),
        droppedLink("hex character reference for j", "&#x6A;avascript:alert(1)"),
        droppedLink("&colon;", "javascript&colon;alert(1)"),
        droppedLink("javascript:// comment trick", "javascript://%0aalert(1)"),
        droppedLink("vbscript:", "vbscript:msgbox(1)"),
        droppedLink("vbscript: mixed case", "VbScRiPt:msgbox(1)"),
        droppedLink("data:text/html base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        droppedLink("DATA:text/html upper case", "DATA:text/html,x"),
        droppedLink("data:text/html after spaces, mixed case", "<  DaTa:text/html,x>"),
        droppedLink("file:", "file:///etc/passwd"),
        droppedLink("reference definition", "", markdown: "[x][r]\n\n[r]: javascript:alert(1)"),
        droppedLink("autolink", "", text: "javascript:alert(1)", markdown: "<javascript:alert(1)>"),
        .accepted("dangerous link dropped: raw <a href=javascript:>", page(b, "---\ntitle: B\n---\n<a href=\"javascript:alert(1)\">x</a>\n")) { site in
            let html = try site.read("public/nb/b/index.html")
            #expect(article(html).contains("<!-- raw HTML omitted -->"))
            #expect(dangerousURLs(in: html).isEmpty, "\(dangerousURLs(in: html))")
        },
        droppedImage("data:image/svg+xml", "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"),
        droppedImage("data:text/html", "data:text/html,x"),
        droppedImage("javascript:", "JAVASCRIPT:alert(1)"),
    ]

    // Unreadable files and folders (skipped as root).
    static let unreadableCases: [BadInput] = [
        .error("unreadable page", { site in
            try site.write("content/nb/secret.md", "---\ntitle: S\n---\nx\n")
            chmod(site.path("content/nb/secret.md"), 0)
        }, "content/nb/secret.md: error: cannot read content/nb/secret.md: Permission denied"),
        .error("unreadable folder", { site in
            try site.write("content/nb/locked/p.md", "---\ntitle: S\n---\nx\n")
            chmod(site.path("content/nb/locked"), 0)
        }, "content/nb/locked: error: cannot open folder content/nb/locked: Permission denied"),
    ]

    /// "Billion laughs": nine levels of nine aliases. Any bounded error is fine; a hang or a crash is not.
    static func aliasBomb(inKey: Bool) -> String {
        var levels = ["&a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
        let names = "abcdefghi".map(String.init)
        for index in 1..<names.count {
            levels.append("&\(names[index]) [" + Array(repeating: "*" + names[index - 1], count: 9).joined(separator: ",") + "]")
        }
        let tree = "[" + levels.joined(separator: ", ") + "]"
        return inKey ? "---\ntitle: A\ndescription: \(tree)\n? *i\n: x\n---\nx\n" : "---\ntitle: \(tree)\n---\nx\n"
    }

    static let aliasBombCases: [BadInput] = [
        .error("YAML alias bomb as a value", page(b, aliasBomb(inKey: false)),
               matching: [.located("content/nb/b.md:", mentioning: [": error: "])], timeLimit: .seconds(10)),
        .error("YAML alias bomb as a mapping key", page(b, aliasBomb(inKey: true)),
               matching: [.located("content/nb/b.md:", mentioning: [": error: "])], timeLimit: .seconds(10)),
    ]

    // MARK: - Pathological Markdown

    static let pathologicalHeader = "---\ntitle: P\n---\n"

    static let pathologicalLimit = 262_144

    /// Bodies after cmark's test/pathological_tests.py and its security fixes, filled to just under the limit.
    static func pathologicalBodies(limit: Int = pathologicalLimit) -> [(String, String)] {
        let room = limit - pathologicalHeader.utf8.count - 16
        func fill(_ unit: String, prefix: String = "", suffix: String = "") -> String {
            prefix + String(repeating: unit, count: (room - prefix.utf8.count - suffix.utf8.count) / unit.utf8.count) + suffix
        }
        let half = room / 2
        let strong = room / 14
        let brackets = room / 2 - 1
        var backticks = "", run = 1
        while backticks.utf8.count + run + 1 < room { backticks += "e" + String(repeating: "`", count: run); run += 1 }
        var references = "", number = 0
        while references.utf8.count < room - 40_000 { references += "[\(number)]: u\n"; number += 1 }
        references += String(repeating: "[0] ", count: 9_000)
        let nestedLinks = (room - 10) / 7
        return [
            ("![[]() repeated", fill("![[]()")),
            ("> runs then a* runs", String(repeating: ">", count: half) + String(repeating: "a*", count: (room - half) / 2)),
            ("- runs", fill("- ", suffix: "a")),
            ("* runs", fill("* ", suffix: "a")),
            ("[ (]( repeated", fill("[ (](")),
            ("nested strong emph", String(repeating: "*a **a ", count: strong) + "b" + String(repeating: " a** a*", count: strong)),
            ("emph closers without openers", fill("a_ ")),
            ("emph openers without closers", fill("_a ")),
            ("link closers without openers", fill("a]")),
            ("link openers without closers", fill("[a")),
            ("mismatched openers and closers", fill("*a_ ")),
            ("openers and closers multiple of 3", fill("c* ", prefix: "a**b")),
            ("link openers and emph closers", fill("[ a_")),
            ("nested brackets", String(repeating: "[", count: brackets) + "a" + String(repeating: "]", count: brackets)),
            ("nested links", String(repeating: "[", count: nestedLinks) + "foo" + String(repeating: "](bar)", count: nestedLinks)),
            ("> runs with spaces", fill("> ", suffix: "a")),
            ("backticks", backticks),
            ("unclosed links <", fill("[a](<b")),
            ("unclosed links", fill("[a](b")),
            ("unclosed HTML comments", fill("<!--", prefix: "a")),
            ("many references", references),
            ("nesting at the limit, then a* runs", String(repeating: ">", count: 100) + " " + String(repeating: "a*", count: (room - 101) / 2)),
            ("999 open ![ per paragraph", String(repeating: String(repeating: "![[]()", count: 999) + "\n\n", count: room / 5996)),
            ("nested images, 999 deep per paragraph, inside 100 block quotes", String(repeating: String(repeating: ">", count: 100) + " "
                + String(repeating: "![", count: 999) + "a" + String(repeating: "](b)", count: 999) + "\n\n", count: room / 6100)),
            ("nested block directives", String(repeating: "::: note\n\n", count: room / 15) + String(repeating: ":::\n\n", count: room / 15)),
        ]
    }
}

extension BadInput {
    /// The same case with another change, for cases built with `matching:` before their input.
    func with(_ change: @escaping @Sendable (FixtureSite) throws -> Void) -> BadInput {
        var copy = self
        copy.change = change
        return copy
    }
}

extension BadInput {
    static func error(_ name: String, matching lines: [ErrorLine]) -> BadInput {
        BadInput(name: name, change: { _ in }, expected: .fails(1, lines))
    }
}
