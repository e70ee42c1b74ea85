"""The learned parts of the quotes stage: the quote detector (shiju.quote_detector) and the speaker chooser
(shiju.quote_chooser), each tested both ways (on and off) against the rules."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from shiju import quote_chooser as qc
from shiju import quote_detector as qd
from shiju import quotes
from shiju.context import AnalysisContext
from shiju.evaluation import Report, gold_document, load_gold, score_quotes
from shiju.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent / "gold"


def _on(m):
    return dataclasses.replace(m, enabled=True)


def _off(m):
    return dataclasses.replace(m, enabled=False)


@pytest.fixture(scope="module")
def models():
    return qd.load_detector(), qc.load_chooser()


@pytest.fixture(scope="module")
def prepared():
    """Quote gold documents (two small sets) through the stages before quotes, once."""
    pipe = Pipeline(("normalize", "actors", "time"))
    gold = load_gold([GOLD / "quotes_news.yaml", GOLD / "quotes_commentary.yaml", GOLD / "quotes_forum.yaml"])
    return [(g, pipe(gold_document(g))) for g in gold]


def _run(doc, detector, chooser):
    lex = quotes.load_lexicon()
    by_part = quotes._mentions_by_part(doc)
    return [q for part, _ in doc.parts()
            for q in quotes.analyse_part(doc, part, lex, lambda a, b: None, by_part, detector, chooser)]


def test_shipped_weights_load(models):
    det, ch = models
    assert set(det.apply) <= set(qd.APPLY) and 0 < det.threshold_add < 1
    assert ch.apply in qc.APPLY
    # trained files carry weights; a feature of each kind the stage emits is among them
    assert any(k.startswith("len:") for k in det.weights) and "rule:ok" in det.weights
    assert "rule" in ch.weights and "NONE" in ch.weights


def test_disabled_equals_rules(models, prepared):
    det, ch = models
    for _, doc in prepared:
        rules = _run(doc, None, None)
        assert _run(doc, _off(det), _off(ch)) == rules


def test_offsets_hold_with_models_on(models, prepared):
    det, ch = models
    for _, doc in prepared:
        for q in _run(doc, _on(det), _on(ch)):
            assert doc.part_text(q.part)[q.start:q.end] == q.text
            if q.speaker_start is not None:
                assert doc.part_text(q.part)[q.speaker_start:q.speaker_end] == q.speaker_text


def test_scare_quote_documents_both_ways(models, prepared):
    """Documents annotated `quotes: []` (commentary full of scare terms) give no quote, models on or off."""
    det, ch = models
    empty = [(g, d) for g, d in prepared if g.get("quotes") == []]
    assert empty
    for dm, cm in ((None, None), (_on(det), _on(ch))):
        rep = Report()
        for g, doc in empty:
            doc.quotes = _run(doc, dm, cm)
            score_quotes(g, doc, rep)
        assert rep.scores["quotes"].fp == 0, rep.errors


@pytest.mark.parametrize("text", [
    "美方所谓的“航行自由”不过是霸权的借口。",
    "中方欢迎各国参与“一带一路”倡议，双方还举行了“2+2”会谈。",
    "外交部发言人表示，日方应停止炒作所谓“中国威胁”。",
    "林剑说，美方打着“航行自由”的旗号在南海挑衅。",
    "报道称，两国将举行“QUAD”框架下的会晤。",
    "美国推行“印太战略”。",
    "台湾当局继续推行“去中国化”。",
    "特朗普政府对华发动“贸易战”。",
    "美国和日本近年来不断强化“同盟关系”。",
])
def test_terms_stay_terms_with_models_on(models, text):
    """Scare quotes and names in marks are no quotes, with the models on as with the rules."""
    det, ch = models
    doc = Pipeline(("normalize", "actors", "time"))(gold_document({"id": "t", "body": text}))
    for dm, cm in ((None, None), (_on(det), _on(ch))):
        got = _run(doc, dm, cm)
        assert not [q for q in got if q.direct and q.text in ("航行自由", "一带一路", "2+2", "中国威胁", "QUAD", "印太战略",
                                                              "去中国化", "贸易战", "同盟关系")], got


def test_detector_adds_a_short_partial_quote(models):
    """The case the detector exists for: short marked words inside a reported clause, which the rules'
    length guard holds for a term (they report the whole clause; the annotators mark the words)."""
    det, _ = models
    if not det.enabled:
        pytest.skip("detector shipped disabled")
    doc = Pipeline(("normalize", "actors", "time"))(gold_document(
        {"id": "t", "body": "林芳正发表谈话，表示政府会「冷静应对」有关措施。"}))
    rules = {q.text for q in _run(doc, None, None)}
    got = {q.text: q.speaker for q in _run(doc, det, None)}
    assert "冷静应对" not in rules and got.get("冷静应对") == "per:yoshimasa-hayashi"


def test_detector_decision_rules():
    m = qd.DetectorModel(enabled=True, apply=("add",), bias=0.0, threshold_add=0.7, threshold_drop=0.2,
                         weights={"good": 3.0, "bad": -3.0})
    assert qd.decide(m, ("good",), False) is True  # added: p = 0.95
    assert qd.decide(m, ("bad",), True) is True  # `add` only: never drops
    assert qd.decide(dataclasses.replace(m, apply=("add", "drop")), ("bad",), True) is False
    assert qd.decide(m, (), False) is False  # p = 0.5 < 0.7
    assert qd.decide(_off(m), ("good",), False) is False  # off: the rules' verdict


def test_chooser_fill_keeps_linked_rules():
    cands = [qc.Candidate("per:a", 0, 2, ("x",)), qc.Candidate("per:b", 3, 5, ("y",)),
             qc.Candidate(None, None, None, ("NONE",))]
    m = qc.ChooserModel(enabled=True, apply="fill", weights={"y": 2.0})
    assert qc.choose(m, cands, 0, True) == 0  # rules linked a speaker: kept under `fill`
    assert qc.choose(m, cands, 2, False) == 1  # rules linked nobody: the chooser picks
    assert qc.choose(dataclasses.replace(m, apply="all"), cands, 0, True) == 1
    assert qc.choose(_off(m), cands, 2, False) == 2


@pytest.mark.parametrize("body, msg", [
    ("enabled: maybe\napply: [add]\nbias: 0\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: {}\n", "enabled"),
    ("enabled: true\napply: [sometimes]\nbias: 0\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: {}\n", "apply"),
    ("enabled: true\napply: [add]\nbias: 0\nthreshold_add: 1.5\nthreshold_drop: 0.5\nweights: {}\n", "threshold_add"),
    ("enabled: true\napply: [add]\nbias: 0\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: {a: x}\n", "weights.a"),
    ("enabled: true\napply: [add]\nbias: 0\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: [1, 2]\n", "weights"),
    ("- just a list\n", "mapping"),
    ("enabled: [unclosed\n", "cannot read"),
])
def test_malformed_detector_weights_name_the_file(tmp_path, body, msg):
    p = tmp_path / "detector.yaml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(qd.DetectorError) as e:
        qd.load_detector(p)
    assert str(p) in str(e.value) and msg in str(e.value)


@pytest.mark.parametrize("body, msg", [
    ("enabled: 1\napply: fill\nweights: {}\n", "enabled"),
    ("enabled: true\napply: some\nweights: {}\n", "apply"),
    ("enabled: true\napply: fill\nweights: {rule: .inf}\n", "rule"),
    ("enabled: true\napply: fill\n", "weights"),
])
def test_malformed_chooser_weights_name_the_file(tmp_path, body, msg):
    p = tmp_path / "chooser.yaml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(qc.ChooserError) as e:
        qc.load_chooser(p)
    assert str(p) in str(e.value) and msg in str(e.value)


def test_missing_weights_file_names_it(tmp_path):
    with pytest.raises(qd.DetectorError, match="detector.yaml"):
        qd.load_detector(data_dir=str(tmp_path))
    with pytest.raises(qc.ChooserError, match="chooser.yaml"):
        qc.load_chooser(data_dir=str(tmp_path))


def test_retraining_is_deterministic(tmp_path, monkeypatch):
    """The training commands on a small fixture (one gold file, 2 folds, one C) write identical files."""
    pytest.importorskip("numpy")
    from shiju import train_quote_chooser, train_quote_detector, train_quote_indirect

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    for mod, name in ((train_quote_detector, "det"), (train_quote_chooser, "ch"), (train_quote_indirect, "ind")):
        outs = []
        for k in range(2):
            out = tmp_path / f"{name}.yaml"  # one path: the command in _meta names it
            assert mod.main(["tests/gold/quotes_news.yaml", "--exclude=-00[89]$", "--folds", "2",
                             "--c", "1", "--date", "2000-01-01", "--enable", "no", "--out", str(out)]) == 0
            outs.append(out.read_text(encoding="utf-8"))
        assert outs[0] == outs[1]
        assert "enabled: false" in outs[0] and "weights:" in outs[0]


def test_branches_default_to_the_first_detector(tmp_path):
    """A weights file without `branches` sees the candidates of the first detector only; a bad list is
    refused naming the file."""
    base = "enabled: true\napply: [add]\nbias: 0\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: {}\n"
    p = tmp_path / "detector.yaml"
    p.write_text(base, encoding="utf-8")
    assert qd.load_detector(p).branches == ("adj", "gov")
    p.write_text(base + "branches: [adj, gov, nocue]\n", encoding="utf-8")
    assert qd.load_detector(p).branches == ("adj", "gov", "nocue")
    p.write_text(base + "branches: [anywhere]\n", encoding="utf-8")
    with pytest.raises(qd.DetectorError) as e:
        qd.load_detector(p)
    assert str(p) in str(e.value) and "branches" in str(e.value)


_NOCUE = ("以色列总理内塔尼亚胡当天宣布以色列“处于战争状态”。\n"
          "日本政府已通过外交渠道向俄罗斯表达“严重关切”。\n"
          "美国推行“印太战略”已有多年。\n")


def test_nocue_branch_only_when_listed(models):
    """Marked words with no cue verb are seen only by a detector listing `nocue`: without it the output is
    the first detector's; with it, a partial quote is attributed to the actor before the marks, offsets
    hold, and the author's term stays a term."""
    det, _ = models
    doc = Pipeline(("normalize", "actors", "time"))(gold_document({"id": "t", "body": _NOCUE}))
    old = dataclasses.replace(det, enabled=True, branches=("adj", "gov"))
    favour = dict(det.weights, **{"b:nocue": 8.0})
    new = dataclasses.replace(old, branches=("adj", "gov", "nocue"), weights=favour)
    first = {q.text for q in _run(doc, old, None)}
    got = {q.text: q for q in _run(doc, new, None)}
    assert "处于战争状态" not in first and "处于战争状态" in got
    assert got["处于战争状态"].speaker == "per:benjamin-netanyahu" and got["处于战争状态"].cue is None
    for q in got.values():
        assert doc.part_text(q.part)[q.start:q.end] == q.text
    # 美国推行“印太战略”: a nocue candidate too, but the shipped weights must keep it a term
    if "nocue" in det.branches:
        shipped = {q.text for q in _run(doc, det, None)}
        assert "印太战略" not in shipped


