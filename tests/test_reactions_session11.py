"""Stance attachment settings of session 11 (`attachment:` in data/stance/lexicon.yaml, shipped at the
sessions 1-10 behaviour): which actor a cue goes to when its clause names no actor before it (`topic`), and
what a cue inside a reply's quoted lines counts for (`quoted_lines_factor`). Each setting tested both ways on
made-up comments, with the cue rules alone."""
from __future__ import annotations

import dataclasses

import pytest

from shiju.model import Comment, Document
from shiju.pipeline import Pipeline
from shiju.reactions import StanceDataError, load_lexicon, rules_only


def _pipe(**settings) -> Pipeline:
    p = Pipeline()
    rules_only(p.ctx)
    if settings:
        p.ctx.provide(f"reactions.stance:{p.ctx.data_dir or ''}", dataclasses.replace(load_lexicon(), **settings))
    return p


def _stance(p: Pipeline, text: str) -> dict[str, str]:
    doc = p(Document(id="r", source="r", format="t", body="菲律宾总统访问美国。", published="2021-03-18",
                     comments=[Comment(id="c0", author="u", text=text)]))
    return {s.actor: s.stance for s in doc.comments[0].stance}


def test_shipped_settings_are_the_old_behaviour() -> None:
    lex = load_lexicon()
    assert lex.topic == "first" and lex.quoted_factor == 1.0 and not lex.quoted_apart


@pytest.mark.parametrize("text, actor, first, free", [
    # a verdict after a clause whose only actor follows a preposition: the earlier sentence's topic is meant
    ("杜特尔特是真汉子！敢跟美国说不，点赞", "per:rodrigo-duterte", "neutral", "support"),
    # the head of A的B is the subject, not A
    ("民进党的赖清德反对这个法案，算是有骨气", "per:lai-ching-te", "neutral", "support"),
])
def test_topic_free_skips_prepositional_objects_and_possessors(text: str, actor: str, first: str, free: str) -> None:
    assert _stance(_pipe(), text).get(actor, "neutral") == first
    assert _stance(_pipe(topic="free"), text).get(actor, "neutral") == free


def test_topic_nearest_takes_the_nearest_clause_subject() -> None:
    text = "选举舞弊在先，欧盟都查出来了，马杜罗还想连任，下台活该"
    assert _stance(_pipe(topic="nearest"), text).get("per:nicolas-maduro") == "oppose"
    assert _stance(_pipe(), text).get("per:nicolas-maduro", "neutral") == "neutral"


def test_quoted_lines_factor_reverses_the_parents_praise() -> None:
    text = "> 普京这次干得漂亮\n漂亮什么，就是在送人头"
    assert _stance(_pipe(), text).get("per:vladimir-putin") == "support"
    assert _stance(_pipe(quoted_factor=-1.0), text).get("per:vladimir-putin") == "oppose"


def test_quoted_lines_apart_keeps_own_words_off_quoted_actors() -> None:
    text = "> 轮不到日本插嘴\n说得好！"
    assert _stance(_pipe(), text).get("JPN") == "support"
    assert _stance(_pipe(quoted_apart=True), text).get("JPN", "neutral") == "neutral"


def test_bad_attachment_settings_are_data_errors(tmp_path) -> None:
    from shiju.reactions import _attachment_of

    with pytest.raises(StanceDataError):
        _attachment_of("x", {"topic": "closest"})
    with pytest.raises(StanceDataError):
        _attachment_of("x", {"quoted_lines_factor": "half"})
    assert _attachment_of("x", {}) == {"topic": "first", "quoted_apart": False, "quoted_factor": 1.0}
