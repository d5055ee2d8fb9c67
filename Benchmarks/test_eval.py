"""Tests of the field-level evaluation (eval_score.py, eval.py) on small hand-made truth/output
pairs. Every expected number is worked out by hand in the comments, not taken from the code.

    python3 -m pytest -q Benchmarks/test_eval.py
"""
import copy
import json
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval as ev  # noqa: E402
import eval_score as es  # noqa: E402
from eval_score import score  # noqa: E402

P = ["第一段：各地加快布局新质生产力，地方层面积极发力。",
     "第二段：多地在政府工作报告中提出发展新质生产力。",
     "第三段：明确了相关的科技创新、制度创新、人才支撑等措施。",
     "第四段：加快破除阻碍新质生产力发展的落后生产关系。",
     "第五段：营造有利于新质生产力发展的社会环境。"]


def make_truth():
    return {
        "schemaVersion": "1.0",
        "publication": {"title": "双周决策观察", "subtitle": "地方工作亮点追踪", "publisher": "天津滨海综合发展研究院",
                        "publisherEn": "Binhai Research Institute in Tianjin",
                        "hosts": ["天津滨海综合发展研究院", "泰达图书馆档案馆"]},
        "issue": {"year": 2024, "number": 3, "cumulativeNumber": 277, "printDate": "2024-02-08"},
        "staff": [{"role": "编辑", "names": ["贺然", "金敏毓", "何莉娟"]},
                  {"role": "统筹", "names": ["史继平", "韩玉刚", "马爱华", "武晓庆"]}],
        "contacts": {"phone": "022-66222942", "fax": "022-66222940"},
        "contents": [{"section": "区域", "title": "各地加快布局“新质生产力”"},
                     {"section": "上海", "title": "上海出台实施方案落实自贸区高水平制度型开放"}],
        "articles": [
            {"section": "区域", "title": "各地加快布局“新质生产力”",
             "blocks": [{"kind": "paragraph", "text": P[0]}, {"kind": "heading", "text": "【北京】开辟量子、生命科学等新赛道"},
                        {"kind": "paragraph", "text": P[1]}, {"kind": "paragraph", "text": P[2]},
                        {"kind": "paragraph", "text": P[3]}, {"kind": "paragraph", "text": P[4]}],
             "sources": [{"name": "中国经济时报", "date": "2024-01-31"}]},
            {"section": "上海", "title": "上海出台实施方案落实自贸区高水平制度型开放",
             "blocks": [{"kind": "paragraph", "text": "上海市政府印发实施方案，推进制度型开放。"}],
             "sources": [{"name": "第一财经", "date": "2024-02-01"}, {"name": "澎湃新闻", "date": "2024-02-02"}]},
        ],
        "variant": {"id": "v1-test-born", "seed": 1, "text": "t", "producer": "test", "kind": "born",
                    "dimensions": {"columns": 1}, "pageCount": 3, "pageMethods": ["text", "text", "text"],
                    "furniture": ["双周决策观察 · 地方工作亮点追踪", "— 2 —", "— 3 —", "3"]},
    }


def perfect_output(truth=None):
    out = copy.deepcopy(truth or make_truth())
    del out["variant"]
    out["pipeline"] = {"name": "bri-biweekly", "version": "1.0"}
    out["pages"] = [{"number": n, "method": "text"} for n in (1, 2, 3)]
    return out


def f(s, field, mode="strict"):
    return s["fields"][field][mode]


def test_perfect_output_scores_one_everywhere():
    s = score(make_truth(), perfect_output())
    for name, modes in s["fields"].items():
        for mode in es.MODES:
            assert modes[mode]["f1"] == 1.0, (name, mode)
    assert s["instances"]["masthead"] == {"strict": True, "soft": True}
    assert s["instances"]["articles"]["strict"] == {"right": 2, "total": 2, "accuracy": 1.0}
    assert s["articleCER"] == 0.0
    assert s["furnitureLeaked"]["count"] == 0
    assert s["pageMethods"]["accuracy"] == 1.0
    assert s["pipeline"]["chosen"] is True


