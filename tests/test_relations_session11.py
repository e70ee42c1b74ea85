"""Relations stage, session 11 (issue 7, news relations): a group written A与B、C relates A to each of the
list and the list's members not to each other; a suspended relation is negated; a state taking or holding
an organisation's rotating chair is its member; 结成联盟; 两国 counts countries only, and a forum named before a
meeting word is no party of it. Each tested both ways on sentences of our own."""
from __future__ import annotations

import pytest

from shiju.model import Document
from shiju.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])


def _rels(pipe: Pipeline, body: str) -> list:
    return pipe(Document(id="t", source="t", format="t", body=body, published="2024-03-08")).relations


def _pos(pipe: Pipeline, body: str) -> set[tuple[str, str, str]]:
    out = set()
    for r in _rels(pipe, body):
        if not (r.negated or r.hypothetical):
            a, b = (r.a, r.b) if r.type in ("dependence", "membership") else tuple(sorted((r.a, r.b)))
            out.add((r.type, a, b))
    return out


def test_hub_relates_first_to_each_of_the_list(pipe: Pipeline) -> None:
    got = _pos(pipe, "日本同越南、菲律宾均已建立全面战略伙伴关系。")
    assert ("partnership", "JPN", "VNM") in got and ("partnership", "JPN", "PHL") in got
    assert ("partnership", "PHL", "VNM") not in got


def test_plain_group_still_relates_every_pair(pipe: Pipeline) -> None:
    got = _pos(pipe, "越南、菲律宾和日本是全面战略伙伴。")
    assert ("partnership", "PHL", "VNM") in got and ("partnership", "JPN", "PHL") in got


def test_suspended_partnership_is_negated(pipe: Pipeline) -> None:
    rels = [r for r in _rels(pipe, "英国外交部5日宣布暂停与缅甸的全面伙伴关系。") if r.type == "partnership"]
    assert rels and all(r.negated for r in rels)
    got = _pos(pipe, "英国外交部5日宣布与缅甸建立全面伙伴关系。")
    assert any(t == "partnership" and "MMR" in (a, b) for t, a, b in got)


@pytest.mark.parametrize("body, member, org", [
    ("波兰1月1日接任欧盟轮值主席国。", "POL", "org:eu"),
    ("印尼总统佐科作为东盟轮值主席发表讲话。", "IDN", "org:asean"),
])
def test_rotating_chair_is_membership(pipe: Pipeline, body: str, member: str, org: str) -> None:
    doc = pipe(Document(id="t", source="t", format="t", body=body, published="2024-03-08"))
    country = {a.id: a.country or a.id for a in doc.actors}
    assert any(r.type == "membership" and r.b == org and country.get(r.a, r.a) == member and not r.negated
               for r in doc.relations)


def test_chair_of_a_meeting_is_no_membership(pipe: Pipeline) -> None:
    assert not any(r.type == "membership" for r in _rels(pipe, "波兰外长主持了会议。"))


def test_forming_an_alliance(pipe: Pipeline) -> None:
    assert ("alliance", "FJI", "NZL") in _pos(pipe, "新西兰与斐济签署条约，两国由此结成联盟。")
    assert not any(r.type == "alliance" for r in _rels(pipe, "新西兰与斐济签署条约，两国由此结成贸易伙伴。"))


def test_forum_before_a_meeting_word_is_no_party_of_liangguo(pipe: Pipeline) -> None:
    body = "新西兰总理和斐济总理在出席太平洋岛国论坛领导人会议期间签署条约，两国由此结成联盟。"
    assert ("alliance", "FJI", "NZL") in _pos(pipe, body)


def test_liangguo_stands_for_the_nearest_pair(pipe: Pipeline) -> None:
    body = "日本和韩国两国外长会晤。法国与德国举行会谈，两国是重要盟友。"
    got = _pos(pipe, body)
    assert ("alliance", "DEU", "FRA") in got and ("alliance", "JPN", "KOR") not in got


def test_liangguo_counts_no_organisation(pipe: Pipeline) -> None:
    body = "芬兰和瑞典向北约递交申请。北约秘书长接过两国大使递交的申请书。两国均为欧盟成员国。"
    rels = _rels(pipe, body)
    assert not any(r.a == "org:nato" and r.b == "org:eu" for r in rels)
