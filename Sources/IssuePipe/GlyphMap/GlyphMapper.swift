import Foundation

/// The glyph map: pages whose text layer is broken (fonts without a usable
/// ToUnicode map) are read by OCR once, OCR's symbols are matched to the
/// glyphs by position, and each (font, code) gets the character most of its
/// occurrences were read as. The whole document's text layer is then decoded
/// with the learned map: its lines, order and geometry stay exact, and an
/// occurrence OCR misread is right anyway. Pages that cannot be aligned are
/// left as they are, for the judge to send to page OCR.
struct GlyphMapper {
    let document: PDFDocument
    let rules: GlyphMapRules
    let judgeRules: JudgeRules
    let ocr: OCRSettings
    let makeRecognizer: () throws -> any PageRecognizer

    /// A page read by OCR here: its glyphs, their keys and how OCR's symbols fell on them.
    struct ReadPage {
        var glyphs: PageGlyphs
        var keys: [GlyphKey?]
        var alignment: SymbolAlignment
        /// Placeholders put in for glyphs poppler left out (`VanishedGlyphs`).
        var inserted: Int? = nil
        /// OCR's own lines on the page, for lines the map cannot decode (`LineFallback`).
        var ocrLines: [LineFallback.OCRLine] = []
    }

    enum PageReading {
        case aligned(ReadPage)
        /// Not aligned: the record says why.
        case failed(GlyphMapPage)
    }

    func map(_ extracted: ExtractedDocument) -> ExtractedDocument {
        let broken = extracted.pages.filter { judgePage($0, ink: nil, rules: judgeRules).textLayerBroken }.map(\.number)
        guard rules.enabled, !broken.isEmpty, let recognizer = try? makeRecognizer() else { return extracted }
        var read: [Int: ReadPage] = [:], records: [Int: GlyphMapPage] = [:], votes = GlyphVotes()
        var variants = GlyphVariants(maxDistance: rules.maxShapeDistance)
        for number in broken {
            switch readPage(number, recognizer: recognizer, variants: &variants) {
            case .aligned(let page):
                read[number] = page
                vote(page, into: &votes)
            case .failed(let record):
                records[number] = record
            }
        }
        let learned = refined(&read, learned: votes.decide(rules), votes: &votes)
        let fonts = fontMaps(votes, learned: learned)
        let decoder = GlyphDecoder(learned: learned, brokenFonts: Set(fonts.filter(\.decoded).map(\.font)))
        var output = extracted
        if !decoder.brokenFonts.isEmpty {
            var decoded = decodeAll(output.pages.map(\.number).filter { records[$0] == nil }, read: read, decoder: decoder, variants: &variants)
            let fromCrops = readUnresolved(&decoded, recognizer: recognizer)
            // A page read here most of whose glyphs have weak keys (a cover, a contents
            // page: titles and mastheads in fonts and sizes of their own) is left to page OCR.
            var weakShares: [Int: Double] = [:]
            for number in decoded.keys.sorted() {
                guard read[number] != nil, let outcome = decoded[number] else { continue }
                let share = weakShare(outcome, learned: learned, brokenFonts: decoder.brokenFonts)
                weakShares[number] = Self.rounded(share)
                if share > rules.maxWeakShare {
                    decoded[number] = nil
                    records[number] = GlyphMapPage(page: number, outcome: "page-ocr", aligned: read[number].map { Self.rounded($0.alignment.share) },
                                                   symbolsMatched: read[number].map { Self.rounded($0.alignment.symbolShare) }, mapped: 0,
                                                   readInPlace: 0, unreadable: 0, weakShare: Self.rounded(share),
                                                   reason: String(format: "%.0f%% of its glyphs have weak keys (fewer than %d readings or split), "
                                                                  + "above %.0f%% (glyphMap.maxWeakShare)", share * 100, rules.lineFallbackVotes,
                                                                  rules.maxWeakShare * 100))
                }
            }
            let fromOCR = rules.lineFallback ? readWeakLines(&decoded, read: read, learned: learned, brokenFonts: decoder.brokenFonts) : [:]
            for index in output.pages.indices {
                let number = output.pages[index].number
                guard let outcome = decoded[number] else { continue }
                output.pages[index] = layout(document, number: number, glyphs: outcome.glyphs)
                records[number] = GlyphMapPage(page: number, outcome: "decoded", aligned: read[number].map { Self.rounded($0.alignment.share) },
                                               symbolsMatched: read[number].map { Self.rounded($0.alignment.symbolShare) },
                                               mapped: outcome.mapped, readInPlace: outcome.readInPlace,
                                               unreadable: outcome.unresolved.count, inserted: read[number]?.inserted,
                                               readFromCrops: fromCrops[number], linesFromOCR: fromOCR[number], weakShare: weakShares[number])
            }
            FontStyle.markEmphasis(&output.pages)
        }
        for number in broken where records[number] == nil {
            records[number] = GlyphMapPage(page: number, outcome: "page-ocr", aligned: read[number].map { Self.rounded($0.alignment.share) },
                                           symbolsMatched: nil, mapped: 0, readInPlace: 0, unreadable: 0, reason: "no font on the page was learned as broken")
        }
        let pages = records.values.sorted { $0.page < $1.page }
        output.glyphMap = GlyphMapReport(fonts: fonts, pages: pages, warnings: pages.map(Self.warning))
        return output
    }

