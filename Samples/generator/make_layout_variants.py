#!/usr/bin/env python3
"""Make layout variants of the sample issues, with the truth IssuePipe should find in each.

    python3 Samples/generator/make_layout_variants.py --seeds 1000-1019 \\
        --kinds born,scanned,broken,mixed --out DIR \\
        [--producers reportlab,chromium,libreoffice] [--texts bri-2024-03,…] [--jobs 2] [--self-check]

For each seed:
  * the layout is variants.layout.sample_layout(seed) (every LayoutSpec dimension);
  * a contents that cannot fit the cover even at the smallest type moves to page 2 (that seed only);
  * the issue text is a seeded choice among Samples/source/*.md (or --texts), the producer a
    seeded choice among --producers (default: all three; a producer that cannot run is an
    error naming what to install, never a silent skip);
  * the born-digital PDF is made once; each kind in --kinds is written as
        DIR/v<seed>-<producer>-<kind>.pdf  and  DIR/v<seed>-<producer>-<kind>.truth.json
    (born as made; scanned / broken / mixed by variants/degrade.py with sample_scan(seed, kind,
    pages)); the token broken-or-mixed picks one of the two by seed.
The truth format is described in variants/layout.py. Files are written atomically (temp file +
rename; a file that already has the same bytes is left untouched). Same arguments → same bytes. One line is printed per variant; the exit status is 1 if
any seed failed (each failure names its seed).

--self-check: for each born variant made, pdftotext -layout must give every truth title, heading
and paragraph (spaces removed, in order, lines joined with nothing) in the body area of pages
2…n, and every furniture string somewhere in the document.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import variants  # noqa: E402,F401
from variants import truth as T  # noqa: E402
import dataclasses  # noqa: E402

from variants.layout import KINDS, PAGE_SIZES, PRODUCERS, FixedPageOverflow, rng_for, sample_layout, sample_scan  # noqa: E402
from variants.printed import PrintedIssue, Produced, load_issue, source_names  # noqa: E402

PRODUCER_MODULES = {"reportlab": "variants.reportlab_producer",
                    "chromium": "variants.html_producer",
                    "libreoffice": "variants.docx_producer"}
PRODUCER_NEEDS = {"reportlab": "pip install -r Samples/generator/requirements.txt; apt-get install "
                               "fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-wqy-microhei",
                  "chromium": "apt-get install chromium fonts-noto-cjk",
                  "libreoffice": "pip install python-docx; apt-get install libreoffice-writer fonts-noto-cjk"}
KIND_TOKENS = list(KINDS) + ["broken-or-mixed"]
MM = 72 / 25.4


class Failure(Exception):
    pass


# --------------------------------------------------------------------------- arguments

def parse_seeds(text: str) -> list[int]:
    """'1000-1019', '7', '1000,1005,1010-1012' → sorted unique seeds."""
    seeds: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if m := re.fullmatch(r"(\d+)-(\d+)", part):
            a, b = int(m.group(1)), int(m.group(2))
            if b < a:
                raise argparse.ArgumentTypeError(f"empty seed range {part}")
            seeds.update(range(a, b + 1))
        elif part.isdigit():
            seeds.add(int(part))
        else:
            raise argparse.ArgumentTypeError(f"not a seed or range: {part!r}")
    return sorted(seeds)


def parse_list(allowed: list[str], what: str):
    def parse(text: str) -> list[str]:
        items = [t.strip() for t in text.split(",") if t.strip()]
        bad = [t for t in items if t not in allowed]
        if bad or not items:
            raise argparse.ArgumentTypeError(f"unknown {what} {bad or text!r}; choose from {', '.join(allowed)}")
        return list(dict.fromkeys(items))
    return parse


def load_producer(name: str):
    """The producer module, or Failure naming what to install."""
    try:
        mod = importlib.import_module(PRODUCER_MODULES[name])
    except ImportError as e:
        path = PRODUCER_MODULES[name].replace(".", "/") + ".py"
        raise Failure(f"producer {name} unavailable ({path}: {e}); it needs: {PRODUCER_NEEDS[name]}")
    problem = mod.check() if hasattr(mod, "check") else None
    if problem:
        raise Failure(f"producer {name} unavailable: {problem}")
    return mod


# --------------------------------------------------------------------------- one seed

def choices(seed: int, texts: list[str], producers: list[str], kinds: list[str]):
    """The seed's text, producer and concrete kinds (in the order of PRODUCERS / KINDS, so the
    argument order does not matter)."""
    text = rng_for(seed, "text").choice(sorted(texts))
    producer = rng_for(seed, "producer").choice([p for p in PRODUCERS if p in producers])
    concrete = []
    for k in kinds:
        if k == "broken-or-mixed":
            k = rng_for(seed, "broken-or-mixed").choice(["broken", "mixed"])
        if k not in concrete:
            concrete.append(k)
    return text, producer, [k for k in KINDS if k in concrete]


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file + rename; a file that already has these bytes is left as it is."""
    if path.exists() and path.read_bytes() == data:
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def produce_fitted(mod, issue, layout):
    """Produce the issue; a contents too long for the cover even at the smallest type moves to
    page 2, as a typesetter would. Only seeds that would otherwise fail take this path."""
    printed = PrintedIssue.build(issue, layout)
    try:
        return printed, mod.produce(printed)
    except FixedPageOverflow:
        if layout.contents_page != 1:
            raise
    printed = PrintedIssue.build(issue, dataclasses.replace(layout, contents_page=2))
    return printed, mod.produce(printed)


