"""PrintedIssue: an issue text as ONE layout prints it, shared by every producer.

A producer (reportlab, chromium, libreoffice) never looks at the source markup or at the text-level
LayoutSpec choices itself: it asks a `PrintedIssue` for the strings to print and decides only
geometry (fonts, sizes, positions, page breaks). So the three producers print the same words for
the same layout, and the truth (truth.py) is derived from the same model.

    issue = load_issue("bri-2024-03")                 # make_samples.parse_source
    p = PrintedIssue.build(issue, sample_layout(seed))
    p.cover_issue_label      ["2024 年第 3 期"] or ["2024 年", "第 3 期"] (stacked)
    p.articles[i]            .marker / .marker_place / .title_lines / .blocks (PrintedBlock)
    p.contents_entries(first_pages)    bullets, numbers, section labels, page numbers
    p.header_items(page), p.footer_items(page)        running heads and page numbers
    p.furniture(page_count, numbered_pages)           the strings of variant.furniture

Text-level choices applied here (LayoutSpec field → what changes in the printed words):
  heading_style   bracket: as written; bold-lead: as written (a leading 【X】 stays; only weight and
                  placement change); numbered: 一、二、… prefixed per article, in order (the truth's
                  heading text includes the prefix)
  citation_style  inline: as in the text (at the paragraph end, or a paragraph of its own);
                  own-line: taken out of the paragraph, printed on its own right-aligned line after
                  the last paragraph; laiyuan: printed （来源：中国经济时报 20240131）, placed as in
                  the text. The truth's sources are the same for all three; its paragraph text never
                  contains the citation.
  section_style   own-line / inline / band: where 【上海】 goes; square: [上海] (placed as in the text)
  staff_*         staff lines (one role a line or all on one), colon (：, :, none), name separator
  contacts_per_line, issue_label_form, cumulative_form, print_date_form, publisher_order
  toc_*           bullets, numbering, section labels, two-line entries, page numbers (leaders)
  title_two_lines long titles broken into two lines at a fixed place (the same for all producers)
  header, page_number, page_number_place, page_number_align, back_cover

The producer interface (each module variants/<x>_producer.py):
    NAME = "reportlab" | "chromium" | "libreoffice"
    def check() -> str | None      None when usable, else what is missing, naming the Debian
                                   (or pip) package, e.g. "chromium not found: apt-get install chromium"
    def produce(p: PrintedIssue) -> Produced
Deterministic: the same PrintedIssue gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import variants  # noqa: F401  (puts Samples/generator on sys.path)
import make_samples as ms
from variants.layout import LayoutSpec

SOURCE_DIR = ms.SOURCE_DIR

_CJK = re.compile(ms.CJK_CHAR)
CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99)."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    s = ("" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十"))
    return s + (CN_DIGITS[ones] if ones else "")


def source_names() -> list[str]:
    """Every issue text in Samples/source/, sorted."""
    return sorted(p.stem for p in SOURCE_DIR.glob("*.md"))


def load_issue(name: str) -> ms.Issue:
    path = SOURCE_DIR / f"{name}.md"
    if not path.exists():
        raise FileNotFoundError(f"no issue text {path} (have: {', '.join(source_names())})")
    return ms.parse_source(path)


# Where a long title breaks when it is set on two lines: after a verb that ends the subject
# part (上海发布 | 具身智能…), or before one that starts the predicate (…15 条措施 | 支持首台…).
_BREAK_AFTER = ("发布", "出台", "推出", "印发", "试点", "确定", "绘就", "谋划", "实施", "的",
                "方案", "措施", "计划", "清单", "地区", "融合")
_BREAK_BEFORE = ("支持", "推动", "打造", "促进", "助力", "加快", "落实", "扩大", "提升", "布局",
                 "深化", "构建", "力争", "扩围", "和", "与", "及", "并", "暨")


def split_two(text: str, min_chars: int) -> list[str]:
    """A long line broken into two at one fixed place: [text] if shorter than min_chars.

    In order of preference: a space between two CJK characters (dropped, as make_samples.plain()
    drops it), after punctuation (、，：), at a verb boundary (_BREAK_AFTER / _BREAK_BEFORE), next
    to quotes and brackets, else the may_break point nearest the middle; each away from the
    line's ends. Joining the two lines with nothing gives back the text (less that one space)."""
    flat = text.replace("**", "")
    if len(ms.plain(flat)) < min_chars:
        return [text]
    n = len(flat)

    def central(cands, lo=0.25):
        good = [i for i in cands if lo * n <= i <= (1 - lo) * n]
        return min(good, key=lambda k: (abs(k - n / 2), k)) if good else None

    gaps = [i for i in range(1, n - 1)
            if flat[i] == " " and _CJK.fullmatch(flat[i - 1]) and _CJK.fullmatch(flat[i + 1])]
    if (i := central(gaps)) is not None:
        return [flat[:i], flat[i + 1:]]
    ok = [i for i in range(2, n - 1) if ms.may_break(flat[i - 1], flat[i])]
    for cands, lo in (([i for i in ok if flat[i - 1] in "、，：；"], 0.25),
                      ([i for i in ok if flat[:i].endswith(_BREAK_AFTER)
                        or flat[i:].startswith(_BREAK_BEFORE)], 0.15),
                      ([i for i in ok if flat[i - 1] in "”》）" or flat[i] in "“《"], 0.3),
                      (ok, 0.25)):
        if (i := central(cands, lo)) is not None:
            return [flat[:i], flat[i:]]
    return [text]


