"""The libreoffice producer: a PrintedIssue as a Word document (python-docx), converted to PDF by
LibreOffice Writer — how an office makes the newsletter.

Everything printed comes from the PrintedIssue; this module decides only geometry and type, the way
a Word user would set it up:

  styles      paragraph styles for the body text (正文), article title (outline level 1, so the
              PDF gets bookmarks as Word's "create bookmarks from headings" gives), sub-heading,
              section marker / band, citation, contents, staff box and running heads; East Asian
              fonts set on every style (w:rFonts w:eastAsia — without it Word/LibreOffice falls
              back to a Latin face); exact line spacing; first-line indent of 2 characters
              (w:firstLineChars="200" with w:firstLine in twips) or block paragraphs; justified
              ("both") or left
  sections    cover (+ inside page + body) in one section with a different first page (the cover
              has no running head); a continuous section with two columns for two-column body
              pages; a last section (blank page, back cover) with empty headers and footers
  furniture   headers and footers with PAGE fields (NUMPAGES for 3/10), tab stops for the left /
              centre / right slots, odd and even headers (w:evenAndOddHeaders) for alternating
              heads and outer page numbers, the header rule as a paragraph border
  contents    a shaded table (1 or 2 columns) of entries with a right tab stop with a dot leader
              and a PAGEREF field to a bookmark on the article's title: LibreOffice computes the
              page numbers while laying out (one pass); checked against the PDF's outline
  staff box   a table: two columns in a red frame, or one tinted cell
  cover       red masthead title over a thick-thin rule (红头), QR code (PNG) and issue data in a
              borderless table; a shrink factor for the contents / staff box is lowered and the
              document rebuilt if the cover runs over one page

No autocorrect is involved (python-docx writes the text as given), no hyphenation, and the
automatic CJK/Latin spacing (w:autoSpaceDE / w:autoSpaceDN, on by default in Word) is turned
off: it would widen 2024年 so that poppler reads 2024 年.

Faces: producer_fonts (html_producer) with this producer's own draw. LibreOffice 7.4 embeds
TrueType faces as simple TrueType subsets (`BAAAAA+UMingCN`, one-byte codes with a /ToUnicode
map, ≤ 256 glyphs each) and CFF faces (Noto CJK) as Type 1C subsets
(`BAAAAA+NotoSerifCJKjp-Regular-VKana`: the name of the CFF inside the collection).

Text layer (poppler): text is drawn per script run (Han / Latin-digits each get their own Tm),
a justified line's stretch as TJ adjustments between glyphs; where the stretch is large (two
columns, Noto fonts) or falls at a run boundary poppler inserts spaces (`措施 ，`, `（ 2`,
`新质 生产 力`). LibreOffice breaks lines between any two CJK-context characters, digits
included (`超过2|0个`, `022-6622|2940`): joined lines give the text back. A hyphen at a line end
(`5G-|A`) is dropped by pdftotext's default mode, as for every producer.

Deterministic: LibreOffice writes the current time and a random /ID; both are replaced with pikepdf
(dates = the print date 09:00 +08:00, /ID from the content), no XMP.

    produce(p: PrintedIssue, spec: LayoutSpec | None = None) -> Produced
"""

from __future__ import annotations

import atexit
import copy
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import variants  # noqa: F401  (puts Samples/generator on sys.path)
from variants.layout import PAGE_SIZES, FixedPageOverflow, LayoutSpec, rng_for
from variants.printed import ContentsEntry, PrintedArticle, PrintedBlock, PrintedIssue, Produced
from variants.html_producer import BODY_FACES, BOLD_FACES, DEBIAN_FONTS, Faces, producer_fonts

NAME = "libreoffice"

RED = "B3261E"
TINT = "F6F1E7"
GREY = "555555"
PT_PER_MM = 72 / 25.4


def tw(pt: float) -> int:
    """Points → twentieths of a point (twips)."""
    return int(round(pt * 20))


# --------------------------------------------------------------------------- availability

def _soffice() -> str | None:
    for exe in ("soffice", "libreoffice"):
        if path := shutil.which(exe):
            return path
    return None


def check() -> str | None:
    if not _soffice():
        return "soffice not found: apt-get install libreoffice-writer-nogui"
    try:
        import docx  # noqa: F401
        import pikepdf  # noqa: F401
    except ImportError as e:
        return f"{e.name} not found: pip install -r Samples/generator/requirements.txt"
    from variants.html_producer import _installed
    families = sorted({f for faces in BODY_FACES.values() for f, _ in faces} | {f for f, _ in BOLD_FACES})
    missing = [f for f in families if not _installed(f)]
    if missing:
        return f"fonts missing ({', '.join(missing)}): apt-get install {DEBIAN_FONTS}"
    return None


# --------------------------------------------------------------------------- XML helpers

from docx import Document  # noqa: E402
from docx.enum.section import WD_SECTION  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Emu, Mm, Pt, RGBColor  # noqa: E402

PPR_SEQ = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
           "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
           "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
           "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
           "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
           "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
           "w:sectPr", "w:pPrChange")
RPR_SEQ = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
           "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
           "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
           "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
           "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
           "w:specVanish", "w:oMath")


def el(tag: str, **attrs) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn("w:" + k) if ":" not in k else qn(k), str(v))
    return e


