"""The Ray engine runs the same stages and yields records identical to the local engine's."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shiju.distributed import (WorkUnit, _jsonl_slices, analyse_on_ray, group_units, iter_shard_rows, plan_units,
                               read_unit)
from shiju.readers import ReadOptions, iter_documents

REPO = Path(__file__).resolve().parents[1]


def _shiju(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "shiju.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_jsonl_slices_cover_the_file_at_line_boundaries(tmp_path):
    f = tmp_path / "c.jsonl"
    lines = [json.dumps({"text": f"第{i}条新闻：" + "中美" * (i % 7)}, ensure_ascii=False) for i in range(200)]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    slices = list(_jsonl_slices(str(f), 300))
    assert len(slices) > 5
    data = f.read_bytes()
    assert slices[0][0] == 0 and slices[-1][1] == len(data)
    for (s1, e1, _), (s2, _, _) in zip(slices, slices[1:]):
        assert e1 == s2 and data[e1 - 1:e1] == b"\n"
    assert [first for _, _, first in slices] == [data[:s].count(b"\n") for s, _, _ in slices]


def test_units_read_exactly_what_the_local_reader_reads(tmp_path):
    f = tmp_path / "c.jsonl"
    rows = [{"text": f"新闻{i}：美国与日本举行会谈。", "date": "2024-05-0" + str(1 + i % 9)} for i in range(50)]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n", encoding="utf-8")
    opts = ReadOptions()
    local = [(getattr(x, "source", None) or x.path, getattr(x, "id", None)) for x in iter_documents([str(f)], opts)]
    units = list(plan_units([str(f)], opts, slice_bytes=256))
    assert len(units) > 3
    split = [(getattr(x, "source", None) or x.path, getattr(x, "id", None)) for u in units for x in read_unit(u, opts)]
    assert split == local
    assert local[-1][0].endswith(":51")  # the bad line is reported by its own line number


@pytest.mark.skipif(shutil.which("ray") is None and not Path(sys.executable).with_name("ray").exists(),
                    reason="Ray is not installed (pip install 'shiju[ray]')")
def test_ray_records_equal_local_records(tmp_path):
    pytest.importorskip("ray")
    local = tmp_path / "local.jsonl"
    onray = tmp_path / "ray.jsonl"
    # A JSON Lines file big enough to be cut into several slices, so that records from several tasks and
    # shards are put back in input order.
    feed = [json.loads(x) for x in (REPO / "examples" / "feed.jsonl").read_text(encoding="utf-8").splitlines()]
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({**feed[i % len(feed)], "url": f"https://example.org/{i}"}, ensure_ascii=False)
                           + "\n" for i in range(120)), encoding="utf-8")
    r1 = _shiju("analyze", "examples", str(big), "--no-store", "--workers", "1", "--json", "-o", str(local), cwd=REPO)
    assert r1.returncode == 0, r1.stderr
    r2 = _shiju("analyze", "examples", str(big), "--no-store", "--engine", "ray", "--workers", "2", "--json",
                "-o", str(onray), "--shards", str(tmp_path / "shards"), cwd=REPO)
    assert r2.returncode == 0, r2.stderr
    a = [json.loads(x) for x in local.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in onray.read_text(encoding="utf-8").splitlines()]
    assert len(a) >= 126
    assert a == b
    assert len(list((tmp_path / "shards").glob("*.parquet"))) > 2


def test_an_unreadable_jsonl_input_is_a_read_error_naming_it(tmp_path):
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")  # a dangling link is still planned
    good = tmp_path / "ok.jsonl"
    good.write_text(json.dumps({"text": "美国与日本举行会谈。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    planned = list(plan_units([str(tmp_path / "gone.jsonl"), str(good)], ReadOptions()))
    assert not isinstance(planned[0], WorkUnit) and planned[0].path.endswith("gone.jsonl") and planned[0].reason
    assert isinstance(planned[1], WorkUnit) and planned[1].path == str(good)


def test_files_are_grouped_into_tasks_and_slices_stay_alone():
    files = [WorkUnit(i, f"/in/{i}.html") for i in range(100)]
    slices = [WorkUnit(100 + i, "/in/big.jsonl", "jsonl-slice", i * 10, i * 10 + 10) for i in range(3)]
    tasks = group_units(files[:50] + slices + files[50:], workers=2)
    assert [u.index for t in tasks for u in t] == list(range(50)) + [100, 101, 102] + list(range(50, 100))
    assert all(len(t) == 1 for t in tasks if t[0].kind == "jsonl-slice")
    assert max(len(t) for t in tasks) > 1  # small files share a task
    assert len(tasks) >= 2 * 8  # still enough tasks for the last ones to balance two workers
    assert max(len(t) for t in group_units(files * 100, workers=1, max_files=64)) == 64


def test_a_shard_folder_of_another_run_is_refused(tmp_path):
    (tmp_path / "part-000000000.parquet").write_bytes(b"")
    with pytest.raises(ValueError, match="already holds shards"):
        analyse_on_ray([str(REPO / "examples")], ReadOptions(), ["normalize"], str(tmp_path))


def test_shards_are_read_back_in_unit_order(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    for first in (40, 0, 7):  # written in any order, as the workers finish them
        rows = {"unit": [first, first, first + 1], "seq": [0, 1, 0], "id": ["a", "b", "c"],
                "source": ["s"] * 3, "record": ["{}"] * 3, "error": [None] * 3}
        pq.write_table(pa.table(rows), tmp_path / f"part-{first:09d}.parquet")
    (tmp_path / "notes.txt").write_text("not a shard", encoding="utf-8")
    got = [(r["unit"], r["seq"]) for r in iter_shard_rows(str(tmp_path))]
    assert got == [(0, 0), (0, 1), (1, 0), (7, 0), (7, 1), (8, 0), (40, 0), (40, 1), (41, 0)]
