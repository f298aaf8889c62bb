/// A share of traffic in whole percent, 0 to 100, checked once where it enters (`make shift
/// PERCENT=N`, a route split) and carried as this type after that.
public struct Percent: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let value: Int

    public init(checking value: Int) throws(ToolboxError) {
        try self.init(value, typed: "\(value)")
    }

    /// PERCENT as a user typed it: digits only, nothing around them.
    public init(parsing text: String) throws(ToolboxError) {
        let digitsOnly = !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
        try self.init(digitsOnly ? Int(text) : nil, typed: "'\(text)'")
    }

    /// The one check, its refusal quoting the value as it came.
    private init(_ value: Int?, typed: String) throws(ToolboxError) {
        guard let value, (0...100).contains(value) else {
            throw .refused("PERCENT must be a whole number from 0 to 100, got \(typed)")
        }
        self.value = value
    }

    /// A literal in the code: outside 0...100 it is a programming error.
    public init(integerLiteral value: Int) {
        precondition((0...100).contains(value), "a percentage literal must be from 0 to 100, got \(value)")
        self.value = value
    }

    /// What is left for the other side of a split.
    public var remainder: Int { 100 - value }

    public var description: String { "\(value)%" }
}
