"""The truth file of a layout variant (format: variants/layout.py's docstring).

Derived from the issue TEXT through make_samples.expected_json / plain (never from an extraction
of the PDF), with the text-level changes of the layout applied (numbered headings carry their
prefix), and without articles[].pages. The `variant` section says how the PDF was made.
"""

from __future__ import annotations

import json

import variants  # noqa: F401  (puts Samples/generator on sys.path)
import make_samples as ms
from variants.layout import ScanSpec
from variants.printed import PrintedIssue, Produced


def variant_id(seed: int, producer: str, kind: str) -> str:
    """The file stem: v1000-reportlab-born (→ v1000-reportlab-born.pdf / .truth.json)."""
    return f"v{seed}-{producer}-{kind}"


def issue_truth(p: PrintedIssue) -> dict:
    """publication, issue, staff, contacts, contents, articles: what IssuePipe should find."""
    data = ms.expected_json(p.issue, [[] for _ in p.issue.articles])
    for art, printed in zip(data["articles"], p.articles):
        del art["pages"]
        headings = iter(b for b in printed.blocks if b.kind == "heading")
        for block in art["blocks"]:
            if block["kind"] == "heading":
                block["text"] = next(headings).plain      # numbered: 一、… as printed
        if any(True for _ in headings):
            raise AssertionError(f"{printed.title}: headings do not match the text")
    return data


def truth(p: PrintedIssue, produced: Produced, *, seed: int, producer: str, scan: ScanSpec,
          page_methods: list[str]) -> dict:
    if len(page_methods) != produced.page_count:
        raise ValueError(f"{len(page_methods)} page methods for {produced.page_count} pages")
    data = issue_truth(p)
    data["variant"] = {
        "id": variant_id(seed, producer, scan.kind),
        "seed": seed,
        "text": p.issue.name,
        "producer": producer,
        "kind": scan.kind,
        "dimensions": {**p.layout.dimensions(), **scan.dimensions()},
        "pageCount": produced.page_count,
        "pageMethods": page_methods,
        "furniture": p.furniture(produced.page_count, produced.numbered_pages),
    }
    return data


def dumps(data: dict) -> bytes:
    """Keys sorted, UTF-8, indent 2, trailing newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
