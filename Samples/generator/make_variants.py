#!/usr/bin/env python3
"""Make the OCR / robustness variants of the born-digital samples.

    python3 Samples/generator/make_variants.py            # after make_samples.py
    python3 Samples/generator/make_variants.py --check    # fail if an output would change

For bri-2024-03 and bri-2025-21:
  <name>-scanned.pdf  every page rasterised at 200 dpi gray (pdftoppm), rotated by a small
                      per-page angle (0.3°–1.2°, both directions), softened, toned like paper,
                      lightly speckled and mottled (mild noise), saved as JPEG (quality 75) and put on an A4 page
                      (image only, 200 dpi, no text layer)
  <name>-broken.pdf   the born-digital PDF with every font's /ToUnicode removed: the text layer
                      is there but extracts as garbage
and bri-mixed.pdf: bri-2024-03 with pages 4 and 8 from the scanned variant, the others born-digital.
Each variant's expected JSON is a copy of the born-digital one (same content).
Deterministic: seeded per file and page; fixed PDF dates and IDs.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
from PIL import Image, ImageChops, ImageDraw, ImageFilter
from reportlab.lib.pagesizes import A4

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_samples as ms  # noqa: E402

DPI = 200
JPEG_QUALITY = 75
ISSUES = ["bri-2024-03", "bri-2025-21"]
MIXED_FROM = "bri-2024-03"
MIXED_SCANNED = (4, 8)       # 1-based pages of bri-mixed.pdf taken from the scanned variant


def seed_for(*parts) -> int:
    return int.from_bytes(hashlib.sha256("/".join(map(str, parts)).encode()).digest()[:8], "big")


def page_angle(name: str, page: int) -> float:
    """0.3°–1.2°, sign alternating with the page (plus a seeded flip), never 0."""
    rng = random.Random(seed_for(name, page, "angle"))
    magnitude = round(rng.uniform(0.3, 1.2), 2)
    sign = 1 if (page + rng.randrange(2)) % 2 else -1
    return sign * magnitude


def scan_page(img: Image.Image, name: str, page: int) -> Image.Image:
    """A clean 200 dpi gray rendering -> something that looks like a scan of a printed page."""
    rng = random.Random(seed_for(name, page, "noise"))
    w, h = img.size
    img = img.rotate(page_angle(name, page), resample=Image.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))             # scanner optics (mild)
    img = img.point(lambda v: int(v * 0.75 + 45))                # grey paper ~236, ink ~45
    # low-frequency mottling of the paper, ±3 grey levels
    sw, sh = w // 64 + 1, h // 64 + 1
    mottle = Image.frombytes("L", (sw, sh), rng.randbytes(sw * sh))
    mottle = mottle.resize((w, h), Image.BICUBIC).point(lambda v: v * 6 // 255)
    img = ImageChops.add(img, mottle, 1.0, -3)
    # dust: a few hundred small dark specks, and a faint shadow along one edge
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y, s = rng.randrange(w), rng.randrange(h), rng.choice((1, 1, 1, 2))
        draw.ellipse((x, y, x + s, y + s), fill=rng.randrange(150, 200))
    edge = rng.choice(("left", "right"))
    for i in range(18):
        x = i if edge == "left" else w - 1 - i
        draw.line((x, 0, x, h), fill=150 + i * 5)
    return img


def rasterise(pdf: Path, tmp: Path) -> list[Path]:
    prefix = tmp / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(prefix)], check=True)
    return sorted(tmp.glob(f"{pdf.stem}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def images_to_pdf(jpegs: list[tuple[bytes, int, int]], title: str, author: str, date: str) -> bytes:
    """Image-only PDF: each gray JPEG (stored as is, /DCTDecode) fills an A4 page. No fonts."""
    W, H = A4
    pdf = pikepdf.new()
    for data, w, h in jpegs:
        image = pikepdf.Stream(pdf, data)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = w, h, 8
        image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.DCTDecode
        content = pikepdf.Stream(pdf, f"q {W:.2f} 0 0 {H:.2f} 0 0 cm /Im0 Do Q".encode())
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, round(W, 2), round(H, 2)],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            Contents=content)
        pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String(title), Author=pikepdf.String(author),
        Creator=pikepdf.String("IssuePipe Samples/generator/make_variants.py (simulated scan)"),
        CreationDate=pikepdf.String(f"D:{date}"), ModDate=pikepdf.String(f"D:{date}")))
    return save_deterministic(pdf)


def make_scanned(name: str, tmp: Path) -> tuple[bytes, list[bytes]]:
    issue = ms.parse_source(ms.SOURCE_DIR / f"{name}.md")
    jpegs = []
    for i, pgm in enumerate(rasterise(ms.SAMPLES / f"{name}.pdf", tmp), start=1):
        img = scan_page(Image.open(pgm), name, i)
        out = io.BytesIO()
        img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, dpi=(DPI, DPI))
        jpegs.append((out.getvalue(), img.width, img.height))
    date = issue.print_date_iso().replace("-", "") + "100000+08'00'"
    pdf = images_to_pdf(jpegs, f"{issue.meta['title']} {ms.issue_line(issue)}（扫描件）",
                        issue.meta["publisher"], date)
    return pdf, jpegs


def save_deterministic(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def make_broken(name: str) -> bytes:
    with pikepdf.open(ms.SAMPLES / f"{name}.pdf") as pdf:
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", {})
            for key in list(fonts.keys()):
                font = fonts[key]
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        return save_deterministic(pdf)


def make_mixed(scanned: bytes) -> bytes:
    """bri-2024-03 with pages MIXED_SCANNED from the scanned variant, the others born-digital.

    Articles then cross between scanned and born-digital pages: GDP 超 5000 亿 3–4 (text, scan),
    上海自贸区 4–6 (scan, text, text), 深圳“20+8” 7–8 (text, scan), 浙江条例 8–9 (scan, text).
    """
    digital = pikepdf.open(ms.SAMPLES / f"{MIXED_FROM}.pdf")
    scan = pikepdf.open(io.BytesIO(scanned))
    n = len(digital.pages)
    out = pikepdf.new()
    for i in range(n):
        src = scan if i + 1 in MIXED_SCANNED else digital
        out.pages.append(src.pages[i])
    out.docinfo = out.copy_foreign(digital.docinfo)
    data = save_deterministic(out)
    for p in (digital, scan, out):
        p.close()
    return data


def generate() -> dict[Path, bytes]:
    outputs: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for name in ISSUES:
            expected = (ms.EXPECTED_DIR / f"{name}.json").read_bytes()
            scanned, _ = make_scanned(name, tmp)
            outputs[ms.SAMPLES / f"{name}-scanned.pdf"] = scanned
            outputs[ms.EXPECTED_DIR / f"{name}-scanned.json"] = expected
            outputs[ms.SAMPLES / f"{name}-broken.pdf"] = make_broken(name)
            outputs[ms.EXPECTED_DIR / f"{name}-broken.json"] = expected
            if name == MIXED_FROM:
                outputs[ms.SAMPLES / "bri-mixed.pdf"] = make_mixed(scanned)
                outputs[ms.EXPECTED_DIR / "bri-mixed.json"] = expected
    for p, data in outputs.items():
        if p.suffix == ".pdf":
            print(f"{p.name}: {len(data) // 1024} KB", file=sys.stderr)
    return outputs


def main() -> int:
    return ms.write_outputs(generate(), __doc__)


if __name__ == "__main__":
    sys.exit(main())
