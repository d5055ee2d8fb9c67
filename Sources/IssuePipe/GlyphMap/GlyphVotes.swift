import Foundation

/// What OCR read on each (font, code), over every aligned occurrence in the document.
struct GlyphVotes {
    struct Tally: Hashable {
        var count = 0
        var confidence = 0.0
    }

    private(set) var tallies: [GlyphKey: [String: Tally]] = [:]

    /// One occurrence of `key` read as `reading`. Only single characters vote:
    /// a glyph is one character, and a symbol OCR made of two glyphs says nothing about either.
    mutating func add(_ key: GlyphKey, reading: String, confidence: Double) {
        guard reading.unicodeScalars.count == 1 else { return }
        tallies[key, default: [:]][reading, default: Tally()].count += 1
        tallies[key, default: [:]][reading, default: Tally()].confidence += confidence
    }

    /// The readings of a key, most votes first (then the more confident, then by text, for the same result every run).
    func ranked(_ key: GlyphKey) -> [(reading: String, tally: Tally)] {
        (tallies[key] ?? [:]).map { ($0.key, $0.value) }.sorted {
            ($0.tally.count, $0.tally.confidence, $1.reading) > ($1.tally.count, $1.tally.confidence, $0.reading)
        }
    }

    /// Share of a font's readings that are the character its text layer has: a
    /// font that is right (an ASCII font beside a broken CJK one) agrees with OCR.
    func textLayerAgreement(font: String) -> (share: Double, votes: Int) {
        var same = 0, all = 0
        for (key, readings) in tallies where key.font == font {
            for (reading, tally) in readings {
                all += tally.count
                if reading.unicodeScalars.first?.value == key.code || Self.sameCharacter(reading, key.code) { same += tally.count }
            }
        }
        return (all == 0 ? 0 : Double(same) / Double(all), all)
    }

    /// OCR gives full-width punctuation where a layer may have the ASCII form, and the reverse.
    static func sameCharacter(_ reading: String, _ code: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(code) else { return false }
        let folded = reading.precomposedStringWithCompatibilityMapping
        return folded == String(scalar).precomposedStringWithCompatibilityMapping
    }

    /// The learned map: every key with enough agreeing readings.
    func decide(_ rules: GlyphMapRules) -> [GlyphKey: LearnedGlyph] {
        var learned: [GlyphKey: LearnedGlyph] = [:]
        for key in tallies.keys {
            let ranked = ranked(key)
            guard var best = ranked.first else { continue }
            // OCR reading a glyph as the layer has it is no accident: that reading
            // wins over a rival with no more than twice its votes.
            var own = false
            if let same = ranked.first(where: { Self.sameCharacter($0.reading, key.code) }), same.tally.count * 2 >= best.tally.count {
                best = same
                own = true
            }
            let votes = ranked.reduce(0) { $0 + $1.tally.count }
            let agreement = Double(best.tally.count) / Double(votes)
            let accepted = own || (best.tally.count >= rules.minVotes && agreement >= rules.minAgreement)
            learned[key] = LearnedGlyph(code: key.codeText, character: accepted ? best.reading : nil, votes: votes,
                                        agreement: (agreement * 1000).rounded() / 1000,
                                        readings: ranked.prefix(3).map { "\($0.reading) \($0.tally.count)" })
        }
        return learned
    }
}
