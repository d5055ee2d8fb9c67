/// A font size as a key that tells sizes apart exactly as their printed forms
/// do: runs and spans were once keyed by strings such as "font@size", and
/// formatting a Double for every run cost more than the rest of the line
/// building. String interpolation prints every bit of a Double (0.0 and
/// -0.0; a NaN's sign, signaling bit and payload: -nan, snan, nan(0x1)), so
/// the bits are the key.
struct PrintedSize: Hashable {
    private let bits: UInt64

    init(_ size: Double) { bits = size.bitPattern }
}

/// A font at one size: the runs whose Han glyphs are measured together.
struct FontAtSize: Hashable {
    var font: String
    var size: PrintedSize

    init(_ run: FontRun) {
        font = run.font
        size = PrintedSize(run.size)
    }
}
