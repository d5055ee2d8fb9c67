/// How an issue is named on the command line (`2024-3`) and in messages
/// (`2024年第3期`, as the newsletter prints it).
public struct IssueLabel: Hashable, Sendable {
    public var year: Int?
    public var number: Int?

    public init(year: Int?, number: Int?) {
        self.year = year
        self.number = number
    }

    public init(_ issue: IssueInfo) { self.init(year: issue.year, number: issue.number) }

    /// `2024-3`; `?` for what the masthead did not give.
    public var short: String { "\(year.map(String.init) ?? "?")-\(number.map(String.init) ?? "?")" }

    /// `2024年第3期`.
    public var printed: String { "\(year.map(String.init) ?? "?")年第\(number.map(String.init) ?? "?")期" }

    /// Reads `2024-3` (also `2024/3`, `2024年第3期`).
    public static func parse(_ text: String) -> IssueLabel? {
        let digits = text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
        guard digits.count == 2, digits[0] >= 1000, digits[1] >= 1 else { return nil }
        return IssueLabel(year: digits[0], number: digits[1])
    }

    /// `2024年第4–6期` for numbers 4…6 of one year, `2024年第4期` for one.
    public static func printedRange(year: Int, _ numbers: ClosedRange<Int>) -> String {
        numbers.count == 1 ? "\(year)年第\(numbers.lowerBound)期" : "\(year)年第\(numbers.lowerBound)–\(numbers.upperBound)期"
    }
}
