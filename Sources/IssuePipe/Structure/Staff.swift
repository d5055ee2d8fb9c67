import Foundation

/// Reads the staff box (roles and names) and the contacts, wherever the issue
/// prints them (inside cover, cover, the top of an article page, back page),
/// and says which lines it used so they stay out of the articles.
struct StaffParser {
    let rules: StaffRules?
    let contacts: [ContactRule]
    let lexicon: Lexicon?

    struct Result {
        var staff: [StaffEntry] = []
        var hosts: [String] = []
        var contacts = Contacts()
        /// The vertical band of the box on each page: its lines are not body text.
        var bands: [Int: ClosedRange<Double>] = [:]
        var warnings: [Warning] = []
    }

    /// Built once per parser, not at each use: the name splitter reads its
    /// roster and rules, and the contact patterns are looked up by source.
    let names: NameSplitter
    let contactPatterns: [(field: String, pattern: Pattern)]
    /// Roles and contact labels: where the fields of a staff box start.
    let labels: [String]

    init(rules: StaffRules?, contacts: [ContactRule], lexicon: Lexicon?) {
        self.rules = rules
        self.contacts = contacts
        self.lexicon = lexicon
        names = NameSplitter(rules: rules, roster: lexicon?.staff)
        contactPatterns = contacts.compactMap { rule in Pattern(rule.pattern).map { (rule.field, $0) } }
        labels = (rules?.roles ?? []) + contacts.compactMap(\.label)
    }

    var roles: [String] { rules?.roles ?? [] }

    /// The role a text starts with (after stray bullets), and what follows it.
    func role(of text: String) -> (role: String, rest: String)? {
        let trimmed = text.trimmingScalars(in: StaffParser.leading)
        guard let role = roles.filter({ trimmed.hasPrefix($0) }).max(by: { $0.count < $1.count }) else { return nil }
        let rest = String(trimmed.dropFirst(role.count)).trimmingScalars(in: StaffParser.leading)
        return (role, rest)
    }

    /// Marks between a role and its names: colons, and what OCR reads a colon as (`统筹？彭晓辉`).
    static let leading = CharacterSet(charactersIn: " 　：:；;·•|\t“”\"'‘’.,，、？?")

    /// A role, a colon, and two or more parts of a name's length parted by
    /// enumeration commas (`统筹：训晓棕、谢婉清、线关、普建新`) are a role's
    /// names however OCR misread their family names (v10400): prose after a
    /// role's word has no colon, and longer parts.
    static func isColonList(_ text: String, role: String, names: String) -> Bool {
        guard hasColon(text, after: role) else { return false }
        let parts = names.filter { !$0.isWhitespace }.split(separator: "、")
        return parts.count >= 2 && parts.allSatisfy { (2...4).contains($0.count) && $0.allSatisfy(CJKCharacters.isLetter) }
    }

    /// Whether the role opening `text` is followed by a colon.
    static func hasColon(_ text: String, after role: String) -> Bool {
        let afterRole = text.trimmingScalars(in: leading.subtracting(CharacterSet(charactersIn: "：:"))).dropFirst(role.count)
        return afterRole.first(where: { !$0.isWhitespace }).map { "：:".contains($0) } ?? false
    }

    /// OCR reads an enumeration comma between names as a comma (`马爱华，武晓庆`):
    /// in names the enumeration comma parts elsewhere (or, `afterColon`, after a
    /// role and its colon: `编辑：蒋一帆，罗敏`, v11708), each part a name's length
    /// (two to four letters), the comma is one. Prose has longer parts.
    static func enumerationCommas(_ names: String, afterColon: Bool = false) -> String {
        guard names.contains("、") || afterColon, names.contains("，") else { return names }
        let parts = names.split(whereSeparator: { "、，".contains($0) })
        guard parts.allSatisfy({ (2...4).contains($0.filter(\.isLetter).count) && $0.allSatisfy(\.isLetter) }) else { return names }
        return names.replacingOccurrences(of: "，", with: "、")
    }

