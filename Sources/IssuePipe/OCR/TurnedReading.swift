/// Whether a page read turned over was scanned upside down. Mean word
/// confidence alone does not tell: on a dim page of a small contents panel
/// the upright readings scored under half and a turned reading of the grey
/// paper's noise a tenth more (v12309, its contents lost). A page the right
/// way up reads as many Han letters read confidently, upside down it reads
/// almost none: the turned reading must hold `minLetters` of them and twice
/// the upright reading's.
enum TurnedReading {
    static func isTheRightWayUp(_ turned: RecognizedPage, over upright: RecognizedPage) -> Bool {
        let letters = confidentHan(turned)
        return letters >= minLetters && letters >= 2 * confidentHan(upright)
    }

    /// Han letters in words read at `minWordConfidence` or more.
    static func confidentHan(_ page: RecognizedPage) -> Int {
        page.lines.flatMap(\.words).filter { $0.confidence >= minWordConfidence }
            .reduce(0) { $0 + $1.text.unicodeScalars.filter(CJKCharacters.isHan).count }
    }

    static let minLetters = 10
    static let minWordConfidence = 70.0
}
