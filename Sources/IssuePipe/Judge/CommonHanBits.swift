extension CommonHan {
    /// One bit per code point from the first to the last common character:
    /// the judge asks this for every Han character of every page, and a bit
    /// costs less to test than hashing into `set`.
    private static let bits: (first: UInt32, words: [UInt64]) = {
        let values = characters.unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value)
        let first = values.min() ?? 0, last = values.max() ?? 0
        var words = [UInt64](repeating: 0, count: Int(last - first) / 64 + 1)
        for value in values { words[Int(value - first) >> 6] |= 1 << UInt64((value - first) & 63) }
        return (first, words)
    }()

    /// Whether `s` is one of the 3,755 common characters (the members of `set`).
    static func contains(_ s: Unicode.Scalar) -> Bool {
        let (first, words) = bits
        guard s.value >= first else { return false }
        let offset = Int(s.value - first)
        return offset >> 6 < words.count && words[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }
}
