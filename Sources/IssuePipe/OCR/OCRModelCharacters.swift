import Foundation

/// The characters a tesseract model can write at all: the unicharset stored in
/// its `.traineddata`. Tesseract's `chi_sim` has no 湃, so `澎湃新闻` is never
/// read as printed (`澎涯新闻`, `湾涛新闻`); a lexicon name holding such a
/// character is matched with anything in its place (`OutletNames`).
enum OCRModelCharacters {
    /// The lexicon's characters the models of `settings.languages` cannot
    /// write, sorted; empty when every one can, nil when a model cannot be read.
    static func unwritable(in lexicon: Lexicon?, settings: OCRSettings) -> [String]? {
        guard let lexicon, let writable = characters(languages: settings.languages, tessdata: settings.tessdata) else { return nil }
        let names = [lexicon.title, lexicon.subtitle, lexicon.publisher].compactMap { $0 }
            + (lexicon.hosts ?? []) + (lexicon.sections ?? []) + (lexicon.staff ?? []) + (lexicon.outlets ?? [])
            + (lexicon.places ?? [:]).values.flatMap { $0 } + (lexicon.words ?? [])
        let wanted = Set(names.joined()).filter { !$0.isWhitespace }
        return wanted.subtracting(writable).map(String.init).sorted()
    }

    /// Every character the models of `languages` (`chi_sim+eng`) can write;
    /// nil when one of them cannot be found or read.
    static func characters(languages: String, tessdata: String?) -> Set<Character>? {
        guard let folder = TesseractRecognizer.dataFolder(tessdata) else { return nil }
        var all = Set<Character>()
        for language in languages.split(separator: "+") {
            guard let file = FileHandle(forReadingAtPath: "\(folder)/\(language).traineddata"),
                  let set = unicharset(readingFrom: file) else { return nil }
            all.formUnion(set)
        }
        return all
    }

    /// Where a traineddata file keeps its parts: a little-endian count, then
    /// one 64-bit offset per part (-1 for a part it lacks). Part 21 is the LSTM
    /// model's unicharset, the one the default engine writes from; part 1 the
    /// legacy engine's, for a model without an LSTM.
    static let lstmUnicharset = 21, legacyUnicharset = 1

    /// The characters of the file's unicharset, reading only the part's header and the part.
    static func unicharset(readingFrom file: FileHandle) -> Set<Character>? {
        defer { try? file.close() }
        guard let head = try? file.read(upToCount: 4), head.count == 4 else { return nil }
        let count = Int(Int32(littleEndian: head.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }))
        guard count > lstmUnicharset, count < 100, let table = try? file.read(upToCount: 8 * count), table.count == 8 * count else { return nil }
        let offsets = (0..<count).map { i in Int64(littleEndian: table.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self) }) }
        guard let end = try? file.seekToEnd() else { return nil }
        for part in [lstmUnicharset, legacyUnicharset] where offsets[part] > 0 {
            let start = offsets[part]
            let next = offsets.filter { $0 > start }.min() ?? Int64(end)
            guard (try? file.seek(toOffset: UInt64(start))) != nil,
                  let bytes = try? file.read(upToCount: Int(next - start)) else { return nil }
            return unicharset(String(decoding: bytes, as: UTF8.self))
        }
        return nil
    }

    /// The characters of a unicharset's text: a count, then one line a
    /// character, the character first (`NULL`, `Joined` and `|Broken|0|1`
    /// stand for no character).
    static func unicharset(_ text: String) -> Set<Character> {
        let special: Set<Substring> = ["NULL", "Joined", "|Broken|0|1"]
        return Set(text.split(separator: "\n").dropFirst().compactMap { line -> Substring? in
            let unichar = line.prefix { $0 != " " }
            return special.contains(unichar) ? nil : unichar
        }.joined())
    }
}
