/// The named steps of a build; each diagnostic carries the one that raised it.
public enum BuildStage: String, Sendable, Hashable {
    case loadConfig = "load config"
    case discover
    case parse
    case index
    case resolveLinks = "resolve links"
    case render
    case write
}

public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var stage: BuildStage
    /// The path as the user would type it, e.g. `content/de/arn.md`.
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String
    /// Related places, printed after the diagnostic as `file:line:col: note: …` lines.
    public var notes: [Note] = []

    /// A place related to a diagnostic, such as where a parser noticed a problem whose cause lies earlier.
    public struct Note: Sendable, Hashable, CustomStringConvertible {
        public var location: FileLocation
        public var message: String

        public init(_ location: FileLocation, _ message: String) {
            self.location = location
            self.message = Diagnostic.printable(message)
        }

        public var description: String {
            Diagnostic.prefix(file: location.file, line: location.line, column: location.column) + "note: \(message)"
        }
    }

    public init(_ severity: Severity, _ stage: BuildStage, file: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.stage = stage
        self.file = file
        self.line = line
        self.column = column
        self.message = Diagnostic.printable(message)
    }

    /// The same diagnostic with a note added.
    public func with(note message: String, at location: FileLocation) -> Diagnostic {
        var copy = self
        copy.notes.append(Note(location, message))
        return copy
    }

    /// Control characters shown as escapes, so a message is one line and cannot drive the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    public static func error(_ stage: BuildStage, _ location: FileLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.error, stage, file: location?.file, line: location?.line, column: location?.column, message)
    }

    public static func warning(_ stage: BuildStage, _ location: FileLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.warning, stage, file: location?.file, line: location?.line, column: location?.column, message)
    }

    /// `file:line:column: severity: message`, the form compilers print and editors and CI annotate.
    public var headline: String {
        let where_ = file == nil ? "[\(stage.rawValue)] " : ""
        return Self.prefix(file: file, line: line, column: column) + "\(severity.rawValue): \(where_)\(message)"
    }

    /// The headline, then one line per note.
    public var description: String {
        ([headline] + notes.map(\.description)).joined(separator: "\n")
    }

    static func prefix(file: String?, line: Int?, column: Int?) -> String {
        guard let file else { return "" }
        var prefix = file
        if let line {
            prefix += ":\(line)"
            if let column { prefix += ":\(column)" }
        }
        return prefix + ": "
    }
}

public struct FileLocation: Sendable, Hashable {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// Thrown when a build cannot produce a site; carries every problem found, not just the first.
public struct BuildFailure: Error, Sendable, Equatable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Collects the diagnostics of one stage; stops the build after the stage when it holds an error.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public mutating func append(contentsOf more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Throws everything collected so far when any of it is an error.
    public func checkpoint() throws {
        if hasErrors { throw BuildFailure(Self.sorted(diagnostics)) }
    }

    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let l = lhs.element, r = rhs.element
            if (l.file ?? "") != (r.file ?? "") { return (l.file ?? "") < (r.file ?? "") }
            if (l.line ?? 0) != (r.line ?? 0) { return (l.line ?? 0) < (r.line ?? 0) }
            if (l.column ?? 0) != (r.column ?? 0) { return (l.column ?? 0) < (r.column ?? 0) }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
