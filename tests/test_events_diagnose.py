"""The oracle diagnosis of event misses (shiju.events.diagnose): each miss and false positive lands in the
class its definition says, on a hand-built coded document (no pipeline, so the classes are exact)."""
from __future__ import annotations

import pytest

from shiju.events.diagnose import diagnose, diagnose_document
from shiju.events.lexicon import build_lexicon
from shiju.model import Actor, Document, Event, Mention


def _doc(body: str, actors: dict[str, list[str]], events: list[tuple[str, list[str], list[str], str]]) -> Document:
    doc = Document(id="d", source="test", format="gold", body=body)
    for aid, names in actors.items():
        ms = []
        for n in names:
            i = body.find(n)
            assert i >= 0, n
            ms.append(Mention(i, i + len(n), n))
        doc.actors.append(Actor(id=aid, type="state", country=aid, mentions=ms))
    for k, (t, a, r, trig) in enumerate(events):
        i = body.find(trig)
        s = body.rfind("。", 0, i) + 1
        e = body.find("。", i) + 1
        doc.events.append(Event(id=f"e{k}", type=t, mode=None, context=[], actor=a, recipient=r, date=None,
                                date_text=None, negated=False, future=False, hypothetical=False, historical=False,
                                sentence=body[s:e], start=s, end=e, trigger=trig, trigger_start=i,
                                trigger_end=i + len(trig)))
    return doc


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon()


def test_reachable_swap_and_false_positive_twin(lexicon) -> None:
    body = "美国谴责俄罗斯。日本与韩国会谈。"
    doc = _doc(body, {"USA": ["美国"], "RUS": ["俄罗斯"], "JPN": ["日本"], "KOR": ["韩国"]},
               [("ACCUSE", ["RUS"], ["USA"], "谴责"), ("CONSULT", ["JPN", "KOR"], [], "会谈")])
    g = {"id": "d", "events": [{"type": "ACCUSE", "actor": ["USA"], "recipient": ["RUS"], "text": "谴责"},
                               {"type": "CONSULT", "actor": ["JPN", "KOR"], "text": "会谈"}]}
    d = diagnose_document(g, doc, lexicon)
    assert (d.gold, d.tp, d.fp, len(d.misses)) == (2, 1, 1, 1)
    m = d.misses[0]
    assert m.argument == "reachable:swap" and m.trigger == "gold_type" and m.coded_here == "gold_type"
    assert d.false_positives[0].kind == "arguments"


def test_linker_and_convention_classes(lexicon) -> None:
    body = "法国在会上发言。美国谴责俄罗斯。日本与韩国会谈。"
    doc = _doc(body, {"USA": ["美国"], "RUS": ["俄罗斯"], "JPN": ["日本"], "KOR": ["韩国"], "FRA": ["法国"]},
               [("ACCUSE", ["USA"], [], "谴责"), ("CONSULT", ["JPN"], ["KOR"], "会谈")])
    g = {"id": "d", "events": [
        {"type": "ACCUSE", "actor": ["USA"], "recipient": ["CHN"], "text": "谴责"},  # CHN never linked
        {"type": "CONSULT", "actor": ["JPN", "KOR"], "text": "会谈"},  # reciprocal listing
    ]}
    d = diagnose_document(g, doc, lexicon)
    by_type = {m.type: m for m in d.misses}
    assert by_type["ACCUSE"].argument == "linker:not_linked"
    assert by_type["ACCUSE"].roles == {"actor": "ok", "recipient": "not_linked"}
    assert by_type["CONSULT"].argument == "convention:reciprocal"


def test_uncoded_miss_without_trigger_and_overcoding(lexicon) -> None:
    body = "日本首相出席峰会。美国总统发表讲话。"
    doc = _doc(body, {"JPN": ["日本"], "USA": ["美国"]}, [("THREATEN", ["USA"], [], "发表讲话")])
    g = {"id": "d", "events": [{"type": "CONSULT", "actor": ["JPN"], "text": "出席峰会"}]}
    d = diagnose_document(g, doc, lexicon)
    assert d.misses[0].coded_here == "nothing" and d.misses[0].argument == ""
    assert d.misses[0].kind == "no event of this type"
    assert d.false_positives[0].kind == "overcoding"


def test_argument_subclasses_say_which_side_is_wrong_and_why(lexicon) -> None:
    body = "法国表示反对。美国谴责俄罗斯和中国。日本批评韩国。德国宣布制裁。它随后援助乌克兰。"
    doc = _doc(body, {"USA": ["美国"], "RUS": ["俄罗斯"], "CHN": ["中国"], "JPN": ["日本"], "KOR": ["韩国"],
                      "FRA": ["法国"], "DEU": ["德国"], "UKR": ["乌克兰"]},
               [("ACCUSE", ["USA"], ["RUS"], "谴责"),        # a compound recipient short of a member
                ("ACCUSE", ["JPN"], [], "批评"),              # no recipient at all
                ("AID", ["UKR"], [], "援助")])                # the subject elided (它): not in the sentence
    g = {"id": "d", "events": [
        {"type": "ACCUSE", "actor": ["USA"], "recipient": ["RUS", "CHN"], "text": "谴责"},
        {"type": "ACCUSE", "actor": ["JPN"], "recipient": ["KOR"], "text": "批评"},
        {"type": "AID", "actor": ["DEU"], "recipient": ["UKR"], "text": "援助"},
    ]}
    d = diagnose_document(g, doc, lexicon)
    by_text = {m.text: m for m in d.misses}
    assert by_text["谴责"].sides == "recipient" and by_text["谴责"].sub == {"recipient": "missing_member"}
    assert by_text["批评"].sub == {"recipient": "empty"}
    assert by_text["援助"].sides == "both"
    assert by_text["援助"].sub["actor"] == "not_in_sentence"
    assert d.tables()["argument_subclass"]["recipient:missing_member"] == 1


def test_refuses_blind_files() -> None:
    with pytest.raises(SystemExit, match="blind"):
        diagnose(["tests/gold/blind_x.yaml"])