def make_seed(seed: int, args) -> list[str]:
    """Make every variant of one seed; returns the report lines. Raises on failure."""
    layout = sample_layout(seed)
    text, producer, kinds = choices(seed, args.texts, args.producers, args.kinds)
    mod = load_producer(producer)
    t0 = time.perf_counter()
    printed, born = produce_fitted(mod, load_issue(text), layout)
    if not isinstance(born, Produced):
        raise Failure(f"{producer}: produce() returned {type(born).__name__}, not printed.Produced")
    born_secs = time.perf_counter() - t0
    lines = []
    problems = self_check(born, printed, seed, producer) if args.self_check else None
    for kind in kinds:
        scan = sample_scan(seed, kind, born.page_count)
        t1 = time.perf_counter()
        if kind == "born":
            pdf, methods = born.pdf, ["text"] * born.page_count
        else:
            try:
                from variants import degrade as D
            except ImportError as e:
                raise Failure(f"kind {kind} needs variants/degrade.py ({e}); only --kinds born works without it")
            pdf, methods = D.degrade(born.pdf, scan, seed)
            if len(methods) != born.page_count:
                raise Failure(f"degrade({kind}) gave {len(methods)} page methods for {born.page_count} pages")
        secs = born_secs + (time.perf_counter() - t1 if kind != "born" else 0)
        data = T.truth(printed, born, seed=seed, producer=producer, scan=scan, page_methods=methods)
        vid = T.variant_id(seed, producer, kind)
        write_atomic(args.out / f"{vid}.pdf", pdf)
        write_atomic(args.out / f"{vid}.truth.json", T.dumps(data))
        line = (f"{vid}.pdf  {text}  {born.page_count} pages  {len(pdf) // 1024} KB  {secs:.2f} s")
        if kind == "born" and problems is not None:
            line += "  self-check " + ("OK" if not problems else f"FAILED ({len(problems)})")
        lines.append(line)
    if problems:
        raise Failure("self-check failed:\n    " + "\n    ".join(problems))
    return lines


def run_seed(seed: int, args) -> tuple[int, list[str], str | None]:
    try:
        return seed, make_seed(seed, args), None
    except Failure as e:
        return seed, [], str(e)
    except Exception:
        return seed, [], traceback.format_exc()


# --------------------------------------------------------------------------- self-check

def _nospace(s: str) -> str:
    return re.sub(r"\s+", "", s)


