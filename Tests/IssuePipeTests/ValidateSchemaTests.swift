import Foundation
import Testing
@testable import IssuePipe

/// A document with every field of the contract, optional ones included.
let fullDocument = """
{
  "schemaVersion": "1.0",
  "source": { "file": "bri-2024-03.pdf", "sha256": "\(String(repeating: "ab", count: 32))", "pageCount": 8 },
  "pipeline": { "name": "bri-biweekly", "version": "1" },
  "publication": { "title": "双周决策观察", "subtitle": "地方工作亮点追踪", "publisher": "天津滨海综合发展研究院",
                   "publisherEn": "Binhai Research Institute in Tianjin", "hosts": ["天津滨海综合发展研究院", "泰达图书馆档案馆"] },
  "issue": { "year": 2024, "number": 3, "cumulativeNumber": 277, "printDate": "2024-02-08" },
  "staff": [ { "role": "编辑", "names": ["贺然", "金敏毓"] } ],
  "contacts": { "phone": "022-66222942", "fax": "022-66222940" },
  "contents": [ { "section": "区域", "title": "各地加快布局“新质生产力”" } ],
  "articles": [ {
      "section": "区域", "title": "各地加快布局“新质生产力”", "pages": [2, 3],
      "blocks": [ { "kind": "paragraph", "text": "2024年“新质生产力”正成为热词。",
                    "provenance": [ { "page": 2, "box": { "x0": 72, "y0": 100.5, "x1": 500, "y1": 140 } } ] },
                  { "kind": "heading", "text": "【北京】开辟量子、生命科学、6G等新赛道" } ],
      "sources": [ { "name": "中国经济时报", "date": "2024-01-31" } ]
  } ],
  "pages": [ { "number": 1, "method": "text" }, { "number": 3, "method": "ocr", "confidence": 0.91 } ],
  "warnings": [ { "code": "low-ocr-confidence", "message": "page 3 read at 0.61", "page": 3 } ],
  "furniture": [ { "page": 1, "text": "— 1 —", "box": { "x0": 1, "y0": 2, "x1": 3, "y1": 4 }, "reason": "page-number" } ]
}
"""

/// The full document with one change made to its parsed form.
func mutated(_ change: (inout [String: Any]) -> Void) throws -> Data {
    var object = try JSONSerialization.jsonObject(with: Data(fullDocument.utf8)) as! [String: Any]
    change(&object)
    return try JSONSerialization.data(withJSONObject: object)
}

@Suite("validate: the JSON Schema and the pipeline checks")
struct ValidateSchemaTests {
    let validator: IssueValidator

    init() throws {
        validator = IssueValidator(schema: try SchemaValidator(data: try Data(contentsOf: TestPaths.schema)))
    }

    private func codes(_ data: Data) -> [String] { validator.validate(data).filter { $0.severity == .error }.map(\.code) }

