"""The chromium producer: a PrintedIssue as HTML/CSS, printed to PDF by headless Chromium.

How a web office or a CMS export makes the newsletter. Everything printed comes from the
PrintedIssue; this module only decides geometry and type:

  pages       CSS @page size and margins from the LayoutSpec; the cover, the back cover and the
              blank page are named pages without margin boxes; body pages are :left / :right
              pages (page 1 is a right-hand page, so even pages are left-hand pages)
  furniture   running heads and page numbers in @page margin boxes (@top-left … @bottom-right),
              the page number as counter(page) / counter(pages); the header rule is the page
              box's top border
  body        text-align: justify (Chromium stretches CJK lines between every character),
              text-indent: 2em or block paragraphs with space between, CSS columns for two-column
              body pages, shaded section bands, Hei face for titles / headings / bold runs
  contents    a flex row per entry with a dotted-border leader and the page number; Chromium
              (156) has neither target-counter() nor leader(), so the page numbers come from a
              second pass: pass 1 prints "00" placeholders, the article pages are read from the
              PDF's named destinations (every contents entry links to its article), pass 2
              prints the numbers (same widths, so the same page breaks; checked)
  fit         the cover, the contents page (page 2) and the back cover are one page each of
              fixed size; an inline script shrinks the contents / staff box type (down to 55 %)
              until they fit, before Chromium prints
  staff box   inside the cover (page 2, the body starts on page 3), on top of the first article
              page (full width above two columns), on the cover, on the back cover (with
              back_cover none: after the last article); two framed columns, or a tinted band
              (always for several roles on one line)

Fonts by family through fontconfig; the concrete faces for the spec's body_font are drawn from
the spec (producer_fonts: song → AR PL UMing CN / Noto Serif CJK SC / AR PL SungtiL GB, kai →
AR PL UKai CN / AR PL KaitiM GB, hei → WenQuanYi Zen Hei / Micro Hei / Noto Sans CJK SC; bold →
Zen Hei / Micro Hei / Noto Sans CJK SC Bold). Chromium embeds TrueType faces as CID TrueType
subsets (`AAAAAA+UMingCN`, Identity-H, with /ToUnicode), but CFF faces (Noto CJK) as nameless
Type 3 fonts (pdffonts: `[none] Type 3`, one per ≤256 glyphs), still with /ToUnicode; their
FontBBox is the whole font's, so poppler gives their words tall boxes and may order a Type 3 bold
run inline in TrueType text as a line of its own. font-synthesis is off (a synthetic bold would
be a Type 3 font too), so bold runs are a real Hei (or Noto Sans Bold) face, never faked.

Text layer (poppler): a justified line is drawn one glyph per Td/Tj (no Tc/Tw); lines stretched
far (few break points) come out with spaces between the characters; a line broken after a hyphen
(2024-|2028, 5G-|A) loses the hyphen in pdftotext's default mode (dehyphenation), not with
-layout; the spaces of `- 3 -` / `— 3 —` can vanish. Lines break by Chromium's CJK rules
(line-break: strict): at spaces and between any two Han characters, never hyphenated.

Deterministic: Chromium writes the current time as /CreationDate and /ModDate; they are set to
the print date (09:00 +08:00) with pikepdf, the /ID is derived from the content, no XMP.

    produce(p: PrintedIssue, spec: LayoutSpec | None = None) -> Produced
"""

from __future__ import annotations

import hashlib
import html
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

NAME = "chromium"

RED = "#B3261E"
TINT = "#F6F1E7"
GREY = "#555555"
PT_PER_MM = 72 / 25.4

# --------------------------------------------------------------------------- fonts

# (family, weight): a concrete face for each LayoutSpec.body_font, and the faces used for bold
# (titles, headings, **bold** runs). Chinese offices set emphasis in a Hei face, not a bold weight.
BODY_FACES = {
    "song": [("AR PL UMing CN", 400), ("AR PL UMing CN", 400), ("Noto Serif CJK SC", 400),
             ("AR PL SungtiL GB", 400)],
    "hei": [("WenQuanYi Zen Hei", 400), ("WenQuanYi Micro Hei", 400), ("Noto Sans CJK SC", 400)],
    "kai": [("AR PL UKai CN", 400), ("AR PL KaitiM GB", 400)],
}
BOLD_FACES = [("WenQuanYi Zen Hei", 400), ("WenQuanYi Zen Hei", 400), ("WenQuanYi Micro Hei", 400),
              ("Noto Sans CJK SC", 700)]
