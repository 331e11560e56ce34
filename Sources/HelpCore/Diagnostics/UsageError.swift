/// A mistake in how the command was called (exit status 2), as opposed to a problem in the content.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
