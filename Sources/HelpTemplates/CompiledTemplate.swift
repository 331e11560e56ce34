import HelpCore
import HelpMarkdown
import Synchronization

/// A template resolved against the schemas of its context: every name is a field read, found when the
/// template is loaded, so rendering does no name lookup and no dynamic casts.
package final class CompiledTemplate: Sendable {
    // Filled after the template object exists, because a recursive partial refers to its own template; read
    // once per render of the template, so the lock is not on the hot path.
    private let filled = Mutex<[Step]>([])

    package var steps: [Step] { filled.withLock { $0 } }

    fileprivate func fill(_ steps: [Step]) { filled.withLock { $0 = steps } }

    package indirect enum Step: Sendable {
        case bytes([UInt8])
        case value(Access, escaped: Bool)
        case section(Access, body: [Step], inverted: Bool, pushes: ViewSchema?)
        case partial(CompiledTemplate, indentation: [UInt8]?)
        /// A name of an open schema (a string key) that no table defines: renders as false.
        case missing(body: [Step], inverted: Bool)
    }

    /// Where a name's value comes from: the innermost frame of `schema`, then fields down the dotted path.
    package struct Access: Sendable {
        package let frame: ObjectIdentifier
        package let path: [ViewSchema.Field]
    }
}

/// A view on the context stack, with the schema it was compiled against.
package struct Frame {
    package let schema: ObjectIdentifier
    package let view: AnyObject
}

/// A rendered fragment shared by many pages, with the branches that differ on the page it is shown on.
package struct SharedFragment: Sendable {
    package struct Branch: Sendable {
        package var offset: Int
        package var replacedCount: Int
        package var bytes: [UInt8]
    }

    package var bytes: [UInt8]
    /// Key (page id or language code) → what to put in place of the "not current" rendering.
    package var branches: [String: Branch]

    package static let empty = SharedFragment(bytes: [], branches: [:])

    /// The fragment as the page with `current` shows it.
    package func text(current: String) -> String {
        guard let branch = branches[current] else { return String(decoding: bytes, as: UTF8.self) }
        var result = [UInt8]()
        result.reserveCapacity(bytes.count + branch.bytes.count)
        result.append(contentsOf: bytes[..<branch.offset])
        result.append(contentsOf: branch.bytes)
        result.append(contentsOf: bytes[(branch.offset + branch.replacedCount)...])
        return String(decoding: result, as: UTF8.self)
    }
}

