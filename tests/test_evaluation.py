"""The scorer itself: matching rules of docs/annotation.md, on hand-built predictions."""
from __future__ import annotations

from shiju.evaluation import evaluate, gold_document, load_gold
from shiju.model import Actor, Event, Mention, Quote, TimeExpr

GOLD = {
    "id": "g1",
    "published": "2021-03-18",
    "body": "18日，布林肯在首尔会见郑义溶。布林肯表示，会谈富有成果。",
    "actors": [
        {"text": "布林肯", "id": "per:antony-blinken"},
        {"text": "首尔", "id": "KOR"},
        {"text": "郑义溶", "id": "per:chung-eui-yong"},
        {"text": "布林肯", "id": "per:antony-blinken"},
    ],
    "times": [{"text": "18日", "value": "2021-03-18"}],
    "quotes": [{"speaker": "per:antony-blinken", "text": "会谈富有成果", "direct": False}],
    "events": [
        {"type": "CONSULT", "actor": ["USA"], "recipient": ["per:chung-eui-yong"], "date": "2021-03-18"},
        {"type": "ACCUSE", "actor": ["USA"], "recipient": ["KOR"], "negated": True},
    ],
}


def _event(doc, type_, actor, recipient, **kw):
    base = dict(id=type_, type=type_, mode=None, context=[], actor=actor, recipient=recipient,
                date="2021-03-18", date_text=None, negated=False, future=False, hypothetical=False,
                historical=False, sentence=doc.body[:15], start=0, end=15)
    base.update(kw)
    return Event(**base)


def fake_pipeline(doc):
    b = doc.body
    doc.actors = [
        Actor(id="per:antony-blinken", country="USA",
              mentions=[Mention(b.index("布林肯"), b.index("布林肯") + 3, "布林肯"),
                        Mention(b.rindex("布林肯"), b.rindex("布林肯") + 3, "布林肯")]),
        Actor(id="per:chung-eui-yong", country="KOR", mentions=[Mention(b.index("郑义溶"), b.index("郑义溶") + 3, "郑义溶")]),
        # a wrong link: 首尔 to the wrong state is both a miss and a false positive
        Actor(id="JPN", country="JPN", mentions=[Mention(b.index("首尔"), b.index("首尔") + 2, "首尔")]),
    ]
    doc.times = [TimeExpr(text="18日", start=0, end=3, value="2021-03-19")]
    s = b.index("会谈富有成果")
    doc.quotes = [Quote(id="q", speaker="per:antony-blinken", speaker_text="布林肯", text="会谈富有成果",
                        direct=False, cue="表示", start=s, end=s + 6)]
    doc.events = [
        _event(doc, "CONSULT", ["per:antony-blinken"], ["per:chung-eui-yong"]),
        _event(doc, "ACCUSE", ["per:antony-blinken"], ["KOR"]),  # gold says negated: counted wrongly
    ]
    return doc


def test_scores_follow_matching_rules():
    rep = evaluate([GOLD], pipeline=fake_pipeline)
    a = rep.scores["actors"]
    assert (a.tp, a.fp, a.fn) == (3, 1, 1)
    t = rep.scores["times"]
    assert (t.tp, t.fp, t.fn) == (1, 0, 0)
    assert rep.accuracies["time_values"].right == 0
    q = rep.scores["quotes"]
    assert (q.tp, q.fp, q.fn) == (1, 0, 0)
    assert rep.accuracies["quote_direct"].right == 1
    e = rep.scores["events"]
    # ISO3 gold code accepts Blinken (country USA); the negated gold event does not count as a hit
    assert (e.tp, e.fp, e.fn) == (1, 1, 0)
    assert rep.counted_flagged == 1
    assert rep.accuracies["event_dates"].right == 1