def test_missed_paragraph_lowers_recall_by_one_and_does_not_misalign_the_rest():
    out = perfect_output()
    del out["articles"][0]["blocks"][2]          # P[1]: the second paragraph of article 1
    s = score(make_truth(), out)
    # truth: 5 + 1 = 6 paragraphs; output 5; all 5 remaining ones still matched
    p = f(s, "paragraphs")
    assert (p["expected"], p["predicted"], p["matched"]) == (6, 5, 5)
    assert p["precision"] == 1.0
    assert p["recall"] == pytest.approx(5 / 6)
    assert p["f1"] == pytest.approx(2 * 1 * (5 / 6) / (1 + 5 / 6))   # 10/11
    assert f(s, "paragraphs", "soft")["matched"] == 5
    assert f(s, "headings")["f1"] == 1.0                                # the heading is untouched
    assert s["instances"]["articles"]["strict"]["right"] == 1           # article 1 is no longer entirely right
    # an inserted paragraph costs precision only: 6 matched of 7 predicted
    out = perfect_output()
    out["articles"][0]["blocks"].insert(1, {"kind": "paragraph", "text": "插入的一段无关文字，不在原文之中。"})
    p = f(score(make_truth(), out), "paragraphs")
    assert (p["expected"], p["predicted"], p["matched"]) == (6, 7, 6)
    assert p["recall"] == 1.0 and p["precision"] == pytest.approx(6 / 7)


def test_one_character_ocr_error_fails_strict_passes_soft():
    out = perfect_output()
    # 监 for 蓝: one substitution. After soft normalisation (punctuation removed) the paragraph has
    # 22 characters; Ratcliff/Obershelp = 2 * 21 / 44 = 0.955 >= 0.9.
    out["articles"][0]["blocks"][0]["text"] = P[0].replace("布局", "布监")
    s = score(make_truth(), out)
    assert f(s, "paragraphs")["matched"] == 5
    assert f(s, "paragraphs", "soft")["matched"] == 6
    assert s["instances"]["articles"]["strict"]["right"] == 1
    assert s["instances"]["articles"]["soft"]["right"] == 2
    # CER: 1 edit over all article text (titles + blocks, white space removed)
    chars = sum(len(a["title"]) + sum(len(b["text"]) for b in a["blocks"]) for a in make_truth()["articles"])
    assert s["articleEdits"] == 1
    assert s["articleCER"] == pytest.approx(1 / chars)


def test_two_errors_in_a_short_title_fail_soft():
    out = perfect_output()
    # 各地加快布局新质生产力 (11 characters once the quotes are removed) with two substitutions:
    # RO = 2 * 9 / 22 = 0.818 < 0.9
    out["articles"][0]["title"] = "各地加快布监“新质生产刀”"
    s = score(make_truth(), out)
    assert f(s, "articles", "soft")["matched"] == 1
    # the article is then unpaired: its 5 paragraphs and 1 heading count as missed
    assert f(s, "paragraphs")["matched"] == 1
    assert f(s, "headings")["matched"] == 0
    assert f(s, "sections")["matched"] == 1


def test_space_between_cjk_and_latin_passes_strict():
    truth = make_truth()
    truth["articles"][1]["blocks"][0]["text"] = "上海推进 AI 应用，GDP 增长 5.2%。"
    out = perfect_output(truth)
    out["articles"][1]["blocks"][0]["text"] = "上海推进AI应用，GDP增长5.2%。"   # the line break hid the spaces
    s = score(truth, out)
    assert f(s, "paragraphs")["matched"] == 6
    # but two Latin words run together are a strict error (soft forgives it)
    out = perfect_output()
    out["publication"]["publisherEn"] = "Binhai ResearchInstitute in Tianjin"
    s = score(make_truth(), out)
    assert f(s, "publisherEn")["matched"] == 0
    assert f(s, "publisherEn", "soft")["matched"] == 1
    assert s["instances"]["masthead"] == {"strict": False, "soft": True}


