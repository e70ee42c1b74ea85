"""The learned word-level trigger tagger (events/tagger.py): loading, proposals, and its place in the coder.

The sentences are made up; the models are tiny hand-written ones whose single weights decide, so each test
fails if the tagger or the coder's use of it stops doing what it says."""
from __future__ import annotations

from pathlib import Path

import pytest

from shiju.context import AnalysisContext
from shiju.events import tagger as tg
from shiju.events.lexicon import PLOVER_TYPES, get_lexicon
from shiju.model import Document
from shiju.pipeline import Pipeline

ZERO = (0.0,) * len(PLOVER_TYPES)


def _vec(type_: str, value: float) -> tuple[float, ...]:
    v = list(ZERO)
    v[PLOVER_TYPES.index(type_)] = value
    return tuple(v)


def _model(weights: dict[str, tuple[float, ...]], add: float = 0.5, retype: float = 1.0,
           enabled: bool = True) -> tg.TaggerModel:
    return tg.TaggerModel(weights=weights, bias=(-4.0,) * len(PLOVER_TYPES), add_threshold=add,
                          retype_threshold=retype, enabled=enabled, markers=tg.marker_words())


def _events(text: str, model: tg.TaggerModel | None) -> list[tuple[str, list[str], list[str]]]:
    ctx = AnalysisContext()
    if model is not None:
        ctx.provide("events.tagger", model)
    doc = Pipeline(["normalize", "actors", "time", "quotes", "events"], ctx=ctx)(
        Document(id="t", source="test", format="text", body=text, published="2024-03-05"))
    return [(e.type, e.actor, e.recipient) for e in doc.events if not e.negated and not e.hypothetical]


# a verb the lexicon does not hold (checked below), used as the tagger's new trigger
NEW_VERB = "数落"
SENTENCE = f"韩国外交部5日{NEW_VERB}日本。"


def test_new_verb_is_not_in_the_lexicon() -> None:
    assert get_lexicon(AnalysisContext()).find(NEW_VERB) == []


def test_tagger_adds_an_event_the_lexicon_misses() -> None:
    assert not any(t == "ACCUSE" for t, _, _ in _events(SENTENCE, None))
    got = _events(SENTENCE, _model({f"w={NEW_VERB}": _vec("ACCUSE", 9.0)}))
    assert any(t == "ACCUSE" and r == ["JPN"] for t, _, r in got)


def test_add_threshold_and_switch_hold_it_back() -> None:
    weights = {f"w={NEW_VERB}": _vec("ACCUSE", 9.0)}
    assert not any(t == "ACCUSE" for t, _, _ in _events(SENTENCE, _model(weights, add=1.0)))
    assert not any(t == "ACCUSE" for t, _, _ in _events(SENTENCE, _model(weights, enabled=False)))


def _proposals(text: str, model: tg.TaggerModel, actor_at_start: bool = True) -> list[tuple[int, int, str]]:
    lex = get_lexicon(AnalysisContext())
    found = lex.find(text)
    mentions = [(0, 2, "XXX")] if actor_at_start else []  # (the sentences open with a two-character actor)
    out = tg.with_proposals(model, found, text, 0, len(text), mentions, {}, [], False, lex)
    return [(a, b, t.type) for a, b, t in out]


def test_a_sentence_naming_no_actor_gets_no_proposal() -> None:
    text = "该国拍板邻国。"
    weights = {"w=拍板": _vec("AGREE", 9.0)}
    assert (2, 4, "AGREE") in _proposals(text, _model(weights))
    assert _proposals(text, _model(weights), actor_at_start=False) == []


def test_a_lexicon_trigger_is_kept_unless_retyped() -> None:
    text = "该国宣布痛斥邻国。"
    k = text.index("痛斥")
    weights = {"w=痛斥": _vec("PROTEST", 12.0)}
    assert (k, k + 2, "ACCUSE") in _proposals(text, _model(weights, retype=1.0))  # retyping off
    assert (k, k + 2, "PROTEST") in _proposals(text, _model(weights, retype=0.6))


def test_a_trigger_governing_a_complement_keeps_its_type() -> None:
    text = "该国要求邻国撤军。"
    k = text.index("要求")
    got = _proposals(text, _model({"w=要求": _vec("ACCUSE", 12.0)}, retype=0.5))
    assert (k, k + 2, "REQUEST") in got


def test_adjacent_words_of_one_type_are_one_trigger() -> None:
    text = "该国强硬拍板邻国。"
    got = _proposals(text, _model({"w=强硬": _vec("THREATEN", 9.0), "w=拍板": _vec("THREATEN", 9.0)}))
    k = text.index("强硬")
    assert (k, k + 4, "THREATEN") in got


def test_actor_mentions_are_masked_and_never_triggers() -> None:
    toks = tg.tokens("美国数落日本", 0, 6, [(0, 2, "USA"), (4, 6, "JPN")], {})
    assert [t.word for t in toks] == ["Ⓐ", "数落", "Ⓐ"]
    _, feats, _ = tg.sentence_features("美国数落日本", 0, 6, [(0, 2, "USA"), (4, 6, "JPN")], {}, [], [], False, ())
    assert feats[0] is None and feats[2] is None and "w=数落" in feats[1] and "p1act" in feats[1]


def test_probabilities_sum_below_one() -> None:
    m = _model({"w=x": _vec("AID", 3.0)})
    ps = tg.probabilities(m, ["w=x"])
    assert max(ps) == ps[PLOVER_TYPES.index("AID")] and sum(ps) < 1.0


@pytest.mark.parametrize("body, message", [
    ("enabled: maybe\n", "enabled must be true or false"),
    ("enabled: true\nadd_threshold: 0\n", "add_threshold must lie in"),
    ("enabled: true\nbias: \"1 2\"\n", "bias needs 16 numbers"),
    ("enabled: true\nweights:\n  \"w=x\": \"1 2 3\"\n", "weight of 'w=x' needs 16 numbers"),
])
def test_malformed_weights_files_are_named(tmp_path: Path, body: str, message: str) -> None:
    f = tmp_path / "tagger.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(tg.TaggerError, match=message) as exc:
        tg.load_model(f)
    assert str(f) in str(exc.value)


def test_shipped_file_loads() -> None:
    m = tg.get_model(AnalysisContext())
    assert isinstance(m.enabled, bool) and 0 < m.add_threshold <= 1


def test_a_switched_off_file_is_read_without_its_weights(tmp_path: Path) -> None:
    f = tmp_path / "tagger.yaml"
    f.write_text('enabled: false\nadd_threshold: 0.4\nweights:\n  "w=x": "not numbers"\n', encoding="utf-8")
    m = tg.load_model(f)
    assert m.enabled is False and m.weights == {} and m.add_threshold == 0.4
    f.write_text('enabled: true\nadd_threshold: 0.4\nweights:\n  "w=x": "not numbers"\n', encoding="utf-8")
    with pytest.raises(tg.TaggerError):
        tg.load_model(f)
