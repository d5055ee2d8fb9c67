import Foundation

/// Wall time of each stage of one conversion, in seconds, in pipeline order.
public struct StageTimings: Codable, Hashable, Sendable {
    public var stages: [Entry] = []

    public struct Entry: Codable, Hashable, Sendable {
        public var stage: String
        public var seconds: Double
    }

    public init() {}

    public var total: Double { stages.reduce(0) { $0 + $1.seconds } }

    /// Runs one stage and records how long it took.
    mutating func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            stages.append(Entry(stage: stage, seconds: seconds))
        }
        return try body()
    }
}

/// A stage of one conversion starting or ending (`ConvertOptions.onStage`).
public enum StageEvent: Hashable, Sendable {
    case started(String)
    case finished(String)
}

/// Times a conversion's stages and tells `onStage` when each starts and ends.
struct StageClock {
    var timings = StageTimings()
    let onStage: (@Sendable (StageEvent) -> Void)?

    mutating func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        onStage?(.started(stage))
        defer { onStage?(.finished(stage)) }
        return try timings.measure(stage, body)
    }
}
