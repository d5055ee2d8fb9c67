#!/usr/bin/env python3
"""Field-level evaluation of IssuePipe on generated layout variants (GROBID-style end-to-end
evaluation: per-field precision/recall/F1, strict and soft matching, whole-instance accuracy).
How to read the report: Benchmarks/README.md. The scoring itself: eval_score.py.

  python3 Benchmarks/eval.py score TRUTH.json OUTPUT.json [--json]
  python3 Benchmarks/eval.py run --seeds 1000-1019 --kinds born,scanned,broken-or-mixed \\
          --out out/eval-tuning [--bin .build/release/issuepipe] [--jobs 2] [--set tuning]
  python3 Benchmarks/eval.py samples --out out/eval-samples   # the bundled Samples/, made-up truth

Seed sets (disjoint; a run names its set and is refused seeds outside it):
  tuning  1000-1999  look at these as much as you like while developing (make eval-tuning)
  fresh   9000 and up  reporting only: never look at their variants while tuning (make eval)

`run` generates the variants with Samples/generator/make_layout_variants.py (variants already in
OUT/variants are kept), converts each with IssuePipe (OUT/outputs/<id>.json, reused while the PDF
and the binary are unchanged), scores each against its truth, writes OUT/report.json and
OUT/report.md and prints the Markdown. A failed conversion scores zero; it never stops the run.
`--check-thresholds FILE` exits 1 when a threshold in FILE is missed (format: eval_thresholds.json).
"""
from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_score import FIELD_ORDER, MODES, add_counts, counts, prf, score  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "Samples" / "generator" / "make_layout_variants.py"
DEFAULT_BIN = ROOT / ".build" / "release" / "issuepipe"
DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "eval_thresholds.json"

SEED_SETS = {"tuning": (1000, 1999), "fresh": (9000, None)}
GROUPS = ("born", "scanned", "broken+mixed")
KIND_GROUP = {"born": "born", "scanned": "scanned", "broken": "broken+mixed", "mixed": "broken+mixed"}
KIND_ARGS = {"born": ("born",), "scanned": ("scanned",), "broken-or-mixed": ("broken", "mixed"),
             "broken": ("broken",), "mixed": ("mixed",)}

# The headline metrics of the dimension breakdown: (key, label, getter on a variant's score).
HEADLINE = (
    ("articleSoftF1", "article soft F1", lambda s: s["fields"]["articles"]["soft"]["f1"]),
    ("paragraphStrictF1", "paragraph strict F1", lambda s: s["fields"]["paragraphs"]["strict"]["f1"]),
    ("headingStrictF1", "heading strict F1", lambda s: s["fields"]["headings"]["strict"]["f1"]),
    ("contentsStrictF1", "contents strict F1", lambda s: s["fields"]["contents"]["strict"]["f1"]),
    ("masthead", "masthead right", lambda s: float(s["instances"]["masthead"]["strict"])),
    ("cer", "article CER", lambda s: s["articleCER"]),
)
WORST_SHOWN = 10
WORST_MIN_COUNT = 2

# Continuous dimensions are binned (edges from variants/layout.py's ranges) so values repeat.
BINS = {
    "leading": (1.3, 1.5, 1.7, 1.9),
    "title_ratio": (1.1, 1.25, 1.4, 1.55),
    "margins_mm": (15, 20, 25),            # binned by the smallest of the four margins
    "scan_skew_max": (0, 0.5, 1.0, 1.5),
    "scan_noise": (0, 0.33, 0.67),
    "scan_blur": (0, 0.33, 0.67),
    "scan_jpeg_quality": (60, 70, 80),
}
# Which kinds a scan dimension applies to (others: every kind but born).
SCAN_APPLIES = {"scan_broken_map": ("broken", "mixed"), "scan_mixed_pages": ("mixed",)}


# --------------------------------------------------------------------------- helpers

def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def parse_seeds(spec: str) -> list[int]:
    """"1000-1019", "1000,1003,1005-1007"."""
    seeds: set = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise ValueError(f"bad seed list: {spec!r}")
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        if b < a:
            raise ValueError(f"bad seed range: {part!r}")
        seeds.update(range(a, b + 1))
    return sorted(seeds)


def seed_ranges(seeds: list[int]) -> list[str]:
    out, start, prev = [], None, None
    for s in sorted(seeds):
        if start is None:
            start = prev = s
        elif s == prev + 1:
            prev = s
        else:
            out.append(f"{start}-{prev}")
            start = prev = s
    if start is not None:
        out.append(f"{start}-{prev}")
    return out


