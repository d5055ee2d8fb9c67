import Foundation

/// One JSON encoder for every output: sorted keys, because Foundation's
/// dictionary order changes from run to run and outputs must be byte-stable.
public func issuePipeJSONEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
}

/// Encodes a value as deterministic JSON with a trailing newline.
public func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
    var data = try issuePipeJSONEncoder().encode(value)
    data.append(0x0A)
    return data
}

extension Double {
    /// Coordinates are kept to 1/100 pt: finer digits are noise and would make
    /// the JSON longer and harder to compare.
    var roundedToHundredths: Double { (self * 100).rounded() / 100 }
}
