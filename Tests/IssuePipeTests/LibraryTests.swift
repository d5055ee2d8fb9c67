import Foundation
import Testing
@testable import IssuePipe

/// The C libraries are linked for real and answer.
@Suite struct LibraryTests {
    @Test func tesseractIsLinkedAndReportsItsVersion() {
        let version = OCRLibraries.tesseractVersion
        #expect(version.range(of: #"^\d+\.\d+"#, options: .regularExpression) != nil, "\(version)")
        #expect((Int(version.prefix { $0 != "." }) ?? 0) >= 4)
        #expect(OCRLibraries.leptonicaVersion.hasPrefix("leptonica-"))
        #expect(OCRLibraries.popplerVersion.range(of: #"^\d+\.\d+"#, options: .regularExpression) != nil)
    }

    @Test func versionNamesTheLibraries() throws {
        let run = try issuepipe(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("poppler ") && run.stdout.contains("tesseract ") && run.stdout.hasPrefix(IssuePipeVersion.string))
    }
}