    func parse(_ pages: [PageLines]) -> Result {
        var result = Result()
        guard rules != nil || !contacts.isEmpty else { return result }
        for original in pages where rules?.pages?.contains(original.page) ?? true {
            let personal = roles.filter { $0 != rules?.hostsRole }
            let corrected = StaffLines.correctingRoles(original, roles: personal, keeping: labels, names: names.plausible)
            let page = StaffLines.splittingAtLabels(StaffLines.joiningWrappedLabels(corrected, labels: labels), labels: labels,
                                                    columnEnds: lexicon?.hosts ?? [])
            var used: [TextLine] = []
            for (index, line) in page.lines.enumerated() {
                let text = line.text.trimmingScalars(in: .whitespaces)
                used += readContacts(line, text: text, beside: StaffLines.rightOf(index, in: page).first,
                                     below: wrappedBelow(index, text: text, in: page), into: &result, page: page.page)
                // A role's names are short (hosts, institutions, longer) and open with family
                // names: a body line that starts with 审核, or prose cut at 统筹 (统筹协调、引导…), is not one.
                guard let (role, rest) = role(of: text).map({ found in
                          (found.role, line.confidence == nil ? found.rest
                                : Self.enumerationCommas(found.rest, afterColon: Self.hasColon(text, after: found.role))) })
                        .map({ ($0.0, $0.0 == rules?.hostsRole ? beforeAContact($0.1) : $0.1) }),
                      StaffLines.looksLikeNames(rest) || (role == rules?.hostsRole && knownHosts(in: [rest]) != nil),
                      rest.withoutWhitespace.count <= (role == rules?.hostsRole ? 60 : 24),
                      role == rules?.hostsRole || names.plausible(rest) || Self.isColonList(text, role: role, names: rest) else {
                    if isUnreadRole(line, text: text, under: used) {
                        used.append(line)
                        result.warnings.append(Warning(
                            code: "staff-role-unread",
                            message: "staff line '\(text)' (OCR) opens with a label that reads as no role: its names are left out",
                            page: page.page))
                    }
                    continue
                }
                used.append(line)
                // Host institutions are no personal names.
                let isHosts = role == rules?.hostsRole
                var runs = rest.isEmpty ? [] : [rest]
                // More names may stand on the same baseline, past a column gap.
                // Names stand beside a bare role, up to the next label; more names
                // may follow the first ones past a gap narrower than a column's.
                var last = line
                for beside in StaffLines.rightOf(index, in: page) {
                    guard !isLabelled(beside.text),
                          runs.isEmpty || beside.box.x0 - last.box.x1 < 3 * line.size || (isHosts && isPartOfAKnownHost(beside.text)),
                          continues(role, with: beside.text, after: runs) else { break }
                    runs.append(beside.text)
                    used.append(beside)
                    last = beside
                }
                // Names that do not fit stand below, in the role's column or under the first name.
                let valueX = line.box.x0 + line.box.width * Double(text.count - rest.count) / Double(max(1, text.count))
                // Prose under the box is no more names.
                // (Not a piece taken beside it already: OCR's box for it may sit lower.)
                let below = StaffLines.column(below: index, in: page, at: namesBelow(index, in: page, valueX: runs.isEmpty ? nil : valueX),
                                              isLabelled: { isLabelled($0) || !continues(role, with: $0, after: runs) },
                                              shiftedStart: { isHosts && isPartOfAKnownHost($0) })
                    .filter { !used.contains($0) }
                runs += below.map(\.text)
                used += below
                store(role: role, runs: runs, page: page.page, into: &result)
            }
            if let band = StaffLines.band(of: used, in: page) { result.bands[page.page] = band }
        }
        if result.hosts.isEmpty { takeUnlabelledHosts(pages, into: &result) }
        return result
    }

    /// Where more names of the role at `index` stand below it: in the role's
    /// column or under its first name. A row printing several fields in a run
    /// (`编辑：… 统筹：…`) wraps on below the row's start, and the wrapped line
    /// continues the row's last field, not its first.
    func namesBelow(_ index: Int, in page: PageLines, valueX: Double?) -> [Double] {
        let line = page.lines[index]
        var xs = [line.box.x0] + (valueX.map { [$0] } ?? [])
        let row = StaffLines.row(of: index, in: page).filter { isLabelled($0.text) }
        guard valueX != nil, row.count > 1, let rowStart = row.first?.box.x0 else { return xs }
        let atRowStart = { (x: Double) in abs(x - rowStart) < line.size * 1.5 }
        if row.last?.box.x0 != line.box.x0 {
            xs.removeAll(where: atRowStart)
        } else {
            xs.append(rowStart)
        }
        return xs
    }

