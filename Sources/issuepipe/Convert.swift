import ArgumentParser
import Foundation
import IssuePipe

/// Output formats of `convert`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, markdown
}

extension OCRMode: ExpressibleByArgument {}

/// Options shared by every command that runs the pipeline.
struct PipelineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Pipeline name (see Pipelines/) or a YAML file; default: the one whose rules match page 1.",
                               valueName: "name|file"))
    var pipeline: String?

    @Option(help: ArgumentHelp("Folder of pipeline YAML files (default: ./Pipelines, $ISSUEPIPE_PIPELINES).", valueName: "dir"))
    var pipelines: String?

    @Option(help: "When to OCR a page: auto (the judge decides per page), force, never.")
    var ocr: OCRMode = .auto

    @Option(help: "User password of encrypted PDFs (visible to other users in ps: prefer --password-file or $ISSUEPIPE_PASSWORD).")
    var password: String?

    @Option(help: ArgumentHelp("Read the user password from the first line of this file ('-': standard input).", valueName: "file"))
    var passwordFile: String?

    func validate() throws {
        if password != nil, passwordFile != nil { throw ValidationError("give --password or --password-file, not both") }
        if let passwordFile, PasswordInput.read(passwordFile) == nil { throw ValidationError("cannot read --password-file \(passwordFile)") }
    }

    /// --password, else the first line of --password-file, else $ISSUEPIPE_PASSWORD.
    var userPassword: String? {
        if let password { return password }
        if let passwordFile { return PasswordInput.read(passwordFile) ?? nil }
        return ProcessInfo.processInfo.environment["ISSUEPIPE_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
    }

    @Flag(help: "Add the lines dropped as headers, footers, page numbers and decorations under 'furniture'.")
    var keepFurniture = false

    func convertOptions(stages: String?, jobs: Int) -> ConvertOptions {
        var options = ConvertOptions(password: userPassword, stagesFolder: stages.map { URL(fileURLWithPath: $0) }, pipeline: pipeline,
                       pipelinesFolder: pipelines.map { URL(fileURLWithPath: $0) }, ocrMode: ocr, jobs: jobs,
                       keepFurniture: keepFurniture)
        options.beforeOCR = OpenMPLimit.restartIfNeeded
        return options
    }
}

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert one PDF into issue JSON (or Markdown).",
        discussion: """
        Examples:
          issuepipe convert issue.pdf -o issue.json
          issuepipe convert issue.pdf -o issue.json --stages debug/
          issuepipe convert issue.pdf --format markdown -o issue.md
          issuepipe convert scan.pdf -o scan.json --ocr force --jobs 2

        Exit status: 0 converted; 1 failed (or, with --fail-on warning, the output \
        has warnings); 2 usage error or invalid pipeline; 3 input missing, not a \
        PDF, truncated or damaged; 4 encrypted (no or wrong password); 5 missing \
        dependency (tesseract language data); 6 output not writable; 7 limit \
        exceeded; 130/143 interrupted. The reason is printed on one line.
        """
    )

    @Argument(help: "The PDF to convert.", completion: .file(extensions: ["pdf"]))
    var input: String

    @Option(name: .shortAndLong, help: "Where to write the output ('-' or nothing: standard output).")
    var output: String?

    @Option(help: ArgumentHelp("Write each stage's output into this folder (1-extract.json … 5-structure.json).",
                               valueName: "dir"))
    var stages: String?

    @Option(help: ArgumentHelp("Reuse the extract, judge and OCR dumps of an earlier --stages run of this PDF; only clean and structure run again.",
                               valueName: "dir"))
    var reuseStages: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .json

    @Option(help: "Pages OCR'd in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print how long each stage took to standard error.")
    var timings = false

    @Option(help: "What makes the exit status 1: a failure (error), or also a warning in the output (warning).")
    var failOn: FailOn = .error

    @Option(help: ArgumentHelp("Stop after this many seconds, write nothing and exit 7 (0: no limit).", valueName: "seconds"))
    var timeout: Double = 300

    @Option(help: ArgumentHelp("Address-space limit, e.g. 4G or 512M (0: none), plus 1G per --jobs past the first. A page image that does not fit is left empty (page-over-limit, exit 7).",
                               valueName: "size"))
    var maxMemory: String = "4G"

    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if timeout < 0 { throw ValidationError("--timeout must be 0 (no limit) or more.") }
        if parseByteSize(maxMemory) == nil { throw ValidationError("--max-memory takes a size such as 4G or 512M, or 0 for no limit.") }
    }

    var convertOptions: ConvertOptions {
        var options = pipelineOptions.convertOptions(stages: stages, jobs: jobs)
        options.reuseStages = reuseStages.map { URL(fileURLWithPath: $0) }
        return options
    }

    func run() throws {
        // Swift decodes the command line as UTF-8, replacing what is not: such a
        // file is read through an alias named with \xNN escapes.
        var input = self.input
        if let raw = NonUTF8Argument.raw(matching: input) {
            let escaped = BatchInputs.escapedName(raw)
            do {
                let alias = try RawPathAlias.make(to: RawPathAlias.absolute(raw), name: (escaped as NSString).lastPathComponent)
                input = alias.path
                printErr("issuepipe: \(escaped): the file name is not UTF-8; it is converted and named with \\x escapes (\(alias.lastPathComponent))")
                atexit { RawPathAlias.removeAll() }   // every way out, exit() included
            } catch {
                printErr("issuepipe: \(error)")
                throw ExitCode(ExitFamily.input.exitCode)
            }
        }
        if let bytes = ConvertLimits.memoryBytes(base: parseByteSize(maxMemory) ?? nil, jobs: jobs) {
            ConvertLimits.limitMemory(bytes, input: input)
        }
        if timeout > 0 {
            let written = [output].compactMap { $0 }.filter { $0 != "-" }.map { URL(fileURLWithPath: $0) }
            ConvertLimits.startWatchdog(seconds: timeout, input: input, outputs: written,
                                        stagesFolder: stages.map { URL(fileURLWithPath: $0) })
        }
        do {
            let start = DispatchTime.now().uptimeNanoseconds
            let conversion = try IssuePipe.convertTimed(URL(fileURLWithPath: input),
                                                        options: convertOptions)
            let issue = conversion.issue
            let data = switch format {
            case .json: try encodeJSON(issue)
            case .markdown: Data(renderMarkdown(issue, labels: conversion.pipeline.markdown ?? MarkdownLabels()).utf8)
            }
            if let output, output != "-" {
                try writeAtomically(data, to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(data)
            }
            if timings {
                var report = conversion.timings.stages.map { String(format: "%-10@ %8.4f s", $0.stage, $0.seconds) }
                let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                report.append(String(format: "%-10@ %8.4f s (%d pages)", "total", wall, issue.source.pageCount))
                FileHandle.standardError.write(Data((report.joined(separator: "\n") + "\n").utf8))
            }
            if let dropped = issue.warnings.first(where: { $0.code == "page-over-limit" }) {
                printErr("issuepipe: \(IssuePipeError.printable(input)): \(dropped.message) (limit exceeded; the output was written)")
                throw ExitCode(ExitFamily.limit.exitCode)
            }
            if failOn == .warning, !issue.warnings.isEmpty {
                FileHandle.standardError.write(Data("issuepipe: \(input): \(issue.warnings.count) warning(s) (--fail-on warning)\n".utf8))
                throw ExitCode(ExitStatus.failed)
            }
        } catch let error as IssuePipeError {
            FileHandle.standardError.write(Data("issuepipe: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}

/// A password file is read once (standard input can be read only once).
enum PasswordInput {
    nonisolated(unsafe) private static var cache: [String: String?] = [:]

    /// The file's first line without its line end; nil if it cannot be read.
    static func read(_ path: String) -> String?? {
        if let known = cache[path] { return .some(known) }
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data, let text = String(data: data, encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        cache[path] = line
        return .some(line)
    }
}

/// The raw bytes of a command-line argument that is not valid UTF-8 and reads as `text` once decoded.
enum NonUTF8Argument {
    static func raw(matching text: String) -> [UInt8]? {
        guard text.unicodeScalars.contains("\u{FFFD}") else { return nil }
        for index in 0..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            if String(validating: bytes, as: UTF8.self) == nil, String(decoding: bytes, as: UTF8.self) == text { return bytes }
        }
        return nil
    }
}