def pdftotext(pdf: Path, page: int | None = None, crop=None) -> str:
    cmd = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if page is not None:
        cmd += ["-f", str(page), "-l", str(page)]
    if crop is not None:
        x, y, w, h = crop
        cmd += ["-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w)), "-H", str(int(h))]
    return subprocess.run(cmd + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def self_check(born: Produced, printed: PrintedIssue, seed: int, producer: str) -> list[str]:
    """The born PDF's text layer against the truth (see the module docstring)."""
    data = T.issue_truth(printed)
    furniture = printed.furniture(born.page_count, born.numbered_pages)
    L = printed.layout
    W, H = PAGE_SIZES[L.page_size]
    top, right, bottom, left = (m * MM for m in L.margins_mm)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "born.pdf"
        pdf.write_bytes(born.pdf)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        if pages != born.page_count:
            problems.append(f"pdfinfo: {pages} pages, producer said {born.page_count}")
        whole = _nospace(pdftotext(pdf))
        for f in furniture:
            if _nospace(f) not in whole:
                problems.append(f"furniture {f!r} not in the text")
        # body: the text area of pages 2…n, column by column (halves of the text width)
        y0, h = top - 3, H - top - bottom + 6
        crops = [(0, y0, W, h)] if L.columns == 1 else \
            [(0, y0, left + (W - left - right) / 2, h), (left + (W - left - right) / 2, y0, W, h)]
        stream = ""
        for pg in range(2, pages + 1):
            for x, y, w, hh in crops:
                stream += _nospace(pdftotext(pdf, pg, (x, y, w - x if x else w, hh)))
    pos = 0
    for art in data["articles"]:
        for what in [art["title"]] + [b["text"] for b in art["blocks"]]:
            want = _nospace(what)
            j = stream.find(want, pos)
            if j < 0:
                k = len(want)
                while k and stream.find(want[:k], pos) < 0:
                    k -= 1
                at = stream.find(want[:k], pos) + k if k else pos
                problems.append(f"{art['title'][:14]}: not found: {want[:30]!r}… (matches up to "
                                f"…{want[max(0, k - 8):k]!r}, the PDF has …{stream[at - 8 if at >= 8 else 0:at + 16]!r})")
                continue
            pos = j + len(want)
    return problems


# --------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", required=True, type=parse_seeds, help="e.g. 1000-1019 or 7,9,20-25")
    ap.add_argument("--kinds", default=["born"], type=parse_list(KIND_TOKENS, "kind"),
                    help=f"comma-separated, of {','.join(KIND_TOKENS)} (default born)")
    ap.add_argument("--out", required=True, type=Path, help="output directory (created)")
    ap.add_argument("--producers", default=list(PRODUCERS), type=parse_list(list(PRODUCERS), "producer"),
                    help="comma-separated (default all three)")
    ap.add_argument("--texts", default=None, type=parse_list(source_names(), "text"),
                    help="issue texts (Samples/source/*.md stems; default all)")
    ap.add_argument("--jobs", type=int, default=1, help="seeds made in parallel (default 1)")
    ap.add_argument("--self-check", action="store_true", help="check each born PDF's text layer")
    args = ap.parse_args()
    args.texts = args.texts or source_names()
    # every requested producer must be usable: fail before making anything
    try:
        for p in args.producers:
            load_producer(p)
    except Failure as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)

    failed: list[int] = []
    if args.jobs > 1 and len(args.seeds) > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as ex:
            results = ex.map(run_seed, args.seeds, [args] * len(args.seeds))
            for seed, lines, error in results:
                report(seed, lines, error, failed)
    else:
        for seed in args.seeds:
            report(*run_seed(seed, args), failed)
    if failed:
        print(f"failed seeds: {' '.join(map(str, failed))}", file=sys.stderr)
        return 1
    return 0


def report(seed: int, lines: list[str], error: str | None, failed: list[int]) -> None:
    for line in lines:
        print(line, flush=True)
    if error:
        failed.append(seed)
        print(f"seed {seed}: FAILED: {error.rstrip()}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
