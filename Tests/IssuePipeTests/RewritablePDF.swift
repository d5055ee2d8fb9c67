import Foundation

/// A PDF with a classic cross-reference table (as ReportLab writes them), taken
/// apart into objects so that content streams can be replaced: decoded
/// (ASCII85, Flate), changed, and written back uncompressed with a new table.
struct RewritablePDF {
    let bytes: [UInt8]
    /// Byte offset of each object, by number (nil: free).
    let offsets: [Int?]
    let xrefOffset: Int
    let root: Int
    let info: Int?
    /// The decoded content streams, by object number.
    let contents: [Int: [UInt8]]

    struct Malformed: Error, CustomStringConvertible { var description: String }

    init(_ data: Data) throws {
        bytes = [UInt8](data)
        guard let start = Self.find("startxref", in: bytes, backwards: true),
              let number = Self.tokens(bytes, from: start + 9, count: 1).first.flatMap({ Int($0) }) else {
            throw Malformed(description: "no startxref")
        }
        xrefOffset = number
        let head = Self.tokens(bytes, from: number, count: 3)
        guard head.count == 3, head[0] == "xref", head[1] == "0", let count = Int(head[2]) else {
            throw Malformed(description: "one classic xref subsection expected")
        }
        let entries = Self.tokens(bytes, from: number, count: 3 + 3 * count + 1)
        guard entries.count == 3 + 3 * count + 1, entries.last == "trailer" else { throw Malformed(description: "bad xref table") }
        offsets = (1..<count).map { i in entries[3 + 3 * i + 2] == "n" ? Int(entries[3 + 3 * i]) : nil }
        let trailerStart = Self.find("trailer", in: bytes, from: number) ?? number
        let trailer = Self.tokens(bytes, from: trailerStart, count: 40)
        func reference(_ key: String) -> Int? {
            guard let index = trailer.firstIndex(of: "/" + key), index + 1 < trailer.count else { return nil }
            return Int(trailer[index + 1])
        }
        guard let root = reference("Root") else { throw Malformed(description: "no /Root") }
        self.root = root
        info = reference("Info")

        var numbers = Set<Int>()
        var search = 0
        while let found = Self.find("/Contents", in: bytes, from: search) {
            if let n = Self.tokens(bytes, from: found + 9, count: 1).first.flatMap({ Int($0) }) { numbers.insert(n) }
            search = found + 9
        }
        var decoded: [Int: [UInt8]] = [:]
        for n in numbers {
            guard n >= 1, n <= offsets.count, let offset = offsets[n - 1] else { throw Malformed(description: "no object \(n)") }
            decoded[n] = try Self.decodeStream(bytes, objectAt: offset)
        }
        contents = decoded
    }

    /// Where `word` first (or last) occurs in `bytes`.
    static func find(_ word: String, in bytes: [UInt8], from start: Int = 0, backwards: Bool = false) -> Int? {
        let needle = Array(word.utf8)
        guard bytes.count >= needle.count else { return nil }
        let last = bytes.count - needle.count
        var i = backwards ? last : start
        while i >= start, i <= last {
            var j = 0
            while j < needle.count, bytes[i + j] == needle[j] { j += 1 }
            if j == needle.count { return i }
            i += backwards ? -1 : 1
        }
        return nil
    }

    /// The first `count` tokens from `start`: runs of bytes between PDF white space
    /// (a name's slash starts a token of its own).
    static func tokens(_ bytes: [UInt8], from start: Int, count: Int) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        var i = start
        func flush() {
            if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)); current = [] }
        }
        while i < bytes.count, result.count < count {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x00 {
                flush()
            } else if b == UInt8(ascii: "/") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") {
                flush()
                if b == UInt8(ascii: "/") { current.append(b) } else { result.append(String(UnicodeScalar(b))) }
            } else {
                current.append(b)
            }
            i += 1
        }
        flush()
        return Array(result.prefix(count))
    }

    /// The stream of the object at `offset`, with its filters undone.
    static func decodeStream(_ bytes: [UInt8], objectAt offset: Int) throws -> [UInt8] {
        guard let keyword = find("stream", in: bytes, from: offset) else { throw Malformed(description: "no stream at \(offset)") }
        let dictionary = tokens(Array(bytes[offset..<keyword]), from: 0, count: 200)
        guard let lengthIndex = dictionary.firstIndex(of: "/Length"), lengthIndex + 1 < dictionary.count,
              let length = Int(dictionary[lengthIndex + 1]) else {
            throw Malformed(description: "no direct /Length at \(offset)")
        }
        var start = keyword + 6
        if bytes[start] == 0x0D { start += 1 }
        if bytes[start] == 0x0A { start += 1 }
        var data = Array(bytes[start..<(start + length)])
        if dictionary.contains("/ASCII85Decode") { data = try ASCII85.decode(data) }
        if dictionary.contains("/FlateDecode") { data = try Inflate.zlib(data) }
        return data
    }

    /// The PDF with every content stream written uncompressed, `replaced` ones changed.
    func rewritten(replacing replaced: [Int: [UInt8]] = [:]) -> Data {
        var out = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        let ends = (offsets.compactMap { $0 } + [xrefOffset]).sorted()
        var newOffsets: [Int?] = []
        for (index, offset) in offsets.enumerated() {
            guard let offset else { newOffsets.append(nil); continue }
            newOffsets.append(out.count)
            let number = index + 1
            if let content = replaced[number] ?? contents[number] {
                out.append(Data("\(number) 0 obj\n".utf8))
                out.append(HandMadePDF.stream(Data(content)))
                out.append(Data("\nendobj\n".utf8))
            } else {
                let end = ends.first { $0 > offset } ?? bytes.count
                out.append(contentsOf: bytes[offset..<end])
            }
        }
        out.append(HandMadePDF.crossReference(offsets: newOffsets, at: out.count, root: root, info: info))
        return out
    }
}

