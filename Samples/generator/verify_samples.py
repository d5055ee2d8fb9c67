#!/usr/bin/env python3
"""Check the born-digital sample PDFs against their sources with poppler's pdftotext.

    python3 Samples/generator/verify_samples.py

For every born-digital PDF (make_samples.TARGETS) it checks that:
  * every article title, section marker, heading and paragraph of the source (the paragraph with
    its closing citation, ** removed) is found, in order, in the text of the body pages when
    the lines are joined with NOTHING between them, after dropping the running header and the
    page number lines. So "concatenate the wrapped lines" gives back the source text exactly:
    no spaces are lost or invented at line ends or in justified lines;
  * each article's text lies on the pages its expected JSON lists;
  * the cover has the issue data and every contents line, page 2 the staff box;
  * the bold font's PDF name contains "Hei" or "Bold" and the body font's does not.
Exit status 1 on the first failing file (after reporting all its problems).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_samples as ms  # noqa: E402

FURNITURE = [re.compile(r"^— \d+ —$"), re.compile(r"^第 \d+ 页$")]


def page_texts(pdf: Path) -> list[str]:
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(p), "-l", str(p), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for p in range(1, n + 1)]


def body_lines(text: str, furniture: set[str]) -> list[str]:
    out = []
    for line in text.splitlines():
        s = line.strip()
        if not s or s in furniture or any(r.match(s) for r in FURNITURE):
            continue
        out.append(s)
    return out


def verify(name: str, issue: ms.Issue, lay: ms.Layout) -> list[str]:
    pdf = ms.SAMPLES / f"{name}.pdf"
    expected = json.loads((ms.EXPECTED_DIR / f"{name}.json").read_text(encoding="utf-8"))
    pages = page_texts(pdf)
    problems: list[str] = []
    furniture = {issue.meta["running-header"], ms.issue_line(issue),
                 f"《{issue.meta['title']}》{ms.issue_line(issue)}（总第 {issue.cumulative} 期）"}

    # fonts
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [l.split()[0] for l in fonts.splitlines()[2:]]
    bold = [n for n in names if "Hei" in n or "Bold" in n]
    if not bold or len(bold) == len(names):
        problems.append(f"font names: {names}")

    # cover and staff page
    cover = pages[0]
    for s in [ms.issue_line(issue), f"(总第 {issue.cumulative} 期)", issue.meta["print-date"],
              issue.meta["publisher"], issue.meta["publisher-en"], issue.meta["title"],
              issue.meta["subtitle"], issue.meta["qr-caption"]] + [t for _, t in issue.contents] + \
            [f"【{s}】" for s, _ in issue.contents]:
        if s not in cover:
            problems.append(f"cover lacks {s!r}")
    flat2 = re.sub(r"\s+", "", pages[1])
    for s in [issue.meta["publisher"], issue.meta["phone"], issue.meta["fax"]] + issue.hosts + \
            [n for _, names in issue.staff for n in names] + [r for r, _ in issue.staff]:
        if re.sub(r"\s+", "", s) not in flat2:
            problems.append(f"page 2 lacks {s!r}")
    back = pages[-1]
    for s in issue.back + [issue.meta["back-qr-caption"]]:
        if s not in back:
            problems.append(f"back cover lacks {s!r}")

    # body: join the lines of the body pages with nothing, remember where each page starts
    stream, starts = "", []
    for i, text in enumerate(pages[1:-1], start=2):
        starts.append((len(stream), i))
        stream += "".join(body_lines(text, furniture))

    def page_at(pos: int) -> int:
        return [p for s, p in starts if s <= pos][-1]

    pos = 0
    for art, exp in zip(issue.articles, expected["articles"]):
        wanted = []
        if art.marker_line:
            wanted.append(f"【{art.section}】")
        wanted.append((f"【{art.section}】" if art.marker_inline else "") + ms.plain(art.title))
        wanted += [ms.plain(b.text) for b in art.blocks]
        seen_pages = set()
        for w in wanted:
            j = stream.find(w, pos)
            if j < 0:
                # find the longest prefix that does match, to show where it goes wrong
                k = len(w)
                while k > 0 and stream.find(w[:k], pos) < 0:
                    k -= 1
                at = stream.find(w[:k], pos) + k if k else pos
                problems.append(f"{art.title[:16]}: not found: {w[:40]!r}…\n"
                                f"    expected …{w[max(0, k - 15):k + 25]!r}\n"
                                f"    pdf has  …{stream[max(0, at - 15):at + 25]!r}")
                continue
            seen_pages.update({page_at(j), page_at(j + len(w) - 1)})
            pos = j + len(w)
        if sorted(seen_pages) != [p for p in exp["pages"] if p in seen_pages] or \
                not set(exp["pages"]) <= seen_pages | set(range(min(seen_pages or {0}), max(seen_pages or {0}) + 1)):
            problems.append(f"{art.title[:16]}: pages {sorted(seen_pages)} vs expected {exp['pages']}")
    return problems


def verify_variants() -> list[str]:
    """The OCR / robustness variants of make_variants.py, if they have been made."""
    import make_variants as mv
    problems: list[str] = []
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for name in mv.ISSUES:
        digital = page_texts(ms.SAMPLES / f"{name}.pdf")
        scanned = ms.SAMPLES / f"{name}-scanned.pdf"
        if scanned.exists():
            texts = page_texts(scanned)
            if len(texts) != len(digital) or any(t.strip() for t in texts):
                problems.append(f"{scanned.name}: {len(texts)} pages, or it has a text layer")
            images = subprocess.run(["pdfimages", "-list", str(scanned)], capture_output=True,
                                    text=True, check=True).stdout.splitlines()[2:]
            if len(images) != len(texts) or any(l.split()[12:14] != ["200", "200"] for l in images):
                problems.append(f"{scanned.name}: not one 200 dpi image a page")
        broken = ms.SAMPLES / f"{name}-broken.pdf"
        if broken.exists():
            text = "".join(page_texts(broken))
            if cjk.search(text) or len(text) < 1000:
                problems.append(f"{broken.name}: its text is not garbage (or missing)")
    mixed = ms.SAMPLES / "bri-mixed.pdf"
    if mixed.exists():
        texts = page_texts(mixed)
        for i, t in enumerate(texts, 1):
            if bool(cjk.search(t)) == (i in mv.MIXED_SCANNED):
                problems.append(f"{mixed.name}: page {i} has the wrong kind (text layer vs scan)")
    return problems


def main() -> int:
    failed = False
    problems = verify_variants()
    print(f"variants: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    for p in problems:
        print("  " + p)
    failed |= bool(problems)
    for src, layouts in ms.TARGETS:
        issue = ms.parse_source(ms.SOURCE_DIR / f"{src}.md")
        for lay in layouts:
            name = f"{src}{lay.suffix}"
            problems = verify(name, issue, lay)
            print(f"{name}.pdf: {'OK' if not problems else f'{len(problems)} problem(s)'}")
            for p in problems:
                print("  " + p)
            failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
