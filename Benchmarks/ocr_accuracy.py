#!/usr/bin/env python3
"""OCR accuracy of IssuePipe against the raw tesseract CLI, on the same pages.

For each OCR sample (scanned and broken-text-layer variants) and each page:
- reference: the born-digital twin's text layer for that page (pdftotext), body pages 3 to n-1;
- tesseract CLI: `tesseract page.png - -l LANGUAGES --dpi 200 --psm 3` (the pipeline's
  ocr.languages), OMP_THREAD_LIMIT=1,
  on the image IssuePipe reads too (a scan's embedded JPEG, or a 200 dpi gray render);
- IssuePipe: the OCR stage's text for that page (`--stages`, 3-ocr.json).
CER = edit distance / reference length after NFKC with all white space removed.
Then the article-level CER of the final issue JSON against Samples/expected/.

Usage: python3 Benchmarks/ocr_accuracy.py [--binary .build/release/issuepipe]
"""
import argparse
import json
import os
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from bench import ocr_languages

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "Samples"
VARIANTS = [("bri-2024-03-scanned", "bri-2024-03", "scan"), ("bri-2025-21-scanned", "bri-2025-21", "scan"),
            ("bri-2024-03-broken", "bri-2024-03", "render"), ("bri-2025-21-broken", "bri-2025-21", "render")]


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def page_text(pdf, page):
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=str(ROOT / ".build/release/issuepipe"))
    args = ap.parse_args()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    print("| sample | body pages | tesseract CLI, page CER | IssuePipe OCR stage, page CER | IssuePipe article text CER |")
    print("|---|---|---|---|---|")
    for name, twin, kind in VARIANTS:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            pdf = SAMPLES / f"{name}.pdf"
            subprocess.run([args.binary, "convert", pdf, "-o", tmp / "issue.json", "--stages", tmp / "stages",
                            "--jobs", "2"], check=True, env=env, capture_output=True)
            ocr = json.load(open(tmp / "stages" / "3-ocr.json"))
            # Body pages only: the cover, the staff page and the back cover have
            # multi-column layouts whose reading order the two order differently.
            last = len(ocr["pages"])
            pages = [p for p in ocr["pages"] if p["method"] == "ocr" and 3 <= p["number"] < last]
            ref_all = cli_all = ours_all = 0
            errors_cli = errors_ours = 0
            for p in pages:
                n = p["number"]
                ref = norm(page_text(SAMPLES / f"{twin}.pdf", n))
                if kind == "scan":
                    subprocess.run(["pdfimages", "-f", str(n), "-l", str(n), "-j", pdf, tmp / "img"], check=True)
                    image = sorted(tmp.glob("img-*.jpg"))[-1]
                else:
                    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-f", str(n), "-l", str(n), "-singlefile", "-png",
                                    pdf, tmp / "render"], check=True)
                    image = tmp / "render.png"
                cli = norm(subprocess.run(["tesseract", image, "-", "-l", ocr_languages(), "--dpi", "200", "--psm", "3"],
                                          capture_output=True, text=True, env=env).stdout)
                ours = norm("".join(line["text"] for line in p["lines"]))
                errors_cli += lev(ref, cli)
                errors_ours += lev(ref, ours)
                ref_all += len(ref)
                for f in tmp.glob("img-*"):
                    f.unlink()
            got = json.load(open(tmp / "issue.json"))
            exp = json.load(open(SAMPLES / "expected" / f"{name}.json"))
            r = "".join(norm(a["title"]) + "".join(norm(b["text"]) for b in a["blocks"]) for a in exp["articles"])
            h = "".join(norm(a["title"]) + "".join(norm(b["text"]) for b in a["blocks"]) for a in got["articles"])
            print(f"| {name} | {len(pages)} | {100 * errors_cli / ref_all:.2f}% | {100 * errors_ours / ref_all:.2f}% "
                  f"| {100 * lev(r, h) / len(r):.2f}% |")


if __name__ == "__main__":
    main()
