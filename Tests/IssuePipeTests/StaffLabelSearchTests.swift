import Foundation
import Testing
@testable import IssuePipe

/// The staff parser's label search over plain scalars finds the cuts
/// Foundation's search found; text outside the plain set keeps Foundation's.
@Suite struct StaffLabelSearchTests {
    let labels = ["编辑", "责任编辑", "统筹", "电话", "传真", "审核", "主办", "Tel"]

    @Test func plainSearchCutsWhereFoundationCut() {
        let texts = [
            "编辑：贺然 金敏毓 统筹：史继平", "责任编辑：王 编辑 李", "院编辑“王", "院传真022-1234", "编辑编辑编辑",
            "电话：022-66223344 传真：022-66223355", "加强统筹协调，审核", "Tel: 1234 Tel:5678", "统筹", "x统筹y",
            "主办单位：天津滨海综合发展研究院", "  编辑 · 张三", "　编辑：张三", "", "编", "（编辑）", "a编辑。b",
        ]
        for text in texts {
            guard let scalars = StaffLines.plainScalars(text), let plain = StaffLines.PlainLabels(labels).scalars else {
                Issue.record("'\(text)' should be plain"); continue
            }
            for anywhere in [false, true] {
                for beside in [false, true] {
                    #expect(StaffLines.plainLabelOffsets(scalars, labels: plain, anywhere: anywhere, besideNonHan: beside)
                                == StaffLines.foundationLabelOffsets(text, labels: labels, anywhere: anywhere, besideNonHan: beside),
                            "'\(text)' anywhere \(anywhere) beside \(beside)")
                }
            }
        }
    }

    @Test func textOutsideThePlainSetIsNotPlain() {
        // A compatibility ideograph (canonically the unified one), a combining mark, kana with a voiced mark.
        for text in ["\u{F9B2}编辑", "e\u{0301}编辑", "が", "編輯\u{200D}", "a\tb", "한국"] {
            #expect(StaffLines.plainScalars(text) == nil, "\(text)")
        }
        #expect(StaffLines.PlainLabels(["编辑", ""]).scalars == nil)
    }

    @Test func namesLookTheSameThroughEitherPath() {
        for text in ["贺然 金敏毓", "贺然，金敏毓", String(repeating: "名", count: 24), String(repeating: "名", count: 25),
                     "a (b)", "张三 " + String(repeating: "x", count: 25), "张三　李四", ""] {
            let slow = !text.contains { "。，；！？（）(),;!?".contains($0) }
                && text.split(whereSeparator: \.isWhitespace).allSatisfy { $0.count <= 24 }
            #expect(StaffLines.looksLikeNames(text) == slow, "\(text)")
        }
    }
}