DEBIAN_FONTS = ("fonts-arphic-uming fonts-arphic-ukai fonts-arphic-gbsn00lp fonts-arphic-gkai00mp "
                "fonts-wqy-zenhei fonts-wqy-microhei fonts-noto-cjk")


@dataclass(frozen=True)
class Faces:
    body: tuple[str, int]
    bold: tuple[str, int]


def producer_fonts(spec: LayoutSpec, salt: str = NAME) -> Faces:
    """The concrete faces for a spec: drawn from the spec itself (same spec → same faces)."""
    rng = rng_for(salt, "faces", repr(spec))
    body = rng.choice(BODY_FACES[spec.body_font])
    bold = rng.choice([f for f in BOLD_FACES if f != body])
    return Faces(body, bold)


def _installed(family: str) -> bool:
    out = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True, text=True)
    return bool(out.stdout.strip())


def check() -> str | None:
    """None when usable, else what is missing."""
    if not _chromium():
        return "chromium not found: apt-get install chromium"
    try:
        import pikepdf  # noqa: F401
    except ImportError:
        return "pikepdf not found: pip install -r Samples/generator/requirements.txt"
    families = sorted({f for faces in BODY_FACES.values() for f, _ in faces} | {f for f, _ in BOLD_FACES})
    missing = [f for f in families if not _installed(f)]
    if missing:
        return f"fonts missing ({', '.join(missing)}): apt-get install {DEBIAN_FONTS}"
    return None


def _chromium() -> str | None:
    for exe in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(exe):
            return path
    return None


# --------------------------------------------------------------------------- small helpers

def esc(text: str) -> str:
    return html.escape(text, quote=True)


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def font_css(face: tuple[str, int]) -> str:
    family, weight = face
    generic = "sans-serif" if "Hei" in family or "Sans" in family else "serif"
    return f'font-family: "{family}", {generic}; font-weight: {weight};'


def qr_svg(seed: str, size_mm: float) -> str:
    """A QR-code-like square (not a real code), as make_samples.draw_qr draws it: 25×25 modules,
    three finder patterns, seeded noise; one SVG path."""
    import random
    n = 25
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    grid = [[rng.random() < 0.48 for _ in range(n)] for _ in range(n)]
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        for i in range(-1, 8):
            for j in range(-1, 8):
                if 0 <= fx + i < n and 0 <= fy + j < n:
                    ring = max(abs(i - 3), abs(j - 3))
                    grid[fy + j][fx + i] = (ring in (0, 1, 3)) if i not in (-1, 7) and j not in (-1, 7) else False
    d = "".join(f"M{c} {r}h1v1h-1z" for r in range(n) for c in range(n) if grid[r][c])
    return (f'<svg class="qr" viewBox="-2 -2 29 29" style="width:{size_mm}mm;height:{size_mm}mm">'
            f'<rect x="-2" y="-2" width="29" height="29" fill="#fff"/><path d="{d}" fill="#000"/></svg>')


def runs_html(block_text_runs, bold_class: str = "b") -> str:
    return "".join(f'<span class="{bold_class}">{esc(t)}</span>' if bold else esc(t)
                   for t, bold in block_text_runs)


# --------------------------------------------------------------------------- page furniture

SENTINEL_EVEN, SENTINEL_ODD, SENTINEL_TOTAL = 9998, 9999, 8888


def _content(text: str) -> str:
    """'— 9999 —' → '"— " counter(page) " —"' (the sentinel numbers become counters)."""
    parts = re.split(f"({SENTINEL_EVEN}|{SENTINEL_ODD}|{SENTINEL_TOTAL})", text)
    out = []
    for part in parts:
        if part in (str(SENTINEL_EVEN), str(SENTINEL_ODD)):
            out.append("counter(page)")
        elif part == str(SENTINEL_TOTAL):
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return " ".join(out)


