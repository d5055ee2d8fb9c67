import Foundation
import Testing
@testable import IssuePipe

/// The `rare-han` judge's list is GB2312 level 1, checked against glibc's own
/// GB2312 converter rather than the Python codec the generator used.
@Suite struct CommonHanTests {
    /// Level 1 of GB2312 decoded by iconv: rows 0xB0–0xD7, cells 0xA1–0xFE, less 0xD7FA–0xD7FE.
    static func gb2312LevelOne() throws -> Set<Unicode.Scalar> {
        var bytes: [UInt8] = []
        for lead in UInt8(0xB0)...0xD7 {
            for trail in UInt8(0xA1)...0xFE where !(lead == 0xD7 && trail >= 0xFA) { bytes += [lead, trail] }
        }
        let text = try decodeGB2312(bytes)
        return Set(text.unicodeScalars)
    }

    static func decodeGB2312(_ bytes: [UInt8]) throws -> String {
        let converter = iconv_open("UTF-8", "GB2312")
        guard let converter, converter != iconv_t(bitPattern: -1) else { throw TestSetupError("iconv has no GB2312 converter") }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2)
        let written = try input.withUnsafeMutableBufferPointer { inBuffer in
            try output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress, outPointer = outBuffer.baseAddress
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                    throw TestSetupError("iconv could not decode the GB2312 bytes")
                }
                return outBuffer.count - outLeft
            }
        }
        return String(decoding: output.prefix(written).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func everyEntryIsAGB2312LevelOneCharacterAndNoneIsMissing() throws {
        let source = try Self.gb2312LevelOne()
        #expect(source.count == 3_755)
        let entries = CommonHan.characters.unicodeScalars.filter { !$0.properties.isWhitespace }
        let outside = entries.filter { !source.contains($0) }
        #expect(outside.isEmpty, "not in GB2312 level 1: \(String(String.UnicodeScalarView(outside)))")
        #expect(entries.count == 3_755 && CommonHan.set == source)
        #expect(entries.map(\.value) == entries.map(\.value).sorted(), "in code point order")
    }
}
