"""The layout dimensions of a generated newsletter issue, sampled from a seed.

Every producer (reportlab, chromium, libreoffice) reads one `LayoutSpec` and typesets the
issue text with it; the degradations (scan, broken text layer, mixed) read one `ScanSpec`.
Each dimension is sampled independently, so the evaluation can break its scores down by
dimension and value (`LayoutSpec.dimensions()`).

A variant is written as two files:

    <id>.pdf          the issue as a producer made it (and then degraded, for non-born kinds)
    <id>.truth.json   what IssuePipe should find, derived from the issue text, never from
                      an extraction of the PDF:
        {
          "schemaVersion": "1.0",
          "publication": {...}, "issue": {...}, "staff": [...], "contacts": {...},
          "contents": [{"section", "title"}], "articles": [{"section", "title", "blocks", "sources"}],
                                      # as Samples/expected/*.json, without articles[].pages,
                                      # texts as printed by THIS layout (heading and citation
                                      # styles change the printed text; the truth follows)
          "variant": {
            "id": "v20001-chromium-scanned", "seed": 20001, "text": "bri-2024-03",
            "producer": "chromium", "kind": "born|scanned|broken|mixed",
            "dimensions": {name: value, ...},   # LayoutSpec.dimensions() + ScanSpec.dimensions()
            "pageCount": 10,
            "pageMethods": ["text", "ocr", ...], # what each page's method should be
            "furniture": ["双周决策观察 · 地方工作亮点追踪", "— 3 —", ...]
                                                 # printed strings that must never appear in
                                                 # article text (headers, footers, page numbers,
                                                 # slogans, captions, the address)
          }
        }
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from dataclasses import dataclass

PRODUCERS = ("reportlab", "chromium", "libreoffice")
KINDS = ("born", "scanned", "broken", "mixed")

# Page sizes in points (width, height).
PAGE_SIZES = {"A4": (595.28, 841.89), "B5": (498.90, 708.66), "16K": (521.57, 737.01)}


class FixedPageOverflow(RuntimeError):
    """A producer could not fit a fixed page (cover, inside cover, back cover) even at its smallest type."""


def rng_for(*parts) -> random.Random:
    """A generator seeded from the parts' text: the same parts give the same draws."""
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@dataclass(frozen=True)
class LayoutSpec:
    # --- page and body text
    page_size: str            # A4 | B5 | 16K
    margins_mm: tuple         # (top, right, bottom, left), 15–30 mm each
    body_font: str            # song | hei | kai  (the producer picks a concrete face: AR PL, WenQuanYi, Noto CJK)
    body_size: float          # 10.5–14 pt
    leading: float            # 1.3–2.0 × body size
    justify: bool             # justified or ragged right
    paragraph_style: str      # indent (2-character first-line indent) | block (no indent, space between)
    columns: int              # 1 | 2 on body pages
    # --- cover
    title_size: float         # 28–52 pt, the masthead title
    title_position: str       # top | middle
    issue_label_form: str     # year-first "2024 年第 3 期" | number-first "第 3 期 2024 年" | stacked (year and number on two lines)
    cumulative_form: str      # paren "（总第 277 期）" | plain "总第 277 期" | ascii-paren "(总第 277 期)"
    print_date_form: str      # short "2 月 8 日印发" | full "2024 年 2 月 8 日印发" | label "印发日期：2024 年 2 月 8 日"
    publisher_order: str      # zh-first | en-first
    contents_page: int        # 1 (on the cover) | 2
    # --- contents entries
    toc_bullet: str           # "" | ◆ | ● | ■ | ▲ | ★ | ·
    toc_numbering: str        # none | chinese (一、) | arabic (1.)
    toc_leaders: bool         # dot leaders and the article's page number
    toc_section: str          # own-line (【区域】 alone above its entries) | inline (before the first title of the section) | column (a left column)
    toc_two_line: bool        # long entries wrap onto a second line
    toc_columns: int          # 1 | 2
    # --- staff and contacts
    staff_place: str          # inside-cover | first-article-page | cover | back
    staff_per_line: str       # one-role (one role a line) | several (编辑：… 统筹：… on one line)
    staff_colon: str          # full "：" | half ":" | none
    staff_separator: str      # space | enumeration "、" | none (names run together)
    contacts_per_line: str    # one (电话 / 传真 on two lines) | both (电话：… 传真：… on one line)
    # --- sections, titles, headings, citations
    section_style: str        # own-line | inline (【上海】 before the title) | band (a shaded band) | square ([上海] instead of 【上海】)
    title_align: str          # center | left
    title_ratio: float        # 1.1–1.6 × body size
    title_bold: bool
    title_two_lines: bool     # long titles break onto two lines
    heading_style: str        # bracket (as written: 【北京】…) | bold-lead (bold line, no bracket prefix) | numbered (一、…)
    citation_style: str       # inline (at the paragraph end) | own-line (its own right-aligned line) | laiyuan "（来源：…）"
    # --- furniture
    header: str               # none | left | right | center | split | alternating (odd/even)
    header_rule: bool
    page_number: str          # em-dash "— 3 —" | plain "3" | di-ye "第 3 页" | dash "- 3 -" | of-total "3/10"
    page_number_place: str    # footer | header
    page_number_align: str    # center | outer | right
    back_cover: str           # slogan | qr | address | none
    blank_page: bool          # a blank page before the back cover

    def dimensions(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(self).items()}


