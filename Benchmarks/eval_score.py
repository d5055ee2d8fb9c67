"""Field-level scoring of one IssuePipe issue JSON against the truth of a generated variant.

Pure functions, no I/O: `score(truth, output) -> dict`. The evaluation CLI is `eval.py`; the
rules are explained in Benchmarks/README.md. In the manner of GROBID's end-to-end evaluation
(per-field precision/recall/F1, strict and soft matching, whole-instance accuracy):

strict  equal after Unicode NFC, white-space runs collapsed to one space, and every space next
        to a CJK character or CJK punctuation removed (a line break can hide such a space; the
        contract keeps spaces "as printed" elsewhere). Nothing else is forgiven.
soft    NFKC, case folded, all white space, punctuation (Unicode categories Z* and P*) and
        control/format characters (Cc, Cf) removed; then equal, or Ratcliff/Obershelp similarity (difflib.SequenceMatcher with
        autojunk off, the gestalt pattern matching GROBID uses for its "relative" matching) of
        the two normalised strings >= SOFT_THRESHOLD. Numbers, dates, phone and fax numbers are
        not textual: soft is an exact comparison after the soft normalisation for them.

Counting (GROBID's): expected = values in the truth, predicted = values in the output,
matched = one-to-one matches; precision = matched / predicted, recall = matched / expected.
Lists are aligned one-to-one: ordered lists (contents, articles, paragraphs, headings) by a
longest-common-subsequence alignment under the field's match predicate, so one missed item
does not shift the rest; unordered ones (hosts, staff names, sources) as multisets.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter

SOFT_THRESHOLD = 0.9
MODES = ("strict", "soft")

# Masthead scalars, in report order; the non-textual ones are compared as values.
PUBLICATION_FIELDS = ("title", "subtitle", "publisher", "publisherEn")
ISSUE_FIELDS = ("year", "number", "cumulativeNumber", "printDate")
CONTACT_FIELDS = ("phone", "fax")
NON_TEXTUAL = {"year", "number", "cumulativeNumber", "printDate", "phone", "fax"}
MASTHEAD_FIELDS = PUBLICATION_FIELDS + ("hosts",) + ISSUE_FIELDS
# Every field of a score, in report order (staff.<role> fields come after "staff").
FIELD_ORDER = (PUBLICATION_FIELDS + ("hosts",) + ISSUE_FIELDS + ("staff",) + CONTACT_FIELDS
               + ("contents", "articles", "sections", "paragraphs", "headings", "sources"))
OTHER_ROLES = "staff.(roles not in the truth)"
MISSES_KEPT = 3   # mismatches listed per field and mode, for debugging

# --------------------------------------------------------------------------- characters

# CJK letters (Han, kana, hangul, 〇) and CJK / full-width punctuation, as IssuePipe's
# CJKText and OCRTextRepair define them.
_CJK_RANGES = ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
               "\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u3007"
               "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
               "\u2018-\u201f\u2014\u2015\u2026\u00b7\u2022\ufe30-\ufe4f")
_SPACE_NEXT_TO_CJK = re.compile(f"(?<=[{_CJK_RANGES}]) | (?=[{_CJK_RANGES}])")
_WS = re.compile(r"\s+")


def strict_norm(s) -> str:
    if s is None:
        return ""
    s = _WS.sub(" ", unicodedata.normalize("NFC", str(s))).strip()
    return _SPACE_NEXT_TO_CJK.sub("", s)


def soft_norm(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s)).casefold()
    return "".join(c for c in s if not c.isspace() and unicodedata.category(c)[0] not in "PZ"
                   and unicodedata.category(c) not in ("Cc", "Cf"))


def cer_norm(s) -> str:
    """For the character error rate: NFKC, white space removed (punctuation counts)."""
    return _WS.sub("", unicodedata.normalize("NFKC", s or ""))


# --------------------------------------------------------------------------- similarity

try:  # C implementations when installed (Benchmarks/requirements.txt); pure Python otherwise
    from rapidfuzz.distance import Indel as _Indel
    from rapidfuzz.distance import Levenshtein as _Lev
except ImportError:  # pragma: no cover - exercised where rapidfuzz is missing
    _Indel = _Lev = None


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions of one character each)."""
    if _Lev is not None:
        return _Lev.distance(a, b)
    return _myers(a, b)


