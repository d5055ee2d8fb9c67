#!/usr/bin/env python3
"""IssuePipe benchmarks, side by side with its peers in one run.

Measures the release binary against pdftotext (text path) and the tesseract
CLI (OCR path) on the same inputs, and prints ratios so machine noise cancels.
With --baseline BINARY (an older build) every IssuePipe figure is measured for
both binaries in the same run, interleaved, for a before-and-after table.
Run with `make bench` (builds the release binary first) or
`python3 Benchmarks/bench.py [--quick] [--only startup,convert,batch,mixed,rss,ocr,long]`.

Each figure is the median of --repeat runs; peak RSS comes from
`/usr/bin/time -f %M` (kilobytes) or, for batch workers, from sampling their
/proc/<pid>/status while the batch runs.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "Samples"
BIN = ROOT / ".build" / "release" / "issuepipe"
TIME = "/usr/bin/time"
BORN_SAMPLES = ["bri-2024-03.pdf", "bri-2025-21.pdf", "bri-2025-21-alt.pdf"]
CORES = os.cpu_count() or 1


def run(cmd, env=None, stdin=None, ok=(0, 1, 75)):
    """Runs a command under /usr/bin/time; returns (seconds, peak RSS in MB)."""
    full = [TIME, "-f", "%e %M"] + [str(c) for c in cmd]
    start = time.perf_counter()
    p = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ, **(env or {})),
                       text=True, stdin=stdin if stdin is not None else subprocess.DEVNULL)
    wall = time.perf_counter() - start
    last = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "0 0"
    try:
        rss_mb = int(last.split()[1]) / 1024
    except (IndexError, ValueError):
        rss_mb = float("nan")
    if p.returncode not in ok:
        sys.exit(f"benchmark command failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr}")
    return wall, rss_mb


def medians(commands, repeat, env=None, ok=(0, 1, 75)):
    """Runs each command `repeat` times, interleaved (so load affects all alike): median seconds, max RSS."""
    results = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            results[name].append(run(cmd, env, ok=ok))
    return {name: (statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in results.items()}


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[1]) for line in out.splitlines() if line.startswith("Pages:")), 0)


def table(title, header, rows):
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    sys.stdout.flush()


def binaries(args):
    """The binaries to measure: this build, and the baseline when given."""
    return {"after": BIN, "before": Path(args.baseline)} if args.baseline else {"issuepipe": BIN}


def born_files(args):
    files = [SAMPLES / n for n in BORN_SAMPLES] + sorted(SAMPLES.glob("variants/*-born.pdf"))
    if args.variants:
        files += sorted(Path(args.variants).glob("*-born.pdf"))[: args.max_variants]
    return files


def startup(args, work):
    bins = binaries(args)
    commands = {name: [b, "worker"] for name, b in bins.items()} | {"pdftotext": ["pdftotext", "-v"]}
    n = 20 * args.repeat
    got = medians(commands, n, ok=(0, 2, 75))   # older workers exit 2 at end of input
    rows = [[name, f"{1000 * got[name][0]:.1f}"] for name in commands]
    table(f"Start-up: a process that starts and exits (`issuepipe worker` at end of input; `pdftotext -v`), median of {n}",
          ["", "ms"], rows)


def convert(args, work):
    bins = binaries(args)
    rows, ratios = [], {name: [] for name in bins}
    for pdf in born_files(args):
        commands = {name: [b, "convert", pdf, "-o", work / f"{name}.json", "--jobs", "1"] for name, b in bins.items()}
        commands["pdftotext"] = ["pdftotext", pdf, work / "o.txt"]
        got = medians(commands, args.repeat)
        row = [pdf.name, pages_of(pdf), f"{1000 * got['pdftotext'][0]:.0f}"]
        for name in bins:
            ratio = got["pdftotext"][0] / got[name][0]
            ratios[name].append(ratio)
            row += [f"{1000 * got[name][0]:.0f}", f"**{ratio:.2f}×**"]
        rows.append(row)
    mean = ["geometric mean", "", ""]
    for name in bins:
        mean += ["", f"**{statistics.geometric_mean(ratios[name]):.2f}×**"]
    rows.append(mean)
    header = ["file", "pages", "pdftotext ms"] + [h for name in bins for h in (f"{name} ms", f"{name} speed / pdftotext")]
    table("Born-digital issues, one file: `issuepipe convert` (default mode, --jobs 1) vs `pdftotext`", header, rows)
    stages(args, work, bins)


def stages(args, work, bins):
    """Median per-stage seconds from `convert --timings` over the born-digital files."""
    rows = []
    for name, b in bins.items():
        per_stage = {}
        for pdf in born_files(args):
            for _ in range(args.repeat):
                p = subprocess.run([b, "convert", pdf, "-o", work / "s.json", "--jobs", "1", "--timings"],
                                   capture_output=True, text=True)
                for line in p.stderr.splitlines():
                    parts = line.split()
                    if len(parts) >= 3 and parts[2] == "s":
                        per_stage.setdefault(parts[0], []).append(float(parts[1]))
        rows += [[name, stage, f"{1000 * statistics.median(v):.1f}"] for stage, v in per_stage.items()]
    table("Where the time goes per born-digital file (`convert --timings`, median over files and runs)",
          ["binary", "stage", "ms"], rows)


def copies(sources, count, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        shutil.copy(sources[i % len(sources)], folder / f"issue-{i:03d}.pdf")
    return sum(pages_of(p) for p in sources) * count // len(sources)


def batch(args, work):
    bins = binaries(args)
    src = work / "batch-in"
    pages = copies(born_files(args), args.batch, src)
    loop = f'for f in "{src}"/*.pdf; do pdftotext "$f" "{work}/loop-$(basename "$f").txt"; done'
    par = f'ls "{src}"/*.pdf | parallel -j{CORES} pdftotext {{}} "{work}/par-{{/}}.txt"'
    commands = {name: ["bash", "-c", f'rm -rf "{work}/out-{name}" && "{b}" batch "{src}" --out "{work}/out-{name}" '
                       f"--jobs {CORES} --quiet --force"] for name, b in bins.items()}
    commands |= {"pdftotext loop": ["bash", "-c", loop], f"parallel -j{CORES} pdftotext": ["bash", "-c", par]}
    got = medians(commands, args.repeat)
    loop_s, par_s = got["pdftotext loop"][0], got[f"parallel -j{CORES} pdftotext"][0]
    rows = [[name, f"{s:.2f}", f"{pages / s:.0f}", f"{args.batch / s:.1f}", f"**{loop_s / s:.2f}×**", f"**{par_s / s:.2f}×**"]
            for name, (s, _) in got.items()]
    table(f"Batch of {args.batch} born-digital files ({pages} pages), default mode, --jobs {CORES}",
          ["", "seconds", "pages/s", "files/s", "speed / pdftotext loop", f"speed / parallel -j{CORES}"], rows)


def scanned_pages(first, last, out):
    src = SAMPLES / "bri-2024-03-scanned.pdf"
    n = pages_of(src)
    pages = ",".join(str(1 + (i % n)) for i in range(first, last))
    subprocess.run(["qpdf", "--empty", "--pages", str(src), pages, "--", str(out)], check=True)


def mixed(args, work):
    """Many one-page scans and one long scan: how close batch gets to (pages × s/page) / cores."""
    src = work / "mixed-in"
    src.mkdir(exist_ok=True)
    for i in range(args.mixed_small):
        scanned_pages(i, i + 1, src / f"scan-{i:02d}.pdf")
    scanned_pages(0, args.mixed_long, src / "long-scan.pdf")
    ocr_pages = args.mixed_small + args.mixed_long
    ten = work / "ten.pdf"
    scanned_pages(0, 10, ten)
    env = {"OMP_THREAD_LIMIT": "1"}
    for name, b in binaries(args).items():
        per_page = run([b, "convert", ten, "-o", work / "ten.json", "--jobs", "1"], env)[0] / 10
        shutil.rmtree(work / "mixed-out", ignore_errors=True)
        wall = run([b, "batch", src, "--out", work / "mixed-out", "--jobs", CORES, "--quiet"], env)[0]
        ideal = ocr_pages * per_page / CORES
        table(f"Mixed scanned folder ({name}): {args.mixed_small} one-page scans + one {args.mixed_long}-page scan, "
              f"batch --jobs {CORES}", ["", "seconds"],
              [["s/page (convert --jobs 1 of a 10-page scan, / 10)", f"{per_page:.2f}"],
               [f"ideal: {ocr_pages} pages × s/page / {CORES} cores", f"{ideal:.1f}"],
               ["batch wall time", f"{wall:.1f}"], ["batch / ideal", f"**{wall / ideal:.2f}×**"]])


def children_of(pid):
    """The pids whose parent is `pid` (from /proc/<pid>/stat: the field after the state)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(entry)
    return found