def margin_boxes(p: PrintedIssue, faces: Faces, parity: str) -> str:
    """The @page :left / :right margin boxes: running head and page number, from the
    PrintedIssue's header_items / footer_items for a page of that parity."""
    page = SENTINEL_EVEN if parity == "left" else SENTINEL_ODD
    css = []
    for where, items in (("top", p.header_items(page, SENTINEL_TOTAL)),
                         ("bottom", p.footer_items(page, SENTINEL_TOTAL))):
        for slot, text in items:
            is_number = text == p.page_number_text(page, SENTINEL_TOTAL)
            size = 10 if is_number and where == "bottom" else 9
            valign = "bottom; padding-bottom: 2.5mm" if where == "top" else "top; padding-top: 4mm"
            colour = "#000" if is_number else GREY
            css.append(f"  @{where}-{slot} {{ content: {_content(text)}; {font_css(faces.body)} "
                       f"font-size: {size}pt; color: {colour}; white-space: pre; "
                       f"vertical-align: {valign}; }}")
    return "\n".join(css)


NO_BOXES = " ".join(f"@{v}-{h} {{ content: none; }}" for v in ("top", "bottom")
                    for h in ("left", "center", "right"))


# --------------------------------------------------------------------------- document parts

@dataclass
class Geometry:
    width_mm: float
    height_mm: float
    margins: tuple  # top, right, bottom, left (mm)

    @classmethod
    def of(cls, spec: LayoutSpec) -> "Geometry":
        w, h = PAGE_SIZES[spec.page_size]
        return cls(round(w / PT_PER_MM, 2), round(h / PT_PER_MM, 2), tuple(spec.margins_mm))


def staff_box_html(p: PrintedIssue, style: str) -> str:
    """The staff box: publisher, hosts, staff, contacts. style: frame (two columns in a red
    frame) | band (one row per line in a tinted band)."""
    zh = p.issue.meta["publisher"]
    pub = "".join(f'<div class="pub{"" if t == zh else " en"}">{esc(t)}</div>' for t in p.staff_publisher)
    label = p.host_label
    first = p.host_lines[0]
    assert first.startswith(label)
    host_names = [first[len(label):]] + p.host_lines[1:]
    hosts = (f'<div class="hosts"><span class="hl">{esc(label)}</span><span class="hn">'
             + "".join(f"<span>{esc(h)}</span>" for h in host_names) + "</span></div>")
    staff = "".join(f'<div class="line">{esc(s)}</div>' for s in p.staff_lines)
    contacts = "".join(f'<div class="line">{esc(c)}</div>' for c in p.contact_lines)
    if style == "frame":
        return (f'<div class="staff frame"><div class="col">{pub}{hosts}</div>'
                f'<div class="col">{staff}<div class="gap"></div>{contacts}</div></div>')
    return f'<div class="staff band">{pub}{hosts}{staff}{contacts}</div>'


def contents_html(p: PrintedIssue, entries: list[ContentsEntry]) -> str:
    L = p.layout
    rows = []
    for e in entries:
        lead = f'<span class="lead">{esc(e.lead)}</span>' if e.lead else ""
        lines = "".join(f'<span class="tl">{esc(t)}</span>' for t in e.title_lines)
        title = f'<span class="tt">{lines}</span>'
        page = (f'<span class="leader"></span><span class="pg">{esc(e.page)}</span>' if e.page else "")
        label = e.section_label
        href = f'href="#a{e.index}"'
        if L.toc_section == "own-line":
            if label:
                rows.append(f'<div class="toc-sec">{esc(label)}</div>')
            rows.append(f'<a class="entry" {href}>{lead}{title}{page}</a>')
        elif L.toc_section == "inline":
            sec = f'<span class="sec">{esc(label)}</span>' if label else ""
            rows.append(f'<a class="entry" {href}>{sec}{lead}{title}{page}</a>')
        else:  # column: the label in a left column, only on the section's first entry
            sec = f'<span class="sec">{esc(label or "")}</span>'
            rows.append(f'<a class="entry colsec" {href}>{sec}{lead}{title}{page}</a>')
    cols = " two" if L.toc_columns == 2 else ""
    return f'<div class="toc{cols}">' + "".join(rows) + "</div>"


