/// A calendar day as a number (days since 1970-01-01), so print dates can be
/// subtracted and stepped by the cadence; proleptic Gregorian, integer
/// arithmetic only (Howard Hinnant's days-from-civil), no time zones.
public struct ISODay: Hashable, Comparable, Sendable {
    public var daysSince1970: Int

    public init(daysSince1970: Int) { self.daysSince1970 = daysSince1970 }

    /// Reads `2024-02-08`; nil for anything else (or a day that does not exist).
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let era = (m <= 2 ? y - 1 : y) / 400
        let yoe = (m <= 2 ? y - 1 : y) - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSince1970 = era * 146_097 + doe - 719_468
        guard self.iso == String(format4(y)) + "-" + pad2(m) + "-" + pad2(d) else { return nil }
    }

    /// `2024-02-08`.
    public var iso: String {
        let (y, m, d) = civil
        return format4(y) + "-" + pad2(m) + "-" + pad2(d)
    }

    public var year: Int { civil.year }

    private var civil: (year: Int, month: Int, day: Int) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func + (day: ISODay, days: Int) -> ISODay { ISODay(daysSince1970: day.daysSince1970 + days) }
    public static func - (a: ISODay, b: ISODay) -> Int { a.daysSince1970 - b.daysSince1970 }
    public static func < (a: ISODay, b: ISODay) -> Bool { a.daysSince1970 < b.daysSince1970 }
}

private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
private func format4(_ n: Int) -> String { n < 10 ? "000\(n)" : n < 100 ? "00\(n)" : n < 1000 ? "0\(n)" : "\(n)" }
