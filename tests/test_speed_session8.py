"""Session 8's fast paths give exactly the answers of the plain code they replaced: each test writes the
plain version here and compares, on generated input (small alphabets, so characters repeat and runs touch)
and on our own sentences (the non-blind gold bodies; ../shared is not needed).
"""
from __future__ import annotations

import math
import random
import re

import pytest

from shiju.context import AnalysisContext


@pytest.fixture(scope="module")
def gazetteer():
    from shiju.actors import get_gazetteer

    return get_gazetteer(AnalysisContext())


@pytest.fixture(scope="module")
def own_sentences(gold_sentence_sample: list[str]) -> list[str]:
    return gold_sentence_sample


# -- actors: compounds of initials ---------------------------------------------------------------------

def test_initial_runs_equal_a_pattern_per_character_set(gazetteer):
    from shiju.actors.discourse import _runs_of

    superset = sorted(set(gazetteer.initial_of.values()) | set(gazetteer.abbrev))
    rng = random.Random(8)
    for _ in range(2000):
        chars = set(rng.sample(superset, rng.randint(1, 10)))
        alphabet = sorted(chars) + rng.sample(superset, 4) + list("的了，。 a国")
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        want = [m.span() for m in re.finditer("[" + re.escape("".join(chars)) + "]{2,}", text)]
        assert list(_runs_of(gazetteer, text, chars)) == want, (text, sorted(chars))


# -- events: the learned detector ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def detector_model():
    from shiju.events import detector

    return detector.get_model(AnalysisContext())


def _plain_probabilities(model, features) -> list[float]:
    z = list(model.bias)
    for f in features:
        w = model.weights.get(f)
        if w is not None:
            for k, x in enumerate(w):
                z[k] += x
    return [1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, v)))) for v in z]


def test_detector_scores_and_proposals_equal_the_plain_loop(detector_model):
    from shiju.events import detector
    from shiju.events.lexicon import PLOVER_TYPES

    names = sorted(detector_model.weights)
    rng = random.Random(8)
    for _ in range(3000):
        feats = tuple(rng.sample(names, rng.randint(0, 40))) + ("w=not-a-feature",)
        want = _plain_probabilities(detector_model, feats)
        assert detector.probabilities(detector_model, feats) == want
        rule_types = frozenset(rng.sample(PLOVER_TYPES, rng.randint(0, 3)))
        sent = detector.Sentence("body", 0, 4, 0, 4, (("Ⓢ", 0, 1), ("说", 1, 2)), rule_types, feats)
        plain = [(t, p) for t, p in zip(PLOVER_TYPES, want)
                 if p >= detector_model.threshold and t not in rule_types]
        assert [(t, p) for t, p, _, _ in detector.proposals(detector_model, sent)] == plain


def test_clause_features_with_the_sentence_part_given_are_the_same(own_sentences):
    from shiju.events import detector

    rng = random.Random(8)
    for s in own_sentences[:1500]:
        toks = detector._tokens(s, 0, len(s), [], {})
        # some words masked as actors, as the linker would
        toks = [("Ⓢ" if rng.random() < 0.15 else w, a, b) for w, a, b in toks]
        if not toks:
            continue
        k = rng.randint(0, len(toks) - 1)
        clause = toks[k:k + rng.randint(1, 8)]
        rule = frozenset(rng.sample(["ACCUSE", "AGREE", "CONSULT"], rng.randint(0, 2)))
        args = (clause, toks, s, 0, len(s), 1, 3, rule, rule, rng.random() < 0.3)
        whole = detector.clause_features(*args)
        part = detector.sentence_features(toks, s, 0, len(s), rule, args[-1])
        assert detector.clause_features(*args, part) == whole


def test_detector_tokens_drop_exactly_blanks_and_punctuation(own_sentences):
    import rjieba

    from shiju.events import detector

    for s in own_sentences[:1500]:
        plain = [(w, a, b) for w, a, b in rjieba.tokenize(s)
                 if w.strip() and not all(ch in detector._PUNCT for ch in w)]
        assert detector._tokens(s, 0, len(s), [], {}) == plain


# -- resources shared by the contexts of a process ------------------------------------------------------

def test_contexts_share_a_resource_loaded_from_the_same_data(tmp_path):
    calls = []

    def load_from(ctx):
        return ctx.resource("test.shared", lambda: calls.append(ctx.data_dir) or {"n": len(calls)})

    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    a, b = AnalysisContext(data_dir=str(tmp_path)), AnalysisContext(data_dir=str(tmp_path))
    assert load_from(a) is load_from(b) and len(calls) == 1
    # another data folder, or the same folder edited: loaded again
    other = tmp_path / "other"
    other.mkdir()
    assert load_from(AnalysisContext(data_dir=str(other)))["n"] == 2
    (tmp_path / "a.yaml").write_text("x: 22\n", encoding="utf-8")
    assert load_from(AnalysisContext(data_dir=str(tmp_path)))["n"] == 3


def test_a_loader_capturing_another_value_or_a_context_override_is_not_shared(tmp_path, monkeypatch):
    def with_value(ctx, v):
        return ctx.resource("test.captured", lambda: [v])

    d = str(tmp_path)
    assert with_value(AnalysisContext(data_dir=d), object()) is not with_value(AnalysisContext(data_dir=d), object())
    assert with_value(AnalysisContext(data_dir=d), "a") == ["a"] and with_value(AnalysisContext(data_dir=d), "b") == ["b"]
    # a value set on one context stays its own (how tests and trainers switch a component off)
    from shiju import reactions
    from shiju.stance_decider import load_decider

    off = AnalysisContext()
    reactions.rules_only(off)
    assert off.resource("reactions.decider:", lambda: pytest.fail("loaded")) is None
    assert AnalysisContext().resource("reactions.decider:", lambda: load_decider(None)) is not None
    # provide() gives one context its own value; a new context still loads the shared one
    mine = AnalysisContext(data_dir=d)
    mine.provide("test.captured", ["mine"])
    assert with_value(mine, "a") == ["mine"] and with_value(AnalysisContext(data_dir=d), "a") == ["a"]
    # the switch to load per context
    monkeypatch.setenv("SHIJU_NO_SHARED_RESOURCES", "1")
    assert with_value(AnalysisContext(data_dir=d), "a") is not with_value(AnalysisContext(data_dir=d), "a")


def test_a_replaced_loading_function_is_not_served_from_the_shared_resources(monkeypatch):
    from shiju.events import detector

    real = detector.get_model(AnalysisContext())
    assert detector.get_model(AnalysisContext()) is real
    fake = detector.DetectorModel(weights={}, bias=real.bias, threshold=0.5, enabled=False)
    monkeypatch.setattr(detector, "load_model", lambda path: fake)
    assert detector.get_model(AnalysisContext()) is fake