    /// Every page given, decoded (pages with no glyph of a broken font are left out).
    func decodeAll(_ numbers: [Int], read: [Int: ReadPage], decoder: GlyphDecoder,
                   variants: inout GlyphVariants) -> [Int: GlyphDecoder.Outcome] {
        var decoded: [Int: GlyphDecoder.Outcome] = [:]
        for number in numbers {
            guard let page = read[number] ?? unreadPage(number, brokenFonts: decoder.brokenFonts, variants: &variants) else { continue }
            var outcome = decoder.decode(page.glyphs, keys: page.keys, alignment: read[number]?.alignment)
            outcome.keys = page.keys
            if outcome.touched { decoded[number] = outcome }
        }
        return decoded
    }

    /// Glyphs neither learned nor paired with a symbol (punctuation tesseract
    /// passed over, a rare character on an unread page): a few occurrences of
    /// each key are read from crops of their line, between their decoded
    /// neighbours, as private-use glyphs are (`GlyphRepairer.read`); the reading
    /// most agree on is given to every occurrence. Returns how many a page got.
    func readUnresolved(_ decoded: inout [Int: GlyphDecoder.Outcome], recognizer: any PageRecognizer) -> [Int: Int] {
        var occurrences: [GlyphKey: [GlyphRepairer.Occurrence]] = [:]
        for (number, outcome) in decoded.sorted(by: { $0.key < $1.key }) {
            for index in outcome.unresolved { if let key = outcome.keys[index] { occurrences[key, default: []].append(.init(page: number, index: index)) } }
        }
        guard !occurrences.isEmpty else { return [:] }
        let repairer = GlyphRepairer(document: document, makeRecognizer: { recognizer }, languages: ocr.languages)
        var pages = decoded.mapValues(\.glyphs), renders: [Int: GrayImage] = [:], counts: [Int: Int] = [:]
        for key in occurrences.keys.sorted() {
            let all = occurrences[key]!
            let readings = GlyphRepairer.spread(all, count: GlyphRepairer.samples).map { occurrence -> String in
                if renders[occurrence.page] == nil { renders[occurrence.page] = document.page(occurrence.page)?.renderGray(dpi: GlyphRepairer.dpi) }
                return repairer.read(occurrence, pages: pages, render: renders[occurrence.page], engine: recognizer)
            }
            let single = readings.filter { $0.unicodeScalars.count == 1 }
            guard let best = Dictionary(grouping: single, by: { $0 }).max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }),
                  best.value.count * 2 > readings.count, let scalar = best.key.unicodeScalars.first else { continue }
            for occurrence in all {
                pages[occurrence.page]?.scalars[occurrence.index] = scalar
                decoded[occurrence.page]?.unresolved.removeAll { $0 == occurrence.index }
                counts[occurrence.page, default: 0] += 1
            }
        }
        for (number, glyphs) in pages { decoded[number]?.glyphs = glyphs }
        return counts
    }

    /// Whether a key is strong: learned from at least `lineFallbackVotes` readings that mostly agree.
    func isStrong(_ key: GlyphKey, learned: [GlyphKey: LearnedGlyph]) -> Bool {
        guard let glyph = learned[key], glyph.character != nil else { return false }
        return glyph.votes >= rules.lineFallbackVotes && glyph.agreement >= 0.75
    }

    /// Share of a decoded page's glyphs of broken fonts whose keys are weak.
    func weakShare(_ outcome: GlyphDecoder.Outcome, learned: [GlyphKey: LearnedGlyph], brokenFonts: Set<String>) -> Double {
        var weak = 0, all = 0
        for key in outcome.keys {
            guard let key, brokenFonts.contains(key.font), key.variant != GlyphKey.blank else { continue }
            all += 1
            if !isStrong(key, learned: learned) { weak += 1 }
        }
        return all == 0 ? 0 : Double(weak) / Double(all)
    }

    /// Lines of pages read here whose keys are weak and whose decoded text OCR's
    /// line there does not agree with take OCR's reading (`LineFallback`);
    /// returns how many lines a page got.
    func readWeakLines(_ decoded: inout [Int: GlyphDecoder.Outcome], read: [Int: ReadPage], learned: [GlyphKey: LearnedGlyph],
                       brokenFonts: Set<String>) -> [Int: Int] {
        var settings = LineFallback.Settings()
        settings.weakShare = rules.lineFallbackWeakShare
        let strong: (GlyphKey) -> Bool = { isStrong($0, learned: learned) }
        var counts: [Int: Int] = [:]
        for number in decoded.keys.sorted() {
            guard let page = read[number], !page.ocrLines.isEmpty, let outcome = decoded[number] else { continue }
            let (glyphs, lines) = LineFallback.apply(outcome.glyphs, keys: outcome.keys, brokenFonts: brokenFonts, strong: strong,
                                                     lines: page.ocrLines, settings: settings)
            if lines > 0 {
                decoded[number]?.glyphs = glyphs
                counts[number] = lines
            }
        }
        return counts
    }

    /// A second pass: every page's lines paired again with the characters the
    /// first pass learned firmly as anchors, and the votes counted again.
    func refined(_ read: inout [Int: ReadPage], learned: [GlyphKey: LearnedGlyph], votes: inout GlyphVotes) -> [GlyphKey: LearnedGlyph] {
        var again = GlyphVotes()
        for number in read.keys.sorted() {
            guard var page = read[number] else { continue }
            page.alignment = page.alignment.realigned(page.glyphs.scalars) { index in
                guard let key = page.keys[index], let glyph = learned[key], glyph.votes >= 2, glyph.agreement >= 0.75 else { return nil }
                return glyph.character
            }
            vote(page, into: &again)
            read[number] = page
        }
        votes = again
        return again.decide(rules)
    }

    /// The page rendered, read by OCR with its symbols, and aligned to its text layer.
    func readPage(_ number: Int, recognizer: any PageRecognizer, variants: inout GlyphVariants) -> PageReading {
        func failed(_ reason: String, aligned: Double? = nil) -> PageReading {
            .failed(GlyphMapPage(page: number, outcome: "page-ocr", aligned: aligned, symbolsMatched: nil, mapped: 0, readInPlace: 0, unreadable: 0, reason: reason))
        }
        guard let page = document.page(number), let image = page.renderGray(dpi: rules.dpi ?? ocr.dpi) else {
            return failed("poppler could not render the page")
        }
        let (glyphs, vanished, drawn) = Self.withVanished(page, image: image)
        var request = OCRRequest(page: number, image: image, languages: ocr.languages, pageSegMode: ocr.pageSegMode,
                                 variables: ocr.variables, timeout: ocr.pageTimeout)
        request.symbols = true
        let recognized: RecognizedPage
        do { recognized = try recognizer.recognize(request) } catch { return failed("OCR failed: \(error)") }
        let alignment = SymbolAlignment.align(glyphs, recognized: recognized, image: image)
        guard alignment.share >= rules.minAlignedShare else {
            return failed(String(format: "%.0f%% of its glyphs matched an OCR symbol, below %.0f%% (glyphMap.minAlignedShare)",
                                 alignment.share * 100, rules.minAlignedShare * 100), aligned: Self.rounded(alignment.share))
        }
        let symbolShare = alignment.symbolShare
        if let drawn {
            // Every glyph drawn is in the layer now, but those on no line of it: OCR's
            // symbols left over are its misplaced boxes and split or merged readings.
            let complete = drawn.glyphs == 0 ? 1 : 1 - Double(drawn.offLine) / Double(drawn.glyphs)
            guard complete >= rules.minSymbolShare else {
                return failed(String(format: "%d of the %d glyphs drawn stand on no line of the text layer, above %.1f%% (glyphMap.minSymbolShare)",
                                     drawn.offLine, drawn.glyphs, (1 - rules.minSymbolShare) * 100), aligned: Self.rounded(alignment.share))
            }
            guard symbolShare >= rules.minAlignedShare else {
                return failed(String(format: "%.1f%% of OCR's symbols on its lines matched a glyph, below %.0f%% (glyphMap.minAlignedShare)",
                                     symbolShare * 100, rules.minAlignedShare * 100), aligned: Self.rounded(alignment.share))
            }
        } else if symbolShare < rules.minSymbolShare {
            return failed(String(format: "%.1f%% of OCR's symbols on its lines matched a glyph, below %.0f%% (glyphMap.minSymbolShare): "
                                 + "the layer lacks glyphs OCR read", symbolShare * 100, rules.minSymbolShare * 100),
                          aligned: Self.rounded(alignment.share))
        }
        return .aligned(ReadPage(glyphs: glyphs, keys: Self.keys(glyphs, image: image, variants: &variants), alignment: alignment,
                                 inserted: vanished, ocrLines: LineFallback.lines(of: recognized, image: image)))
    }

    /// The page's layer with the glyphs poppler left out put back: those the
    /// render drew where the layer has none, else (no glyph drawn: the SVG
    /// render failed) glyph-wide gaps with ink. Returns how many were put in.
    static func withVanished(_ page: PDFPage, image: GrayImage) -> (PageGlyphs, Int, (glyphs: Int, offLine: Int)?) {
        let layer = page.glyphs().droppingBidiMarks()
        let drawn = DrawnGlyphs.of(page)
        let fromDrawn = VanishedGlyphs.placeholders(layer, drawn: drawn, image: image)
        let vanished = drawn.isEmpty ? VanishedGlyphs.placeholders(layer, image: image) : fromDrawn.insertions
        var glyphs = VanishedGlyphs.inserting(vanished, into: layer)
        if !drawn.isEmpty, !vanished.isEmpty { glyphs = VanishedGlyphs.relaidOut(glyphs, image: image) }
        return (glyphs, vanished.count, drawn.isEmpty ? nil : (drawn.count, fromDrawn.offLine))
    }

    /// A page not judged broken that uses a broken font: rendered for its glyphs' shapes, not read.
    func unreadPage(_ number: Int, brokenFonts: Set<String>, variants: inout GlyphVariants) -> ReadPage? {
        guard let page = document.page(number) else { return nil }
        guard page.glyphs().droppingBidiMarks().fontPerCharacter.contains(where: brokenFonts.contains),
              let image = page.renderGray(dpi: rules.dpi ?? ocr.dpi) else { return nil }
        let (glyphs, vanished, _) = Self.withVanished(page, image: image)
        return ReadPage(glyphs: glyphs, keys: Self.keys(glyphs, image: image, variants: &variants),
                        alignment: SymbolAlignment(symbolOfGlyph: [:], alignable: 0, symbols: []), inserted: vanished)
    }

    /// Each glyph's key (nil for spaces and line ends): its font, code and which glyph it looks like.
    static func keys(_ glyphs: PageGlyphs, image: GrayImage, variants: inout GlyphVariants) -> [GlyphKey?] {
        let fonts = glyphs.fontPerCharacter
        var keys = [GlyphKey?](repeating: nil, count: glyphs.scalars.count)
        for index in SymbolAlignment.inkLines(glyphs, image: image).joined().sorted() {
            keys[index] = variants.key(font: fonts[index], code: glyphs.scalars[index].value, shape: GlyphShape(image: image, box: glyphs.boxes[index]))
        }
        return keys
    }

    func vote(_ page: ReadPage, into votes: inout GlyphVotes) {
        // In glyph order: confidences add up in the same order every run.
        for (index, symbol) in page.alignment.symbolOfGlyph.sorted(by: { $0.key < $1.key }) {
            guard let key = page.keys[index], key.variant != GlyphKey.blank else { continue }
            let placed = page.alignment.symbols[symbol]
            votes.add(key, reading: placed.text, confidence: placed.confidence)
        }
    }

    /// Each font with a reading: broken (decoded) unless OCR mostly reads it as it is.
    func fontMaps(_ votes: GlyphVotes, learned: [GlyphKey: LearnedGlyph]) -> [FontGlyphMap] {
        let byFont = Dictionary(grouping: learned.keys, by: \.font)
        return byFont.keys.sorted().map { font in
            let (agreement, count) = votes.textLayerAgreement(font: font)
            let decoded = agreement < rules.keepFontAgreement
            let glyphs = decoded ? byFont[font]!.sorted().map { learned[$0]! } : []
            return FontGlyphMap(font: font, decoded: decoded, textLayerAgreement: Self.rounded(agreement), votes: count, glyphs: glyphs)
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    static func warning(_ page: GlyphMapPage) -> Warning {
        guard page.outcome == "decoded" else {
            return Warning(code: "glyph-map-failed", message: "page \(page.page): the broken text layer could not be decoded ("
                           + (page.reason ?? "") + "); the page is read by OCR", page: page.page)
        }
        var message = "page \(page.page): text layer decoded with glyph maps learned from OCR (\(page.mapped) glyphs"
        if page.readInPlace > 0 { message += ", \(page.readInPlace) read by OCR in place (too few or split readings)" }
        if let crops = page.readFromCrops, crops > 0 { message += ", \(crops) read from crops of their line" }
        if let lines = page.linesFromOCR, lines > 0 { message += ", \(lines) lines with weak keys read by OCR" }
        if page.unreadable > 0 { message += ", \(page.unreadable) unreadable, left as U+FFFD" }
        if let inserted = page.inserted, inserted > 0 { message += ", \(inserted) missing from the layer put in from OCR" }
        return Warning(code: "glyph-map-decoded", message: message + ")", page: page.page)
    }
}

/// The glyph-map step of `convert`: the extracted document with its broken
/// fonts decoded, or nil when no page is broken (or the pipeline turns it off).
func mapGlyphs(_ extracted: ExtractedDocument, document: PDFDocument, definition: PipelineDefinition,
               options: ConvertOptions) -> ExtractedDocument? {
    let rules = definition.glyphMap ?? GlyphMapRules(), ocr = definition.ocr ?? OCRSettings()
    guard rules.enabled else { return nil }
    // The developer's OCR cache (ISSUEPIPE_OCR_CACHE, as in `recognize`) replays symbol reads too.
    let cache = ProcessInfo.processInfo.environment["ISSUEPIPE_OCR_CACHE"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
    let mapper = GlyphMapper(document: document, rules: rules, judgeRules: definition.judge ?? JudgeRules(), ocr: ocr) {
        options.beforeOCR?()
        let engine = try TesseractRecognizer(languages: ocr.languages, tessdata: ocr.tessdata)
        return cache.map { ReplayRecognizer(folder: $0, recorder: engine) } ?? engine
    }
    let mapped = mapper.map(extracted)
    return mapped.glyphMap == nil ? nil : mapped
}

