
/// Something about an image, its layout or its inputs that is wrong; `description` is the line a user sees.
public struct ImageError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "image: \(message)" }
}
