"""A negator of fact or a modal of possibility right before a coverb governs the verb the coverb phrase
leads to, however long the phrase and whoever is named inside it (cues.yaml `scope_coverbs`); refusals
and demands keep the window rule (annotation, Auxiliary modes)."""
from __future__ import annotations

import pytest

from shiju.model import Document
from shiju.pipeline import Pipeline

STAGES = ("normalize", "actors", "time", "quotes", "events")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(STAGES)


def _of(pipe: Pipeline, body: str, type_: str) -> list:
    doc = pipe(Document(id="t-scope", source="test", format="text", body=body, published="2024-05-25"))
    return [e for e in doc.events if e.type == type_]


@pytest.mark.parametrize("flagged, plain, type_, flag", [
    ("美方坦言，这次谈判未能使被伊朗扣押的两名美国记者获释。", "这次谈判使被伊朗扣押的两名美国记者获释。",
     "RETREAT", "negated"),
    ("欧盟没有像对待俄罗斯那样对白俄罗斯实施制裁。", "欧盟像对待俄罗斯那样对白俄罗斯实施了制裁。", "SANCTION", "negated"),
    ("英国表示将考虑对参与镇压示威的官员实施制裁。", "英国宣布对参与镇压示威的官员实施制裁。", "SANCTION", "hypothetical"),
])
def test_a_cue_before_a_coverb_phrase_governs_its_verb(pipe, flagged, plain, type_, flag):
    evs = _of(pipe, flagged, type_)
    assert evs and all(getattr(e, flag) for e in evs)  # kept, flagged, not counted
    evs = _of(pipe, plain, type_)
    assert evs and not any(e.negated or e.hypothetical for e in evs)


def test_a_refusal_before_a_coverb_stays_a_positive_reject(pipe):
    evs = _of(pipe, "乌方不会与俄罗斯进行谈判。", "REJECT")
    assert evs and not any(e.negated or e.hypothetical for e in evs)


def test_the_phrase_must_lead_to_the_trigger_without_a_predicate_of_its_own():
    # 未 + 与 opens a phrase, but 将 inside it starts a new predicate: the sanction is not negated
    from shiju.events.lexicon import build_lexicon
    from shiju.events.modality import flags_for

    lex = build_lexicon()
    text = "未与美国合作的银行将被制裁。"
    f = flags_for(text, 0, 0, 0, text.index("制裁"), lex)
    assert not f.negated
    text = "并未使被美国制裁的伊朗银行恢复交易。"  # the same cue with no predicate inside: negated
    assert flags_for(text, 0, 0, 0, text.index("恢复"), lex).negated
