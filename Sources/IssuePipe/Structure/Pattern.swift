import Foundation

/// A compiled pattern from a pipeline YAML, with named-group access. Invalid
/// patterns are caught when the pipeline is loaded (see `PipelineDefinition.validate`).
struct Pattern: @unchecked Sendable {
    let regex: NSRegularExpression
    /// The pattern's named groups, in order.
    let names: [String]
    /// A scalar every match holds (`requiredScalar`): a text without it is
    /// not handed to ICU, which would first copy it to UTF-16.
    let required: Unicode.Scalar?

    /// Patterns compiled so far in this process, by source: the structure stage
    /// builds its rules' patterns over and over, and compiling was an eighth of
    /// a born-digital conversion. NSRegularExpression is immutable and may be
    /// shared across threads. Nil: the source does not compile.
    private static let compiled = Locked<[String: Pattern?]>([:])

    init?(_ pattern: String?) {
        guard let pattern else { return nil }
        let known = Pattern.compiled.withLock { cache -> Pattern? in
            if let entry = cache[pattern] { return entry }
            let made = (try? NSRegularExpression(pattern: pattern)).map {
                Pattern(regex: $0, names: Pattern.groupNames(pattern), required: Pattern.requiredScalar(pattern))
            }
            cache[pattern] = .some(made)
            return made
        }
        guard let known else { return nil }
        self = known
    }

    private init(regex: NSRegularExpression, names: [String], required: Unicode.Scalar?) {
        self.regex = regex
        self.names = names
        self.required = required
    }

    /// Whether `text` may hold a match: false only where it lacks the scalar
    /// every match holds (never ASCII: a text made of others' scalars and
    /// spaces lacks it where they all do).
    @inline(__always)
    func mayMatch(_ text: String) -> Bool {
        guard let required else { return true }
        return text.unicodeScalars.contains(required)
    }

    /// The scalar a pattern opens with, when every match must hold it: a
    /// literal (not ASCII, so no metacharacter, and not followed by a
    /// quantifier) with no alternative beside it at the top level. ICU
    /// matches a literal by its code point (no flags are passed; an inline
    /// flag could only follow it). Anything this scan does not follow (`\Q`
    /// quoting, inline flags, `#` comments, `[]` sets) gives nil.
    static func requiredScalar(_ pattern: String) -> Unicode.Scalar? {
        let scalars = Array(pattern.unicodeScalars)
        guard let first = scalars.first, first.value > 0x7F, !pattern.contains("#"), !pattern.contains("[]"),
              !pattern.contains("[^]") else { return nil }
        if scalars.count > 1, "?*+{".unicodeScalars.contains(scalars[1]) { return nil }
        var groups = 0, sets = 0, i = 0
        while i < scalars.count {
            switch scalars[i] {
            case "\\":
                if i + 1 < scalars.count, scalars[i + 1] == "Q" { return nil }
                i += 2
                continue
            case "[": sets += 1
            case "]": if sets > 0 { sets -= 1 }
            case "(" where sets == 0:
                // An inline flag group (`(?i)`, `(?x:`): not followed.
                if i + 2 < scalars.count, scalars[i + 1] == "?", scalars[i + 2] == "-" || scalars[i + 2].properties.isAlphabetic {
                    return nil
                }
                groups += 1
            case ")" where sets == 0: groups -= 1
            case "|" where sets == 0 && groups == 0: return nil
            default: break
            }
            i += 1
        }
        return first
    }

    /// The first match within the time budget; nil if none, or if the budget
    /// ran out (recorded in `PatternBudget.current`, which stops the conversion).
    func firstMatch(_ text: String) -> NSTextCheckingResult? {
        let budget = PatternBudget.current
        if budget?.exceeded != nil || !mayMatch(text) { return nil }
        var deadline = PatternBudget.Deadline()
        var found: NSTextCheckingResult?
        var timedOut = false
        // .reportProgress calls back during a long match, so a pattern that
        // backtracks without end ('(.+)+§') is stopped instead of hanging.
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) { m, _, stop in
            if let m { found = m; stop.pointee = true } else if deadline.isPast() { timedOut = true; stop.pointee = true }
        }
        if timedOut { budget?.record(regex.pattern) }
        return found
    }

    /// The named groups of the first match, or nil.
    func match(_ text: String) -> [String: String]? {
        guard let m = firstMatch(text) else { return nil }
        var groups: [String: String] = ["0": (Range(m.range, in: text).map { String(text[$0]) } ?? "")]
        for name in names {
            let r = m.range(withName: name)
            if r.location != NSNotFound, let sr = Range(r, in: text) { groups[name] = String(text[sr]) }
        }
        groups["_start"] = String(m.range.location)
        groups["_end"] = String(m.range.location + m.range.length)
        return groups
    }

    /// Every match's named groups.
    func matches(_ text: String) -> [[String: String]] {
        let budget = PatternBudget.current
        if budget?.exceeded != nil || !mayMatch(text) { return [] }
        var deadline = PatternBudget.Deadline()
        var found: [NSTextCheckingResult] = []
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) { m, _, stop in
            if let m { found.append(m) } else if deadline.isPast() { budget?.record(regex.pattern); stop.pointee = true }
        }
        return found.map { m in
            var groups: [String: String] = [:]
            for name in names {
                let r = m.range(withName: name)
                if r.location != NSNotFound, let sr = Range(r, in: text) { groups[name] = String(text[sr]) }
            }
            return groups
        }
    }

    func matches(in text: String) -> Bool { match(text) != nil }

    static func groupNames(_ pattern: String) -> [String] {
        let finder = try! NSRegularExpression(pattern: #"\(\?<([A-Za-z][A-Za-z0-9]*)>"#)
        let range = NSRange(pattern.startIndex..., in: pattern)
        return finder.matches(in: pattern, range: range).compactMap { Range($0.range(at: 1), in: pattern).map { String(pattern[$0]) } }
    }
}

/// The time a pipeline pattern may take on one line. A conversion runs its
/// clean and structure stages inside one budget (`PatternBudget.$current`);
/// the first pattern over it is recorded, later matches give up at once, and
/// the conversion stops with an `invalid-pipeline` error naming the pattern.
final class PatternBudget: Sendable {
    static let secondsPerMatch = 0.5
    @TaskLocal static var current: PatternBudget?
    private let first = Locked<String?>(nil)

    var exceeded: String? { first.withLock { $0 } }

    /// When a match runs out of budget. The budget is the CPU time this thread
    /// spends, not wall time: on a loaded machine a match can wait longer than
    /// the budget for a core without being a runaway pattern. That clock is a
    /// system call, not a vDSO read, and ICU reports progress at every position
    /// a search moves on to (a call per character of a line): the clock is read
    /// at the first report and then at every 64th, and the budget runs from the first.
    struct Deadline {
        private var end: Double?
        private var reports = 0

        mutating func isPast() -> Bool {
            reports += 1
            guard reports % 64 == 1 else { return false }
            guard let end else {
                end = threadCPUSeconds() + secondsPerMatch
                return false
            }
            return threadCPUSeconds() > end
        }
    }

    private static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
    func record(_ pattern: String) { first.withLock { if $0 == nil { $0 = pattern } } }
}
