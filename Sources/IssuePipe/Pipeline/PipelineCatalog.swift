import Foundation

/// Finds pipeline definitions: in `--pipelines DIR` alone when it is given,
/// else in `$ISSUEPIPE_PIPELINES` alone when it is set, else in `./Pipelines`
/// then the `Pipelines/` folder of the source tree the tool was built from.
/// (A folder named on purpose is not mixed with the defaults: a broken file
/// there would fail a run that asked for another folder.)
public struct PipelineCatalog: Sendable {
    public let folders: [URL]

    public init(folder: URL? = nil) {
        var candidates: [URL] = []
        if let folder {
            candidates = [folder]
        } else if let env = ProcessInfo.processInfo.environment["ISSUEPIPE_PIPELINES"], !env.isEmpty {
            candidates = [URL(fileURLWithPath: env)]
        } else {
            let sourceRoot = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Pipelines"),
                          sourceRoot.appendingPathComponent("Pipelines")]
        }
        folders = candidates.filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Every definition, first folder wins for a name, sorted by name.
    public func all() throws -> [PipelineDefinition] {
        var byName: [String: PipelineDefinition] = [:]
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            for file in files.sorted(by: { $0.path < $1.path }) where ["yaml", "yml"].contains(file.pathExtension) {
                let definition = try PipelineDefinition.load(file)
                if byName[definition.name] == nil { byName[definition.name] = definition }
            }
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    /// A definition by name, or by path to a YAML file.
    public func named(_ name: String) throws -> PipelineDefinition {
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/") {
            let url = URL(fileURLWithPath: name)
            guard FileManager.default.fileExists(atPath: url.path) else { throw IssuePipeError.pipelineNotFound(name: name) }
            return try PipelineDefinition.load(url)
        }
        guard let found = try all().first(where: { $0.name == name }) else {
            throw IssuePipeError.pipelineNotFound(name: name)
        }
        return found
    }

    /// The built-in fallback used when no file named `generic` is found.
    public static let generic = PipelineDefinition(name: "generic", version: "1")
}