    /// Whether a line beside or under a role's field may carry more of it:
    /// personal names must read as names; the hosts go on up to a line that
    /// opens with a label (an institution's name holds no colon).
    /// A line that opens with a label OCR misread past knowing (`婉牧：周立新…`
    /// for 统筹) is another field, not more names. Nor is a line in another
    /// script than the names before it (`Wo`, a contact line under Han names
    /// OCR read as two Latin letters, v11915).
    func continues(_ role: String, with text: String, after runs: [String] = []) -> Bool {
        !StaffLines.opensWithLabel(text)
            && (role == rules?.hostsRole ? continuesHosts(with: text, after: runs)
                : names.plausible(text) && !changesScript(text, after: runs))
    }

    /// Under the hosts, a line that reads as personal names is more of them only
    /// where it names a known host or a piece of one: else it is the names of a
    /// field whose label OCR set on another line (`编辑：王思` over
    /// `远刘婧陈晓冬`, v12104).
    func continuesHosts(with text: String, after runs: [String]) -> Bool {
        guard !(lexicon?.hosts ?? []).isEmpty, names.plausible(text) else { return true }
        return isPartOfAKnownHost(text) || knownHosts(in: runs + [text]) != nil
    }

    /// Whether names read in Han so far would go on in a line with no Han letter.
    func changesScript(_ text: String, after runs: [String]) -> Bool {
        let hasHan = { (s: String) in s.unicodeScalars.contains(where: CJKCharacters.isHan) }
        return runs.contains(where: hasHan) && !hasHan(text) && text.contains(where: \.isLetter)
    }

    /// An OCR line just under a staff field, in its column, that opens with a
    /// label no role reads as (`婉牧：周立新孙海斤起一唤`, 统筹 misread past
    /// knowing) before personal names: another field of the box whose role is
    /// unknown, so its names are given to no role.
    func isUnreadRole(_ line: TextLine, text: String, under used: [TextLine]) -> Bool {
        guard line.confidence != nil, StaffLines.opensWithLabel(text), !isLabelled(text),
              let colon = text.firstIndex(where: { "：:".contains($0) }) else { return false }
        let rest = String(text[text.index(after: colon)...]).trimmingScalars(in: StaffParser.leading)
        guard !rest.isEmpty, StaffLines.looksLikeNames(rest), names.plausible(rest) else { return false }
        return used.contains { field in
            abs(field.box.x0 - line.box.x0) < 1.5 * line.size && line.box.y0 > field.box.y0
                && line.box.y0 - field.box.y1 < 2 * line.size
        }
    }

    /// The hosts' field up to a contact whose label OCR misread past cutting at
    /// it (`天津滨海综合发展研究院妃话022-66222942`, 电 of 电话 read 妃, v10601):
    /// the contact patterns still find the number, and the field ends there.
    func beforeAContact(_ text: String) -> String {
        let starts = contactPatterns.compactMap { $0.pattern.match(text)?["_start"].flatMap { Int($0) } }.filter { $0 > 0 }
        return starts.min().map { text.utf16Prefix($0) } ?? text
    }

    /// A line that starts with a role or a contact label is not a name.
    func isLabelled(_ text: String) -> Bool {
        let trimmed = text.trimmingScalars(in: StaffParser.leading)
        return labels.contains { trimmed.hasPrefix($0) } || contactPatterns.contains { $0.pattern.matches(in: text) }
    }