def test_furniture_detection():
    truth = make_truth()
    # a paragraph that legitimately starts with "3" (the plain page number) is not furniture
    truth["articles"][1]["blocks"].append({"kind": "paragraph", "text": "3月份，上海又出台了新的措施。"})
    out = perfect_output(truth)
    blocks = out["articles"][0]["blocks"]
    blocks[0]["text"] = P[0] + "双周决策观察 · 地方工作亮点追踪"   # 1: the running head inside a paragraph
    blocks.insert(3, {"kind": "paragraph", "text": "— 2 —"})           # 2: a page number as its own block
    blocks[4]["text"] = P[2] + "— 3 —"                               # 3: a page number at a block's end
    blocks[5]["text"] = "3" + P[3]                                   # 4: the plain number at a block's start
    s = score(truth, out)
    leaked = {x["text"]: x["count"] for x in s["furnitureLeaked"]["strings"]}
    # white space is removed before comparing; "双周决策观察·…" is counted once, not also as part of
    # something shorter; "3月份…" exists in the truth too, so only the extra "3" counts
    assert leaked == {"双周决策观察·地方工作亮点追踪": 1, "—2—": 1, "—3—": 1, "3": 1}
    assert s["furnitureLeaked"]["count"] == 4
    # a number inside a paragraph is not a page number
    out = perfect_output()
    out["articles"][0]["blocks"][0]["text"] = "增长3倍。" + P[0]
    assert score(make_truth(), out)["furnitureLeaked"]["count"] == 0


def test_empty_output_scores_zero():
    s = score(make_truth(), {})
    for name, modes in s["fields"].items():
        for mode in es.MODES:
            r = modes[mode]
            if r["expected"]:
                assert (r["matched"], r["recall"], r["f1"]) == (0, 0.0, 0.0), (name, mode)
    assert s["instances"]["masthead"] == {"strict": False, "soft": False}
    assert s["instances"]["articles"]["soft"]["right"] == 0
    assert s["articleCER"] == 1.0
    assert s["pageMethods"]["accuracy"] == 0.0
    assert s["pipeline"]["chosen"] is False
    assert s["furnitureLeaked"]["count"] == 0


def test_staff_names_are_multisets_per_role():
    out = perfect_output()
    out["staff"] = [{"role": "编辑", "names": ["何莉娟", "贺然"]}]   # order changed, one name and 统筹 missing
    s = score(make_truth(), out)
    ed, co, all_ = f(s, "staff.编辑"), f(s, "staff.统筹"), f(s, "staff")
    assert (ed["expected"], ed["predicted"], ed["matched"]) == (3, 2, 2)
    assert (co["expected"], co["predicted"], co["matched"]) == (4, 0, 0)   # a missing role: all 4 missed
    assert (all_["expected"], all_["predicted"], all_["matched"]) == (7, 2, 2)
    assert all_["precision"] == 1.0 and all_["recall"] == pytest.approx(2 / 7)
    # a repeated name is matched once per occurrence; names run together match nothing
    truth = make_truth()
    truth["staff"] = [{"role": "编辑", "names": ["张伟", "张伟", "李娜"]}]
    out = perfect_output(truth)
    out["staff"] = [{"role": "编辑", "names": ["张伟", "李娜张伟"]}]
    r = f(score(truth, out), "staff.编辑")
    assert (r["expected"], r["predicted"], r["matched"]) == (3, 2, 1)
    # names under a role the truth does not have are predictions without a match
    out["staff"].append({"role": "校对", "names": ["王五"]})
    r = f(score(truth, out), es.OTHER_ROLES)
    assert (r["expected"], r["predicted"], r["matched"]) == (0, 1, 0)