def test_unannotated_components_are_not_scored():
    def one_time(doc):
        doc.times = [TimeExpr(text="没有", start=0, end=2, value="2021")]
        return doc

    g = {"id": "g2", "body": "没有标注。", "times": []}
    rep = evaluate([g], pipeline=one_time)
    assert "actors" not in rep.scores
    assert rep.scores["times"].fp == 1


def test_load_gold_reports_file_and_reason(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("documents:\n- {id: x}\n", encoding="utf-8")
    try:
        load_gold([bad])
    except ValueError as exc:
        assert "bad.yaml" in str(exc) and "body" in str(exc)
    else:
        raise AssertionError("a gold document without body must be rejected")


def test_gold_document_carries_comments_not_annotations():
    doc = gold_document({"id": "g3", "body": "正文", "comments": [{"id": "c1", "author": "u", "text": "评论"}],
                         "actors": [{"text": "正文", "id": "X"}]})
    assert doc.comments[0].text == "评论" and doc.actors == []


def test_local_gold_id_accepts_gazetteer_actor_with_exactly_that_name():
    from shiju.evaluation import id_acceptable
    from shiju.model import Document

    doc = Document(id="d", source="t", format="gold", body="基廷说。")
    doc.actors = [
        Actor(id="per:paul-keating", name_zh="保罗·基廷", aliases=["基廷"]),
        Actor(id="per:someone-keating", name_zh="约翰·基廷"),
        Actor(id="local:基廷博士"),
    ]
    assert id_acceptable(["local:基廷"], "per:paul-keating", doc)  # one of its names is the gold name
    assert not id_acceptable(["local:基廷"], "per:someone-keating", doc)  # the gold name is only a part
    assert id_acceptable(["local:基廷"], "local:基廷博士", doc)  # local against local: containment, as before
    assert not id_acceptable(["local:金"], "per:paul-keating", doc)


def test_missed_events_are_classified_by_nearest_output():
    gold = {
        "id": "g2", "published": "2021-03-18", "body": GOLD["body"],
        "events": [
            {"type": "CONSULT", "actor": ["USA"], "recipient": ["JPN"]},        # recipient wrong
            {"type": "ACCUSE", "actor": ["USA"], "recipient": ["per:chung-eui-yong"]},  # other type
            {"type": "ASSAULT", "actor": ["PRK"], "recipient": ["JPN"]},        # nothing like it
        ],
    }

    def pipeline(doc):
        doc = fake_pipeline(doc)
        doc.events = [_event(doc, "CONSULT", ["per:antony-blinken"], ["per:chung-eui-yong"])]
        return doc

    rep = evaluate([gold], pipeline=pipeline)
    assert dict(rep.event_misses) == {
        "right type and actor, wrong recipient": 1,
        "right actor and recipient, other type": 1,
        "no event of this type": 1,
    }


def test_wrong_attributions_are_counted_apart_from_missing_speakers():
    """P/R count a wrong speaker no worse than none; the attribution counts tell them apart."""
    gold = dict(GOLD, quotes=[{"speaker": "per:antony-blinken", "text": "会谈富有成果", "direct": False},
                              {"speaker": "per:chung-eui-yong", "text": "首尔", "direct": True},
                              {"speaker": "per:chung-eui-yong", "text": "18日", "direct": True}])
    gold.pop("events")

    def speakers(*who):
        def pipe(doc):
            doc = fake_pipeline(doc)
            b = doc.body
            spans = [(b.index("会谈富有成果"), 6), (b.index("首尔"), 2), (0, 3)]
            doc.quotes = [Quote(id=f"q{k}", speaker=w, speaker_text=None, text=b[s:s + n], direct=True, cue=None,
                                start=s, end=s + n) for k, ((s, n), w) in enumerate(zip(spans, who))]
            return doc
        return pipe

    rep = evaluate([gold], pipeline=speakers("per:antony-blinken", "JPN", None))
    q, qa = rep.scores["quotes"], rep.as_dict()["quote_attribution"]
    assert (q.tp, q.fp, q.fn) == (1, 0, 2)  # the wrong and the missing speaker score alike here …
    assert (qa["right"], qa["wrong"], qa["unattributed"], qa["matched"]) == (1, 1, 1, 3)  # … not here
    assert qa["wrong_rate"] == round(1 / 3, 4)
    acc = rep.accuracies["quote_speaker"]
    assert (acc.right, acc.total) == (1, 2)  # right among the quotes given a speaker
    rep = evaluate([gold], pipeline=speakers("per:antony-blinken", None, None))
    assert rep.as_dict()["quote_attribution"]["wrong"] == 0 and rep.accuracies["quote_speaker"].value == 1.0
    from shiju import modelcard

    block = modelcard.render(rep.as_dict(), None, ["g"])
    assert "right 1, wrong 0, unattributed 2 of 3" in block and "quote_speaker.accuracy" in block


def _relation(a, b, type_, part="body", **kw):
    from shiju.model import Relation

    return Relation(id=f"{a}{b}{type_}{part}", a=a, b=b, type=type_, date=None, sentence="", start=0, end=0,
                    part=part, **kw)


REL_GOLD = {
    "id": "g-rel",
    "published": "2024-05-01",
    "body": "韩国是美国的盟友。",
    "comments": [{"id": "c1", "text": "日本和菲律宾也是美国的盟友。"}, {"id": "c2", "text": "越南跟中国是伙伴。"}],
    "relations": [
        {"a": "KOR", "b": "USA", "type": "alliance"},
        {"a": "JPN", "b": "USA", "type": "alliance", "part": "comment:c1"},
        {"a": "PHL", "b": "USA", "type": "alliance", "part": "comment:c1"},
        {"a": "VNM", "b": "CHN", "type": "partnership", "part": "comment:c2", "negated": True},
    ],
}


def _score_relations(preds):
    def pipeline(doc):
        doc.relations = list(preds)
        return doc

    rep = evaluate([REL_GOLD], pipeline=pipeline)
    body, comments = rep.scores["relations"], rep.scores["comment_relations"]
    return (body.tp, body.fp, body.fn), (comments.tp, comments.fp, comments.fn)


def test_comment_relations_are_scored_apart_from_the_body():
    # every relation in its own part: the body's in the headline, the comments' in comment_relations
    body, comments = _score_relations([_relation("KOR", "USA", "alliance"),
                                       _relation("USA", "JPN", "alliance", "comment:c1"),
                                       _relation("PHL", "USA", "alliance", "comment:c1")])
    assert body == (1, 0, 0) and comments == (2, 0, 0)


def test_a_relation_in_the_wrong_part_matches_nothing():
    # the comment's alliance told by the body is a body false positive and a comment miss; the body's
    # alliance found only in a comment is a comment false positive and a body miss; one comment's
    # relation found in another comment matches nothing either
    body, comments = _score_relations([_relation("JPN", "USA", "alliance"),
                                       _relation("KOR", "USA", "alliance", "comment:c2"),
                                       _relation("PHL", "USA", "alliance", "comment:c2")])
    assert body == (0, 1, 1) and comments == (0, 2, 2)


def test_flagged_comment_relations_are_not_counted_either_way():
    body, comments = _score_relations([_relation("KOR", "USA", "alliance"),
                                       _relation("VNM", "CHN", "partnership", "comment:c2", negated=True)])
    assert body == (1, 0, 0) and comments == (0, 0, 2)


def test_news_without_comments_has_no_comment_relation_score():
    g = {k: v for k, v in REL_GOLD.items() if k != "comments"}
    g["relations"] = [REL_GOLD["relations"][0]]

    def pipeline(doc):
        doc.relations = [_relation("KOR", "USA", "alliance")]
        return doc

    rep = evaluate([g], pipeline=pipeline)
    assert "comment_relations" not in rep.scores and rep.scores["relations"].tp == 1
