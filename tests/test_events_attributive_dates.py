"""A time opening an attributive clause (2018年签署的《协议》, 10月9日公布的管制) dates the act that clause names,
not the event of the clause around it; after a source word (根据…公布的声明) it still dates the content
(cues.yaml `dates`)."""
from __future__ import annotations

import pytest

from shiju.model import Document
from shiju.pipeline import Pipeline

STAGES = ("normalize", "actors", "time", "quotes", "events")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(STAGES)


def _dates(pipe: Pipeline, body: str, type_: str) -> list[str | None]:
    doc = pipe(Document(id="t-attr", source="test", format="text", body=body, published="2024-11-20"))
    for e in doc.events:  # offsets still hold
        assert doc.body[e.start:e.end] == e.sentence or e.sentence in doc.body
    return [e.date for e in doc.events if e.type == type_]


def test_a_signing_date_inside_an_attributive_clause_does_not_date_the_act(pipe):
    # the suspension is dated by its own clause's 18日, not by the treaty's 2018年
    assert _dates(pipe, "韩国政府18日宣布，全面暂停2018年签署的军事协议。", "SANCTION") == ["2024-11-18"]
    # without a date of its own, the act falls back to publication, not to the treaty's year
    got = _dates(pipe, "韩国政府宣布，全面暂停2018年签署的军事协议。", "SANCTION")
    assert got and all(d != "2018" for d in got)


def test_the_same_time_before_the_act_itself_still_dates_it(pipe):
    # no attributive 的: 2018年 dates the clause's own act
    got = _dates(pipe, "韩国政府2018年宣布全面暂停军事协议。", "SANCTION")
    assert got == ["2018"]


def test_after_a_source_word_the_published_date_dates_the_content(pipe):
    got = _dates(pipe, "根据中美12日公布的联合声明，美方将取消对中国商品加征的关税。", "CONCEDE")
    assert got == ["2024-11-12"]