    @Test("a document with every field passes, and decodes into the contract types")
    func fullPasses() throws {
        let findings = validator.validate(Data(fullDocument.utf8))
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings)")
        #expect(findings.map(\.code) == ["low-ocr-confidence"]) // the document's own warning, passed on
        let document = try JSONDecoder().decode(IssueDocument.self, from: Data(fullDocument.utf8))
        #expect(document.furniture?.count == 1)
    }

    @Test("what the encoder writes for a fully populated model matches the schema (schema and Model/ agree)")
    func modelRoundTrip() throws {
        let document = try JSONDecoder().decode(IssueDocument.self, from: Data(fullDocument.utf8))
        let encoded = try encodeJSON(document)
        #expect(validator.schemaViolations(encoded).isEmpty, "\(validator.schemaViolations(encoded))")
        // And every key the model writes is one the schema lists (additionalProperties: false everywhere).
        let reencoded = try JSONDecoder().decode(IssueDocument.self, from: encoded)
        #expect(reencoded == document)
    }

    @Test("schema errors name the place: unknown key, wrong type, enum, pattern, missing key, line break")
    func schemaErrors() throws {
        let cases: [(String, Data, String)] = [
            ("unknown key", try mutated { $0["extra"] = 1 }, "/extra: unknown key"),
            ("wrong type", try mutated { var i = $0["issue"] as! [String: Any]; i["year"] = "2024"; $0["issue"] = i },
             "/issue/year: expected integer, found string"),
            ("enum", try mutated { $0["pages"] = [["number": 1, "method": "scan"]] }, "/pages/0/method: \"scan\" is not one of"),
            ("pattern", try mutated { var s = $0["source"] as! [String: Any]; s["sha256"] = "xyz"; $0["source"] = s },
             "/source/sha256: \"xyz\" does not match"),
            ("missing", try mutated { $0.removeValue(forKey: "warnings") }, "/: missing required key \"warnings\""),
            ("line break", try mutated {
                var a = ($0["articles"] as! [[String: Any]])[0]
                a["blocks"] = [["kind": "paragraph", "text": "one\ntwo"]]
                $0["articles"] = [a]
            }, "/articles/0/blocks/0/text: contains a line break"),
            ("fraction for integer", try mutated { var i = $0["issue"] as! [String: Any]; i["number"] = 3.5; $0["issue"] = i },
             "/issue/number: expected integer, found number 3.5"),
            ("confidence above 1", try mutated { $0["pages"] = [["number": 1, "method": "ocr", "confidence": 91]] },
             "/pages/0/confidence: 91 is more than the maximum 1"),
        ]
        for (name, data, expected) in cases {
            let findings = validator.validate(data)
            #expect(findings.first?.code == "schema", "\(name)")
            #expect(findings.contains { $0.message.hasPrefix(expected) }, "\(name): \(findings.map(\.message))")
        }
    }

    @Test("not JSON at all")
    func notJSON() {
        #expect(codes(Data("{\"schemaVersion\": ".utf8)) == ["invalid-json"])
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Data("[1, 2".utf8)) }
    }

    @Test("JSON's types as the schema tells them apart: booleans, whole numbers, fractions, null")
    func valueTypes() throws {
        let text = #"{"t": true, "f": false, "zero": 0, "one": 1, "minus": -3, "wholeFloat": 2.0, "half": 1.5,"#
            + #" "big": 12345678901234, "past": 18446744073709551615, "huge": 1e300, "none": null, "s": "1","#
            + #" "list": [true, 0, "x", [], {}]}"#
        let expected = JSONValue.object([
            "t": .bool(true), "f": .bool(false), "zero": .integer(0), "one": .integer(1), "minus": .integer(-3),
            "wholeFloat": .integer(2), "half": .number(1.5), "big": .integer(12_345_678_901_234),
            "past": .number(18_446_744_073_709_551_616) /* 2^64 - 1 as a double */, "huge": .number(1e300), "none": .null, "s": .string("1"),
            "list": .array([.bool(true), .integer(0), .string("x"), .array([]), .object([:])]),
        ])
        #expect(try JSONValue.parse(Data(text.utf8)) == expected)
        // A bare value is a document too.
        #expect(try JSONValue.parse(Data("true".utf8)) == .bool(true))
        #expect(try JSONValue.parse(Data(#""双周""#.utf8)) == .string("双周"))
    }

    @Test("pipeline checks: masthead unless generic, contents matched, articles with blocks, known schema version")
    func pipelineChecks() throws {
        let noMasthead = try mutated { $0["publication"] = [:] as [String: Any]; $0["issue"] = ["year": 2024] }
        #expect(codes(noMasthead) == ["missing-masthead"])
        let generic = try mutated {
            $0["publication"] = [:] as [String: Any]; $0["issue"] = [:] as [String: Any]
            $0["pipeline"] = ["name": "generic", "version": "1"]
        }
        #expect(codes(generic) == [])

        let unmatched = try mutated { $0["contents"] = [["section": "区域", "title": "不存在的文章"]] }
        #expect(codes(unmatched) == ["toc-mismatch"])
        // Spaces and punctuation do not count; a contents title may be shortened.
        let loose = try mutated { $0["contents"] = [["title": "各地加快布局 \"新质生产力\""], ["title": "各地加快布局"]] }
        #expect(codes(loose) == [])
        let flagged = try mutated { $0["warnings"] = [["code": "toc-mismatch", "message": "article 'x' is not in the contents"]] }
        #expect(codes(flagged) == ["toc-mismatch"])

        let empty = try mutated {
            var a = ($0["articles"] as! [[String: Any]])[0]
            a["blocks"] = [] as [Any]
            $0["articles"] = [a]
        }
        #expect(codes(empty) == ["empty-article"])
        // For the generic pipeline an empty article is only a warning.
        let emptyGeneric = try mutated {
            var a = ($0["articles"] as! [[String: Any]])[0]
            a["blocks"] = [] as [Any]
            $0["articles"] = [a]
            $0["pipeline"] = ["name": "generic", "version": "1.0"]
            $0["issue"] = [String: Any]()
        }
        #expect(codes(emptyGeneric) == [])
        #expect(validator.validate(emptyGeneric).contains { $0.code == "empty-article" && $0.severity == .warning })

        let future = try mutated { $0["schemaVersion"] = "1.7" }
        #expect(codes(future) == ["unknown-schema-version"])
        let outOfRange = try mutated { $0["pages"] = [["number": 9, "method": "text"]] }
        #expect(codes(outOfRange) == ["page-out-of-range"])
    }

    @Test("the interpreter refuses keywords it does not implement instead of ignoring them")
    func unsupportedKeyword() {
        #expect(throws: SchemaValidator.SchemaError.self) {
            try SchemaValidator(schema: try JSONValue.parse(Data(#"{"type": "object", "oneOf": [{"type": "string"}]}"#.utf8)))
        }
        #expect(throws: SchemaValidator.SchemaError.self) {
            try SchemaValidator(schema: try JSONValue.parse(Data(##"{"$ref": "#/$defs/missing"}"##.utf8)))
        }
    }

    @Test("GitHub annotations escape what the runner would misread")
    func annotations() {
        #expect(GitHubAnnotation.line(.error, file: "a,b:c.json", title: "issuepipe: schema", message: "50% done\nnext")
                == "::error file=a%2Cb%3Ac.json,title=issuepipe%3A schema::50%25 done%0Anext")
    }

    @Test("python's jsonschema agrees with issuepipe's validator, document by document",
          .enabled(if: PythonJSONSchema.isInstalled, PythonJSONSchema.missing))
    func agreesWithPython() throws {
        let folder = TestPaths.temporaryFolder("schema-agree")
        let documents: [(String, Data)] = [
            ("full", Data(fullDocument.utf8)),
            ("unknown-key", try mutated { $0["extra"] = 1 }),
            ("string-year", try mutated { $0["issue"] = ["year": "2024"] }),
            ("bad-date", try mutated { $0["issue"] = ["printDate": "2024-13-01"] }),
            ("line-break", try mutated { $0["publication"] = ["title": "a\nb"] }),
            ("bad-method", try mutated { $0["pages"] = [["number": 1, "method": "scan"]] }),
            ("no-source", try mutated { $0.removeValue(forKey: "source") }),
            ("bad-warning-code", try mutated { $0["warnings"] = [["code": "Low OCR", "message": "m"]] }),
            ("zero-page", try mutated { $0["pages"] = [["number": 0, "method": "text"]] }),
            ("minimal", Data(#"{"schemaVersion":"1.0","source":{"file":"a.pdf","sha256":"\#(String(repeating: "0", count: 64))","pageCount":1},"pipeline":{"name":"generic","version":"1"},"publication":{},"issue":{},"contents":[],"articles":[],"pages":[{"number":1,"method":"text"}],"warnings":[]}"#.utf8)),
        ]
        var files: [URL] = []
        for (name, data) in documents {
            let url = folder.appendingPathComponent("\(name).json")
            try data.write(to: url)
            files.append(url)
        }
        let pythonInvalid = Set(try PythonJSONSchema.errors(files).compactMap { $0.split(separator: ":").first.map(String.init) })
        for (url, (name, data)) in zip(files, documents) {
            let swiftInvalid = !validator.schemaViolations(data).isEmpty
            #expect(swiftInvalid == pythonInvalid.contains(url.path), "\(name): issuepipe says \(swiftInvalid ? "invalid" : "valid")")
        }
        #expect(pythonInvalid.count == documents.count - 2)
    }
}
