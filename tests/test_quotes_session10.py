"""Session 10 (issue 5): the clause after a partial quote in reported speech is an indirect quote of its own
(表示，A“B”，C → C), in a body and after a plain verb of saying only — each tested both ways on made-up text."""
from __future__ import annotations

import dataclasses

import pytest

from shiju import quotes
from shiju.evaluation import gold_document
from shiju.pipeline import Pipeline

_PREP = Pipeline(("normalize", "actors", "time"))
# Shipped off in session 10, on since session 11 (cues.yaml after_partial_clause); these tests switch it on.
_ON = dataclasses.replace(quotes.load_lexicon(), after_partial_clause=True)


def _quotes(body: str, comment: str | None = None, lex: quotes.Lexicon = _ON) -> list[tuple[str, str | None, str, bool]]:
    g = {"id": "t", "body": body}
    if comment is not None:
        g["comments"] = [{"id": "c1", "text": comment}]
    doc = _PREP(gold_document(g))
    by_part = quotes._mentions_by_part(doc)
    out = []
    for part in ["body"] + [f"comment:{c.id}" for c in doc.comments]:
        for q in quotes.analyse_part(doc, part, lex, lambda a, b: None, by_part):
            assert doc.view(q.part).original[q.start:q.end] == q.text  # every span points at its text
            out.append((q.part, q.speaker, q.text, q.direct))
    return out


@pytest.mark.parametrize("body, clause", [
    ("法国外长巴罗12日表示，这一决定“令人深感遗憾”，法国将继续推动欧盟内部的对话。", "法国将继续推动欧盟内部的对话"),
    ("日本外务省发言人说，相关做法“不可接受”，日方已通过外交渠道提出抗议。", "日方已通过外交渠道提出抗议"),
    ("德国总理默茨强调，欧洲必须“自己掌握命运”，如果美国撤出，欧洲将独自承担防务。",
     "如果美国撤出，欧洲将独自承担防务"),
    # 但 + the speaker's content (session 11: only a new act or another cue stops the clause)
    ("日本外务省发言人说，相关做法“不可接受”，但日方仍愿意继续沟通。", "但日方仍愿意继续沟通"),
])
def test_the_clause_after_a_partial_quote_is_an_indirect_quote(body, clause):
    got = _quotes(body)
    assert ("body", got[0][1], clause, False) in got, got
    assert any(direct for *_, direct in got)  # the marked words stay a direct quote of their own
    assert len({sp for _, sp, _, _ in got}) == 1  # both of the same speaker


@pytest.mark.parametrize("body, tail", [
    # the speaker's next act or a turn, not their words
    ("法国外长巴罗12日表示，这一决定“令人深感遗憾”，并宣布召回驻该国大使。", "召回驻该国大使"),
    # what happened next, in the writer's voice
    ("日本外务省发言人说，相关做法“不可接受”，海上保安厅随即派船前往现场。", "海上保安厅随即派船前往现场"),
    # the writer's gloss or the reaction, after a verb giving the marked words as a label
    ("德国总理默茨形容这一计划是“空中楼阁”，引发执政联盟内部不满。", "引发执政联盟内部不满"),
    ("德国总理默茨自称是“欧洲的守门人”，这与他此前的说法并不一致。", "这与他此前的说法并不一致"),
])
def test_the_speakers_next_act_or_the_writers_words_stay_out(body, tail):
    assert not any(tail in text for _, _, text, _ in _quotes(body))


def test_in_a_comment_the_clause_after_the_words_is_the_commenters():
    body = "法国总统马克龙12日访问北京。"
    comment = "马克龙说欧洲要“战略自主”，离了美国他啥也不是"
    got = [t for part, _, t, _ in _quotes(body, comment) if part == "comment:c1"]
    assert not any("离了美国" in t for t in got)


def test_switched_off_the_clause_is_no_quote():
    body = "法国外长巴罗12日表示，这一决定“令人深感遗憾”，法国将继续推动欧盟内部的对话。"
    assert "法国将继续推动欧盟内部的对话" in {t for _, _, t, _ in _quotes(body)}
    off = dataclasses.replace(_ON, after_partial_clause=False)
    assert "法国将继续推动欧盟内部的对话" not in {t for _, _, t, _ in _quotes(body, lex=off)}
    # the shipped setting: on since the session-11 ruling (docs/annotation.md, "After a partial quote")
    assert quotes.load_lexicon().after_partial_clause
