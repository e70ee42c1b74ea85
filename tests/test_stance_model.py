"""Stance backoff model (shiju.stance_model): features mask actor names, the model file loads or fails
naming the file, training is deterministic and learns a separable toy set, and the reactions stage asks
the model only about actors no cue judged."""
from __future__ import annotations

from pathlib import Path

import pytest

from shiju.model import Comment, Document
from shiju.pipeline import Pipeline
from shiju.reactions import comment_stance, load_lexicon, rules_only
from shiju.stance_model import LABELS, BackoffModel, StanceModelError, features, load_model, train

GROUPS = {"question": ("？",), "negator": ("不",)}


def test_features_mask_names_and_mark_the_judged_actor() -> None:
    text = "美国不如日本？"
    ments = [(0, 2, "USA"), (4, 6, "JPN")]
    f = features(text, ments, "USA", False, GROUPS)
    assert "s:Ⓐ不" in f and "s:如Ⓞ" in f and "g:question" in f and "g:negator" in f
    assert not any("美" in x or "日本" in x for x in f)  # no weight can be tied to a name
    assert "pre:CL" in f and "nact=2" in f and "reply" not in f
    g = features(text, ments, "JPN", True, GROUPS)
    assert "s:Ⓞ不" in g and "pre:X" in g and "reply" in g


def test_training_is_deterministic_and_separates_a_toy_set() -> None:
    ex = [({"bias", "s:好"}, "support"), ({"bias", "s:烂"}, "oppose"), ({"bias", "s:说"}, "neutral")] * 3
    w1, w2 = train(ex, epochs=100), train(ex, epochs=100)
    assert w1 == w2
    model = BackoffModel(w1, {}, 0.0)
    assert [model.predict({"bias", k}) for k in ("s:好", "s:烂", "s:说")] == list(LABELS)


def test_packaged_model_loads() -> None:
    m = load_model()
    assert m is not None and len(m.weights) > 100 and "question" in m.groups


def test_bad_model_file_names_file(tmp_path: Path) -> None:
    (tmp_path / "stance").mkdir()
    assert load_model(str(tmp_path)) is None  # no model: the cue rules alone
    (tmp_path / "stance" / "backoff.yaml").write_text("weights: {bias: [1, 2]}\n", encoding="utf-8")
    with pytest.raises(StanceModelError, match="backoff.yaml.*bias"):
        load_model(str(tmp_path))


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    p = Pipeline()
    rules_only(p.ctx)  # the backoff is asked about what the rules leave; the decider is tested elsewhere
    return p


def _stance(pipe: Pipeline, text: str, use_model: bool = True) -> dict[str, str]:
    """Stance per actor of a one-comment document, with the packaged backoff model (shipped switched
    off, so passed explicitly here) or without it."""
    doc = pipe(Document(id="m", source="m", format="t", body="各方发表评论。", published="2025-01-01",
                        comments=[Comment(id="c1", author="u", text=text)]))
    model = load_model() if use_model else None
    out = comment_stance(doc, "comment:c1", load_lexicon(None), frozenset(), model)
    return {s.actor: s.stance for s in out}


def test_shipped_switched_off(pipe: Pipeline) -> None:
    m = load_model()
    assert m is not None and not m.enabled
    doc = pipe(Document(id="m", source="m", format="t", body="各方发表评论。", published="2025-01-01",
                        comments=[Comment(id="c1", author="u", text="英国又被晾在一边了")]))
    assert {s.actor: s.stance for s in doc.comments[0].stance}.get("GBR") == "neutral"  # rules alone


def test_backoff_never_overrides_a_cue(pipe: Pipeline) -> None:
    # cue words decide whatever the model would say
    assert _stance(pipe, "支持日本，日本加油")["JPN"] == "support"
    assert _stance(pipe, "日本真无耻")["JPN"] == "oppose"


def test_backoff_judges_what_no_cue_reaches(pipe: Pipeline) -> None:
    # open-class wording no lexicon lists gets a side; a bare report stays neutral
    assert _stance(pipe, "英国又被晾在一边了").get("GBR") == "oppose"
    assert _stance(pipe, "英国又被晾在一边了", use_model=False).get("GBR") == "neutral"
    assert _stance(pipe, "德国总理默茨出席了峰会。").get("per:friedrich-merz") == "neutral"
    assert _stance(pipe, "中国外交部今天发表声明").get("org:chn-ministry-of-foreign-affairs") == "neutral"


def test_evidence_margin_keeps_the_prior_from_deciding() -> None:
    # shape features alone favour "oppose"; with no word evidence the label is neutral
    w = {"pre:CL": (0.0, 3.0, 0.0), "s:好": (2.0, 0.0, 0.0)}
    m = BackoffModel(w, {}, 0.0, 0.5)
    assert m.predict({"pre:CL"}) == "neutral"
    assert m.predict({"pre:CL", "s:好"}) == "neutral"  # the best total (oppose) has no words for it
    assert BackoffModel(w, {}, 0.0, -10.0).predict({"pre:CL"}) == "oppose"
    assert m.predict({"s:好"}) == "support"
