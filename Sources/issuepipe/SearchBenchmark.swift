import Foundation
import IssuePipe

/// `search --bench-queries FILE` (hidden; Benchmarks/archive_bench.py runs it):
/// every line of FILE searched in this one process, the time of each measured
/// without the process start, summarised as JSON on standard output.
enum SearchBenchmark {
    struct Summary: Codable {
        var queries: Int
        var medianMs: Double
        var p90Ms: Double
        var maxMs: Double
        var scanned: Int
        var withHits: Int
    }

    static func run(_ archive: ArchiveDatabase, queries path: String, request: (String) -> SearchRequest) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ArchiveError.badArgument("\(path): cannot read the queries")
        }
        let queries = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        var times: [Double] = []
        var scanned = 0, withHits = 0
        for query in queries {
            let start = DispatchTime.now().uptimeNanoseconds
            let results = try archive.search(request(query))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if results.method == "scan" { scanned += 1 }
            if results.total > 0 { withHits += 1 }
        }
        times.sort()
        func at(_ q: Double) -> Double { times.isEmpty ? 0 : (times[min(times.count - 1, Int(q * Double(times.count)))] * 100).rounded() / 100 }
        let summary = Summary(queries: times.count, medianMs: at(0.5), p90Ms: at(0.9), maxMs: at(1), scanned: scanned, withHits: withHits)
        try FileHandle.standardOutput.write(contentsOf: encodeJSON(summary))
    }
}
