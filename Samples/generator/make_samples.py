#!/usr/bin/env python3
"""Typeset the sample issues of 《双周决策观察》 as A4 PDFs and write their expected JSON.

    pip install -r Samples/generator/requirements.txt
    python3 Samples/generator/make_samples.py            # writes Samples/*.pdf and Samples/expected/*.json
    python3 Samples/generator/make_samples.py --check    # rebuild in memory, fail if any output differs

Inputs are the line-based sources in Samples/source/ (markup described in Samples/README.md).
Every output is deterministic: the same sources give the same bytes.

The expected JSON is derived from the source markup only (not from any extraction of the PDF);
the one thing it takes from the typesetting is each article's page list, which the layout
records while it places the article on the pages.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import io
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Spacer)

SAMPLES = Path(__file__).resolve().parent.parent
SOURCE_DIR = SAMPLES / "source"
EXPECTED_DIR = SAMPLES / "expected"

PAGE_W, PAGE_H = A4  # 595.27 x 841.89 pt

# --------------------------------------------------------------------------- fonts

FONT_FILES = {
    # name used in this script: (file, subfont index). The PDF font name is the face's PostScript
    # name (see `pdffonts`): UMingCN, UKaiCN, WenQuanYiZenHei, WenQuanYiMicroHei.
    "Song": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),       # AR PL UMing CN
    "Kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),         # AR PL UKai CN
    "Hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),      # WenQuanYi Zen Hei
    "MicroHei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),  # WenQuanYi Micro Hei
}
_registered: dict[str, TTFont] = {}


def font(name: str) -> str:
    """Register a TrueType font once (subset-embedded by reportlab) and return its name."""
    if name not in _registered:
        path, index = FONT_FILES[name]
        if not Path(path).exists():
            sys.exit(f"missing font {path}: apt-get install -y fonts-arphic-uming fonts-arphic-ukai "
                     f"fonts-wqy-zenhei fonts-wqy-microhei")
        f = TTFont(name, path, subfontIndex=index)
        pdfmetrics.registerFont(f)
        _registered[name] = f
    return name


def check_glyphs(font_name: str, text: str, what: str) -> None:
    """Fail if the font lacks a glyph for a character (reportlab would silently print a box)."""
    face = _registered[font_name].face
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in face.charToGlyph})
    if missing:
        sys.exit(f"font {font_name} has no glyph for {missing!r} in {what}")


# --------------------------------------------------------------------------- CJK text flowable

# Chinese typesetting (GB/T 15834 practice): these may not start / end a line. We push characters
# to the next line instead, and never break inside a run of Latin letters/digits or at a space.
CANNOT_START = set("，。、；：！？）》〉」』】〕”’…%·．,.;:!?)]")
CANNOT_END = set("（《〈「『【〔“‘([")


def _is_latin(ch: str) -> bool:
    """Latin letters, digits, ASCII punctuation, “”—… (anything below the CJK blocks)."""
    return ord(ch) < 0x2E80 and not ch.isspace()


def may_break(before: str, after: str) -> bool:
    """May a line end with `before` and the next one start with `after`?

    Never next to a space: a space at a line edge is invisible, text extraction drops it, and a
    reader could not tell "共有 9 个" from "12个". So lines break only between two non-space
    characters, not inside a Latin word or number, and not against the punctuation rules.
    Joining the wrapped lines with nothing then gives back the source text exactly.
    """
    if before.isspace() or after.isspace():
        return False
    if after in CANNOT_START or before in CANNOT_END:
        return False
    return not (_is_latin(before) and _is_latin(after))


@dataclass
class Glyph:
    ch: str
    font: str
    size: float
    color: object
    width: float


@dataclass
class TextStyle:
    size: float
    leading: float
    align: str = "justify"          # justify | left | center | right
    first_indent: float = 0
    space_before: float = 0
    space_after: float = 0
    keep_with_next: bool = False


class CJKText(Flowable):
    """A paragraph of Chinese text set line by line, with real justification.

    reportlab's Paragraph justifies CJK lines only through the word space (so not at all) and
    shifts the first glyph of a split paragraph's continuation; this flowable breaks lines
    itself (may_break), justifies every line but the last with a uniform character spacing (Tc),
    and splits between lines at a page break.
    """

    def __init__(self, runs, style: TextStyle, lines=None, continued=False):
        super().__init__()
        self.runs, self.style, self.continued = runs, style, continued
        self._lines = lines                 # precomputed lines (a split part), or None
        self._width = None
        self.keepWithNext = style.keep_with_next

    # runs: list of (text, font, size, color)
    def _glyphs(self):
        return [Glyph(ch, f, sz, col, pdfmetrics.stringWidth(ch, f, sz))
                for text, f, sz, col in self.runs for ch in text]

    def _break(self, width):
        g = self._glyphs()
        lines, start, used = [], 0, 0.0
        avail = width - self.style.first_indent
        for i, gl in enumerate(g):
            used += gl.width
            if used <= avail + 0.01 or i == start:
                continue
            brk = i                                    # g[i] would overflow: it starts the next line
            while brk > start + 1 and not may_break(g[brk - 1].ch, g[brk].ch):
                brk -= 1
            lines.append((g[start:brk], avail, False))
            start, avail = brk, width
            used = sum(x.width for x in g[start:i + 1])
        lines.append((g[start:], avail, True))
        return lines

    def wrap(self, availWidth, availHeight):
        if self._lines is None or self._width != availWidth:
            if self._lines is None or not self.continued:
                self._lines = self._break(availWidth)
            self._width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def getSpaceBefore(self):
        return 0 if self.continued else self.style.space_before

    def getSpaceAfter(self):
        return self.style.space_after

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        n = len(self._lines)
        fit = int((availHeight + 0.01) // self.style.leading)
        if n < 4 or fit < 2 or n - fit < 2:            # no orphans or widows of one line
            fit = min(fit, n - 2)
            if n < 4 or fit < 2:
                return []
        head_style = dataclasses.replace(self.style, space_after=0, keep_with_next=False)
        head = CJKText(self.runs, head_style, self._lines[:fit], self.continued)
        tail = CJKText(self.runs, self.style, self._lines[fit:], True)
        for part in (head, tail):
            part._article = getattr(self, "_article", None)
            part._width = availWidth
        head.split_part, tail.split_part = "head", "tail"
        return [head, tail]

    def draw(self):
        c, st = self.canv, self.style
        for i, (glyphs, avail, last) in enumerate(self._lines):
            if not glyphs:
                continue
            natural = sum(g.width for g in glyphs)
            indent = self.width - avail
            cs = 0.0
            if st.align == "justify" and not last and len(glyphs) > 1:
                cs = (avail - natural) / (len(glyphs) - 1)
                if cs > 0.3 * st.size:                  # too loose: leave the line ragged
                    cs = 0.0
            x = indent
            if st.align == "center":
                x = (self.width - natural) / 2
            elif st.align == "right":
                x = self.width - natural
            baseline = self.height - i * st.leading - (st.leading + st.size * 0.76) / 2
            tx = c.beginText(x, baseline)
            tx.setCharSpace(cs)
            run, key = "", None
            for g in glyphs:
                k = (g.font, g.size, g.color)
                if k != key and run:
                    _text_out(tx, key, run)
                    run = ""
                key = k
                run += g.ch
            if run:
                _text_out(tx, key, run)
            c.drawText(tx)


# Fonts drawn with a faked bold (fill and stroke, render mode 2): a second name registered for a
# face (variants/reportlab_producer.py: bold runs in a Hei body). Empty for the samples.
FAKE_BOLD: set[str] = set()


def _text_out(tx, key, run: str) -> None:
    fnt, size, color = key
    tx.setFont(fnt, size)
    tx.setFillColor(color)
    if fnt in FAKE_BOLD:
        tx.setTextRenderMode(2)
        tx.setStrokeColor(color)
        tx._code.append(f"{size * 0.035:.3f} w")
        tx.textOut(run)
        tx.setTextRenderMode(0)
    else:
        tx.textOut(run)


# --------------------------------------------------------------------------- source markup

@dataclass
class Block:
    kind: str   # "paragraph" | "heading"
    text: str   # as in the source: may contain **bold** runs and the closing citation


@dataclass
class Article:
    section: str
    title: str
    marker_inline: bool          # 【X】 printed on the title line (like the seed's first article)
    marker_line: bool            # 【X】 printed on its own line just before the title
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Issue:
    name: str
    meta: dict[str, str]
    hosts: list[str]
    staff: list[tuple[str, list[str]]]
    back: list[str]
    contents: list[tuple[str, str]]
    articles: list[Article]

    @property
    def year(self) -> int: return int(self.meta["year"])
    @property
    def number(self) -> int: return int(self.meta["number"])
    @property
    def cumulative(self) -> int: return int(self.meta["cumulative"])

    def print_date_iso(self) -> str:
        m = re.fullmatch(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日印发", self.meta["print-date"])
        if not m:
            raise ValueError(f"print-date not understood: {self.meta['print-date']!r}")
        return f"{self.year:04d}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"


MARKER_RE = re.compile(r"^【([^【】]{1,8})】$")
INLINE_MARKER_RE = re.compile(r"^【([^【】]{1,8})】(.+)$")
MULTI = {"host", "staff", "back", "contents"}


def parse_source(path: Path) -> Issue:
    meta: dict[str, str] = {}
    multi: dict[str, list[str]] = {k: [] for k in MULTI}
    articles: list[Article] = []
    section: str | None = None
    pending_marker = False
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        where = f"{path.name}:{lineno}"
        if not line.strip() or line.startswith("%%"):
            continue
        if line != line.strip():
            raise ValueError(f"{where}: leading/trailing whitespace")
        if line.startswith("@"):
            if articles or pending_marker:
                raise ValueError(f"{where}: header field after the body started")
            key, sep, value = line[1:].partition(": ")
            if not sep:
                raise ValueError(f"{where}: header needs '@key: value'")
            if key in MULTI:
                multi[key].append(value)
            elif key in meta:
                raise ValueError(f"{where}: duplicate @{key}")
            else:
                meta[key] = value
            continue
        if m := MARKER_RE.match(line):
            section, pending_marker = m.group(1), True
            continue
        if line.startswith("# "):
            title, inline = line[2:], False
            if m := INLINE_MARKER_RE.match(title):
                section, title, inline = m.group(1), m.group(2), True
            if section is None:
                raise ValueError(f"{where}: article before any section marker")
            articles.append(Article(section, title, inline, pending_marker))
            pending_marker = False
            continue
        if not articles or pending_marker:
            raise ValueError(f"{where}: text outside an article")
        if line.startswith("## "):
            articles[-1].blocks.append(Block("heading", line[3:]))
        elif line.startswith("#"):
            raise ValueError(f"{where}: unknown markup {line[:4]!r}")
        else:
            articles[-1].blocks.append(Block("paragraph", line))

    required = ["year", "number", "cumulative", "print-date", "title", "subtitle", "publisher",
                "publisher-en", "phone", "fax", "running-header", "qr-caption", "back-qr-caption"]
    for key in required:
        if key not in meta:
            raise ValueError(f"{path.name}: missing @{key}")
    staff = []
    for s in multi["staff"]:
        role, _, names = s.partition(" | ")
        staff.append((role, names.split()))
    contents = []
    for c in multi["contents"]:
        sec, _, title = c.partition(" | ")
        contents.append((sec, title))
    return Issue(path.stem, meta, multi["host"], staff, multi["back"], contents, articles)


# --------------------------------------------------------------------------- expected JSON

CITATION_RE = re.compile(r"（((?:[^（）]+? \d{8})(?: [^（）]+? \d{8})*)）$")
SOURCE_RE = re.compile(r"(\S[^（）]*?) (\d{4})(\d{2})(\d{2})(?= |$)")


CJK_CHAR = (r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20"
            r"\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2014\u2026\u00b7]")
CJK_GAP_RE = re.compile(f"(?<={CJK_CHAR})\\s+(?={CJK_CHAR})")


def plain(text: str) -> str:
    """The contract's text rules: bold markers out, and no space between two CJK
    characters or between CJK and full-width punctuation (a headline's printed
    gap, `上海出台实施方案 落实…`, goes too); other spaces stay as printed."""
    return CJK_GAP_RE.sub("", text.replace("**", ""))


def split_citation(text: str) -> tuple[str, list[dict[str, str]]]:
    """'…新动能。（中国经济时报 20240131）' -> ('…新动能。', [{name, date}])."""
    m = CITATION_RE.search(text)
    if not m:
        return text, []
    sources = [{"name": n, "date": f"{y}-{mo}-{d}"} for n, y, mo, d in SOURCE_RE.findall(m.group(1))]
    return text[:m.start()], sources


def expected_json(issue: Issue, pages: list[list[int]]) -> dict:
    articles = []
    for art, art_pages in zip(issue.articles, pages):
        blocks = [{"kind": b.kind, "text": plain(b.text)} for b in art.blocks]
        sources: list[dict[str, str]] = []
        if blocks and blocks[-1]["kind"] == "paragraph":
            rest, sources = split_citation(blocks[-1]["text"])
            if sources:
                if rest:
                    blocks[-1]["text"] = rest
                else:
                    blocks.pop()
        articles.append({"section": art.section, "title": plain(art.title), "pages": art_pages,
                         "blocks": blocks, "sources": sources})
    return {
        "schemaVersion": "1.0",
        "publication": {
            "title": issue.meta["title"],
            "subtitle": issue.meta["subtitle"],
            "publisher": issue.meta["publisher"],
            "publisherEn": issue.meta["publisher-en"],
            "hosts": issue.hosts,
        },
        "issue": {"year": issue.year, "number": issue.number,
                  "cumulativeNumber": issue.cumulative, "printDate": issue.print_date_iso()},
        "staff": [{"role": r, "names": n} for r, n in issue.staff],
        "contacts": {"phone": issue.meta["phone"], "fax": issue.meta["fax"]},
        "contents": [{"section": s, "title": plain(t)} for s, t in issue.contents],
        "articles": articles,
    }


# --------------------------------------------------------------------------- layouts

RED = colors.HexColor("#B3261E")
GREY = colors.HexColor("#555555")
TINT = colors.HexColor("#F6F1E7")


@dataclass
class Layout:
    """Geometry and type of one typesetting. Two instances below: MAIN and ALT."""
    suffix: str                      # output name suffix ("" or "-alt")
    margin_left: float
    margin_right: float
    margin_top: float                # body frame top on body pages, from the page top
    margin_bottom: float
    body_font: str
    bold_font: str
    body_size: float
    body_leading: float
    title_size: float
    title_align: int
    marker_size: float
    qr_left: bool                    # cover QR on the left (issue info right) or the reverse
    staff_columns: bool              # page-2 staff box in two columns, or one row per field
    header: Callable                 # header(canvas, issue, layout, page_no)
    footer: Callable                 # footer(canvas, issue, layout, page_no)

    @property
    def text_width(self) -> float:
        return PAGE_W - self.margin_left - self.margin_right


def issue_line(issue: Issue) -> str:
    return f"{issue.year} 年第 {issue.number} 期"


def header_main(c, issue, lay, page_no):
    """'双周决策观察 · 地方工作亮点追踪' left, '2024 年第 3 期' right, baseline 40 pt from the top."""
    y = PAGE_H - 40
    c.setFont(lay.body_font, 9)
    c.setFillColor(GREY)
    c.drawString(lay.margin_left, y, issue.meta["running-header"])
    c.drawRightString(PAGE_W - lay.margin_right, y, issue_line(issue))
    c.setStrokeColor(RED)
    c.setLineWidth(0.8)
    c.line(lay.margin_left, y - 6, PAGE_W - lay.margin_right, y - 6)
    c.setFillColor(colors.black)


def footer_main(c, issue, lay, page_no):
    """'— 3 —' centred, baseline 36 pt from the bottom (806 pt from the top)."""
    c.setFont(lay.body_font, 10)
    c.drawCentredString(PAGE_W / 2, 36, f"— {page_no} —")


def header_alt(c, issue, lay, page_no):
    """'《双周决策观察》2025 年第 21 期（总第 295 期）' centred, baseline 30 pt from the top, rule above the body."""
    y = PAGE_H - 30
    c.setFont(lay.body_font, 8.5)
    c.setFillColor(GREY)
    c.drawCentredString(PAGE_W / 2, y,
                        f"《{issue.meta['title']}》{issue_line(issue)}（总第 {issue.cumulative} 期）")
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.line(lay.margin_left, y - 7, PAGE_W - lay.margin_right, y - 7)
    c.line(lay.margin_left, y - 9, PAGE_W - lay.margin_right, y - 9)
    c.setFillColor(colors.black)


def footer_alt(c, issue, lay, page_no):
    """'第 3 页' at the outer right, baseline 28 pt from the bottom (814 pt from the top)."""
    c.setFont(lay.body_font, 9)
    c.drawRightString(PAGE_W - lay.margin_right, 28, f"第 {page_no} 页")


MAIN = Layout(suffix="", margin_left=68, margin_right=68, margin_top=72, margin_bottom=70,
              body_font="Song", bold_font="Hei", body_size=12, body_leading=21,
              title_size=16, title_align=TA_CENTER, marker_size=14, qr_left=True,
              staff_columns=True, header=header_main, footer=footer_main)
ALT = Layout(suffix="-alt", margin_left=88, margin_right=54, margin_top=62, margin_bottom=58,
             body_font="Kai", bold_font="MicroHei", body_size=10.5, body_leading=17.5,
             title_size=15, title_align=TA_LEFT, marker_size=12, qr_left=False,
             staff_columns=False, header=header_alt, footer=footer_alt)


# --------------------------------------------------------------------------- drawing helpers

def draw_qr(c, x: float, y: float, size: float, seed: str) -> None:
    """A QR-code-like square (not a real code): 25x25 modules, three finder patterns, seeded noise."""
    n = 25
    m = size / n
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    grid = [[rng.random() < 0.48 for _ in range(n)] for _ in range(n)]
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        for i in range(-1, 8):
            for j in range(-1, 8):
                if 0 <= fx + i < n and 0 <= fy + j < n:
                    ring = max(abs(i - 3), abs(j - 3))
                    grid[fy + j][fx + i] = ring in (0, 1, 3) if i not in (-1, 7) and j not in (-1, 7) else False
    c.setFillColor(colors.white)
    c.rect(x - 2 * m, y - 2 * m, size + 4 * m, size + 4 * m, stroke=0, fill=1)
    c.setFillColor(colors.black)
    for r in range(n):
        for col in range(n):
            if grid[r][col]:
                c.rect(x + col * m, y + size - (r + 1) * m, m, m, stroke=0, fill=1)


def draw_cover(c, issue: Issue, lay: Layout) -> None:
    W, H = PAGE_W, PAGE_H
    left, right = lay.margin_left, W - lay.margin_right
    # top colour band
    c.setFillColor(RED)
    c.rect(0, H - 18, W, 18, stroke=0, fill=1)
    # QR + caption and issue information, side by side
    qr = 72
    qr_x = left if lay.qr_left else right - qr
    draw_qr(c, qr_x, H - 60 - qr, qr, issue.name + "-cover")
    c.setFillColor(colors.black)
    c.setFont(lay.body_font, 9)
    c.drawCentredString(qr_x + qr / 2, H - 60 - qr - 14, issue.meta["qr-caption"])
    info = [(lay.bold_font, 15, issue_line(issue)), (lay.body_font, 11, f"(总第 {issue.cumulative} 期)"),
            (lay.body_font, 11, issue.meta["print-date"])]
    y = H - 78
    for fnt, size, text in info:
        c.setFont(fnt, size)
        if lay.qr_left:
            c.drawRightString(right, y, text)
        else:
            c.drawString(left, y, text)
        y -= size + 9
    # publisher
    c.setFont(lay.bold_font, 15)
    c.drawCentredString(W / 2, H - 200, issue.meta["publisher"])
    c.setFont(lay.body_font, 10)
    c.drawCentredString(W / 2, H - 216, issue.meta["publisher-en"])
    # title block
    c.setFillColor(RED)
    c.setFont(lay.bold_font, 46)
    c.drawCentredString(W / 2, H - 292, issue.meta["title"])
    c.setFillColor(colors.black)
    c.setFont(lay.bold_font, 20)
    c.drawCentredString(W / 2, H - 328, issue.meta["subtitle"])
    c.setStrokeColor(RED)
    c.setLineWidth(2)
    c.line(left, H - 350, right, H - 350)
    c.setLineWidth(0.6)
    c.line(left, H - 354, right, H - 354)
    # table of contents, grouped by section; first entry of a section carries the marker
    size, lead = (13, 24) if lay is MAIN else (12, 22)
    top = H - 392
    rows = len(issue.contents)
    c.setFillColor(TINT)
    box_top, box_bottom = top + size + 10, top - (rows - 1) * lead - size
    c.rect(left, box_bottom, right - left, box_top - box_bottom, stroke=0, fill=1)
    c.setFillColor(colors.black)
    marker_w = pdfmetrics.stringWidth("【区域】", lay.bold_font, size) + size * 0.6
    x0 = left + 14
    y = top
    prev = None
    for sec, title in issue.contents:
        if sec != prev:
            c.setFont(lay.bold_font, size)
            c.setFillColor(RED)
            c.drawString(x0, y, f"【{sec}】")
            c.setFillColor(colors.black)
            prev = sec
        c.setFont(lay.body_font, size)
        c.drawString(x0 + marker_w, y, title)
        y -= lead
    # foot line
    c.setStrokeColor(RED)
    c.setLineWidth(0.6)
    c.line(left, 60, right, 60)


def draw_staff_box(c, issue: Issue, lay: Layout, top: float) -> float:
    """Inside-cover staff box under the header; returns its bottom y."""
    left, right = lay.margin_left, PAGE_W - lay.margin_right
    c.setFillColor(colors.black)
    if lay.staff_columns:
        height = 132
        c.setStrokeColor(RED)
        c.setLineWidth(0.8)
        c.rect(left, top - height, right - left, height, stroke=1, fill=0)
        x1 = left + 16
        y = top - 24
        c.setFont(lay.bold_font, 13)
        c.drawString(x1, y, issue.meta["publisher"])
        c.setFont(lay.body_font, 9)
        c.drawString(x1, y - 14, issue.meta["publisher-en"])
        c.setFont(lay.bold_font, 10.5)
        c.drawString(x1, y - 40, "主办")
        c.setFont(lay.body_font, 10.5)
        for i, h in enumerate(issue.hosts):
            c.drawString(x1, y - 56 - 15 * i, h)
        x2 = left + (right - left) * 0.56
        rows = [(role, " ".join(names)) for role, names in issue.staff]
        rows += [("电话", issue.meta["phone"]), ("传真", issue.meta["fax"])]
        yy = y
        for i, (label, value) in enumerate(rows):
            c.setFont(lay.bold_font, 10.5)
            c.drawString(x2, yy, label)
            c.setFont(lay.body_font, 10.5)
            c.drawString(x2 + 30, yy, value)
            yy -= 18 if i != len(issue.staff) - 1 else 28
        return top - height
    # ALT: one row per field, label then values, in a tinted band
    rows = [(issue.meta["publisher"] + "  " + issue.meta["publisher-en"], None),
            ("主办", "  ".join(issue.hosts))]
    rows += [(role, " ".join(names)) for role, names in issue.staff]
    rows += [("电话", issue.meta["phone"]), ("传真", issue.meta["fax"])]
    height = 16 * len(rows) + 16
    c.setFillColor(TINT)
    c.rect(left, top - height, right - left, height, stroke=0, fill=1)
    c.setFillColor(colors.black)
    y = top - 18
    for label, value in rows:
        if value is None:
            c.setFont(lay.bold_font, 10)
            c.drawString(left + 10, y, label)
        else:
            c.setFont(lay.bold_font, 9.5)
            c.drawString(left + 10, y, label)
            c.setFont(lay.body_font, 9.5)
            c.drawString(left + 44, y, value)
        y -= 16
    return top - height


def draw_back_cover(c, issue: Issue, lay: Layout) -> None:
    W, H = PAGE_W, PAGE_H
    c.setFillColor(RED)
    c.rect(0, 0, W, 18, stroke=0, fill=1)
    lines = issue.back
    styles = [(lay.bold_font, 34, RED), (lay.body_font, 16, colors.black), (lay.body_font, 14, GREY)]
    y = H - 300
    for i, text in enumerate(lines):
        fnt, size, col = styles[min(i, len(styles) - 1)]
        c.setFont(fnt, size)
        c.setFillColor(col)
        c.drawCentredString(W / 2, y, text)
        y -= size + 22
    qr = 96
    draw_qr(c, W / 2 - qr / 2, 170, qr, issue.name + "-back")
    c.setFillColor(colors.black)
    c.setFont(lay.body_font, 10.5)
    c.drawCentredString(W / 2, 148, issue.meta["back-qr-caption"])


# --------------------------------------------------------------------------- body flow

def runs_of(text: str, font_name: str, bold_font: str, size: float, color=colors.black):
    """Source text -> runs; **x** becomes a run in the bold (Hei) font."""
    parts = text.split("**")
    if len(parts) % 2 == 0:
        raise ValueError(f"unbalanced ** in {text[:30]!r}")
    return [(part, bold_font if i % 2 else font_name, size, color)
            for i, part in enumerate(parts) if part]


class IssueDoc(BaseDocTemplate):
    """Records, for each article, the pages its flowables were drawn on."""

    def __init__(self, buf, issue: Issue, lay: Layout):
        self.issue, self.lay = issue, lay
        self.article_pages: list[list[int]] = [[] for _ in issue.articles]
        self.split_paragraphs: list[tuple[int, int]] = []   # (article index, page of the continuation)
        super().__init__(buf, pagesize=A4, invariant=1,
                         title=f"{issue.meta['title']} {issue_line(issue)}",
                         author=issue.meta["publisher"],
                         subject=f"{issue.meta['subtitle']}（总第 {issue.cumulative} 期）",
                         creator="IssuePipe Samples/generator/make_samples.py",
                         leftMargin=lay.margin_left, rightMargin=lay.margin_right,
                         topMargin=lay.margin_top, bottomMargin=lay.margin_bottom,
                         # start pages in the body font: no unused, non-embedded Helvetica
                         initialFontName=lay.body_font)
        W, H = PAGE_W, PAGE_H
        body = Frame(lay.margin_left, lay.margin_bottom, lay.text_width,
                     H - lay.margin_top - lay.margin_bottom, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self._staff_bottom = self._measure_staff_box()
        first_top = self._staff_bottom + 18
        first = Frame(lay.margin_left, lay.margin_bottom, lay.text_width,
                      H - first_top - lay.margin_bottom, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        tiny = Frame(0, 0, W, 40, id="tiny")
        self.addPageTemplates([
            PageTemplate("cover", [tiny], onPage=self._on_cover),
            PageTemplate("first", [first], onPage=self._on_first),
            PageTemplate("body", [body], onPage=self._on_body),
            PageTemplate("back", [tiny], onPage=self._on_back),
        ])

    def _measure_staff_box(self) -> float:
        """Distance from the page top to the bottom of the page-2 staff box."""
        height = 132 if self.lay.staff_columns else 16 * (4 + len(self.issue.staff)) + 16
        return self.lay.margin_top - 14 + height

    def _on_cover(self, c, doc):
        # fixed creation date: the print date, 09:00 China time
        iso = self.issue.print_date_iso().replace("-", "")
        c.setDateFormatter(lambda *a: f"D:{iso}090000+08'00'")
        draw_cover(c, self.issue, self.lay)

    def _on_first(self, c, doc):
        self.lay.header(c, self.issue, self.lay, c.getPageNumber())
        draw_staff_box(c, self.issue, self.lay, PAGE_H - self.lay.margin_top + 14)
        self.lay.footer(c, self.issue, self.lay, c.getPageNumber())

    def _on_body(self, c, doc):
        self.lay.header(c, self.issue, self.lay, c.getPageNumber())
        self.lay.footer(c, self.issue, self.lay, c.getPageNumber())

    def _on_back(self, c, doc):
        draw_back_cover(c, self.issue, self.lay)

    def afterFlowable(self, flowable):
        if not isinstance(flowable, CJKText):      # spacers, page breaks, template switches
            return
        art = flowable._article
        if art is None:                            # a section marker line
            return
        if getattr(flowable, "split_part", None) == "tail":
            self.split_paragraphs.append((art, self.page))
        pages = self.article_pages[art]
        if self.page not in pages:
            pages.append(self.page)


def styles(lay: Layout) -> dict[str, TextStyle]:
    size = lay.body_size
    return {
        "body": TextStyle(size, lay.body_leading, "justify", first_indent=2 * size,
                          space_after=size * 0.25),
        "title": TextStyle(lay.title_size, lay.title_size * 1.45,
                           "center" if lay.title_align == TA_CENTER else "left",
                           space_before=size * 1.3, space_after=size * 0.7, keep_with_next=True),
        "marker": TextStyle(lay.marker_size, lay.marker_size * 1.5, "left",
                            space_before=size * 1.2, keep_with_next=True),
        "heading": TextStyle(size, lay.body_leading, "left", space_before=size * 0.5,
                             space_after=size * 0.2, keep_with_next=True),
    }


def build_pdf(issue: Issue, lay: Layout) -> tuple[bytes, IssueDoc]:
    for f in (lay.body_font, lay.bold_font):
        font(f)
    st = styles(lay)
    story: list = [NextPageTemplate("first"), Spacer(1, 1), PageBreak(), NextPageTemplate("body")]

    def add(flowable, article):
        flowable._article = article
        story.append(flowable)

    all_text = []
    hei, song = lay.bold_font, lay.body_font
    for i, art in enumerate(issue.articles):
        marker = f"【{art.section}】"
        if art.marker_line:
            add(CJKText([(marker, hei, lay.marker_size, RED)], st["marker"]), None)
        title = runs_of(art.title, hei, hei, lay.title_size)
        if art.marker_inline:
            title = [(marker, hei, lay.marker_size, RED)] + title
        add(CJKText(title, st["title"]), i)
        all_text.append(art.title)
        for b in art.blocks:
            if b.kind == "heading":
                add(CJKText(runs_of(b.text, hei, hei, lay.body_size), st["heading"]), i)
            else:
                add(CJKText(runs_of(b.text, song, hei, lay.body_size), st["body"]), i)
            all_text.append(b.text)
    story += [NextPageTemplate("back"), PageBreak(), Spacer(1, 1)]

    furniture = [issue.meta[k] for k in issue.meta] + issue.hosts + issue.back + \
        [" ".join(n) + r for r, n in issue.staff] + [t + s for s, t in issue.contents] + \
        ["—0123456789 年第期页总()（）《》【】·", issue.name]
    check_glyphs(lay.body_font, "".join(all_text + furniture).replace("**", ""), issue.name)
    check_glyphs(lay.bold_font, "".join(all_text + furniture).replace("**", ""), issue.name)

    buf = io.BytesIO()
    doc = IssueDoc(buf, issue, lay)
    doc.build(story)
    return buf.getvalue(), doc


# --------------------------------------------------------------------------- main

# (source name, layouts): which PDFs to make
TARGETS = [("bri-2024-03", [MAIN]), ("bri-2025-21", [MAIN, ALT])]


def generate() -> dict[Path, bytes]:
    outputs: dict[Path, bytes] = {}
    for name, layouts in TARGETS:
        issue = parse_source(SOURCE_DIR / f"{name}.md")
        for lay in layouts:
            pdf, doc = build_pdf(issue, lay)
            out = f"{name}{lay.suffix}"
            missing = [a.title for a, p in zip(issue.articles, doc.article_pages) if not p]
            if missing:
                sys.exit(f"{out}: articles not placed: {missing}")
            outputs[SAMPLES / f"{out}.pdf"] = pdf
            data = expected_json(issue, doc.article_pages)
            outputs[EXPECTED_DIR / f"{out}.json"] = \
                (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            report = ", ".join(f"{a.title[:12]}…={p}" for a, p in zip(issue.articles, doc.article_pages))
            splits = ", ".join(f"art{a + 1}→p{p}" for a, p in doc.split_paragraphs)
            print(f"{out}.pdf: {doc.page} pages, {len(pdf) // 1024} KB; {report}", file=sys.stderr)
            print(f"  paragraphs continued across a page break: {splits or 'none'}", file=sys.stderr)
    return outputs


def write_outputs(outputs: dict, description: str) -> int:
    """The command line both generators share: write the outputs, or with
    --check only report which would change (exit 1 if any)."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="do not write; fail if an output would change")
    args = ap.parse_args()
    changed = [p for p, data in outputs.items() if not p.exists() or p.read_bytes() != data]
    if args.check:
        for p in changed:
            print(f"would change: {p.relative_to(SAMPLES.parent)}", file=sys.stderr)
        return 1 if changed else 0
    EXPECTED_DIR.mkdir(exist_ok=True)
    for p, data in outputs.items():
        p.write_bytes(data)
    print(f"wrote {len(outputs)} files ({len(changed)} changed)", file=sys.stderr)
    return 0


def main() -> int:
    return write_outputs(generate(), __doc__)


if __name__ == "__main__":
    sys.exit(main())
