import Foundation
import Testing
@testable import IssuePipe

/// The stages of a conversion as `ConvertOptions.onStage` saw them, in order.
final class StageOrder: Sendable {
    private let events = Locked<[StageEvent]>([])

    /// `options` with this recorder listening.
    func observing(_ options: ConvertOptions) -> ConvertOptions {
        var options = options
        options.onStage = { event in self.events.withLock { $0.append(event) } }
        return options
    }

    var seen: [StageEvent] { events.withLock { $0 } }

    /// The stages in the order they started.
    var started: [String] { seen.compactMap { event in if case .started(let stage) = event { stage } else { nil } } }

    /// Poppler is safe on several threads only after `extract` has read every
    /// page on the converting thread (`convertTimed`): the OCR stage, whose
    /// workers render pages in parallel, must start after it ends, and the
    /// stages run one at a time.
    func expectExtractBeforeOCR(sourceLocation: SourceLocation = #_sourceLocation) {
        let seen = self.seen
        let extractEnd = seen.firstIndex(of: .finished("extract"))
        let firstOCR = seen.firstIndex(of: .started("ocr"))
        #expect(extractEnd != nil && firstOCR != nil, "\(seen)", sourceLocation: sourceLocation)
        if let extractEnd, let firstOCR { #expect(extractEnd < firstOCR, "\(seen)", sourceLocation: sourceLocation) }
        let paired = stride(from: 0, to: seen.count, by: 2).allSatisfy { index in
            guard index + 1 < seen.count, case .started(let stage) = seen[index] else { return false }
            return seen[index + 1] == .finished(stage)
        }
        #expect(paired, "stages overlap: \(seen)", sourceLocation: sourceLocation)
    }
}