def test_contents_and_articles_are_aligned_in_order():
    truth = make_truth()
    truth["contents"].insert(1, {"section": "区域", "title": "GDP 超 5000 亿区县或达 12 个"})
    out = perfect_output(truth)
    out["contents"] = [out["contents"][2], out["contents"][0]]   # swapped, one missing
    s = score(truth, out)
    c = f(s, "contents")
    # the longest in-order alignment keeps one of the two swapped entries
    assert (c["expected"], c["predicted"], c["matched"]) == (3, 2, 1)
    # section differs: the entry no longer matches
    out = perfect_output(truth)
    out["contents"][0]["section"] = "上海"
    assert f(score(truth, out), "contents")["matched"] == 2


def test_sections_and_sources():
    out = perfect_output()
    out["articles"][1]["section"] = "北京"
    out["articles"][1]["sources"] = [{"name": "澎湃新闻", "date": "2024-02-02"}, {"name": "第一财经", "date": "2024-02-03"}]
    s = score(make_truth(), out)
    assert (f(s, "sections")["matched"], s["sectionAccuracy"]["strict"]) == (1, 0.5)
    src = f(s, "sources")   # 3 in the truth, 3 in the output, the misdated one does not match
    assert (src["expected"], src["predicted"], src["matched"]) == (3, 3, 2)


def test_scalar_fields():
    out = perfect_output()
    out["issue"]["printDate"] = "2024-02-09"
    del out["issue"]["cumulativeNumber"]
    out["publication"]["hosts"] = list(reversed(out["publication"]["hosts"]))   # order does not matter
    s = score(make_truth(), out)
    pd, cn = f(s, "printDate"), f(s, "cumulativeNumber")
    assert (pd["expected"], pd["predicted"], pd["matched"]) == (1, 1, 0)
    assert (cn["expected"], cn["predicted"], cn["matched"], cn["f1"]) == (1, 0, 0, 0.0)
    assert f(s, "hosts")["f1"] == 1.0
    assert s["instances"]["masthead"]["soft"] is False   # dates are not textual: no soft leniency
    # a field the truth does not have is a prediction without a match
    truth = make_truth()
    del truth["publication"]["subtitle"]
    r = f(score(truth, perfect_output()), "subtitle")
    assert (r["expected"], r["predicted"], r["matched"]) == (0, 1, 0)


def test_page_methods():
    truth = make_truth()
    truth["variant"].update(kind="mixed", pageMethods=["text", "ocr", "ocr"],
                            dimensions={"scan_mixed_pages": [3]})
    out = perfect_output(truth)
    out["pages"] = [{"number": 1, "method": "text"}, {"number": 2, "method": "repaired"},
                    {"number": 3, "method": "repaired"}]
    pm = score(truth, out)["pageMethods"]
    # page 2 is a broken text layer: repaired is right; page 3 is scanned: it has no layer to repair
    assert (pm["right"], pm["exact"], pm["total"]) == (2, 1, 3)
    assert pm["wrong"] == [{"page": 3, "expected": "ocr", "output": "repaired"}]


def test_normalisation_rules():
    assert es.strict_norm("GDP 超 5000 亿\n区县 ") == "GDP超5000亿区县"
    assert es.strict_norm("Binhai  Research\nInstitute") == "Binhai Research Institute"
    assert es.strict_norm("“新质 生产力”") == "“新质生产力”"
    assert es.soft_norm("Ｂinhai， Research-Institute！") == "binhairesearchinstitute"
    # Ratcliff/Obershelp: "abcd" / "abed" share "ab" and "d": 2 * 3 / 8
    assert es.ratcliff_obershelp("abcd", "abed") == pytest.approx(0.75)


def test_levenshtein_fallback_agrees_with_dynamic_programming():
    def dp(a, b):
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

    rng = random.Random(7)
    for _ in range(300):
        a = "".join(rng.choice("新质生产力ab") for _ in range(rng.randint(0, 90)))
        b = "".join(rng.choice("新质生产力ab") for _ in range(rng.randint(0, 90)))
        assert es._myers(a, b) == dp(a, b) == es.levenshtein(a, b)