/// Renders compiled templates into bytes.
package struct TemplateRenderer {
    package private(set) var output: [UInt8] = []
    private var frames: [Frame] = []
    private var indentation: [UInt8] = []
    /// While rendering a shared fragment: the branches recorded for `current` values; nil renders them as false.
    private var branches: [String: SharedFragment.Branch]?
    private var insideBranch = false
    /// The page id or language code whose `current` values are true in a direct render.
    package var currentKey: String?

    package init(capacity: Int = 16_384) {
        output.reserveCapacity(capacity)
    }

    package static func render(_ template: CompiledTemplate, view: AnyObject, schema: ViewSchema, current: String? = nil) -> [UInt8] {
        var renderer = TemplateRenderer()
        renderer.currentKey = current
        renderer.frames.append(Frame(schema: ObjectIdentifier(schema), view: view))
        renderer.run(template.steps, localStart: 0)
        return renderer.output
    }

    package static func renderShared(_ template: CompiledTemplate, view: AnyObject, schema: ViewSchema) -> SharedFragment {
        var renderer = TemplateRenderer(capacity: 4096)
        renderer.branches = [:]
        renderer.frames.append(Frame(schema: ObjectIdentifier(schema), view: view))
        renderer.run(template.steps, localStart: 0)
        return SharedFragment(bytes: renderer.output, branches: renderer.branches ?? [:])
    }

    private func resolve(_ access: CompiledTemplate.Access) -> TemplateValue {
        var index = frames.count - 1
        while index >= 0 && frames[index].schema != access.frame { index -= 1 }
        guard index >= 0 else { return .absent }
        var value = access.path[0].read(frames[index].view)
        for field in access.path.dropFirst() {
            guard case .object(let object) = value else { return .absent }
            value = field.read(object)
        }
        return value
    }

    /// `localStart` is where the current template, section item or partial began: indentation is added only
    /// after a line end written within it, as swift-mustache did.
    private mutating func run(_ steps: [CompiledTemplate.Step], localStart: Int) {
        if indentation.isEmpty {
            for step in steps { perform(step) }
            return
        }
        for step in steps {
            let mark = output.count
            let indents = output.count > localStart && output.last == UInt8(ascii: "\n")
            if indents { output.append(contentsOf: indentation) }
            let before = output.count
            perform(step)
            if indents && output.count == before { output.removeLast(output.count - mark) }
        }
    }

    private mutating func perform(_ step: CompiledTemplate.Step) {
        switch step {
        case .bytes(let bytes):
            guard !indentation.isEmpty else { output.append(contentsOf: bytes); return }
            // Merged text lines: each line after the first starts indented, as separate line tokens would.
            var lineStart = 0
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") && offset + 1 < bytes.count {
                output.append(contentsOf: bytes[lineStart...offset])
                output.append(contentsOf: indentation)
                lineStart = offset + 1
            }
            output.append(contentsOf: bytes[lineStart...])
        case .value(let access, let escaped):
            switch resolve(access) {
            case .text(let text): escaped ? HTMLEscaping.append(text, to: &output) : output.append(contentsOf: text.utf8)
            case .number(let number): output.append(contentsOf: String(number).utf8)
            case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .current(let key): output.append(contentsOf: (isCurrent(key) ? "true" : "false").utf8)
            case .absent, .object, .list: break
            }
        case .section(let access, let body, let inverted, let schema):
            let value = resolve(access)
            if case .current(let key) = value, branches != nil, !insideBranch {
                renderBranch(key: key, body: body, inverted: inverted)
                return
            }
            if inverted {
                if !isTruthy(value) { run(body, localStart: output.count) }
                return
            }
            switch value {
            case .absent: break
            case .flag(let flag): if flag { run(body, localStart: output.count) }
            case .current(let key): if isCurrent(key) { run(body, localStart: output.count) }
            case .text, .number: run(body, localStart: output.count)
            case .object(let object):
                guard let schema else { run(body, localStart: output.count); return }
                frames.append(Frame(schema: ObjectIdentifier(schema), view: object))
                run(body, localStart: output.count)
                frames.removeLast()
            case .list(let items):
                guard let schema else { return }
                let id = ObjectIdentifier(schema)
                for item in items {
                    frames.append(Frame(schema: id, view: item))
                    run(body, localStart: output.count)
                    frames.removeLast()
                }
            }
        case .partial(let template, let extra):
            guard let extra, !extra.isEmpty else {
                run(template.steps, localStart: output.count)
                return
            }
            let saved = indentation
            indentation += extra
            run(template.steps, localStart: output.count)
            indentation = saved
        case .missing(let body, let inverted):
            if inverted { run(body, localStart: output.count) }
        }
    }

    private func isCurrent(_ key: String) -> Bool { key == currentKey }

    private func isTruthy(_ value: TemplateValue) -> Bool {
        switch value {
        case .absent: false
        case .flag(let flag): flag
        case .current(let key): isCurrent(key)
        case .list(let items): !items.isEmpty
        case .text, .number, .object: true
        }
    }

    /// Renders the "current" outcome aside as a branch and the usual one in place.
    private mutating func renderBranch(key: String, body: [CompiledTemplate.Step], inverted: Bool) {
        insideBranch = true
        defer { insideBranch = false }
        let start = output.count
        if !inverted { run(body, localStart: start) }
        let currentBytes = Array(output[start...])
        output.removeLast(output.count - start)
        if inverted { run(body, localStart: start) }
        if branches?[key] == nil {
            branches?[key] = SharedFragment.Branch(offset: start, replacedCount: output.count - start, bytes: currentBytes)
        }
    }
}

