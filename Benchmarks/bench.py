#!/usr/bin/env python3
"""IssuePipe benchmarks, side by side with its peers in one run.

Measures the release binary against pdftotext (text path) and the tesseract
CLI (OCR path) on the same inputs, and prints ratios so machine noise cancels.
Run with `make bench` (builds the release binary first) or
`python3 Benchmarks/bench.py [--quick] [--only text,batch,ocr,long,stages]`.

Each figure is the median of --repeat runs; peak RSS comes from
`/usr/bin/time -f %M` (kilobytes, of the process and its children).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "Samples"
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = ROOT / ".build" / "release" / "issuepipe"
TIME = "/usr/bin/time"


def run(cmd, env=None, cwd=None):
    """Runs a command under /usr/bin/time; returns (seconds, peak RSS in MB)."""
    full = [TIME, "-f", "%e %M"] + [str(c) for c in cmd]
    e = dict(os.environ)
    e.update(env or {})
    start = time.perf_counter()
    p = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=e, cwd=cwd, text=True)
    wall = time.perf_counter() - start
    last = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "0 0"
    try:
        rss_mb = int(last.split()[1]) / 1024
    except (IndexError, ValueError):
        rss_mb = float("nan")
    if p.returncode not in (0, 1):
        sys.exit(f"benchmark command failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr}")
    return wall, rss_mb


def median_run(cmd, repeat, env=None):
    results = [run(cmd, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def table(title, header, rows):
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")


def text_path(args, work):
    files = [SAMPLES / "bri-2024-03.pdf", SAMPLES / "bri-2025-21.pdf"]
    for extra in ["robustness/pdfjs_freeculture.pdf", "chinese/onkej_Shanxi_budget_report.pdf",
                  "chinese/onkej_Neimenggu_budget_report.pdf"]:
        if (CORPUS / extra).exists():
            files.append(CORPUS / extra)
    rows = []
    for pdf in files:
        n = pages_of(pdf)
        ours, ours_rss = median_run([BIN, "convert", pdf, "-o", work / "o.json", "--ocr", "never", "--jobs", "1"], args.repeat)
        peer, peer_rss = median_run(["pdftotext", pdf, work / "o.txt"], args.repeat)
        rows.append([pdf.name, n, f"{n / ours:.0f}", f"{n / peer:.0f}", f"**{peer / ours:.2f}×**",
                     f"{ours_rss:.0f}", f"{peer_rss:.0f}"])
    table("Text path, one file, single thread (issuepipe convert --ocr never vs pdftotext)",
          ["file", "pages", "issuepipe pages/s", "pdftotext pages/s", "speed ratio", "issuepipe RSS MB", "pdftotext RSS MB"], rows)


def batch_path(args, work):
    src = work / "batch-in"
    src.mkdir(exist_ok=True)
    base = [SAMPLES / "bri-2024-03.pdf", SAMPLES / "bri-2025-21.pdf", SAMPLES / "bri-2025-21-alt.pdf"]
    for i in range(args.batch):
        shutil.copy(base[i % len(base)], src / f"issue-{i:03d}.pdf")
    pages = sum(pages_of(p) for p in src.glob("*.pdf"))
    out = work / "batch-out"
    cores = os.cpu_count() or 1
    ours = []
    for _ in range(args.repeat):
        shutil.rmtree(out, ignore_errors=True)
        ours.append(run([BIN, "batch", src, "--out", out, "--jobs", cores, "--ocr", "never", "--quiet"])[0])
    loop = f'for f in "{src}"/*.pdf; do pdftotext "$f" "{work}/loop.txt"; done'
    peer = statistics.median(run(["bash", "-c", loop])[0] for _ in range(args.repeat))
    o = statistics.median(ours)
    table(f"Batch of {args.batch} files ({pages} pages): issuepipe batch --jobs {cores} vs pdftotext in a shell loop",
          ["", "seconds", "pages/s", "files/s"],
          [["issuepipe batch", f"{o:.2f}", f"{pages / o:.0f}", f"{args.batch / o:.1f}"],
           ["pdftotext loop", f"{peer:.2f}", f"{pages / peer:.0f}", f"{args.batch / peer:.1f}"],
           ["ratio (issuepipe speed / pdftotext speed)", f"**{peer / o:.2f}×**", "", ""]])


def ocr_path(args, work):
    scanned = SAMPLES / "bri-2024-03-scanned.pdf"
    page = 3
    one = work / "one-page.pdf"
    subprocess.run(["qpdf", "--empty", "--pages", str(scanned), str(page), "--", str(one)], check=True)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-singlefile", "-png", str(one), str(work / "page")], check=True)
    env = {"OMP_THREAD_LIMIT": "1"}
    ours, ours_rss = median_run([BIN, "convert", one, "-o", work / "ocr.json", "--ocr", "force", "--jobs", "1"], args.repeat, env)
    peer, peer_rss = median_run(["tesseract", work / "page.png", work / "tess", "-l", "chi_sim", "--dpi", "200", "--psm", "3"],
                                args.repeat, env)
    table("OCR path, one scanned page at 200 dpi, chi_sim, OMP_THREAD_LIMIT=1",
          ["", "s/page", "peak RSS MB"],
          [["issuepipe convert --ocr force (render, deskew, OCR, clean, structure)", f"{ours:.2f}", f"{ours_rss:.0f}"],
           ["tesseract CLI on the page rendered by pdftoppm", f"{peer:.2f}", f"{peer_rss:.0f}"],
           ["ratio (issuepipe time / tesseract time)", f"**{ours / peer:.2f}×**", ""]])
    pages = pages_of(scanned)
    rows = []
    base = None
    for jobs in range(1, (os.cpu_count() or 1) + 1):
        t, rss = median_run([BIN, "convert", scanned, "-o", work / "ocrj.json", "--ocr", "force", "--jobs", jobs],
                            max(1, args.repeat // 2), env)
        base = base or t
        rows.append([jobs, f"{t:.1f}", f"{t / pages:.2f}", f"{base / t:.2f}×", f"{rss:.0f}"])
    table(f"OCR scaling on {scanned.name} ({pages} pages)", ["--jobs", "seconds", "s/page", "speed-up", "peak RSS MB"], rows)


def repeat_body_pages(source, n, doc):
    """Writes an n-page PDF made of the source's body pages (2-9) repeated."""
    pages = [2 + i % 8 for i in range(n)]
    subprocess.run(["qpdf", "--empty", "--pages", str(source), ",".join(map(str, pages)), "--", str(doc)], check=True)


