import Foundation

/// Character-level differences between two strings (which articles and
/// paragraphs to compare is decided by `EditDistance.similarity`).
public enum TextDiff {
    /// A run of characters both strings share, or that only one has.
    public enum Segment: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The differences from `old` to `new`, by character (grapheme), as few runs as the
    /// longest common subsequence gives: the common prefix and suffix, and between
    /// them the standard library's Myers difference, removals before additions
    /// at each place. Myers's cost grows with the lengths times the number of
    /// changes, not with the product of the lengths, so no size cap is needed and a
    /// long paragraph with a few characters changed shows as those few changes.
    public static func segments(_ old: String, _ new: String) -> [Segment] {
        let a = Array(old), b = Array(new)
        let prefix = zip(a, b).prefix { $0 == $1 }.count
        let suffix = zip(a[prefix...].reversed(), b[prefix...].reversed()).prefix { $0 == $1 }.count
        let endA = a.count - suffix, endB = b.count - suffix
        var runs = SegmentRuns()
        runs.append(.same, a[..<prefix])
        var i = prefix, j = prefix
        let common = commonSubsequence(Array(a[prefix..<endA]), Array(b[prefix..<endB]), equal: ==)
        for (x, y) in common.map({ ($0 + prefix, $1 + prefix) }) {
            runs.append(.removed, a[i..<x])
            runs.append(.added, b[j..<y])
            runs.append(.same, a[x...x])
            i = x + 1
            j = y + 1
        }
        runs.append(.removed, a[i..<endA])
        runs.append(.added, b[j..<endB])
        runs.append(.same, a[endA...])
        return runs.segments
    }

    /// Pairs of equal elements of the longest common subsequence of two sequences, as index pairs:
    /// what the standard library's difference (Myers) neither removes nor inserts.
    static func commonSubsequence<T>(_ a: [T], _ b: [T], equal: (T, T) -> Bool) -> [(Int, Int)] {
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in b.difference(from: a, by: equal) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        return Array(zip(a.indices.filter { !removed.contains($0) }, b.indices.filter { !inserted.contains($0) }))
    }

    /// Indices (into `values`) of one longest strictly increasing subsequence.
    static func longestIncreasing(_ values: [Int]) -> Set<Int> {
        var tails: [Int] = []          // index into values of the smallest tail of each length
        var parent = [Int](repeating: -1, count: values.count)
        for (index, value) in values.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if values[tails[mid]] < value { low = mid + 1 } else { high = mid }
            }
            if low > 0 { parent[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var result = Set<Int>()
        var cursor = tails.last ?? -1
        while cursor >= 0 { result.insert(cursor); cursor = parent[cursor] }
        return result
    }
}

/// Segments built run by run: characters of the same kind as the run before
/// join it, and empty runs are left out.
private struct SegmentRuns {
    enum Kind { case same, removed, added }
    private var runs: [(kind: Kind, text: String)] = []

    mutating func append(_ kind: Kind, _ characters: ArraySlice<Character>) {
        guard !characters.isEmpty else { return }
        if runs.last?.kind == kind {
            runs[runs.count - 1].text.append(contentsOf: characters)
        } else {
            runs.append((kind, String(characters)))
        }
    }

    var segments: [TextDiff.Segment] {
        runs.map { run in
            switch run.kind {
            case .same: .same(run.text)
            case .removed: .removed(run.text)
            case .added: .added(run.text)
            }
        }
    }
}
