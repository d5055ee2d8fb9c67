#!/usr/bin/env python3
"""Measure the floors of the committed regression variants (Samples/variants/thresholds.json).

    python3 Benchmarks/variant_floors.py [--bin .build/release/issuepipe]

Converts each Samples/variants/*.pdf, scores it against its truth with eval_score, and writes
the floor of every score VariantRegressionTests checks: for born-digital variants the strict
F1 of every field as measured (exact where the output is exact), for scanned, broken and mixed
ones the soft F1 less 0.05; the article CER ceiling is the measured CER x 1.5 + 0.3 points.
The floors come from the tool's scores against the generator's truth (which comes from the
issue text), never from the tool's own output.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "Benchmarks"))
import eval_score  # noqa: E402

FIELDS = ["title", "subtitle", "publisher", "publisherEn", "hosts", "year", "number", "cumulativeNumber",
          "printDate", "staff", "phone", "fax", "contents", "articles", "sections", "paragraphs", "headings",
          "sources"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(ROOT / ".build/release/issuepipe"))
    args = ap.parse_args()
    folder = ROOT / "Samples/variants"
    floors = {}
    with tempfile.TemporaryDirectory() as tmp:
        for truth_path in sorted(folder.glob("*.truth.json")):
            name = truth_path.name[: -len(".truth.json")]
            out = Path(tmp) / f"{name}.json"
            subprocess.run([args.bin, "convert", str(folder / f"{name}.pdf"), "-o", str(out),
                            "--pipelines", str(ROOT / "Pipelines")], check=True)
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            score = eval_score.score(truth, json.loads(out.read_text(encoding="utf-8")))
            born = truth["variant"]["kind"] == "born"
            mode = "strict" if born else "soft"
            wanted, missed = {}, []
            for field in FIELDS:
                measure = score["fields"].get(field, {}).get(mode)
                if measure and measure.get("expected", 0) > 0:
                    f1 = measure["f1"]
                    floor = round(f1, 3) if born else round(f1 - 0.05, 2)
                    # A floor at zero cannot fail: such a field is listed as a known miss instead.
                    if floor > 0:
                        wanted[field] = floor
                    else:
                        missed.append(field)
            floors[name] = {mode: wanted, "knownMisses": missed,
                            "maxCER": 0.001 if born else round(score["articleCER"] * 1.5 + 0.003, 4),
                            "maxFurniture": score["furnitureLeaked"]["count"]}
            print(f"{name}: {mode} {wanted} CER {score['articleCER']:.4f}", file=sys.stderr)
    (folder / "thresholds.json").write_text(json.dumps(floors, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
