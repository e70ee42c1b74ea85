"""The one gate every trainer uses for its gold files: globs expand, duplicates drop, blind files stop the run."""
from __future__ import annotations

import pytest

from shiju.training_data import coding_cache, gold_for, gold_paths, load_coding_cache, source_set


def test_globs_expand_in_order_without_duplicates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("events_002.yaml", "events_001.yaml", "quotes_001.yaml"):
        (tmp_path / name).write_text("documents: []\n", encoding="utf-8")
    got = gold_paths(["events_*.yaml", "events_001.yaml", "quotes_001.yaml"])
    assert [p.name for p in got] == ["events_001.yaml", "events_002.yaml", "quotes_001.yaml"]


@pytest.mark.parametrize("pattern", ["blind5_001.yaml", "b*.yaml"])
def test_a_blind_file_stops_training_and_is_named(tmp_path, monkeypatch, pattern):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blind5_001.yaml").write_text("documents: []\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"blind5_001\.yaml: blind gold files are never used for selection"):
        gold_paths([pattern], "selection")


def test_gold_for_keeps_documents_with_the_component_and_filters_ids(tmp_path):
    f = tmp_path / "events_001.yaml"
    f.write_text("documents:\n"
                 "- {id: g-a-1, body: x, events: []}\n"
                 "- {id: g-a-b-2, body: y, events: []}\n"
                 "- {id: g-a-3, body: z, quotes: []}\n", encoding="utf-8")
    assert [g["id"] for g in gold_for([f], "events")] == ["g-a-1", "g-a-b-2"]
    assert [g["id"] for g in gold_for([f], "events", exclude=r"-b-")] == ["g-a-1"]
    assert [g["id"] for g in gold_for([f], "events", keep=r"-b-")] == ["g-a-b-2"]
    assert [g["id"] for g in gold_for([f], "quotes")] == ["g-a-3"]


def test_source_set_names_the_annotator_set_of_a_file():
    assert source_set("tests/gold/fresh7_news_001.yaml") == "fresh7"
    assert source_set("tests/gold/events_fresh4.yaml") == "dev"
    assert source_set("tests/gold/stance_001.yaml", own="ours") == "ours"


class _CachedThing:
    def __init__(self, value: int) -> None:
        self.value = value


def test_coding_cache_is_named_by_file_and_size_and_reads_a_cache_written_under_main(tmp_path, monkeypatch):
    import pickle
    import sys

    gold = tmp_path / "events_001.yaml"
    gold.write_text("documents: []\n", encoding="utf-8")
    f = coding_cache(tmp_path / "cache", gold)
    assert f == tmp_path / "cache" / f"events_001.yaml.{gold.stat().st_size}.pkl" and f.parent.is_dir()
    # a trainer run as `python -m` pickles its class as __main__.<name>
    monkeypatch.setattr(_CachedThing, "__module__", "__main__")
    monkeypatch.setattr(sys.modules["__main__"], "_CachedThing", _CachedThing, raising=False)
    f.write_bytes(pickle.dumps([_CachedThing(7)]))
    monkeypatch.undo()
    assert b"__main__" in f.read_bytes()
    got = load_coding_cache(f, _CachedThing)
    assert isinstance(got[0], _CachedThing) and got[0].value == 7
    with pytest.raises(AttributeError):  # without the remap the name does not resolve
        pickle.loads(f.read_bytes())
