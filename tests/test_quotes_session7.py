"""Session 7 of the quotes stage: cross-validation grouped by source set, the stated threshold rule of the
detector, the features that tell names and titles in marks from speech, and 说得 as no cue — each both ways."""
from __future__ import annotations

import dataclasses

import pytest

from shiju import quote_detector as qd
from shiju import quotes
from shiju.evaluation import gold_document
from shiju.pipeline import Pipeline
from shiju.train_quote_detector import GoldDoc, cv_splits, scare_safe, short_adds, source_set


def _prep(body: str, comments: list | None = None):
    g = {"id": "t", "body": body, **({"comments": comments} if comments else {})}
    return Pipeline(("normalize", "actors", "time"))(gold_document(g))


def _run(doc, detector=None, indirect=None):
    lex = quotes.load_lexicon()
    by_part = quotes._mentions_by_part(doc)
    return [q for part, _ in doc.parts()
            for q in quotes.analyse_part(doc, part, lex, lambda a, b: None, by_part, detector, None, indirect)]


def _gd(i: int, file: str, quotes_: list | None = None) -> GoldDoc:
    return GoldDoc({"id": f"d{i}", "_file": file, "quotes": quotes_ if quotes_ is not None else [1]}, None)


def test_source_sets_and_leave_one_set_out():
    docs = [_gd(0, "tests/gold/quotes_dev5.yaml"), _gd(1, "tests/gold/fresh5_news_001.yaml"),
            _gd(2, "tests/gold/fresh6_forum_003.yaml"), _gd(3, "tests/gold/quotes_news.yaml"),
            _gd(4, "tests/gold/fresh5_forum_002.yaml")]
    assert [source_set(d) for d in docs] == ["dev", "fresh5", "fresh6", "dev", "fresh5"]
    splits = cv_splits(docs, 5, "sets")
    assert [name for name, _, _ in splits] == ["dev", "fresh5", "fresh6"]
    for name, train, test in splits:
        assert {source_set(d) for d in test} == {name}
        assert name not in {source_set(d) for d in train}
        assert len(train) + len(test) == len(docs)
    # one set alone cannot be left out: document folds instead
    only = [d for d in docs if source_set(d) == "dev"]
    assert [n for n, _, _ in cv_splits(only, 2, "sets")] == ["fold0", "fold1"]
    assert [n for n, _, _ in cv_splits(docs, 2, "docs")] == ["fold0", "fold1"]


_SCARE = "评论：韩国外交明显转向「实用外交」，首尔的「低强度缓和」路线遭到质疑。\n"


def test_scare_safe_raises_the_threshold_only_when_needed():
    """The stated threshold rule: a model that makes a quote of a scare quote in a `quotes: []` document
    gets a higher threshold_add; one that adds nothing to the rules there keeps its own."""
    doc = _prep(_SCARE)
    calm = qd.DetectorModel(enabled=True, apply=("add",), bias=-9.0, threshold_add=0.5, threshold_drop=0.5,
                            weights={}, branches=("adj", "gov", "nocue"))
    gd = GoldDoc({"id": "t", "quotes": []}, doc)
    m, ta = scare_safe([gd], calm)
    assert ta == 0.5 and m == calm
    # a model whose probability is 0.62 on every candidate takes marked words the rules leave (no cue verb):
    # on a document annotated with no quote, its threshold is raised past 0.62
    eager = dataclasses.replace(calm, bias=0.5)
    doc2 = _prep("以色列总理内塔尼亚胡当天宣布以色列“处于战争状态”。\n")
    assert not _run(doc2, None) and _run(doc2, eager)
    m2, ta2 = scare_safe([GoldDoc({"id": "t2", "quotes": []}, doc2)], eager)
    assert ta2 == 0.65 and not _run(doc2, m2)


@pytest.mark.parametrize("said, judged", [
    ("拜登说，这就是对民主的攻击。", "拜登说得对，这就是对民主的攻击。"),
    ("其实印度外交部说，欧洲买俄罗斯的气更多。", "其实印度外交部说得也没错，欧洲买俄罗斯的气更多。"),
])
def test_said_well_is_the_commenters_judgement(said, judged):
    """X说得对，… judges X's words in the commenter's voice: no quote; X说，… stays a quote of X."""
    for text, want in ((said, True), (judged, False)):
        doc = _prep("新闻转帖。\n", [{"id": "c1", "author": "网友", "text": text, "reply_to": None}])
        got = [q for q in _run(doc, qd.load_detector()) if q.part == "comment:c1"]
        assert bool(got) is want, (text, got)
        for q in got:
            assert doc.part_text(q.part)[q.start:q.end] == q.text


