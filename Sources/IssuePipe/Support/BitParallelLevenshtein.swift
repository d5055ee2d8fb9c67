// The engine under `EditDistance`: the same Levenshtein metric over Unicode
// scalars, computed 64 rows at a time (Myers 1999, in Hyyrö's block form, as
// edlib does). Contents matching compares thousands of pairs per issue; one
// machine word per column instead of one cell per pair of scalars cut its
// cost per comparison several-fold. `TextComparisonTests` checks it against
// the plain dynamic programme on random texts.

/// The Unicode scalars of a string in a temporary buffer (on the stack when
/// small): decoded straight from its UTF-8, without an array per comparison.
enum UnicodeScalarBuffer {
    static func with<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        let utf8 = text.utf8
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Swift.max(utf8.count, 1)) { buffer in
            let count = utf8.withContiguousStorageIfAvailable { decode($0, into: buffer) }
                ?? text.unicodeScalars.reduce(into: 0) { n, scalar in buffer[n] = scalar.value; n += 1 }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// A String's UTF-8 is always valid, so each lead byte says how many follow.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt32>) -> Int {
        var i = 0, n = 0
        while i < bytes.count {
            let lead = UInt32(bytes[i])
            if lead < 0x80 {
                out[n] = lead
                i += 1
            } else if lead < 0xE0 {
                out[n] = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if lead < 0xF0 {
                out[n] = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
            } else {
                out[n] = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                i += 4
            }
            n += 1
        }
        return n
    }
}

enum BitParallelLevenshtein {
    /// The edit distance of non-empty `p` and `t`; with `freeEnds`, the least
    /// distance of `p` to any substring of `t` (Sellers), as the old
    /// column-by-column loop computed it.
    static func distance(_ p: UnsafeBufferPointer<UInt32>, _ t: UnsafeBufferPointer<UInt32>, freeEnds: Bool) -> Int {
        let words = (p.count + 63) / 64
        var slots = 2
        while slots < 2 * p.count { slots <<= 1 }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: slots) { keys in
            // One buffer: each slot's match masks, then the column's +1 and -1 vertical deltas.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (slots + 2) * words) { words64 in
                keys.initialize(repeating: emptyKey)
                words64.initialize(repeating: 0)
                let table = MatchTable(keys: keys, masks: words64.baseAddress!, words: words)
                for (i, scalar) in p.enumerated() {
                    table.masks[table.slot(of: scalar, adding: true) * words + i / 64] |= 1 << UInt64(i % 64)
                }
                return run(rows: p.count, t, table, deltas: words64.baseAddress! + slots * words, freeEnds: freeEnds)
            }
        }
    }

    /// One column per scalar of `t`, each word of rows taking the horizontal
    /// delta at its top from the word above (Hyyrö's blocks); the score is the
    /// bottom row's value, followed from its start (`rows`) by the deltas there.
    private static func run(rows: Int, _ t: UnsafeBufferPointer<UInt32>, _ table: MatchTable,
                            deltas: UnsafeMutablePointer<UInt64>, freeEnds: Bool) -> Int {
        let words = table.words, plus = deltas, minus = deltas + words
        if words == 1 { return runOneWord(rows: rows, t, table, freeEnds: freeEnds) }
        for w in 0..<words { plus[w] = ~0; minus[w] = 0 }
        let lastRow: UInt64 = 1 << UInt64((rows - 1) % 64), topRow: UInt64 = 1 << 63
        var score = rows, best = rows
        for scalar in t {
            let masks = table.masks + table.slot(of: scalar, adding: false) * words
            // Row 0 is 0, 1, 2, … for the whole distance, all 0 with a free start.
            var carry = freeEnds ? 0 : 1
            for w in 0..<words {
                carry = step(&plus[w], &minus[w], match: masks[w], carry: carry, out: w == words - 1 ? lastRow : topRow)
            }
            score += carry
            if score < best { best = score }
        }
        return freeEnds ? best : score
    }

    /// `run` for a pattern of at most 64 scalars (nearly every title), with the
    /// column in registers.
    private static func runOneWord(rows: Int, _ t: UnsafeBufferPointer<UInt32>, _ table: MatchTable, freeEnds: Bool) -> Int {
        var plus: UInt64 = ~0, minus: UInt64 = 0
        let lastRow: UInt64 = 1 << UInt64(rows - 1), carry = freeEnds ? 0 : 1
        var score = rows, best = rows
        for scalar in t {
            score += step(&plus, &minus, match: table.masks[table.slot(of: scalar, adding: false)], carry: carry, out: lastRow)
            if score < best { best = score }
        }
        return freeEnds ? best : score
    }

    /// One word of one column (edlib's calculateBlock): `carry` is the
    /// horizontal delta (-1, 0, 1) entering at its top row; returns the one
    /// leaving at the row `out` marks.
    @inline(__always)
    private static func step(_ plus: inout UInt64, _ minus: inout UInt64, match: UInt64, carry: Int, out: UInt64) -> Int {
        let carryMinus: UInt64 = carry < 0 ? 1 : 0, carryPlus: UInt64 = carry > 0 ? 1 : 0
        let xv = match | minus, eq = match | carryMinus
        let xh = (((eq & plus) &+ plus) ^ plus) | eq
        var hPlus = minus | ~(xh | plus), hMinus = plus & xh
        let leaving = (hPlus & out != 0 ? 1 : 0) - (hMinus & out != 0 ? 1 : 0)
        hPlus = hPlus << 1 | carryPlus
        hMinus = hMinus << 1 | carryMinus
        plus = hMinus | ~(xv | hPlus)
        minus = hPlus & xv
        return leaving
    }

    fileprivate static let emptyKey = UInt32.max

    /// The pattern's scalars in an open-addressed table (at most half full), each
    /// with its match mask: bit i of word w set where row 64w + i holds it. A
    /// scalar not in the pattern lands on an empty slot, whose masks are 0.
    private struct MatchTable {
        let keys: UnsafeMutableBufferPointer<UInt32>
        let masks: UnsafeMutablePointer<UInt64>
        let words: Int

        @inline(__always)
        func slot(of scalar: UInt32, adding: Bool) -> Int {
            let mask = keys.count - 1
            var i = Int(truncatingIfNeeded: (scalar &* 0x9E37_79B1) >> 7) & mask
            while keys[i] != scalar && keys[i] != BitParallelLevenshtein.emptyKey { i = (i + 1) & mask }
            if adding { keys[i] = scalar }
            return i
        }
    }
}