def in_set(seed: int, name: str) -> bool:
    lo, hi = SEED_SETS[name]
    return seed >= lo and (hi is None or seed <= hi)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def relative(path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_json(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def pct(x, digits=1) -> str:
    return "–" if x is None else f"{100 * x:.{digits}f}%"


def num(x, digits=3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def lookup(data, path: str):
    """A dotted path into nested dicts; a key may itself contain dots (staff.编辑)."""
    parts = path.split(".")
    cur = data
    i = 0
    while i < len(parts):
        if not isinstance(cur, dict):
            return None
        for j in range(len(parts), i, -1):
            key = ".".join(parts[i:j])
            if key in cur:
                cur = cur[key]
                i = j
                break
        else:
            return None
    return cur


# --------------------------------------------------------------------------- aggregation

def field_names(variants: list[dict]) -> list[str]:
    names = set()
    for v in variants:
        names.update(v["score"]["fields"])
    order = {n: k for k, n in enumerate(FIELD_ORDER)}
    staff = order["staff"]
    return sorted(names, key=lambda n: (order.get(n, staff + 0.5 if n.startswith("staff.") else len(order)), n))


def aggregate(variants: list[dict]) -> dict:
    """Micro-averaged fields and the issue-level metrics of a list of scored variants."""
    n = len(variants)
    out: dict = {"variants": n, "failures": sum(1 for v in variants if not v["conversion"]["ok"])}
    if n == 0:
        return out
    fields = {}
    for name in field_names(variants):
        fields[name] = {}
        for mode in MODES:
            c = counts()
            for v in variants:
                f = v["score"]["fields"].get(name)
                if f:
                    c = add_counts(c, {k: f[mode][k] for k in ("expected", "predicted", "matched")})
            r = prf(c)
            fields[name][mode] = r
    out["fields"] = fields
    s = [v["score"] for v in variants]
    out["sectionAccuracy"] = {}
    for mode in MODES:
        paired = sum(x["articlesPaired"] for x in s)
        right = sum(x["sectionsRight"][mode] for x in s)
        out["sectionAccuracy"][mode] = right / paired if paired else None
    out["instances"] = {
        "masthead": {m: sum(1 for x in s if x["instances"]["masthead"][m]) / n for m in MODES},
        "articles": {m: (sum(x["instances"]["articles"][m]["right"] for x in s)
                         / max(1, sum(x["instances"]["articles"][m]["total"] for x in s))) for m in MODES},
    }
    cers = [x["articleCER"] for x in s]
    chars = sum(x["articleChars"] for x in s)
    out["cer"] = {"mean": sum(cers) / n, "max": max(cers),
                  "micro": sum(x["articleEdits"] for x in s) / chars if chars else None}
    leaked = Counter()
    for x in s:
        for item in x["furnitureLeaked"]["strings"]:
            leaked[item["text"]] += item["count"]
    out["furnitureLeaked"] = sum(leaked.values())
    out["furnitureStrings"] = [{"text": t, "count": c} for t, c in sorted(leaked.items(), key=lambda kv: (-kv[1], kv[0]))]
    pages = sum(x["pageMethods"]["total"] for x in s)
    out["pageMethods"] = {
        "accuracy": sum(x["pageMethods"]["right"] for x in s) / pages if pages else None,
        "exactAccuracy": sum(x["pageMethods"]["exact"] for x in s) / pages if pages else None,
        "pages": pages,
    }
    out["pipeline"] = {"chosen": sum(1 for x in s if x["pipeline"]["chosen"]) / n}
    secs = [v["conversion"].get("seconds") for v in variants if v["conversion"].get("seconds") is not None]
    out["seconds"] = {"mean": sum(secs) / len(secs) if secs else None, "max": max(secs) if secs else None}
    return out


def dimension_values(v: dict) -> list[tuple[str, str]]:
    """(dimension, value) pairs of one variant for the breakdown; continuous ones binned."""
    kind = v["kind"]
    pairs = [("producer", str(v.get("producer"))), ("text", str(v.get("text")))]
    for dim, value in sorted((v.get("dimensions") or {}).items()):
        if dim == "kind":
            continue
        if dim.startswith("scan_"):
            if kind not in SCAN_APPLIES.get(dim, ("scanned", "broken", "mixed")) or value in ("", None, []):
                continue
            if dim not in SCAN_APPLIES and kind == "broken":  # image dimensions of a broken-only variant
                continue
        if dim == "margins_mm" and isinstance(value, list) and value:
            value = min(value)
        if dim == "scan_upside_down_page":
            value = "none" if not value else "one page"
        elif dim == "scan_mixed_pages" and isinstance(value, list):
            value = f"{len(value)} pages"
        elif dim in BINS and isinstance(value, (int, float)) and not isinstance(value, bool):
            edges = BINS[dim]
            k = max([i for i, e in enumerate(edges) if value >= e] or [0])
            value = f"{edges[k]}–{edges[k + 1]}" if k + 1 < len(edges) else f"≥{edges[k]}"
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, list):
            value = ",".join(map(str, value))
        elif value == "":
            value = '""'
        pairs.append((dim, str(value)))
    return pairs


def deficit(v: dict) -> float:
    """How far a variant is from perfect on the headline metrics: the mean shortfall of the
    F1s and the masthead, plus the CER."""
    s = v["score"]
    short = [1 - x for key, _, get in HEADLINE if key != "cer" for x in [get(s)] if x is not None]
    return (sum(short) / len(short) if short else 0.0) + s["articleCER"]


def dimension_breakdown(variants: list[dict]) -> list[dict]:
    """Per dimension value: the mean headline metrics, the count, and the mean deficit
    against the variant's own kind group (so values seen only on scans are not blamed for
    the scans being harder). Sorted worst first."""
    group_deficit = {}
    for g in GROUPS:
        ds = [deficit(v) for v in variants if v["group"] == g]
        group_deficit[g] = sum(ds) / len(ds) if ds else 0.0
    cells: dict = {}
    for v in variants:
        d = deficit(v)
        for dim, value in dimension_values(v):
            cells.setdefault((dim, value), []).append((v, d, d - group_deficit[v["group"]]))
    rows = []
    for (dim, value), items in cells.items():
        row = {"dimension": dim, "value": value, "count": len(items),
               "deficit": sum(d for _, d, _ in items) / len(items),
               "residual": sum(r for _, _, r in items) / len(items)}
        for key, _, get in HEADLINE:
            xs = [get(v["score"]) for v, _, _ in items]
            xs = [x for x in xs if x is not None]
            row[key] = sum(xs) / len(xs) if xs else None
        rows.append(row)
    rows.sort(key=lambda r: (-round(r["residual"], 12), r["dimension"], r["value"]))
    return rows


# --------------------------------------------------------------------------- thresholds

def load_thresholds(path: Path) -> dict:
    data = read_json(path)
    return {g: data[g] for g in data if not g.startswith("_")}


def check_thresholds(groups: dict, thresholds: dict) -> list[dict]:
    """One result per threshold: group, metric, bound, value, ok (None: group not in the run)."""
    results = []
    for group in sorted(thresholds, key=lambda g: (GROUPS + ("all",)).index(g) if g in GROUPS + ("all",) else 9):
        for metric, bound in thresholds[group].items():
            agg = groups.get(group) or {}
            value = lookup(agg, metric) if agg.get("variants") else None
            ok = None
            if agg.get("variants"):
                if value is None:
                    ok = False
                else:
                    ok = ("min" not in bound or value >= bound["min"] - 1e-12) and \
                         ("max" not in bound or value <= bound["max"] + 1e-12)
            results.append({"group": group, "metric": metric, "bound": bound, "value": value, "ok": ok,
                            "label": bound.get("label", metric)})
    return results


def bound_text(metric: str, bound: dict) -> str:
    percent = metric.startswith("cer.")
    def fmt(x):
        if percent:
            return f"{100 * x:g}%"
        return f"{x:g}"
    if "min" in bound and "max" in bound and bound["min"] == bound["max"]:
        return f"= {fmt(bound['min'])}"
    # a ratio cannot exceed 1 and a count cannot go below 0: those bounds are equalities
    if "max" not in bound and bound.get("min") == 1 and not metric.startswith("cer."):
        return "= 1"
    if "min" not in bound and bound.get("max") == 0:
        return "= 0"
    if "min" in bound:
        return f"≥ {fmt(bound['min'])}"
    return f"≤ {fmt(bound['max'])}"


def mark(ok) -> str:
    return "n/a" if ok is None else ("✅" if ok else "❌")


# --------------------------------------------------------------------------- Markdown

def markdown(report: dict) -> str:
    lines = []
    w = lines.append
    meta = report["run"]
    w("# IssuePipe field-level evaluation")
    w("")
    w(f"Set **{meta['set']}**, seeds {', '.join(seed_ranges(meta['seeds'])) or '–'}, kinds {meta['kinds']}; "
      f"{len(report['variants'])} variants; binary `{meta['binary']}` ({meta.get('version') or '?'}); "
      f"soft = Ratcliff/Obershelp ≥ {meta['softThreshold']} after NFKC, case, white space and punctuation removed.")
    if meta.get("missing"):
        w("")
        w(f"**Not generated** ({len(meta['missing'])}; see the generator's messages): {', '.join(meta['missing'])}")
    if meta.get("staleBinary"):
        w("")
        w(f"**Warning**: {meta['staleBinary']}")
    w("")
    results = report["thresholdResults"]
    missed = [r for r in results if r["ok"] is False]
    met = [r for r in results if r["ok"]]
    w(f"Thresholds ({meta['thresholds']}): {len(met)} met, {len(missed)} missed"
      + (f", {sum(1 for r in results if r['ok'] is None)} not applicable." if any(r['ok'] is None for r in results) else "."))
    by_metric = {}
    for r in results:
        by_metric.setdefault((r["group"], r["metric"]), r)
    for group in GROUPS + ("all",):
        agg = report["groups"].get(group) or {}
        if not agg.get("variants"):
            continue
        w("")
        w(f"## {group}: {agg['variants']} variants, {agg['failures']} failed conversions")
        w("")
        w("| field | expected | strict P | strict R | strict F1 | soft P | soft R | soft F1 | threshold |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for name, f in agg["fields"].items():
            st, so = f["strict"], f["soft"]
            th = []
            for mode in MODES:
                r = by_metric.get((group, f"fields.{name}.{mode}.f1"))
                if r:
                    th.append(f"{mode} F1 {bound_text(r['metric'], r['bound'])} {mark(r['ok'])}")
            w(f"| {name} | {st['expected']} | {num(st['precision'])} | {num(st['recall'])} | **{num(st['f1'])}** "
              f"| {num(so['precision'])} | {num(so['recall'])} | **{num(so['f1'])}** | {'; '.join(th)} |")
        w("")
        w("| metric | value | threshold |")
        w("|---|---|---|")

        def row(label, value, *metrics):
            th = []
            for m in metrics:
                r = by_metric.get((group, m))
                if r:
                    th.append(f"{bound_text(m, r['bound'])} {mark(r['ok'])}")
            w(f"| {label} | {value} | {'; '.join(th)} |")

        inst = agg["instances"]
        row("masthead entirely right (strict / soft)",
            f"{pct(inst['masthead']['strict'])} / {pct(inst['masthead']['soft'])}",
            "instances.masthead.strict", "instances.masthead.soft")
        row("articles entirely right (strict / soft)",
            f"{pct(inst['articles']['strict'])} / {pct(inst['articles']['soft'])}",
            "instances.articles.strict", "instances.articles.soft")
        row("section accuracy of paired articles (strict / soft)",
            f"{num(agg['sectionAccuracy']['strict'])} / {num(agg['sectionAccuracy']['soft'])}",
            "sectionAccuracy.strict", "sectionAccuracy.soft")
        row("article CER mean / max / micro",
            f"{pct(agg['cer']['mean'], 2)} / {pct(agg['cer']['max'], 2)} / {pct(agg['cer']['micro'], 2)}",
            "cer.mean", "cer.max", "cer.micro")
        leaked = ", ".join(f"{x['text']}×{x['count']}" for x in agg["furnitureStrings"][:5])
        row("furniture leaked into articles", f"{agg['furnitureLeaked']}" + (f" ({leaked})" if leaked else ""),
            "furnitureLeaked")
        row("page methods right (exact)",
            f"{pct(agg['pageMethods']['accuracy'])} ({pct(agg['pageMethods']['exactAccuracy'])}) "
            f"of {agg['pageMethods']['pages']} pages", "pageMethods.accuracy", "pageMethods.exactAccuracy")
        row("pipeline bri-biweekly chosen", pct(agg["pipeline"]["chosen"]), "pipeline.chosen")
        row("failed conversions", str(agg["failures"]), "failures")
        row("seconds per conversion mean / max", f"{num(agg['seconds']['mean'], 1)} / {num(agg['seconds']['max'], 1)}")
        other = [r for r in results if r["group"] == group and not r["metric"].startswith(
            ("fields.", "instances.", "sectionAccuracy.", "cer.", "furnitureLeaked", "pageMethods.",
             "pipeline.", "failures"))]
        for r in other:
            w(f"| {r['label']} | {num(r['value'])} | {bound_text(r['metric'], r['bound'])} {mark(r['ok'])} |")
    if missed:
        w("")
        w("Missed thresholds: " + "; ".join(
            f"{r['group']} {r['label']} = {num(r['value'])} (want {bound_text(r['metric'], r['bound'])})"
            for r in missed))

    dims = [r for r in report["dimensions"] if r["count"] >= WORST_MIN_COUNT]
    w("")
    w(f"## Weakest dimension values ({min(WORST_SHOWN, len(dims))} of {len(report['dimensions'])}, "
      f"at least {WORST_MIN_COUNT} variants each)")
    w("")
    w("Sorted by the mean deficit against the variant's own kind group (deficit = mean shortfall of the "
      "five F1/accuracy columns + CER); report.json has every value.")
    w("")
    w("| # | dimension = value | n | article soft F1 | paragraph strict F1 | heading strict F1 | "
      "contents strict F1 | masthead right | CER | deficit vs group |")
    w("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k, r in enumerate(dims[:WORST_SHOWN], 1):
        w(f"| {k} | {r['dimension']} = {r['value']} | {r['count']} | {num(r['articleSoftF1'])} "
          f"| {num(r['paragraphStrictF1'])} | {num(r['headingStrictF1'])} | {num(r['contentsStrictF1'])} "
          f"| {pct(r['masthead'], 0)} | {pct(r['cer'], 2)} | {r['residual']:+.3f} |")

    w("")
    w("## Per variant")
    w("")
    w("| id | kind | producer | CER | article soft F1 | paragraph strict F1 | failures |")
    w("|---|---|---|---:|---:|---:|---|")
    for v in report["variants"]:
        s = v["score"]
        w(f"| {v['id']} | {v['kind']} | {v['producer']} | {pct(s['articleCER'], 2)} "
          f"| {num(s['fields']['articles']['soft']['f1'])} | {num(s['fields']['paragraphs']['strict']['f1'])} "
          f"| {failures_text(v)} |")
    return "\n".join(lines) + "\n"


def failures_text(v: dict) -> str:
    """What went wrong in one variant, compactly: the conversion error, else the fields whose
    strict F1 is below 1 (* when soft is too), leaked furniture, wrong page methods, pipeline."""
    conv = v["conversion"]
    if not conv["ok"]:
        return "conversion failed: " + (conv.get("error") or f"exit {conv.get('exit')}").replace("|", "\\|")[:160]
    s = v["score"]
    out = []
    for name, f in s["fields"].items():
        if name.startswith("staff."):
            continue
        if f["strict"]["f1"] is not None and f["strict"]["f1"] < 1:
            out.append(name + ("*" if f["soft"]["f1"] is not None and f["soft"]["f1"] < 1 else ""))
    if s["furnitureLeaked"]["count"]:
        out.append(f"furniture×{s['furnitureLeaked']['count']}")
    wrong = s["pageMethods"]["wrong"]
    if wrong:
        out.append("page methods " + ",".join(str(p["page"]) for p in wrong[:6]) + ("…" if len(wrong) > 6 else ""))
    if not s["pipeline"]["chosen"]:
        out.append(f"pipeline {s['pipeline']['name']}")
    return ", ".join(out) if out else "–"


# --------------------------------------------------------------------------- conversion

def binary_version(binary: Path) -> str | None:
    try:
        p = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=60)
        return p.stdout.strip() or None
    except (OSError, subprocess.TimeoutExpired):
        return None


def pipelines_sha(folder: Path) -> str:
    """One hash over the pipeline definitions a conversion reads (they change its output)."""
    h = hashlib.sha256()
    for p in sorted(folder.glob("*.y*ml")):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def convert(binary: Path, bin_sha: str, pipelines: Path, pipe_sha: str, pdf: Path, out: Path, jobs: int,
            timeout: float, force: bool) -> dict:
    """Converts one PDF unless a conversion of the same PDF by the same binary with the same
    pipeline definitions is recorded (failures too: a rerun does not retry them; --reconvert)."""
    meta_path = out.with_suffix(".run.json")
    pdf_sha = sha256_file(pdf)
    if not force and meta_path.exists():
        try:
            meta = read_json(meta_path)
            if meta.get("pdfSha256") == pdf_sha and meta.get("binarySha256") == bin_sha and \
                    meta.get("pipelinesSha256") == pipe_sha and (not meta.get("ok") or out.exists()):
                meta["cached"] = True
                return meta
        except (OSError, ValueError):
            pass
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    tmp = out.with_name(out.stem + ".partial.json")
    if tmp.exists():
        tmp.unlink()
    cmd = [str(binary), "convert", str(pdf), "-o", str(tmp), "--jobs", str(jobs), "--pipelines", str(pipelines)]
    start = time.monotonic()
    meta = {"pdfSha256": pdf_sha, "binarySha256": bin_sha, "pipelinesSha256": pipe_sha,
            "command": " ".join([binary.name, "convert", pdf.name, "--jobs", str(jobs)])}
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
        meta["exit"] = p.returncode
        err = [line for line in p.stderr.strip().splitlines() if line.strip()]
        if p.returncode == 0:
            try:
                read_json(tmp)
                os.replace(tmp, out)
                meta["ok"] = True
            except (OSError, ValueError) as e:
                meta["ok"] = False
                meta["error"] = f"output is not JSON: {e}"
        else:
            meta["ok"] = False
            meta["error"] = err[-1] if err else f"exit {p.returncode}"
    except subprocess.TimeoutExpired:
        meta.update(exit=None, ok=False, error=f"timeout after {timeout:g} s")
    except OSError as e:
        meta.update(exit=None, ok=False, error=str(e))
    meta["seconds"] = round(time.monotonic() - start, 3)
    if not meta["ok"] and out.exists():
        out.unlink()
    if tmp.exists():
        tmp.unlink()
    write_json(meta_path, meta)
    meta["cached"] = False
    return meta


def score_variant(truth_path: Path, out_path: Path, conv: dict) -> dict:
    truth = read_json(truth_path)
    v = truth.get("variant") or {}
    output = read_json(out_path) if conv.get("ok") and out_path.exists() else {}
    try:
        s = score(truth, output)
    except Exception as e:  # a malformed output scores zero; the run goes on
        conv = dict(conv, ok=False, error=f"output could not be scored: {type(e).__name__}: {e}")
        s = score(truth, {})
    kind = v.get("kind", "born")
    return {"id": v.get("id", truth_path.name.removesuffix(".truth.json")), "seed": v.get("seed"),
            "kind": kind, "group": KIND_GROUP.get(kind, kind), "producer": v.get("producer"),
            "text": v.get("text"), "dimensions": v.get("dimensions") or {},
            "conversion": {k: conv.get(k) for k in ("ok", "exit", "seconds", "error", "cached")},
            "score": s}


def convert_and_score(pairs: list[tuple[Path, Path]], outputs: Path, args) -> list[dict]:
    """pairs: (truth, pdf). Converts `args.jobs` at a time; returns the scored variants."""
    binary = Path(args.bin)
    bin_sha = sha256_file(binary) if binary.exists() else "missing"
    pipelines = Path(args.pipelines)
    pipe_sha = pipelines_sha(pipelines)
    outputs.mkdir(parents=True, exist_ok=True)
    results: dict = {}

    def one(pair):
        truth_path, pdf = pair
        stem = truth_path.name.removesuffix(".truth.json")
        out = outputs / f"{stem}.json"
        if not binary.exists():
            conv = {"ok": False, "exit": None, "seconds": None, "error": f"no binary at {binary}"}
        elif not pdf.exists():
            conv = {"ok": False, "exit": None, "seconds": None, "error": f"no PDF {pdf.name}"}
        else:
            conv = convert(binary, bin_sha, pipelines, pipe_sha, pdf, out, args.convert_jobs, args.timeout,
                           args.reconvert)
        return stem, score_variant(truth_path, out, conv)

    total = len(pairs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(one, p) for p in pairs]
        for k, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            stem, v = fut.result()
            results[stem] = v
            c = v["conversion"]
            state = "cached" if c.get("cached") else ("ok" if c["ok"] else "FAILED")
            secs = f" {c['seconds']:.1f} s" if c.get("seconds") is not None else ""
            log(f"[{k}/{total}] {stem}: {state}{secs}, CER {pct(v['score']['articleCER'], 2)}"
                + ("" if c["ok"] else f" ({c.get('error')})"))
    order = {g: k for k, g in enumerate(GROUPS)}
    return sorted(results.values(), key=lambda v: (order.get(v["group"], 9), v["seed"] or 0, v["id"]))


# --------------------------------------------------------------------------- report

def build_report(variants: list[dict], run: dict, thresholds: dict) -> dict:
    groups = {g: aggregate([v for v in variants if v["group"] == g]) for g in GROUPS}
    groups["all"] = aggregate(variants)
    return {"run": run, "groups": groups, "thresholdResults": check_thresholds(groups, thresholds),
            "dimensions": dimension_breakdown(variants), "variants": variants}


def finish(report: dict, out_dir: Path, args) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    write_json(out_dir / "report.json", report)
    md = markdown(report)
    (out_dir / "report.md").write_text(md, encoding="utf-8")
    print(md, end="")
    log(f"wrote {out_dir / 'report.json'} and {out_dir / 'report.md'}")
    if args.check_thresholds:
        results = check_thresholds(report["groups"], load_thresholds(Path(args.check_thresholds)))
        missed = [r for r in results if r["ok"] is False]
        for r in missed:
            log(f"threshold missed: {r['group']} {r['label']} = {num(r['value'])} "
                f"(want {bound_text(r['metric'], r['bound'])})")
        log(f"thresholds {args.check_thresholds}: {sum(1 for r in results if r['ok'])} met, {len(missed)} missed")
        return 1 if missed else 0
    return 0


def stale_binary(binary: Path) -> str | None:
    """A note when the binary is older than the Swift sources (a report on an old build)."""
    try:
        built = binary.stat().st_mtime
    except OSError:
        return None
    newer = [p for p in (ROOT / "Sources").rglob("*.swift") if p.stat().st_mtime > built]
    if not newer:
        return None
    return f"{binary} is older than {len(newer)} Swift source file(s) (e.g. {relative(newer[0])}): make release?"


def run_meta(args, seeds, set_name, kinds) -> dict:
    note = stale_binary(Path(args.bin))
    if note:
        log("warning: " + note)
    return {"set": set_name, "seeds": seeds, "kinds": kinds, "binary": str(args.bin), "staleBinary": note,
            "version": binary_version(Path(args.bin)), "thresholds": relative(args.thresholds),
            "softThreshold": __import__("eval_score").SOFT_THRESHOLD}


# --------------------------------------------------------------------------- commands

def find_variants(vdir: Path, seeds: list[int], kinds: list[str], producers: list[str] | None) -> list[Path]:
    found = []
    wanted = set(seeds)
    for p in sorted(vdir.glob("*.truth.json")):
        try:
            v = read_json(p).get("variant") or {}
        except (OSError, ValueError):
            log(f"unreadable truth file: {p}")
            continue
        if v.get("seed") in wanted and v.get("kind") in kinds and (not producers or v.get("producer") in producers):
            found.append(p)
    return found


def generator_sha() -> str:
    """One hash over what the variants are made from: the generator's code and the issue texts.
    A variant generated by other code or from other texts may have another truth."""
    h = hashlib.sha256()
    gen = ROOT / "Samples" / "generator"
    files = sorted(p for p in gen.rglob("*") if p.is_file() and p.suffix in (".py", ".txt", ".json", ".yaml")
                   and "__pycache__" not in p.parts)
    files += sorted((ROOT / "Samples" / "source").glob("*.md"))
    for p in files:
        h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def generate(vdir: Path, seeds: list[int], kind_args: list[str], producers: list[str] | None, args) -> None:
    """Runs the generator for the (seed, kind) pairs not already in vdir with the same truth:
    OUT/variants/generated.json records the generator hash each variant was made with."""
    manifest_path = vdir / "generated.json"
    try:
        manifest = read_json(manifest_path)
    except (OSError, ValueError):
        manifest = {}
    current = generator_sha() if GENERATOR.exists() else None
    missing_seeds, missing_kinds = set(), set()
    for s in seeds:
        for a in kind_args:
            have = [p for p in vdir.glob(f"v{s}-*.truth.json")
                    if any(p.name.endswith(f"-{k}.truth.json") for k in KIND_ARGS[a])
                    and (not producers or any(p.name.startswith(f"v{s}-{pr}-") for pr in producers))
                    and p.with_name(p.name.removesuffix(".truth.json") + ".pdf").exists()
                    and (current is None or manifest.get(p.name.removesuffix(".truth.json")) == current)]
            if not have or args.regenerate:
                missing_seeds.add(s)
                missing_kinds.add(a)
    if not missing_seeds:
        log(f"variants: all {len(seeds)} seeds × {', '.join(kind_args)} already in {vdir}")
        return
    if current is None:
        log(f"the generator {GENERATOR.relative_to(ROOT)} is not there; "
            f"scoring the variants already in {vdir} (--no-generate to silence this)")
        return
    kinds_arg = ",".join(a for a in kind_args if a in missing_kinds)
    for rng in seed_ranges(sorted(missing_seeds)):
        cmd = [sys.executable, str(GENERATOR), "--seeds", rng, "--kinds", kinds_arg,
               "--out", str(vdir), "--jobs", str(args.jobs)]
        if args.producers:
            cmd += ["--producers", args.producers]
        log("generate: " + " ".join([relative(GENERATOR)] + cmd[2:]))
        started = time.time() - 1
        p = subprocess.run(cmd, stdout=2)   # its progress goes to our stderr: stdout is the report
        if p.returncode != 0:
            log(f"the generator exited {p.returncode}; scoring what it wrote")
        # What the generator was run for is now current (it may have kept identical files as
        # they were); after a failure, only what it wrote.
        lo, hi = (int(x) for x in rng.split("-"))
        kinds = {k for a in kind_args if a in missing_kinds for k in KIND_ARGS[a]}
        for t in vdir.glob("v*.truth.json"):
            m = re.fullmatch(r"v(\d+)-.+-(\w+)\.truth\.json", t.name)
            if m and lo <= int(m.group(1)) <= hi and m.group(2) in kinds and (
                    p.returncode == 0 or t.stat().st_mtime >= started):
                manifest[t.name.removesuffix(".truth.json")] = current
    write_json(manifest_path, dict(sorted(manifest.items())))


def cmd_run(args) -> int:
    if args.seeds:
        seeds = parse_seeds(args.seeds)
    elif args.set:
        start = args.seed_start if args.seed_start is not None else SEED_SETS[args.set][0]
        seeds = list(range(start, start + args.count))
    else:
        log("give --seeds, or --set (with --seed-start/--count)")
        return 2
    if not seeds:
        log("no seeds")
        return 2
    set_name = args.set
    if set_name:
        outside = [s for s in seeds if not in_set(s, set_name)]
        if outside:
            lo, hi = SEED_SETS[set_name]
            log(f"seeds {', '.join(seed_ranges(outside))} are not in the {set_name} set "
                f"({lo}–{hi if hi is not None else '…'}); the sets must stay disjoint")
            return 2
    else:
        set_name = next((n for n in SEED_SETS if all(in_set(s, n) for s in seeds)), "ad-hoc")
    kind_args = [k.strip() for k in args.kinds.split(",") if k.strip()]
    bad = [k for k in kind_args if k not in KIND_ARGS]
    if bad:
        log(f"unknown kinds {bad}; use {', '.join(KIND_ARGS)}")
        return 2
    kinds = sorted({k for a in kind_args for k in KIND_ARGS[a]})
    producers = [p for p in (args.producers or "").split(",") if p] or None
    out_dir = Path(args.out)
    vdir = out_dir / "variants"
    vdir.mkdir(parents=True, exist_ok=True)

    if not args.no_generate:
        generate(vdir, seeds, kind_args, producers, args)
    truths = find_variants(vdir, seeds, kinds, producers)
    if not truths:
        log(f"no variants for these seeds and kinds in {vdir}")
        return 1
    pairs = [(t, t.with_name(t.name.removesuffix(".truth.json") + ".pdf")) for t in truths]
    variants = convert_and_score(pairs, out_dir / "outputs", args)
    # A seed and kind the generator could not make is named, not silently left out.
    made = {(v["seed"], k) for v in variants for k in kind_args if v["kind"] in KIND_ARGS[k]}
    missing = [f"{s} {k}" for s in seeds for k in kind_args if (s, k) not in made]
    if missing:
        log(f"no variant for: {', '.join(missing)}")
    meta = run_meta(args, seeds, set_name, ",".join(kind_args))
    meta["missing"] = missing
    report = build_report(variants, meta, load_thresholds(Path(args.thresholds)))
    return finish(report, out_dir, args)


def sample_truths(out: Path) -> list[tuple[Path, Path]]:
    """Truth files for the bundled samples: Samples/expected/<name>.json without
    articles[].pages, and a made-up `variant` (page methods from the sample's make-up,
    furniture read from the born-digital twin's running heads and the source's back cover)."""
    samples = ROOT / "Samples"
    out.mkdir(parents=True, exist_ok=True)
    pairs = []
    for exp_path in sorted((samples / "expected").glob("*.json")):
        name = exp_path.stem
        pdf = samples / f"{name}.pdf"
        truth = read_json(exp_path)
        for a in truth.get("articles") or []:
            a.pop("pages", None)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        kind, dims = "born", {}
        if name.endswith("-scanned"):
            kind = "scanned"
        elif name.endswith("-broken"):
            kind = "broken"
        elif name == "bri-mixed":
            kind, dims = "mixed", {"scan_mixed_pages": [4, 8]}
        methods = ["text" if kind == "born" or (kind == "mixed" and p not in (4, 8)) else "ocr"
                   for p in range(1, n + 1)]
        base = "bri-2025-21" if "2025" in name else "bri-2024-03"
        twin = pdf if kind == "born" else samples / f"{base}.pdf"
        furniture = []
        for p in range(2, n):
            text = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", str(twin), "-"],
                                  capture_output=True, text=True).stdout
            page_lines = [line for line in text.splitlines() if line.strip()]
            for line in page_lines[:1] + page_lines[-1:]:
                furniture += [x.strip() for x in re.split(r"\s{2,}", line) if x.strip()]
        for line in (samples / "source" / f"{base}.md").read_text(encoding="utf-8").splitlines():
            m = re.match(r"@(running-header|qr-caption|back|back-qr-caption):\s*(.*)", line)
            if m:
                furniture.append(m.group(2).strip())
        truth["variant"] = {"id": name, "seed": None, "text": base, "producer": "samples", "kind": kind,
                            "dimensions": dims, "pageCount": n, "pageMethods": methods,
                            "furniture": sorted(set(furniture))}
        path = out / f"{name}.truth.json"
        write_json(path, truth)
        pairs.append((path, pdf))
    return pairs


def cmd_samples(args) -> int:
    out_dir = Path(args.out)
    pairs = sample_truths(out_dir / "variants")
    variants = convert_and_score(pairs, out_dir / "outputs", args)
    report = build_report(variants, run_meta(args, [], "samples", "born,scanned,broken,mixed"),
                          load_thresholds(Path(args.thresholds)))
    return finish(report, out_dir, args)


def cmd_score(args) -> int:
    truth = read_json(Path(args.truth))
    try:
        output = read_json(Path(args.output))
    except (OSError, ValueError) as e:
        log(f"{args.output}: {e}; scoring as a failed conversion")
        output = {}
    s = score(truth, output)
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=1, sort_keys=True))
        return 0
    print("| field | expected | predicted | strict matched | strict F1 | soft matched | soft F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, f in s["fields"].items():
        st, so = f["strict"], f["soft"]
        print(f"| {name} | {st['expected']} | {st['predicted']} | {st['matched']} | {num(st['f1'])} "
              f"| {so['matched']} | {num(so['f1'])} |")
    print()
    print(f"- masthead entirely right: strict {s['instances']['masthead']['strict']}, soft {s['instances']['masthead']['soft']}")
    for m in MODES:
        a = s["instances"]["articles"][m]
        print(f"- articles entirely right ({m}): {a['right']}/{a['total']}")
    print(f"- section accuracy: strict {num(s['sectionAccuracy']['strict'])}, soft {num(s['sectionAccuracy']['soft'])}")
    print(f"- article CER: {pct(s['articleCER'], 2)} ({s['articleEdits']} edits / {s['articleChars']} characters)")
    fl = s["furnitureLeaked"]
    print(f"- furniture leaked: {fl['count']}" + ("".join(f"\n  - {x['text']} ×{x['count']}" for x in fl["strings"])))
    pm = s["pageMethods"]
    print(f"- page methods right: {pm['right']}/{pm['total']} (exact {pm['exact']})"
          + "".join(f"\n  - page {w['page']}: expected {w['expected']}, got {w['output']}" for w in pm["wrong"]))
    print(f"- pipeline: {s['pipeline']['name']} ({'chosen' if s['pipeline']['chosen'] else 'NOT bri-biweekly'})")
    misses = [(n, m, f[m]["misses"]) for n, f in s["fields"].items() for m in MODES if f[m].get("misses")]
    if misses:
        print("\nFirst mismatches (truth → output):")
        for n, m, ms in misses:
            for x in ms:
                print(f"- {n} ({m}): {json.dumps(x['truth'], ensure_ascii=False)} → {json.dumps(x['output'], ensure_ascii=False)}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("score", help="score one output against one truth file")
    p.add_argument("truth")
    p.add_argument("output")
    p.add_argument("--json", action="store_true", help="print the whole score as JSON")

    def common(p):
        p.add_argument("--out", required=True, help="output folder (variants/, outputs/, report.json, report.md)")
        p.add_argument("--bin", default=str(DEFAULT_BIN.relative_to(ROOT)) if Path.cwd() == ROOT else str(DEFAULT_BIN),
                       help="the issuepipe binary (default .build/release/issuepipe)")
        p.add_argument("--jobs", type=int, default=2, help="conversions (and generator jobs) at a time (2)")
        p.add_argument("--convert-jobs", type=int, default=1, help="--jobs of each conversion (1)")
        p.add_argument("--pipelines", default=str(ROOT / "Pipelines"),
                       help="pipeline definitions passed to the converter (default: the repo's Pipelines/)")
        p.add_argument("--timeout", type=float, default=900, help="seconds per conversion (900)")
        p.add_argument("--reconvert", action="store_true", help="convert again even if the PDF and binary are unchanged")
        p.add_argument("--thresholds", default=str(DEFAULT_THRESHOLDS),
                       help="thresholds shown in the report (default: the issue's, eval_thresholds.json)")
        p.add_argument("--check-thresholds", metavar="FILE", help="exit 1 if a threshold in FILE is missed")

    p = sub.add_parser("run", help="generate, convert, score and report")
    p.add_argument("--seeds", help="1000-1019 or 1000,1002,1005-1007")
    p.add_argument("--set", choices=sorted(SEED_SETS), help="tuning (1000-1999) or fresh (>= 9000)")
    p.add_argument("--seed-start", type=int, help="with --set and no --seeds: first seed (set default)")
    p.add_argument("--count", type=int, default=20, help="with --set and no --seeds: how many seeds (20)")
    p.add_argument("--kinds", default="born,scanned,broken-or-mixed", help="born,scanned,broken-or-mixed")
    p.add_argument("--producers", help="passed to the generator; also filters the variants scored")
    p.add_argument("--no-generate", action="store_true", help="score only the variants already in OUT/variants")
    p.add_argument("--regenerate", action="store_true", help="let the generator rewrite existing variants")
    common(p)

    p = sub.add_parser("samples", help="score the bundled Samples/*.pdf (truth from Samples/expected)")
    common(p)

    args = ap.parse_args(argv)
    if args.command == "score":
        return cmd_score(args)
    if args.command == "samples":
        return cmd_samples(args)
    return cmd_run(args)


if __name__ == "__main__":
    sys.exit(main())