def sample_rss(pid, samples, stop):
    """Resident memory of `pid`'s worker children, sampled until `stop` is set: {worker pid: [MB…]}."""
    while not stop.is_set():
        for child in children_of(pid):
            try:
                status = Path(f"/proc/{child}/status").read_text()
            except OSError:
                continue
            rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), None)
            if rss:
                samples.setdefault(child, []).append(rss / 1024)
        time.sleep(0.1)


def rss(args, work):
    """Peak resident memory of each worker over a long batch, without restarts (--max-files-per-worker 0)."""
    src = work / "rss-in"
    copies(born_files(args), args.rss_files, src)
    for name, b in binaries(args).items():
        samples, stop = {}, threading.Event()
        shutil.rmtree(work / "rss-out", ignore_errors=True)
        # Batches before long-lived workers ran a process a file and have no such option.
        helps = subprocess.run([b, "batch", "--help"], capture_output=True, text=True).stdout
        no_restarts = ["--max-files-per-worker", "0"] if "--max-files-per-worker" in helps else []
        p = subprocess.Popen([b, "batch", src, "--out", work / "rss-out", "--jobs", str(CORES), "--quiet"] + no_restarts,
                             stdout=subprocess.DEVNULL)
        sampler = threading.Thread(target=sample_rss, args=(p.pid, samples, stop))
        sampler.start()
        p.wait()
        stop.set()
        sampler.join()
        long_lived = [s for s in samples.values() if len(s) >= 10]
        rows = []
        for i, s in enumerate(sorted(long_lived, key=len, reverse=True)[:CORES]):
            tenth = max(1, len(s) // 10)
            rows.append([f"worker {i + 1}", len(s), f"{max(s[:tenth]):.0f}", f"{max(s[-tenth:]):.0f}", f"{max(s):.0f}"])
        table(f"Worker memory over a batch of {args.rss_files} born-digital files ({name}, {len(samples)} worker processes)",
              ["", "samples", "peak MB, first tenth", "peak MB, last tenth", "peak MB"], rows)
    worker_rss(args, work)


def worker_rss(args, work):
    """One worker fed the born-digital files in turn (batch sorts by size, so new
    documents, and the fonts that fill poppler's and cairo's caches, arrive all
    through a batch): its resident memory after each tenth of the files."""
    files = born_files(args)
    p = subprocess.Popen([BIN, "worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    after = []
    for i in range(args.rss_files):
        request = {"input": str(files[i % len(files)]), "output": str(work / "rss.json"), "ocrMode": "auto", "keepFurniture": False}
        p.stdin.write(json.dumps(request) + "\n")
        p.stdin.flush()
        after.append(json.loads(p.stdout.readline()).get("residentBytes", 0) / 2**20)
    p.stdin.close()
    p.wait()
    tenth = max(1, len(after) // 10)
    table(f"One worker, {args.rss_files} files cycling through {len(files)} distinct born-digital documents: "
          "resident MB after the file", ["files done"] + [str(min(len(after), k * tenth)) for k in range(1, 11)],
          [["MB"] + [f"{after[min(len(after), k * tenth) - 1]:.0f}" for k in range(1, 11)]])


def ocr_languages():
    """The newsletter pipeline's ocr.languages: the tesseract CLI, the peer, reads with the same models."""
    found = re.search(r"^ocr:\n(?:  .*\n)*?  languages: (\S+)", (ROOT / "Pipelines" / "bri-biweekly.yaml").read_text(), re.M)
    return found.group(1) if found else "chi_sim"


def ocr(args, work):
    scanned = SAMPLES / "bri-2024-03-scanned.pdf"
    one = work / "one-page.pdf"
    subprocess.run(["qpdf", "--empty", "--pages", str(scanned), "3", "--", str(one)], check=True)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-singlefile", "-png", str(one), str(work / "page")], check=True)
    commands = {name: [b, "convert", one, "-o", work / "ocr.json", "--ocr", "force", "--jobs", "1"] for name, b in binaries(args).items()}
    commands["tesseract CLI"] = ["tesseract", work / "page.png", work / "tess", "-l", ocr_languages(), "--dpi", "200", "--psm", "3"]
    got = medians(commands, max(1, args.repeat // 2), {"OMP_THREAD_LIMIT": "1"})
    peer = got["tesseract CLI"][0]
    table(f"OCR path, one scanned page at 200 dpi, {ocr_languages()}, OMP_THREAD_LIMIT=1",
          ["", "s/page", "peak RSS MB", "time / tesseract CLI"],
          [[name, f"{s:.2f}", f"{m:.0f}", f"**{s / peer:.2f}×**"] for name, (s, m) in got.items()])


def long_docs(args, work):
    body = SAMPLES / "bri-2024-03.pdf"
    rows = []
    for n in args.long:
        doc = work / f"long-{n}.pdf"
        pages = ",".join(str(2 + i % 8) for i in range(n))
        subprocess.run(["qpdf", "--empty", "--pages", str(body), pages, "--", str(doc)], check=True)
        commands = {name: [b, "convert", doc, "-o", work / "long.json"] for name, b in binaries(args).items()}
        commands["pdftotext"] = ["pdftotext", doc, work / "long.txt"]
        got = medians(commands, args.repeat)
        rows += [[n, name, f"{s:.2f}", f"{1000 * s / n:.1f}", f"{m:.0f}"] for name, (s, m) in got.items()]
    table("Long documents (body pages of bri-2024-03 repeated), default mode",
          ["pages", "", "seconds", "ms/page", "peak RSS MB"], rows)


def main():
    global BIN
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--rss-files", type=int, default=500)
    parser.add_argument("--mixed-small", type=int, default=40)
    parser.add_argument("--mixed-long", type=int, default=30)
    parser.add_argument("--long", type=int, nargs="*", default=[10, 100, 500])
    parser.add_argument("--variants", help="a folder of generated *-born.pdf layout variants to add (Samples/generator)")
    parser.add_argument("--max-variants", type=int, default=12)
    parser.add_argument("--only", default="startup,convert,batch,mixed,rss,ocr,long")
    parser.add_argument("--quick", action="store_true", help="one repetition, small sizes (checks the harness runs)")
    parser.add_argument("--binary", default=str(BIN))
    parser.add_argument("--baseline", help="an older issuepipe binary, measured beside this one")
    args = parser.parse_args()
    BIN = Path(args.binary)
    if args.quick:
        args.repeat, args.batch, args.rss_files, args.mixed_small, args.mixed_long, args.long = 1, 6, 6, 2, 2, [10]
    if not BIN.exists():
        sys.exit(f"{BIN} is missing: run `make release` (or `make bench`)")
    for tool in ["pdftotext", "pdfinfo", "qpdf", "tesseract", "pdftoppm", "parallel"]:
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: `make bench` installs poppler-utils, qpdf, tesseract-ocr and parallel")
    print(f"## IssuePipe benchmarks\n\nmachine: {CORES} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; binary: {BIN}"
          + (f"; baseline: {args.baseline}" if args.baseline else ""))
    sections = {"startup": startup, "convert": convert, "batch": batch, "mixed": mixed, "rss": rss, "ocr": ocr, "long": long_docs}
    with tempfile.TemporaryDirectory(prefix="issuepipe-bench-") as tmp:
        for name in args.only.split(","):
            sections[name](args, Path(tmp))


if __name__ == "__main__":
    main()