def _run3(doc, detector, indirect):
    lex = quotes.load_lexicon()
    by_part = quotes._mentions_by_part(doc)
    return [q for part, _ in doc.parts()
            for q in quotes.analyse_part(doc, part, lex, lambda a, b: None, by_part, detector, None, indirect)]


def test_indirect_decider_disabled_equals_rules(models, prepared):
    """The shipped decider of reported clauses, switched off, gives exactly the rules' quotes; switched on,
    every span keeps its offsets."""
    det, _ = models
    ind = qd.load_indirect()
    for _, doc in prepared:
        base = _run3(doc, det, None)
        assert _run3(doc, det, _off(ind)) == base
        for q in _run3(doc, det, _on(ind)):
            assert doc.part_text(q.part)[q.start:q.end] == q.text


def test_indirect_decider_candidates():
    """With a decider that takes every candidate, an appeal without a comma (呼吁有关各方…) and the clause
    after a partial quote (表示，A“B”，C) become indirect quotes of the linked speaker; the rules take
    neither. A decider that rejects everything drops the rules' own clause."""
    body = ("中国外交部8日呼吁有关各方保持冷静克制，立即停火。\n"
            "北约秘书长吕特当天表示，俄罗斯的行为“完全鲁莽”，北约将进一步加强东翼防空部署。\n"
            "美国国务卿布林肯表示，美方将继续与盟友密切协调。\n")
    doc = Pipeline(("normalize", "actors", "time"))(gold_document({"id": "t", "body": body}))
    take = qd.DetectorModel(enabled=True, apply=("add", "drop"), bias=9.0, threshold_add=0.5,
                            threshold_drop=0.5, weights={})
    drop = dataclasses.replace(take, bias=-9.0)
    rules = {q.text for q in _run3(doc, None, None) if not q.direct}
    got = {q.text: q for q in _run3(doc, None, take) if not q.direct}
    assert "有关各方保持冷静克制，立即停火" not in rules
    assert got["有关各方保持冷静克制，立即停火"].speaker == "org:chn-ministry-of-foreign-affairs"
    assert got["北约将进一步加强东翼防空部署"].speaker == "per:mark-rutte"
    assert "美方将继续与盟友密切协调" in rules
    assert "美方将继续与盟友密切协调" not in {q.text for q in _run3(doc, None, drop)}


def test_malformed_indirect_weights_name_the_file(tmp_path):
    p = tmp_path / "indirect.yaml"
    p.write_text("enabled: true\napply: [add]\nbias: x\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: {}\n",
                 encoding="utf-8")
    with pytest.raises(qd.DetectorError) as e:
        qd.load_indirect(p)
    assert str(p) in str(e.value) and "bias" in str(e.value)
    with pytest.raises(qd.DetectorError, match="indirect.yaml"):
        qd.load_indirect(data_dir=str(tmp_path / "none"))