def put(parent, child, seq) -> None:
    """Insert child into parent in schema order (replacing a child with the same tag)."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    name = next(t for t in seq if qn(t) == tag)
    later = {qn(t) for t in seq[seq.index(name) + 1:]}
    for i, c in enumerate(parent):
        if c.tag in later:
            parent.insert(i, child)
            return
    parent.append(child)


def ppr(p_or_style):
    """The w:pPr of a paragraph or paragraph style."""
    elem = getattr(p_or_style, "_p", None)
    if elem is None:
        elem = p_or_style.element
    return elem.get_or_add_pPr()


def set_ppr(target, child) -> None:
    put(ppr(target), child, PPR_SEQ)


def set_fonts(rpr, face: tuple[str, int]) -> None:
    family, weight = face
    put(rpr, el("w:rFonts", ascii=family, hAnsi=family, eastAsia=family, cs=family, hint="eastAsia"), RPR_SEQ)
    if weight >= 700:
        put(rpr, el("w:b"), RPR_SEQ)
        put(rpr, el("w:bCs"), RPR_SEQ)
    else:
        for tag in ("w:b", "w:bCs"):
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)


def set_run(run, face=None, size=None, colour=None) -> None:
    rpr = run._r.get_or_add_rPr()
    if face:
        set_fonts(rpr, face)
    if colour:
        put(rpr, el("w:color", val=colour), RPR_SEQ)
    if size:
        put(rpr, el("w:sz", val=int(round(size * 2))), RPR_SEQ)
        put(rpr, el("w:szCs", val=int(round(size * 2))), RPR_SEQ)


def border(side: str, val="single", sz=6, colour=RED, space=1):
    return el(f"w:{side}", val=val, sz=sz, space=space, color=colour)


def shading(fill: str):
    return el("w:shd", val="clear", color="auto", fill=fill)


def field(paragraph, instr: str, cached: str, face=None, size=None) -> None:
    """A complex field (begin / instrText / separate / cached result / end)."""
    def run():
        r = paragraph.add_run()
        if face or size:
            set_run(r, face, size)
        return r
    run()._r.append(el("w:fldChar", fldCharType="begin"))
    it = el("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    run()._r.append(it)
    run()._r.append(el("w:fldChar", fldCharType="separate"))
    run().text = cached
    run()._r.append(el("w:fldChar", fldCharType="end"))


def bookmark(paragraph, name: str, ident: int) -> None:
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, el("w:bookmarkStart", id=ident, name=name))
    paragraph._p.append(el("w:bookmarkEnd", id=ident))


def cell_margins(cell, top=0, right=0, bottom=0, left=0) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    mar = el("w:tcMar")
    for side, v in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        mar.append(el(f"w:{side}", w=tw(v), type="dxa"))
    tcpr.append(mar)


def cell_shading(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(shading(fill))


def table_borders(table, outer: str | None, colour=RED, sz=6) -> None:
    tblpr = table._tbl.tblPr
    b = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if outer and side in ("top", "left", "bottom", "right"):
            b.append(el(f"w:{side}", val=outer, sz=sz, space=0, color=colour))
        else:
            b.append(el(f"w:{side}", val="nil"))
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    tblpr.append(b)


def table_width(table, widths_pt: list[float]) -> None:
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblW")):
        tblpr.remove(old)
    tblpr.append(el("w:tblW", w=tw(sum(widths_pt)), type="dxa"))
    tblpr.append(el("w:tblLayout", type="fixed"))
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_pt):
        gc.set(qn("w:w"), str(tw(w)))
    for row in table.rows:
        for c, w in zip(row.cells, widths_pt):
            c.width = Pt(w)


def qr_png(seed: str, modules_px: int = 8) -> bytes:
    """The QR-like square of make_samples.draw_qr as a PNG (deterministic bytes)."""
    import random
    from PIL import Image
    n = 25
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    grid = [[rng.random() < 0.48 for _ in range(n)] for _ in range(n)]
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        for i in range(-1, 8):
            for j in range(-1, 8):
                if 0 <= fx + i < n and 0 <= fy + j < n:
                    ring = max(abs(i - 3), abs(j - 3))
                    grid[fy + j][fx + i] = (ring in (0, 1, 3)) if i not in (-1, 7) and j not in (-1, 7) else False
    q = 2
    img = Image.new("1", ((n + 2 * q) * modules_px,) * 2, 1)
    px = img.load()
    for r in range(n):
        for c in range(n):
            if grid[r][c]:
                for y in range((r + q) * modules_px, (r + q + 1) * modules_px):
                    for x in range((c + q) * modules_px, (c + q + 1) * modules_px):
                        px[x, y] = 0
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def text_width_pt(text: str, size: float) -> float:
    """Rough advance width: CJK and full-width characters 1 em, others half."""
    return sum(size if ord(c) > 0x2E80 or c in "—…“”‘’·" else size * 0.5 for c in text)


# --------------------------------------------------------------------------- document

SENTINEL_EVEN, SENTINEL_ODD, SENTINEL_TOTAL = 9998, 9999, 8888


@dataclass
class Geo:
    width: float          # pt
    height: float
    top: float
    right: float
    bottom: float
    left: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    @classmethod
    def of(cls, spec: LayoutSpec) -> "Geo":
        w, h = PAGE_SIZES[spec.page_size]
        t, r, b, l = (m * PT_PER_MM for m in spec.margins_mm)
        return cls(w, h, t, r, b, l)


def variant_choices(spec: LayoutSpec) -> dict:
    rng = rng_for(NAME, "choices", repr(spec))
    return {"qr_left": rng.random() < 0.5,
            # all roles on one line do not fit the half-width columns of the frame
            "staff_style": "band" if spec.staff_per_line == "several" else rng.choice(["frame", "band"]),
            "title_colour": rng.choice([RED, RED, RED, "000000"])}


class Builder:
    def __init__(self, p: PrintedIssue, spec: LayoutSpec, fit: float):
        self.p, self.L, self.fit = p, spec, fit
        self.g = Geo.of(spec)
        self.faces: Faces = producer_fonts(spec, NAME)
        self.v = variant_choices(spec)
        self.doc = Document()
        self._styles()

    # ---------------------------------------------------------------- styles

    def _styles(self) -> None:
        d, L, f = self.doc, self.L, self.faces
        size = L.body_size
        # document defaults: the body face for every script, Chinese, no autospace, no spacing
        styles_el = d.styles.element
        rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr_default, f.body)
        put(rpr_default, el("w:lang", val="zh-CN", eastAsia="zh-CN", bidi="ar-SA"), RPR_SEQ)
        ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
        for child in (el("w:autoSpaceDE", val=0), el("w:autoSpaceDN", val=0),
                      el("w:spacing", after=0, line=240, lineRule="auto")):
            put(ppr_default, child, PPR_SEQ)
        settings = d.settings.element
        for old in settings.findall(qn("w:themeFontLang")):
            old.set(qn("w:eastAsia"), "zh-CN")
        if L.header == "alternating" or L.page_number_align == "outer":
            put_setting(settings, el("w:evenAndOddHeaders"))

        normal = d.styles["Normal"]
        set_fonts(normal.element.get_or_add_rPr(), f.body)
        normal.font.size = Pt(size)

        def pstyle(name, base="Normal", face=None, size_pt=None, colour=None, line=None, line_rule="exact",
                   before=0, after=0, align=None, keep_next=False, indent_chars=0, outline=None):
            s = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            s.base_style = d.styles[base]
            s.quick_style = True
            rpr = s.element.get_or_add_rPr()
            if face:
                set_fonts(rpr, face)
            if size_pt:
                s.font.size = Pt(size_pt)
            if colour:
                s.font.color.rgb = RGBColor.from_string(colour)
            pf = s.paragraph_format
            if line:
                pf.line_spacing = Pt(line)
                pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY if line_rule == "exact" else WD_LINE_SPACING.AT_LEAST
            pf.space_before = Pt(before)
            pf.space_after = Pt(after)
            if align:
                pf.alignment = align
            if keep_next:
                pf.keep_with_next = True
                pf.keep_together = True
            if indent_chars:
                set_ppr(s, el("w:ind", firstLineChars=int(indent_chars * 100),
                              firstLine=tw(indent_chars * (size_pt or size))))
            if outline is not None:
                set_ppr(s, el("w:outlineLvl", val=outline))
            return s

        lead = round(L.leading * size, 2)
        indent = 2 if L.paragraph_style == "indent" else 0
        para_after = 0 if indent else round(size * 0.6, 2)
        justify = WD_ALIGN_PARAGRAPH.JUSTIFY if L.justify else WD_ALIGN_PARAGRAPH.LEFT
        pstyle("正文段落", face=f.body, size_pt=size, line=lead, after=para_after, align=justify,
               indent_chars=indent)
        title_size = round(L.title_ratio * size, 1)
        pstyle("文章标题", face=f.bold if L.title_bold else f.body, size_pt=title_size,
               line=round(title_size * 1.45, 1), before=round(size * 1.0, 1), after=round(size * 0.7, 1),
               align=WD_ALIGN_PARAGRAPH.CENTER if L.title_align == "center" else WD_ALIGN_PARAGRAPH.LEFT,
               keep_next=True, outline=0)
        heading_indent = 0 if L.heading_style == "bracket" else 2
        pstyle("小标题", face=f.bold, size_pt=size, line=lead, before=round(size * 0.4, 1),
               after=round(size * 0.15, 1), keep_next=True, indent_chars=heading_indent,
               align=WD_ALIGN_PARAGRAPH.LEFT)
        pstyle("栏目", face=f.bold, size_pt=round(size * 1.15, 1), colour=RED,
               line=round(size * 1.15 * 1.5, 1), before=round(size * 1.2, 1), keep_next=True,
               align=WD_ALIGN_PARAGRAPH.LEFT)
        band = pstyle("栏目色带", face=f.bold, size_pt=round(size * 1.1, 1), colour=RED,
                      line=round(size * 1.1 * 1.6, 1), before=round(size * 1.2, 1), after=2, keep_next=True,
                      align=WD_ALIGN_PARAGRAPH.LEFT)
        bdr = el("w:pBdr")
        bdr.append(border("left", "single", 36, RED, 4))
        set_ppr(band, bdr)
        set_ppr(band, shading(TINT))
        pstyle("来源", face=f.body, size_pt=size, line=lead, after=para_after, align=WD_ALIGN_PARAGRAPH.RIGHT)
        pstyle("页眉文字", face=f.body, size_pt=9, colour=GREY, line=12)
        pstyle("页码", face=f.body, size_pt=10, line=13)
        # contents and staff box: 目录 / 报头 inside, 封面目录 / 封面报头 on the cover (shrunk by fit)
        toc = 12 * (0.9 if L.toc_columns == 2 else 1)
        for prefix, k in (("", 1.0), ("封面", self.fit)):
            pstyle(prefix + "目录", face=f.body, size_pt=round(toc * k, 1), line=round(toc * k * 1.65, 1),
                   align=WD_ALIGN_PARAGRAPH.LEFT)
            pstyle(prefix + "报头", face=f.body, size_pt=round(10 * k, 1), line=round(10 * k * 1.6, 1),
                   align=WD_ALIGN_PARAGRAPH.LEFT)

    # ---------------------------------------------------------------- building blocks

    def para(self, container, style: str, text: str = "", face=None, colour=None, size=None,
             align=None):
        p = container.add_paragraph(style=style)
        if text:
            set_run(p.add_run(text), face, size, colour)
        if align is not None:
            p.alignment = align
        return p

    def staff_box(self, container, on_cover: bool = False, trailing: bool = True) -> None:
        p, f, L = self.p, self.faces, self.L
        sty = ("封面" if on_cover else "") + "报头"
        style = self.v["staff_style"]
        width = self.g.text_width
        size = self.doc.styles[sty].font.size.pt
        cols = [width * 0.5, width * 0.5] if style == "frame" else [width]
        t = container.add_table(rows=1, cols=len(cols))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        table_width(t, cols)
        table_borders(t, "single" if style == "frame" else None)
        for c in t.rows[0].cells:
            cell_margins(c, 8, 10, 8, 12)
            if style == "band":
                cell_shading(c, TINT)
        left = t.rows[0].cells[0]
        right = t.rows[0].cells[-1]
        used = set()

        def add(cell, text, face=None, sz=None):
            if id(cell._tc) not in used:
                used.add(id(cell._tc))
                par = cell.paragraphs[0]
                par.style = self.doc.styles[sty]
            else:
                par = cell.add_paragraph(style=sty)
            if text:
                set_run(par.add_run(text), face, sz)
            return par

        for i, s in enumerate(p.staff_publisher):
            zh = (i == 0) == (L.publisher_order == "zh-first")
            add(left, s, f.bold if zh else None, round(size * 1.2, 1) if zh else round(size * 0.85, 1))
        label = p.host_label
        hp = add(left, p.host_lines[0])
        if len(p.host_lines) > 1:
            for extra in p.host_lines[1:]:
                hp.add_run().add_break()
                hp.add_run(extra)
            lw = text_width_pt(label, size)
            set_ppr(hp, el("w:ind", left=tw(lw), hanging=tw(lw)))
        target = right
        for s in p.staff_lines:
            add(target, s)
        if style == "frame":
            gap = add(target, "")
            gap.paragraph_format.line_spacing = Pt(5)
        for s in p.contact_lines:
            add(target, s)
        if trailing:     # a paragraph after a table keeps the next table apart
            container.add_paragraph(style="报头").paragraph_format.line_spacing = Pt(6)

    def contents(self, container, entries: list[ContentsEntry], on_cover: bool = False,
                 trailing: bool = True) -> None:
        L, f = self.L, self.faces
        sty = ("封面" if on_cover else "") + "目录"
        width = self.g.text_width
        ncols = L.toc_columns
        gap = 12
        col_w = (width - gap * (ncols - 1)) / ncols if ncols > 1 else width
        widths = [col_w] * ncols if ncols == 1 else [col_w, gap, col_w]
        t = container.add_table(rows=1, cols=len(widths))
        table_width(t, widths)
        table_borders(t, None)
        for c in t.rows[0].cells:
            cell_shading(c, TINT)
            cell_margins(c, 6, 8, 6, 10)
        cells = [t.rows[0].cells[0]] if ncols == 1 else [t.rows[0].cells[0], t.rows[0].cells[2]]
        half = (len(entries) + 1) // 2 if ncols == 2 else len(entries)
        groups = [entries[:half], entries[half:]] if ncols == 2 else [entries]
        size = self.doc.styles[sty].font.size.pt
        inner = col_w - 18
        label_w = text_width_pt("【区域】", size) + size * 0.5
        for cell, group in zip(cells, groups):
            firstpar = True
            for e in group:
                def newpar():
                    nonlocal firstpar
                    if firstpar:
                        par = cell.paragraphs[0]
                        par.style = self.doc.styles[sty]
                        firstpar = False
                    else:
                        par = cell.add_paragraph(style=sty)
                    return par
                lead_w = text_width_pt(e.lead, size)
                if L.toc_section == "own-line" and e.section_label:
                    set_run(newpar().add_run(e.section_label), f.bold, None, RED)
                par = newpar()
                tabs = par.paragraph_format.tab_stops
                hang = lead_w
                if L.toc_section == "column":
                    tabs.add_tab_stop(Pt(label_w))
                    set_run(par.add_run(e.section_label or ""), f.bold, None, RED)
                    par.add_run("\t")
                    hang = label_w + lead_w
                elif L.toc_section == "inline" and e.section_label:
                    set_run(par.add_run(e.section_label), f.bold, None, RED)
                if e.lead:
                    par.add_run(e.lead)
                for k, line in enumerate(e.title_lines):
                    if k:
                        par.add_run().add_break()
                    par.add_run(line)
                if e.page:
                    tabs.add_tab_stop(Pt(inner), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
                    par.add_run("\t")
                    field(par, f"PAGEREF _Art{e.index} \\h", e.page)
                if hang and L.toc_section != "inline":
                    set_ppr(par, el("w:ind", left=tw(hang), hanging=tw(hang)))
        if trailing:
            container.add_paragraph(style="报头").paragraph_format.line_spacing = Pt(6)

    def cover(self, entries) -> None:
        d, p, L, f, g = self.doc, self.p, self.L, self.faces, self.g
        # QR and issue data side by side (a borderless table)
        w = g.text_width
        t = d.add_table(rows=1, cols=2)
        table_width(t, [w / 2, w / 2])
        table_borders(t, None)
        qr_cell, info_cell = (t.rows[0].cells[0], t.rows[0].cells[1]) if self.v["qr_left"] else \
            (t.rows[0].cells[1], t.rows[0].cells[0])
        for c in t.rows[0].cells:
            cell_margins(c)
        qp = qr_cell.paragraphs[0]
        qp.alignment = WD_ALIGN_PARAGRAPH.LEFT if self.v["qr_left"] else WD_ALIGN_PARAGRAPH.RIGHT
        qp.add_run().add_picture(io.BytesIO(qr_png(p.name() + "-cover")), width=Mm(24))
        cap = qr_cell.add_paragraph(style="报头")
        cap.alignment = qp.alignment
        set_run(cap.add_run(p.qr_caption), None, 8.5)
        if self.v["qr_left"]:
            set_ppr(cap, el("w:ind", left=0))
        align = WD_ALIGN_PARAGRAPH.RIGHT if self.v["qr_left"] else WD_ALIGN_PARAGRAPH.LEFT
        first = True
        for k, line in enumerate(p.cover_issue_label):
            par = info_cell.paragraphs[0] if first else info_cell.add_paragraph()
            first = False
            par.alignment = align
            set_run(par.add_run(line), f.bold, 15)
        for line in (p.cumulative_label, p.print_date_label):
            par = info_cell.add_paragraph()
            par.alignment = align
            set_run(par.add_run(line), None, 11)
        # masthead
        mid = L.title_position == "middle"
        fixed, variable = cover_estimate(p, L, g, entries)
        space = max(10.0, (g.text_height - fixed - variable * self.fit * 1.2) / 2 - 10) if mid else 18
        for i, s in enumerate(p.publisher_lines):
            zh = (i == 0) == (L.publisher_order == "zh-first")
            par = self.para(d, "Normal", s, f.bold if zh else None, None, 14 if zh else 9.5,
                            WD_ALIGN_PARAGRAPH.CENTER)
            if i == 0:
                par.paragraph_format.space_before = Pt(space)
        par = self.para(d, "Normal", p.title, f.bold, self.v["title_colour"], L.title_size,
                        WD_ALIGN_PARAGRAPH.CENTER)
        par.paragraph_format.space_before = Pt(16)
        par.paragraph_format.line_spacing = Pt(L.title_size * 1.3)
        par.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        par = self.para(d, "Normal", p.subtitle, f.bold, None, round(min(22, L.title_size * 0.42), 1),
                        WD_ALIGN_PARAGRAPH.CENTER)
        par.paragraph_format.space_before = Pt(4)
        rule = self.para(d, "Normal")
        bdr = el("w:pBdr")
        bdr.append(border("bottom", "thickThinSmallGap", 24, RED, 1))
        set_ppr(rule, bdr)
        rule.paragraph_format.space_after = Pt(space if mid else 16)
        rule.paragraph_format.line_spacing = Pt(8)
        # nothing after the cover's last table: a spacer there could spill onto page 2
        if L.contents_page == 1:
            self.contents(d, entries, on_cover=True, trailing=p.staff_on_cover)
        if p.staff_on_cover:
            self.staff_box(d, on_cover=True, trailing=False)

    def article(self, a: PrintedArticle) -> None:
        d, f = self.doc, self.faces
        if a.marker and a.marker_place == "line":
            self.para(d, "栏目", a.marker)
        elif a.marker and a.marker_place == "band":
            self.para(d, "栏目色带", a.marker)
        title = d.add_paragraph(style="文章标题")
        if a.marker and a.marker_place == "inline":
            set_run(title.add_run(a.marker), f.bold, None, RED)
        for k, line in enumerate(a.title_lines):
            if k:
                title.add_run().add_break()
            title.add_run(line)
        bookmark(title, f"_Art{a.index}", 100 + a.index)
        for b in a.blocks:
            self.block(b)

    def block(self, b: PrintedBlock) -> None:
        d, f = self.doc, self.faces
        if b.kind == "heading":
            self.para(d, "小标题", b.text.replace("**", ""))
        elif b.kind == "citation":
            self.para(d, "来源" if b.place == "right" else "正文段落", b.text)
        else:
            par = d.add_paragraph(style="正文段落")
            for text, bold in b.runs():
                r = par.add_run(text)
                if bold:
                    set_run(r, f.bold)

    def back(self) -> None:
        d, p, L, f, g = self.doc, self.p, self.L, self.faces, self.g
        if L.staff_place == "back":
            self.staff_box(d)
        if L.back_cover == "slogan":
            sizes = [(f.bold, 30, RED, 2.0), (None, 15, None, 2.2), (None, 13, GREY, 2.0)]
            for i, line in enumerate(p.back_lines):
                face, sz, col, lh = sizes[min(i, 2)]
                par = self.para(d, "Normal", line, face, col, sz, WD_ALIGN_PARAGRAPH.CENTER)
                par.paragraph_format.line_spacing = Pt(sz * lh)
                par.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                if i == 0:
                    par.paragraph_format.space_before = Pt(g.text_height * (0.18 if L.staff_place == "back" else 0.3))
        elif L.back_cover == "qr":
            par = self.para(d, "Normal", align=WD_ALIGN_PARAGRAPH.CENTER)
            par.paragraph_format.space_before = Pt(g.text_height * (0.3 if L.staff_place == "back" else 0.45))
            par.add_run().add_picture(io.BytesIO(qr_png(p.name() + "-back")), width=Mm(34))
            cap = self.para(d, "Normal", p.back_qr_caption or "", None, None, 10, WD_ALIGN_PARAGRAPH.CENTER)
            cap.paragraph_format.space_before = Pt(6)
        elif L.back_cover == "address":
            n = len(p.back_lines)
            used = 150 if L.staff_place == "back" else 0
            for i, line in enumerate(p.back_lines):
                par = self.para(d, "Normal", line, None, None, 9.5, WD_ALIGN_PARAGRAPH.CENTER)
                par.paragraph_format.line_spacing = Pt(16)
                par.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                if i == 0:
                    par.paragraph_format.space_before = Pt(max(20, g.text_height - used - n * 16 - 40))
                    bdr = el("w:pBdr")
                    bdr.append(border("top", "single", 6, RED, 6))
                    set_ppr(par, bdr)

    # ---------------------------------------------------------------- sections and furniture

    def section_geometry(self, section) -> None:
        g = self.g
        section.page_width = Emu(int(g.width * 12700))
        section.page_height = Emu(int(g.height * 12700))
        section.top_margin = Emu(int(g.top * 12700))
        section.bottom_margin = Emu(int(g.bottom * 12700))
        section.left_margin = Emu(int(g.left * 12700))
        section.right_margin = Emu(int(g.right * 12700))
        section.header_distance = Emu(int(max(8 * PT_PER_MM, g.top - 11 * PT_PER_MM) * 12700))
        section.footer_distance = Emu(int(max(7 * PT_PER_MM, g.bottom - 13 * PT_PER_MM) * 12700))
        section.gutter = 0

    def _slot_paragraph(self, hf, items, style: str, rule: bool) -> None:
        """One header/footer paragraph: left \\t centre \\t right, numbers as PAGE/NUMPAGES fields."""
        par = hf.paragraphs[0]
        par.style = self.doc.styles[style]
        w = self.g.text_width
        tabs = par.paragraph_format.tab_stops
        tabs.add_tab_stop(Pt(w / 2), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Pt(w), WD_TAB_ALIGNMENT.RIGHT)
        slots = {s: t for s, t in items}
        for k, slot in enumerate(("left", "center", "right")):
            if k:
                if not any(slots.get(s) for s in ("left", "center", "right")[k:]):
                    break
                par.add_run("\t")
            text = slots.get(slot)
            if not text:
                continue
            is_number_only = text == self.p.page_number_text(SENTINEL_ODD, SENTINEL_TOTAL) or \
                text == self.p.page_number_text(SENTINEL_EVEN, SENTINEL_TOTAL)
            for part in re.split(f"({SENTINEL_EVEN}|{SENTINEL_ODD}|{SENTINEL_TOTAL})", text):
                if part in (str(SENTINEL_EVEN), str(SENTINEL_ODD)):
                    field(par, "PAGE", "1", size=10 if is_number_only and style == "页码" else None)
                elif part == str(SENTINEL_TOTAL):
                    field(par, "NUMPAGES", "1")
                elif part:
                    r = par.add_run(part)
                    if is_number_only:
                        set_run(r, None, None, "000000")
        if rule:
            bdr = el("w:pBdr")
            bdr.append(border("bottom", "single", 6, RED, 3))
            set_ppr(par, bdr)

    def furniture(self, section) -> None:
        p, L = self.p, self.L
        rule = L.header_rule
        for parity, page in (("odd", SENTINEL_ODD), ("even", SENTINEL_EVEN)):
            header = section.header if parity == "odd" else section.even_page_header
            footer = section.footer if parity == "odd" else section.even_page_footer
            header.is_linked_to_previous = False
            footer.is_linked_to_previous = False
            head_items = p.header_items(page, SENTINEL_TOTAL)
            self._slot_paragraph(header, head_items, "页眉文字", rule)
            self._slot_paragraph(footer, p.footer_items(page, SENTINEL_TOTAL), "页码", False)
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False

    @staticmethod
    def empty_furniture(section) -> None:
        """No running heads: drop the references python-docx copied from the previous section,
        then give every header and footer its own empty part."""
        for ref in section._sectPr.findall(qn("w:headerReference")) + section._sectPr.findall(qn("w:footerReference")):
            section._sectPr.remove(ref)
        section.different_first_page_header_footer = False
        for hf in (section.header, section.footer, section.even_page_header, section.even_page_footer,
                   section.first_page_header, section.first_page_footer):
            hf.is_linked_to_previous = False

    def page_break(self) -> None:
        """What follows starts a new page: a 1 pt empty paragraph with page-break-before at the
        top of that page. (A break at the end of the previous page's last paragraph, or in a
        paragraph of its own there, spills onto a page of its own when that page is full, and
        LibreOffice ignores page-break-before in a table's first paragraph.)"""
        par = self.doc.add_paragraph(style="报头")
        par.paragraph_format.page_break_before = True
        par.paragraph_format.line_spacing = Pt(1)
        par.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY

    def new_section(self, start):
        """python-docx ends a section with an empty paragraph that holds its w:sectPr; such a
        paragraph can spill onto a page of its own. The w:sectPr goes into the previous
        paragraph instead (Word's own way), unless that is a table."""
        s = self.doc.add_section(start)
        body = self.doc.element.body
        blocks = [c for c in body if c.tag in (qn("w:p"), qn("w:tbl"))]
        holder = blocks[-1]
        prev = blocks[-2] if len(blocks) > 1 else None
        if (prev is not None and prev.tag == qn("w:p") and not holder.findall(qn("w:r"))
                and prev.find(qn("w:pPr") + "/" + qn("w:sectPr")) is None):
            sect = holder.find(qn("w:pPr") + "/" + qn("w:sectPr"))
            put(prev.get_or_add_pPr(), sect, PPR_SEQ)
            body.remove(holder)
        return s

    def two_columns(self, start) -> None:
        """End the current section here; the new one (the body) has two columns."""
        s = self.new_section(start)
        s.different_first_page_header_footer = False
        cols = s._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = el("w:cols")
            s._sectPr.append(cols)
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), str(tw(self.L.body_size * 2.6)))

    def build(self, entries: list[ContentsEntry]) -> bytes:
        d, p, L = self.doc, self.p, self.L
        cp = d.core_properties
        cp.author = p.issue.meta["publisher"]
        cp.title = f"{p.title} {p.issue_line}"
        cp.subject = p.subtitle
        cp.last_modified_by = p.issue.meta["publisher"]
        cp.comments = ""
        y, m, dd = (int(x) for x in p.issue.print_date_iso().split("-"))
        cp.created = cp.modified = dt.datetime(y, m, dd, 1, 0, 0)
        cp.revision = 1

        s0 = d.sections[0]
        self.section_geometry(s0)
        self.furniture(s0)
        self.cover(entries)
        inside = L.staff_place == "inside-cover" or L.contents_page == 2
        if inside:
            self.page_break()
            if L.staff_place == "inside-cover":
                self.staff_box(d, on_cover=L.contents_page == 2)
            if L.contents_page == 2:     # the contents page is as full as the cover can be: fitted
                if p.contents_heading:
                    head = self.para(d, "Normal", p.contents_heading, self.faces.bold, RED,
                                     round(L.body_size * 1.5, 1), WD_ALIGN_PARAGRAPH.CENTER)
                    head.paragraph_format.space_before = Pt(18 if L.staff_place == "inside-cover" else 6)
                    head.paragraph_format.space_after = Pt(10)
                self.contents(d, entries, on_cover=True, trailing=False)
        staff_first = L.staff_place == "first-article-page"
        if L.columns == 2 and not staff_first:
            self.two_columns(WD_SECTION.NEW_PAGE)       # the body starts a new page, in two columns
        else:
            self.page_break()
            if staff_first:
                self.staff_box(d)
            if L.columns == 2:
                self.two_columns(WD_SECTION.CONTINUOUS)  # under the staff box, two columns
        for a in p.articles:
            self.article(a)
        if L.staff_place == "back" and L.back_cover == "none":
            if L.columns == 2:      # back to one column: a table in a column overlaps its text
                s = self.new_section(WD_SECTION.CONTINUOUS)
                s._sectPr.find(qn("w:cols")).set(qn("w:num"), "1")
            self.staff_box(d)
        if L.blank_page or L.back_cover != "none":
            s = self.new_section(WD_SECTION.NEW_PAGE)
            cols = s._sectPr.find(qn("w:cols"))
            if cols is not None:
                cols.set(qn("w:num"), "1")
            self.empty_furniture(s)
            if L.blank_page:
                par = d.add_paragraph(style="报头")
                if L.back_cover != "none":
                    par.add_run().add_break(WD_BREAK.PAGE)
            if L.back_cover != "none":
                self.back()
        # the document's final paragraph mark would otherwise be an empty line on the last page
        buf = io.BytesIO()
        d.save(buf)
        return buf.getvalue()


