import Foundation

/// Writes each stage's output as `<folder>/<n>-<stage>.json` when asked to
/// (`--stages DIR`), so a user can see where a wrong result came from.
public struct StageDumper: Sendable {
    public let folder: URL?
    public init(folder: URL?) { self.folder = folder }

    public static let order = ["extract", "judge", "ocr", "clean", "structure"]

    public func fileName(for stage: String) -> String {
        let index = (StageDumper.order.firstIndex(of: stage) ?? StageDumper.order.count) + 1
        return "\(index)-\(stage).json"
    }

    public func dump<T: Encodable>(_ value: T, stage: String) throws {
        guard let folder else { return }
        try writeAtomically(try encodeJSON(value), to: folder.appendingPathComponent(fileName(for: stage)))
    }
}
