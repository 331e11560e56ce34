import Yams

/// Reads YAML with Yams and reports problems at their position in the whole file,
/// not in the YAML block (front matter starts on the file's second line).
struct YAMLReader {
    let file: String
    /// Lines of the file before the YAML text.
    let lineOffset: Int
    let stage: BuildStage

    func compose(_ text: String) throws(DiagnosticError) -> Node? {
        do {
            // An explicit encoding: the default one reads the environment on every call.
            return try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            throw DiagnosticError(diagnostic(for: error, in: text))
        } catch {
            throw DiagnosticError(.error(stage, FileLocation(file: file, line: lineOffset + 1, column: 1), "invalid YAML: \(error)"))
        }
    }

    func location(of node: Node) -> FileLocation {
        guard let mark = node.mark else { return FileLocation(file: file, line: lineOffset + 1, column: 1) }
        return FileLocation(file: file, line: lineOffset + mark.line, column: mark.column)
    }

    func fileStart() -> FileLocation { FileLocation(file: file, line: 1, column: 1) }

    func error(at node: Node, _ message: String) -> Diagnostic { .error(stage, location(of: node), message) }

    /// Checks that the document is a mapping of known keys; returns its pairs keyed by name.
    func mapping(_ node: Node?, allowedKeys: [String], what: String, log: inout DiagnosticLog) -> [(key: String, keyNode: Node, value: Node)] {
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

    func string(_ node: Node, key: String, log: inout DiagnosticLog) -> String? {
        guard let scalar = node.scalar else {
            log.append(error(at: node, "'\(key)' must be text"))
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node, key: String, log: inout DiagnosticLog) -> Int? {
        guard let value = node.int else {
            log.append(error(at: node, "'\(key)' must be a whole number"))
            return nil
        }
        return value
    }

    func bool(_ node: Node, key: String, log: inout DiagnosticLog) -> Bool? {
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
            return at(mark, "invalid YAML: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return at(context.mark, "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case let .reader(problem, offset, _, _):
            let position = Self.position(ofCharacterOffset: offset ?? 0, in: text)
            return at(line: position.line, column: position.column, "invalid YAML: \(problem)")
        default:
            return .error(stage, FileLocation(file: file, line: lineOffset + 1, column: 1), "invalid YAML: \(error)")
        }
    }

    private static func position(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// A single diagnostic thrown through typed throws.
public struct DiagnosticError: Error, Sendable, Equatable {
    public var diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
