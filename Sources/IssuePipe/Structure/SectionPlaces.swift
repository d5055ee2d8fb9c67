/// The section an article is about by the places it names (`lexicon.places`).
/// Where OCR lost an article's section label in the body and in the contents,
/// the section carried over from the article before is wrong when the article
/// plainly reports on another section's place: its headline opens with that
/// place, and that section's places are most of the places the article names.
struct SectionPlaces {
    /// Each place (and the name of each section with places) with its section; a name listed
    /// under two sections is left out: it is no evidence.
    let sectionOf: [String: String]
    /// The longest place name, in characters.
    let longest: Int

    init(places: [String: [String]], sections: [String]) {
        var named: [String: Set<String>] = [:]
        for (section, list) in places where sections.contains(section) {
            for place in [section] + list { named[place, default: []].insert(section) }
        }
        sectionOf = named.compactMapValues { $0.count == 1 ? $0.first : nil }
        longest = sectionOf.keys.map(\.count).max() ?? 0
    }

    /// The section of the longest place name starting at `index`, with the name's end.
    private func place(in characters: [Character], at index: Int) -> (section: String, end: Int)? {
        for length in stride(from: min(longest, characters.count - index), through: 2, by: -1) {
            if let section = sectionOf[String(characters[index..<index + length])] { return (section, index + length) }
        }
        return nil
    }

    /// The section of the place `title` opens with (after any marks), or nil.
    func opening(_ title: String) -> String? {
        let characters = Array(title.drop { !$0.isLetter })
        return characters.isEmpty ? nil : place(in: characters, at: 0)?.section
    }

    /// How many times the texts name each section's places.
    func mentions(in texts: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for text in texts {
            let characters = Array(text)
            var index = 0
            while index < characters.count {
                if let found = place(in: characters, at: index) {
                    counts[found.section, default: 0] += 1
                    index = found.end
                } else {
                    index += 1
                }
            }
        }
        return counts
    }

    /// The section an article whose section was carried over (`marked` false)
    /// is in by its places, when that differs from the one it has: its headline
    /// opens with the place, the article names that section's places at least
    /// `minMentions` times (headline included), more often than the section it
    /// has, and for at least half of all the places it names.
    func section(of article: Article, minMentions: Int = 3) -> String? {
        guard let found = opening(article.title), found != article.section else { return nil }
        let counts = mentions(in: [article.title] + article.blocks.map(\.text))
        let named = counts[found] ?? 0, current = article.section.flatMap { counts[$0] } ?? 0
        let all = counts.values.reduce(0, +)
        guard named >= minMentions, named > current, 2 * named >= all else { return nil }
        return found
    }

    /// Each article whose label OCR lost set in its section by its places (and
    /// its contents entry, where that had the same section), with a warning
    /// each. Lost: its headline was read by OCR (`read`; a text layer's labels
    /// are as printed) and no label was read before it in the body (`marked`
    /// false), so its section was carried over, from the article before it or
    /// from a contents row OCR read (the contents entry's label can be the
    /// row's above, a column's rows read out of line). An entry read from a text
    /// layer is as printed too: its article keeps its section.
    func correcting(_ articles: inout [Article], contents: inout [ContentsEntry], marked: [Bool], read: [Bool],
                    entryOf: [Int: Int], entryRead: [Bool]) -> [Warning] {
        var warnings: [Warning] = []
        for j in articles.indices where j < marked.count && !marked[j] && j < read.count && read[j] {
            if let i = entryOf[j], !(i < entryRead.count && entryRead[i]) { continue }
            guard let found = section(of: articles[j]) else { continue }
            let carried = articles[j].section
            warnings.append(Warning(code: "section-from-places",
                                    message: "article '\(articles[j].title)' has no section label of its own; it opens with and mostly names places of \(found): "
                                        + "section \(found) rather than \(carried ?? "none") carried over",
                                    page: articles[j].pages.first))
            articles[j].section = found
            if let i = entryOf[j], contents[i].section == carried { contents[i].section = found }
        }
        return warnings
    }
}
