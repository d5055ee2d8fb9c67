import Foundation
import Testing
@testable import IssuePipe

@Suite("batch inputs: relative paths, lists, shards, passwords")
struct BatchInputsTests {
    /// A folder tree: root/a.pdf, root/2024/b.PDF, root/2024/notes.txt, root/.hidden/c.pdf, other/d.pdf
    private func tree() throws -> URL {
        let root = TestPaths.temporaryFolder("inputs")
        let fm = FileManager.default
        for path in ["archive/a.pdf", "archive/2024/b.PDF", "archive/2024/notes.txt", "archive/.hidden/c.pdf", "other/d.pdf"] {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("%PDF-1.4".utf8).write(to: url)
        }
        return root
    }

    @Test("a folder's PDFs are relative to the folder; hidden and non-PDF files are left out")
    func folderRoot() throws {
        let root = try tree()
        let items = try BatchInputs.collect(["archive"], currentDirectory: root)
        #expect(items.map(\.relativePath) == ["2024/b.PDF", "a.pdf"])
        #expect(items.map(\.input) == ["archive/2024/b.PDF", "archive/a.pdf"])
        let out = URL(fileURLWithPath: "/out")
        #expect(items[0].outputURL(in: out).path == "/out/2024/b.json")
        #expect(items[0].stagesURL(in: out).path == "/out/2024/b.stages")
    }

    @Test("files named directly are relative to the working directory; outside it, just their name")
    func fileRoots() throws {
        let root = try tree()
        let items = try BatchInputs.collect(["archive/2024/b.PDF", root.appendingPathComponent("other/d.pdf").path, "/nowhere/x.pdf"],
                                            currentDirectory: root)
        #expect(items.map(\.relativePath) == ["archive/2024/b.PDF", "other/d.pdf", "x.pdf"])
    }

    @Test("--relative-to gives a folder and a list of its files the same output paths")
    func relativeTo() throws {
        let root = try tree()
        let whole = try BatchInputs.collect(["archive"], relativeTo: "archive", currentDirectory: root)
        let listed = try BatchInputs.collect(["archive/2024/b.PDF"], relativeTo: "archive", currentDirectory: root)
        #expect(listed.map(\.relativePath) == ["2024/b.PDF"])
        #expect(whole.contains(listed[0]))
        #expect(throws: BatchUsageError.self) { try BatchInputs.collect(["other/d.pdf"], relativeTo: "archive", currentDirectory: root) }
    }

    @Test("two inputs that would write the same output are a usage error; the same file twice is taken once")
    func collisions() throws {
        let root = try tree()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("other/2024"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("other/a.pdf"))
        #expect(throws: BatchUsageError.self) { try BatchInputs.collect(["archive", "other"], currentDirectory: root) }
        let twice = try BatchInputs.collect(["archive", "archive/a.pdf", "./archive/../archive/a.pdf"], relativeTo: ".", currentDirectory: root)
        #expect(twice.count == 2)
    }

    @Test("a missing file is kept, to be reported as that file's failure")
    func missing() throws {
        let items = try BatchInputs.collect(["gone.pdf"], currentDirectory: TestPaths.temporaryFolder())
        #expect(items.map(\.relativePath) == ["gone.pdf"])
    }

    @Test("list files: one path a line, blank lines and # comments skipped")
    func lists() {
        #expect(BatchInputs.parseList("a.pdf\n\n# note\n  b c.pdf  \r\nd.pdf") == ["a.pdf", "b c.pdf", "d.pdf"])
    }

    @Test("FNV-1a 64 matches the published test vectors")
    func fnv() {
        #expect(fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test("shards are disjoint, cover everything, and parse K/N from 1")
    func shards() throws {
        let paths = (0..<500).map { "2024/issue-\($0).pdf" }
        let shards = try (1...4).map { try Shard(parsing: "\($0)/4") }
        let counts = shards.map { shard in paths.count { shard.contains($0) } }
        #expect(counts.reduce(0, +) == paths.count)
        for path in paths { #expect(shards.count { $0.contains(path) } == 1) }
        #expect(counts.allSatisfy { $0 > 80 }) // roughly even
        #expect(throws: BatchUsageError.self) { try Shard(parsing: "0/4") }
        #expect(throws: BatchUsageError.self) { try Shard(parsing: "5/4") }
        #expect(throws: BatchUsageError.self) { try Shard(parsing: "1-4") }
        #expect(try Shard(parsing: "2/3").description == "2/3")
    }

    @Test("passwords TSV: the corpus format, header skipped, own entry wins over --password")
    func passwords() throws {
        let tsv = "local_name\tuser_password\towner_password\tnote\nsecret.pdf\tfoo\tbar\tAES\n# comment\nowner-only.pdf\t\tbar\tx\n"
        let book = PasswordBook(fallback: "common", byName: try PasswordBook.parseTSV(tsv))
        func item(_ name: String) -> BatchItem { BatchItem(input: name, url: URL(fileURLWithPath: "/x/\(name)"), relativePath: "dir/\(name)") }
        #expect(book.password(for: item("secret.pdf")) == "foo")
        #expect(book.password(for: item("owner-only.pdf")) == "")
        #expect(book.password(for: item("other.pdf")) == "common")
        #expect(throws: BatchUsageError.self) { try PasswordBook.parseTSV("just-a-name\n") }
    }
}