def _features_of(doc, detector):
    """(content, features) of every marked group the detector is asked about."""
    seen = []
    real = qd.decide

    def hook(m, feats, rule_ok, where=None):
        seen.append((doc.part_text(where[0])[where[1]:where[2]], feats))
        return real(m, feats, rule_ok, where)
    qd.decide = hook
    try:
        _run(doc, detector)
    finally:
        qd.decide = real
    return dict(seen)


def test_name_and_term_features():
    """Marked words followed by 一词/等, ending in a person noun (an honour), or spelling an actor's name
    carry the features the detector weighs against speech; a marked clause ending a sentence does not."""
    body = ("美国国务卿布林肯表示，“脱钩”一词被滥用了。\n"
            "中国新闻周刊授予张丽钧“年度文化传播人物”。\n"
            "日本首相岸田文雄宣布“我们将坚决应对。”\n")
    doc = _prep(body)
    det = dataclasses.replace(qd.load_detector(), enabled=True, branches=("adj", "gov", "nocue"))
    feats = _features_of(doc, det)
    assert "post:term" in feats.get("脱钩", ())
    assert "end:title" in feats.get("年度文化传播人物", ())
    got = feats.get("我们将坚决应对。", ())
    if got:
        assert "end:sent" in got and "end:title" not in got and "post:term" not in got


def test_scare_safe_check_text_bounds_short_marked_quotes():
    """With unannotated check documents, the threshold rises until the model adds no more short marked
    quotes there than the detector shipped before (here one that adds none)."""
    doc = _prep("以色列总理内塔尼亚胡当天宣布以色列“处于战争状态”。\n")
    calm = qd.DetectorModel(enabled=True, apply=("add",), bias=-9.0, threshold_add=0.5, threshold_drop=0.5,
                            weights={}, branches=("adj", "gov", "nocue"))
    eager = dataclasses.replace(calm, bias=0.5)
    assert short_adds([doc], calm) == 0 and short_adds([doc], eager) == 1
    m, ta = scare_safe([], eager, [doc], calm)
    assert ta == 0.65 and short_adds([doc], m) == 0
    # a current detector that adds as much leaves the threshold where CV put it
    assert scare_safe([], eager, [doc], eager)[1] == 0.5


@pytest.mark.parametrize("unnamed, named", [
    ("分析人士认为，此案恐给中日关系再添变数。", "日本外务省发言人认为，此案恐给中日关系再添变数。"),
    ("知情人士透露，军方战机当天轰炸了快速支援部队的阵地。", "苏丹军方透露，军方战机当天轰炸了快速支援部队的阵地。"),
])
def test_indirect_quotes_need_a_linked_speaker(unnamed, named, tmp_path):
    """An unmarked reported clause of an unnamed source (分析人士, 知情人士) is no quote
    (indirect_needs_speaker, shipped on since session 10); the same clause after a linked speaker is; with
    the setting off the unnamed source's clause comes back."""
    on = dataclasses.replace(quotes.load_lexicon(), indirect_needs_speaker=True)
    for text, want in ((unnamed, False), (named, True)):
        doc = _prep(text + "\n")
        got = [q for q in quotes.analyse_part(doc, "body", on, lambda a, b: None, quotes._mentions_by_part(doc))
               if not q.direct]
        assert bool(got) is want, (text, got)
        for q in got:
            assert q.speaker and doc.part_text(q.part)[q.start:q.end] == q.text
    # the shipped setting drops it; off, the unnamed source's clause is a speakerless quote, as before
    assert quotes.load_lexicon().indirect_needs_speaker
    doc = _prep(unnamed + "\n")
    assert not any(not q.direct and q.speaker is None for q in _run(doc))
    off = dataclasses.replace(on, indirect_needs_speaker=False)
    got = quotes.analyse_part(doc, "body", off, lambda a, b: None, quotes._mentions_by_part(doc))
    assert any(not q.direct and q.speaker is None for q in got)


def test_shipped_detector_keeps_names_and_honours_out():
    """The shipped weights: an honour awarded in marks and a term named by 一词 are no quotes; a verdict in
    marks after a named speaker's verb still is one (both ways)."""
    body = ("中国新闻周刊授予张丽钧“年度文化传播人物”。\n"
            "美国国务卿布林肯表示，“脱钩”一词被滥用了。\n"
            "以色列总理内塔尼亚胡当天宣布以色列“处于战争状态”。\n")
    doc = _prep(body)
    got = {q.text for q in _run(doc, qd.load_detector())}
    assert "年度文化传播人物" not in got and "脱钩" not in got
