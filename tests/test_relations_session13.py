"""Relations stage, session 13 (issue 7): a bare 三国/四国 with no list nearer stands for the one coordinated
list the part counted with the same word before (X、Y和Z三国…。…。三国都是…); not when two different lists
were counted, and not for 两国. Sentences of our own."""
from __future__ import annotations

import pytest

from shiju.model import Document
from shiju.pipeline import Pipeline

FILLER = "会议持续了两天。与会代表还参观了当地的水电站。"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])


def _pos(pipe: Pipeline, body: str) -> set[tuple[str, str, str]]:
    doc = pipe(Document(id="t", source="t", format="t", body=body, published="2024-03-08"))
    out = set()
    for r in doc.relations:
        if not (r.negated or r.hypothetical):
            a, b = (r.a, r.b) if r.type in ("dependence", "membership") else tuple(sorted((r.a, r.b)))
            out.add((r.type, a, b))
    return out


def test_three_states_counted_sentences_before(pipe: Pipeline) -> None:
    got = _pos(pipe, "越南、老挝和柬埔寨三国外长12日在万象举行会晤，讨论湄公河水资源问题。" + FILLER + "三国都是东盟成员国。")
    assert {("membership", x, "org:asean") for x in ("VNM", "LAO", "KHM")} <= got


def test_two_different_counted_lists_leave_it_unresolved(pipe: Pipeline) -> None:
    got = _pos(pipe, "越南、老挝和柬埔寨三国外长12日在万象举行会晤。" + FILLER
               + "泰国、缅甸和印度三国代表也发表了声明。" + FILLER + "三国都是东盟成员国。")
    assert not any(t == "membership" and b == "org:asean" for t, _, b in got)


def test_two_states_are_not_carried_over_the_part(pipe: Pipeline) -> None:
    got = _pos(pipe, "越南和老挝两国外长12日在万象举行会晤。" + FILLER + "两国都是东盟成员国。")
    assert not any(t == "membership" and b == "org:asean" for t, _, b in got)


def test_founders_before_zucheng_de_without_you(pipe: Pipeline) -> None:
    got = _pos(pipe, "泰国、马来西亚和新加坡组成的东盟是地区合作的核心。")
    assert {("membership", x, "org:asean") for x in ("THA", "MYS", "SGP")} <= got


def test_zucheng_de_a_delegation_is_no_membership(pipe: Pipeline) -> None:
    got = _pos(pipe, "越南和老挝官员组成的代表团访问了印度。")
    assert not any(t == "membership" for t, _, _ in got)
