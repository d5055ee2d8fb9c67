"""Typeset a PrintedIssue with reportlab (the samples' typesetter, any LayoutSpec).

Reuses make_samples.py's CJKText flowable (its line breaker: joining a paragraph's wrapped lines
with nothing gives back the text), fonts and QR drawing. Pages:

    1              cover: masthead, issue label, cumulative number, print date, publishers, QR;
                   the contents (contents_page 1), the staff box (staff_place cover)
    2              (contents_page 2 or staff_place inside-cover) the contents page and/or the
                   staff box; the body then starts on page 3
    first body     the staff box on top (staff_place first-article-page), body below
    body pages     1 or 2 columns; running heads and page numbers per the layout
    [blank]        blank_page: an empty page before the back cover (or at the end)
    back cover     slogan / qr / address (+ the staff box, staff_place back); none: no back cover
                   (the staff box then closes the last body page)

Fonts: body song → AR PL UMing CN, kai → AR PL UKai CN, hei → WenQuanYi Micro Hei; bold (titles,
headings, markers, **runs**) WenQuanYi Zen Hei (Micro Hei under a Kai body); under a Hei body the
bold face is Zen Hei drawn with a faked bold (fill + stroke), since both Hei faces look alike.
Typeset twice: the first pass finds the article pages (contents page numbers) and the page count
(of-total page numbers). Deterministic: invariant mode, the print date as creation date.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Spacer)

import variants  # noqa: F401  (puts Samples/generator on sys.path)
import make_samples as ms
from make_samples import CJKText, TextStyle
from variants.layout import PAGE_SIZES
from variants.printed import PrintedIssue, Produced, split_two

NAME = "reportlab"
MM = 72 / 25.4
RED, GREY, TINT, BLACK = ms.RED, ms.GREY, ms.TINT, colors.black
BAND = colors.HexColor("#F3E3E1")

# body font → (body face, bold face) in make_samples.FONT_FILES names
FACES = {"song": ("Song", "Hei"), "kai": ("Kai", "MicroHei"), "hei": ("MicroHei", "HeiBold")}
ms.FONT_FILES.setdefault("HeiBold", ms.FONT_FILES["Hei"])     # Zen Hei, drawn fake-bold
ms.FAKE_BOLD.add("HeiBold")


def check() -> str | None:
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return "reportlab missing: pip install -r Samples/generator/requirements.txt"
    from pathlib import Path
    for name in ("Song", "Kai", "Hei", "MicroHei"):
        path = ms.FONT_FILES[name][0]
        if not Path(path).exists():
            return (f"font {path} missing: apt-get install fonts-arphic-uming fonts-arphic-ukai "
                    f"fonts-wqy-zenhei fonts-wqy-microhei")
    return None


# --------------------------------------------------------------------------- geometry

@dataclass
class Geo:
    W: float
    H: float
    mt: float
    mr: float
    mb: float
    ml: float
    body: str
    bold: str
    size: float
    lead: float

    @property
    def text_w(self) -> float:
        return self.W - self.ml - self.mr

    @property
    def col_gap(self) -> float:
        """Between two body columns: 2 em (poppler then reads the columns apart)."""
        return max(20, self.size * 2)


def geometry(p: PrintedIssue) -> Geo:
    L = p.layout
    W, H = PAGE_SIZES[L.page_size]
    top, right, bottom, left = (m * MM for m in L.margins_mm)
    body, bold = FACES[L.body_font]
    return Geo(W, H, top, right, bottom, left, body, bold, L.body_size,
               round(L.body_size * L.leading, 2))


def sw(text: str, fnt: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, fnt, size)


def fit_size(texts: list[tuple[str, str]], width: float, size: float, lowest: float = 6.5) -> float:
    """The largest size ≤ size (steps of 0.5 pt) at which every (text, font) fits the width."""
    while size > lowest and max(sw(t, f, size) for t, f in texts) > width:
        size -= 0.5
    return size


def draw_text(c, x: float, y: float, text: str, fnt: str, size: float, color=BLACK,
              align: str = "left") -> None:
    c.setFont(fnt, size)
    c.setFillColor(color)
    if fnt in ms.FAKE_BOLD:
        t = c.beginText()
        t.setTextRenderMode(2)
        t.setFont(fnt, size)
        t.setFillColor(color)
        t.setStrokeColor(color)
        t._code.append(f"{size * 0.035:.3f} w")
        w = sw(text, fnt, size)
        t.setTextOrigin(x - (w if align == "right" else w / 2 if align == "center" else 0), y)
        t.textOut(text)
        c.saveState()
        c.drawText(t)
        c.restoreState()
        return
    {"left": c.drawString, "right": c.drawRightString, "center": c.drawCentredString}[align](x, y, text)


def is_latin(text: str) -> bool:
    return all(ord(ch) < 0x2E80 for ch in text)


# --------------------------------------------------------------------------- staff box

class StaffBox(Flowable):
    """Publisher, hosts, staff and contacts. one-role staff lines: two columns in a red frame
    (publisher and hosts left, staff and contacts right); several: one row per line in a tinted
    band. Drawn as a flowable (closing the body) or directly on a page (drawOn)."""

    def __init__(self, p: PrintedIssue, g: Geo, width: float):
        super().__init__()
        self.p, self.g, self.width = p, g, width
        self.columns = p.layout.staff_per_line == "one-role"
        pad = 12
        if self.columns:
            self.col_w = (width - 3 * pad) / 2
            left = [(t, g.body) for t in p.host_lines] + [(t, g.bold) for t in p.staff_publisher]
            right = [(t, g.body) for t in p.staff_lines + p.contact_lines]
            self.fs = min(fit_size(left, self.col_w, 10), fit_size(right, self.col_w, 10))
            n_left = len(p.staff_publisher) + len(p.host_lines)
            n_right = len(p.staff_lines) + len(p.contact_lines)
            self.row = self.fs * 1.7
            self.height = max(n_left + 0.6, n_right + 0.6) * self.row + 2 * pad
        else:
            rows = [(" ".join(p.staff_publisher), g.bold)] + \
                [(t, g.body) for t in p.host_lines + p.staff_lines + p.contact_lines]
            self.fs = fit_size(rows, width - 2 * pad, 9.5)
            self.row = self.fs * 1.75
            self.height = len(rows) * self.row + 2 * pad - self.fs * 0.5
        self.pad = pad

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c, p, g, fs, pad = self.canv, self.p, self.g, self.fs, self.pad
        c.saveState()
        if self.columns:
            c.setStrokeColor(RED)
            c.setLineWidth(0.8)
            c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
            y = self.height - pad - fs
            for t in p.staff_publisher:
                latin = is_latin(t)
                draw_text(c, pad, y, t, g.body if latin else g.bold, fs * (0.85 if latin else 1.15))
                y -= self.row
            y -= self.row * 0.4
            indent = sw(p.host_label, g.body, fs)
            for i, t in enumerate(p.host_lines):
                draw_text(c, pad + (indent if i else 0), y, t, g.body, fs)
                y -= self.row
            x2 = pad * 2 + self.col_w
            y = self.height - pad - fs
            for i, t in enumerate(p.staff_lines + p.contact_lines):
                if i == len(p.staff_lines):
                    y -= self.row * 0.6
                draw_text(c, x2, y, t, g.body, fs)
                y -= self.row
        else:
            c.setFillColor(TINT)
            c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            c.setFillColor(RED)
            c.rect(0, 0, 3, self.height, stroke=0, fill=1)
            y = self.height - pad - fs * 0.9
            zh = [t for t in p.staff_publisher if not is_latin(t)]
            x = pad
            for t in p.staff_publisher:          # on one row, in the layout's order
                latin = is_latin(t)
                f, s = (g.body, fs * 0.9) if latin else (g.bold, fs * 1.05)
                draw_text(c, x, y, t, f, s)
                x += sw(t, f, s) + fs * 1.2
            del zh
            y -= self.row
            indent = sw(p.host_label, g.body, fs)
            for i, t in enumerate(p.host_lines):
                draw_text(c, pad + (indent if i else 0), y, t, g.body, fs)
                y -= self.row
            for t in p.staff_lines + p.contact_lines:
                draw_text(c, pad, y, t, g.body, fs)
                y -= self.row
        c.restoreState()


# --------------------------------------------------------------------------- contents

def wrap_to(lines: list[str], fnt: str, size: float, width: float) -> list[str]:
    """Lines too wide for the column broken further (printed.split_two: the same places as
    two-line entries), while they can be."""
    out = []
    for line in lines:
        parts = [line]
        if sw(line, fnt, size) > width:
            parts = split_two(line, 2)
            if len(parts) == 2:
                parts = wrap_to(parts, fnt, size, width)
        out += parts
    return out


def toc_rows(entries, p: PrintedIssue, g: Geo, size: float, width: float = 1e6):
    """Rows of drawing ops for the contents: ("text", x, text, font, color) and
    ("leader", x, page). Returns (rows, widest row). Titles wider than `width` wrap."""
    L = p.layout
    labels = [e.section_label for e in entries if e.section_label]
    label_w = (max(sw(t, g.bold, size) for t in labels) + size * 0.6) if labels else 0
    rows, widest, hang = [], 0.0, 0.0
    for e in entries:
        x, row = 0.0, []
        if L.toc_section == "own-line":
            if e.section_label:
                rows.append([("text", 0, e.section_label, g.bold, RED)])
            x = size
        elif L.toc_section == "column":
            if e.section_label:
                row.append(("text", label_w - size * 0.6, e.section_label, g.bold, RED, "right"))
            row.append(("rule", label_w - size * 0.3))
            x = label_w
        else:                                            # inline: hanging under the title
            if e.section_label:
                row.append(("text", 0, e.section_label, g.bold, RED))
                hang = sw(e.section_label, g.bold, size) + size * 0.3
            x = hang
        if e.bullet:
            row.append(("text", x, e.bullet, g.body, RED))
            x += sw(e.bullet + " ", g.body, size)
        if e.number:
            row.append(("text", x, e.number, g.body, BLACK))
            x += sw(e.number, g.body, size)
        room = width - x - (size * 2.5 + sw(e.page, g.body, size) if e.page else 0)
        for j, line in enumerate(wrap_to(e.title_lines, g.body, size, room)):
            if j:
                rows.append(row)
                row = []
            row.append(("text", x, line, g.body, BLACK))
            end = x + sw(line, g.body, size)
            widest = max(widest, end)
        if e.page:
            row.append(("leader", end, e.page))
            widest = max(widest, end + size * 2.5 + sw(e.page, g.body, size))
        rows.append(row)
    return rows, widest


class ContentsTooLong(RuntimeError):
    pass


def layout_contents(entries, p: PrintedIssue, g: Geo, width: float, avail_h: float, start: float,
                    min_size: float = 8, dense: bool = False):
    """Pick the size (start, start − 0.5, … ≥ min_size) at which the contents fit: (size, leading,
    columns of rows, column width). Entries too wide for their column first make the type
    smaller (down to 10 pt), then wrap. dense: tighter line spacing."""
    ncol = p.layout.toc_columns
    gap = 18
    col_w = (width - gap * (ncol - 1)) / ncol
    half = math.ceil(len(entries) / ncol)
    groups = [entries[:half], entries[half:]] if ncol == 2 else [entries]
    for wrap in (False, True):
        size = start
        while size >= (min_size if wrap else max(min_size, 10)):
            lead = size * (1.4 if dense else 1.8 if size >= 10 else 1.6)
            laid = [toc_rows(grp, p, g, size, col_w if wrap else 1e6) for grp in groups]
            cols = [r for r, _ in laid]
            if all(w <= col_w for _, w in laid) and max(len(r) for r in cols) * lead <= avail_h:
                return size, lead, cols, col_w
            size -= 0.5
    raise ContentsTooLong(f"{p.issue.name}: the contents do not fit ({avail_h:.0f} pt)")


def contents_height(entries, p: PrintedIssue, g: Geo, width: float, size: float,
                    tinted: bool = True, min_size: float = 8, dense: bool = False) -> float:
    """The height of the contents set at `size` (or smaller, if they are too wide)."""
    pad = 10 if tinted else 0
    size, lead, cols, _ = layout_contents(entries, p, g, width - 2 * pad, 1e6, size, min_size, dense)
    return max(len(r) for r in cols) * lead + 2 * pad - (lead - size) + size * 0.3


def draw_contents(c, entries, p: PrintedIssue, g: Geo, x0: float, top: float, width: float,
                  avail_h: float, start: float = 13, tinted: bool = True, min_size: float = 8,
                  dense: bool = False) -> float:
    """Draw the contents below `top`; returns the y of their bottom."""
    pad = 10 if tinted else 0
    size, lead, cols, col_w = layout_contents(entries, p, g, width - 2 * pad, avail_h - 2 * pad,
                                              start, min_size, dense)
    height = max(len(r) for r in cols) * lead + 2 * pad - (lead - size) + size * 0.3
    if tinted:
        c.setFillColor(TINT)
        c.rect(x0, top - height, width, height, stroke=0, fill=1)
    dot_w = sw(".", g.body, size)
    for ci, rows in enumerate(cols):
        cx = x0 + pad + ci * (col_w + 18)
        y = top - pad - size
        for row in rows:
            for op in row:
                if op[0] == "text":
                    _, x, text, fnt, color, *align = op
                    draw_text(c, cx + x, y, text, fnt, size, color, *align)
                elif op[0] == "rule":                  # the section column's edge
                    c.setStrokeColor(RED)
                    c.setLineWidth(0.6)
                    c.line(cx + op[1], y - (lead - size) / 2 - size * 0.25,
                           cx + op[1], y + size + (lead - size) / 2 - size * 0.25)
                else:
                    _, x, page = op
                    pw = sw(page, g.body, size)
                    n = int((col_w - x - pw - size * 0.8) / dot_w)
                    if n > 0:
                        draw_text(c, cx + x + size * 0.4, y, "." * n, g.body, size, GREY)
                    draw_text(c, cx + col_w, y, page, g.body, size, BLACK, "right")
            y -= lead
    return top - height


# --------------------------------------------------------------------------- cover, page 2, back

COVER_LEVELS = [  # how tightly the cover is set: (gap factor, QR size, least contents size, dense)
    (1.0, 60, 8, False), (0.7, 50, 7.5, True), (0.45, 44, 6.5, True)]


def draw_cover_fitted(c, p: PrintedIssue, g: Geo, entries) -> None:
    """The cover at the loosest level at which the contents fit (tried on a scratch canvas)."""
    from reportlab.pdfgen.canvas import Canvas
    for level in range(len(COVER_LEVELS)):
        try:
            draw_cover(Canvas(io.BytesIO(), pagesize=(g.W, g.H)), p, g, entries, level)
        except ContentsTooLong:
            if level == len(COVER_LEVELS) - 1:
                raise
            continue
        draw_cover(c, p, g, entries, level)
        return


def draw_cover(c, p: PrintedIssue, g: Geo, entries, level: int = 0) -> None:
    L, W, H = p.layout, g.W, g.H
    left, right = g.ml, W - g.mr
    k, qr, min_size, dense = COVER_LEVELS[level]
    c.setFillColor(RED)
    c.rect(0, H - 16, W, 16, stroke=0, fill=1)
    info = [(t, g.bold, 14) for t in p.cover_issue_label] + \
        [(p.cumulative_label, g.body, 11), (p.print_date_label, g.body, 11)]
    pubs = [(t, g.body, 9.5) if is_latin(t) else (t, g.bold, 15) for t in p.publisher_lines]
    ts = L.title_size
    sub = max(14, round(ts * 0.42))

    def masthead(y):                                   # y: the title's baseline; returns bottom
        draw_text(c, W / 2, y, p.title, g.bold, ts, RED, "center")
        y -= sub + ts * 0.3
        draw_text(c, W / 2, y, p.subtitle, g.bold, sub, BLACK, "center")
        y -= sub * 0.9 + 4
        c.setStrokeColor(RED)
        c.setLineWidth(2)
        c.line(left, y, right, y)
        c.setLineWidth(0.6)
        c.line(left, y - 4, right, y - 4)
        return y - 4

    def info_block(x, y, align):                       # returns the bottom
        for text, fnt, size in info:
            draw_text(c, x, y, text, fnt, size, BLACK, align)
            y -= size + 8
        return y

    def qr_block(x, y_top):
        ms.draw_qr(c, x, y_top - qr, qr, p.issue.name + "-cover")
        draw_text(c, x + qr / 2, y_top - qr - 13, p.qr_caption, g.body, 9, BLACK, "center")
        return y_top - qr - 13

    def publishers(y):
        for text, fnt, size in pubs:
            draw_text(c, W / 2, y, text, fnt, size, BLACK, "center")
            y -= size + 7 * k
        return y

    staff = StaffBox(p, g, right - left) if p.staff_on_cover else None
    bottom = g.mb * 0.6 + 8 + (staff.height + 14 if staff else 0)
    if L.title_position == "top":
        y = masthead(H - 16 - max(g.mt * k, 30) - ts * 0.75)
        row = y - 22 * k
        b1 = info_block(left, row - 12, "left")
        b2 = qr_block(right - qr, row)
        y = publishers(min(b1, b2) - 22 * k)
    else:
        row = H - 16 - max(g.mt * 0.8 * k, 24)
        b1 = qr_block(left, row)
        b2 = info_block(right, row - 14, "right")
        y = publishers(min(b1, b2) - 26 * k)
        below = sub + ts * 0.3 + sub * 0.9 + 8        # the masthead block under its baseline
        wanted = H * (0.60 if L.contents_page == 1 else 0.52)
        if L.contents_page == 1:                      # high enough for the contents at ≥ 10 pt
            need = contents_height(entries, p, g, right - left, min(13, g.size + 1),
                                   min_size=min_size, dense=dense)
            wanted = max(wanted, bottom + need + 24 * k + below)
        y = masthead(min(wanted, y - 24 * k - ts * 0.8))
    if L.contents_page == 1:
        draw_contents(c, entries, p, g, left, y - 24 * k, right - left, y - 24 * k - bottom,
                      start=min(13, g.size + 1), min_size=min_size, dense=dense)
    if staff:
        staff.drawOn(c, left, g.mb * 0.6 + 8)
    c.setStrokeColor(RED)
    c.setLineWidth(0.6)
    c.line(left, g.mb * 0.6, right, g.mb * 0.6)


def draw_inside(c, p: PrintedIssue, g: Geo, entries) -> None:
    """Page 2 when it is not a body page: the contents (contents_page 2) and/or the staff box
    (staff_place inside-cover)."""
    left, right = g.ml, g.W - g.mr
    y = g.H - g.mt
    if p.contents_heading:
        hs = max(15, g.size * 1.35)
        draw_text(c, g.W / 2, y - hs, p.contents_heading, g.bold, hs, RED, "center")
        y -= hs * 2.6
        staff_h = StaffBox(p, g, right - left).height + 24 if p.layout.staff_place == "inside-cover" else 0
        y = draw_contents(c, entries, p, g, left, y, right - left, y - g.mb - staff_h,
                          start=min(14, g.size + 2), tinted=False, min_size=6.5) - 24
    if p.layout.staff_place == "inside-cover":
        box = StaffBox(p, g, right - left)
        box.drawOn(c, left, y - box.height)


def draw_back(c, p: PrintedIssue, g: Geo) -> None:
    L, W, H = p.layout, g.W, g.H
    left, right = g.ml, W - g.mr
    c.setFillColor(RED)
    c.rect(0, 0, W, 16, stroke=0, fill=1)
    staff = StaffBox(p, g, right - left) if L.staff_place == "back" else None
    floor = 16 + g.mb * 0.5 + (staff.height + 24 if staff else 0)
    if L.back_cover == "slogan":
        styles = [(g.bold, 30, RED), (g.body, 15, BLACK), (g.body, 13, GREY)]
        y = H * 0.62
        for i, text in enumerate(p.back_lines):
            fnt, size, col = styles[min(i, len(styles) - 1)]
            size = fit_size([(text, fnt)], right - left, size)
            draw_text(c, W / 2, y, text, fnt, size, col, "center")
            y -= size + 20
    elif L.back_cover == "qr":
        qr = 96
        y = max(floor + 30, H * 0.42)
        ms.draw_qr(c, W / 2 - qr / 2, y, qr, p.issue.name + "-back")
        size = fit_size([(p.back_qr_caption, g.body)], right - left, 10.5)
        draw_text(c, W / 2, y - 22, p.back_qr_caption, g.body, size, BLACK, "center")
    elif L.back_cover == "address":
        y = floor + 14 + 18 * len(p.back_lines)
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.line(left, y + 4, right, y + 4)
        y -= 14
        for text in p.back_lines:
            size = fit_size([(text, g.body)], right - left, 10)
            draw_text(c, left, y, text, g.body, size)
            y -= 18
    if staff:
        staff.drawOn(c, left, 16 + g.mb * 0.5)


def draw_running(c, p: PrintedIssue, g: Geo, page: int, total: int) -> None:
    left, right = g.ml, g.W - g.mr
    x_of = {"left": left, "center": g.W / 2, "right": right}
    hy = g.H - (g.mt * 0.5 + 4)
    items = p.header_items(page, total)
    for slot, text in items:
        size = 9
        draw_text(c, x_of[slot], hy, text, g.body, size, GREY, slot)
    if items and p.layout.header_rule:
        c.setStrokeColor(RED)
        c.setLineWidth(0.7)
        c.line(left, hy - 6, right, hy - 6)
    fy = g.mb * 0.45
    for slot, text in p.footer_items(page, total):
        draw_text(c, x_of[slot], fy, text, g.body, 10, BLACK, slot)


# --------------------------------------------------------------------------- body

class BandText(CJKText):
    """A section label in a shaded band across the column."""

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFillColor(BAND)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(RED)
        c.rect(0, 0, 4, self.height, stroke=0, fill=1)
        c.restoreState()
        super().draw()


def body_styles(p: PrintedIssue, g: Geo) -> dict[str, TextStyle]:
    L, size, lead = p.layout, g.size, g.lead
    indent = L.paragraph_style == "indent"
    ts = round(size * L.title_ratio, 1)
    para_after = size * 0.25 if indent else lead * 0.55
    return {
        "body": TextStyle(size, lead, "justify" if L.justify else "left",
                          first_indent=2 * size if indent else 0, space_after=para_after),
        "cite": TextStyle(size, lead, "right", space_after=para_after),
        "title": TextStyle(ts, ts * 1.45, "center" if L.title_align == "center" else "left",
                           space_before=size * 1.3, space_after=size * 0.7, keep_with_next=True),
        "title1": TextStyle(ts, ts * 1.35, "center" if L.title_align == "center" else "left",
                            space_before=size * 1.3, keep_with_next=True),
        "title2": TextStyle(ts, ts * 1.45, "center" if L.title_align == "center" else "left",
                            space_after=size * 0.7, keep_with_next=True),
        "marker": TextStyle(size * 1.1, size * 1.8, "left", space_before=size * 1.2,
                            keep_with_next=True),
        "band": TextStyle(size * 1.1, size * 2.0, "left", first_indent=size * 0.9,
                          space_before=size * 1.2, space_after=size * 0.3, keep_with_next=True),
        "heading": TextStyle(size, lead, "left", space_before=size * 0.5, space_after=size * 0.2,
                             keep_with_next=True),
        "heading-lead": TextStyle(round(size * 1.05, 2), lead, "left", space_before=size * 0.8,
                                  space_after=size * 0.3, keep_with_next=True),
        "heading-num": TextStyle(size, lead, "left", first_indent=2 * size if indent else 0,
                                 space_before=size * 0.5, space_after=size * 0.2,
                                 keep_with_next=True),
    }


def story_for(p: PrintedIssue, g: Geo, st: dict[str, TextStyle]) -> list:
    L = p.layout
    body, bold = g.body, g.bold
    tfont = bold if L.title_bold else body
    out: list = []

    def add(f, article, title=False):
        f._article, f._title = article, title
        out.append(f)

    for a in p.articles:
        msize = st["marker"].size
        marker_run = [(a.marker, bold, msize, RED)] if a.marker else []
        if a.marker and a.marker_place == "line":
            add(CJKText(marker_run, st["marker"]), None)
        elif a.marker and a.marker_place == "band":
            add(BandText([(a.marker, bold, st["band"].size, RED)], st["band"]), None)
        tsize = st["title"].size
        lines = a.title_lines
        for j, line in enumerate(lines):
            runs = ms.runs_of(line, tfont, bold, tsize)
            if j == 0 and a.marker and a.marker_place == "inline":
                runs = marker_run + runs
            style = st["title"] if len(lines) == 1 else st["title1" if j == 0 else "title2"]
            add(CJKText(runs, style), a.index, title=(j == 0))
        for b in a.blocks:
            if b.kind == "heading":
                if L.heading_style == "bracket":
                    text = b.text
                    runs = []
                    if text.startswith("【") and "】" in text:
                        k = text.index("】") + 1
                        runs.append((text[:k], bold, g.size, RED))
                        text = text[k:]
                    runs += ms.runs_of(text, bold, bold, g.size)
                    add(CJKText(runs, st["heading"]), a.index)
                elif L.heading_style == "bold-lead":
                    s = st["heading-lead"]
                    add(CJKText(ms.runs_of(b.text, bold, bold, s.size), s), a.index)
                else:
                    add(CJKText(ms.runs_of(b.text, bold, bold, g.size), st["heading-num"]), a.index)
            elif b.kind == "citation" and b.place == "right":
                add(CJKText([(b.text, body, g.size, BLACK)], st["cite"]), a.index)
            else:
                add(CJKText(ms.runs_of(b.text, body, bold, g.size), st["body"]), a.index)
    return out


class VariantDoc(BaseDocTemplate):
    def __init__(self, buf, p: PrintedIssue, g: Geo, entries, total: int):
        self.p, self.g, self.entries, self.total = p, g, entries, total
        self.article_pages: list[list[int]] = [[] for _ in p.articles]
        self.title_pages: list[int] = [0] * len(p.articles)
        self.numbered: list[int] = []
        self.blank: list[int] = []
        L = p.layout
        issue = p.issue
        super().__init__(buf, pagesize=(g.W, g.H), invariant=1,
                         title=f"{p.title} {p.issue_line}", author=issue.meta["publisher"],
                         subject=f"{p.subtitle}（总第 {issue.cumulative} 期）",
                         creator="IssuePipe Samples/generator/variants/reportlab_producer.py",
                         leftMargin=g.ml, rightMargin=g.mr, topMargin=g.mt, bottomMargin=g.mb,
                         initialFontName=g.body)
        tiny = [Frame(0, 0, g.W, 40, id="tiny")]
        staff_top = 0.0
        if L.staff_place == "first-article-page":
            staff_top = StaffBox(p, g, g.text_w).height + 18
        self.addPageTemplates([
            PageTemplate("cover", tiny, onPage=self._on_cover),
            PageTemplate("inside", tiny, onPage=self._on_inside),
            PageTemplate("first", self._frames(staff_top), onPage=self._on_first),
            PageTemplate("body", self._frames(0), onPage=self._on_body),
            PageTemplate("blank", tiny, onPage=self._on_blank),
            PageTemplate("back", tiny, onPage=self._on_back),
        ])

    def _frames(self, top_offset: float) -> list[Frame]:
        g, L = self.g, self.p.layout
        h = g.H - g.mt - g.mb - top_offset
        kw = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        if L.columns == 1:
            return [Frame(g.ml, g.mb, g.text_w, h, id="c1", **kw)]
        gap = g.col_gap
        cw = (g.text_w - gap) / 2
        return [Frame(g.ml, g.mb, cw, h, id="c1", **kw),
                Frame(g.ml + cw + gap, g.mb, cw, h, id="c2", **kw)]

    def _running(self, c):
        page = c.getPageNumber()
        self.numbered.append(page)
        draw_running(c, self.p, self.g, page, self.total)

    def _on_cover(self, c, doc):
        iso = self.p.issue.print_date_iso().replace("-", "")
        c.setDateFormatter(lambda *a: f"D:{iso}090000+08'00'")
        draw_cover_fitted(c, self.p, self.g, self.entries)

    def _on_inside(self, c, doc):
        self._running(c)
        draw_inside(c, self.p, self.g, self.entries)

    def _on_first(self, c, doc):
        self._running(c)
        if self.p.layout.staff_place == "first-article-page":
            box = StaffBox(self.p, self.g, self.g.text_w)
            box.drawOn(c, self.g.ml, self.g.H - self.g.mt - box.height)

    def _on_body(self, c, doc):
        self._running(c)

    def _on_blank(self, c, doc):
        self.blank.append(c.getPageNumber())

    def _on_back(self, c, doc):
        draw_back(c, self.p, self.g)

    def afterFlowable(self, flowable):
        art = getattr(flowable, "_article", None)
        if art is None:
            return
        if getattr(flowable, "_title", False) and not self.title_pages[art]:
            self.title_pages[art] = self.page
        if self.page not in self.article_pages[art]:
            self.article_pages[art].append(self.page)


def _build(p: PrintedIssue, g: Geo, first_pages, total: int) -> VariantDoc:
    L = p.layout
    entries = p.contents_entries(first_pages)
    st = body_styles(p, g)
    inside = L.contents_page == 2 or L.staff_place == "inside-cover"
    story: list = [NextPageTemplate("inside" if inside else "first"), Spacer(1, 1), PageBreak()]
    if inside:
        story += [NextPageTemplate("first"), Spacer(1, 1), PageBreak()]
    story.append(NextPageTemplate("body"))
    story += story_for(p, g, st)
    if L.staff_place == "back" and L.back_cover == "none":
        story += [Spacer(1, g.lead), StaffBox(p, g, g.text_w if L.columns == 1 else
                                              (g.text_w - g.col_gap) / 2)]
    if L.blank_page:
        story += [NextPageTemplate("blank"), PageBreak(), Spacer(1, 1)]
    if L.back_cover != "none":
        story += [NextPageTemplate("back"), PageBreak(), Spacer(1, 1)]
    buf = io.BytesIO()
    doc = VariantDoc(buf, p, g, entries, total)
    doc.build(story)
    doc.pdf = buf.getvalue()
    return doc


def all_text(p: PrintedIssue) -> str:
    parts = [p.title, p.subtitle, *p.cover_issue_label, p.cumulative_label, p.print_date_label,
             *p.publisher_lines, p.qr_caption, *p.host_lines, *p.staff_lines, *p.contact_lines,
             *p.back_lines, p.back_qr_caption or "", p.contents_heading or "", "0123456789./—-·第页"]
    for e in p.contents_entries():
        parts += [e.section_label or "", e.lead, e.title]
    for a in p.articles:
        parts += [a.marker or "", a.title] + [b.text for b in a.blocks]
    for pg in (2, 3):
        parts += [t for _, t in p.header_items(pg, 10) + p.footer_items(pg, 10)]
    return "".join(parts).replace("**", "")


def produce(p: PrintedIssue) -> Produced:
    g = geometry(p)
    for f in (g.body, g.bold):
        ms.font(f)
    text = all_text(p)
    ms.check_glyphs(g.body, text, p.issue.name)
    ms.check_glyphs(g.bold, text, p.issue.name)
    first = _build(p, g, None, 99)
    doc = _build(p, g, first.title_pages, first.page)
    if doc.page != first.page or doc.title_pages != first.title_pages:
        doc = _build(p, g, doc.title_pages, doc.page)
    missing = [a.title for a, pages in zip(p.articles, doc.article_pages) if not pages]
    if missing:
        raise RuntimeError(f"{p.issue.name}: articles not placed: {missing}")
    return Produced(pdf=doc.pdf, page_count=doc.page, numbered_pages=sorted(set(doc.numbered)),
                    article_pages=doc.article_pages, blank_pages=doc.blank)
