"""Speed work must not change output: every record as JSON, before and after, equal.

`benchmarks/snapshot.py` writes the records of ../shared/corpus, ../shared/examples, examples/ and the
non-blind gold bodies. The comparison of two trees is slow (two full pipeline runs, ~1 min on a quiet
machine) and only meaningful for a change meant to keep output, so it runs when SHIJU_SNAPSHOT_REF names
the commit to compare with (e.g. `SHIJU_SNAPSHOT_REF=main pytest tests/test_output_identical.py`);
otherwise only the tool itself is tested.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks import snapshot  # noqa: E402


def _write(path: Path, records: list[tuple[str, str]]) -> None:
    path.write_text("".join(json.dumps({"label": a, "record": r}, ensure_ascii=False) + "\n" for a, r in records),
                    encoding="utf-8")


def test_compare_finds_a_changed_a_missing_and_no_equal_record(tmp_path, capsys):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    _write(a, [("x", '{"id": "1", "events": []}'), ("y", '{"id": "2"}')])
    _write(b, [("x", '{"id": "1", "events": [1]}'), ("y", '{"id": "2"}'), ("z", '{"id": "3"}')])
    _write(c, [("x", '{"id": "1", "events": []}'), ("y", '{"id": "2"}')])
    assert snapshot.compare(a, c) == 0
    assert snapshot.compare(a, b) == 2  # record 0 changed, record 2 missing from a
    assert "differs at char" in capsys.readouterr().out


def test_snapshot_skips_blind_gold_files(tmp_path):
    gold = tmp_path / "tests" / "gold"
    gold.mkdir(parents=True)
    (gold / "dev_a.yaml").write_text("documents:\n- id: d1\n  body: 美国总统拜登周二会见了日本首相。\n",
                                     encoding="utf-8")
    (gold / "blind9_x.yaml").write_text("not: [valid", encoding="utf-8")  # never parsed
    labels = [label for label, _ in snapshot.inputs(tmp_path)]
    assert labels.count("gold:dev_a.yaml") == 1
    assert not any("blind" in x for x in labels)


@pytest.mark.skipif(not os.environ.get("SHIJU_SNAPSHOT_REF"), reason="set SHIJU_SNAPSHOT_REF=<commit> to compare")
def test_records_equal_those_of_the_reference_commit(tmp_path):
    ref = os.environ["SHIJU_SNAPSHOT_REF"]
    old = tmp_path / "old"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    outs = {}
    for name, src in (("old", old / "src"), ("new", REPO / "src")):
        outs[name] = tmp_path / f"{name}.jsonl"
        env = dict(os.environ, PYTHONPATH=str(src))
        # the same inputs (this tree's examples/ and gold) for both; only the code differs
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "snapshot.py"), "write", str(outs[name]),
                        "--repo", str(REPO)], check=True, env=env, cwd=str(REPO))
    assert snapshot.compare(outs["old"], outs["new"]) == 0
