"""The learned over-coding filter (shiju/events/overcoding.py) and its training (train_overcoding.py)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from shiju.context import AnalysisContext
from shiju.data import data_path
from shiju.events import overcoding as oc
from shiju.model import Document
from shiju.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
STAGES = ("normalize", "actors", "time", "quotes", "events")
BODY = ("新华社首尔3月18日电 美国国务卿布林肯18日在首尔会见韩国外长郑义溶。\n"
        "郑义溶表示，韩方将与美方密切合作。俄罗斯外交部发言人扎哈罗娃当天谴责美国和日本在东海举行联合军演。")


@pytest.fixture(scope="module")
def cues() -> tuple[str, ...]:
    return oc.load_cues(data_path("events", "overcoding_features.yaml"))


@pytest.fixture(scope="module")
def model(cues) -> oc.OvercodingModel:
    return oc.load_model(data_path("events", "overcoding.yaml"), cues)


def _coded(ctx: AnalysisContext) -> Document:
    return Pipeline(STAGES, ctx=ctx)(Document(id="t-oc", source="test", format="text", body=BODY,
                                              published="2021-03-18"))


def _ctx(model: oc.OvercodingModel) -> AnalysisContext:
    ctx = AnalysisContext()
    ctx.provide("events.overcoding", model)
    return ctx


@pytest.fixture(scope="module")
def coded(model) -> Document:
    """The fixture text coded with the filter on but keeping everything: the coder's own events."""
    return _coded(_ctx(dataclasses.replace(model, enabled=True, threshold=0.0)))


def test_features_name_no_actor_and_mask_mentions(coded, cues):
    assert coded.events, "the fixture text must code events"
    names = {m.text for a in coded.actors for m in a.mentions}
    feats = oc.document_features(coded, coded.events, 0, cues)
    assert len(feats) == len(coded.events)
    for ev, fs in zip(coded.events, feats):
        assert f"T={ev.type}" in fs
        for f in fs:
            assert not any(len(n) >= 2 and n in f for n in names), f  # no actor name inside a feature
    accuse = next(fs for ev, fs in zip(coded.events, feats) if ev.type == "ACCUSE")
    assert "next=Ⓐ" in accuse  # 谴责 is followed by 美国, a mention: masked


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "w.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text, reason", [
    ("enabled: [\n", "cannot read"),
    ("- 1\n", "expected a mapping"),
    ("enabled: maybe\nthreshold: 0.2\nbias: 0\nweights: {}\n", "enabled"),
    ("enabled: true\nthreshold: 1.5\nbias: 0\nweights: {}\n", "threshold"),
    ("enabled: true\nthreshold: 0.2\nbias: x\nweights: {}\n", "bias"),
    ("enabled: true\nthreshold: 0.2\nbias: 0\nweights: {a: [1]}\n", "weights.a"),
])
def test_malformed_weights_file_fails_naming_it(tmp_path, cues, text, reason):
    p = _write(tmp_path, text)
    with pytest.raises(oc.OvercodingError) as exc:
        oc.load_model(p, cues)
    assert str(p) in str(exc.value) and reason in str(exc.value)


def test_malformed_cues_file_fails_naming_it(tmp_path):
    p = _write(tmp_path, "before: 据\n")
    with pytest.raises(oc.OvercodingError) as exc:
        oc.load_cues(p)
    assert str(p) in str(exc.value)


def test_disabled_filter_equals_the_rules(coded, model):
    off = dataclasses.replace(model, enabled=False)
    ctx = _ctx(off)
    assert oc.filter_events(coded, ctx, coded.events) is coded.events
    # the whole pipeline with the filter off codes what the coder codes when the filter keeps everything
    assert [(e.type, e.actor, e.recipient, e.start) for e in _coded(ctx).events] == \
        [(e.type, e.actor, e.recipient, e.start) for e in coded.events]


def test_filter_drops_by_probability_and_keeps_flagged_events(coded, cues):
    ev = coded.events[0]
    keep_all = oc.OvercodingModel(weights={}, bias=5.0, threshold=0.5, enabled=True, cues=cues)
    assert oc.filter_events(coded, AnalysisContext(), coded.events, model=keep_all) == coded.events
    drop_type = oc.OvercodingModel(weights={f"T={ev.type}": -20.0}, bias=5.0, threshold=0.5, enabled=True,
                                   cues=cues)
    out = oc.filter_events(coded, AnalysisContext(), coded.events, model=drop_type)
    assert all(e.type != ev.type for e in out) and len(out) < len(coded.events)
    flagged = [dataclasses.replace(e, negated=True) for e in coded.events]
    assert oc.filter_events(coded, AnalysisContext(), flagged, model=drop_type) == flagged
    for e in out:  # what is kept is unchanged, offsets included
        assert coded.part_text(e.part)[e.start:e.end] == e.sentence


def test_training_is_deterministic_and_learns(tmp_path):
    pytest.importorskip("numpy")
    from shiju.events import train_overcoding as to

    docs = to.code_gold([REPO / "tests" / "gold" / "events_001.yaml"], None, keep=r"^g-ev-00[1-8]$")
    assert len(docs) == 8 and sum(len(cd.labels) for cd in docs) > 10
    w1, b1 = to.fit(docs, 1.0, iters=200)
    w2, b2 = to.fit(docs, 1.0, iters=200)
    assert w1 and w1 == w2 and b1 == b2
    # on the data it was fitted on, the right events score higher on average than the wrong ones
    m = to.make_model(w1, b1, 0.5, oc.load_cues(data_path("events", "overcoding_features.yaml")))
    ps = [(oc.probability(m, fs), y) for cd in docs for fs, y in zip(cd.features, cd.labels)]
    pos = [p for p, y in ps if y]
    neg = [p for p, y in ps if not y]
    assert pos and neg and sum(pos) / len(pos) > sum(neg) / len(neg)
    out = tmp_path / "oc.yaml"
    to.write_model(out, w1, b1, 0.3, False, {"trained": "test"})
    back = oc.load_model(out, m.cues)
    assert back.weights == w1 and back.bias == b1 and back.enabled is False


def test_cross_validation_can_leave_one_annotator_set_out():
    from types import SimpleNamespace

    from shiju.events import train_overcoding as to

    docs = [SimpleNamespace(source=s, n=i) for i, s in enumerate(["dev", "fresh5", "dev", "fresh6", "fresh5"])]
    by_set = to.splits_of(docs, 5, by_source=True)
    assert [sorted({d.source for d in test}) for _, test in by_set] == [["dev"], ["fresh5"], ["fresh6"]]
    for train, test in by_set:  # every document is tested once, never trained on in its own split
        assert not {d.n for d in train} & {d.n for d in test} and len(train) + len(test) == len(docs)
    by_doc = to.splits_of(docs, 2, by_source=False)
    assert len(by_doc) == 2 and sorted(d.n for _, test in by_doc for d in test) == [0, 1, 2, 3, 4]
