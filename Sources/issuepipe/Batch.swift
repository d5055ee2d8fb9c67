import ArgumentParser
import Dispatch
import Foundation
import IssuePipe
import Logging

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Convert many PDFs in isolated worker processes; resumable, with a report.",
        discussion: """
        Inputs are PDF files, folders (searched recursively for *.pdf, any case, \
        hidden files skipped) and list files (--from, one path a line, '-' for standard input). \
        Each input keeps a relative path that is mirrored under --out: \
        <out>/<relative path without .pdf>.json (and .stages/ with --stages). A folder's \
        files are relative to that folder; a file named directly or in a list is relative \
        to the working directory (or is just its name when outside it); --relative-to DIR \
        makes every input relative to DIR, which keeps output paths the same when the same \
        archive is converted in pieces (CI change lists, shards).

        Files are converted by --jobs worker processes, each converting file after file, with \
        a time limit per file (--timeout) and an address-space limit (--max-memory), so a \
        crash, hang or runaway allocation in poppler or tesseract fails that file only (error \
        codes worker-crashed, timeout). A worker that crashed or timed out is replaced; a file \
        whose worker crashed after converting others is tried once more in a fresh worker. \
        Workers are also replaced after --max-files-per-worker files and when their resident \
        memory passes --worker-rss-limit; the report counts the restarts (workers). OCR pages are \
        shared: a worker between files reads pages another worker's file waits for, one page at \
        a time, and the output is the same as without (--no-share-pages). A file whose output \
        already records the same input SHA-256, pipeline name and version, and libraries \
        (poppler, poppler-data, tesseract, tessdata: producedWith) is skipped; \
        --force converts it again. Outputs are written atomically, so a batch that is killed \
        can be rerun and redoes only what is missing.

        --shard K/N takes the K-th (from 1) of N stable, disjoint subsets, chosen by the \
        FNV-1a 64-bit hash of each relative path modulo N; merge the shards' reports with \
        'issuepipe report merge'.

        A file converted with a damaged-content or cmap-missing warning (poppler reported \
        errors in a page's content, or lacks the CMaps of a font: text may be missing) has \
        status partial: written, counted apart from converted, and an exit status 1 with \
        --fail-on warning.

        Exit status: 0 every file converted (or partial) or skipped; 1 a file failed (or, with \
        --fail-on warning, had warnings); 2 usage error; 130 stopped by SIGINT, 143 by \
        SIGTERM (workers are killed and the report so far is written first).

        Examples:
          issuepipe batch archive/ --out json/ --report report.json
          git diff --name-only HEAD~1 -- 'archive/*.pdf' | issuepipe batch --from - --relative-to archive --out json/
          issuepipe batch archive/ --out json/ --shard $((JOB_COMPLETION_INDEX + 1))/8 --report report-$JOB_COMPLETION_INDEX.json
          issuepipe batch corpus/ --out out/ --passwords PASSWORDS.tsv --ocr never --jobs 2 --timeout 60
          issuepipe batch archive/ --out json/ --index archive.sqlite
        """
    )

    @Argument(help: ArgumentHelp("PDF files and folders.", valueName: "path"), completion: .file())
    var inputs: [String] = []

    @Option(name: .customLong("from"), help: ArgumentHelp("A file listing inputs, one a line ('-': standard input). Repeatable.", valueName: "list"))
    var lists: [String] = []

    @Option(help: ArgumentHelp("Folder for the JSON outputs (mirrors the inputs' relative paths).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Make every input's relative path relative to this folder.", valueName: "dir"))
    var relativeTo: String?

    @Flag(help: "Also write each file's stage dumps to <out>/<relative path>.stages/.")
    var stages = false

    @OptionGroup var pipelineOptions: PipelineOptions

    @Option(help: ArgumentHelp("TSV of file name (or relative path) and user password, one file a line; a file's own entry wins over --password.", valueName: "file"))
    var passwords: String?

    @Option(name: .shortAndLong, help: "Files converted at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Seconds a file may take before its worker is killed (0: no limit).", valueName: "seconds"))
    var timeout: Double = 300

    @Option(help: ArgumentHelp("Address-space limit of each worker, e.g. 4G, 512M (0: none).", valueName: "size"))
    var maxMemory: String = "4G"

    @Option(help: ArgumentHelp("Replace a worker process after this many files (0: never).", valueName: "n"))
    var maxFilesPerWorker: Int = 200

    @Option(help: ArgumentHelp("Replace a worker whose resident memory has grown past this after a file, e.g. 1G (0: no limit).",
                               valueName: "size"))
    var workerRssLimit: String = "1G"

    @Flag(inversion: .prefixedNo,
          help: "Read OCR pages of any file on any free worker, so one long scan does not leave workers idle (with --jobs 2 or more).")
    var sharePages = true

    @Flag(help: "When another batch is writing to the same --out, wait for it instead of exiting 2.")
    var wait = false

    @Flag(help: "Convert files again even when their output is up to date.")
    var force = false

    @Option(help: ArgumentHelp("Convert only the K-th of N stable subsets (K from 1).", valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Write a JSON report of every file here.", valueName: "file"))
    var report: String?

    @Option(help: "Print results as text, or as GitHub Actions annotations on standard output.")
    var format: ResultFormat = .text

    @Option(help: ArgumentHelp("Index each output into this archive (SQLite) as it is written; see 'issuepipe index'.", valueName: "db"))
    var index: String?

    @Option(help: "What makes the exit status 1: a failed file (error), or also a warning (warning).")
    var failOn: FailOn = .error

    @Flag(name: .shortAndLong, help: "Print only failures.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every file, skip reasons and what workers write to standard error.")
    var verbose = false

    func validate() throws {
        if inputs.isEmpty && lists.isEmpty { throw ValidationError("Give PDF files or folders, or --from LIST.") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if timeout < 0 { throw ValidationError("--timeout must be 0 (no limit) or more.") }
        if parseByteSize(maxMemory) == nil { throw ValidationError("--max-memory takes a size such as 4G or 512M, or 0 for no limit.") }
        if maxFilesPerWorker < 0 { throw ValidationError("--max-files-per-worker must be 0 (no limit) or more.") }
        if parseByteSize(workerRssLimit) == nil { throw ValidationError("--worker-rss-limit takes a size such as 1G or 512M, or 0 for no limit.") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose do not go together.") }
        if lists.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input can be read once (--from -).") }
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError("\(error)") } }
    }

    private var password: String? { pipelineOptions.userPassword }
    private var pipeline: String? { pipelineOptions.pipeline }
    private var pipelines: String? { pipelineOptions.pipelines }
    private var ocr: OCRMode { pipelineOptions.ocr }

    func run() throws {
        ConsoleLogHandler.bootstrap(level: quiet ? .error : verbose ? .debug : .info)
        let logger = Logger(label: "issuepipe.batch")
        let started = Date()

        let (items, passwordBook, resume) = try readCommandLine()
        if (try? IssueSchema.validator()) == nil {
            logger.warning("the JSON Schema was not found next to the binary: outputs are written without the schema check (set ISSUEPIPE_SCHEMA)")
        }

        let outFolder = URL(fileURLWithPath: out).standardizedFileURL
        let lock = try lockOutputFolder(outFolder)
        let configuration = BatchConfiguration(
            items: items, outputFolder: outFolder, writeStages: stages, jobs: jobs,
            timeout: timeout > 0 ? timeout : nil, maxMemoryBytes: parseByteSize(maxMemory) ?? nil, force: force,
            passwords: passwordBook, pipeline: pipeline, pipelinesFolder: pipelines, ocrMode: ocr,
            keepFurniture: pipelineOptions.keepFurniture, resume: resume, launcher: WorkerLauncher(executable: currentExecutable()),
            maxFilesPerWorker: maxFilesPerWorker, workerRSSLimit: parseByteSize(workerRssLimit) ?? nil, sharePages: sharePages)

        let progress = BatchProgress(total: items.count, logger: logger, verbose: verbose, quiet: quiet)
        let indexing = try index.map { try openIndex($0) }
        let runner = BatchRunner(configuration) { progress.handle($0); indexing?.handle($0) }
        let sources = stopOnSignals(progress: progress, runner: runner)

        logger.debug("\(items.count) files, \(jobs) at a time, output in \(outFolder.path)")
        progress.start()
        let outcome = withExtendedLifetime((sources, lock)) { runner.run() }
        progress.end()

        let batchReport = BatchReport(pipeline: pipeline ?? "auto", ocr: ocr.rawValue, shard: shard.flatMap { try? Shard(parsing: $0) }?.description,
                                      interrupted: outcome.stoppedBy != nil, wallSeconds: Date().timeIntervalSince(started),
                                      files: outcome.records, notStarted: outcome.notStarted, workers: outcome.workers)
        let reportWritten = report.map { writeReport(batchReport, to: $0, logger: logger) } ?? true
        if format == .github { printAnnotations(batchReport) }
        if !quiet { printErr(summary(batchReport, report: reportWritten ? report : nil)) }

        if let signal = outcome.stoppedBy { throw ExitCode(signal == SIGTERM ? ExitStatus.terminated : ExitStatus.interrupted) }
        let totals = batchReport.totals
        if totals.failed > 0 || !reportWritten || (failOn == .warning && totals.warnings > 0) || (indexing?.failed ?? 0) > 0 { throw ExitCode(ExitStatus.failed) }
    }

    private func openIndex(_ path: String) throws -> BatchIndexing {
        do { return try BatchIndexing(path: path, logger: Logger(label: "issuepipe.index")) } catch {
            printErr("issuepipe: \(error)")
            throw ExitCode(ExitStatus.failed)
        }
    }

    /// Everything that can be wrong with the command line, found before any work:
    /// the files to convert, their passwords and what resume compares outputs with.
    private func readCommandLine() throws -> (items: [BatchItem], passwords: PasswordBook, resume: ResumeCheck) {
        do {
            var paths = inputs
            for list in lists { paths += BatchInputs.parseList(try readList(list)) }
            var items = try BatchInputs.collect(paths, relativeTo: relativeTo)
            if let shard { let s = try Shard(parsing: shard); items = items.filter { s.contains($0.relativePath) } }

            var byName: [String: String] = [:]
            if let passwords {
                do { byName = try PasswordBook.parseTSV(try String(contentsOfFile: passwords, encoding: .utf8)) } catch let error as BatchUsageError {
                    throw error
                } catch {
                    throw BatchUsageError("cannot read --passwords \(passwords): \(error.localizedDescription)")
                }
            }
            let catalog = PipelineCatalog(folder: pipelines.map { URL(fileURLWithPath: $0) })
            let resume = ResumeCheck(pipeline: try pipeline.map(catalog.named), catalog: try catalog.all())
            return (items, PasswordBook(fallback: password, byName: byName), resume)
        } catch let error as BatchUsageError {
            throw ValidationError(error.message)
        } catch let error as IssuePipeError {
            printErr("issuepipe: \(error)")
            // batch exits 0, 1 or 2; the family of each file's failure is in its report.
            throw ExitCode(error.family == .usage ? ExitStatus.usage : ExitStatus.failed)
        }
    }

    /// A `--from` list's text: a file, or standard input for `-`.
    private func readList(_ list: String) throws -> String {
        if list == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        do { return try String(contentsOfFile: list, encoding: .utf8) } catch {
            throw BatchUsageError("cannot read the list \(list): \(error.localizedDescription)")
        }
    }

    /// Two batches on one folder would delete each other's temporary files.
    private func lockOutputFolder(_ outFolder: URL) throws -> OutputLock {
        do { return try OutputLock(folder: outFolder, wait: wait) } catch let error as OutputLock.Busy {
            printErr("issuepipe: \(IssuePipeError.printable(outFolder.path)): \(error.message)")
            throw ExitCode(ExitStatus.usage)
        } catch {
            printErr("issuepipe: \(IssuePipeError.printable(outFolder.path)): cannot lock the output folder: \(error)")
            throw ExitCode(ExitStatus.failed)
        }
    }

    /// SIGINT/SIGTERM: stop launching, kill the workers, write the report so far.
    /// The sources must be kept alive for as long as the batch runs.
    private func stopOnSignals(progress: BatchProgress, runner: BatchRunner) -> [DispatchSourceSignal] {
        signal(SIGPIPE, SIG_IGN)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                progress.stopping(signalNumber)
                runner.stop(signal: signalNumber)
            }
            source.resume()
            sources.append(source)
        }
        return sources
    }

    /// Writes `--report`; false when it could not go there. The report is the only
    /// record of what failed: it then goes somewhere else, and the message says where.
    private func writeReport(_ batchReport: BatchReport, to report: String, logger: Logger) -> Bool {
        do {
            try writeAtomically(try encodeJSON(batchReport), to: URL(fileURLWithPath: report))
            return true
        } catch {
            let fallback = FileManager.default.temporaryDirectory.appendingPathComponent("issuepipe-report-\(getpid()).json")
            if (try? writeAtomically(try encodeJSON(batchReport), to: fallback)) != nil {
                logger.error("cannot write the report: \(error); it was written to \(fallback.path)")
            } else {
                logger.error("cannot write the report: \(error); it follows on standard output")
                try? FileHandle.standardOutput.write(contentsOf: encodeJSON(batchReport))
            }
            return false
        }
    }

    private func printAnnotations(_ report: BatchReport) {
        for file in report.files {
            if let error = file.error {
                printOut(GitHubAnnotation.line(.error, file: file.input, title: "issuepipe: \(error.code)", message: error.message))
            }
            for warning in file.warnings {
                let page = warning.page.map { " (page \($0))" } ?? ""
                printOut(GitHubAnnotation.line(failOn == .warning ? .error : .warning, file: file.input,
                                               title: "issuepipe: \(warning.code)", message: warning.message + page))
            }
        }
    }
}
