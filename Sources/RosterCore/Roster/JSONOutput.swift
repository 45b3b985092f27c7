import Foundation

/// A value that cannot be written as JSON (for instance a number JSON cannot hold, such as NaN, where
/// the encoder has no strategy for it): nothing is written rather than a file with the wrong content.
public enum JSONEncodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `what` names the document (`roster.json`, `version.json`); `reason` is the encoder's account.
    case cannotEncode(what: String, reason: String)

    public var description: String {
        switch self {
        case .cannotEncode(let what, let reason): "cannot encode \(what) as JSON: \(reason)"
        }
    }
}

public enum JSONOutput {
    /// Encodes `value` with `encoder`; a failure is an error naming the document, never an empty object.
    public static func encode<T: Encodable>(_ value: T, as what: String, with encoder: JSONEncoder) throws(JSONEncodeError) -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            throw JSONEncodeError.cannotEncode(what: what, reason: Self.reason(error))
        }
    }

    /// The encoder's error in words, with the coding path to the value at fault when there is one.
    static func reason(_ error: any Error) -> String {
        guard case let EncodingError.invalidValue(_, context) = error else { return "\(error)" }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    }
}
