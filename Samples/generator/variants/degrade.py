"""Degrade a born-digital issue PDF into a scanned, broken or mixed variant (ScanSpec, layout.py).

    data, methods = degrade(pdf_bytes, spec, seed)       # also: page_skews(spec, seed, n)

`data` is the degraded PDF, `methods` each page's expected method: "ocr" for a scanned page or a
page whose text layer is broken, "text" for a page whose text layer is fine and for a page with no
text and no ink at all (a blank page stays "text" in every kind, scanned too).

kind "scanned"  every page is rendered with pdftoppm at spec.dpi (gray, or RGB for mode color) and
                made to look like an archive scan (`scan_page`): ink spread (augraphy InkBleed),
                the page's verso faintly showing through (augraphy BleedThrough's ink image of the
                other side of the sheet, 1|2, 3|4 …, mirrored), paper tone (grey; slightly yellow in
                colour) and texture (NoiseTexturize), the sheet placed on the scanner with a skew
                drawn from ±spec.skew_max per page (never below 0.05° in size) and page
                spec.upside_down_page turned by 180°, a dark scanner bed showing along one or two
                edges with the lid's shadow (dark_borders; otherwise the skewed corners show the
                white lid), uneven lighting (augraphy LightingGradient's mask, multiplied in),
                dust, optics blur, sensor noise (per channel: colour noise in colour); then a JPEG
                at spec.jpeg_quality (gray or RGB, /DCTDecode) or, for mode bitonal, one global
                threshold after all that, stored as CCITT G4. Each image is the only content of a
                page of the original page's size (CropBox, /Rotate applied), at the image's real
                resolution (pdfimages -list: 200 ppi for a 200 dpi scan); no fonts, no text layer.
kind "broken"   the born-digital PDF with its text layer broken (`break_text_layer`, spec.broken_map
                stripped | wrong); "ocr" for every page whose extracted text the break changed,
                "text" for pages without text.
kind "mixed"    the pages spec.mixed_pages scanned as above, the others left exactly as they were
                (born-digital, "text"). spec.broken_map, which sample_scan also draws for mixed
                variants, is deliberately ignored: the unscanned pages of a mixed variant stay
                born-digital, never broken (keeps it simple and the kinds separable).

Strengths (spec.noise, spec.blur, 0..1; pixel sizes scale with spec.dpi): 0 is a clean office scan,
1 a hard but readable archive scan. noise: paper grain (NoiseTexturize sigma 1..1+3), dust (10..130
specks a page), sensor noise (±2..±8 levels), ink level (black 18..40+20); blur: optics (Gaussian
sigma 0.35..1.1 px at 200 dpi) and ink spread (InkBleed from 0.15). The scale was toned down after
measuring (a first scale with 2x the grain and dust gave up to 6% CER at 200 dpi gray). Measured with
degrade_check.py cer (tesseract 5.3 chi_sim --psm 3, no deskew, CER after NFKC without whitespace
against pdftotext of the original; pages 3, 5, 7 of bri-2024-03; skew 0.05°, no extras):

    mean CER        noise=blur 0    0.5     1.0
    gray    150          1.8%       1.2%    2.8%
            200          1.3%       0.9%    1.8%
            300          2.4%       0.8%    1.2%
    color   150          0.7%       1.4%    2.8%
            200          1.0%       1.3%    1.5%
            300          2.0%       0.9%    1.0%
    bitonal 150          8.3%       6.4%    9.1%
            200          4.9%       3.7%    5.1%
            300          3.5%       3.0%    3.2%

Bitonal at 150 dpi is past 5% at every strength: thresholding 10.5–12 pt CJK at 150 dpi is what
makes it hard (ocr-notes: binarising costs tesseract most), not the strength. With skew up to 1°,
bleed-through, uneven light and dark borders (200 dpi, no deskew): gray 0.9–3.8%, colour 1.3–4.8%,
bitonal 2.8–6.8%.

Deterministic: every random draw comes from the seed (per page: Python's `random`, numpy's legacy
global RNG and OpenCV's RNG, which augraphy uses, are re-seeded before each page and the caller's
`random` / numpy states restored after it; our own draws use a numpy Generator); PDFs are written
with pikepdf's deterministic IDs. The same PDF, spec and seed give the same bytes (checked across
processes: degrade_check.py same). No file is written: pdftoppm and pdftotext read the PDF on stdin
and write to a pipe. About 0.5 CPU s a page at 200 dpi gray, 0.9 colour (degrade_check.py timing).

Needs: poppler-utils (pdftoppm, pdftotext), numpy, opencv-python, pillow (with libtiff), pikepdf,
augraphy (pinned in ../requirements.txt).
"""