def article_html(a: PrintedArticle, L: LayoutSpec) -> str:
    out = [f'<article id="a{a.index}">']
    inline_marker = ""
    if a.marker and a.marker_place == "line":
        out.append(f'<div class="marker">{esc(a.marker)}</div>')
    elif a.marker and a.marker_place == "band":
        out.append(f'<div class="secband">{esc(a.marker)}</div>')
    elif a.marker and a.marker_place == "inline":
        inline_marker = f'<span class="marker-in">{esc(a.marker)}</span>'
    lines = [esc(t) for t in a.title_lines]
    lines[0] = inline_marker + lines[0]
    out.append('<h2 class="title">' + "".join(f'<span class="tl">{t}</span>' for t in lines) + "</h2>")
    for b in a.blocks:
        out.append(block_html(b, L))
    out.append("</article>")
    return "\n".join(out)


def block_html(b: PrintedBlock, L: LayoutSpec) -> str:
    if b.kind == "heading":
        cls = {"bracket": "h-bracket", "bold-lead": "h-lead", "numbered": "h-numbered"}[L.heading_style]
        return f'<h3 class="{cls}">{esc(b.text.replace("**", ""))}</h3>'
    if b.kind == "citation":
        cls = "cite-right" if b.place == "right" else "p cite-par"
        return f'<p class="{cls}">{esc(b.text)}</p>'
    return f'<p class="p">{runs_html(b.runs())}</p>'


def cover_html(p: PrintedIssue, g: Geometry, variant: dict, entries) -> str:
    L = p.layout
    t, r, b, l = g.margins
    info = "".join(f'<div class="label">{esc(x)}</div>' for x in p.cover_issue_label)
    info += f'<div class="cum">{esc(p.cumulative_label)}</div><div class="date">{esc(p.print_date_label)}</div>'
    qr = (f'<div class="qrbox">{qr_svg(p.name() + "-cover", 24)}'
          f'<div class="cap">{esc(p.qr_caption)}</div></div>')
    top = (qr + f'<div class="info right">{info}</div>') if variant["qr_left"] else \
        (f'<div class="info">{info}</div>' + qr)
    pubs = "".join(f'<div class="{"zh" if i == (0 if L.publisher_order == "zh-first" else 1) else "en"}">'
                   f"{esc(s)}</div>" for i, s in enumerate(p.publisher_lines))
    mast = (f'<div class="mast"><div class="pubs">{pubs}</div>'
            f'<div class="mtitle">{esc(p.title)}</div><div class="msub">{esc(p.subtitle)}</div>'
            f'<div class="rules"></div></div>')
    parts = [f'<div class="ctop">{top}</div>']
    if L.title_position == "middle":
        parts += ['<div class="grow"></div>', mast, '<div class="grow"></div>']
    else:
        parts += [mast]
    if L.contents_page == 1:
        parts.append(contents_html(p, entries))
    if p.staff_on_cover:
        parts.append('<div class="grow small"></div>' if L.title_position == "top" else "")
        parts.append(staff_box_html(p, variant["staff_style"]))
    if L.title_position == "top":
        parts.append('<div class="grow"></div>')
    body = "".join(parts)
    return (f'<section class="fixed cover"><div class="bandtop"></div>'
            f'<div class="inner" style="padding: {t}mm {r}mm {b}mm {l}mm">{body}</div>'
            f'<div class="bandfoot"></div></section>')


def back_html(p: PrintedIssue, g: Geometry, variant: dict) -> str:
    L = p.layout
    t, r, b, l = g.margins
    parts = []
    if L.staff_place == "back":
        parts.append(staff_box_html(p, variant["staff_style"]))
    if L.back_cover == "slogan":
        parts.append('<div class="grow"></div><div class="slogan">'
                     + "".join(f'<div class="s{min(i, 2)}">{esc(x)}</div>' for i, x in enumerate(p.back_lines))
                     + '</div><div class="grow"></div>')
    elif L.back_cover == "qr":
        parts.append(f'<div class="grow"></div><div class="backqr">{qr_svg(p.name() + "-back", 34)}'
                     f'<div class="cap">{esc(p.back_qr_caption or "")}</div></div><div class="grow small"></div>')
    elif L.back_cover == "address":
        parts.append('<div class="grow"></div><div class="address">'
                     + "".join(f"<div>{esc(x)}</div>" for x in p.back_lines) + "</div>")
    return (f'<section class="fixed back"><div class="inner" style="padding: {t}mm {r}mm {b}mm {l}mm">'
            + "".join(parts) + '</div><div class="bandfoot"></div></section>')