    /// The contacts on a line, or on a bare label and the value beside it, or
    /// with a number that wrapped onto the line below; the lines it used.
    func readContacts(_ line: TextLine, text: String, beside: TextLine?, below: TextLine?,
                      into result: inout Result, page: Int) -> [TextLine] {
        var used: [TextLine] = []
        // The three readings are the same for every pattern: built once, the
        // wrapped one only when a pattern gets that far.
        let besideReading = text + " " + (beside?.text ?? "")
        var wrappedReading: String?
        for (field, pattern) in contactPatterns {
            // The wrapped reading holds the two lines' scalars and a space at
            // most (`CJKText.joinWrapped`): where neither line may hold a match
            // (`Pattern.mayMatch`), neither may it, and it is not built.
            let wraps = pattern.mayMatch(text) || pattern.mayMatch(below?.text ?? "")
            let readings: [(() -> String?, TextLine?)] = [({ text }, nil), ({ besideReading }, beside), ({
                guard wraps else { return nil }
                if let done = wrappedReading { return done }
                let joined = CJKText.joinWrapped(text, below?.text ?? "")
                wrappedReading = joined
                return joined
            }, below)]
            let found = readings.lazy.compactMap({ reading, extra in
                reading().flatMap { pattern.match($0)?["value"] }.map { ($0, extra) }
            })
            guard let first = found.first else { continue }
            // A number the line's end cut short (`传真:022-6622294` with its `0` wrapped
            // below, LibreOffice) matches alone: the wrapped reading that runs it on wins.
            let wrapped = first.1 == nil && text.hasSuffix(first.0) ? readings[2].0().flatMap { pattern.match($0)?["value"] } : nil
            let (value, extra) = wrapped.flatMap { runsOn(first.0, $0) && hasKnownLength($0) ? ($0, below) : nil } ?? first
            // OCR reads the hyphen of a phone number as _, a dash or a point, and
            // a digit it could not make out as ? or a colon, and a digit as a letter
            // (`U22-…`, `66?222a42`; a pattern may let those in): such a number is only
            // the lexicon's, one digit off or two unread, or none.
            let read = String(value.filter { !$0.isWhitespace }.map {
                "_—－–~.·".contains($0) ? "-" : "?？:：".contains($0) || ($0.isASCII && $0.isLetter) ? "?" : $0
            })
            let other = field == "phone" ? result.contacts.fax : result.contacts.phone
            let clean = line.confidence == nil ? read : knownNumber(read, notTaken: other) ?? read
            guard !clean.contains("?"), line.confidence == nil || clean != read || hasKnownLength(read) else { continue }
            used += [line] + (extra.map { [$0] } ?? [])
            if clean != read {
                result.warnings.append(Warning(code: "lexicon-corrected",
                                               message: "\(field) read as '\(read)', taken as the lexicon's '\(clean)'", page: page))
            }
            // The first reading stays, unless a later one runs it on (the line's own, with its wrapped end,
            // after the row's line before it read it cut short beside its own number).
            if field == "phone", result.contacts.phone.map({ runsOn($0, clean) }) ?? true { result.contacts.phone = clean }
            if field == "fax", result.contacts.fax.map({ runsOn($0, clean) }) ?? true { result.contacts.fax = clean }
        }
        return used
    }

    /// The line a contact on line `index` may have wrapped onto: below one of
    /// its row's starts, the one that completes a contact with the line where
    /// one does, else the nearest. A box's other column can stand on the row
    /// (`主` of a 主办 wrapped in its cell, `办：院` below it), left of the
    /// row's own start where the number went on (`传真：` over `022-66222940`).
    func wrappedBelow(_ index: Int, text: String, in page: PageLines) -> TextLine? {
        let x = page.lines[index].box.x0
        let below = StaffLines.rowStarts(of: index, in: page).sorted { abs($0 - x) < abs($1 - x) }
            .compactMap { StaffLines.column(below: index, in: page, at: [$0], isLabelled: isLabelled).first }
        return below.first { next in
            let joined = CJKText.joinWrapped(text, next.text)
            return contactPatterns.contains { $0.pattern.matches(in: joined) }
        } ?? below.first
    }

    /// Whether `longer` is `number` with more digits after it (spaces aside).
    func runsOn(_ number: String, _ longer: String) -> Bool {
        let short = number.filter { !$0.isWhitespace }, long = longer.filter { !$0.isWhitespace }
        return long.count > short.count && long.hasPrefix(short)
    }

    /// The publication's own number (`lexicon.numbers`) an OCR reading is one digit
    /// off, two it could not make out counting as one (`readingDistance`)
    /// (`022-56222940` for 022-66222940; a digit lost or read twice at a
    /// row's end, `022-6622294`, `022-66222 2942`), its hyphen read or lost
    /// (`022 66222940`): only one such, the other contact's number aside (a
    /// phone and a fax one digit apart are told apart by the one read first).
    func knownNumber(_ read: String, notTaken taken: String? = nil) -> String? {
        let numbers = lexicon?.numbers ?? []
        if let same = numbers.first(where: { Self.digits($0) == Self.digits(read) }) { return same }
        let near = numbers.filter { $0 != taken && Self.readingDistance(Self.digits($0), Self.digits(read)) <= 1 }
        return near.count == 1 ? near[0] : nil
    }