def long_docs(args, work):
    body = SAMPLES / "bri-2024-03.pdf"
    rows = []
    for n in args.long:
        doc = work / f"long-{n}.pdf"
        repeat_body_pages(body, n, doc)
        t, rss = median_run([BIN, "convert", doc, "-o", work / "long.json", "--ocr", "never"], args.repeat)
        p, prss = median_run(["pdftotext", doc, work / "long.txt"], args.repeat)
        rows.append([n, f"{t:.2f}", f"{1000 * t / n:.1f}", f"{rss:.0f}", f"{p:.2f}", f"{prss:.0f}"])
    table("Long documents (body pages of bri-2024-03 repeated), text path",
          ["pages", "issuepipe s", "ms/page", "issuepipe peak RSS MB", "pdftotext s", "pdftotext RSS MB"], rows)
    scanned = SAMPLES / "bri-2024-03-scanned.pdf"
    rows = []
    for n in args.long_ocr:
        doc = work / f"long-ocr-{n}.pdf"
        repeat_body_pages(scanned, n, doc)
        t, rss = median_run([BIN, "convert", doc, "-o", work / "long-ocr.json", "--ocr", "force"], 1, {"OMP_THREAD_LIMIT": "1"})
        rows.append([n, f"{t:.1f}", f"{t / n:.2f}", f"{rss:.0f}"])
    table("Long scanned documents, OCR path (all cores)", ["pages", "seconds", "s/page", "peak RSS MB"], rows)


def stages(args, work):
    rows = []
    for pdf, ocr in [(SAMPLES / "bri-2024-03.pdf", "never"), (SAMPLES / "bri-2024-03-scanned.pdf", "auto")]:
        p = subprocess.run([BIN, "convert", pdf, "-o", work / "s.json", "--ocr", ocr, "--timings"],
                           capture_output=True, text=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
        for line in p.stderr.splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[2] == "s":
                rows.append([pdf.name, parts[0], parts[1]])
    table("Where the time goes (convert --timings, one run)", ["file", "stage", "seconds"], rows)


def main():
    global BIN
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--long", type=int, nargs="*", default=[10, 100, 500])
    parser.add_argument("--long-ocr", type=int, nargs="*", default=[8, 32])
    parser.add_argument("--only", default="text,batch,ocr,long,stages")
    parser.add_argument("--quick", action="store_true", help="one repetition, small sizes (checks the harness runs)")
    parser.add_argument("--binary", default=str(BIN))
    args = parser.parse_args()
    BIN = Path(args.binary)
    if args.quick:
        args.repeat, args.batch, args.long, args.long_ocr = 1, 4, [10], [2]
    if not BIN.exists():
        sys.exit(f"{BIN} is missing: run `swift build -c release` (or `make bench`)")
    for tool in ["pdftotext", "pdfinfo", "qpdf", "tesseract", "pdftoppm"]:
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: `make bench` installs poppler-utils, qpdf and tesseract-ocr")
    print(f"## IssuePipe benchmarks\n\nmachine: {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; binary: {BIN}")
    with tempfile.TemporaryDirectory(prefix="issuepipe-bench-") as tmp:
        work = Path(tmp)
        for name in args.only.split(","):
            {"text": text_path, "batch": batch_path, "ocr": ocr_path, "long": long_docs, "stages": stages}[name](args, work)


if __name__ == "__main__":
    main()