def variant_choices(spec: LayoutSpec) -> dict:
    """Producer-level choices the LayoutSpec leaves open, drawn from the spec."""
    rng = rng_for(NAME, "choices", repr(spec))
    return {"qr_left": rng.random() < 0.5,
            # all roles on one line do not fit the half-width columns of the frame
            "staff_style": "band" if spec.staff_per_line == "several" else rng.choice(["frame", "band"]),
            "title_colour": rng.choice([RED, RED, "#1F3F77", "#000000"])}


def build_html(p: PrintedIssue, spec: LayoutSpec, entries: list[ContentsEntry]) -> str:
    L = spec
    g = Geometry.of(spec)
    faces = producer_fonts(spec)
    variant = variant_choices(spec)
    t, r, b, l = g.margins
    size = L.body_size
    lead = round(L.leading, 3)
    title_size = round(L.title_ratio * size, 2)
    title_face = faces.bold if L.title_bold else faces.body
    inside = L.staff_place == "inside-cover" or L.contents_page == 2
    has_back = L.back_cover != "none"

    rule = f"border-top: 0.75pt solid {RED}; padding-top: 2.5mm;" if L.header_rule else ""
    css = f"""
@page {{ size: {g.width_mm}mm {g.height_mm}mm; margin: {t}mm {r}mm {b}mm {l}mm; {rule} }}
@page :left {{
{margin_boxes(p, faces, "left")}
}}
@page :right {{
{margin_boxes(p, faces, "right")}
}}
@page cover {{ margin: 0; border: none; padding: 0; {NO_BOXES} }}
@page back {{ margin: 0; border: none; padding: 0; {NO_BOXES} }}
@page blank {{ border: none; {NO_BOXES} }}
html {{ text-autospace: no-autospace; font-synthesis: none; -webkit-print-color-adjust: exact;
        print-color-adjust: exact; }}
body {{ margin: 0; {font_css(faces.body)} font-size: {size}pt; line-height: {lead}; color: #000;
        font-kerning: none; hyphens: manual; line-break: strict; word-break: normal;
        overflow-wrap: normal; }}
a {{ color: inherit; text-decoration: none; }}
.b {{ {font_css(faces.bold)} }}
.fixed {{ width: {g.width_mm}mm; height: {g.height_mm - 0.6}mm; position: relative; overflow: hidden;
          break-inside: avoid; --fit: 1; }}
.fixed .inner {{ box-sizing: border-box; position: absolute; inset: 0; display: flex;
                flex-direction: column; }}
.cover {{ page: cover; }}
.back {{ page: back; break-before: page; }}
.bandtop {{ position: absolute; top: 0; left: 0; right: 0; height: 7mm; background: {RED}; }}
.bandfoot {{ position: absolute; bottom: 0; left: 0; right: 0; height: 5mm; background: {RED}; }}
.grow {{ flex: 1 1 0; min-height: 2mm; }}
.grow.small {{ flex: 0.3 1 0; }}
.ctop {{ display: flex; justify-content: space-between; align-items: flex-start; margin-top: 6mm; }}
.qrbox {{ text-align: center; font-size: 8.5pt; line-height: 1.3; }}
.qrbox .cap {{ margin-top: 1mm; }}
.info {{ line-height: 1.5; font-size: 11pt; }}
.info.right {{ text-align: right; }}
.info .label {{ {font_css(faces.bold)} font-size: 15pt; }}
.mast {{ text-align: center; margin-top: 8mm; }}
.fixed .ctop, .fixed .mast {{ zoom: var(--mast, 1); }}
.mast .pubs .zh {{ {font_css(faces.bold)} font-size: 14pt; line-height: 1.4; }}
.mast .pubs .en {{ font-size: 9.5pt; line-height: 1.4; }}
.mtitle {{ {font_css(faces.bold)} font-size: {L.title_size}pt; line-height: 1.25; color: {variant["title_colour"]};
          margin-top: 7mm; letter-spacing: 0.05em; }}
.msub {{ {font_css(faces.bold)} font-size: {round(min(22, L.title_size * 0.42), 1)}pt; line-height: 1.4;
        margin-top: 2mm; }}
.rules {{ border-top: 2pt solid {RED}; border-bottom: 0.6pt solid {RED}; height: 1.2pt; margin: 5mm 0 6mm; }}
.toc {{ background: {TINT}; padding: calc(var(--fit) * 3.5mm) 4mm; font-size: calc(var(--fit) * 12pt);
        line-height: 1.65; }}
.toc.two {{ columns: 2; column-gap: 6mm; font-size: calc(var(--fit) * 10.5pt); padding-left: 3mm;
             padding-right: 3mm; }}
.toc.two .colsec .sec {{ width: 4.3em; }}
.toc .entry {{ display: flex; align-items: flex-start; break-inside: avoid; }}
.toc .toc-sec {{ {font_css(faces.bold)} color: {RED}; break-after: avoid; }}
.toc .sec {{ {font_css(faces.bold)} color: {RED}; flex: none; }}
.toc .colsec .sec {{ width: 5em; }}
.toc .lead {{ flex: none; white-space: pre; }}
.toc .tt {{ flex: 0 1 auto; }}
.toc .tl {{ display: block; }}
.toc .leader {{ flex: 1 1 0; min-width: 1.5em; border-bottom: 1.3pt dotted #333; margin: 0 0.3em 0.45em;
               align-self: flex-end; }}
.toc .pg {{ flex: none; align-self: flex-end; }}
.staff {{ font-size: calc(var(--fit) * 10pt); line-height: 1.6; margin: 3mm 0; white-space: pre-wrap; }}
.staff.frame {{ border: 0.8pt solid {RED}; padding: 3.5mm 5mm; display: flex; gap: 6mm; }}
.staff.frame .col {{ flex: 1 1 0; }}
.staff.band {{ background: {TINT}; padding: 3mm 4mm; }}
.staff .pub {{ {font_css(faces.bold)} font-size: calc(var(--fit) * 12pt); }}
.staff .pub.en {{ {font_css(faces.body)} font-size: calc(var(--fit) * 8.5pt); }}
.staff .hosts {{ display: flex; margin-top: 1.5mm; }}
.staff .hn span {{ display: block; }}
.staff .gap {{ height: 2mm; }}
.inside {{ break-after: page; width: {round(g.width_mm - l - r, 2)}mm; height: {round(g.height_mm - t - b - 5, 2)}mm;
           overflow: hidden; --fit: 1; }}
.inside .toc {{ margin-top: 4mm; }}
.toc-head {{ {font_css(faces.bold)} font-size: {round(size * 1.5, 1)}pt; text-align: center; color: {RED};
            letter-spacing: 0.3em; margin-top: 6mm; }}
.slogan {{ text-align: center; }}
.slogan .s0 {{ {font_css(faces.bold)} font-size: 30pt; color: {RED}; line-height: 1.5; }}
.slogan .s1 {{ font-size: 15pt; line-height: 2.2; }}
.slogan .s2 {{ font-size: 13pt; color: {GREY}; line-height: 2; }}
.backqr {{ text-align: center; font-size: 10pt; }}
.backqr .cap {{ margin-top: 3mm; }}
.address {{ border-top: 0.8pt solid {RED}; padding-top: 3mm; font-size: 9.5pt; line-height: 1.7;
           text-align: center; margin-bottom: 8mm; white-space: pre-wrap; }}
.blank {{ page: blank; break-before: page; height: 5mm; }}
main.body {{ break-before: page; }}
.flow.cols {{ columns: 2; column-gap: 2.6em; column-fill: auto; }}
article {{ }}
.marker {{ {font_css(faces.bold)} color: {RED}; font-size: {round(size * 1.15, 2)}pt; line-height: 1.5;
          margin-top: {round(size * 1.2, 2)}pt; break-after: avoid; }}
.secband {{ {font_css(faces.bold)} color: {RED}; background: {TINT}; font-size: {round(size * 1.1, 2)}pt;
           line-height: 1.6; padding: 0.8mm 2.5mm; margin-top: {round(size * 1.2, 2)}pt;
           border-left: 2.2mm solid {RED}; break-after: avoid; }}
.marker-in {{ {font_css(faces.bold)} color: {RED}; }}
h2.title {{ {font_css(title_face)} font-size: {title_size}pt; line-height: 1.45;
           text-align: {L.title_align}; margin: {round(size * 1.0, 2)}pt 0 {round(size * 0.7, 2)}pt;
           break-after: avoid; break-inside: avoid; white-space: pre-wrap; }}
h2.title .tl {{ display: block; }}
h3 {{ font-size: {size}pt; line-height: {lead}; margin: {round(size * 0.4, 2)}pt 0 {round(size * 0.15, 2)}pt;
     break-after: avoid; white-space: pre-wrap; }}
h3.h-bracket {{ {font_css(faces.bold)} }}
h3.h-lead {{ {font_css(faces.bold)} text-indent: 2em; }}
h3.h-numbered {{ {font_css(faces.bold)} text-indent: 2em; }}
p {{ margin: 0; white-space: pre-wrap; }}
p.p {{ text-align: {"justify" if L.justify else "left"}; }}
.cite-right {{ text-align: right; }}
"""
    if L.paragraph_style == "indent":
        css += "p.p { text-indent: 2em; margin-bottom: 0.15em; }\n"
    else:
        css += f"p.p {{ margin-bottom: {round(size * 0.6, 2)}pt; }}\n"

    parts = [cover_html(p, g, variant, entries)]
    if inside:
        inner = []
        if L.staff_place == "inside-cover":
            inner.append(staff_box_html(p, variant["staff_style"]))
        if L.contents_page == 2:
            if p.contents_heading:
                inner.append(f'<div class="toc-head">{esc(p.contents_heading)}</div>')
            inner.append(contents_html(p, entries))
        parts.append('<section class="inside fit"><div class="inner">' + "".join(inner) + "</div></section>")
    body = []
    if L.staff_place == "first-article-page":
        body.append(staff_box_html(p, variant["staff_style"]))
    flow = "\n".join(article_html(a, L) for a in p.articles)
    body.append(f'<div class="flow{" cols" if L.columns == 2 else ""}">{flow}</div>')
    if L.staff_place == "back" and not has_back:
        body.append(staff_box_html(p, variant["staff_style"]))
    main_cls = "body" if not inside else "body after-inside"
    parts.append(f'<main class="{main_cls}">' + "\n".join(body) + "</main>")
    if L.blank_page:
        parts.append('<div class="blank"></div>')
    if has_back:
        parts.append(back_html(p, g, variant))

    title = f"{p.title} {p.issue_line}"
    return (f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>{css}</style></head><body>\n"
            + "\n".join(parts) + f"\n<script>{FIT_SCRIPT}</script>\n</body></html>\n")