    /// The edits that turn a number's digits into OCR's reading of them, a `?`
    /// (a digit or a speck OCR could not make out) costing half an edit read
    /// for a digit or for nothing: `66?222?42` (`66?222a42`, v11610) is 66222942
    /// at one edit.
    static func readingDistance(_ number: String, _ read: String) -> Double {
        let b = Array(read)
        func cost(_ c: Character) -> Double { c == "?" ? 0.5 : 1 }
        // row[j]: the edits from the digits so far to the reading's first j characters.
        var row = (0...b.count).map { b.prefix($0).reduce(0) { $0 + cost($1) } }
        for (i, digit) in number.enumerated() {
            var next = [Double(i + 1)]
            for (j, read) in b.enumerated() {
                next.append(min(row[j] + (digit == read ? 0 : cost(read)), row[j + 1] + 1, next[j] + cost(read)))
            }
            row = next
        }
        return row[b.count]
    }

    /// Whether an OCR reading has as many digits as one of the publication's
    /// numbers (or there are none to go by): one with a digit more or less
    /// that is none of them is a misreading, not a number.
    func hasKnownLength(_ read: String) -> Bool {
        let numbers = lexicon?.numbers ?? []
        return numbers.isEmpty || numbers.contains { Self.digits($0).count == Self.digits(read).count }
    }

    /// A number's digits (and `?` for those OCR could not make out), without its separators.
    static func digits(_ number: String) -> String { number.filter { ("0"..."9").contains($0) || $0 == "?" } }

    func store(role: String, runs: [String], page: Int, into result: inout Result) {
        if role == rules?.hostsRole {
            // A host line read twice (OCR read a back cover's 主办 row twice over, v10419) names each host once.
            result.hosts += hosts(runs).filter { !result.hosts.contains($0) }
            return
        }
        var people: [String] = []
        let read = names.split(lines: runs)
        let besideRoster = read.map { names.corrected($0) }.contains(where: names.roster.contains)
        for name in read {
            let fixed = names.corrected(name, besideRoster: besideRoster)
            if fixed != name {
                result.warnings.append(Warning(code: "lexicon-corrected",
                                               message: "staff name read as '\(name)', taken as the roster's '\(fixed)'", page: page))
            }
            people.append(fixed)
        }
        guard !people.isEmpty else { return }
        if let index = result.staff.firstIndex(where: { $0.role == role }) {
            result.staff[index].names += people
        } else {
            result.staff.append(StaffEntry(role: role, names: people))
        }
    }

    /// The known hosts the runs name, read as one text (a name may wrap onto the
    /// next line), where they cover its letters (nil: they do not). A mark OCR
    /// read into a name (`天#；综合发展研究院`) is no letter: the line is still hosts.
    func knownHosts(in runs: [String]) -> [String]? {
        let text = runs.joined().withoutWhitespace
        // Long names: 4 misread or lost characters in 11 still name one (天津深海综4发展研).
        let found = (lexicon?.hosts ?? []).filter { EditDistance.substringSimilarity($0, in: text) >= 0.6 }
        // What the known names must cover is the letters: a number OCR joined to the line is no host.
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }.count
        guard !found.isEmpty, found.reduce(0, { $0 + $1.count }) >= letters * 4 / 5 else { return nil }
        return found.sorted { text.distance(to: $0) < text.distance(to: $1) }
    }

    /// A piece of a host's name OCR read apart from the rest of its line, past
    /// characters it could not read (`主办：天津；` … `合发展研究院`): three or
    /// more characters that stand in a known host's name.
    func isPartOfAKnownHost(_ text: String) -> Bool {
        let piece = text.withoutWhitespace
        return piece.count >= 3 && (lexicon?.hosts ?? []).contains { EditDistance.substringSimilarity(piece, in: $0) >= 0.8 }
    }

    /// Host institutions: the known hosts found in the runs read as one text
    /// (a name may wrap onto the next line); else one per separator, an OCR
    /// reading close to a known host taken as it.
    func hosts(_ runs: [String]) -> [String] {
        if let found = knownHosts(in: runs) { return found }
        let known = lexicon?.hosts ?? []
        let separators = names.separators
        return runs.flatMap { $0.split(whereSeparator: { $0.isWhitespace || separators.contains($0) }) }.map { token in
            let reading = String(token)
            return known.first { EditDistance.similarity($0, reading) >= 0.75 } ?? reading
        }
    }
}

private extension String {
    /// Where a known name (fuzzily) starts in this text, for ordering; its length when absent.
    func distance(to name: String) -> Int {
        guard let first = name.first, let index = firstIndex(of: first) else { return count }
        return self.distance(from: startIndex, to: index)
    }
}
