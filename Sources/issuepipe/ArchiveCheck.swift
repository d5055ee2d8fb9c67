import ArgumentParser
import Foundation
import IssuePipe

/// `issuepipe archive …`: commands on a whole archive.
struct Archive: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Commands on a whole archive (index and search are their own commands).",
        subcommands: [ArchiveCheck.self]
    )
}

struct ArchiveCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that an archive's issues form a whole, regular series.",
        discussion: """
        Reads the issues of an archive (--db) or of issue JSON files and folders, and holds \
        them to the series: block of their pipeline's YAML (numbering per year or \
        continuous, cumulative numbers, cadence in days with a tolerance). Finds:
          gap                 issues missing between the first and the last (2024年第4–6期 missing)
          duplicate           the same issue from two files
          number              an issue number that breaks the sequence (likely value given)
          cumulative-number   a cumulative number that breaks the sequence (likely value given)
          numbers-disagree    issue and cumulative number disagree and the date cannot tell which is wrong
          print-date          a print date off the cadence (likely date given)
          masthead            title, publisher or staff changing between neighbouring issues (warning)
          unplaced            an issue without year or number (warning)
        Issue and cumulative numbers are checked against each other; where they disagree \
        the print date decides which one was misread.

        --new FILE checks one new upload against the archive, for CI: only the findings \
        that involve it. Annotations for GitHub Actions with --format github (the default \
        when $GITHUB_ACTIONS is true).

        Exit status: 0 no findings (or only warnings, with --fail-on error); 1 findings; \
        2 usage error or no series rules; 3 --new is not issue JSON; 6 the archive cannot be read.

        Examples:
          issuepipe archive check --db archive.sqlite
          issuepipe archive check json/
          issuepipe archive check --db archive.sqlite --new json/2024/bri-07.json --format github
        """
    )

    @Argument(help: ArgumentHelp("Issue JSON files or folders (instead of --db).", valueName: "path"), completion: .file())
    var paths: [String] = []

    @Option(help: ArgumentHelp("The archive (SQLite) made by 'issuepipe index'.", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("Check this new issue JSON against the archive.", valueName: "file"))
    var new: String?

    @Option(help: ArgumentHelp("The pipeline whose series: rules apply (default: the one most issues were converted with).", valueName: "name"))
    var pipeline: String?

    @Option(help: ArgumentHelp("Folder of pipeline definitions.", valueName: "dir"))
    var pipelines: String?

    @Option(help: "text, json, or github (annotations; the default when $GITHUB_ACTIONS is true).")
    var format: CheckFormat?

    @Option(help: "What makes the exit status 1: errors, or also warnings (masthead changes).")
    var failOn: FailOn = .warning

    func validate() throws {
        if (db == nil) == paths.isEmpty { throw ValidationError("Give --db ARCHIVE or issue JSON files and folders (one of them).") }
    }

    func run() throws {
        let issues: [SeriesIssue], mainPipeline: String?
        do { (issues, mainPipeline) = try loadArchive() } catch let error as ArchiveError {
            printErr("issuepipe: \(error)")
            throw ExitCode(ArchiveExitStatus.archiveUnwritable)
        }
        let check = SeriesCheck(rules: try seriesRules(pipeline ?? mainPipeline ?? "bri-biweekly"))
        var findings: [SeriesFinding]
        if let new {
            var issue: SeriesIssue
            switch IssueFile.load(new) {
            case .success(let file): issue = SeriesIssue(file)
            case .failure(let rejection):
                printErr("issuepipe: \(IssuePipeError.printable(new)): \(rejection.reason) [\(rejection.code)]")
                throw ExitCode(ArchiveExitStatus.notIssueJSON)
            }
            issue.file = new
            findings = check.findings(adding: issue, to: issues)
        } else {
            findings = check.findings(issues)
        }
        findings = findings.map(Self.displayed)
        print(findings, issues: issues.count)
        let failing = findings.filter { failOn == .warning || $0.severity == .error }
        if !failing.isEmpty { throw ExitCode(ExitStatus.failed) }
    }

    /// The archive's issues, from the database or from the files named (those that are not issue JSON are named and left out).
    private func loadArchive() throws -> ([SeriesIssue], String?) {
        if let db {
            let archive = try ArchiveDatabase(path: db, create: false)
            return (try archive.seriesIssues(), try archive.mainPipeline())
        }
        var issues: [SeriesIssue] = [], pipelineCounts: [String: Int] = [:]
        for path in IssueFile.expand(paths) {
            switch IssueFile.load(path) {
            case .success(let file):
                issues.append(SeriesIssue(file))
                pipelineCounts[file.document.pipeline.name, default: 0] += 1
            case .failure(let rejection):
                printErr("issuepipe: \(IssuePipeError.printable(path)): \(rejection.reason) [\(rejection.code)]; left out")
            }
        }
        return (issues, pipelineCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
    }

    private func seriesRules(_ name: String) throws -> SeriesRules {
        do {
            let definition = try PipelineCatalog(folder: pipelines.map { URL(fileURLWithPath: $0) }).named(name)
            guard let rules = definition.series else {
                printErr("issuepipe: pipeline \(name) has no series: block (README, Archive) to check the archive against")
                throw ExitCode(ExitStatus.usage)
            }
            return rules
        } catch let error as IssuePipeError {
            printErr("issuepipe: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// File names as the user would type them: relative to the working folder when under it.
    static func displayed(_ finding: SeriesFinding) -> SeriesFinding {
        var shown = finding
        let here = FileManager.default.currentDirectoryPath + "/"
        func relative(_ path: String) -> String { path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path }
        shown.file = finding.file.map(relative)
        shown.files = finding.files.map(relative)
        shown.message = finding.files.reduce(finding.message) { $0.replacingOccurrences(of: $1, with: relative($1)) }
        return shown
    }

    private func print(_ findings: [SeriesFinding], issues: Int) {
        let chosen = format ?? (ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" ? .github : .text)
        switch chosen {
        case .json:
            try? FileHandle.standardOutput.write(contentsOf: encodeJSON(CheckReport(issues: issues, findings: findings)))
        case .github:
            for finding in findings {
                let level: GitHubAnnotation.Level = finding.severity == .error || failOn == .warning ? .error : .warning
                printOut(GitHubAnnotation.line(level, file: finding.file, title: "issuepipe archive: \(finding.kind.rawValue)", message: finding.message))
            }
        case .text:
            for finding in findings {
                printOut("\(IssuePipeError.printable(finding.file ?? "-")): \(finding.severity.rawValue): \(finding.message) [\(finding.kind.rawValue)]")
            }
        }
        let errors = findings.filter { $0.severity == .error }.count
        printErr("\(issues) issue\(issues == 1 ? "" : "s") checked\(new == nil ? "" : " with \(new!)"): \(errors) error\(errors == 1 ? "" : "s"), "
                 + "\(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s")")
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
}

/// `archive check --format json`.
struct CheckReport: Codable {
    var issues: Int
    var findings: [SeriesFinding]
}