def runs(text: str) -> list[tuple[str, bool]]:
    """'a**b**c' → [('a', False), ('b', True), ('c', False)] (empty runs dropped)."""
    parts = text.split("**")
    if len(parts) % 2 == 0:
        raise ValueError(f"unbalanced ** in {text[:30]!r}")
    return [(t, i % 2 == 1) for i, t in enumerate(parts) if t]


# --------------------------------------------------------------------------- the model

@dataclass
class PrintedBlock:
    kind: str                 # paragraph | heading | citation
    text: str                 # exactly as printed, with **bold** markup (paragraphs); a heading
                              # with its number prefix; a citation with its brackets
    number: str = ""          # heading_style numbered: the prefix ("一、"), included in text
    citation: str = ""        # paragraph: the closing citation printed at its end (a suffix of
                              # text), "" if none
    place: str = ""           # citation: "right" (own right-aligned line) | "paragraph" (set like
                              # a paragraph, as the text has it)

    def runs(self) -> list[tuple[str, bool]]:
        return runs(self.text)

    @property
    def plain(self) -> str:
        return ms.plain(self.text)

    @property
    def body_text(self) -> str:
        """The paragraph without its closing citation (what the truth holds, before plain())."""
        return self.text[:len(self.text) - len(self.citation)] if self.citation else self.text


@dataclass
class PrintedArticle:
    index: int
    section: str              # the section name (truth), e.g. 上海
    marker: str | None        # the printed section label on the section's first article:
                              # 【上海】 or [上海] (square); None on the others
    marker_place: str         # line (alone above the title) | inline (on the title line, before
                              # the title) | band (a shaded band above the title) | ""
    title: str                # as in the text (may keep a space: 上海出台实施方案 落实…)
    title_lines: list[str]    # 1 line, or 2 (title_two_lines and a long title)
    blocks: list[PrintedBlock]
    source: ms.Article = field(repr=False)


@dataclass
class ContentsEntry:
    index: int                # its position in the contents (and, normally, the article index)
    section: str
    section_label: str | None # 【上海】 / [上海] on the first entry of each section, else None
    bullet: str               # "" | ◆ | ● | ■ | ▲ | ★ | ·
    number: str               # "" | 一、 | 1.
    title: str                # as the contents prints it (may differ from the article title)
    title_lines: list[str]    # 1, or 2 when toc_two_line and the entry is long
    page: str                 # the article's first page ("" when toc_leaders is off)

    @property
    def lead(self) -> str:
        """What goes before the title: bullet and number, with a space after a bullet."""
        return (self.bullet + " " if self.bullet else "") + self.number


@dataclass
class Produced:
    """What a producer returns."""
    pdf: bytes
    page_count: int
    numbered_pages: list[int]     # pages that carry running heads / page numbers
    article_pages: list[list[int]] = field(default_factory=list)   # informative (not in the truth)
    blank_pages: list[int] = field(default_factory=list)


