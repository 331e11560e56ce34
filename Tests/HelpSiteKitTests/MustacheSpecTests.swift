import HelpCore
import HelpTemplates
import Foundation
import HelpRender
import HelpSiteKit
import Testing

/// The official Mustache spec (github.com/mustache/spec, specs/*.json, MIT; copied with its licence into
/// Fixtures/mustache-spec) run through helpsite's template engine. Every test of every file runs; the ones the
/// engine does not pass are listed, with the outcome each gives, in that folder's README.md, and each test
/// asserts its outcome is exactly the listed one (or a pass), so a newly supported feature shows up as a failure
/// that asks for its line to be removed.
@Suite struct MustacheSpecTests {
    @Test(arguments: SpecCase.all)
    func specCase(_ spec: SpecCase) throws {
        let outcome = spec.run()
        let known = try SpecCase.listedOutcomes()
        if let listed = known[spec.id] {
            #expect(outcome == listed, "listed in Fixtures/mustache-spec/README.md; update its line to:\n- \(spec.id): \(outcome)")
        } else {
            #expect(outcome == SpecCase.passed, "not listed in Fixtures/mustache-spec/README.md; fix the engine or add:\n- \(spec.id): \(outcome)")
        }
    }

    @Test func everyListedTestExistsOnce() throws {
        #expect(SpecCase.all.count == 194, "the nine spec files hold 194 tests")
        let ids = Set(SpecCase.all.map(\.id))
        let lines = try SpecCase.listedLines()
        #expect(lines.count == Set(lines.map(\.id)).count, "a test is listed twice")
        #expect(lines.map(\.id).filter { !ids.contains($0) } == [], "listed, but no such test in the spec files")
    }

    @Test func theCoreSpecFailsOnlyWhereHelpsiteChoosesAnError() throws {
        // Interpolation, sections, inverted sections, comments, partials and delimiters pass, whitespace rules
        // included, except where helpsite reports an error on purpose: every value is named ({{.}} is an error),
        // and a partial that does not exist is an error, not an empty string.
        let chosen = ["error: '{{.}}' is not supported; name the value", "error: partial 'text' does not exist"]
        let core = try SpecCase.listedLines().filter { !$0.id.hasPrefix("~") }
        #expect(core.filter { line in !chosen.contains { line.outcome.contains($0) } }.map(\.id) == [])
        #expect(SpecCase.all.filter { !$0.file.hasPrefix("~") }.count - core.count == 120)
    }
}

/// One test of a spec file, run through the parser, the compiler and the renderer.
struct SpecCase: Sendable, CustomTestStringConvertible {
    static let passed = "passes"
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/mustache-spec")

    let file: String
    let name: String
    let data: JSONValue
    let template: String
    let partials: [String: String]
    let expected: String

    /// `sections / Implicit Iterator - String`: the file without `.json`, then the test's name.
    var id: String { "\(file) / \(name)" }
    var testDescription: String { id }