def toc_height(L: LayoutSpec, g: Geo, entries) -> float:
    """Rough height (pt, at fit 1) of the contents table."""
    size = 12 * (0.9 if L.toc_columns == 2 else 1)
    inner = (g.text_width - 12 * (L.toc_columns - 1)) / L.toc_columns - 18
    rows = 0
    for e in entries:
        if e.section_label and L.toc_section == "own-line":
            rows += 1
        label = text_width_pt("【区域】", size) + size * 0.5 if L.toc_section == "column" else 0
        for k, line in enumerate(e.title_lines):
            width = label + text_width_pt(e.lead + line, size) + (size * 3 if e.page else 0)
            if k == 0 and L.toc_section == "inline" and e.section_label:
                width += text_width_pt(e.section_label, size)
            rows += max(1, -(-int(width) // int(inner)))
    if L.toc_columns == 2:
        rows = (rows + 1) // 2 + 1
    return rows * size * 1.65 + 12 + 6


def staff_height(p: PrintedIssue) -> float:
    lines = len(p.staff_publisher) + len(p.host_lines) + len(p.staff_lines) + len(p.contact_lines)
    return lines * 10 * 1.6 + 16 + 6 + 10


def cover_estimate(p: PrintedIssue, L: LayoutSpec, g: Geo, entries) -> tuple[float, float]:
    """Rough height (pt) of the cover's content: the fixed part (masthead), and the part that
    scales with the fit factor (contents, staff box)."""
    qr = 24 * PT_PER_MM + 14
    info = 22 * len(p.cover_issue_label) + 2 * 18
    fixed = max(qr, info) + 18 + 14 * 1.4 + 9.5 * 1.4 + 16 + L.title_size * 1.3 + 4 \
        + min(22, L.title_size * 0.42) * 1.4 + 8 + 16 + 10
    variable = (toc_height(L, g, entries) if L.contents_page == 1 else 0) + \
        (staff_height(p) if p.staff_on_cover else 0)
    return fixed, variable


def contents_page_estimate(p: PrintedIssue, L: LayoutSpec, g: Geo, entries) -> tuple[float, float]:
    """The same for the contents page (contents_page 2): 本期要目, staff box, contents."""
    fixed = L.body_size * 1.5 * 1.3 + 24 + 10
    variable = toc_height(L, g, entries) + (staff_height(p) if L.staff_place == "inside-cover" else 0)
    return fixed, variable


def initial_fit(p: PrintedIssue, L: LayoutSpec, entries) -> float:
    """The largest fit (≤ 1) at which the cover and the contents page should hold their content."""
    g = Geo.of(L)
    pages = [cover_estimate(p, L, g, entries)]
    if L.contents_page == 2:
        pages.append(contents_page_estimate(p, L, g, entries))
    fit = 1.0
    for fixed, variable in pages:
        if variable:
            fit = min(fit, round((g.text_height - fixed - 10) / (variable * 1.2) - 0.005, 2))
    return max(0.5, fit)


def put_setting(settings, child) -> None:
    for old in settings.findall(child.tag):
        settings.remove(old)
    # w:evenAndOddHeaders comes early in CT_Settings (after w:proofState ... before w:defaultTabStop)
    anchor = settings.find(qn("w:defaultTabStop"))
    if anchor is not None:
        anchor.addprevious(child)
    else:
        settings.insert(0, child)


# --------------------------------------------------------------------------- conversion

_PROFILE: tuple[int, Path] | None = None


def _profile() -> Path:
    """A private LibreOffice user installation for this process (runs in parallel processes do
    not collide; a forked worker makes its own)."""
    global _PROFILE
    if _PROFILE is None or _PROFILE[0] != os.getpid():
        path = Path(tempfile.mkdtemp(prefix=f"lo-profile-{os.getpid()}-"))
        _PROFILE = (os.getpid(), path)
        atexit.register(shutil.rmtree, path, True)
        # a multiprocessing worker (make_layout_variants.py --jobs) ends without atexit handlers
        import multiprocessing.util
        multiprocessing.util.Finalize(None, shutil.rmtree, args=(str(path), True), exitpriority=0)
    return _PROFILE[1]


# LibreOffice 7.4 ignores two Word paragraph settings when it imports a .docx:
#  - w:autoSpaceDE / w:autoSpaceDN: it always adds Word's default CJK/Latin spacing (a gap of
#    ~0.2 em between 2024 and 年, which poppler extracts as a space: "2024 年");
#  - w:overflowPunct: it always lets ，。 hang into the right margin — and a hanging comma after
#    a Latin run ("增长 5.5%，" at the end of a justified line) is then not painted at all: the
#    PDF loses the character.
# So the document goes docx → flat ODF (fodt), where both are switched off
# (style:text-autospace="none", style:punctuation-wrap="simple"), → PDF: two soffice runs.
# AUTOSPACE = True keeps LibreOffice's (and Word's) default CJK/Latin spacing.
AUTOSPACE = False


def _soffice_convert(src: Path, fmt: str, workdir: Path) -> Path:
    out = workdir / (src.stem + "." + fmt.split(":")[0])
    if out.exists():
        out.unlink()
    cmd = [_soffice() or "soffice", f"-env:UserInstallation={_profile().as_uri()}", "--headless",
           "--norestore", "--nolockcheck", "--convert-to", fmt, "--outdir", str(workdir), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if not out.exists():
        raise RuntimeError(f"soffice failed ({proc.returncode}): {proc.stdout[-1000:]} {proc.stderr[-1000:]}")
    return out


def convert(docx_bytes: bytes, workdir: Path) -> bytes:
    """The Word document → PDF with LibreOffice Writer (see AUTOSPACE)."""
    src = workdir / "issue.docx"
    src.write_bytes(docx_bytes)
    flat = _soffice_convert(src, "fodt", workdir)
    xml = flat.read_text(encoding="utf-8")
    xml = re.sub(r'style:punctuation-wrap="[^"]*"', 'style:punctuation-wrap="simple"', xml)
    if not AUTOSPACE:
        xml = re.sub(r'style:text-autospace="[^"]*"', 'style:text-autospace="none"', xml)
    flat.write_text(xml, encoding="utf-8")
    return _soffice_convert(flat, "pdf:writer_pdf_Export", workdir).read_bytes()


@dataclass
class Layout:
    page_count: int
    starts: list          # per outline entry (article titles in order): (page, x, y)
    page_height: float


def analyse(pdf_bytes: bytes) -> Layout:
    import pikepdf
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        index = {pg.objgen: i + 1 for i, pg in enumerate(pdf.pages)}
        starts = []
        outlines = pdf.Root.get("/Outlines")
        item = outlines.get("/First") if outlines is not None else None
        while item is not None:
            dest = item.get("/Dest")
            if dest is None and "/A" in item:
                dest = item.A.get("/D")
            starts.append((index[dest[0].objgen], float(dest[2]), float(dest[3])))
            item = item.get("/Next")
        return Layout(len(pdf.pages), starts, float(pdf.pages[0].mediabox[3]))


def normalise(pdf_bytes: bytes, p: PrintedIssue) -> bytes:
    import pikepdf
    date = "D:" + p.issue.print_date_iso().replace("-", "") + "090000+08'00'"
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        info = pdf.docinfo
        info["/CreationDate"] = date
        info["/ModDate"] = date
        if "/DocChecksum" in pdf.trailer:   # LibreOffice's trailer checksum covers the time
            del pdf.trailer["/DocChecksum"]
        if "/ID" in pdf.trailer:            # qpdf would keep a random first half
            del pdf.trailer["/ID"]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def build_docx(p: PrintedIssue, spec: LayoutSpec, fit: float = 1.0) -> bytes:
    entries = p.contents_entries([0] * len(p.articles)) if spec.toc_leaders else p.contents_entries(None)
    return Builder(p, spec, fit).build(entries)


def produce(p: PrintedIssue, spec: LayoutSpec | None = None) -> Produced:
    """Build the Word document, convert it with LibreOffice, return the PDF and its page facts."""
    spec = spec or p.layout
    if spec != p.layout:
        raise ValueError("spec differs from the PrintedIssue's layout")
    L = spec
    inside = L.staff_place == "inside-cover" or L.contents_page == 2
    body_first = 3 if inside else 2
    with tempfile.TemporaryDirectory(prefix="issuepipe-lo-") as tmp:
        work = Path(tmp)
        fit0 = initial_fit(p, spec, p.contents_entries(None))
        for fit in [round(fit0 - 0.07 * k, 2) for k in range(5) if fit0 - 0.07 * k >= 0.45]:
            raw = convert(build_docx(p, spec, fit), work)
            lay = analyse(raw)
            if len(lay.starts) != len(p.articles):
                raise RuntimeError(f"{len(lay.starts)} outline entries for {len(p.articles)} articles")
            if lay.starts[0][0] == body_first:
                break
        else:
            raise FixedPageOverflow(f"the first article starts on page {lay.starts[0][0]}, not {body_first} "
                               "(the cover or inside cover ran over)")
    n = lay.page_count
    tail = (1 if L.back_cover != "none" else 0) + (1 if L.blank_page else 0)
    body_last = n - tail
    numbered = list(range(2, body_last + 1))
    blank = [body_last + 1] if L.blank_page else []
    if L.toc_leaders:
        _check_contents_pages(raw, p, lay)
    pages = _article_pages(lay, body_last, spec)
    return Produced(pdf=normalise(raw, p), page_count=n, numbered_pages=numbered,
                    article_pages=pages, blank_pages=blank)


def _check_contents_pages(raw: bytes, p: PrintedIssue, lay: Layout) -> None:
    """The PAGEREF results LibreOffice printed must be the articles' first pages."""
    want = [str(lay.starts[i][0]) for i in range(len(p.articles))]
    page = 1 if p.layout.contents_page == 1 else 2
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(raw)
        f.flush()
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", f.name, "-"],
                              capture_output=True, text=True).stdout
    found = re.findall(r"(?:\.{2,}|…{2,})\s*(\d+)", text)
    if not set(found) <= set(want):
        raise RuntimeError(f"contents page numbers {found} differ from the article pages {want}")


def _article_pages(lay: Layout, body_last: int, spec: LayoutSpec) -> list[list[int]]:
    t, r, b, l = spec.margins_mm
    top = lay.page_height - t * PT_PER_MM
    out = []
    for i, (first, _, _) in enumerate(lay.starts):
        if i + 1 < len(lay.starts):
            nxt, x, y = lay.starts[i + 1]
            at_top = y >= top - 30 and x <= l * PT_PER_MM + 5
            last = nxt - 1 if at_top and nxt > first else nxt
        else:
            last = body_last
        out.append(list(range(first, max(first, last) + 1)))
    return out