/// ASCII base-85 (PDF's ASCII85Decode).
enum ASCII85 {
    struct Invalid: Error {}

    static func decode(_ input: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var group: [UInt32] = []
        func flush(_ count: Int) {
            var value: UInt32 = 0
            for digit in group + Array(repeating: 84, count: 5 - group.count) { value = value &* 85 &+ digit }
            let bytes = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
            out += bytes.prefix(count)
            group = []
        }
        var i = 0
        while i < input.count {
            let c = input[i]
            i += 1
            if c == UInt8(ascii: "~") { break }
            if c == UInt8(ascii: "z"), group.isEmpty { out += [0, 0, 0, 0]; continue }
            if c <= 0x20 { continue }
            guard c >= 0x21, c <= 0x75 else { throw Invalid() }
            group.append(UInt32(c - 0x21))
            if group.count == 5 { flush(4) }
        }
        if !group.isEmpty { flush(group.count - 1) }
        return out
    }
}

/// A small inflater (RFC 1950/1951, after Mark Adler's puff.c): enough to read
/// the samples' content streams without linking zlib into the tests.
struct Inflate {
    struct Invalid: Error {}
    private let input: [UInt8]
    private var position = 0
    private var bitBuffer = 0
    private var bitCount = 0
    private var output: [UInt8] = []

    private init(_ input: [UInt8], from start: Int) {
        self.input = input
        position = start
    }

    /// A zlib stream (2-byte header, deflate data; the checksum is not checked).
    static func zlib(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 2, data[0] & 0x0F == 8 else { throw Invalid() }
        var inflater = Inflate(data, from: 2)
        try inflater.run()
        return inflater.output
    }

    private mutating func bits(_ need: Int) throws -> Int {
        while bitCount < need {
            guard position < input.count else { throw Invalid() }
            bitBuffer |= Int(input[position]) << bitCount
            position += 1
            bitCount += 8
        }
        let value = bitBuffer & ((1 << need) - 1)
        bitBuffer >>= need
        bitCount -= need
        return value
    }

    private struct Huffman {
        var count = [Int](repeating: 0, count: 16)
        var symbol: [Int]

        init(lengths: [Int]) {
            symbol = [Int](repeating: 0, count: lengths.count)
            for length in lengths { count[length] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + count[length] }
            for (value, length) in lengths.enumerated() where length != 0 {
                symbol[offsets[length]] = value
                offsets[length] += 1
            }
        }
    }

    private mutating func decode(_ h: Huffman) throws -> Int {
        var code = 0, first = 0, index = 0
        for length in 1...15 {
            code |= try bits(1)
            let count = h.count[length]
            if code - count < first { return h.symbol[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw Invalid()
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                       2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private static let fixed: (Huffman, Huffman) = {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return (Huffman(lengths: lengths), Huffman(lengths: [Int](repeating: 5, count: 30)))
    }()

    private mutating func run() throws {
        var last = 0
        repeat {
            last = try bits(1)
            switch try bits(2) {
            case 0: try stored()
            case 1: try codes(Self.fixed.0, Self.fixed.1)
            case 2:
                let (lengths, distances) = try dynamicTables()
                try codes(lengths, distances)
            default: throw Invalid()
            }
        } while last == 0
    }

    private mutating func stored() throws {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw Invalid() }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        position += 4
        guard position + length <= input.count else { throw Invalid() }
        output += input[position..<(position + length)]
        position += length
    }

    private mutating func dynamicTables() throws -> (Huffman, Huffman) {
        let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, codeCount = try bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeCount { codeLengths[order[i]] = try bits(3) }
        let lengthCode = Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(lengthCode)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Invalid() }
                lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
            }
        }
        return (Huffman(lengths: Array(lengths[0..<literalCount])), Huffman(lengths: Array(lengths[literalCount..<(literalCount + distanceCount)])))
    }

    private mutating func codes(_ literals: Huffman, _ distances: Huffman) throws {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 { output.append(UInt8(symbol)); continue }
            if symbol == 256 { return }
            let index = symbol - 257
            guard index < Self.lengthBase.count else { throw Invalid() }
            let length = Self.lengthBase[index] + (try bits(Self.lengthExtra[index]))
            let d = try decode(distances)
            guard d < Self.distanceBase.count else { throw Invalid() }
            let distance = Self.distanceBase[d] + (try bits(Self.distanceExtra[d]))
            guard distance <= output.count else { throw Invalid() }
            for _ in 0..<length { output.append(output[output.count - distance]) }
        }
    }
}