/// Resolves parsed templates against schemas. A partial is compiled once per distinct stack of schemas it is
/// included under (a recursive partial such as a navigation item reuses its own compilation).
package struct TemplateCompiler {
    package struct Source {
        package let nodes: [TemplateNode]
        package let file: String

        package init(nodes: [TemplateNode], file: String) {
            self.nodes = nodes
            self.file = file
        }
    }

    package let sources: [String: Source]
    private var compiled: [String: CompiledTemplate] = [:]
    package private(set) var diagnostics: [Diagnostic] = []
    private var reported: Set<String> = []

    package init(sources: [String: Source]) {
        self.sources = sources
    }

    /// Compiles template `name` with `schema` as its whole context.
    package mutating func compile(_ name: String, root schema: ViewSchema) -> CompiledTemplate? {
        guard sources[name] != nil else { return nil }
        return compilePartial(name, stack: [schema])
    }

    private mutating func compilePartial(_ name: String, stack: [ViewSchema]) -> CompiledTemplate? {
        guard let source = sources[name] else { return nil }
        // Keep each schema's innermost occurrence: names resolve to the innermost frame of a schema, so this
        // stack resolves exactly as the full one and recursion ends.
        var seen: Set<ObjectIdentifier> = []
        let distinct = stack.reversed().filter { seen.insert(ObjectIdentifier($0)).inserted }.reversed()
        let key = name + "|" + distinct.map { String(UInt(bitPattern: ObjectIdentifier($0).hashValue)) }.joined(separator: ",")
        if let existing = compiled[key] { return existing }
        let template = CompiledTemplate()
        compiled[key] = template
        template.fill(compile(source.nodes, stack: Array(distinct), file: source.file))
        return template
    }

    private mutating func compile(_ nodes: [TemplateNode], stack: [ViewSchema], file: String) -> [CompiledTemplate.Step] {
        var steps: [CompiledTemplate.Step] = []
        for node in nodes {
            switch node {
            case .text(let text):
                if case .bytes(let previous)? = steps.last {
                    steps[steps.count - 1] = .bytes(previous + Array(text.utf8))
                } else {
                    steps.append(.bytes(Array(text.utf8)))
                }
            case .variable(let name, let escaped, let at):
                switch resolve(name, stack: stack, file: file, at: at) {
                case .found(let access, let kind):
                    if case .scalar = kind {
                        steps.append(.value(access, escaped: escaped))
                    } else {
                        report(file, at, "'\(name)' is a section, not a value; use {{#\(name)}}…{{/\(name)}}")
                    }
                case .missing, .failed: break
                }
            case .section(let name, let inverted, let body, let at):
                switch resolve(name, stack: stack, file: file, at: at) {
                case .found(let access, let kind):
                    var inner = stack
                    var pushed: ViewSchema?
                    switch kind {
                    case .scalar: break
                    case .object(let schema), .list(let schema):
                        if !inverted { pushed = schema(); inner.append(schema()) }
                    }
                    steps.append(.section(access, body: compile(body, stack: inner, file: file), inverted: inverted, pushes: pushed))
                case .missing:
                    steps.append(.missing(body: compile(body, stack: stack, file: file), inverted: inverted))
                case .failed:
                    _ = compile(body, stack: stack, file: file)
                }
            case .partial(let name, let indentation, let at):
                guard sources[name] != nil else {
                    report(file, at, "partial '\(name)' does not exist" + Suggestions.didYouMean(name, in: sources.keys.sorted()))
                    continue
                }
                if let template = compilePartial(name, stack: stack) {
                    steps.append(.partial(template, indentation: indentation.map { Array($0.utf8) }))
                }
            }
        }
        return steps
    }

    private enum Resolution {
        case found(CompiledTemplate.Access, ViewSchema.Kind)
        /// An unknown key of an open schema.
        case missing
        case failed
    }

    private mutating func resolve(_ name: String, stack: [ViewSchema], file: String, at: TemplatePosition) -> Resolution {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !name.isEmpty, !parts.contains(where: \.isEmpty) else {
            report(file, at, name == "." ? "'{{.}}' is not supported; name the value" : "invalid name '\(name)'")
            return .failed
        }
        var frame: ViewSchema?
        var field: ViewSchema.Field?
        for schema in stack.reversed() {
            if let found = schema.field(named: parts[0]) { frame = schema; field = found; break }
        }
        guard let frame, var field else {
            if stack.contains(where: \.isOpen) { return .missing }
            let visible = Array(Set(stack.flatMap(\.fieldNames))).sorted()
            report(file, at, "unknown name '\(parts[0])'" + Self.suggestion(parts[0], in: visible))
            return .failed
        }
        var path = [field]
        for part in parts.dropFirst() {
            guard case .object(let schemaOf) = field.kind else {
                report(file, at, "'\(field.name)' has no field '\(part)': it is " + (field.kind.isList ? "a list" : "a plain value"))
                return .failed
            }
            let schema = schemaOf()
            guard let next = schema.field(named: part) else {
                if schema.isOpen { return .missing }
                report(file, at, "unknown name '\(part)' in \(schema.name)" + Self.suggestion(part, in: schema.fieldNames))
                return .failed
            }
            field = next
            path.append(next)
        }
        return .found(CompiledTemplate.Access(frame: ObjectIdentifier(frame), path: path), field.kind)
    }

    private static func suggestion(_ word: String, in candidates: [String]) -> String {
        Suggestions.closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    private mutating func report(_ file: String, _ at: TemplatePosition, _ message: String) {
        let key = "\(file):\(at.line):\(at.column):\(message)"
        guard reported.insert(key).inserted else { return }
        diagnostics.append(.error(.render, FileLocation(file: file, line: at.line, column: at.column), message))
    }
}

extension ViewSchema.Kind {
    package var isList: Bool { if case .list = self { true } else { false } }
}