def test_aggregate_micro_averages_and_thresholds(tmp_path):
    t = make_truth()
    good = {"id": "a", "seed": 1, "kind": "born", "group": "born", "producer": "x", "text": "t",
            "dimensions": {"columns": 1}, "conversion": {"ok": True, "seconds": 1.0}, "score": score(t, perfect_output())}
    bad = dict(good, id="b", seed=2, dimensions={"columns": 2},
               conversion={"ok": False, "seconds": 2.0, "error": "x"}, score=score(t, {}))
    agg = ev.aggregate([good, bad])
    p = agg["fields"]["paragraphs"]["strict"]
    # 6 + 6 expected, 6 predicted, 6 matched: P = 1, R = 0.5
    assert (p["expected"], p["predicted"], p["matched"], p["precision"], p["recall"]) == (12, 6, 6, 1.0, 0.5)
    assert agg["failures"] == 1 and agg["cer"]["mean"] == 0.5 and agg["cer"]["max"] == 1.0
    assert agg["instances"]["masthead"]["strict"] == 0.5
    rows = ev.dimension_breakdown([good, bad])
    assert (rows[0]["dimension"], rows[0]["value"]) == ("columns", "2")   # the failed one is the weakest
    groups = {"born": agg}
    th = {"born": {"fields.paragraphs.strict.recall": {"min": 0.5}, "cer.max": {"max": 0.5}},
          "scanned": {"cer.mean": {"max": 0.01}}}
    res = {(r["group"], r["metric"]): r["ok"] for r in ev.check_thresholds(groups, th)}
    assert res == {("born", "fields.paragraphs.strict.recall"): True, ("born", "cer.max"): False,
                   ("scanned", "cer.mean"): None}
    assert ev.lookup({"fields": {"staff.编辑": {"strict": {"f1": 0.5}}}}, "fields.staff.编辑.strict.f1") == 0.5


