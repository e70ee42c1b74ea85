"""The one gate every trainer uses for its gold files: globs expand, duplicates drop, blind files stop the run."""
from __future__ import annotations

import pytest

from shiju.training_data import gold_paths


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
