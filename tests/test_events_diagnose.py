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


def _cand(body: str, trig: str, verdict: str):
    from shiju.events.typer import Candidate

    i = body.find(trig)
    return Candidate(part="body", start=i, end=i + len(trig), trigger=trig, verdict=verdict, features=())


def _lost(g: dict, doc: Document, trace, lexicon) -> dict[str, str]:
    d = diagnose_document(g, doc, lexicon, trace)
    return {m.text: m.lost for m in d.misses if m.detection}


def test_detection_misses_say_where_the_coder_lost_them(lexicon) -> None:
    """One made-up document, one detection miss per class: each lands where the trace says it was lost."""
    from shiju.events.diagnose import Trace

    body = ("日本谴责朝鲜。韩国与美国会谈。法国警告德国。英国表示不满。"
            "俄罗斯宣布制裁乌克兰。中国想念印度。越南批评菲律宾。泰国称赞缅甸。")
    ids = {"JPN": ["日本"], "PRK": ["朝鲜"], "KOR": ["韩国"], "USA": ["美国"], "FRA": ["法国"], "DEU": ["德国"],
           "GBR": ["英国"], "RUS": ["俄罗斯"], "UKR": ["乌克兰"], "CHN": ["中国"], "IND": ["印度"],
           "VNM": ["越南"], "PHL": ["菲律宾"], "THA": ["泰国"], "MMR": ["缅甸"]}
    final = _doc(body, ids, [("CONSULT", ["KOR", "USA"], [], "会谈")])
    final.events[0].negated = True  # flagged against gold
    rules = _doc(body, ids, [("SANCTION", ["RUS"], ["UKR"], "制裁"), ("CONSULT", ["KOR", "USA"], [], "会谈")]).events
    rules[1].negated = True
    trace = Trace(rules_events=rules, candidates=[
        _cand(body, "谴责", "gate:unlicensed"), _cand(body, "会谈", "CONSULT"), _cand(body, "警告", "noargs"),
        _cand(body, "制裁", "SANCTION"), _cand(body, "批评", "REJECT")])
    g = {"id": "d", "events": [
        {"type": "ACCUSE", "actor": ["JPN"], "recipient": ["PRK"], "text": "谴责"},
        {"type": "CONSULT", "actor": ["KOR", "USA"], "text": "会谈"},
        {"type": "THREATEN", "actor": ["FRA"], "recipient": ["DEU"], "text": "警告"},
        {"type": "SANCTION", "actor": ["RUS"], "recipient": ["UKR"], "text": "制裁"},
        {"type": "SUPPORT", "actor": ["CHN"], "recipient": ["IND"], "text": "想念"},
        {"type": "SUPPORT", "actor": ["THA"], "recipient": ["MMR"], "text": "称赞"},
        {"type": "ACCUSE", "actor": ["VNM"], "recipient": ["PHL"], "text": "批评"},
    ]}
    lost = _lost(g, final, trace, lexicon)
    assert lost["谴责"] == "guard:unlicensed"
    assert lost["会谈"] == "modality:negated"
    assert lost["警告"] == "no_actor"
    assert lost["制裁"] == "overcoding_filter:right"  # the rules had it right, the filter dropped it
    assert lost["想念"] == "no_trigger:none"  # not a trigger, and the sentence has none
    assert lost["称赞"] == "sentence_skipped"  # a trigger, but no candidate was built in its sentence
    assert lost["批评"] == "retyped:REJECT"
    t = diagnose_document(g, final, lexicon, trace).tables()
    assert t["detection_misses"] == 7 and t["lost"]["no_actor"] == 1


def test_a_miss_coded_in_its_sentence_is_no_detection_miss(lexicon) -> None:
    from shiju.events.diagnose import Trace

    body = "美国谴责俄罗斯。"
    doc = _doc(body, {"USA": ["美国"], "RUS": ["俄罗斯"]}, [("ACCUSE", ["RUS"], ["USA"], "谴责")])
    g = {"id": "d", "events": [{"type": "ACCUSE", "actor": ["USA"], "recipient": ["RUS"], "text": "谴责"}]}
    d = diagnose_document(g, doc, lexicon, Trace(rules_events=list(doc.events), candidates=[]))
    assert not d.misses[0].detection and d.misses[0].lost == ""