from __future__ import annotations

import contextlib
import io
import math
import random
import subprocess
from dataclasses import dataclass

import cv2
import numpy as np
import pikepdf
from PIL import Image

try:                                    # imported as part of a package or with variants/ on sys.path
    from .layout import ScanSpec, rng_for
except ImportError:                     # pragma: no cover
    from layout import ScanSpec, rng_for

try:                                    # augraphy is slow to import (numba): only when scanning
    from augraphy.augmentations.bleedthrough import BleedThrough as _BleedThrough
    from augraphy.augmentations.inkbleed import InkBleed
    from augraphy.augmentations.lightinggradient import LightingGradient
    from augraphy.augmentations.noisetexturize import NoiseTexturize
except ImportError as e:                # pragma: no cover
    raise ImportError("degrade.py needs augraphy (pip install -r Samples/generator/requirements.txt)") from e

CREATOR = "IssuePipe Samples/generator/variants/degrade.py"
MIN_SKEW = 0.05                         # degrees: a drawn skew is never smaller (never exactly 0)


# ---------------------------------------------------------------------------------------- entry

def degrade(pdf: bytes, spec: ScanSpec, seed: int) -> tuple[bytes, list[str]]:
    """The degraded PDF of kind spec.kind and each page's expected method ("text" | "ocr")."""
    texts = page_texts(pdf)
    n = len(texts)
    has_text = [bool(t.strip()) for t in texts]
    if spec.kind == "broken":
        broken = break_text_layer(pdf, spec.broken_map or "stripped")
        # "ocr" where the break changed what poppler extracts (every page with CJK text); a page
        # without text, or whose text survives (only ASCII in a reportlab font), stays "text"
        after = page_texts(broken)
        return broken, ["ocr" if _squash(a) != _squash(b) else "text" for a, b in zip(texts, after)]
    if spec.kind == "scanned":
        scanned = set(range(1, n + 1))
    elif spec.kind == "mixed":
        scanned = {p for p in spec.mixed_pages if 1 <= p <= n}
    else:
        raise ValueError(f"degrade: kind {spec.kind!r} is not scanned, broken or mixed")
    images, inked = scan_document(pdf, spec, seed, scanned)
    methods = []
    for p in range(1, n + 1):
        if p in scanned:
            methods.append("ocr" if has_text[p - 1] or inked[p] else "text")
        else:
            methods.append("text")
    return assemble(pdf, images, spec), methods


def page_skews(spec: ScanSpec, seed: int, page_count: int) -> list[float]:
    """Each page's skew in degrees (counter-clockwise positive) as `degrade` draws it, 0.0 for pages
    that are not scanned; the upside-down page is turned by 180° on top of its skew."""
    scanned = (range(1, page_count + 1) if spec.kind == "scanned"
               else spec.mixed_pages if spec.kind == "mixed" else ())
    return [_skew(spec, seed, p) if p in scanned else 0.0 for p in range(1, page_count + 1)]


def _skew(spec: ScanSpec, seed: int, page: int) -> float:
    m = max(spec.skew_max, MIN_SKEW)
    a = rng_for(seed, "degrade", "skew", page).uniform(-m, m)
    if abs(a) < MIN_SKEW:
        a = math.copysign(MIN_SKEW, a if a else 1.0)
    return round(a, 3)


# ----------------------------------------------------------------------------------- text layer

def page_texts(pdf: bytes) -> list[str]:
    """pdftotext of every page (the PDF on stdin, the text on stdout)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8", "replace")
    pages = out.split("\f")
    n = _page_count(pdf)
    return (pages + [""] * n)[:n]


def _squash(text: str) -> str:
    return "".join(text.split())


def _page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def _fonts(doc: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every font reachable from the pages: page resources, form XObjects, Type 3 glyph resources,
    annotation appearances. Each font dictionary once."""
    fonts: dict = {}
    seen: set = set()

    def walk(res):
        if not isinstance(res, pikepdf.Dictionary):
            return
        key = res.objgen if res.is_indirect else id(res)
        if key in seen:
            return
        seen.add(key)
        for f in res.get("/Font", pikepdf.Dictionary()).values():
            if isinstance(f, pikepdf.Dictionary):
                fonts[f.objgen if f.is_indirect else id(f)] = f
                if f.get("/Subtype") == "/Type3":
                    walk(f.get("/Resources"))
        for x in res.get("/XObject", pikepdf.Dictionary()).values():
            if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == "/Form":
                walk(x.get("/Resources"))

    for page in doc.pages:
        walk(_inherited(page.obj, "/Resources"))
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            ap = annot.get("/AP") if isinstance(annot, pikepdf.Dictionary) else None
            if isinstance(ap, pikepdf.Dictionary):
                for x in ap.values():
                    if isinstance(x, pikepdf.Stream):
                        walk(x.get("/Resources"))
    return list(fonts.values())


