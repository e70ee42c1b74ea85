"""The learned actor mention filter (shiju.actors.mention_filter): the last pipeline stage, dropping actor
mentions a logistic regression scores as unlikely gold mentions; weights in data/actors/mention_filter.yaml."""
from __future__ import annotations

import pytest

from shiju.actors import get_gazetteer
from shiju.actors import mention_filter as mf
from shiju.actors.gazetteer import GazetteerError
from shiju.context import AnalysisContext
from shiju.model import Actor, Document, Mention
from shiju.pipeline import DEFAULT_STAGES, Pipeline

TEXT = "美国总统拜登18日在华盛顿会见日本首相岸田文雄。总统表示，美日同盟坚如磐石。三名中国人在日本境内被捕。"


def _doc() -> Document:
    return Document(id="t", source="test", format="text", body=TEXT, published="2023-01-13")


def _linked(stages=("normalize", "actors")) -> Document:
    return Pipeline(list(stages))(_doc())


def _mentions(doc: Document) -> list[tuple[str, int, int, str]]:
    return sorted((a.id, m.start, m.end, m.part) for a in doc.actors for m in a.mentions)


def test_filter_is_the_last_stage():
    assert DEFAULT_STAGES[-1] == "actor_filter"


def test_drops_what_the_model_scores_low_and_keeps_offsets():
    gaz = get_gazetteer(AnalysisContext())
    doc = _linked()
    before = _mentions(doc)
    # a hand-made model: keep everything except mentions written as a bare title (总统 after 。)
    model = mf.FilterModel({"bias": 5.0, "form:title": -10.0})
    mf.apply_filter(model, gaz, doc)
    after = _mentions(doc)
    assert after and len(after) < len(before)
    dropped = set(before) - set(after)
    assert all(TEXT[s:e] in gaz.title_nouns or TEXT[s:e] in gaz.title_aliases for _, s, e, _ in dropped)
    for a in doc.actors:
        for m in a.mentions:
            assert doc.part_text(m.part)[m.start:m.end] == m.text


def test_an_actor_named_by_a_later_stage_keeps_its_entry():
    gaz = get_gazetteer(AnalysisContext())
    doc = Pipeline()(_doc())
    named = {x for ev in doc.events for x in ev.actor + ev.recipient} | {q.speaker for q in doc.quotes if q.speaker}
    named |= {x for r in doc.relations for x in (r.a, r.b)}
    doc.actors.append(Actor(id="local:无名", mentions=[Mention(0, 2, TEXT[:2])]))  # named by no later stage
    assert named and len(named) < len(doc.actors)
    mf.apply_filter(mf.FilterModel({"bias": -10.0}), gaz, doc)  # drops every mention
    assert all(not a.mentions for a in doc.actors)
    assert {a.id for a in doc.actors} == {a for a in named if a}


def test_disabled_model_changes_nothing():
    ctx = AnalysisContext()
    ctx.resource("actors.mention_filter:", lambda: mf.FilterModel({"bias": -10.0}, enabled=False))
    doc = mf.process(_linked(), ctx)
    assert _mentions(doc) == _mentions(_linked())


def test_packaged_model_loads_with_header_and_recipe(repo_dir):
    model = mf.load_filter()
    assert model is not None and "bias" in model.weights and 0.0 < model.threshold < 1.0
    text = (repo_dir / "src/shiju/data/actors/mention_filter.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Learned mention filter")
    assert "\ntraining:" in text and "blind" not in text.split("\ntraining:")[1].split("\nweights:")[0]


@pytest.mark.parametrize("body,needle", [
    ("weights: [1, 2]\n", "mapping with `weights:`"),
    ("weights: {bias: yes}\n", "must be a number"),
    ("threshold: 2\nweights: {bias: 1.0}\n", "threshold"),
    ("weights: {bias: [1\n", "cannot parse"),
])
def test_malformed_model_file_names_the_file(tmp_path, body, needle):
    (tmp_path / "actors").mkdir()
    path = tmp_path / "actors" / "mention_filter.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        mf.load_filter(str(tmp_path))
    assert str(path) in str(err.value) and needle in str(err.value)


def test_absent_model_file_means_no_filter(tmp_path):
    assert mf.load_filter(str(tmp_path)) is None


def test_retraining_is_deterministic(repo_dir):
    files = [str(repo_dir / "tests/gold/actors_news.yaml")]
    exs, misses = mf.examples(files)
    assert exs and {e.label for e in exs} <= {0, 1} and all(n >= 0 for n in misses.values())
    w1 = mf.train(exs, epochs=50)
    w2 = mf.train(exs, epochs=50)
    assert w1 == w2 and "bias" in w1


def test_training_globs_skip_blind_files_and_naming_one_is_refused(repo_dir, monkeypatch):
    monkeypatch.chdir(repo_dir)
    files = mf.training_files(["tests/gold/*.yaml"])
    assert files and not any("blind" in f.rsplit("/", 1)[-1] for f in files)
    with pytest.raises(SystemExit, match="blind"):
        mf.training_files(["tests/gold/blind_001.yaml"])