@dataclass(frozen=True)
class ScanSpec:
    """How a born-digital variant is degraded (kind != born)."""
    kind: str                 # scanned | broken | mixed
    dpi: int                  # 150 | 200 | 300 (scanned and mixed pages)
    mode: str                 # gray | color | bitonal
    jpeg_quality: int         # 60–90 (not for bitonal)
    skew_max: float           # per-page skew drawn from ±skew_max degrees, skew_max ≤ 2
    upside_down_page: int     # 0 none, else the 1-based page scanned upside down
    noise: float              # 0–1 strength
    blur: float               # 0–1 strength
    bleed_through: bool
    uneven_light: bool
    dark_borders: bool
    broken_map: str           # stripped (no /ToUnicode) | wrong (a /ToUnicode mapping each code to itself, as broken producers write); broken and mixed
    mixed_pages: tuple        # mixed: the 1-based pages that are scanned; the others born-digital or broken

    def dimensions(self) -> dict:
        return {("scan_" + k if k != "kind" else k): (list(v) if isinstance(v, tuple) else v)
                for k, v in dataclasses.asdict(self).items()}


def sample_layout(seed: int) -> LayoutSpec:
    """Every dimension drawn independently from its own stream of the seed."""
    def r(name: str) -> random.Random:
        return rng_for(seed, "layout", name)

    return LayoutSpec(
        page_size=r("page_size").choice(list(PAGE_SIZES)),
        margins_mm=tuple(round(r(f"margin{i}").uniform(15, 30), 1) for i in range(4)),
        body_font=r("body_font").choice(["song", "hei", "kai"]),
        body_size=r("body_size").choice([10.5, 11, 12, 13, 14]),
        leading=round(r("leading").uniform(1.3, 2.0), 2),
        justify=r("justify").random() < 0.7,
        paragraph_style=r("paragraph_style").choice(["indent", "indent", "block"]),
        columns=1 if r("columns").random() < 0.8 else 2,
        title_size=r("title_size").choice([28, 34, 40, 46, 52]),
        title_position=r("title_position").choice(["top", "middle"]),
        issue_label_form=r("issue_label_form").choice(["year-first", "number-first", "stacked"]),
        cumulative_form=r("cumulative_form").choice(["paren", "plain", "ascii-paren"]),
        print_date_form=r("print_date_form").choice(["short", "full", "label"]),
        publisher_order=r("publisher_order").choice(["zh-first", "en-first"]),
        contents_page=r("contents_page").choice([1, 1, 2]),
        toc_bullet=r("toc_bullet").choice(["", "◆", "●", "■", "▲", "★", "·"]),
        toc_numbering=r("toc_numbering").choice(["none", "none", "chinese", "arabic"]),
        toc_leaders=r("toc_leaders").random() < 0.4,
        toc_section=r("toc_section").choice(["own-line", "inline", "column"]),
        toc_two_line=r("toc_two_line").random() < 0.3,
        toc_columns=1 if r("toc_columns").random() < 0.8 else 2,
        staff_place=r("staff_place").choice(["inside-cover", "first-article-page", "cover", "back"]),
        staff_per_line=r("staff_per_line").choice(["one-role", "several"]),
        staff_colon=r("staff_colon").choice(["full", "half", "none"]),
        staff_separator=r("staff_separator").choice(["space", "enumeration", "none"]),
        contacts_per_line=r("contacts_per_line").choice(["one", "both"]),
        section_style=r("section_style").choice(["own-line", "inline", "band", "square"]),
        title_align=r("title_align").choice(["center", "left"]),
        title_ratio=round(r("title_ratio").uniform(1.1, 1.6), 2),
        title_bold=r("title_bold").random() < 0.75,
        title_two_lines=r("title_two_lines").random() < 0.25,
        heading_style=r("heading_style").choice(["bracket", "bold-lead", "numbered"]),
        citation_style=r("citation_style").choice(["inline", "inline", "own-line", "laiyuan"]),
        header=r("header").choice(["none", "left", "right", "center", "split", "alternating"]),
        header_rule=r("header_rule").random() < 0.5,
        page_number=r("page_number").choice(["em-dash", "plain", "di-ye", "dash", "of-total"]),
        page_number_place=r("page_number_place").choice(["footer", "footer", "header"]),
        page_number_align=r("page_number_align").choice(["center", "outer", "right"]),
        back_cover=r("back_cover").choice(["slogan", "qr", "address", "none"]),
        blank_page=r("blank_page").random() < 0.15,
    )


def sample_scan(seed: int, kind: str, page_count: int) -> ScanSpec:
    def r(name: str) -> random.Random:
        return rng_for(seed, "scan", name)

    mode = r("mode").choice(["gray", "gray", "color", "bitonal"])
    scanned = kind in ("scanned", "mixed")
    pages = list(range(2, page_count + 1))
    mixed = tuple(sorted(r("mixed").sample(pages, k=max(1, len(pages) // 3)))) if kind == "mixed" else ()
    return ScanSpec(
        kind=kind,
        dpi=r("dpi").choice([150, 200, 200, 300]) if scanned else 0,
        mode=mode if scanned else "",
        jpeg_quality=r("jpeg").randint(60, 90) if scanned and mode != "bitonal" else 0,
        skew_max=round(r("skew").uniform(0.2, 2.0), 2) if scanned else 0.0,
        upside_down_page=(r("upside").choice(pages) if scanned and r("upside?").random() < 0.2 else 0),
        noise=round(r("noise").uniform(0, 1), 2) if scanned else 0.0,
        blur=round(r("blur").uniform(0, 1), 2) if scanned else 0.0,
        bleed_through=scanned and r("bleed").random() < 0.3,
        uneven_light=scanned and r("light").random() < 0.3,
        dark_borders=scanned and r("borders").random() < 0.3,
        broken_map=r("map").choice(["stripped", "wrong"]) if kind in ("broken", "mixed") else "",
        mixed_pages=mixed,
    )
