import Yams

/// Reads YAML with Yams and reports problems at their position in the whole file,
/// not in the YAML block (front matter starts on the file's second line).
package struct YAMLReader {
    package let file: String
    /// Lines of the file before the YAML text.
    package let lineOffset: Int
    package let stage: BuildStage

    package init(file: String, lineOffset: Int, stage: BuildStage) {
        self.file = file
        self.lineOffset = lineOffset
        self.stage = stage
    }

    package func compose(_ text: String) throws(DiagnosticError) -> Node? {
        // Anchors and aliases buy nothing in front matter and settings, and expanding them is how
        // a few lines of YAML ask for gigabytes ("billion laughs"): refuse them before parsing.
        if let alias = YAMLAliases.first(in: text) {
            throw DiagnosticError(.error(stage, FileLocation(file: file, line: lineOffset + alias.line, column: alias.column),
                                         "YAML anchors and aliases (&name, *name) are not allowed here; write the value out"))
        }
        do {
            // An explicit encoding: the default one reads the environment on every call. The basic resolver:
            // values are read by what the code asks for (`node.int`, `node.string`), never by an implicit tag, so
            // the default resolver's regular expressions on every scalar would buy nothing.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw DiagnosticError(diagnostic(for: error, in: text))
        } catch {
            throw DiagnosticError(.error(stage, FileLocation(file: file, line: lineOffset + 1, column: 1), "invalid YAML: \(error)"))
        }
    }

    package func location(of node: Node) -> FileLocation {
        guard let mark = node.mark else { return FileLocation(file: file, line: lineOffset + 1, column: 1) }
        return FileLocation(file: file, line: lineOffset + mark.line, column: mark.column)
    }

    package func fileStart() -> FileLocation { FileLocation(file: file, line: 1, column: 1) }

    package func error(at node: Node, _ message: String) -> Diagnostic { .error(stage, location(of: node), message) }

    /// Checks that the document is a mapping of known keys; returns its pairs keyed by name.
    package func mapping(_ node: Node?, allowedKeys: [String], what: String, log: inout DiagnosticLog) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        guard let mapping = node.mapping else {
            log.append(error(at: node, "\(what) must be a mapping of keys to values"))
            return []
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                log.append(error(at: keyNode, "\(what) keys must be plain words"))
                continue
            }
            guard allowedKeys.contains(key) else {
                log.append(error(at: keyNode, "unknown key '\(key)' in \(what)" + Suggestions.didYouMean(key, in: allowedKeys)))
                continue
            }
            pairs.append((key, keyNode, value))
        }
        return pairs
    }

    package func string(_ node: Node, key: String, log: inout DiagnosticLog) -> String? {
        guard let scalar = node.scalar else {
            log.append(error(at: node, "'\(key)' must be text"))
            return nil
        }
        return scalar.string
    }

    package func int(_ node: Node, key: String, log: inout DiagnosticLog) -> Int? {
        guard let value = node.int else {
            log.append(error(at: node, "'\(key)' must be a whole number"))
            return nil
        }
        return value
    }

    package func bool(_ node: Node, key: String, log: inout DiagnosticLog) -> Bool? {
        guard let value = node.bool else {
            log.append(error(at: node, "'\(key)' must be true or false"))
            return nil
        }
        return value
    }

    private func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
        func at(_ mark: Mark, _ message: String) -> Diagnostic {
            at(line: mark.line, column: mark.column, message)
        }
        func at(line: Int, column: Int, _ message: String) -> Diagnostic {
            .error(stage, FileLocation(file: file, line: lineOffset + line, column: column), message)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            // libyaml notices an unclosed `[`, `{` or quote only where the text ends; the cause is the opener.
            if let context, Self.isOpenedConstruct(context.text), context.mark.line != mark.line || context.mark.column != mark.column {
                return at(context.mark, "invalid YAML: \(problem)\(detail)")
                    .with(note: "the YAML parser noticed the problem here", at: FileLocation(file: file, line: lineOffset + mark.line, column: mark.column))
            }
            return at(mark, "invalid YAML: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let second = YAMLAliases.secondOccurrence(ofKey: key, in: text)
            return at(line: second?.line ?? context.mark.line, column: second?.column ?? context.mark.column,
                      "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case let .reader(problem, offset, _, _):
            let position = Self.position(ofByteOffset: offset ?? 0, in: text)
            return at(line: position.line, column: position.column, "invalid YAML: \(problem)")
        default:
            return .error(stage, FileLocation(file: file, line: lineOffset + 1, column: 1), "invalid YAML: \(error)")
        }
    }

    /// Contexts whose mark is the opening of something the problem shows was never closed.
    private static func isOpenedConstruct(_ context: String) -> Bool {
        ["flow sequence", "flow mapping", "quoted scalar", "simple key"].contains { context.hasSuffix($0) }
    }

    /// libyaml's reader gives a byte offset; columns are counted in Unicode scalars, as everywhere.
    private static func position(ofByteOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1, bytes = 0
        for scalar in text.unicodeScalars {
            bytes += UTF8.width(scalar)
            guard bytes <= offset else { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// A single diagnostic thrown through typed throws.
public struct DiagnosticError: Error, Sendable, Equatable {
    public var diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}

/// A plain scan for what the YAML reader must not see; quoted text and comments are skipped.
package enum YAMLAliases {
    /// The first `&anchor` or `*alias` outside quotes and comments.
    package static func first(in text: String) -> (line: Int, column: Int)? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var quote: Unicode.Scalar?
            var previous: Unicode.Scalar = " "
            var column = 0
            var characters = line.unicodeScalars.makeIterator()
            while let character = characters.next() {
                column += 1
                defer { previous = character }
                if let open = quote {
                    if character == open { quote = nil }
                    continue
                }
                if character == "\"" || character == "'" {
                    if " :[{,-?".unicodeScalars.contains(previous) || column == 1 { quote = character }
                    continue
                }
                if character == "#" && (previous == " " || column == 1) { break }
                if (character == "&" || character == "*") && (column == 1 || " [{,:-?".unicodeScalars.contains(previous)) {
                    var next = characters
                    if let following = next.next(), following.properties.isAlphabetic || following.properties.numericType != nil || following == "_" || following == "-" {
                        return (index + 1, column)
                    }
                }
            }
        }
        return nil
    }

    /// Where a key is written for the second time at the start of a line (after indentation).
    package static func secondOccurrence(ofKey key: String, in text: String) -> (line: Int, column: Int)? {
        var seen = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard rest.hasPrefix(key) else { continue }
            let after = rest.dropFirst(key.count).drop { $0 == " " }
            guard after.hasPrefix(":") else { continue }
            seen += 1
            if seen == 2 { return (index + 1, indent + 1) }
        }
        return nil
    }
}