def identity_to_unicode(two_byte: bool) -> bytes:
    """A /ToUnicode CMap that maps every code to the Unicode value of the same number, as broken
    producers write it (glyph ids taken for Unicode). Surrogate code points (D800–DFFF), which are
    not characters, are left out."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>" if two_byte else "<00> <FF>",
             "endcodespacerange"]
    if two_byte:
        ranges = [f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in range(256) if not 0xD8 <= h <= 0xDF]
    else:
        ranges = ["<00> <FF> <0000>"]
    for i in range(0, len(ranges), 100):
        chunk = ranges[i:i + 100]
        lines += [f"{len(chunk)} beginbfrange", *chunk, "endbfrange"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end", ""]
    return "\n".join(lines).encode("ascii")


def break_text_layer(pdf: bytes, how: str) -> bytes:
    """The PDF with its text layer broken for poppler, the glyphs unchanged.

    how "stripped": every font's /ToUnicode removed; "wrong": every font's /ToUnicode replaced by
    `identity_to_unicode` (1-byte codes for simple fonts, 2-byte for Type 0).
    In both modes, marked-content /ActualText (Chromium wraps some glyphs, e.g. Noto CJK drawn as
    Type 3, in /Span <</ActualText (…)>> BDC, and poppler prefers it to any font mapping) is
    removed as well: a producer whose fonts map wrongly writes no correct ActualText either.

    What poppler (22.12) extracts then, checked with degrade_check.py broken on each producer:
    - reportlab: simple TrueType subsets (WinAnsi, ≤ 256 glyphs; ASCII keeps its code).
      stripped: codes read through WinAnsi, Latin-1/CP1252 soup (ÚÛÜÝÞß à), codes < 32 vanish;
      wrong: the same soup with codes < 32 as control characters (~1000 a document). Digits and
      Latin text stay right in both; no Han character survives.
    - Chromium (Skia): TrueType faces as CID TrueType (Identity-H, CID = glyph id of the whole
      font), CFF faces (Noto CJK) and some others as Type 3 with glyph names /g<hex glyph id>.
      CID fonts: stripped and wrong give the same, glyph ids read as Unicode (poppler's identity
      fallback for Adobe-Identity): Han, kana, Hangul and symbols, none of them right — a layer
      that looks like CJK text. Type 3: codes as Latin-1. Chromium also wraps glyphs in
      /Span <</ActualText …>> BDC (seen on Noto CJK Type 3 glyphs); poppler prefers the
      ActualText, so with the fonts alone broken real characters survived (工, 生产力, 示 …);
      removing the ActualText was what it took.
    - LibreOffice 7.4: TrueType faces as simple TrueType subsets (WinAnsi, codes 1…n), CFF faces
      (Noto CJK) as Type 1 with a builtin encoding. stripped: Latin-1 soup, ASCII punctuation and
      letters (!"#$%&'), control characters for the Type 1 fonts (poppler passes unknown glyph
      names through as the code); wrong: the same with more control characters.
    No fallback to a font's own cmap or to Unicode glyph names was seen (none of the three
    producers writes uniXXXX names or keeps a usable cmap that poppler consults).
    """
    if how not in ("stripped", "wrong"):
        raise ValueError(f"break_text_layer: {how!r} is not stripped or wrong")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        one = two = None
        for font in _fonts(doc):
            if how == "stripped":
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
            else:
                if font.get("/Subtype") == "/Type0":
                    two = two or doc.make_stream(identity_to_unicode(True))
                    font.ToUnicode = two
                else:
                    one = one or doc.make_stream(identity_to_unicode(False))
                    font.ToUnicode = one
        _drop_actual_text(doc)
        return save(doc)


def _drop_actual_text(doc: pikepdf.Pdf) -> None:
    """Remove /ActualText (and /Alt, /E) from marked-content property lists in page and form
    content streams and in /Properties resources; content streams are rewritten only if they had
    any."""
    keys = ("/ActualText", "/Alt", "/E")
    done: set = set()

    def clean_props(d) -> bool:
        hit = False
        if isinstance(d, pikepdf.Dictionary):
            for k in keys:
                if k in d:
                    del d[k]
                    hit = True
        return hit

    def clean_stream(owner, res) -> None:
        if isinstance(res, pikepdf.Dictionary):
            for p in res.get("/Properties", pikepdf.Dictionary()).values():
                clean_props(p)
        try:
            ops = pikepdf.parse_content_stream(owner)
        except pikepdf.PdfError:
            return
        changed = False
        for operands, op in ops:
            if str(op) == "BDC" and len(operands) == 2 and clean_props(operands[1]):
                changed = True
        if changed:
            data = pikepdf.unparse_content_stream(ops)
            if isinstance(owner, pikepdf.Page):
                owner.obj.Contents = doc.make_stream(data)
            else:
                owner.write(data)

    def forms(res):
        if not isinstance(res, pikepdf.Dictionary):
            return
        for x in res.get("/XObject", pikepdf.Dictionary()).values():
            if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == "/Form" and x.objgen not in done:
                done.add(x.objgen)
                clean_stream(x, x.get("/Resources"))
                forms(x.get("/Resources"))

    for page in doc.pages:
        res = _inherited(page.obj, "/Resources")
        clean_stream(page, res)
        forms(res)


def _inherited(page: pikepdf.Dictionary, key: str):
    node = page
    for _ in range(64):
        if key in node:
            return node[key]
        node = node.get("/Parent")
        if node is None:
            return None
    return None


def save(doc: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    doc.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


# ------------------------------------------------------------------------------------- scanning

@dataclass
class ScanImage:
    data: bytes                 # the encoded image stream
    width: int
    height: int
    colorspace: str             # /DeviceGray | /DeviceRGB
    bpc: int
    filter: str                 # /DCTDecode | /CCITTFaxDecode
    decode_parms: dict | None


def render(pdf: bytes, dpi: int, color: bool, first: int, last: int):
    """Yield (page number, uint8 array HxW or HxWx3 RGB) for pages first..last, rendered by one
    pdftoppm process that reads the PDF on stdin and writes PNM to a pipe."""
    args = ["pdftoppm", "-r", str(dpi), "-f", str(first), "-l", str(last)]
    if not color:
        args.append("-gray")
    proc = subprocess.Popen(args + ["-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    # feed stdin from the writer side without blocking the reader: pdftoppm reads all of
    # stdin before rendering, so writing it all first is safe
    proc.stdin.write(pdf)
    proc.stdin.close()
    try:
        for page in range(first, last + 1):
            magic = _read_token(proc.stdout)
            if not magic:
                break
            w, h, maxval = int(_read_token(proc.stdout)), int(_read_token(proc.stdout)), int(_read_token(proc.stdout))
            channels = 3 if magic == b"P6" else 1
            if maxval != 255:
                raise RuntimeError(f"pdftoppm: unexpected maxval {maxval}")
            raw = proc.stdout.read(w * h * channels)
            shape = (h, w, 3) if channels == 3 else (h, w)
            yield page, np.frombuffer(raw, np.uint8).reshape(shape)
    finally:
        proc.stdout.close()
        if proc.wait() != 0:
            raise RuntimeError(f"pdftoppm failed ({proc.returncode})")


def _read_token(f) -> bytes:
    """A PNM header token (the single whitespace byte after the last one is consumed too)."""
    tok = b""
    while True:
        c = f.read(1)
        if not c:
            return tok
        if c.isspace():
            if tok:
                return tok
            continue
        tok += c


def scan_document(pdf: bytes, spec: ScanSpec, seed: int, pages: set[int]):
    """{page: ScanImage} for the given pages and {page: whether the clean rendering has any ink}."""
    if not pages:
        return {}, {}
    color = spec.mode == "color"
    lo, hi = min(pages), max(pages)
    # a page's verso (for bleed-through) is the other side of the same sheet: 1|2, 3|4, ...
    need = set(pages)
    if spec.bleed_through:
        need |= {_verso(p) for p in pages}
    n = _page_count(pdf)
    need = {p for p in need if 1 <= p <= n}
    lo, hi = min(need), max(need)
    window: dict[int, np.ndarray] = {}
    images: dict[int, ScanImage] = {}
    inked: dict[int, bool] = {}
    pending = sorted(pages)

    def flush(upto: int):
        # scan every pending page whose verso has been rendered (or is not needed)
        while pending and (pending[0] <= upto):
            p = pending[0]
            v = _verso(p) if spec.bleed_through else None
            if v is not None and (v < 1 or v > n):
                v = None
            if v is not None and v not in window and v > upto:
                return
            pending.pop(0)
            clean = window[p]
            inked[p] = bool((_gray(clean) < 250).any())
            verso = window.get(v) if v is not None else None
            with _rng_state_kept():
                img = scan_page(clean, verso, spec, seed, p)
            images[p] = encode(img, spec, seed, p)
            for q in list(window):
                if q < p - 1:
                    del window[q]

    for p, arr in render(pdf, spec.dpi, color, lo, hi):
        if p in need:
            window[p] = arr
        flush(p)
    flush(hi + 1)
    if pending:
        raise RuntimeError(f"degrade: pages {pending} were not rendered")
    return images, inked


def _verso(p: int) -> int:
    return p + 1 if p % 2 else p - 1


def _gray(a: np.ndarray) -> np.ndarray:
    return a if a.ndim == 2 else cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)


def _bleed_through(img: np.ndarray, verso: np.ndarray, g: np.random.Generator, s: float) -> np.ndarray:
    """The verso showing through the paper, faintly: augraphy BleedThrough's ink image (the
    mirrored verso with noise in its paper and a wide blur; made at half size, it is blurred anyway),
    multiplied into the page. augraphy's own blend is not used: its normal blend takes 1.7 s a page
    at 200 dpi and greys the recto's ink as well."""
    h, w = img.shape[:2]
    v = cv2.flip(verso, 1)                       # seen through the paper: mirrored left-right
    v = cv2.resize(v, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    dx, dy = int(g.integers(0, 5) * s), int(g.integers(0, 5) * s)
    ks = _odd(5 * s)
    bt = _BleedThrough(intensity_range=(0.05, 0.15), color_range=(0, 40), ksize=(ks, ks), sigmaX=1.0 * s,
                       alpha=0.0, offsets=(dx, dy), p=1)
    bleed = bt.generate_offset(bt.generate_bleeding_ink(v, bt.intensity_range, bt.color_range, bt.ksize,
                                                        bt.sigmaX), bt.offsets)
    bleed = cv2.resize(np.asarray(bleed, np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    alpha = float(g.uniform(0.05, 0.12))
    f = 1.0 - alpha * (1.0 - bleed / 255.0)
    if img.ndim == 3 and f.ndim == 2:
        f = f[..., None]
    return np.clip(img.astype(np.float32) * f, 0, 255).astype(np.uint8)


@contextlib.contextmanager
def _rng_state_kept():
    """augraphy draws from the global `random` and numpy RNGs, which `_seed_all` re-seeds: give
    the caller's global RNG states back afterwards (OpenCV's RNG state cannot be read back)."""
    py, npy = random.getstate(), np.random.get_state()
    try:
        yield
    finally:
        random.setstate(py)
        np.random.set_state(npy)


def _seed_all(seed: int, page: int, stage: str) -> np.random.Generator:
    s = rng_for(seed, "degrade", "page", page, stage).getrandbits(63)
    random.seed(s)
    np.random.seed(s % (2 ** 32))
    cv2.setRNGSeed(s % (2 ** 31))
    return np.random.default_rng(s)


def scan_page(clean: np.ndarray, verso: np.ndarray | None, spec: ScanSpec, seed: int,
              page: int) -> np.ndarray:
    """One clean rendering (gray HxW or RGB HxWx3) -> the scanner's image (gray or RGB uint8; the
    bitonal threshold is applied by `encode`)."""
    g = _seed_all(seed, page, "scan")
    s = spec.dpi / 200.0                   # pixel sizes below are for 200 dpi
    noise, blur = float(spec.noise), float(spec.blur)
    color = clean.ndim == 3
    # augraphy works on BGR images; gray stays single-channel
    img = cv2.cvtColor(clean, cv2.COLOR_RGB2BGR) if color else clean.copy()
    h, w = img.shape[:2]

    # --- the printed sheet: ink spread, the verso showing through, paper tone and texture
    if blur > 0.15:
        k = 3 if s < 1.25 else 5
        img = InkBleed(intensity_range=(0.15 + 0.35 * blur, 0.25 + 0.45 * blur), kernel_size=(k, k),
                       severity=(0.2, 0.35), p=1)(img)
    if verso is not None and spec.bleed_through:
        v = cv2.cvtColor(verso, cv2.COLOR_RGB2BGR) if verso.ndim == 3 else verso
        if color and v.ndim == 2:
            v = cv2.cvtColor(v, cv2.COLOR_GRAY2BGR)
        if not color and v.ndim == 3:
            v = cv2.cvtColor(v, cv2.COLOR_BGR2GRAY)
        if v.shape[:2] != (h, w):
            v = cv2.resize(v, (w, h), interpolation=cv2.INTER_AREA)
        img = _bleed_through(img, v, g, s)
    ink = float(g.uniform(18, 40 + 20 * noise))
    if color:
        r = g.uniform(242, 252)                          # slightly yellow paper (BGR): R ≈ G > B
        paper = np.array([r - g.uniform(12, 26), r - g.uniform(0, 5), r])
    else:
        paper = np.array([g.uniform(232, 247)])
    img = _tone(img, paper, ink)
    # paper texture: augraphy's NoiseTexturize made on a flat grey sheet (one channel, the same
    # grain in every colour channel) and added to the page
    grain = NoiseTexturize(sigma_range=(1, 1 + int(round(3 * noise))), turbulence_range=(3, 5),
                           texture_width_range=(max(40, w // 16), max(50, w // 6)),
                           texture_height_range=(max(40, h // 16), max(50, h // 6)),
                           p=1)(np.full((h, w), 128, np.uint8)).astype(np.int16) - 128
    img = _add(img, grain)

    # --- on the scanner: upside down, skew, the bed around the sheet
    if spec.upside_down_page == page:
        img = cv2.rotate(img, cv2.ROTATE_180)
    angle = _skew(spec, seed, page)
    img, bed = _place(img, angle, spec.dark_borders, g, s)

    # --- the scanner: lighting, optics, sensor
    if spec.uneven_light:
        img = _lighting(img, g)
    img = _dust(img, g, s, noise)
    sigma = s * (0.35 + 0.75 * blur)
    img = cv2.GaussianBlur(img, (0, 0), sigma)
    # sensor noise as augraphy's SubtleNoise draws it (uniform in ±range, each channel its own:
    # colour noise in colour scans), drawn as int16 (SubtleNoise's int64 costs 0.5 s a colour page)
    r = 2 + int(round(6 * noise))
    img = _add(img, g.integers(-r, r, size=img.shape, dtype=np.int16))
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB) if color else img


def _add(img: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """uint8 image + int16 offsets (HxW offsets are added to every channel), clipped."""
    if img.ndim == 3 and delta.ndim == 2:
        delta = delta[..., None]
    return np.clip(img.astype(np.int16) + delta, 0, 255).astype(np.uint8)


def _odd(x: float) -> int:
    k = max(3, int(round(x)))
    return k if k % 2 else k + 1


def _tone(img: np.ndarray, paper: np.ndarray, ink: float) -> np.ndarray:
    """White -> paper colour, black -> ink, linearly per channel."""
    f = img.astype(np.float32) / 255.0
    if img.ndim == 3:
        out = ink + f * (paper.reshape(1, 1, 3).astype(np.float32) - ink)
    else:
        out = ink + f * (float(paper[0]) - ink)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def _place(img: np.ndarray, angle: float, dark: bool, g: np.random.Generator, s: float):
    """Rotate the sheet by `angle` degrees about its centre on the scanner bed; with dark borders
    the sheet is also shifted so the (dark) bed shows along one or two edges. Returns the scanner
    image (same size) and the bed mask (255 where the bed shows)."""
    h, w = img.shape[:2]
    dx = dy = 0.0
    if dark:
        sides = g.choice(["left", "right", "top", "bottom", "top-left", "top-right", "bottom-left",
                          "bottom-right"])
        mag = lambda: float(g.uniform(8, 28)) * s          # noqa: E731  (1–3.5 mm at 200 dpi)
        if "left" in sides:
            dx = mag()
        if "right" in sides:
            dx = -mag()
        if "top" in sides:
            dy = mag()
        if "bottom" in sides:
            dy = -mag()
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    m[0, 2] += dx
    m[1, 2] += dy
    if dark:
        bed_level = float(g.uniform(28, 70))
    else:
        bed_level = float(g.uniform(248, 255))              # a white lid, a little brighter than paper
    border = (bed_level,) * 3 if img.ndim == 3 else bed_level
    out = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=border)
    sheet = cv2.warpAffine(np.full((h, w), 255, np.uint8), m, (w, h), flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    bed = 255 - sheet
    if dark and bed.any():
        # the lid's shadow along the paper edge and a mottled bed
        shadow = cv2.GaussianBlur(bed, (0, 0), 6 * s).astype(np.float32) / 255.0
        f = 1.0 - 0.45 * shadow
        small = g.normal(0, 10, (max(2, h // 32), max(2, w // 32))).astype(np.float32)
        mottle = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        b = (bed.astype(np.float32) / 255.0) * mottle
        if out.ndim == 3:
            f, b = f[..., None], b[..., None]
        out = np.clip(out.astype(np.float32) * f + b, 0, 255).astype(np.uint8)
    return out, bed


def _lighting(img: np.ndarray, g: np.random.Generator) -> np.ndarray:
    """Uneven lighting: augraphy's parallel-light mask (computed at 1/8 size, it is smooth) applied
    multiplicatively, down to 72–85% brightness at the darkest place."""
    h, w = img.shape[:2]
    sw, sh = max(8, w // 8), max(8, h // 8)
    lg = LightingGradient(mode=str(g.choice(["gaussian", "linear_static"])), p=1)
    mask = lg.generate_parallel_light_mask(
        mask_size=(sw, sh), position=(int(g.integers(0, sw)), int(g.integers(0, sh))),
        direction=int(g.integers(0, 360)), max_brightness=255, min_brightness=0,
        mode=lg.mode, linear_decay_rate=float(g.uniform(0.5, 1.5)) if lg.mode == "linear_static" else None)
    mask = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), max(sw, sh) / 60)
    mask = cv2.resize(mask, (w, h), interpolation=cv2.INTER_CUBIC)
    span = float(mask.max() - mask.min()) or 1.0
    low = float(g.uniform(0.72, 0.85))
    f = low + (1 - low) * (mask - mask.min()) / span
    if img.ndim == 3:
        f = f[..., None]
    return np.clip(img.astype(np.float32) * f, 0, 255).astype(np.uint8)


def _dust(img: np.ndarray, g: np.random.Generator, s: float, noise: float) -> np.ndarray:
    """Dust and specks on the glass: small dark dots and a few short hairs."""
    h, w = img.shape[:2]
    area = (h * w) / (1654 * 2339)
    out = img.copy()
    for _ in range(int((10 + 120 * noise) * area / (s * s))):
        x, y = int(g.integers(0, w)), int(g.integers(0, h))
        r = max(1, int(round(g.choice([0.5, 0.7, 1.0, 1.5]) * s)))
        v = int(g.integers(70, 200))
        cv2.circle(out, (x, y), r, (v, v, v) if out.ndim == 3 else v, -1, lineType=cv2.LINE_AA)
    for _ in range(int(round(g.uniform(0, 3 * noise) * area))):
        x, y = int(g.integers(0, w)), int(g.integers(0, h))
        pts = [(x, y)]
        for _ in range(int(g.integers(3, 7))):
            x += int(g.normal(0, 8 * s))
            y += int(g.normal(0, 8 * s))
            pts.append((x, y))
        v = int(g.integers(60, 160))
        cv2.polylines(out, [np.array(pts, np.int32)], False, (v, v, v) if out.ndim == 3 else v,
                      max(1, int(s)), lineType=cv2.LINE_AA)
    return out


# ------------------------------------------------------------------------------------ encoding

def encode(img: np.ndarray, spec: ScanSpec, seed: int, page: int) -> ScanImage:
    h, w = img.shape[:2]
    if spec.mode == "bitonal":
        bw = bitonal(img, np.random.default_rng(rng_for(seed, "degrade", "threshold", page).getrandbits(63)))
        # G4 codes runs of 0 bits as "white": hand libtiff 1 = ink, so the strip is the canonical
        # coding that PDF's CCITTFaxDecode reads with its default /BlackIs1 false
        pil = Image.fromarray(255 - bw).convert("1")
        buf = io.BytesIO()
        pil.save(buf, "TIFF", compression="group4", tiffinfo={278: h})
        data = _tiff_strip(buf.getvalue())
        return ScanImage(data, w, h, "/DeviceGray", 1, "/CCITTFaxDecode",
                         {"/K": -1, "/Columns": w, "/Rows": h})
    pil = Image.fromarray(img, "RGB" if img.ndim == 3 else "L")
    buf = io.BytesIO()
    pil.save(buf, "JPEG", quality=int(spec.jpeg_quality or 75), optimize=True,
             dpi=(spec.dpi, spec.dpi))
    return ScanImage(buf.getvalue(), w, h, "/DeviceRGB" if img.ndim == 3 else "/DeviceGray", 8,
                     "/DCTDecode", None)


def bitonal(img: np.ndarray, g: np.random.Generator) -> np.ndarray:
    """A scanner's black-and-white mode: one global threshold after all degradations, 255 paper,
    0 ink. The threshold lies 38–55% of the way from the ink level to the paper level (1st and 90th
    percentile of the middle of the page), so strokes come out a little thin or a little fat."""
    gray = _gray(img)
    h, w = gray.shape
    mid = gray[h // 8: h - h // 8: 2, w // 8: w - w // 8: 2]
    ink, paper = np.percentile(mid, [1, 90])
    # on a sparse page the 1st percentile is grey paper, not ink, and a threshold from it blacked
    # out the paper that the lighting darkened (v11813's inside cover): no scanner's ink is that light
    ink = min(ink, paper - 120)
    t = ink + (paper - ink) * float(g.uniform(0.38, 0.55))
    return np.where(gray > t, 255, 0).astype(np.uint8)


def _tiff_strip(tiff: bytes) -> bytes:
    t = Image.open(io.BytesIO(tiff))
    offsets, counts = t.tag_v2[273], t.tag_v2[279]
    if len(offsets) != 1:
        raise RuntimeError("G4 TIFF with more than one strip")
    return tiff[offsets[0]: offsets[0] + counts[0]]


# ------------------------------------------------------------------------------------ assembly

def _page_size(page: pikepdf.Dictionary) -> tuple[float, float]:
    """The displayed size in points: CropBox (else MediaBox) with /Rotate applied."""
    box = _inherited(page, "/CropBox") or _inherited(page, "/MediaBox")
    x0, y0, x1, y1 = (float(v) for v in box)
    w, h = abs(x1 - x0), abs(y1 - y0)
    rot = int(_inherited(page, "/Rotate") or 0) % 360
    return (h, w) if rot in (90, 270) else (w, h)


def assemble(pdf: bytes, images: dict, spec: ScanSpec) -> bytes:
    """The original PDF with each scanned page replaced by an image-only page of the same size.
    A fully scanned document keeps only the original's document information (title, author,
    dates), with this generator as its creator."""
    with pikepdf.open(io.BytesIO(pdf)) as src:
        full = len(images) == len(src.pages)
        out = pikepdf.new() if full else src
        for i in range(len(src.pages)):
            p = i + 1
            if p not in images:
                continue
            w_pt, h_pt = _page_size(src.pages[i].obj)
            page = _image_page(out, images[p], w_pt, h_pt)
            if full:
                out.pages.append(page)
            else:
                out.pages[i] = page
        info = {}
        if "/Info" in src.trailer:
            for k in ("/Title", "/Author", "/Subject", "/CreationDate", "/ModDate"):
                if k in src.trailer.Info:
                    info[k] = pikepdf.String(str(src.trailer.Info[k]))
        info["/Creator"] = pikepdf.String(f"{CREATOR} (simulated {spec.mode} scan, {spec.dpi} dpi)")
        info["/Producer"] = pikepdf.String("pikepdf")
        if full:
            out.docinfo = out.make_indirect(pikepdf.Dictionary(info))
            data = save(out)
            out.close()
            return data
        out.docinfo["/Creator"] = info["/Creator"]
        return save(out)


def _image_page(doc: pikepdf.Pdf, im: ScanImage, w_pt: float, h_pt: float) -> pikepdf.Page:
    x = pikepdf.Stream(doc, im.data)
    x.Type, x.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    x.Width, x.Height, x.BitsPerComponent = im.width, im.height, im.bpc
    x.ColorSpace = pikepdf.Name(im.colorspace)
    x.Filter = pikepdf.Name(im.filter)
    if im.decode_parms:
        x.DecodeParms = pikepdf.Dictionary({k: v for k, v in im.decode_parms.items()})
    content = pikepdf.Stream(doc, f"q {w_pt:.4f} 0 0 {h_pt:.4f} 0 0 cm /Im0 Do Q".encode())
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, round(w_pt, 4), round(h_pt, 4)],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=x)), Contents=content)
    return pikepdf.Page(page)
