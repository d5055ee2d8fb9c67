/// OCR reads the two rows of one contents entry as two entries now and then,
/// garbled past likeness (`深圳确定` / `五支->20782战兴产业基金中选机构`, v12007;
/// `洛委识化“万人勋万各` / `今守尺来新增规区工业`, v12005). Between two
/// entries that name their headlines, such entries outnumber the headlines no
/// entry names; each is given, in order, to the headline whose letters it
/// shares most (the two named ones around the run included: a row may read
/// again the wrapped line of one of them), and the entries next to each other
/// a headline gets, the one naming it included, are joined into one. A
/// headline printed twice is then read from both copies
/// (`ContentsMatching.reconcile`).
extension ContentsMatching {
    /// The least share of an entry's letters a headline holds for the entry to be a piece of it.
    static let pieceMinShare = 0.4

    /// Joins each run of entries that read as one headline's pieces; the
    /// parallel arrays (`confidence`, `named`) are kept in step.
    static func joiningSplitEntries(contents: inout [ContentsEntry], confidence: inout [Double?], named: inout [Bool],
                                    articles: [Article], contentsPage: Int) -> [Warning] {
        guard !articles.isEmpty, confidence.count == contents.count, named.count == contents.count else { return [] }
        let paired = namedArticles(contents: contents, articles: articles, ocr: confidence.map { $0 != nil })
        let taken = Set(paired.compactMap { $0 })
        var groups: [[Int]] = []   // runs of entries to join, each of two or more
        var i = 0
        while i < contents.count {
            guard paired[i] == nil else { i += 1; continue }
            let start = i
            while i < contents.count, paired[i] == nil { i += 1 }
            let before = (0..<start).reversed().lazy.compactMap { paired[$0] }.first
            let after = (i..<contents.count).lazy.compactMap { paired[$0] }.first
            let low = before ?? -1, high = after ?? articles.count
            guard low < high else { continue }
            let headlines = ((low + 1)..<high).filter { !taken.contains($0) }
            let run = Array(start..<i)
            guard !headlines.isEmpty, run.count > headlines.count, run.allSatisfy({ confidence[$0] != nil }) else { continue }
            let given = pieces(run, of: [before].compactMap { $0 } + headlines + [after].compactMap { $0 },
                               contents: contents, articles: articles)
            // The named entries on either side are their headlines' rows too.
            groups += runs(of: (before.map { [(start - 1, $0)] } ?? []) + given + (after.map { [(i, $0)] } ?? []))
        }
        guard !groups.isEmpty else { return [] }
        var warnings: [Warning] = []
        for group in groups.reversed() {
            let first = group[0]
            let texts = group.map { contents[$0].title }
            contents[first].title = CJKText.normalizeSpacing(texts.joined())
            contents[first].section = group.compactMap { contents[$0].section }.first
            confidence[first] = group.compactMap { confidence[$0] }.min()
            named[first] = group.contains { named[$0] }
            for index in group.dropFirst().reversed() {
                contents.remove(at: index)
                confidence.remove(at: index)
                named.remove(at: index)
            }
            warnings.append(Warning(
                code: "contents-rows-joined",
                message: "contents rows \(texts.map { "'\($0)'" }.joined(separator: ", ")) (OCR) read as pieces of one headline: joined",
                page: contentsPage))
        }
        return warnings.reversed()
    }

    /// The entries of `run`, each given, in order, to the candidate headline
    /// that holds most of its letters (at least `pieceMinShare`); an entry no
    /// headline holds enough of is left out.
    static func pieces(_ run: [Int], of candidates: [Int],
                       contents: [ContentsEntry], articles: [Article]) -> [(entry: Int, headline: Int)] {
        var next = 0
        var given: [(entry: Int, headline: Int)] = []
        for entry in run {
            let letters = headlineLetters(contents[entry].title)
            guard !letters.isEmpty, next < candidates.count else { continue }
            let shares = candidates[next...].map { ($0, sharedShare(letters, headlineLetters(articles[$0].title))) }
            guard let best = shares.max(by: { $0.1 < $1.1 }), best.1 >= pieceMinShare,
                  let place = candidates[next...].firstIndex(of: best.0) else { continue }
            next = place
            given.append((entry, best.0))
        }
        return given
    }

    /// Runs of two or more entries next to each other given to one headline.
    static func runs(of given: [(entry: Int, headline: Int)]) -> [[Int]] {
        var groups: [[Int]] = [], last: (entry: Int, headline: Int)?
        for piece in given {
            if let last, last.entry == piece.entry - 1, last.headline == piece.headline {
                groups[groups.count - 1].append(piece.entry)
            } else {
                groups.append([piece.entry])
            }
            last = piece
        }
        return groups.filter { $0.count > 1 }
    }

    /// The share of `piece`'s letters `whole` holds, each letter of `whole` counted once.
    static func sharedShare(_ piece: String, _ whole: String) -> Double {
        var left: [Character: Int] = [:]
        for c in whole { left[c, default: 0] += 1 }
        var shared = 0
        for c in piece where (left[c] ?? 0) > 0 {
            left[c]! -= 1
            shared += 1
        }
        return piece.isEmpty ? 0 : Double(shared) / Double(piece.count)
    }
}
