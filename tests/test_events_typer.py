"""The learned event typer (shiju/events/typer.py), its hook in the coder and its training (train_typer.py)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from shiju.data import data_path
from shiju.events import detector as dt
from shiju.events import train_typer as tt
from shiju.events import typer as ty
from shiju.model import Document
from shiju.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
STAGES = ("normalize", "actors", "time", "quotes", "events")
BODY = ("新华社首尔3月18日电 美国国务卿布林肯18日在首尔会见韩国外长郑义溶。\n"
        "郑义溶表示，韩方将与美方密切合作。俄罗斯外交部发言人扎哈罗娃当天谴责美国和日本在东海举行联合军演。\n"
        "美方此前多次向台湾出售武器。")
BODY_HANT = "（中央社記者台北22日電）中國外交部21日宣布召回駐立陶宛大使，立陶宛外交部隨後表示遺憾。"


def _doc(body: str, i: str = "t-ty") -> Document:
    return Document(id=i, source="test", format="text", body=body, published="2021-03-18")


def _code(model: ty.TyperModel | None, body: str = BODY, record: bool = False):
    pipe = Pipeline(STAGES)
    # the typer alone decides what the lexicon's candidates become: the event detector, which adds events
    # where the rules coded none, is off here
    pipe.ctx.provide("events.detector", dataclasses.replace(
        dt.load_model(data_path("events", "detector.yaml")), enabled=False))
    if model is not None:
        ty.use_model(pipe.ctx, model)
    if record:
        with ty.recording() as rec:
            doc = pipe(_doc(body))
        return doc, [c for cs in rec for c in cs]
    return pipe(_doc(body)), []


@pytest.fixture(scope="module")
def shipped() -> ty.TyperModel:
    words = ty.load_words(data_path("events", "typer_features.yaml"))
    return ty.load_model(data_path("events", "typer.yaml"), words)


def _events(doc: Document) -> list[tuple]:
    return [(e.type, e.mode, tuple(e.actor), tuple(e.recipient), e.trigger_start, e.negated) for e in doc.events]


@pytest.mark.parametrize("body", [BODY, BODY_HANT])
def test_candidates_carry_offsets_into_the_original_text(shipped, body):
    doc, cands = _code(dataclasses.replace(shipped, enabled=False), body, record=True)
    assert cands, "the coder records its trigger candidates"
    for c in cands:
        assert doc.part_text(c.part)[c.start:c.end] == c.trigger
        assert f"w={doc.view(c.part).simplified[c.start:c.end]}" in c.features
        assert c.verdict in ty.PLOVER_TYPES or c.verdict in ("drop", "absorbed", "noargs") or c.verdict.startswith("gate:")
    # the guards' rejects are candidates too (一再/多次: a habit), with the reason as the rules' verdict
    if body is BODY:
        assert any(c.verdict == "gate:iterated" for c in cands)


def test_disabled_typer_leaves_the_rules_output_unchanged(shipped):
    rules, _ = _code(ty.TyperModel(weights={}, bias=(0.0,) * len(ty.LABELS), none_margin=1.0, enabled=False,
                                   words=shipped.words))
    off, _ = _code(dataclasses.replace(shipped, enabled=False))
    recorded, _ = _code(dataclasses.replace(shipped, enabled=False), record=True)
    assert _events(rules) and _events(off) == _events(rules) == _events(recorded)


def test_enabled_typer_decides_type_and_existence(shipped):
    n = len(ty.LABELS)
    only_none = ty.TyperModel(weights={}, bias=(0.0,) * (n - 1) + (5.0,), none_margin=1.0, enabled=True,
                              words=shipped.words)
    doc, _ = _code(only_none)
    assert doc.events == []
    k = ty.LABELS.index("PROTEST")
    all_protest = ty.TyperModel(weights={}, bias=tuple(5.0 if i == k else 0.0 for i in range(n)), none_margin=1.0,
                                enabled=True, words=shipped.words)
    doc, _ = _code(all_protest)
    assert doc.events and {e.type for e in doc.events} == {"PROTEST"}


def test_malformed_weights_fail_naming_the_file(tmp_path, shipped):
    bad = tmp_path / "typer.yaml"
    bad.write_text("enabled: true\nlabels: [" + ", ".join(ty.LABELS) + "]\nbias: '0 1'\nnone_margin: 1\n"
                   "weights: {}\n", encoding="utf-8")
    with pytest.raises(ty.TyperError, match=r"typer\.yaml.*bias"):
        ty.load_model(bad, shipped.words)
    bad.write_text("enabled: maybe\n", encoding="utf-8")
    with pytest.raises(ty.TyperError, match=r"typer\.yaml.*enabled"):
        ty.load_model(bad, shipped.words)
    bad.write_text("enabled: [\n", encoding="utf-8")
    with pytest.raises(ty.TyperError, match=r"typer\.yaml.*cannot read"):
        ty.load_model(bad, shipped.words)
    words = tmp_path / "typer_features.yaml"
    words.write_text("before: [向]\nafter: []\nreport: [据]\nspeech: 表示\n", encoding="utf-8")
    with pytest.raises(ty.TyperError, match=r"typer_features\.yaml.*speech"):
        ty.load_words(words)


def test_the_shipped_weights_load_and_name_their_training(shipped):
    import yaml

    d = yaml.safe_load(data_path("events", "typer.yaml").read_text(encoding="utf-8"))
    meta = d["_meta"]
    assert "train_typer" in meta["command"] and not any("blind" in f for f in meta["training_files"])
    assert set(meta["cv_event_prf"]) >= {"rules"} and shipped.weights


@pytest.fixture(scope="module")
def small_gold():
    runner = tt.Runner()
    paths = [REPO / "tests" / "gold" / "events_001.yaml"]
    from shiju.evaluation import load_gold

    ids = [str(g["id"]) for g in load_gold(paths)][:6]
    return runner, tt.load_docs(runner, paths, None, keep="^(" + "|".join(ids) + ")$")


def test_labels_align_candidates_to_gold_events(small_gold):
    _, docs = small_gold
    labelled = [(c, lab) for gd in docs for c, lab in zip(gd.cands, gd.labels)]
    assert any(lab != ty.NONE for _, lab in labelled)
    for gd in docs:
        for c, lab in zip(gd.cands, gd.labels):
            texts = {str(ge.get("text")): ge.get("type") for ge in gd.gold.get("events") or []
                     if (ge.get("part") or "body") == c.part}
            if c.trigger in texts and lab != ty.NONE:
                assert lab in ty.PLOVER_TYPES
            if lab == ty.NONE:  # a none candidate overlaps no gold event's text
                body = gd.doc.part_text(c.part)
                for t in texts:
                    k = body.find(t)
                    while k >= 0:
                        assert not (k < c.end and c.start < k + len(t))
                        k = body.find(t, k + 1)


def test_retraining_gives_the_same_weights(small_gold):
    _, docs = small_gold
    w1, b1 = tt.fit(docs, 0.3, iters=60)
    w2, b2 = tt.fit(docs, 0.3, iters=60)
    assert w1 and w1 == w2 and b1 == b2
    model = tt.make_model(w1, b1, 1.0, ty.load_words(data_path("events", "typer_features.yaml")))
    # fitted on these documents, the model reproduces most of their labels
    pairs = [(ty.decide(model, c.features), lab) for gd in docs for c, lab in zip(gd.cands, gd.labels)]
    assert sum(p == lab for p, lab in pairs) / len(pairs) > 0.8