    static let all: [SpecCase] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().flatMap { name -> [SpecCase] in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                  let spec = try? JSONDecoder().decode(SpecFile.self, from: data) else { return [] }
            var seen: [String: Int] = [:]
            return spec.tests.map { test in
                // Two tests of ~inheritance share a name; the second is "Text inside parent (2)".
                seen[test.name, default: 0] += 1
                let count = seen[test.name]!
                return SpecCase(file: String(name.dropLast(5)), name: count == 1 ? test.name : "\(test.name) (\(count))",
                                data: test.data, template: test.template, partials: test.partials ?? [:], expected: test.expected)
            }
        }
    }()

    private struct SpecFile: Decodable {
        struct Test: Decodable {
            let name: String
            let data: JSONValue
            let template: String
            let partials: [String: String]?
            let expected: String
        }
        let tests: [Test]
    }

    /// "passes", "error: FILE:LINE:COL: error: …" (the first error) or `renders "…"` (the output, JSON-quoted).
    func run() -> String {
        let main = "template"
        var sources: [String: TemplateCompiler.Source] = [:]
        // The template first, then the partials by name, so the first syntax error reported is always the same.
        for (name, text) in [(main, template)] + partials.sorted(by: { $0.key < $1.key }) {
            let file = name == main ? main : "partials/\(name)"
            do {
                sources[name] = TemplateCompiler.Source(nodes: try TemplateParser.parse(text), file: file)
            } catch {
                return "error: \(file):\(error.position.line):\(error.position.column): error: \(error.message)"
            }
        }
        let root = JSONSchemas(root: data)
        var compiler = TemplateCompiler(sources: sources)
        let compiled = compiler.compile(main, root: root.schema)
        if let first = DiagnosticLog.sorted(compiler.diagnostics).first { return "error: \(first)" }
        guard let compiled else { return "error: nothing compiled" }
        let output = String(decoding: TemplateRenderer.render(compiled, view: root.view, schema: root.schema), as: UTF8.self)
        return output == expected ? Self.passed : "renders \(Self.quoted(output))"
    }

    static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The README's list: the lines `- FILE / NAME: OUTCOME` below its heading "## Tests that do not pass".
    static func listedLines() throws -> [(id: String, outcome: String)] {
        let text = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        guard let heading = text.range(of: "\n## Tests that do not pass") else { return [] }
        return text[heading.upperBound...].split(separator: "\n").compactMap { line -> (String, String)? in
            guard line.hasPrefix("- "), let colon = line.range(of: ": ") else { return nil }
            return (String(line[line.index(line.startIndex, offsetBy: 2)..<colon.lowerBound]), String(line[colon.upperBound...]))
        }
    }

    static func listedOutcomes() throws -> [String: String] {
        Dictionary(try listedLines().map { ($0.id, $0.outcome) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A JSON value from a spec file.
enum JSONValue: Sendable, Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case decimal(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .decimal(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var members: [String: JSONValue] {
        if case .object(let members) = self { members } else { [:] }
    }
}

/// JSON as the engine's typed views: each object is a view, and the objects found at one place in the data (a
/// key's value, or a list's items) share a schema listing the union of their keys. The schemas are open, so a
/// name the data lacks renders as nothing (Mustache's context miss) instead of failing to compile.
final class JSONView {
    let value: JSONValue
    init(_ value: JSONValue) { self.value = value }
}

struct JSONSchemas {
    let schema: ViewSchema
    let view: JSONView

    init(root: JSONValue) {
        schema = Self.schema(for: [root], name: "data")
        view = JSONView(root)
    }

    private static func schema(for values: [JSONValue], name: String) -> ViewSchema {
        var keys: [String] = []
        for value in values {
            for key in value.members.keys.sorted() where !keys.contains(key) { keys.append(key) }
        }
        let fields = keys.map { key -> ViewSchema.Field in
            let found = values.compactMap { $0.members[key] }
            let objects = found.filter { if case .object = $0 { true } else { false } }
            let items = found.flatMap { value -> [JSONValue] in if case .array(let items) = value { items } else { [] } }
            let kind: ViewSchema.Kind
            if found.contains(where: { if case .array = $0 { true } else { false } }) {
                let child = schema(for: items, name: key)
                kind = .list { child }
            } else if !objects.isEmpty {
                let child = schema(for: objects, name: key)
                kind = .object { child }
            } else {
                kind = .scalar
            }
            return ViewSchema.Field(name: key, kind: kind) { view in
                templateValue((view as! JSONView).value.members[key])
            }
        }
        return ViewSchema(name: name, fields: fields, isOpen: true)
    }

    private static func templateValue(_ value: JSONValue?) -> TemplateValue {
        switch value {
        case nil, .null?: .absent
        case .bool(let flag)?: .flag(flag)
        case .integer(let number)?: .number(number)
        case .decimal(let number)?: .text(String(number))
        case .string(let text)?: .text(text)
        case .array(let items)?: .list(items.map(JSONView.init))
        case .object?: .object(JSONView(value!))
        }
    }
}
