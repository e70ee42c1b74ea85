"""The learned event argument chooser (shiju/events/chooser.py) and its training (train_chooser.py)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from shiju.context import AnalysisContext
from shiju.data import data_path
from shiju.events import chooser as ch
from shiju.model import Document, Event
from shiju.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
STAGES = ("normalize", "actors", "time", "quotes", "events")
BODY = ("新华社首尔3月18日电 美国国务卿布林肯18日在首尔会见韩国外长郑义溶。\n"
        "郑义溶表示，韩方将与美方密切合作。俄罗斯外交部发言人扎哈罗娃当天谴责美国和日本在东海举行联合军演。")


@pytest.fixture(scope="module")
def cfg() -> ch.FeatureConfig:
    return ch.load_config(data_path("events", "chooser_features.yaml"))


@pytest.fixture(scope="module")
def model(cfg) -> ch.ChooserModel:
    return ch.load_model(data_path("events", "chooser_weights.yaml"), cfg)


@pytest.fixture(scope="module")
def coded() -> Document:
    return Pipeline(STAGES)(Document(id="t-ch", source="test", format="text", body=BODY, published="2021-03-18"))


def _event(**kw) -> Event:
    base = dict(id="e1", type="ACCUSE", mode=None, context=[], actor=["RUS"], recipient=[], date=None,
                date_text=None, negated=False, future=False, hypothetical=False, historical=False,
                sentence="", start=0, end=0)
    base.update(kw)
    return Event(**base)


def test_candidate_offsets_are_mentions_of_the_candidate(coded, cfg):
    assert coded.events, "the fixture text must code events"
    spans = {(m.part, m.start, m.end, a.id) for a in coded.actors for m in a.mentions}
    n = 0
    for ev in coded.events:
        for c in ch.candidates(coded, ev, cfg):
            assert c.id in {a.id for a in coded.actors}
            if c.start is None:
                continue
            n += 1
            assert (c.part, c.start, c.end, c.id) in spans
            text = coded.part_text(c.part)[c.start:c.end]
            assert any(text == m.text for a in coded.actors if a.id == c.id for m in a.mentions)
    assert n > 0


def test_side_and_marker_features_follow_the_text(coded, cfg):
    ev = next(e for e in coded.events if e.type == "ACCUSE")
    cands = {c.id: c for c in ch.candidates(coded, ev, cfg)}
    us = cands["USA"]
    assert "side=A" in us.features and "pre=谴责" in us.features  # after the trigger, right after 谴责
    speaker = next(c for c in cands.values() if c.start is not None and c.end <= ev.trigger_start)
    assert "side=B" in speaker.features
    assert f"T={ev.type}" in speaker.features
    # the rules' own choice is a feature, not a decision
    assert any("rule_actor" in c.features for c in cands.values())


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "w.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text, reason", [
    ("enabled: [\n", "cannot read"),
    ("- 1\n- 2\n", "expected a mapping"),
    ("enabled: maybe\napply: [actor]\nbias: [0, 0]\nthreshold: [0.5, 0.5]\nweights: {}\n", "enabled"),
    ("enabled: true\napply: [subject]\nbias: [0, 0]\nthreshold: [0.5, 0.5]\nweights: {}\n", "apply"),
    ("enabled: true\napply: [actor]\nbias: [0]\nthreshold: [0.5, 0.5]\nweights: {}\n", "bias"),
    ("enabled: true\napply: [actor]\nbias: [0, 0]\nthreshold: [1.5, 0.5]\nweights: {}\n", "threshold"),
    ("enabled: true\napply: [actor]\nbias: [0, 0]\nthreshold: [0.5, 0.5]\nweights: {a: [1, x]}\n", "weights.a"),
    ("enabled: true\napply: [actor]\njoint: 1\nbias: [0, 0]\nthreshold: [0.5, 0.5]\nweights: {}\n", "joint"),
])
def test_malformed_weights_file_fails_clearly(tmp_path, cfg, text, reason):
    p = _write(tmp_path, text)
    with pytest.raises(ch.ChooserError) as exc:
        ch.load_model(p, cfg)
    assert str(p) in str(exc.value) and reason in str(exc.value)


def test_malformed_features_file_fails_clearly(tmp_path):
    p = _write(tmp_path, "before: [对]\nafter: 的\nbetween: []\nclause_punct: '，'\n")
    with pytest.raises(ch.ChooserError, match="after"):
        ch.load_config(p)


def test_packaged_weights_load(model):
    assert model.weights and set(model.apply) <= set(ch.ROLES)


def test_choose_takes_the_best_and_close_seconds_and_may_say_none(cfg):
    w = {"good": (2.0, -1.0), "also": (1.8, -1.0), "bad": (-2.0, 3.0), "NONE": (0.0, 1.0)}
    m = ch.ChooserModel(weights=w, bias=(0.0, 0.0), threshold=(0.5, 0.5),
                        apply=("actor", "recipient"), enabled=True, config=cfg)
    cands = [ch.Candidate("A", "body", 0, 1, ("good",)), ch.Candidate("B", "body", 2, 3, ("also",)),
             ch.Candidate("C", "body", 4, 5, ("bad",))]
    actor, recipient = ch.choose(m, cands, _event(actor=["C"], recipient=[]))
    assert actor == ["A", "B"]  # B's probability is within the threshold of A's: a compound actor
    assert recipient == ["C"]   # C beats "none"
    # when its best pick is one the rules made, the rules' set stays (compound sets are theirs)
    assert ch.choose(m, cands, _event(actor=["A", "C"], recipient=[]))[0] == ["A", "C"]
    m2 = dataclasses.replace(m, weights={**w, "NONE": (0.0, 5.0)})
    assert ch.choose(m2, cands, _event(actor=["A"]))[1] == []
    m3 = dataclasses.replace(m, apply=("recipient",))
    assert ch.choose(m3, cands, _event(actor=["Z"], recipient=[]))[0] == ["Z"]  # actor: the rules'


def test_joint_decoding_keeps_the_actor_off_the_recipient_side_except_as_self(cfg):
    acts = {"A": None, "B": None}
    # A scores best for both roles: jointly it is the actor, and the recipient comes from the others
    w = {"a": (3.0, 3.0), "b": (0.0, 1.0), "NONE": (0.0, 0.0), "SELF": (0.0, -5.0)}
    m = ch.ChooserModel(weights=w, bias=(0.0, 0.0), threshold=(0.5, 0.5), apply=("actor", "recipient"),
                        enabled=True, config=cfg, joint=True)
    cands = [ch.Candidate("A", "body", 0, 1, ("a",)), ch.Candidate("B", "body", 2, 3, ("b",))]
    assert ch.choose(m, cands, _event(actor=["B"], recipient=[]), acts) == (["A"], ["B"])
    # not joint: the same weights put A on both sides
    assert ch.choose(dataclasses.replace(m, joint=False), cands, _event(actor=["B"], recipient=[]), acts) == (["A"], ["A"])
    # the SELF option: a domestic act names the actor on both sides
    m_self = dataclasses.replace(m, weights={**w, "SELF": (0.0, 4.0)})
    assert ch.choose(m_self, cands, _event(actor=["B"], recipient=[]), acts) == (["A"], ["A"])
    # "none" beats both
    m_none = dataclasses.replace(m, weights={**w, "NONE": (0.0, 4.0)})
    assert ch.choose(m_none, cands, _event(actor=["B"], recipient=[]), acts) == (["A"], [])


def test_old_weights_files_decode_as_before(cfg, tmp_path):
    p = _write(tmp_path, "enabled: true\napply: [recipient]\nbias: [0, 0]\nthreshold: [0.5, 0.5]\nweights: {}\n")
    assert ch.load_model(p, cfg).joint is False  # a file without `joint` keeps the session-6 decoding


def test_chooser_only_outputs_actors_of_the_document(coded, model):
    on = dataclasses.replace(model, enabled=True, apply=("actor", "recipient"))
    known = {a.id for a in coded.actors if a.mentions}
    out = ch.choose_arguments(coded, AnalysisContext(), list(coded.events), model=on)
    assert len(out) == len(coded.events)
    for before, after in zip(coded.events, out):
        for ids, rules in ((after.actor, before.actor), (after.recipient, before.recipient)):
            assert all(i in known or i in rules for i in ids)
        assert after.actor, "an event keeps an actor"


def test_disabled_chooser_leaves_events_alone(coded, model):
    off = dataclasses.replace(model, enabled=False)
    ctx = AnalysisContext()
    ctx.provide("events.chooser", off)
    assert ch.choose_arguments(coded, ctx, coded.events) is coded.events


def test_training_reproduces_its_weights(cfg):
    pytest.importorskip("numpy")
    from shiju.events import train_chooser as tc

    docs = tc.code_gold([REPO / "tests" / "gold" / "events_001.yaml"], None, cfg, keep=r"^g-ev-00[1-6]$")
    assert len(docs) == 6 and any(lab is not None for cd in docs for lab in cd.labels)
    w1, b1 = tc.fit(docs, 1.0, iters=150)
    w2, b2 = tc.fit(docs, 1.0, iters=150)
    assert w1 and w1 == w2 and b1 == b2
    # the fitted model separates the labels it was fitted on better than chance
    m = tc._model(w1, b1, 0.5, ("actor", "recipient"), cfg)
    right = total = 0
    for cd in docs:
        for ev, cands, labs in zip(cd.events, cd.cands, cd.labels):
            if labs is None or not any(la for la, _ in labs):
                continue
            za, _, _ = ch.scores(m, cands, ev)
            best = max(range(len(cands)), key=lambda k: za[k])
            right += labs[best][0]
            total += 1
    assert total and right / total > 0.6


def test_an_object_naming_no_one_keeps_the_recipient_empty_with_the_chooser_on():
    # the demo's defect, on a sentence of our own: the chooser put the ministry itself as its own target
    # where the text leaves the target unnamed (有关国家); the rule holds whoever chose the arguments
    body = "联合声明批评俄罗斯在黑海的“挑衅行为”。莫斯科外交部随后表示，反对有关国家搞集团对抗。"
    doc = Pipeline(STAGES)(Document(id="t-ch2", source="test", format="text", body=body, published="2024-05-04"))
    acc = [e for e in doc.events if e.type == "ACCUSE" and "反对" in (e.trigger or "")]
    assert all(e.recipient == [] for e in acc)