@dataclass
class PrintedIssue:
    issue: ms.Issue
    layout: LayoutSpec
    # cover
    title: str
    subtitle: str
    cover_issue_label: list[str]     # one line, or two (stacked)
    cumulative_label: str
    print_date_label: str
    publisher_lines: list[str]       # zh and en, in publisher_order
    qr_caption: str
    # staff box
    staff_publisher: list[str]       # publisher zh, en (same order as on the cover)
    host_lines: list[str]            # "主办：A  B" or "主办：A", "B" (continuation aligned under A)
    host_label: str                  # "主办：" (the label part of host_lines[0])
    staff_lines: list[str]
    contact_lines: list[str]
    contents_heading: str | None     # the heading of a contents page (contents_page 2): 本期要目
    # body
    articles: list[PrintedArticle]
    # back cover
    back_lines: list[str]            # the slogan or the address lines ([] for qr and none)
    back_qr_caption: str | None      # back_cover qr: the caption under the code
    # running heads
    running_header: str              # 双周决策观察 · 地方工作亮点追踪
    issue_line: str                  # 2024 年第 3 期 (always year-first in running heads)

    # ------------------------------------------------------------------ build

    @classmethod
    def build(cls, issue: ms.Issue, layout: LayoutSpec) -> "PrintedIssue":
        L = layout
        m = issue.meta
        month, day = (int(x) for x in issue.print_date_iso().split("-")[1:])
        year, num, cum = issue.year, issue.number, issue.cumulative

        label = {"year-first": [f"{year} 年第 {num} 期"],
                 "number-first": [f"第 {num} 期 {year} 年"],
                 "stacked": [f"{year} 年", f"第 {num} 期"]}[L.issue_label_form]
        cumulative = {"paren": f"（总第 {cum} 期）", "plain": f"总第 {cum} 期",
                      "ascii-paren": f"(总第 {cum} 期)"}[L.cumulative_form]
        date = {"short": f"{month} 月 {day} 日印发", "full": f"{year} 年 {month} 月 {day} 日印发",
                "label": f"印发日期：{year} 年 {month} 月 {day} 日"}[L.print_date_form]
        publishers = [m["publisher"], m["publisher-en"]]
        if L.publisher_order == "en-first":
            publishers.reverse()

        colon = {"full": "：", "half": ":", "none": " "}[L.staff_colon]
        sep = {"space": " ", "enumeration": "、", "none": ""}[L.staff_separator]
        roles = [f"{role}{colon}{sep.join(names)}" for role, names in issue.staff]
        staff_lines = roles if L.staff_per_line == "one-role" else ["  ".join(roles)]
        host_label = f"主办{colon}"
        hosts = ([host_label + "  ".join(issue.hosts)] if L.staff_per_line == "several"
                 else [host_label + issue.hosts[0]] + issue.hosts[1:])
        contacts = [f"电话{colon}{m['phone']}", f"传真{colon}{m['fax']}"]
        if L.contacts_per_line == "both":
            contacts = ["  ".join(contacts)]

        articles = [cls._article(i, a, L) for i, a in enumerate(issue.articles)]

        back_lines, back_qr = [], None
        if L.back_cover == "slogan":
            back_lines = list(issue.back)
        elif L.back_cover == "qr":
            back_qr = m["back-qr-caption"]
        elif L.back_cover == "address":
            back_lines = [f"编印：{m['publisher']}", m["publisher-en"],
                          f"电话：{m['phone']}  传真：{m['fax']}", "内部资料  免费交流"]

        return cls(issue=issue, layout=L, title=m["title"], subtitle=m["subtitle"],
                   cover_issue_label=label, cumulative_label=cumulative, print_date_label=date,
                   publisher_lines=publishers, qr_caption=m["qr-caption"],
                   staff_publisher=list(publishers), host_lines=hosts, host_label=host_label,
                   staff_lines=staff_lines, contact_lines=contacts,
                   contents_heading="本期要目" if L.contents_page == 2 else None, articles=articles,
                   back_lines=back_lines, back_qr_caption=back_qr,
                   running_header=m["running-header"], issue_line=f"{year} 年第 {num} 期")

    @staticmethod
    def section_label(section: str, layout: LayoutSpec) -> str:
        return f"[{section}]" if layout.section_style == "square" else f"【{section}】"

    @classmethod
    def _article(cls, i: int, art: ms.Article, L: LayoutSpec) -> PrintedArticle:
        marker, place = None, ""
        if art.marker_line or art.marker_inline:
            marker = cls.section_label(art.section, L)
            place = {"own-line": "line", "inline": "inline", "band": "band",
                     "square": "inline" if art.marker_inline else "line"}[L.section_style]
        title_lines = split_two(art.title, 16) if L.title_two_lines else [art.title]

        blocks: list[PrintedBlock] = []
        n_head = 0
        for b in art.blocks:
            if b.kind == "heading":
                n_head += 1
                num = f"{chinese_number(n_head)}、" if L.heading_style == "numbered" else ""
                blocks.append(PrintedBlock("heading", num + b.text, number=num))
            else:
                blocks.append(PrintedBlock("paragraph", b.text))
        # the closing citation (only ever in the last block, as make_samples.expected_json)
        if blocks and blocks[-1].kind == "paragraph":
            last = blocks[-1]
            rest, sources = ms.split_citation(last.text)
            if sources:
                cite = last.text[len(rest):]
                inner = cite[1:-1]
                printed = f"（来源：{inner}）" if L.citation_style == "laiyuan" else cite
                if L.citation_style == "own-line":
                    if rest:
                        blocks[-1] = PrintedBlock("paragraph", rest)
                    else:
                        blocks.pop()
                    blocks.append(PrintedBlock("citation", printed, place="right"))
                elif rest:
                    blocks[-1] = PrintedBlock("paragraph", rest + printed, citation=printed)
                else:
                    blocks[-1] = PrintedBlock("citation", printed, place="paragraph")
        return PrintedArticle(i, art.section, marker, place, art.title, title_lines, blocks, art)

    # ------------------------------------------------------------------ contents

    def contents_entries(self, first_pages: list[int] | None = None) -> list[ContentsEntry]:
        """The contents as printed. first_pages[i]: the page of article i's title (None before the
        first typesetting pass: page texts are then "00", the widest two-digit placeholder)."""
        L = self.layout
        if L.toc_leaders and len(self.issue.contents) != len(self.articles):
            raise ValueError(f"{self.issue.name}: {len(self.issue.contents)} contents entries for "
                             f"{len(self.articles)} articles: their page numbers are unknown")
        out, prev = [], None
        for i, (sec, title) in enumerate(self.issue.contents):
            number = {"none": "", "chinese": f"{chinese_number(i + 1)}、",
                      "arabic": f"{i + 1}. "}[L.toc_numbering]
            page = ""
            if L.toc_leaders:
                page = "00" if first_pages is None or i >= len(first_pages) else str(first_pages[i])
            lines = split_two(title, 18) if L.toc_two_line else [title]
            out.append(ContentsEntry(i, sec, self.section_label(sec, L) if sec != prev else None,
                                     L.toc_bullet, number, title, lines, page))
            prev = sec
        return out

    # ------------------------------------------------------------------ running heads

    def page_number_text(self, page: int, page_count: int) -> str:
        return {"em-dash": f"— {page} —", "plain": f"{page}", "di-ye": f"第 {page} 页",
                "dash": f"- {page} -", "of-total": f"{page}/{page_count}"}[self.layout.page_number]

    def header_texts(self, page: int) -> list[tuple[str, str]]:
        """The running head's text items on a numbered page: (slot, text), slot left|center|right."""
        h, hdr, line = self.layout.header, self.running_header, self.issue_line
        if h == "none":
            return []
        if h == "left":
            return [("left", hdr)]
        if h == "right":
            return [("right", f"《{self.title}》{line}")]
        if h == "center":
            return [("center", f"《{self.title}》{line}（总第 {self.issue.cumulative} 期）")]
        if h == "split":
            return [("left", hdr), ("right", line)]
        # alternating: even (left-hand) pages the publication, odd (right-hand) pages the issue
        return [("left", hdr)] if page % 2 == 0 else [("right", line)]

    def _number_slot(self, page: int) -> str:
        a = self.layout.page_number_align
        if a == "outer":
            return "right" if page % 2 else "left"
        return a

    def _merge(self, items: list[tuple[str, str]], slot: str, number: str) -> list[tuple[str, str]]:
        """Add the page number at slot; if a text is there already, both share the slot
        (number on the outer side: "3  双周…" at the left, "…第 3 期  3" at the right/centre)."""
        out = []
        for s, t in items:
            if s == slot:
                t = f"{number}  {t}" if slot == "left" else f"{t}  {number}"
                number = ""
            out.append((s, t))
        if number:
            out.append((slot, number))
        return out

    def header_items(self, page: int, page_count: int) -> list[tuple[str, str]]:
        items = self.header_texts(page)
        if self.layout.page_number_place == "header":
            items = self._merge(items, self._number_slot(page), self.page_number_text(page, page_count))
        return items

    def footer_items(self, page: int, page_count: int) -> list[tuple[str, str]]:
        if self.layout.page_number_place != "footer":
            return []
        return [(self._number_slot(page), self.page_number_text(page, page_count))]

    # ------------------------------------------------------------------ furniture

    def furniture(self, page_count: int, numbered_pages: list[int]) -> list[str]:
        """Printed strings that are not article text (variant.furniture), in a stable order:
        running-head texts, the page numbers printed, captions, back-cover lines."""
        out: list[str] = []

        def add(s: str) -> None:
            if s and s not in out:
                out.append(s)

        for p in numbered_pages:
            for _, t in self.header_texts(p):
                add(t)
        for p in numbered_pages:
            add(self.page_number_text(p, page_count))
        add(self.qr_caption)
        if self.contents_heading:
            add(self.contents_heading)
        for s in self.back_lines:
            add(s)
        if self.back_qr_caption:
            add(self.back_qr_caption)
        return out

    # ------------------------------------------------------------------ helpers for producers

    @property
    def staff_on_cover(self) -> bool:
        return self.layout.staff_place == "cover"

    def name(self) -> str:
        return self.issue.name