def test_score_command_and_seed_parsing(tmp_path, capsys):
    (tmp_path / "t.json").write_text(json.dumps(make_truth(), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "o.json").write_text("not json", encoding="utf-8")   # a broken output: scores zero
    assert ev.main(["score", str(tmp_path / "t.json"), str(tmp_path / "o.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articleCER"] == 1.0
    assert ev.parse_seeds("1000-1002,1005") == [1000, 1001, 1002, 1005]
    assert ev.seed_ranges([1000, 1001, 1002, 1005]) == ["1000-1002", "1005-1005"]
    assert ev.in_set(1999, "tuning") and not ev.in_set(9000, "tuning") and ev.in_set(9000, "fresh")
    assert ev.main(["run", "--set", "tuning", "--seeds", "9000-9001", "--out", str(tmp_path / "x")]) == 2


def test_pure_python_fallback_gives_the_same_scores(monkeypatch):
    out = perfect_output()
    out["articles"][0]["blocks"][0]["text"] = P[0].replace("布局", "布监")
    out["articles"][0]["title"] = "各地加快布监“新质生产刀”"
    with_c = score(make_truth(), out)
    monkeypatch.setattr(es, "_Lev", None)
    monkeypatch.setattr(es, "_Indel", None)
    assert score(make_truth(), out) == with_c


FAKE_GENERATOR = r'''
import json, sys
args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
lo, hi = (int(x) for x in args["--seeds"].split("-"))
truth = json.loads(open(sys.argv[0] + ".truth").read())
failed = False
for seed in range(lo, hi + 1):
    if seed == 1002:   # a seed the generator cannot make
        print("seed 1002: FAILED: no such layout", file=sys.stderr)
        failed = True
        continue
    for kind in args["--kinds"].split(","):
        kind = "broken" if kind == "broken-or-mixed" else kind
        stem = f"{args['--out']}/v{seed}-fake-{kind}"
        truth["variant"].update(id=f"v{seed}-fake-{kind}", seed=seed, kind=kind)
        open(stem + ".truth.json", "w").write(json.dumps(truth, ensure_ascii=False))
        open(stem + ".pdf", "w").write(f"%PDF fake {seed} {kind}")
sys.exit(1 if failed else 0)
'''

FAKE_BINARY = r'''#!/usr/bin/env python3
import json, sys
if sys.argv[1] == "--version":
    print("fake 0.0"); sys.exit(0)
pdf, out = sys.argv[2], sys.argv[sys.argv.index("-o") + 1]
if "scanned" in pdf:
    print("issuepipe: warming up", file=sys.stderr)
    print(f"issuepipe: {pdf}: cannot read", file=sys.stderr)
    sys.exit(1)
truth = json.load(open(pdf[:-4] + ".truth.json"))
del truth["variant"]
truth["pipeline"] = {"name": "bri-biweekly"}
truth["pages"] = [{"number": n, "method": "text"} for n in (1, 2, 3)]
json.dump(truth, open(out, "w"), ensure_ascii=False)
'''


def test_run_end_to_end_with_a_fake_generator_and_binary(tmp_path, monkeypatch, capsys):
    gen = tmp_path / "gen.py"
    gen.write_text(FAKE_GENERATOR)
    (tmp_path / "gen.py.truth").write_text(json.dumps(make_truth(), ensure_ascii=False))
    binary = tmp_path / "issuepipe"
    binary.write_text(FAKE_BINARY)
    binary.chmod(0o755)
    monkeypatch.setattr(ev, "GENERATOR", gen)
    monkeypatch.setattr(ev, "generator_sha", lambda: "g1")
    th = tmp_path / "th.json"
    th.write_text(json.dumps({"born": {"cer.max": {"max": 0}}, "scanned": {"cer.max": {"max": 0}}}))
    out = tmp_path / "out"
    argv = ["run", "--seeds", "1000-1001", "--kinds", "born,scanned", "--out", str(out), "--bin", str(binary),
            "--check-thresholds", str(th)]
    # the scanned conversions fail: they score zero (CER 1) and the scanned threshold is missed
    assert ev.main(argv) == 1
    md = capsys.readouterr().out
    report = json.loads((out / "report.json").read_text())
    assert [v["id"] for v in report["variants"]] == ["v1000-fake-born", "v1001-fake-born",
                                                     "v1000-fake-scanned", "v1001-fake-scanned"]
    assert report["run"]["set"] == "tuning"
    born, scanned = report["groups"]["born"], report["groups"]["scanned"]
    assert (born["failures"], born["cer"]["max"], born["fields"]["paragraphs"]["strict"]["f1"]) == (0, 0.0, 1.0)
    assert (scanned["failures"], scanned["cer"]["mean"]) == (2, 1.0)
    assert report["variants"][2]["conversion"]["error"].endswith("cannot read")   # stderr's last line
    assert "| v1000-fake-scanned | scanned | test | 100.00% | 0.000 | 0.000 | conversion failed: issuepipe:" in md
    # a second run generates and converts nothing again
    mtime = (out / "outputs" / "v1000-fake-born.json").stat().st_mtime
    (out / "variants" / "v1000-fake-born.truth.json").touch()
    assert ev.main(argv[:-2]) == 0
    assert (out / "outputs" / "v1000-fake-born.json").stat().st_mtime == mtime
    assert json.loads((out / "outputs" / "v1000-fake-born.run.json").read_text())["ok"] is True


def test_run_names_the_variants_the_generator_could_not_make(tmp_path, monkeypatch, capsys):
    gen = tmp_path / "gen.py"
    gen.write_text(FAKE_GENERATOR)
    (tmp_path / "gen.py.truth").write_text(json.dumps(make_truth(), ensure_ascii=False))
    binary = tmp_path / "issuepipe"
    binary.write_text(FAKE_BINARY)
    binary.chmod(0o755)
    monkeypatch.setattr(ev, "GENERATOR", gen)
    monkeypatch.setattr(ev, "generator_sha", lambda: "g1")
    out = tmp_path / "out"
    assert ev.main(["run", "--seeds", "1001-1002", "--kinds", "born", "--out", str(out), "--bin", str(binary)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert [v["id"] for v in report["variants"]] == ["v1001-fake-born"]
    assert report["run"]["missing"] == ["1002 born"]
    assert "**Not generated** (1; see the generator's messages): 1002 born" in capsys.readouterr().out
