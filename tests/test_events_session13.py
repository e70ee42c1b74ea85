"""Session-13 rulings (docs/annotation.md, "Decided in session 13"): a vote against a resolution or bill is a
REJECT and a vote for it a SUPPORT, an abstention is no event; a denial is a REJECT and, when someone else's charge
against the denier was told before, the denied act is not coded a second time as negated; a year inside a
document's or a policy's name is not a time. Made-up sentences of our own."""
from __future__ import annotations

import pytest

from _pipeline_events import body_events
from shiju.pipeline import Pipeline
from shiju.time import resolve_text


def _events(events_pipe: Pipeline, body: str, published: str = "2024-03-06") -> list:
    return body_events(events_pipe, body, published)


def _typed(events_pipe: Pipeline, body: str, type_: str) -> list:
    return [e for e in _events(events_pipe, body) if e.type == type_ and not e.negated and not e.hypothetical]


# -- votes ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "俄罗斯4日在安理会就该决议草案投了反对票。",
    "表决中，匈牙利4日投下否决票。",
    "法国4日投票反对这项提案。",
])
def test_a_vote_against_is_a_rejection(events_pipe, body):
    assert [e.actor for e in _typed(events_pipe, body, "REJECT")] in (
        [["RUS"]], [["HUN"]], [["FRA"]])


def test_a_vote_for_is_support(events_pipe):
    got = _typed(events_pipe, "英国4日在安理会投了赞成票。", "SUPPORT")
    assert [e.actor for e in got] == [["GBR"]]


def test_an_abstention_is_no_event(events_pipe):
    assert _events(events_pipe, "印度4日在联合国大会投了弃权票。") == []


# -- denials --------------------------------------------------------------------------------------------------

def test_a_denial_after_a_charge_adds_only_the_rejection(events_pipe):
    body = "美国4日指责俄罗斯向朝鲜提供导弹。俄罗斯5日否认向朝鲜提供导弹。"
    evs = _events(events_pipe, body)
    assert any(e.type == "REJECT" and e.actor == ["RUS"] and e.date == "2024-03-05" and not e.negated for e in evs)
    assert not any(e.type == "AID" and e.negated for e in evs)


def test_a_denial_without_a_charge_keeps_the_negated_act(events_pipe):
    # nobody charged the denier in the text: the denied act stays, flagged negated, beside the REJECT
    evs = _events(events_pipe, "俄罗斯5日否认向朝鲜提供导弹。")
    assert any(e.type == "REJECT" and e.actor == ["RUS"] for e in evs)
    assert any(e.type == "AID" and e.negated for e in evs)


def test_a_charge_by_the_denier_itself_does_not_count(events_pipe):
    # the earlier charge is the denier's own (against someone else): the negated act is kept
    body = "俄罗斯4日指责美国向乌克兰提供导弹。俄罗斯5日否认向朝鲜提供导弹。"
    assert any(e.type == "AID" and e.negated for e in _events(events_pipe, body))


# -- a year in a document's name ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["日本政府2日发布2023年国防白皮书。", "美国发布了2022年国家安全战略。",
                                  "议会通过了2024年财政法案。", "2023年度报告显示了这一点。"])
def test_a_year_in_a_document_name_is_no_time(text):
    assert [t for t, _ in [(x.text, x.value) for x in resolve_text(text, "2024-03-06")] if "年" in t] == []


@pytest.mark.parametrize("text,want", [
    ("1945年美国通过租借法案。", "1945年"),       # a verb between: the year of the act
    ("2027年的政策将有所调整。", "2027年"),        # 的: a period, not a name
    ("根据2015年伊核协议，伊朗承诺限制铀浓缩。", "2015年"),  # agreements keep their year (the gold lists it)
    ("他2023年访问北京。", "2023年"),
])
def test_a_year_before_other_words_stays_a_time(text, want):
    assert want in [x.text for x in resolve_text(text, "2024-03-06")]


def test_a_vote_nobody_cast_is_no_event(events_pipe):
    # the negator stands before the voters, outside the modality window: the vote is not coded at all
    assert _typed(events_pipe, "尽管没有共和党议员投赞成票，众议院4日还是通过了决议。", "SUPPORT") == []


# -- lexicon gaps seen in two or more annotator sets ----------------------------------------------------------

@pytest.mark.parametrize("body,type_", [
    ("特朗普4日承认败选。", "CONCEDE"),
    ("巴基斯坦4日宣布对印度的航空公司关闭领空。", "SANCTION"),
    ("菲律宾警方4日发射催泪瓦斯驱散示威者。", "ASSAULT"),
    ("台湾海巡4日鸣枪示警。", "ASSAULT"),
    ("墨西哥总统4日强调，墨西哥的主权不容谈判。", "REJECT"),
])
def test_new_triggers_code_their_type(events_pipe, body, type_):
    assert any(e.type == type_ for e in _events(events_pipe, body))


@pytest.mark.parametrize("body,type_", [
    ("特朗普4日承认自己犯了错误。", "CONCEDE"),          # 承认 without an election word
    ("这一地区的领空4日恢复开放。", "SANCTION"),         # reopening, not closing
    ("催泪瓦斯的成分4日公布。", "ASSAULT"),             # the noun without a light verb: a topic
])
def test_new_triggers_do_not_fire_without_their_context(events_pipe, body, type_):
    assert not any(e.type == type_ for e in _events(events_pipe, body))
