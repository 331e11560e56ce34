import HelpCore
import HelpTemplates

/// Stage "render" setup: every `.mustache` file of the theme (outside `assets/`), parsed once.
/// A template is named by its file name without extension, wherever it sits (`partials/head.mustache` is `head`).
package struct TemplateLibrary: Sendable {
    package static let requiredTemplates = ["page", "root", "404"]
    /// Templates rendered with a context of their own rather than a page's.
    package static let fragmentTemplates = ["root", "contact-card", "navigation", "switcher-links", "alternates", "redirect"]

    package let sources: [String: TemplateCompiler.Source]
    package var names: Set<String> { Set(sources.keys) }
    /// Every `strings.<key>` a template uses, with where it is first used.
    package let stringReferences: [(key: String, location: FileLocation)]

    package static let empty = TemplateLibrary(sources: [:], stringReferences: [])

    package func has(_ name: String) -> Bool { sources[name] != nil }

    /// Templates no other template includes: the page layouts (`page`, `home`, `404`, `contact`, …).
    package var layoutNames: [String] {
        var included: Set<String> = []
        func collect(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .partial(let name, _, _): included.insert(name)
                case .section(_, _, let body, _): collect(body)
                case .text, .variable: break
                }
            }
        }
        for source in sources.values { collect(source.nodes) }
        let roots = sources.keys.filter { !included.contains($0) && !Self.fragmentTemplates.contains($0) }
        return Array(Set(roots).union(["page", "404", "home"].filter { sources[$0] != nil })).sorted()
    }

    package static func load(from theme: Theme) throws -> TemplateLibrary {
        var log = DiagnosticLog()
        var parsed: [String: TemplateCompiler.Source] = [:]
        var sources: [String: (display: String, text: String)] = [:]
        /// Templates that exist but could not be read or parsed: already reported, so not "missing" too.
        var broken: Set<String> = []
        for file in theme.templates {
            guard let templateName = file.templateName else { continue }
            let text: String
            do { text = try file.text(stage: .render) } catch {
                log.append(error.diagnostic)
                broken.insert(templateName)
                continue
            }
            if let existing = sources[templateName] {
                log.append(.error(.render, FileLocation(file: file.display), "template name '\(templateName)' is also used by \(existing.display)"))
                continue
            }
            do {
                parsed[templateName] = TemplateCompiler.Source(nodes: try TemplateParser.parse(text), file: file.display)
                sources[templateName] = (file.display, text)
            } catch {
                broken.insert(templateName)
                log.append(.error(.render, FileLocation(file: file.display, line: error.position.line, column: error.position.column),
                                  "template syntax error: \(error.message)"))
            }
        }
        for required in requiredTemplates where parsed[required] == nil && !broken.contains(required) {
            log.append(.error(.render, nil, "missing template \(required).mustache"))
        }
        for (name, (display, text)) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in PartialReferences.find(in: text) where parsed[reference.name] == nil && !broken.contains(reference.name) {
                log.append(.error(.render, FileLocation(file: display, line: reference.line, column: reference.column),
                                  "template '\(name)' includes partial '\(reference.name)', which does not exist" + Suggestions.didYouMean(reference.name, in: sources.keys.sorted())))
            }
        }
        try log.checkpoint()
        var references: [String: FileLocation] = [:]
        for (_, (display, text)) in sources.sorted(by: { $0.key < $1.key }) {
            for (key, line, column) in StringReferences.find(in: text) where references[key] == nil {
                references[key] = FileLocation(file: display, line: line, column: column)
            }
        }
        return TemplateLibrary(sources: parsed, stringReferences: references.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}

/// `{{> name}}` and `{{< name}}` tags in a template's text, with positions, since swift-mustache renders
/// a missing partial as nothing instead of failing.
package enum PartialReferences {
    package struct Reference: Equatable {
        package var name: String
        package var line: Int
        package var column: Int
    }

    package static func find(in text: String) -> [Reference] {
        var references: [Reference] = []
        let bytes = Array(text.utf8)
        var line = 1, lineStart = 0
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1; lineStart = index + 1 }
            if bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{"),
               bytes[index + 2] == UInt8(ascii: ">") || bytes[index + 2] == UInt8(ascii: "<") {
                var cursor = index + 3
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                let start = cursor
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "}"), bytes[cursor] != UInt8(ascii: " ") { cursor += 1 }
                let name = String(decoding: bytes[start..<cursor], as: UTF8.self)
                if !name.isEmpty && !name.hasPrefix("*") {
                    let column = bytes[lineStart..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                    references.append(Reference(name: name, line: line, column: column))
                }
                index = cursor
                continue
            }
            index += 1
        }
        return references
    }
}

/// `strings.key` inside Mustache tags, so a key every template relies on is checked against the source language.
package enum StringReferences {
    package static func find(in text: String) -> [(key: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let range = rest.range(of: "strings.") {
                let before = rest[..<range.lowerBound].last
                let key = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                if before == "{" || before == " " || before == "#" || before == "^" || before == "/" || before == "&", !key.isEmpty {
                    found.append((String(key), lineIndex + 1, line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1))
                }
                rest = rest[range.upperBound...]
            }
        }
        return found
    }
}