def _myers(a: str, b: str) -> int:
    """Myers' bit-parallel edit distance (Hyyrö's formulation) on Python integers:
    O(len(a) * len(b) / word size), fast enough for 20k-character texts."""
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict = {}
    for i, c in enumerate(b):
        peq[c] = peq.get(c, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, dist = full, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & top:
            dist += 1
        elif mh & top:
            dist -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
    return dist


def ratcliff_obershelp(a: str, b: str) -> float:
    """2 * matched characters / total characters, matched by the recursive longest common
    substring (gestalt pattern matching); 1.0 for two empty strings."""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _soft_similar(sa: str, sb: str) -> bool:
    if sa == sb:
        return True
    if not sa or not sb:
        return False
    # Upper bounds first: RO similarity never exceeds the length bound nor the LCS (Indel) one.
    if 2 * min(len(sa), len(sb)) / (len(sa) + len(sb)) < SOFT_THRESHOLD:
        return False
    if _Indel is not None:
        if _Indel.normalized_similarity(sa, sb) < SOFT_THRESHOLD:
            return False
    else:
        m = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
        if m.quick_ratio() < SOFT_THRESHOLD:
            return False
        return m.ratio() >= SOFT_THRESHOLD
    return ratcliff_obershelp(sa, sb) >= SOFT_THRESHOLD


class Matcher:
    """Match predicates for one mode, with the normalised forms cached."""

    def __init__(self, mode: str):
        assert mode in MODES
        self.mode = mode
        self._cache: dict = {}

    def norm(self, s) -> str:
        key = s
        got = self._cache.get(key)
        if got is None:
            got = strict_norm(s) if self.mode == "strict" else soft_norm(s)
            self._cache[key] = got
        return got

    def text(self, a, b) -> bool:
        """Two texts match (both non-empty)."""
        na, nb = self.norm(a), self.norm(b)
        if not na or not nb:
            return False
        if self.mode == "strict":
            return na == nb
        return _soft_similar(na, nb)

    def value(self, a, b) -> bool:
        """Two non-textual values (numbers, dates, phone numbers) match."""
        if a is None or b is None:
            return False
        na, nb = self.norm(str(a)), self.norm(str(b))
        return bool(na) and na == nb


# --------------------------------------------------------------------------- counts

def counts(expected: int = 0, predicted: int = 0, matched: int = 0) -> dict:
    return {"expected": expected, "predicted": predicted, "matched": matched}


def prf(c: dict) -> dict:
    """Precision, recall, F1 of a count; None when the field is in neither truth nor output."""
    e, p, m = c["expected"], c["predicted"], c["matched"]
    if e == 0 and p == 0:
        return dict(c, precision=None, recall=None, f1=None)
    precision = m / p if p else 0.0
    recall = m / e if e else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return dict(c, precision=precision, recall=recall, f1=f1)


def add_counts(a: dict, b: dict) -> dict:
    return {k: a[k] + b[k] for k in ("expected", "predicted", "matched")}


# --------------------------------------------------------------------------- alignment

def align(truth: list, output: list, match) -> list:
    """Longest common subsequence under `match(t, o)`: the (i, j) pairs, in order."""
    n, m = len(truth), len(output)
    if n == 0 or m == 0:
        return []
    ok = [[match(t, o) for o in output] for t in truth]
    # dp[i][j]: most matches between truth[i:] and output[j:]
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = dp[i], dp[i + 1]
        oki = ok[i]
        for j in range(m - 1, -1, -1):
            best = below[j] if below[j] > row[j + 1] else row[j + 1]
            if oki[j] and below[j + 1] + 1 > best:
                best = below[j + 1] + 1
            row[j] = best
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if ok[i][j] and dp[i][j] == dp[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i += 1
            j += 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def multiset_match(truth: list, output: list, match) -> list:
    """One-to-one matching of unordered lists: equal items first, then each truth item takes
    the first free output item it matches. Returns the (i, j) pairs."""
    pairs, used = [], set()
    left = []
    for i, t in enumerate(truth):
        j = next((j for j, o in enumerate(output) if j not in used and o == t and match(t, o)), None)
        if j is None:
            left.append(i)
        else:
            used.add(j)
            pairs.append((i, j))
    for i in left:
        j = next((j for j, o in enumerate(output) if j not in used and match(truth[i], o)), None)
        if j is not None:
            used.add(j)
            pairs.append((i, j))
    return sorted(pairs)


# --------------------------------------------------------------------------- the issue

def _text(v) -> str:
    return v if isinstance(v, str) else ("" if v is None else str(v))


def _blocks(article: dict, kind: str) -> list:
    return [_text(b.get("text")) for b in article.get("blocks") or [] if b.get("kind") == kind]


def _present(v) -> bool:
    return v is not None and (not isinstance(v, str) or v.strip() != "")


class _Field:
    """Counts and the first few mismatches of one field in one mode."""

    def __init__(self):
        self.c = counts()
        self.misses: list = []

    def add(self, expected=0, predicted=0, matched=0):
        self.c = add_counts(self.c, counts(expected, predicted, matched))

    def miss(self, truth, output):
        if len(self.misses) < MISSES_KEPT:
            self.misses.append({"truth": truth, "output": output})

    def result(self) -> dict:
        r = prf(self.c)
        if self.misses:
            r["misses"] = self.misses
        return r


def _score_list(field: _Field, truth: list, output: list, match, ordered: bool, show=lambda x: x):
    pairs = (align if ordered else multiset_match)(truth, output, match)
    field.add(len(truth), len(output), len(pairs))
    got_t = {i for i, _ in pairs}
    got_o = {j for _, j in pairs}
    missed = [truth[i] for i in range(len(truth)) if i not in got_t]
    extra = [output[j] for j in range(len(output)) if j not in got_o]
    for k in range(max(len(missed), len(extra))):
        field.miss(show(missed[k]) if k < len(missed) else None, show(extra[k]) if k < len(extra) else None)
    return pairs


def _staff(staff) -> list:
    return [(_text(s.get("role")), [_text(n) for n in s.get("names") or []]) for s in staff or []]


def _score_mode(truth: dict, output: dict, mode: str, pairing: list) -> tuple:
    """Field counts of one mode; `pairing` pairs truth and output articles (soft title
    alignment, shared by both modes) for the fields inside articles."""
    mt = Matcher(mode)
    fields: dict = {}

    def field(name) -> _Field:
        return fields.setdefault(name, _Field())

    # --- masthead scalars and contacts
    tp, op = truth.get("publication") or {}, output.get("publication") or {}
    ti, oi = truth.get("issue") or {}, output.get("issue") or {}
    tc, oc = truth.get("contacts") or {}, output.get("contacts") or {}
    scalars = [(k, tp.get(k), op.get(k)) for k in PUBLICATION_FIELDS] + \
              [(k, ti.get(k), oi.get(k)) for k in ISSUE_FIELDS] + \
              [(k, tc.get(k), oc.get(k)) for k in CONTACT_FIELDS]
    masthead_right = True
    for name, t, o in scalars:
        f = field(name)
        if not _present(t) and not _present(o):
            continue
        ok = _present(t) and _present(o) and (mt.value(t, o) if name in NON_TEXTUAL else mt.text(t, o))
        f.add(int(_present(t)), int(_present(o)), int(ok))
        if not ok:
            f.miss(t, o)
            if name in MASTHEAD_FIELDS:
                masthead_right = False
    th, oh = [_text(h) for h in tp.get("hosts") or []], [_text(h) for h in op.get("hosts") or []]
    f = field("hosts")
    pairs = _score_list(f, th, oh, mt.text, ordered=False)
    if len(pairs) != len(th) or len(pairs) != len(oh):
        masthead_right = False

    # --- staff: per role (roles compared in the mode's normalisation), names as multisets
    ts, os_ = _staff(truth.get("staff")), _staff(output.get("staff"))
    out_by_role: dict = {}
    for role, names in os_:
        out_by_role.setdefault(mt.norm(role), []).extend(names)
    truth_by_role: dict = {}
    for role, names in ts:
        truth_by_role.setdefault(mt.norm(role), (role, []))[1].extend(names)
    for key, (role, names) in truth_by_role.items():
        _score_list(field("staff." + strict_norm(role)), names, out_by_role.get(key, []), mt.text, ordered=False)
    for key, names in sorted(out_by_role.items()):
        if key not in truth_by_role:
            field(OTHER_ROLES).add(0, len(names), 0)
            for n in names[:MISSES_KEPT]:
                field(OTHER_ROLES).miss(None, n)
    staff_total = _Field()
    for name, f in fields.items():
        if name.startswith("staff."):
            staff_total.add(**f.c)
    fields["staff"] = staff_total

    # --- contents: (section, title), in order
    def entry_match(a, b):
        return mt.text(a[0], b[0]) and mt.text(a[1], b[1])

    tce = [(_text(e.get("section")), _text(e.get("title"))) for e in truth.get("contents") or []]
    oce = [(_text(e.get("section")), _text(e.get("title"))) for e in output.get("contents") or []]
    _score_list(field("contents"), tce, oce, entry_match, ordered=True, show=lambda e: f"【{e[0]}】{e[1]}")

    # --- articles: titles, in order (each mode its own alignment)
    ta, oa = truth.get("articles") or [], output.get("articles") or []
    _score_list(field("articles"), [_text(a.get("title")) for a in ta], [_text(a.get("title")) for a in oa],
                mt.text, ordered=True)

    # --- inside the paired articles: section, paragraphs, headings, sources
    sec, par, hd, src = field("sections"), field("paragraphs"), field("headings"), field("sources")
    sec.add(sum(_present(a.get("section")) for a in ta), sum(_present(a.get("section")) for a in oa), 0)
    for kind, f in (("paragraph", par), ("heading", hd)):
        f.add(sum(len(_blocks(a, kind)) for a in ta), sum(len(_blocks(a, kind)) for a in oa), 0)

    def source_match(a, b):
        return mt.text(a[0], b[0]) and mt.value(a[1], b[1])

    def sources(a):
        return [(_text(s.get("name")), _text(s.get("date"))) for s in a.get("sources") or []]

    src.add(sum(len(sources(a)) for a in ta), sum(len(sources(a)) for a in oa), 0)
    paired = {i: j for i, j in pairing}
    sections_right = 0
    articles_right = 0
    for i, t in enumerate(ta):
        j = paired.get(i)
        o = oa[j] if j is not None else None
        if o is None:
            for kind, f in (("paragraph", par), ("heading", hd)):
                for text in _blocks(t, kind)[: MISSES_KEPT]:
                    f.miss(text, None)
            continue
        ok_section = mt.text(t.get("section"), o.get("section"))
        if ok_section:
            sec.add(matched=1)
            sections_right += 1
        elif _present(t.get("section")):
            sec.miss(t.get("section"), o.get("section"))
        for kind, f in (("paragraph", par), ("heading", hd)):
            tb, ob = _blocks(t, kind), _blocks(o, kind)
            pairs = align(tb, ob, mt.text)
            f.add(matched=len(pairs))
            got_t, got_o = {a for a, _ in pairs}, {b for _, b in pairs}
            missed = [tb[k] for k in range(len(tb)) if k not in got_t]
            extra = [ob[k] for k in range(len(ob)) if k not in got_o]
            for k in range(max(len(missed), len(extra))):
                f.miss(missed[k] if k < len(missed) else None, extra[k] if k < len(extra) else None)
        sp = multiset_match(sources(t), sources(o), source_match)
        src.add(matched=len(sp))
        if len(sp) != len(sources(t)) or len(sp) != len(sources(o)):
            src.miss(sources(t), sources(o))
        # the whole article: title, section, every block (kind and text, in order), sources
        tbl = [(b.get("kind"), _text(b.get("text"))) for b in t.get("blocks") or []]
        obl = [(b.get("kind"), _text(b.get("text"))) for b in o.get("blocks") or []]
        if (mt.text(t.get("title"), o.get("title")) and (ok_section or not _present(t.get("section")))
                and len(tbl) == len(obl) and all(a[0] == b[0] and mt.text(a[1], b[1]) for a, b in zip(tbl, obl))
                and len(sp) == len(sources(t)) == len(sources(o))):
            articles_right += 1

    result = {name: f.result() for name, f in fields.items()}
    instances = {"masthead": masthead_right, "articlesRight": articles_right, "articles": len(ta),
                 "sectionsRight": sections_right, "articlesPaired": len(pairing)}
    return result, instances


def _article_text(issue: dict) -> str:
    parts = []
    for a in issue.get("articles") or []:
        parts.append(_text(a.get("title")))
        parts.extend(_text(b.get("text")) for b in a.get("blocks") or [])
    return cer_norm("".join(parts))


# Page-number furniture: "— 3 —", "- 3 -", "3", "第 3 页", "3/10" (white space already removed).
_PAGE_NUMBER = re.compile(r"^(?:[—–\-－]*\d+[—–\-－]*|第\d+页|\d+/\d+)$")


def _furniture_occurrences(f: str, texts: list) -> int:
    if _PAGE_NUMBER.match(f):
        n = 0
        for t in texts:
            if t == f:
                n += 1
                continue
            # at the block's start or end, not as part of a longer number
            if t.startswith(f) and not (f[-1].isdigit() and t[len(f)].isdigit()):
                n += 1
            if t.endswith(f) and not (f[0].isdigit() and t[-len(f) - 1].isdigit()):
                n += 1
        return n
    return sum(t.count(f) for t in texts)


def furniture_leaked(truth: dict, output: dict) -> dict:
    """Printed furniture found in the output's article titles and blocks, beyond what the
    truth's own article text contains (so a page number "3" that a paragraph legitimately
    starts with is not counted)."""
    def texts(issue):
        out = []
        for a in issue.get("articles") or []:
            out.append(cer_norm(_text(a.get("title"))))
            out.extend(cer_norm(_text(b.get("text"))) for b in a.get("blocks") or [])
        return [t for t in out if t]

    tt, ot = texts(truth), texts(output)
    strings = sorted({cer_norm(f) for f in (truth.get("variant") or {}).get("furniture") or []} - {""},
                     key=lambda f: (-len(f), f))
    leaked = []
    for f in strings:  # longest first; a match is blanked out so a shorter string inside it is not counted again
        n = _furniture_occurrences(f, ot) - _furniture_occurrences(f, tt)
        if n > 0:
            leaked.append({"text": f, "count": n})
        if not _PAGE_NUMBER.match(f):
            tt = [t.replace(f, "\0") for t in tt]
            ot = [t.replace(f, "\0") for t in ot]
    return {"count": sum(x["count"] for x in leaked), "strings": leaked}


def page_methods(truth: dict, output: dict) -> dict:
    """pages[].method against variant.pageMethods. `repaired` is right where the truth says
    `ocr` and the page is a broken text layer (kind broken, or a mixed variant's page that
    was not scanned): the contract's `repaired` decodes the page's own text layer, which a
    scanned page does not have. `exact` counts only identical methods."""
    v = truth.get("variant") or {}
    expected = v.get("pageMethods") or []
    kind = v.get("kind")
    scanned_pages = set((v.get("dimensions") or {}).get("scan_mixed_pages") or [])
    got = {p.get("number"): p.get("method") for p in output.get("pages") or []}
    right = exact = 0
    wrong = []
    for n, want in enumerate(expected, 1):
        have = got.get(n)
        broken_layer = kind == "broken" or (kind == "mixed" and n not in scanned_pages)
        if have == want:
            right += 1
            exact += 1
        elif want == "ocr" and have == "repaired" and broken_layer:
            right += 1
        else:
            wrong.append({"page": n, "expected": want, "output": have})
    total = len(expected)
    return {"total": total, "right": right, "exact": exact,
            "accuracy": right / total if total else None, "exactAccuracy": exact / total if total else None,
            "wrong": wrong}


def score(truth: dict, output: dict) -> dict:
    """Scores one output (an issue JSON; {} for a failed conversion) against one truth."""
    if not isinstance(output, dict):   # a failed conversion, or output that is not an issue
        output = {}
    ta, oa = truth.get("articles") or [], output.get("articles") or []
    soft = Matcher("soft")
    pairing = align([_text(a.get("title")) for a in ta], [_text(a.get("title")) for a in oa], soft.text)
    fields: dict = {}
    instances: dict = {}
    section_acc: dict = {}
    for mode in MODES:
        res, inst = _score_mode(truth, output, mode, pairing)
        for name, r in res.items():
            fields.setdefault(name, {})[mode] = r
        instances[mode] = inst
        section_acc[mode] = inst["sectionsRight"] / inst["articlesPaired"] if inst["articlesPaired"] else (
            None if not ta else 0.0)
    for name in fields:  # a field seen in one mode only (staff roles keyed differently)
        for mode in MODES:
            fields[name].setdefault(mode, prf(counts()))
    order = {n: k for k, n in enumerate(FIELD_ORDER)}
    fields = dict(sorted(fields.items(), key=lambda kv: (
        order.get(kv[0], order["staff"] + 0.5 if kv[0].startswith("staff.") else len(order)), kv[0])))

    t_text, o_text = _article_text(truth), _article_text(output)
    edits = levenshtein(t_text, o_text)
    pipeline = (output.get("pipeline") or {}).get("name")
    return {
        "fields": fields,
        "sectionAccuracy": section_acc,
        "instances": {
            "masthead": {m: instances[m]["masthead"] for m in MODES},
            "articles": {m: {"right": instances[m]["articlesRight"], "total": instances[m]["articles"],
                             "accuracy": instances[m]["articlesRight"] / instances[m]["articles"]
                             if instances[m]["articles"] else None} for m in MODES},
        },
        "articlesPaired": len(pairing),
        "sectionsRight": {m: instances[m]["sectionsRight"] for m in MODES},
        "articleCER": edits / len(t_text) if t_text else (0.0 if not o_text else 1.0),
        "articleEdits": edits,
        "articleChars": len(t_text),
        "furnitureLeaked": furniture_leaked(truth, output),
        "pageMethods": page_methods(truth, output),
        "pipeline": {"name": pipeline, "chosen": pipeline == "bri-biweekly"},
    }
