import ArgumentParser
import Foundation
import IssuePipe

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check issue JSON files against the schema and the pipeline's rules (for CI).",
        discussion: """
        Checks, in order: the file is JSON; it matches the JSON Schema shipped with \
        issuepipe (Draft 2020-12, see --print-schema; checked by issuepipe's own \
        interpreter of the keywords that schema uses); it decodes into the contract \
        types; schemaVersion is one this issuepipe knows; for every pipeline but \
        generic, the masthead was found (publication title, issue year and number); \
        every contents entry has its article (and the document has no toc-mismatch \
        warning); no article without blocks; page numbers within the PDF's page count. \
        The document's own warnings are shown as warnings.

        Folders are searched recursively for *.json (hidden files skipped).

        With --pipeline FILE, checks a pipeline definition alone instead: its YAML, \
        unknown keys (with their line), every regular expression and the named \
        groups its rule reads, numbers in their range. Exit 0 if it is valid, 2 if not.

        Exit status: 0 no errors; 1 errors (or, with --fail-on warning, warnings); 2 usage error.

        Examples:
          issuepipe validate --pipeline Pipelines/my-periodical.yaml
          issuepipe validate json/
          issuepipe validate --format github json/2024/bri-03.json
        """
    )

    @Argument(help: ArgumentHelp("Issue JSON files or folders.", valueName: "path"), completion: .file(extensions: ["json"]))
    var paths: [String] = []

    @Option(help: "Print findings as text, or as GitHub Actions annotations.")
    var format: ResultFormat = .text

    @Option(help: "What makes the exit status 1: errors, or also warnings.")
    var failOn: FailOn = .error

    @Flag(help: "Check only the schema, not the pipeline's rules.")
    var schemaOnly = false

    @Flag(help: "Print the JSON Schema and exit.")
    var printSchema = false

    @Flag(name: .shortAndLong, help: "Print only errors, and no summary.")
    var quiet = false

    @Option(help: ArgumentHelp("Check this pipeline YAML file alone.", valueName: "file"), completion: .file(extensions: ["yaml", "yml"]))
    var pipeline: String?

    func validate() throws {
        if paths.isEmpty && !printSchema && pipeline == nil { throw ValidationError("Give issue JSON files or folders to check.") }
    }

    func run() throws {
        if let pipeline {
            do {
                let definition = try PipelineDefinition.load(URL(fileURLWithPath: pipeline))
                if !quiet { Swift.print("\(pipeline): ok (\(definition.name) \(definition.version), \(definition.patterns.count) patterns)") }
                return
            } catch let error as IssuePipeError {
                printErr("issuepipe: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }
        if printSchema {
            let data: Data
            do { data = try IssueSchema.data() } catch { printErr("issuepipe: \(error)"); throw ExitCode(ExitStatus.failed) }
            try? FileHandle.standardOutput.write(contentsOf: data)
            return
        }
        let validator: IssueValidator
        do { validator = try IssueValidator.bundled() } catch {
            printErr("issuepipe: \(error)")
            throw ExitCode(ExitStatus.failed)
        }

        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                files += jsonFiles(under: path)
            } else {
                files.append(path)
            }
        }

        var errorCount = 0, warningCount = 0, badFiles = 0
        for file in files {
            let findings: [Finding]
            if let data = FileManager.default.contents(atPath: file) {
                findings = validator.validate(data, pipelineChecks: !schemaOnly)
            } else {
                findings = [Finding(severity: .error, code: "unreadable", message: "cannot read the file")]
            }
            let errors = findings.filter { $0.severity == .error }.count
            errorCount += errors
            warningCount += findings.count - errors
            if errors > 0 || (failOn == .warning && !findings.isEmpty) { badFiles += 1 }
            for finding in findings where !(quiet && finding.severity == .warning) {
                print(finding, file: file)
            }
        }
        if !quiet {
            printErr("\(files.count) file\(files.count == 1 ? "" : "s") checked: \(files.count - badFiles) passed, \(badFiles) failed; "
                     + "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")")
        }
        if badFiles > 0 { throw ExitCode(ExitStatus.failed) }
    }

    private func print(_ finding: Finding, file: String) {
        let at = [finding.pointer.map { "at \($0.isEmpty ? "/" : $0)" }, finding.page.map { "page \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        switch format {
        case .text:
            printOut("\(file): \(finding.severity.rawValue): \(finding.message) [\(finding.code)]\(at.isEmpty ? "" : " (\(at))")")
        case .github:
            let level: GitHubAnnotation.Level = finding.severity == .error || failOn == .warning ? .error : .warning
            printOut(GitHubAnnotation.line(level, file: file, title: "issuepipe validate: \(finding.code)",
                                           message: finding.message + (at.isEmpty ? "" : " (\(at))")))
        }
    }

    /// The issue JSON under a folder, as paths under it (stage dumps, `<name>.stages/`, are not issue JSON).
    private func jsonFiles(under folder: String) -> [String] {
        let root = URL(fileURLWithPath: folder)
        return FolderFiles.files(under: root, extension: "json", skipSuffix: "stages").compactMap { url in
            BatchInputs.relativePath(of: url, under: root).map { folder.hasSuffix("/") ? folder + $0 : folder + "/" + $0 }
        }.sorted()
    }
}
