#!/usr/bin/env python3
"""Dev checks of degrade.py (not needed to build or test IssuePipe; run by hand).

    python3 degrade_check.py broken  A.pdf [B.pdf ...]   # does each broken map really break poppler's text?
    python3 degrade_check.py cer     A.pdf --pages 3,5   # tesseract CER: mode x dpi x strength
    python3 degrade_check.py timing  A.pdf               # seconds per page: mode x dpi
    python3 degrade_check.py same    A.pdf               # two runs in two processes give the same bytes
    python3 degrade_check.py preview A.pdf OUTDIR        # 50 dpi PNGs and 1:1 crops to look at

Everything temporary goes to a TemporaryDirectory that is removed at the end.
`cer` needs tesseract with chi_sim; it runs at most two tesseract processes at a time, each with
OMP_THREAD_LIMIT=1 (the machine has two cores).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from layout import ScanSpec  # noqa: E402

HAN = re.compile(r"[\u3400-\u9fff]")


def spec_for(kind="scanned", mode="gray", dpi=200, strength=0.5, extras=False, **kw) -> ScanSpec:
    base = ScanSpec(kind=kind, dpi=dpi, mode=mode, jpeg_quality=75, skew_max=1.0, upside_down_page=0,
                    noise=strength, blur=strength, bleed_through=extras, uneven_light=extras,
                    dark_borders=extras, broken_map="", mixed_pages=())
    return replace(base, **kw)


def norm(t: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", t))


def distance(a: str, b: str) -> int:
    try:
        from rapidfuzz.distance import Levenshtein
        return Levenshtein.distance(a, b)
    except ImportError:
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]


def cer(ref: str, hyp: str) -> float:
    r, h = norm(ref), norm(hyp)
    return distance(r, h) / max(1, len(r))


def pdftotext(pdf: bytes, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + ["-", "-"], input=pdf, capture_output=True, check=True).stdout.decode(
        "utf-8", "replace")


# ---------------------------------------------------------------------------------- broken

def check_broken(paths: list[str]) -> int:
    import degrade
    import pikepdf
    bad = 0
    for path in paths:
        pdf = Path(path).read_bytes()
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            producer = str(doc.docinfo.get("/Producer", "?"))
            kinds = sorted({f"{f.get('/Subtype')}" + (f"/{f.DescendantFonts[0].Subtype}" if f.get('/Subtype') == '/Type0' else "")
                            for f in degrade._fonts(doc)})
        orig = pdftotext(pdf)
        han = HAN.findall(orig)
        grams = {"".join(han[i:i + 3]) for i in range(len(han) - 2)}
        print(f"{Path(path).name}  ({producer}; fonts {', '.join(kinds)}): {len(norm(orig))} chars, {len(han)} Han")
        for how in ("stripped", "wrong"):
            broken = degrade.break_text_layer(pdf, how)
            text = pdftotext(broken)
            bh = HAN.findall(text)
            survived = sum(1 for i in range(len(bh) - 2) if "".join(bh[i:i + 3]) in grams)
            ctrl = sum(1 for c in text if ord(c) < 32 and c not in "\n\f\t")
            same_han = sum(1 for a, b in zip(HAN.findall(orig), bh) if a == b)
            c = cer(orig, text)
            ok = c > 0.8 and survived <= 2
            bad += not ok
            print(f"  {how:8s} CER vs original {c:6.1%}  Han in output {len(bh):5d}  "
                  f"Han trigrams of the original found {survived:4d}  control chars {ctrl:5d}  "
                  f"{'OK (garbage)' if ok else 'NOT BROKEN ENOUGH'}")
            sample = re.sub(r"\s+", " ", text)[:90]
            print(f"           {sample!r}")
    return 1 if bad else 0


# ------------------------------------------------------------------------------------- cer

def ocr_image(png: str, dpi: int) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    return subprocess.run(["tesseract", png, "-", "-l", "chi_sim", "--psm", "3", "--dpi", str(dpi)],
                          capture_output=True, env=env, check=True).stdout.decode("utf-8", "replace")


def page_subset(pdf: bytes, pages: list[int]) -> bytes:
    import pikepdf
    with pikepdf.open(io.BytesIO(pdf)) as src:
        out = pikepdf.new()
        for p in pages:
            out.pages.append(src.pages[p - 1])
        b = io.BytesIO()
        out.save(b)
        return b.getvalue()


def check_cer(path: str, pages: list[int], modes, dpis, strengths, extras: bool, skew: float) -> None:
    import degrade
    pdf = Path(path).read_bytes()
    sub = page_subset(pdf, pages)
    refs = [pdftotext(pdf, p) for p in pages]
    jobs = []
    with tempfile.TemporaryDirectory() as tmp, cf.ThreadPoolExecutor(2) as pool:
        for mode in modes:
            for dpi in dpis:
                for st in strengths:
                    spec = spec_for(mode=mode, dpi=dpi, strength=st, extras=extras, skew_max=skew,
                                    jpeg_quality=75 if mode != "bitonal" else 0)
                    data, _ = degrade.degrade(sub, spec, 11)
                    for i, p in enumerate(pages):
                        root = f"{tmp}/{mode}-{dpi}-{st}-{p}"
                        subprocess.run(["pdfimages", "-png", "-f", str(i + 1), "-l", str(i + 1), "-", root],
                                       input=data, check=True)
                        png = f"{root}-000.png"
                        jobs.append(((mode, dpi, st, p), pool.submit(ocr_image, png, dpi), refs[i]))
        results: dict = {}
        for key, fut, ref in jobs:
            results[key] = cer(ref, fut.result())
    print(f"tesseract 5 chi_sim --psm 3, CER (NFKC, no whitespace) vs pdftotext of the original, "
          f"pages {pages} of {Path(path).name}, extras (bleed, light, borders) {'on' if extras else 'off'}, "
          f"skew ≤{skew}°, JPEG quality 75, no deskew")
    head = "| mode | dpi | " + " | ".join(f"noise=blur={s}" for s in strengths) + " |"
    print(head)
    print("|" + "---|" * (2 + len(strengths)))
    for mode in modes:
        for dpi in dpis:
            cells = []
            for st in strengths:
                vals = [results[(mode, dpi, st, p)] for p in pages]
                cells.append(" / ".join(f"{v:.1%}" for v in vals))
            print(f"| {mode} | {dpi} | " + " | ".join(cells) + " |")


# ---------------------------------------------------------------------------------- timing

def check_timing(path: str, modes, dpis, strength: float) -> None:
    import degrade
    pdf = Path(path).read_bytes()
    n = degrade._page_count(pdf)
    degrade.degrade(page_subset(pdf, [1]), spec_for(), 1)        # warm up (numba, imports)
    print(f"{Path(path).name}, {n} pages, noise=blur={strength}, bleed/light/borders on")
    print("| mode | dpi | wall s/page | CPU s/page | KB/page |")
    print("|---|---|---|---|---|")
    for mode in modes:
        for dpi in dpis:
            spec = spec_for(mode=mode, dpi=dpi, strength=strength, extras=True,
                            jpeg_quality=75 if mode != "bitonal" else 0)
            t0, c0 = time.perf_counter(), time.process_time() + _children_cpu()
            data, _ = degrade.degrade(pdf, spec, 5)
            t1, c1 = time.perf_counter(), time.process_time() + _children_cpu()
            print(f"| {mode} | {dpi} | {(t1 - t0) / n:.2f} | {(c1 - c0) / n:.2f} | {len(data) / n / 1024:.0f} |")
    for how in ("stripped", "wrong"):
        t0 = time.perf_counter()
        degrade.degrade(pdf, spec_for(kind="broken", broken_map=how), 5)
        print(f"broken {how}: {(time.perf_counter() - t0) / n:.3f} s/page")


def _children_cpu() -> float:
    r = os.times()
    return r.children_user + r.children_system


# ---------------------------------------------------------------------------- determinism

def check_same(path: str) -> int:
    specs = {
        "scanned-gray": "kind='scanned', mode='gray', dpi=200, strength=0.7, extras=True, upside_down_page=2",
        "scanned-color": "kind='scanned', mode='color', dpi=150, strength=0.4, extras=True",
        "scanned-bitonal": "kind='scanned', mode='bitonal', dpi=300, strength=1.0, extras=True, jpeg_quality=0",
        "broken-stripped": "kind='broken', broken_map='stripped'",
        "broken-wrong": "kind='broken', broken_map='wrong'",
        "mixed": "kind='mixed', mode='gray', dpi=200, strength=0.5, extras=True, mixed_pages=(2, 4), broken_map='wrong'",
    }
    code = ("import sys, hashlib; sys.path.insert(0, %r); import degrade_check as c, degrade; "
            "d, m = degrade.degrade(open(%r, 'rb').read(), c.spec_for(%s), 42); "
            "print(hashlib.sha256(d).hexdigest(), ','.join(m))")
    bad = 0
    for name, args in specs.items():
        outs = [subprocess.run([sys.executable, "-c", code % (str(HERE), path, args)], capture_output=True,
                               text=True, check=True, cwd=tempfile.gettempdir()).stdout.strip() for _ in range(2)]
        same = outs[0] == outs[1]
        bad += not same
        print(f"{name:16s} {'same' if same else 'DIFFERENT'}  {outs[0][:16]}…  {outs[0].split()[1]}"
              + ("" if same else f"  vs {outs[1][:16]}"))
    return 1 if bad else 0


# -------------------------------------------------------------------------------- preview

def preview(path: str, outdir: str, pages: list[int]) -> None:
    import degrade
    pdf = Path(path).read_bytes()
    sub = page_subset(pdf, pages)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for mode in ("gray", "color", "bitonal"):
        for st in (0.0, 0.5, 1.0):
            for extras in (False, True):
                spec = spec_for(mode=mode, dpi=200, strength=st, extras=extras,
                                jpeg_quality=75 if mode != "bitonal" else 0)
                data, _ = degrade.degrade(sub, spec, 3)
                name = f"{mode}-{st}-{'x' if extras else 'plain'}"
                subprocess.run(["pdftoppm", "-r", "50", "-png", "-", str(out / name)], input=data, check=True)
                subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-x", "150", "-y", "250",
                                "-W", "700", "-H", "420", "-png", "-", str(out / (name + "-crop"))],
                               input=data, check=True)
    print(f"written to {out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["broken", "cer", "timing", "same", "preview"])
    ap.add_argument("pdf", nargs="+")
    ap.add_argument("--pages", default="3,5")
    ap.add_argument("--modes", default="gray,color,bitonal")
    ap.add_argument("--dpis", default="150,200,300")
    ap.add_argument("--strengths", default="0,0.5,1")
    ap.add_argument("--extras", action="store_true", help="cer: bleed-through, uneven light, dark borders on")
    ap.add_argument("--skew", type=float, default=0.05, help="cer: skew_max (0.05: as good as none)")
    a = ap.parse_args()
    pages = [int(x) for x in a.pages.split(",")]
    modes, dpis = a.modes.split(","), [int(x) for x in a.dpis.split(",")]
    strengths = [float(x) for x in a.strengths.split(",")]
    if a.what == "broken":
        return check_broken(a.pdf)
    if a.what == "cer":
        check_cer(a.pdf[0], pages, modes, dpis, strengths, a.extras, a.skew)
    elif a.what == "timing":
        check_timing(a.pdf[0], modes, dpis, 0.5)
    elif a.what == "same":
        return check_same(a.pdf[0])
    elif a.what == "preview":
        preview(a.pdf[0], a.pdf[1], pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
