/// Citation dates OCR misread (`20230013` for 20230913, `20241 1016` with a
/// digit too many) put back by the issue's own dates: a digest cites papers of
/// the days before it went to print (`sources.daysBeforeIssue`). A reading that
/// is no date, or one outside that window, is taken as the date in the window
/// one digit away (one digit changed, dropped or added) nearest the print
/// date, when the next nearest is at least twice as far and three days
/// farther; else it is left as read (or dropped, if no date).
struct CitationDates {
    /// The days citations may fall on, and the day they cluster before: up to
    /// `days` before the print date, or around the citations' median
    /// date when its print date is unknown.
    let window: ClosedRange<ISODay>?
    let anchor: ISODay?

    init(printDate: String?, citedDates: [String], days: Int?) {
        guard let days else { (window, anchor) = (nil, nil); return }
        if let printed = printDate.flatMap(ISODay.init) {
            (window, anchor) = ((printed + -days)...printed, printed)
        } else {
            let cited = citedDates.compactMap(ISODay.init).sorted()
            guard cited.count >= 3 else { (window, anchor) = (nil, nil); return }
            let middle = cited[cited.count / 2]
            (window, anchor) = ((middle + -days)...(middle + days), middle)
        }
    }

    /// The ISO date `digits` stand for, nil when they are none and cannot be put back.
    func iso(_ digits: String) -> String? {
        let read = CitationParser.isoDate(digits)
        guard let window, let anchor else { return read }
        if let read, let day = ISODay(read), window.contains(day) { return read }
        let near = Set(Self.oneDigitAway(digits).compactMap(CitationParser.isoDate).compactMap(ISODay.init).filter(window.contains))
            .map { (day: $0, apart: abs($0 - anchor)) }.sorted { $0.apart < $1.apart }
        guard let best = near.first else { return read }
        let clear = near.count == 1 || (near[1].apart >= 2 * best.apart && near[1].apart - best.apart >= 3)
        return clear ? best.day.iso : read
    }

    /// Every 8-digit string one digit from `digits`: one digit changed (eight
    /// digits read), one left out (nine read) or one put in (seven read).
    static func oneDigitAway(_ digits: String) -> [String] {
        let chars = Array(digits)
        switch chars.count {
        case 8:
            return chars.indices.flatMap { i in
                "0123456789".filter { $0 != chars[i] }.map { d in var c = chars; c[i] = d; return String(c) }
            }
        case 9:
            return chars.indices.map { i in var c = chars; c.remove(at: i); return String(c) }
        case 7:
            return (0...7).flatMap { i in "0123456789".map { d in var c = chars; c.insert(d, at: i); return String(c) } }
        default:
            return []
        }
    }
}

extension CitationDates {
    /// A print date OCR misread by a digit (`2024-04-08` for 2024-02-08)
    /// leaves the citations outside the days before it. Where fewer
    /// than half of them (three at least) fall there, the date one digit away
    /// under which most do (`printDateShare`) is the print date, the one
    /// nearest after the latest citation when another is at least twice as far
    /// and three days farther; nil when none is clearly so.
    static func printDate(_ read: String, citedDates: [String], days: Int) -> String? {
        let cited = citedDates.compactMap(ISODay.init)
        guard cited.count >= 3, let latest = cited.max(), let printed = ISODay(read) else { return nil }
        func inside(_ day: ISODay) -> Int { cited.filter { ((day + -days)...day).contains($0) }.count }
        guard 2 * inside(printed) < cited.count else { return nil }
        let digits = read.filter(\.isNumber)
        let near = Set(oneDigitAway(digits).compactMap(CitationParser.isoDate).compactMap(ISODay.init))
            .filter { Double(inside($0)) >= printDateShare * Double(cited.count) }
            .map { (day: $0, apart: abs($0 - latest)) }.sorted { $0.apart < $1.apart }
        guard let best = near.first else { return nil }
        let clear = near.count == 1 || (near[1].apart >= 2 * best.apart && near[1].apart - best.apart >= 3)
        return clear ? best.day.iso : nil
    }

    /// The share of the citations a corrected print date must have in the days before it.
    static let printDateShare = 0.8
}

extension CitationDates {
    /// Dates OCR read in citations the `sources.citation` pattern took whole
    /// (`{深圳特区报20211018 )` in an issue printed 2024-10-24, v10314) put back
    /// as `iso` puts back a loose citation's: a date outside the days before the
    /// issue, one digit from one clearly inside them. Only on OCR pages; a
    /// `citation-date-corrected` warning quotes each reading.
    func correcting(_ articles: inout [Article], ocrPages: Set<Int>) -> [Warning] {
        var warnings: [Warning] = []
        for a in articles.indices where articles[a].pages.contains(where: ocrPages.contains) {
            for s in articles[a].sources.indices {
                let read = articles[a].sources[s].date
                guard let fixed = iso(read.filter(\.isNumber)), fixed != read else { continue }
                articles[a].sources[s].date = fixed
                warnings.append(Warning(code: "citation-date-corrected",
                                        message: "\(articles[a].sources[s].name) cited on '\(read)' (OCR), outside the days before the issue: taken as \(fixed)",
                                        page: articles[a].pages.last))
            }
        }
        return warnings
    }
}