# Shrink the variable type (contents, staff box) on a fixed page (cover, inside cover, back cover)
# until its content fits the page; where it still does not at the smallest, the cover's fixed
# parts (issue label, QR code, masthead) too. What then still does not fit would be cut off the
# page, missing from the PDF while the truth holds it: the document's title says so (`analyse`).
FIT_SCRIPT = """
const over = (page, inner) => inner.scrollHeight > page.clientHeight + 0.5;
for (const page of document.querySelectorAll('.fixed, .fit')) {
  const inner = page.querySelector('.inner');
  let fit = 1.0, mast = 1.0;
  while (over(page, inner) && fit > 0.55) {
    fit = Math.round((fit - 0.03) * 100) / 100;
    page.style.setProperty('--fit', fit);
  }
  while (over(page, inner) && mast > 0.6) {
    mast = Math.round((mast - 0.05) * 100) / 100;
    page.style.setProperty('--mast', mast);
  }
  page.dataset.fit = fit;
  if (over(page, inner)) document.title = 'OVERFLOWED';
}
"""


# --------------------------------------------------------------------------- rendering

def render(html_text: str, workdir: Path) -> bytes:
    """One headless Chromium print of an HTML document (its own profile directory)."""
    src = workdir / "issue.html"
    out = workdir / "issue.pdf"
    src.write_text(html_text, encoding="utf-8")
    if out.exists():
        out.unlink()
    cmd = [_chromium() or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
           "--no-pdf-header-footer", "--no-first-run", "--disable-extensions",
           "--disable-background-networking", "--disable-sync", "--hide-scrollbars",
           f"--user-data-dir={workdir / 'profile'}", "--virtual-time-budget=10000",
           f"--print-to-pdf={out}", src.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"chromium failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return out.read_bytes()


@dataclass
class Layout:
    page_count: int
    starts: dict          # article index → (page, x, y) of its anchor (named destination)
    page_height: float


def analyse(pdf_bytes: bytes) -> Layout:
    import pikepdf
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        index = {pg.objgen: i + 1 for i, pg in enumerate(pdf.pages)}
        starts = {}
        dests = pdf.Root.get("/Dests")
        if dests is not None:
            for key, dest in dests.items():
                m = re.fullmatch(r"/a(\d+)", str(key))
                if m:
                    starts[int(m.group(1))] = (index[dest[0].objgen], float(dest[2]), float(dest[3]))
        height = float(pdf.pages[0].mediabox[3])
        if str(pdf.docinfo.get("/Title", "")) == "OVERFLOWED":
            raise FixedPageOverflow("a fixed page (cover, inside cover, back cover) overflowed at the smallest type")
        return Layout(len(pdf.pages), starts, height)


def normalise(pdf_bytes: bytes, p: PrintedIssue) -> bytes:
    """Fixed dates (the print date, 09:00 China time), a content-derived /ID, no XMP."""
    import pikepdf
    date = "D:" + p.issue.print_date_iso().replace("-", "") + "090000+08'00'"
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        info = pdf.docinfo
        info["/CreationDate"] = date
        info["/ModDate"] = date
        info["/Title"] = pikepdf.String(f"{p.title} {p.issue_line}")
        if "/ID" in pdf.trailer:            # qpdf would keep a random first half
            del pdf.trailer["/ID"]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def produce(p: PrintedIssue, spec: LayoutSpec | None = None) -> Produced:
    """Typeset p with HTML/CSS and headless Chromium; return the PDF and its page facts."""
    spec = spec or p.layout
    if spec != p.layout:
        raise ValueError("spec differs from the PrintedIssue's layout")
    L = spec
    with tempfile.TemporaryDirectory(prefix="issuepipe-chromium-") as tmp:
        work = Path(tmp)
        entries = p.contents_entries(None)
        raw = render(build_html(p, spec, entries), work)
        lay = analyse(raw)
        for _ in range(3):
            if not L.toc_leaders:
                break
            first = [lay.starts[i][0] for i in range(len(p.articles))]
            entries = p.contents_entries(first)
            raw = render(build_html(p, spec, entries), work)
            lay2 = analyse(raw)
            same = [lay2.starts[i][0] for i in range(len(p.articles))] == first
            lay = lay2
            if same:
                break
        else:
            raise RuntimeError("contents page numbers did not settle")
    n = lay.page_count
    missing = [i for i in range(len(p.articles)) if i not in lay.starts]
    if missing:
        raise RuntimeError(f"articles without a destination: {missing}")
    tail = (1 if L.back_cover != "none" else 0) + (1 if L.blank_page else 0)
    body_first = 3 if (L.staff_place == "inside-cover" or L.contents_page == 2) else 2
    body_last = n - tail
    if lay.starts[0][0] != body_first:
        raise RuntimeError(f"the first article starts on page {lay.starts[0][0]}, not {body_first} "
                           "(the cover or inside cover overflowed)")
    numbered = list(range(2, body_last + 1))
    blank = [body_last + 1] if L.blank_page else []
    article_pages = _article_pages(lay, len(p.articles), body_last, spec)
    pdf = normalise(raw, p)
    return Produced(pdf=pdf, page_count=n, numbered_pages=numbered,
                    article_pages=article_pages, blank_pages=blank)


def _article_pages(lay: Layout, count: int, body_last: int, spec: LayoutSpec) -> list[list[int]]:
    """Pages of each article from its start anchor to the next one's: the next start page counts
    unless the next article starts at the top of that page's first column."""
    t, r, b, l = spec.margins_mm
    top = lay.page_height - t * PT_PER_MM
    out = []
    for i in range(count):
        first = lay.starts[i][0]
        if i + 1 < count:
            nxt_page, x, y = lay.starts[i + 1]
            at_top = y >= top - 12 * PT_PER_MM / 4 - 20 and x <= l * PT_PER_MM + 5
            last = nxt_page - 1 if at_top and nxt_page > first else nxt_page
        else:
            last = body_last
        out.append(list(range(first, max(first, last) + 1)))
    return out
