import HelpCore

/// A value a template reads from a view. Objects and lists carry views; the compiled template knows their schema.
package enum TemplateValue {
    case absent
    case flag(Bool)
    case text(String)
    case number(Int)
    case object(AnyObject)
    case list([AnyObject])
    /// True only on the page whose key this is (a page id or language code): lets a fragment shared by many pages
    /// be rendered once, each page then taking its own branch (`isCurrent` in navigation and the switcher).
    case current(String)
}

/// The names a template may use at one level of its context, each with how to read it from a typed view.
/// Templates are checked against schemas when they are loaded, so a misspelled name is an error, not a blank.
package final class ViewSchema: Sendable {
    package enum Kind: Sendable {
        case scalar
        case object(@Sendable () -> ViewSchema)
        case list(@Sendable () -> ViewSchema)
    }

    package struct Field: Sendable {
        package let name: String
        package let kind: Kind
        package let read: @Sendable (AnyObject) -> TemplateValue

        package init(name: String, kind: Kind, read: @escaping @Sendable (AnyObject) -> TemplateValue) {
            self.name = name
            self.kind = kind
            self.read = read
        }
    }

    /// How the schema is named in error messages: `page`, `site`, `strings`.
    package let name: String
    package let fields: [Field]
    private let slots: [String: Int]
    /// Open schemas (the strings tables) answer an unknown name with nothing instead of an error.
    package let isOpen: Bool

    package init(name: String, fields: [Field], isOpen: Bool = false) {
        self.name = name
        self.fields = fields
        self.isOpen = isOpen
        var slots: [String: Int] = [:]
        for (slot, field) in fields.enumerated() where slots[field.name] == nil { slots[field.name] = slot }
        self.slots = slots
    }

    package func field(named name: String) -> Field? { slots[name].map { fields[$0] } }

    package var fieldNames: [String] { fields.map(\.name) }

    /// Builds a schema for one view type with typed getters.
    package static func of<View: AnyObject>(_ type: View.Type, name: String, _ build: (inout Builder<View>) -> Void) -> ViewSchema {
        var builder = Builder<View>()
        build(&builder)
        return ViewSchema(name: name, fields: builder.fields)
    }

    package struct Builder<View: AnyObject> {
        fileprivate(set) var fields: [Field] = []

        // `unsafeDowncast` is sound: a compiled template reads a field only from a frame of this schema's view type.
        package mutating func value(_ name: String, _ get: @escaping @Sendable (View) -> TemplateValue) {
            fields.append(Field(name: name, kind: .scalar) { get(unsafeDowncast($0, to: View.self)) })
        }

        package mutating func text(_ name: String, _ get: @escaping @Sendable (View) -> String?) {
            value(name) { view in get(view).map(TemplateValue.text) ?? .absent }
        }

        package mutating func flag(_ name: String, _ get: @escaping @Sendable (View) -> Bool) {
            value(name) { .flag(get($0)) }
        }

        package mutating func number(_ name: String, _ get: @escaping @Sendable (View) -> Int) {
            value(name) { .number(get($0)) }
        }

        package mutating func object<Child: AnyObject>(_ name: String, _ schema: @escaping @Sendable () -> ViewSchema, _ get: @escaping @Sendable (View) -> Child?) {
            fields.append(Field(name: name, kind: .object(schema)) { get(unsafeDowncast($0, to: View.self)).map { .object($0) } ?? .absent })
        }

        package mutating func list<Child: AnyObject>(_ name: String, _ schema: @escaping @Sendable () -> ViewSchema, _ get: @escaping @Sendable (View) -> [Child]) {
            fields.append(Field(name: name, kind: .list(schema)) { .list(get(unsafeDowncast($0, to: View.self))) })
        }
    }
}
