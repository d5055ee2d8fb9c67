import Foundation
import Testing
@testable import IssuePipe

@Suite struct OCRModelCharactersTests {
    /// A traineddata file as tesseract writes one: a count, one offset per
    /// part (-1 for a part it lacks), then the parts; only `parts` are present.
    static func traineddata(_ parts: [Int: String], count: Int = 24) -> Data {
        var offsets = [Int64](repeating: -1, count: count), body = Data()
        let start = 4 + 8 * count
        for (index, text) in parts.sorted(by: { $0.key < $1.key }) {
            offsets[index] = Int64(start + body.count)
            body.append(Data(text.utf8))
        }
        var data = withUnsafeBytes(of: Int32(count).littleEndian) { Data($0) }
        for offset in offsets { data.append(withUnsafeBytes(of: offset.littleEndian) { Data($0) }) }
        return data + body
    }

    static func folder(_ files: [String: Data]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tessdata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    /// The LSTM unicharset (part 21) is the one read, its placeholders left
    /// out; a model without one gives its legacy unicharset (part 1).
    @Test func theModelsUnicharsetIsReadFromItsTraineddata() throws {
        let lstm = "5\nNULL 0 Common 0\nJoined 7 0,255 Latin 1 0 1 Joined\n|Broken|0|1 f 0,255 Common 2 10 2 |Broken|0|1\n新 1 0,255 Han 3 0 3 新\n闻 1 0,255 Han 4 0 4 闻\n"
        let folder = try Self.folder(["xx.traineddata": Self.traineddata([1: "2\nNULL 0\n旧 1\n", 21: lstm, 22: "recoder"]),
                                      "yy.traineddata": Self.traineddata([1: "2\nNULL 0\n湃 1\n"]),
                                      "bad.traineddata": Data([1, 2])])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(OCRModelCharacters.characters(languages: "xx", tessdata: folder.path) == ["新", "闻"])
        #expect(OCRModelCharacters.characters(languages: "xx+yy", tessdata: folder.path) == ["新", "闻", "湃"])
        #expect(OCRModelCharacters.characters(languages: "bad", tessdata: folder.path) == nil)
        #expect(OCRModelCharacters.characters(languages: "missing", tessdata: folder.path) == nil)

        var settings = OCRSettings()
        settings.languages = "xx"
        settings.tessdata = folder.path
        var lexicon = Lexicon()
        lexicon.outlets = ["新闻", "澎湃新闻"]
        lexicon.title = "新 闻"
        #expect(OCRModelCharacters.unwritable(in: lexicon, settings: settings) == ["湃", "澎"])
        settings.languages = "bad"
        #expect(OCRModelCharacters.unwritable(in: lexicon, settings: settings) == nil)
    }

    /// The installed Chinese model (a run-time dependency) reads as a model of
    /// thousands of characters, the common ones of the newsletter among them.
    @Test func theInstalledChineseModelsCharactersAreRead() throws {
        let characters = try #require(OCRModelCharacters.characters(languages: "chi_sim", tessdata: nil),
                                      "chi_sim.traineddata not found or not readable: apt-get install tesseract-ocr-chi-sim")
        #expect(characters.count > 3000)
        #expect(Set("双周决策观察新华社人民日报").isSubset(of: characters))
    }
}
